"""New orders from earlier ones: "Copy order" and "Lines from the customer's last order".

Both keep the products, units and quantities and look every price up again
for the new order's date with the customer's price rules, because an old
price may no longer apply. Line discounts, promotion gifts and lines of
products that can no longer be sold are left out. Each function runs inside
a task, off the GUI thread.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.models.order_lines import OrderLine, ProductChoice
from desktop.models.order_queries import Catalog, OrderDraft, OrderExtras, quote_line_price
from domain.ids import new_id
from domain.models import OrderStatus, SalesOrder, SalesOrderLine

log = logging.getLogger(__name__)


@dataclasses.dataclass(frozen=True)
class CopiedLine:
    product_id: str
    unit_name: str
    quantity: Any
    unit_price: Any


@dataclasses.dataclass(frozen=True)
class CopiedLines:
    """The lines taken over, and how many source lines were left out because their product is no longer sold."""

    lines: tuple[CopiedLine, ...]
    skipped: int


def copy_lines(session: Session, order_id: str, customer_id: str, on_date: dt.date) -> CopiedLines:
    """Return order `order_id`'s lines (without gifts) priced for `customer_id` on `on_date`."""
    lines, skipped = [], 0
    query = (select(SalesOrderLine).where(SalesOrderLine.order_id == order_id, SalesOrderLine.is_gift.is_(False))
             .order_by(SalesOrderLine.line_no))
    for line in session.scalars(query):
        quote = quote_line_price(session, customer_id, line.product_id, line.unit_name, on_date)
        if quote is None:
            skipped += 1
            continue
        lines.append(CopiedLine(line.product_id, line.unit_name, line.quantity, quote.price))
    return CopiedLines(tuple(lines), skipped)


@dataclasses.dataclass(frozen=True)
class CopiedOrder:
    """An unsaved draft copied from order `source_number`, and how many of its lines were left out."""

    draft: OrderDraft
    source_number: str
    skipped: int


def copied_order(session: Session, order_id: str, catalog: Catalog, on_date: dt.date) -> CopiedOrder:
    """Return an unsaved draft (no id, no number) with order `order_id`'s customer, warehouse and lines, dated `on_date`.

    Raises LookupError when the order is missing. The draft may have no
    line when none of the order's products can still be sold.
    """
    order = session.get(SalesOrder, order_id)
    if order is None:
        raise LookupError(f"order {order_id} not found in the replica")
    customer = next((choice for choice in catalog.customers if choice.id == order.customer_id), None)
    lines, skipped = _entry_lines(copy_lines(session, order_id, order.customer_id, on_date), catalog.products)
    draft = OrderDraft(customer=customer, warehouse_id=order.warehouse_id, document_date=on_date, lines=list(lines),
                       extras=OrderExtras(prices_include_tax=order.prices_include_tax))
    return CopiedOrder(draft, order.number, skipped)


def _entry_lines(copied: CopiedLines, products: tuple[ProductChoice, ...]) -> tuple[tuple[OrderLine, ...], int]:
    """Return copied lines as new entry-grid lines, leaving out products the entry form does not offer."""
    by_id = {product.id: product for product in products}
    lines, skipped = [], copied.skipped
    for line in copied.lines:
        product = by_id.get(line.product_id)
        if product is None or product.unit(line.unit_name) is None:
            skipped += 1
            continue
        lines.append(OrderLine(new_id(), product, line.unit_name, line.quantity, line.unit_price))
    return tuple(lines), skipped


def latest_order_id(session: Session, customer_id: str, excluding: str | None = None) -> str | None:
    """Return the id of the customer's newest confirmed order (by date, then number), or None.

    Drafts do not count, because a draft may be a copy or an order the clerk
    never finished, and cancelled orders do not count either.
    """
    confirmed = [status.value for status in OrderStatus if status not in (OrderStatus.DRAFT, OrderStatus.CANCELLED)]
    query = select(SalesOrder.id).where(SalesOrder.customer_id == customer_id, SalesOrder.status.in_(confirmed))
    if excluding is not None:
        query = query.where(SalesOrder.id != excluding)
    query = query.order_by(SalesOrder.document_date.desc(), SalesOrder.number.desc()).limit(1)
    return session.scalar(query)


@dataclasses.dataclass(frozen=True)
class LastOrderLines:
    """Entry-grid lines from a customer's last order; `number` is None when the customer has no order yet."""

    number: str | None
    lines: tuple[OrderLine, ...]
    skipped: int


def last_order_lines(session: Session, customer_id: str, products: tuple[ProductChoice, ...], on_date: dt.date,
                     excluding: str | None = None) -> LastOrderLines:
    """Return the lines of the customer's last order as new entry-grid lines priced for `on_date`.

    `products` are the entry form's active products; a line of any other product is left out.
    `excluding` is the order being edited, which is never its own "last order".
    """
    order_id = latest_order_id(session, customer_id, excluding)
    if order_id is None:
        return LastOrderLines(None, (), 0)
    number = session.get(SalesOrder, order_id).number
    lines, skipped = _entry_lines(copy_lines(session, order_id, customer_id, on_date), products)
    return LastOrderLines(number, lines, skipped)
