"""Replica reads of the stocktake tab and editor: the list, a fresh count sheet and a saved one.

A fresh sheet has one line per product and batch with stock in the
warehouse, plus one batch-less line for each active product without any,
so goods found of a product without book stock can be typed in too.
Quantities are in base units. The unit cost is the replicated moving
average, which only roles that see cost receive, so it is None for others.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal
from typing import Any

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from desktop.models.order_filters import _with_descendants
from domain.ids import key_id
from domain.models import (
    Product,
    ProductCategory,
    StockBalance,
    StockCost,
    Stocktake,
    StocktakeLine,
    Warehouse,
)
from domain.money import ZERO

# How many stocktakes the list shows, newest first.
LIST_LIMIT = 500


@dataclasses.dataclass
class SheetLine:
    """One line of the count sheet; `counted` is what the user typed, the book quantity until then."""

    product_id: str
    product_code: str
    product_name: str
    unit: str
    batch_no: str
    expiry_date: dt.date | None
    book: Decimal
    counted: Decimal
    unit_cost: Decimal | None
    reason: str = ""
    batch_tracked: bool = False
    expiry_tracked: bool = False
    # A batch line the user added for goods of a batch the book does not list; its batch and expiry are editable.
    added: bool = False

    @property
    def difference(self) -> Decimal:
        return self.counted - self.book


@dataclasses.dataclass
class SavedStocktake:
    id: str
    number: str
    status: str
    warehouse_id: str
    category_id: str | None
    document_date: dt.date
    lines: list[SheetLine]


def line_id(stocktake_id: str, product_id: str, batch_no: str) -> str:
    """Return the id of a sheet line, the same at every save of the stocktake."""
    return key_id("stocktake_line", stocktake_id, product_id, batch_no)


def load_stocktakes(session: Session) -> list[dict[str, Any]]:
    """Return the newest stocktakes of the replica's warehouses with their count of differing lines."""
    differing = (
        select(StocktakeLine.stocktake_id, func.count().label("differing"))
        .where(StocktakeLine.difference_quantity != 0)
        .group_by(StocktakeLine.stocktake_id)
        .subquery("differing")
    )
    query = (
        select(Stocktake.id, Stocktake.number, Stocktake.document_date, Stocktake.status,
               Stocktake.difference_amount, Stocktake.warehouse_id,
               (Warehouse.code + " " + Warehouse.name).label("warehouse"),
               func.coalesce(differing.c.differing, 0).label("differing_lines"))
        .join(Warehouse, Warehouse.id == Stocktake.warehouse_id)
        .outerjoin(differing, differing.c.stocktake_id == Stocktake.id)
        .order_by(Stocktake.document_date.desc(), Stocktake.number.desc())
        .limit(LIST_LIMIT)
    )
    return [dict(row._mapping) for row in session.execute(query)]


def load_warehouses(session: Session) -> list[tuple[str, str]]:
    """Return (id, "code name") of the warehouses in the replica, which are those of the user's scope."""
    query = select(Warehouse.id, Warehouse.code, Warehouse.name).where(Warehouse.deleted_at.is_(None)).order_by(Warehouse.code)
    return [(row.id, f"{row.code} {row.name}") for row in session.execute(query)]


def load_categories(session: Session) -> list[tuple[str, str]]:
    query = (select(ProductCategory.id, ProductCategory.code, ProductCategory.name)
             .where(ProductCategory.deleted_at.is_(None)).order_by(ProductCategory.code))
    return [(row.id, f"{row.code} {row.name}") for row in session.execute(query)]


def _unit_costs(session: Session, warehouse_id: str) -> dict[str, Decimal]:
    """Return the average cost per product, the warehouse's own row winning over the per-product one ("")."""
    rows = session.execute(
        select(StockCost.product_id, StockCost.average_cost)
        .where(StockCost.warehouse_id.in_(("", warehouse_id)), StockCost.average_cost.is_not(None))
        .order_by(case((StockCost.warehouse_id == "", 0), else_=1))
    )
    return {product_id: cost for product_id, cost in rows}


