"""Shipping a delivery note (a fact): stock out, order progress, receivable, cost."""

from __future__ import annotations

import datetime as dt
import logging
from decimal import Decimal
from typing import Any

from pydantic import Field, model_validator
from sqlalchemy import select

from domain.commands.framework import CommandContext, CommandKind, InvalidPayload, ScopeRef, command
from domain.commands.handlers import order_history
from domain.commands.handlers.common import base_quantity, require, unit_factor
from domain.commands.handlers.facts import FACT_DOCUMENT_STATUS, flag_late, flag_negative_stock, reject_existing
from domain.commands.handlers.fields import BatchNo, DocumentNumber, Id, Money, Payload, Price, Quantity, Rate
from domain.commands.handlers.order_charges import OrderCharges, delivery_charges
from domain.commands.handlers.order_pricing import line_tax
from domain.commands.handlers.sales_posting import SalesPosting, post_line_movement, post_receivable, total_lines
from domain.models import (
    RESERVING_STATUSES,
    Customer,
    DeliveryLine,
    DeliveryNote,
    OrderEvent,
    OrderStatus,
    Product,
    ReceivableEntryType,
    SalesOrder,
    SalesOrderLine,
    User,
    Warehouse,
)
from domain.money import ZERO, line_amount, round_fen, round_price
from domain.posting import costing, receivables, stock
from domain.posting.periods import posting_dates

log = logging.getLogger(__name__)

SHIP_ROLES = ("warehouse", "manager", "admin")
DOCUMENT_TYPE = "delivery_note"


class DeliveryLineIn(Payload):
    id: Id
    order_line_id: Id | None = None
    product_id: Id | None = None  # required without an order line
    unit_name: str | None = Field(default=None, max_length=20)
    quantity: Quantity
    unit_price: Price | None = None  # None: the order line's price, else the list price
    discount: Money | None = None  # None: the order line's discount, prorated
    tax_rate: Rate | None = None
    batch_no: BatchNo = ""
    expiry_date: dt.date | None = None

    @model_validator(mode="after")
    def _product_or_order_line(self) -> "DeliveryLineIn":
        if self.order_line_id is None and self.product_id is None:
            raise ValueError("a line needs an order_line_id or a product_id")
        return self


class DeliveryShip(Payload):
    id: Id
    number: DocumentNumber
    customer_id: Id
    warehouse_id: Id
    department_id: Id | None = None  # None: the warehouse's department
    salesperson_id: Id | None = None
    document_date: dt.date
    prices_include_tax: bool = True
    # Used only for a delivery without order lines. With order lines the
    # handler bills the orders' freight and document discount instead.
    freight_amount: Money = Decimal(0)
    discount_amount: Money = Decimal(0)
    shipping_address: str | None = Field(default=None, max_length=400)
    carrier: str | None = Field(default=None, max_length=100)
    tracking_number: str | None = Field(default=None, max_length=100)
    note: str | None = None
    lines: list[DeliveryLineIn] = Field(min_length=1, max_length=2000)

    @model_validator(mode="after")
    def _unique_line_ids(self) -> "DeliveryShip":
        ids = [line.id for line in self.lines]
        if len(set(ids)) != len(ids):
            raise ValueError("line ids must be unique")
        return self


def _scope(ctx: CommandContext, payload: DeliveryShip) -> list[ScopeRef]:
    return [ScopeRef("warehouse", payload.warehouse_id)]


class _Shipment:
    """The state of one delivery.ship run, so the steps stay small functions."""

    def __init__(self, ctx: CommandContext, payload: DeliveryShip) -> None:
        self.ctx = ctx
        self.payload = payload
        self.session = ctx.session
        self.customer = require(ctx.session, Customer, payload.customer_id, "customer_id")
        self.warehouse = require(ctx.session, Warehouse, payload.warehouse_id, "warehouse_id")
        if payload.salesperson_id is not None:
            require(ctx.session, User, payload.salesperson_id, "salesperson_id")
        self.department_id = payload.department_id or self.warehouse.department_id
        self.dates = posting_dates(ctx.session, payload.document_date, ctx.today)
        self.cost_key = costing.cost_warehouse_key(ctx.settings, self.warehouse.id)
        self.posting = SalesPosting(DOCUMENT_TYPE, payload.id, payload.number, self.warehouse.id, self.dates)
        self.orders: dict[str, SalesOrder] = {}
        self.status_before: dict[str, str] = {}
        self.flagged_orders: set[str] = set()
        self.mismatched_orders: set[str] = set()
        self.warnings: list[dict[str, Any]] = []

    def flag(self, code: str, **params: Any) -> None:
        self.ctx.flag(code, DOCUMENT_TYPE, self.payload.id, document_number=self.payload.number,
                      department_id=self.department_id, **params)


