"""Stock summary (收发存汇总) and the low-stock list, aggregated by SQL in the replica.

Quantities are stored as integer thousandths (domain.types.ScaledDecimal),
so SQL sums are exact and closing = opening + in - out is exact to the
last digit. A movement with a positive quantity counts as "in" (receipts,
returns, transfers in), a negative one as "out".
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal
from typing import Any

from sqlalchemy import and_, case, func, literal, or_, select, tuple_, type_coerce
from sqlalchemy.orm import Session

from desktop.models.customer_model import like_pattern
from desktop.models.order_filters import _with_descendants
from domain.models import Product, ProductCategory, ReorderPoint, StockBalance, StockMovement, Warehouse
from domain.money import ZERO

QUANTITY_KEYS = ("opening", "quantity_in", "quantity_out", "closing")
AMOUNT_KEYS = ("opening_amount", "amount_in", "amount_out", "closing_amount")


@dataclasses.dataclass(frozen=True)
class SummaryFilter:
    date_from: dt.date
    date_to: dt.date
    warehouse_id: str | None = None
    # The category and every category under it.
    category_id: str | None = None
    text: str = ""


def text_condition(text: str):
    """Return the product search condition of the stock lists: name, code, barcode prefix, mnemonic prefix."""
    pattern = like_pattern(text)
    return or_(
        Product.name.like(pattern, escape="\\"),
        Product.code.like(pattern, escape="\\"),
        Product.barcode.like(like_pattern(text, prefix_only=True), escape="\\"),
        Product.mnemonic.like(like_pattern(text.lower(), prefix_only=True), escape="\\"),
    )


def _signed_cost():
    """Return the cost amount with the sign of the movement's quantity, whatever sign posting stored."""
    amount = func.abs(StockMovement.cost_amount)
    return case((StockMovement.quantity < 0, -amount), else_=amount)


def _summary_totals_subquery(summary_filter: SummaryFilter):
    quantity = StockMovement.quantity
    in_range = StockMovement.posting_date >= summary_filter.date_from
    before = StockMovement.posting_date < summary_filter.date_from
    quantity_type = StockMovement.quantity.type
    money_type = StockMovement.cost_amount.type

    def summed(expression, type_):
        return type_coerce(func.coalesce(func.sum(expression), 0), type_)

    query = (
        select(
            StockMovement.product_id,
            StockMovement.warehouse_id,
            summed(case((before, quantity), else_=0), quantity_type).label("opening"),
            summed(case((and_(in_range, quantity > 0), quantity), else_=0), quantity_type).label("quantity_in"),
            summed(case((and_(in_range, quantity < 0), -quantity), else_=0), quantity_type).label("quantity_out"),
            summed(case((before, _signed_cost()), else_=0), money_type).label("opening_amount"),
            summed(case((and_(in_range, quantity > 0), _signed_cost()), else_=0), money_type).label("amount_in"),
            summed(case((and_(in_range, quantity < 0), -_signed_cost()), else_=0), money_type).label("amount_out"),
        )
        .where(StockMovement.posting_date <= summary_filter.date_to)
        .group_by(StockMovement.product_id, StockMovement.warehouse_id)
    )
    if summary_filter.warehouse_id:
        query = query.where(StockMovement.warehouse_id == summary_filter.warehouse_id)
    return query.subquery("movement_sums")


def _summary_query(session: Session, summary_filter: SummaryFilter, columns):
    sums = _summary_totals_subquery(summary_filter)
    query = (
        select(*columns(sums))
        .select_from(sums)
        .join(Product, Product.id == sums.c.product_id)
        .join(Warehouse, Warehouse.id == sums.c.warehouse_id)
        # A pair with nothing before or in the period has no row, and neither has one that is all zeros.
        .where(or_(sums.c.opening != 0, sums.c.quantity_in != 0, sums.c.quantity_out != 0))
    )
    if summary_filter.category_id:
        categories = _with_descendants(session, ProductCategory, summary_filter.category_id)
        query = query.where(Product.category_id.in_(categories))
    text = summary_filter.text.strip()
    if text:
        query = query.where(text_condition(text))
    return query, sums


def load_summary(session: Session, summary_filter: SummaryFilter, after: dict[str, Any] | None,
                 limit: int) -> list[dict[str, Any]]:
    """Return up to `limit` summary rows after the row `after`, by product code and warehouse code."""
    def columns(sums):
        return (
            (Product.id + literal(":") + Warehouse.id).label("id"),
            Product.code.label("product_code"), Product.name.label("product_name"), Product.variant.label("variant"),
            Product.base_unit.label("unit"), Warehouse.code.label("warehouse_code"),
            Warehouse.name.label("warehouse_name"),
            *(sums.c[key] for key in QUANTITY_KEYS[:3] + AMOUNT_KEYS[:3]),
        )

    query, _sums = _summary_query(session, summary_filter, columns)
    if after is not None:
        query = query.where(
            tuple_(Product.code, Warehouse.code) > tuple_(literal(after["product_code"]), literal(after["warehouse_code"]))
        )
    rows = []
    for row in session.execute(query.order_by(Product.code, Warehouse.code).limit(limit)):
        values = dict(row._mapping)
        values["closing"] = values["opening"] + values["quantity_in"] - values["quantity_out"]
        values["closing_amount"] = values["opening_amount"] + values["amount_in"] - values["amount_out"]
        if values["variant"]:
            values["product_name"] = f"{values['product_name']} {values['variant']}"
        rows.append(values)
    return rows