def _products(session: Session, category_id: str | None):
    query = select(Product).where(Product.deleted_at.is_(None)).order_by(Product.code)
    if category_id:
        query = query.where(Product.category_id.in_(_with_descendants(session, ProductCategory, category_id)))
    return list(session.execute(query).scalars())


def fresh_sheet(session: Session, warehouse_id: str, category_id: str | None) -> list[SheetLine]:
    """Return the count sheet of a warehouse (and category): book stock per product and batch."""
    balances: dict[str, list[StockBalance]] = {}
    for balance in session.execute(
        select(StockBalance).where(StockBalance.warehouse_id == warehouse_id, StockBalance.on_hand != 0)
        .order_by(StockBalance.batch_no)
    ).scalars():
        balances.setdefault(balance.product_id, []).append(balance)
    costs = _unit_costs(session, warehouse_id)
    lines = []
    for product in _products(session, category_id):
        rows = balances.get(product.id)
        if not rows and not product.active:
            continue
        keys = [(row.batch_no, row.expiry_date, row.on_hand) for row in rows] if rows else [("", None, ZERO)]
        for batch_no, expiry_date, on_hand in keys:
            name = f"{product.name} {product.variant}" if product.variant else product.name
            lines.append(SheetLine(
                product.id, product.code, name, product.base_unit,
                batch_no, expiry_date, on_hand, on_hand, costs.get(product.id), batch_tracked=product.batch_tracked,
                expiry_tracked=product.expiry_tracked,
            ))
    return lines


def load_saved(session: Session, stocktake_id: str) -> SavedStocktake:
    """Return a stored stocktake with its lines as the sheet shows them."""
    stocktake = session.get(Stocktake, stocktake_id)
    if stocktake is None:
        raise LookupError(f"stocktake {stocktake_id} not found in the replica; sync, then open it again")
    costs = _unit_costs(session, stocktake.warehouse_id)
    rows = session.execute(
        select(StocktakeLine, Product)
        .join(Product, Product.id == StocktakeLine.product_id)
        .where(StocktakeLine.stocktake_id == stocktake_id)
        .order_by(StocktakeLine.line_no)
    ).all()
    lines = []
    for line, product in rows:
        name = f"{product.name} {product.variant}" if product.variant else product.name
        cost = line.unit_cost if line.unit_cost is not None else costs.get(product.id)
        lines.append(SheetLine(
            product.id, product.code, name, product.base_unit, line.batch_no, line.expiry_date,
            line.book_quantity, line.counted_quantity, cost, line.reason or "", product.batch_tracked,
            product.expiry_tracked,
        ))
    return SavedStocktake(stocktake.id, stocktake.number, stocktake.status, stocktake.warehouse_id,
                          stocktake.product_category_id, stocktake.document_date, lines)


def sheet_payload(stocktake_id: str, number: str, warehouse_id: str, category_id: str | None,
                  document_date: dt.date, lines: list[SheetLine]) -> dict[str, Any]:
    """Return the stocktake.save / stocktake.post payload of a sheet.

    Line ids come from the product and batch, so an added line whose batch
    was typed after it was inserted gets the id of its final batch.
    """
    return {
        "id": stocktake_id,
        "number": number,
        "warehouse_id": warehouse_id,
        "product_category_id": category_id,
        "document_date": document_date.isoformat(),
        "lines": [
            {
                "id": line_id(stocktake_id, line.product_id, line.batch_no),
                "product_id": line.product_id,
                "batch_no": line.batch_no,
                "expiry_date": line.expiry_date.isoformat() if line.expiry_date else None,
                "book_quantity": str(line.book),
                "counted_quantity": str(line.counted),
                "reason": line.reason.strip() or None,
            }
            for line in lines
        ],
    }
