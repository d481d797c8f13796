"""What to ship for selected orders: their open lines, batches suggested first-expiry-first-out, note payloads.

Quantities are Decimals in the order line's unit unless named base. The
delivery.ship handler posts these payloads as they are. This module only
proposes and groups, so the user can change any quantity or batch first.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from domain.ids import new_id
from domain.models import RESERVING_STATUSES, Customer, Product, SalesOrder, SalesOrderLine, StockBalance, Warehouse
from domain.money import ZERO, round_fen

QUANTITY_STEP = Decimal("0.001")


@dataclasses.dataclass(frozen=True)
class BatchStock:
    """On-hand stock of one batch of a product in a warehouse, in base units."""

    batch_no: str
    expiry_date: dt.date | None
    on_hand: Decimal


@dataclasses.dataclass(frozen=True)
class OpenOrder:
    """The header values of an order to ship that its delivery note carries."""

    id: str
    number: str
    customer_id: str
    customer_name: str
    warehouse_id: str
    warehouse_name: str
    department_id: str | None
    salesperson_id: str | None
    prices_include_tax: bool
    shipping_address: str | None


@dataclasses.dataclass(frozen=True)
class OpenLine:
    """An order line with quantity left to ship, and the stock of its product in the order's warehouse."""

    order: OpenOrder
    order_line_id: str
    line_no: int
    product_id: str
    product_code: str
    product_name: str
    unit_name: str
    unit_factor: Decimal
    base_unit: str
    open_base: Decimal
    ordered_base: Decimal
    discount_amount: Decimal
    batch_tracked: bool
    on_hand: Decimal  # all batches, base units
    batches: tuple[BatchStock, ...]  # in first-expiry-first-out order, only batches with stock

    def batch(self, batch_no: str) -> BatchStock | None:
        return next((batch for batch in self.batches if batch.batch_no == batch_no), None)


@dataclasses.dataclass
class ShipRow:
    """One line of a delivery note to be: part or all of an order line, from one batch."""

    line: OpenLine
    unit_name: str
    unit_factor: Decimal
    quantity: Decimal
    batch_no: str = ""
    expiry_date: dt.date | None = None

    @property
    def base_quantity(self) -> Decimal:
        return (self.quantity * self.unit_factor).quantize(QUANTITY_STEP)


@dataclasses.dataclass(frozen=True)
class NoteDraft:
    """The rows that go on one delivery note: orders of one customer, warehouse and tax mode."""

    orders: tuple[OpenOrder, ...]
    rows: tuple[ShipRow, ...]


def load_open_lines(session: Session, order_ids: Sequence[str]) -> list[OpenLine]:
    """Read the open lines of the orders that can still ship, in the given order and then by line number.

    Orders that are not approved or partly delivered are skipped, because
    the Deliveries list may be older than the replica.
    """
    lines: list[OpenLine] = []
    for order_id in order_ids:
        order = session.get(SalesOrder, order_id)
        if order is None or order.status not in RESERVING_STATUSES or order.warehouse_id is None:
            continue
        customer = session.get(Customer, order.customer_id)
        warehouse = session.get(Warehouse, order.warehouse_id)
        header = OpenOrder(order.id, order.number, order.customer_id, customer.name if customer else "",
                           order.warehouse_id, warehouse.name if warehouse else "", order.department_id,
                           order.salesperson_id, order.prices_include_tax, order.shipping_address)
        for line in session.scalars(
            select(SalesOrderLine).where(SalesOrderLine.order_id == order_id).order_by(SalesOrderLine.line_no)
        ):
            open_base = line.base_quantity - line.delivered_quantity
            if open_base <= ZERO:
                continue
            product = session.get(Product, line.product_id)
            balances = session.scalars(select(StockBalance).where(
                StockBalance.product_id == line.product_id, StockBalance.warehouse_id == order.warehouse_id)).all()
            name = f"{product.name} {product.variant}" if product.variant else product.name
            lines.append(OpenLine(
                header, line.id, line.line_no, product.id, product.code, name, line.unit_name, line.unit_factor,
                product.base_unit, open_base, line.base_quantity, line.discount_amount, bool(product.batch_tracked),
                sum((balance.on_hand for balance in balances), ZERO), fefo_order(balances),
            ))
    return lines


def fefo_order(balances: Iterable[StockBalance]) -> tuple[BatchStock, ...]:
    """Return the named batches with stock, earliest expiry first. Batches without an expiry date go last."""
    batches = [BatchStock(balance.batch_no, balance.expiry_date, balance.on_hand)
               for balance in balances if balance.batch_no and balance.on_hand > ZERO]
    batches.sort(key=lambda batch: (batch.expiry_date is None, batch.expiry_date or dt.date.max, batch.batch_no))
    return tuple(batches)