@command("delivery.ship", kind=CommandKind.FACT, roles=SHIP_ROLES, payload=DeliveryShip, scope=_scope)
def ship_delivery(ctx: CommandContext, payload: DeliveryShip) -> dict[str, Any]:
    """Post a delivery note. Business rules never reject it: broken ones raise flags.

    The note bills its orders' freight and document discount: each delivery
    of an order carries the part of them that earlier deliveries of the
    order have not billed, in proportion to the delivered line amounts,
    rounded half-up to the fen. The delivery that completes the order bills
    the rest, so a fully delivered order's receivable equals its total (see
    order_charges). The server computes these parts, and a payload's
    freight_amount and discount_amount count only for a delivery without
    order lines.
    """
    reject_existing(ctx, DeliveryNote, payload.id)
    run = _Shipment(ctx, payload)
    note = DeliveryNote(
        id=payload.id,
        number=payload.number,
        customer_id=run.customer.id,
        warehouse_id=run.warehouse.id,
        department_id=run.department_id,
        salesperson_id=payload.salesperson_id or run.customer.owner_id,
        status=FACT_DOCUMENT_STATUS,
        document_date=payload.document_date,
        posting_date=run.dates.posting_date,
        shipping_address=payload.shipping_address or run.customer.address,
        carrier=payload.carrier,
        tracking_number=payload.tracking_number,
        note=payload.note,
        print_count=0,
        created_by=ctx.actor.user_id,
        device_id=ctx.device_id,
    )
    ctx.session.add(note)
    ctx.session.flush()

    if run.customer.deleted_at is not None:
        run.flag("customer_deleted", customer_code=run.customer.code, name=run.customer.name)
    flag_late(ctx, run.dates, DOCUMENT_TYPE, note.id, note.number, run.department_id)

    lines = [_post_line(run, index, line_in) for index, line_in in enumerate(payload.lines)]
    _update_order_statuses(run)
    charges = _charges(run)
    note.freight_amount, note.discount_amount = charges.freight, charges.discount

    total_lines(ctx, note, lines, prices_include_tax=payload.prices_include_tax,
                extra_amount=charges.freight - charges.discount)
    if note.total_amount < ZERO:
        raise InvalidPayload(errors=[{
            "field": "discount_amount",
            "message": f"discount {payload.discount_amount} exceeds the delivery's line amounts plus freight; lower it",
        }])
    note.due_date = receivables.due_date(ctx.session, run.customer, payload.document_date)
    post_receivable(ctx, run.posting, note, entry_type=ReceivableEntryType.DELIVERY.value, amount=note.total_amount,
                    department_id=run.department_id, due=note.due_date)
    return {
        "id": note.id,
        "number": note.number,
        "total_amount": str(note.total_amount),
        "tax_amount": str(note.tax_amount),
        "freight_amount": str(note.freight_amount),
        "discount_amount": str(note.discount_amount),
        "cost_amount": str(note.cost_amount) if note.cost_amount is not None else None,
        "document_date": note.document_date.isoformat(),
        "posting_date": note.posting_date.isoformat(),
        "due_date": note.due_date.isoformat(),
        "late": run.dates.late,
        "orders": {order.id: order.status for order in run.orders.values()},
        "warnings": run.warnings,
    }


def _post_line(run: _Shipment, index: int, line_in: DeliveryLineIn) -> DeliveryLine:
    ctx = run.ctx
    where = f"lines.{index}"
    order_line = None
    order = None
    if line_in.order_line_id is not None:
        order_line = require(ctx.session, SalesOrderLine, line_in.order_line_id, f"{where}.order_line_id")
        order = run.orders.get(order_line.order_id) or ctx.session.get(SalesOrder, order_line.order_id)
        run.orders[order.id] = order
        if line_in.product_id is not None and line_in.product_id != order_line.product_id:
            raise InvalidPayload(errors=[{"field": f"{where}.product_id", "message": "differs from the order line's product"}])
    product = require(ctx.session, Product, order_line.product_id if order_line else line_in.product_id, f"{where}.product_id")
    unit_name, factor = unit_factor(ctx.session, product, line_in.unit_name or (order_line.unit_name if order_line else None), f"{where}.unit_name")
    base_qty = base_quantity(line_in.quantity, factor)
    unit_price, discount = _price_and_discount(product, order_line, line_in, unit_name, factor)
    amount = line_amount(line_in.quantity, unit_price, discount)
    if line_in.tax_rate is not None:
        rate = line_in.tax_rate
    elif order_line is not None:
        rate = order_line.tax_rate
    else:
        rate = product.tax_rate

    line = DeliveryLine(
        id=line_in.id,
        delivery_id=run.payload.id,
        line_no=index + 1,
        order_id=order.id if order else None,
        order_line_id=order_line.id if order_line else None,
        product_id=product.id,
        unit_name=unit_name,
        unit_factor=factor,
        quantity=line_in.quantity,
        base_quantity=base_qty,
        unit_price=unit_price,
        tax_rate=rate,
        amount=amount,
        tax_amount=line_tax(amount, rate, run.payload.prices_include_tax),
        batch_no=line_in.batch_no,
        expiry_date=line_in.expiry_date,
    )
    ctx.session.add(line)

    if ctx.authoritative:
        costed = costing.issue(ctx.session, product.id, run.cost_key, base_qty)
        line.unit_cost, line.cost_amount = costed.unit_cost, costed.cost_amount
    balance = post_line_movement(ctx, run.posting, line, -base_qty)
    went_negative = flag_negative_stock(
        ctx, run.warehouse, product, balance, base_qty, DOCUMENT_TYPE, run.payload.id, run.payload.number, run.department_id
    )
    if went_negative and run.warehouse.negative_stock_policy == "warn":
        run.warnings.append({"code": "negative_stock", "params": {"product_code": product.code, "on_hand": str(balance.on_hand)}})
    if order_line is not None:
        _consume_order_line(run, order, order_line, product, base_qty)
    return line


