"""Replica reads of the product detail: header, stock per warehouse, prices, and sales history pages."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal
from typing import Any

from sqlalchemy import literal, select, union_all
from sqlalchemy.orm import Session

from domain.models import (
    AgreedPrice,
    Brand,
    CategoryPrice,
    Customer,
    CustomerCategory,
    DeliveryLine,
    DeliveryNote,
    PriceAdjustment,
    PriceAdjustmentLine,
    Product,
    ProductBarcode,
    ProductCategory,
    ProductUnit,
    SalesOrder,
    SalesOrderLine,
    StockBalance,
    Warehouse,
)
from domain.permissions import role_sees_cost

HISTORY_PAGE = 100


@dataclasses.dataclass(frozen=True)
class UnitInfo:
    name: str
    factor: Decimal
    price: Decimal | None
    barcodes: tuple[str, ...]


@dataclasses.dataclass(frozen=True)
class StockRow:
    warehouse: str
    on_hand: Decimal
    reserved: Decimal

    @property
    def available(self) -> Decimal:
        return self.on_hand - self.reserved


@dataclasses.dataclass(frozen=True)
class PriceRow:
    # "category", "price_level", "agreed" or "adjustment".
    kind: str
    applies_to: str
    unit_name: str
    price: Decimal | None
    valid_from: dt.date | None
    valid_to: dt.date | None
    note: str = ""
    # Adjustments only: the document's state and which price it sets (domain.models.PriceKind).
    status: str = ""
    price_kind: str = ""


@dataclasses.dataclass(frozen=True)
class ProductDetail:
    id: str
    code: str
    name: str
    variant: str
    category: str
    brand: str
    tax_rate: Decimal
    list_price: Decimal
    lowest_price: Decimal | None
    # None for roles that may not see cost: the replica receives NULL.
    purchase_price: Decimal | None
    active: bool
    units: tuple[UnitInfo, ...]
    stock: tuple[StockRow, ...]
    prices: tuple[PriceRow, ...]
    # Whether the user's role sees cost; the detail hides the purchase price and purchase price lines otherwise.
    sees_cost: bool = True


def load_product_detail(session: Session, product_id: str, role: str | None) -> ProductDetail:
    """Read a product with its units, stock and prices; raises LookupError when the replica lacks it.

    Without a role (the replica has not synced yet) cost counts as hidden, as the server would send none.
    """
    product = session.get(Product, product_id)
    if product is None:
        raise LookupError(f"product {product_id} not found in the replica")
    category = session.get(ProductCategory, product.category_id) if product.category_id else None
    brand = session.get(Brand, product.brand_id) if product.brand_id else None
    return ProductDetail(
        id=product.id, code=product.code, name=product.name, variant=product.variant or "",
        category=category.name if category else "", brand=brand.name if brand else "",
        tax_rate=product.tax_rate, list_price=product.list_price, lowest_price=product.lowest_price,
        purchase_price=product.purchase_price, active=product.active,
        units=_units(session, product), stock=_stock(session, product.id), prices=_prices(session, product.id),
        sees_cost=role is not None and role_sees_cost(session, role),
    )


def _units(session: Session, product: Product) -> tuple[UnitInfo, ...]:
    extra: dict[str, list[str]] = {}
    for unit_name, barcode in session.execute(
        select(ProductBarcode.unit_name, ProductBarcode.barcode)
        .where(ProductBarcode.product_id == product.id).order_by(ProductBarcode.barcode)
    ):
        extra.setdefault(unit_name, []).append(barcode)
    base_codes = [code for code in [product.barcode, *extra.get(product.base_unit, [])] if code]
    units = [UnitInfo(product.base_unit, Decimal(1), product.list_price, tuple(base_codes))]
    for unit in session.scalars(
        select(ProductUnit).where(ProductUnit.product_id == product.id).order_by(ProductUnit.factor)
    ):
        if unit.unit_name == product.base_unit:
            continue
        codes = [code for code in [unit.barcode, *extra.get(unit.unit_name, [])] if code]
        units.append(UnitInfo(unit.unit_name, unit.factor, unit.price, tuple(codes)))
    return tuple(units)


def _stock(session: Session, product_id: str) -> tuple[StockRow, ...]:
    """Sum the balances of each warehouse over its batches; the replica has the user's warehouses only."""
    totals: dict[str, list[Decimal]] = {}
    for warehouse, on_hand, reserved in session.execute(
        select(Warehouse.code + literal(" ") + Warehouse.name, StockBalance.on_hand, StockBalance.reserved)
        .join(Warehouse, Warehouse.id == StockBalance.warehouse_id)
        .where(StockBalance.product_id == product_id)
        .order_by(Warehouse.code)
    ):
        sums = totals.setdefault(warehouse, [Decimal(0), Decimal(0)])
        sums[0] += on_hand
        sums[1] += reserved
    return tuple(StockRow(warehouse, on_hand, reserved) for warehouse, (on_hand, reserved) in totals.items())