def suggest_rows(line: OpenLine) -> list[ShipRow]:
    """Propose rows that ship all of the line's open quantity.

    A batch-tracked product takes its batches first-expiry-first-out and
    splits the line where one batch is short. Whatever no batch covers stays
    on a row without a batch, so the user sees the gap before shipping stock
    below zero.
    """
    if not line.batch_tracked:
        return [_row(line, line.open_base, "", None)]
    rows: list[ShipRow] = []
    left = line.open_base
    for batch in line.batches:
        if left <= ZERO:
            break
        taken = min(left, batch.on_hand)
        rows.append(_row(line, taken, batch.batch_no, batch.expiry_date))
        left -= taken
    if left > ZERO:
        rows.append(_row(line, left, "", None))
    return rows


def _row(line: OpenLine, base_quantity: Decimal, batch_no: str, expiry_date: dt.date | None) -> ShipRow:
    """Build a row in the order's unit when the quantity is whole in it, else in the base unit."""
    in_unit = base_quantity / line.unit_factor if line.unit_factor else base_quantity
    if in_unit == in_unit.quantize(QUANTITY_STEP):
        return ShipRow(line, line.unit_name, line.unit_factor, in_unit.quantize(QUANTITY_STEP), batch_no, expiry_date)
    return ShipRow(line, line.base_unit, Decimal(1), base_quantity, batch_no, expiry_date)


def note_key(order: OpenOrder, one_note_per_customer: bool) -> tuple:
    """Return what orders must share to go on one note: a note has one customer, warehouse and tax mode."""
    if not one_note_per_customer:
        return (order.id,)
    return (order.customer_id, order.warehouse_id, order.prices_include_tax)


def group_notes(rows: Iterable[ShipRow], one_note_per_customer: bool) -> list[NoteDraft]:
    """Group the rows with a quantity into delivery notes, in the order of their first row."""
    groups: dict[tuple, list[ShipRow]] = {}
    for row in rows:
        if row.quantity > ZERO:
            groups.setdefault(note_key(row.line.order, one_note_per_customer), []).append(row)
    drafts = []
    for group in groups.values():
        orders = tuple({row.line.order.id: row.line.order for row in group}.values())
        drafts.append(NoteDraft(orders, tuple(group)))
    return drafts


def shared_value(values: Iterable[Any]) -> Any:
    """Return the one value all items share, else None (the handler's default then applies)."""
    distinct = set(values)
    return distinct.pop() if len(distinct) == 1 else None


def note_payload(draft: NoteDraft, delivery_id: str, number: str, document_date: dt.date) -> dict[str, Any]:
    """Build the delivery.ship payload of one note."""
    first = draft.orders[0]
    lines = []
    for row in draft.rows:
        line: dict[str, Any] = {"id": new_id(), "order_line_id": row.line.order_line_id, "unit_name": row.unit_name,
                                "quantity": str(row.quantity), "batch_no": row.batch_no}
        if row.expiry_date is not None:
            line["expiry_date"] = row.expiry_date.isoformat()
        if row.unit_name != row.line.unit_name and row.line.discount_amount:
            # The handler prorates an order line's discount only for rows in the order's unit.
            # Rounded half-up to the fen, as the handler rounds its own shares.
            line["discount"] = str(round_fen(row.line.discount_amount * row.base_quantity / row.line.ordered_base))
        lines.append(line)
    return {
        "id": delivery_id,
        "number": number,
        "customer_id": first.customer_id,
        "warehouse_id": first.warehouse_id,
        "department_id": shared_value(order.department_id for order in draft.orders),
        "salesperson_id": shared_value(order.salesperson_id for order in draft.orders),
        "document_date": document_date.isoformat(),
        "prices_include_tax": first.prices_include_tax,
        "shipping_address": shared_value(order.shipping_address for order in draft.orders),
        "lines": lines,
    }


def full_note_payload(session: Session, order_id: str, delivery_id: str, number: str,
                      document_date: dt.date) -> dict[str, Any] | None:
    """Return the delivery.ship payload of every open quantity of one order, batches first-expiry-first-out.

    Returns None when nothing is left to ship.
    """
    lines = load_open_lines(session, [order_id])
    drafts = group_notes([row for line in lines for row in suggest_rows(line)], one_note_per_customer=False)
    return note_payload(drafts[0], delivery_id, number, document_date) if drafts else None
