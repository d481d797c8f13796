"""Replica reads behind the order form's live figures: stock per warehouse, customer credit, last prices.

Each function runs inside a task, off the GUI thread. The replica holds only
the rows of the user's scope, so the figures are those of the rows on this
computer (see desktop.models.customer_detail_models).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.models.customer_detail_models import load_header
from desktop.models.order_lines import LastPrice
from domain.models import OrderStatus, Product, SalesOrder, SalesOrderLine, Warehouse
from domain.money import round_price
from domain.posting import stock

log = logging.getLogger(__name__)

# Orders whose prices count as paid: confirmed ones, not drafts, not cancelled.
PRICED_STATUSES = (OrderStatus.SUBMITTED.value, OrderStatus.APPROVED.value,
                   OrderStatus.PARTLY_DELIVERED.value, OrderStatus.COMPLETED.value)


@dataclasses.dataclass(frozen=True)
class WarehouseStock:
    warehouse_id: str
    code: str
    name: str
    # On hand minus reserved, in base units, over all batches.
    available: Decimal


@dataclasses.dataclass(frozen=True)
class ProductStock:
    product_id: str
    code: str
    name: str
    base_unit: str
    warehouses: tuple[WarehouseStock, ...]


@dataclasses.dataclass(frozen=True)
class CustomerCredit:
    customer_id: str
    name: str
    credit_limit: Decimal | None
    credit_used: Decimal
    overdue: Decimal

    @property
    def over_limit(self) -> bool:
        return self.credit_limit is not None and self.credit_used > self.credit_limit


@dataclasses.dataclass(frozen=True)
class LiveFigures:
    stock: ProductStock | None
    credit: CustomerCredit | None


def product_stock(session: Session, product_id: str) -> ProductStock | None:
    """Return the available quantity of a product in each active warehouse of the replica, in code order."""
    product = session.get(Product, product_id)
    if product is None:
        return None
    warehouses = tuple(
        WarehouseStock(row.id, row.code, row.name, stock.available(session, product_id, row.id))
        for row in session.execute(
            select(Warehouse.id, Warehouse.code, Warehouse.name)
            .where(Warehouse.active.is_(True), Warehouse.deleted_at.is_(None))
            .order_by(Warehouse.code)
        )
    )
    return ProductStock(product.id, product.code, product.name, product.base_unit, warehouses)


def customer_credit(session: Session, customer_id: str, today: dt.date) -> CustomerCredit | None:
    """Return the customer's credit limit, credit used and overdue amount, by the order confirmation's rules."""
    header = load_header(session, customer_id, today)
    if header is None:
        return None
    return CustomerCredit(header.id, header.name, header.credit_limit, header.credit_used, header.overdue)


def load_live_figures(session: Session, customer_id: str | None, product_id: str | None, today: dt.date) -> LiveFigures:
    product = product_stock(session, product_id) if product_id else None
    credit = customer_credit(session, customer_id, today) if customer_id else None
    return LiveFigures(product, credit)


def last_prices(session: Session, customer_id: str, exclude_order_id: str | None = None) -> dict[tuple[str, str], LastPrice]:
    """Return (product id, unit name) -> the net unit price of the customer's latest confirmed order line with it.

    The net unit price is what the customer paid per unit after the line
    discount, (quantity × unit price − line discount) / quantity, rounded
    half-up to 0.0001. The list price before the discount would overstate
    what the customer agreed to pay. Latest by document date, then by order
    number. Gift lines are left out, because a gift's price is not what the
    customer pays.
    """
    query = (
        select(SalesOrderLine.product_id, SalesOrderLine.unit_name, SalesOrderLine.unit_price,
               SalesOrderLine.quantity, SalesOrderLine.discount_amount, SalesOrder.document_date, SalesOrder.number)
        .join(SalesOrder, SalesOrder.id == SalesOrderLine.order_id)
        .where(SalesOrder.customer_id == customer_id, SalesOrder.status.in_(PRICED_STATUSES),
               SalesOrderLine.is_gift.is_(False))
        .order_by(SalesOrder.document_date.desc(), SalesOrder.number.desc(), SalesOrderLine.line_no)
    )
    if exclude_order_id:
        query = query.where(SalesOrder.id != exclude_order_id)
    found: dict[tuple[str, str], LastPrice] = {}
    for product_id, unit_name, price, quantity, discount, document_date, number in session.execute(query):
        if (product_id, unit_name) in found:
            continue
        net_price = round_price(price - discount / quantity) if quantity and discount else price
        found[(product_id, unit_name)] = LastPrice(net_price, document_date, number)
    return found