def summary_totals(session: Session, summary_filter: SummaryFilter) -> dict[str, Decimal]:
    """Return the sums of every summary row the filter matches, loaded or not, keyed like the rows.

    "unit_count" is the number of base units among those rows and "unit" one
    of them: quantities in different units do not add up to a meaningful total.
    """
    def columns(sums):
        return (sums.c.opening, sums.c.quantity_in, sums.c.quantity_out,
                sums.c.opening_amount, sums.c.amount_in, sums.c.amount_out, Product.base_unit.label("unit"))

    inner, sums = _summary_query(session, summary_filter, columns)
    rows = inner.subquery("summary_rows")
    keys = ("opening", "quantity_in", "quantity_out", "opening_amount", "amount_in", "amount_out")
    query = select(*(type_coerce(func.sum(rows.c[key]), sums.c[key].type).label(key) for key in keys),
                   func.count(func.distinct(rows.c.unit)).label("unit_count"), func.min(rows.c.unit).label("unit"))
    totals = dict(session.execute(query).one()._mapping)
    unit_count, unit = totals.pop("unit_count"), totals.pop("unit")
    totals = {key: value or ZERO for key, value in totals.items()}
    totals["unit_count"], totals["unit"] = unit_count, unit or ""
    totals["closing"] = totals["opening"] + totals["quantity_in"] - totals["quantity_out"]
    totals["closing_amount"] = totals["opening_amount"] + totals["amount_in"] - totals["amount_out"]
    return totals


@dataclasses.dataclass(frozen=True)
class LowStockFilter:
    warehouse_id: str | None = None
    text: str = ""


def load_low_stock(session: Session, low_filter: LowStockFilter, after: dict[str, Any] | None,
                   limit: int) -> list[dict[str, Any]]:
    """Return the reorder points whose available stock (on hand - reserved) is below the reorder point."""
    quantity_type = StockBalance.on_hand.type
    balances = (
        select(
            StockBalance.product_id,
            StockBalance.warehouse_id,
            type_coerce(func.sum(StockBalance.on_hand - StockBalance.reserved), quantity_type).label("available"),
        )
        .group_by(StockBalance.product_id, StockBalance.warehouse_id)
        .subquery("balances")
    )
    available = type_coerce(func.coalesce(balances.c.available, 0), quantity_type)
    query = (
        select(
            ReorderPoint.id, ReorderPoint.product_id, ReorderPoint.warehouse_id,
            Product.code.label("product_code"), Product.name.label("product_name"), Product.variant.label("variant"),
            Product.base_unit.label("unit"), Warehouse.code.label("warehouse_code"),
            Warehouse.name.label("warehouse_name"),
            available.label("available"),
            ReorderPoint.reorder_point, ReorderPoint.reorder_quantity, ReorderPoint.max_quantity,
        )
        .join(Product, Product.id == ReorderPoint.product_id)
        .join(Warehouse, Warehouse.id == ReorderPoint.warehouse_id)
        .outerjoin(balances, and_(balances.c.product_id == ReorderPoint.product_id,
                                  balances.c.warehouse_id == ReorderPoint.warehouse_id))
        .where(available < ReorderPoint.reorder_point, Product.deleted_at.is_(None), Warehouse.deleted_at.is_(None))
    )
    if low_filter.warehouse_id:
        query = query.where(ReorderPoint.warehouse_id == low_filter.warehouse_id)
    text = low_filter.text.strip()
    if text:
        query = query.where(text_condition(text))
    if after is not None:
        query = query.where(
            tuple_(Product.code, Warehouse.code) > tuple_(literal(after["product_code"]), literal(after["warehouse_code"]))
        )
    rows = []
    for row in session.execute(query.order_by(Product.code, Warehouse.code).limit(limit)):
        values = dict(row._mapping)
        values["shortfall"] = values["reorder_point"] - values["available"]
        values["suggested"] = suggested_order(values["available"], values["reorder_point"],
                                              values["reorder_quantity"], values["max_quantity"])
        if values["variant"]:
            values["product_name"] = f"{values['product_name']} {values['variant']}"
        rows.append(values)
    return rows


def suggested_order(available: Decimal, reorder_point: Decimal, reorder_quantity: Decimal | None,
                    max_quantity: Decimal | None) -> Decimal:
    """Return the quantity to order: the reorder quantity, else up to the maximum, else the shortfall."""
    if reorder_quantity is not None:
        return reorder_quantity
    if max_quantity is not None and max_quantity > available:
        return max_quantity - available
    return reorder_point - available
