"""Order verification (订单核准, an intention): correct a completed order's quantities or prices.

A verification rewrites the corrected order lines and the order's totals
and keeps the before and after values in OrderVerification and its lines.
The change of what the customer owes posts as a receivable entry of type
"verification", so statements and balances follow it.
"""

from __future__ import annotations

import datetime as dt
import logging
from decimal import Decimal
from typing import Any

from pydantic import Field, model_validator
from sqlalchemy import select

from domain.commands.framework import CommandContext, CommandKind, CommandRejected, InvalidPayload, ScopeRef, command
from domain.commands.handlers import order_history
from domain.commands.handlers.common import base_quantity, require
from domain.commands.handlers.fields import DocumentNumber, Id, Payload, Price, Quantity
from domain.commands.handlers.order_pricing import line_tax
from domain.commands.handlers.orders import existing_order_scope
from domain.models import (
    Customer,
    DeliveryLine,
    OrderEvent,
    OrderStatus,
    OrderVerification,
    OrderVerificationLine,
    ReceivableEntryType,
    SalesOrder,
    SalesOrderLine,
)
from domain.money import ZERO, line_amount, round_fen, round_price, round_quantity
from domain.posting import receivables
from domain.posting.periods import posting_dates

log = logging.getLogger(__name__)

VERIFY_ROLES = ("manager", "finance", "admin")
DOCUMENT_TYPE = "order_verification"


class VerifyLineIn(Payload):
    order_line_id: Id
    quantity: Quantity | None = None  # in the order line's unit; None keeps it
    unit_price: Price | None = None  # None: unchanged


class OrderVerify(Payload):
    id: Id  # the order
    verification_id: Id
    number: DocumentNumber
    document_date: dt.date
    reason: str = Field(max_length=2000)
    lines: list[VerifyLineIn] = Field(min_length=1, max_length=2000)

    @model_validator(mode="after")
    def _unique_order_lines(self) -> "OrderVerify":
        ids = [line.order_line_id for line in self.lines]
        if len(set(ids)) != len(ids):
            raise ValueError("each order line may appear once")
        return self


def _scope(ctx: CommandContext, payload: OrderVerify) -> list[ScopeRef]:
    order = ctx.session.get(SalesOrder, payload.id)
    return existing_order_scope(order) if order is not None else []


def _check(ctx: CommandContext, payload: OrderVerify) -> SalesOrder:
    order = require(ctx.session, SalesOrder, payload.id, "id")
    if order.status != OrderStatus.COMPLETED.value:
        raise CommandRejected("order_not_completed", number=order.number, status=order.status)
    if not payload.reason.strip():
        raise CommandRejected("required_field", table="order_verification", field="reason")
    if ctx.session.get(OrderVerification, payload.verification_id) is not None:
        raise CommandRejected("record_exists", table="order_verification", id=payload.verification_id)
    taken = ctx.session.execute(
        select(OrderVerification.id).where(OrderVerification.number == payload.number)
    ).scalar_one_or_none()
    if taken is not None:
        raise CommandRejected("duplicate_number", number=payload.number, table="order_verification")
    return order


def _only_delivery_line(ctx: CommandContext, order_line_id: str) -> str | None:
    """Return the delivery line of an order line delivered on one line, else None."""
    ids = ctx.session.execute(select(DeliveryLine.id).where(DeliveryLine.order_line_id == order_line_id)).scalars().all()
    return ids[0] if len(ids) == 1 else None