# Order states reached through approval: delivering against them needs no "order_not_approved" flag.
SHIPPABLE_STATUSES = RESERVING_STATUSES | {OrderStatus.COMPLETED.value}


def _price_and_discount(product: Product, order_line: SalesOrderLine | None, line_in: DeliveryLineIn, unit_name: str, factor: Decimal) -> tuple[Decimal, Decimal]:
    """Return the unit price and line discount: the payload's, else the order line's, else list price."""
    same_unit = order_line is not None and order_line.unit_name == unit_name
    if line_in.unit_price is not None:
        unit_price = line_in.unit_price
    elif order_line is not None:
        unit_price = order_line.unit_price if same_unit else round_price(order_line.unit_price / order_line.unit_factor * factor)
    else:
        unit_price = round_price(product.list_price * factor)
    if line_in.discount is not None:
        discount = line_in.discount
    elif same_unit and order_line.discount_amount and order_line.quantity:
        discount = round_fen(order_line.discount_amount * line_in.quantity / order_line.quantity)
    else:
        discount = ZERO
    return unit_price, discount


def _consume_order_line(run: _Shipment, order: SalesOrder, order_line: SalesOrderLine, product: Product, base_qty: Decimal) -> None:
    """Raise the line's delivered quantity (base units) and lower the order's reservation."""
    # A completed order was approved before it shipped, so a further delivery
    # against it is an over-delivery (flagged below), not an unapproved order.
    if order.status not in SHIPPABLE_STATUSES and order.id not in run.flagged_orders:
        run.flagged_orders.add(order.id)
        run.flag("order_not_approved", order_number=order.number, status=order.status)
    if order.customer_id != run.customer.id and order.id not in run.mismatched_orders:
        run.mismatched_orders.add(order.id)
        run.flag("order_customer_mismatch", order_number=order.number)
    open_before = max(order_line.base_quantity - order_line.delivered_quantity, ZERO)
    if order.status in RESERVING_STATUSES:
        released = min(base_qty, open_before)
        if released > ZERO:
            stock.reserve(run.session, order_line.product_id, order.warehouse_id, -released)
    order_line.delivered_quantity = order_line.delivered_quantity + base_qty
    if order_line.delivered_quantity > order_line.base_quantity:
        run.flag(
            "over_delivery", order_number=order.number, product_code=product.code,
            ordered=str(order_line.base_quantity), delivered=str(order_line.delivered_quantity),
        )


def _charges(run: _Shipment) -> OrderCharges:
    """Return the freight and document discount the note bills (see ship_delivery)."""
    if not run.orders:
        return OrderCharges(run.payload.freight_amount, run.payload.discount_amount)
    run.session.flush()
    total = OrderCharges()
    for order in run.orders.values():
        total += delivery_charges(run.session, order, run.payload.id, run.status_before[order.id])
    if (total.freight, total.discount) != (run.payload.freight_amount, run.payload.discount_amount):
        log.debug("delivery %s bills freight %s and discount %s from its orders, not the payload's %s and %s",
                  run.payload.number, total.freight, total.discount, run.payload.freight_amount, run.payload.discount_amount)
    return total


def _update_order_statuses(run: _Shipment) -> None:
    for order in run.orders.values():
        status_before = order.status
        run.status_before[order.id] = status_before
        if order.status in RESERVING_STATUSES:
            _advance_order(run, order)
        _record_history(run, order, status_before)


def _advance_order(run: _Shipment, order: SalesOrder) -> None:
    run.session.flush()
    lines = run.session.execute(select(SalesOrderLine).where(SalesOrderLine.order_id == order.id)).scalars().all()
    if all(line.delivered_quantity >= line.base_quantity for line in lines):
        order.status = OrderStatus.COMPLETED.value
    else:
        order.status = OrderStatus.PARTLY_DELIVERED.value
    log.debug("order %s now %s after delivery %s", order.number, order.status, run.payload.number)


def _record_history(run: _Shipment, order: SalesOrder, status_before: str) -> None:
    """Record the delivery on the order, and its completion when this delivery completed it."""
    number = run.payload.number
    order_history.status_change(run.ctx, order, OrderEvent.DELIVERED, status_before, delivery_number=number)
    if order.status == OrderStatus.COMPLETED.value and status_before != OrderStatus.COMPLETED.value:
        order_history.status_change(run.ctx, order, OrderEvent.COMPLETED, status_before, delivery_number=number)