def _prices(session: Session, product_id: str) -> tuple[PriceRow, ...]:
    rows: list[PriceRow] = []
    for price, category in session.execute(
        select(CategoryPrice, CustomerCategory.name)
        .outerjoin(CustomerCategory, CustomerCategory.id == CategoryPrice.customer_category_id)
        .where(CategoryPrice.product_id == product_id)
        .order_by(CategoryPrice.effective_from)
    ):
        kind = "category" if price.customer_category_id else "price_level"
        rows.append(PriceRow(kind, category or price.price_level or "", price.unit_name, price.price,
                             price.effective_from, price.effective_to))
    for price, customer in session.execute(
        select(AgreedPrice, Customer.code + literal(" ") + Customer.name)
        .join(Customer, Customer.id == AgreedPrice.customer_id)
        .where(AgreedPrice.product_id == product_id)
        .order_by(Customer.code, AgreedPrice.effective_from)
    ):
        rows.append(PriceRow("agreed", customer, price.unit_name, price.price, price.effective_from,
                             price.effective_to, price.note or ""))
    for line, number, effective_date, status in session.execute(
        select(PriceAdjustmentLine, PriceAdjustment.number, PriceAdjustment.effective_date, PriceAdjustment.status)
        .join(PriceAdjustment, PriceAdjustment.id == PriceAdjustmentLine.adjustment_id)
        .where(PriceAdjustmentLine.product_id == product_id)
        .order_by(PriceAdjustment.effective_date.desc(), PriceAdjustment.number)
    ):
        # Purchase price lines carry their prices in hidden cost columns; the row shows "-" for them.
        rows.append(PriceRow("adjustment", number, line.unit_name, line.new_price, effective_date, None,
                             status=status, price_kind=line.price_kind))
    return tuple(rows)


def sales_history_page(session: Session, product_id: str, after: dict[str, Any] | None,
                       limit: int = HISTORY_PAGE) -> list[dict[str, Any]]:
    """Return order and delivery lines of a product, newest first, after the row `after` (keyset on date, number, id)."""
    orders = (
        select(
            SalesOrderLine.id.label("id"), literal("order").label("kind"), SalesOrder.number.label("number"),
            SalesOrder.document_date.label("document_date"), Customer.name.label("customer"),
            SalesOrderLine.unit_name.label("unit_name"), SalesOrderLine.quantity.label("quantity"),
            SalesOrderLine.unit_price.label("unit_price"), SalesOrderLine.amount.label("amount"),
            SalesOrder.status.label("status"),
        )
        .join(SalesOrder, SalesOrder.id == SalesOrderLine.order_id)
        .outerjoin(Customer, Customer.id == SalesOrder.customer_id)
        .where(SalesOrderLine.product_id == product_id)
    )
    deliveries = (
        select(
            DeliveryLine.id, literal("delivery"), DeliveryNote.number, DeliveryNote.document_date, Customer.name,
            DeliveryLine.unit_name, DeliveryLine.quantity, DeliveryLine.unit_price, DeliveryLine.amount,
            DeliveryNote.status,
        )
        .join(DeliveryNote, DeliveryNote.id == DeliveryLine.delivery_id)
        .outerjoin(Customer, Customer.id == DeliveryNote.customer_id)
        .where(DeliveryLine.product_id == product_id)
    )
    history = union_all(orders, deliveries).subquery()
    query = select(history)
    if after is not None:
        key = (history.c.document_date, history.c.number, history.c.id)
        last = (after["document_date"], after["number"], after["id"])
        query = query.where(
            (key[0] < last[0])
            | ((key[0] == last[0]) & (key[1] < last[1]))
            | ((key[0] == last[0]) & (key[1] == last[1]) & (key[2] < last[2]))
        )
    query = query.order_by(history.c.document_date.desc(), history.c.number.desc(), history.c.id.desc()).limit(limit)
    return [dict(row._mapping) for row in session.execute(query)]