@command("order.verify", kind=CommandKind.INTENTION, roles=VERIFY_ROLES, payload=OrderVerify, scope=_scope)
def verify_order(ctx: CommandContext, payload: OrderVerify) -> dict[str, Any]:
    """Correct quantities or prices of a completed order's lines and post the amount change."""
    order = _check(ctx, payload)
    verification = OrderVerification(
        id=payload.verification_id,
        number=payload.number,
        order_id=order.id,
        customer_id=order.customer_id,
        department_id=order.department_id,
        salesperson_id=order.salesperson_id,
        reason=payload.reason,
        verified_by=ctx.actor.user_id,
        verified_at=ctx.now,
        document_date=payload.document_date,
        status="posted",
        device_id=ctx.device_id,
    )
    ctx.session.add(verification)
    ctx.session.flush()

    before: list[dict[str, str]] = []
    after: list[dict[str, str]] = []
    lines_change = tax_change = ZERO
    for index, line_in in enumerate(payload.lines):
        order_line = require(ctx.session, SalesOrderLine, line_in.order_line_id, f"lines.{index}.order_line_id")
        if order_line.order_id != order.id:
            raise InvalidPayload(errors=[{"field": f"lines.{index}.order_line_id",
                                          "message": f"is not a line of order {order.number}"}])
        corrected = _correct_line(ctx, order, order_line, line_in, verification.id, len(before) + 1)
        if corrected is None:
            continue
        row, old_tax = corrected
        lines_change += row.amount_change
        tax_change += order_line.tax_amount - old_tax
        before.append(_line_values(order_line.id, row.quantity_before, row.unit_price_before, row.amount_before))
        after.append(_line_values(order_line.id, row.quantity_after, row.unit_price_after, row.amount_after))
    if not before:
        raise CommandRejected("verification_no_change", number=order.number)

    amount_change = receivable_change(lines_change, tax_change, order.prices_include_tax)
    order.lines_amount = order.lines_amount + lines_change
    order.tax_amount = order.tax_amount + tax_change
    order.total_amount = order.total_amount + amount_change
    verification.amount_change = amount_change

    dates = posting_dates(ctx.session, payload.document_date, ctx.today)
    verification.posting_date = dates.posting_date
    if amount_change != ZERO:
        customer = ctx.session.get(Customer, order.customer_id)
        receivables.post_entry(
            ctx.session,
            entry_id=ctx.derived_id("receivable"),
            customer_id=order.customer_id,
            entry_type=ReceivableEntryType.VERIFICATION.value,
            amount=amount_change,
            document_type=DOCUMENT_TYPE,
            document_id=verification.id,
            document_number=verification.number,
            dates=dates,
            due=receivables.due_date(ctx.session, customer, payload.document_date) if amount_change > ZERO else None,
            department_id=order.department_id,
            salesperson_id=order.salesperson_id,
            note=payload.reason,
        )
    order_history.record(
        ctx, order, OrderEvent.VERIFIED, reason=payload.reason,
        before={"lines": before, "total_amount": order.total_amount - amount_change},
        after={"lines": after, "total_amount": order.total_amount, "verification_number": verification.number},
    )
    log.info("order %s verified by %s (%s): amount change %s", order.number, ctx.actor.user_id,
             verification.number, amount_change)
    return {
        "id": verification.id,
        "number": verification.number,
        "order_id": order.id,
        "amount_change": str(amount_change),
        "total_amount": str(order.total_amount),
        "posting_date": dates.posting_date.isoformat(),
    }


def _correct_line(
    ctx: CommandContext, order: SalesOrder, order_line: SalesOrderLine, line_in: VerifyLineIn,
    verification_id: str, line_no: int,
) -> tuple[OrderVerificationLine, Decimal] | None:
    """Rewrite one order line and return its verification line with the tax before, or None when nothing changes."""
    quantity = line_in.quantity if line_in.quantity is not None else order_line.quantity
    unit_price = line_in.unit_price if line_in.unit_price is not None else order_line.unit_price
    if quantity == order_line.quantity and unit_price == order_line.unit_price:
        return None
    discount, amount = corrected_amount(order_line.quantity, order_line.discount_amount, quantity, unit_price)
    if amount < ZERO:
        raise CommandRejected("discount_exceeds_amount", line_no=order_line.line_no, discount=str(discount))

    row = OrderVerificationLine(
        id=ctx.derived_id("order_verification_line", order_line.id),
        verification_id=verification_id,
        line_no=line_no,
        order_line_id=order_line.id,
        delivery_line_id=_only_delivery_line(ctx, order_line.id),
        product_id=order_line.product_id,
        quantity_before=order_line.quantity,
        quantity_after=quantity,
        unit_price_before=order_line.unit_price,
        unit_price_after=unit_price,
        amount_before=order_line.amount,
        amount_after=amount,
        amount_change=amount - order_line.amount,
    )
    ctx.session.add(row)
    old_tax = order_line.tax_amount
    # NOTE: no goods move, so delivered_quantity keeps what left the warehouse.
    # Goods that come back go through a sales return.
    order_line.quantity = quantity
    order_line.base_quantity = base_quantity(quantity, order_line.unit_factor)
    order_line.unit_price = unit_price
    order_line.discount_amount = discount
    order_line.amount = amount
    order_line.tax_amount = line_tax(amount, order_line.tax_rate, order.prices_include_tax)
    return row, old_tax


def corrected_amount(quantity_before: Decimal, discount_before: Decimal, quantity: Decimal,
                     unit_price: Decimal) -> tuple[Decimal, Decimal]:
    """Return (discount, amount) of a line corrected to `quantity` at `unit_price`.

    The line discount scales with the quantity, rounded half-up to the fen,
    so it keeps its share of the line. The amount is quantity × price −
    discount, rounded half-up to the fen, and may be negative.
    """
    discount = discount_before
    if quantity != quantity_before and quantity_before:
        discount = round_fen(discount_before * quantity / quantity_before)
    return discount, line_amount(quantity, unit_price, discount)


def receivable_change(lines_change: Decimal, tax_change: Decimal, prices_include_tax: bool) -> Decimal:
    """Return how much more the customer owes after a verification changed its lines by these amounts.

    What the customer owes moves by the line amounts, and by their tax when prices exclude it.
    """
    return lines_change if prices_include_tax else lines_change + tax_change


def _line_values(order_line_id: str, quantity: Decimal, unit_price: Decimal, amount: Decimal) -> dict[str, str]:
    return {"order_line_id": order_line_id, "quantity": str(round_quantity(quantity)),
            "unit_price": str(round_price(unit_price)), "amount": str(round_fen(amount))}
