"""Sales returns (退单, a fact): delivered goods come back into a warehouse and the receivable is credited.

Each return line points at a line of one delivery note and returns part or
all of it in that line's unit. Its cost is the delivery line's. Its amount
and tax are a share of what the customer was billed for the line, which is
the delivery amount plus the verification changes of its order line:

- an order line no verification changed credits the delivery line's amount
  and tax in proportion to the quantity returned;
- a verified order line credits its verified amount and tax in proportion
  to its verified quantity, counted over all its delivery lines.

Either way a line returned in several parts adds up to the billed amount
exactly (see return_credit).

A return is a fact, so business rules only raise flags. A quantity above
what the delivery line delivered and earlier returns have not taken back is
no business rule, because such a line names goods that never left on that
delivery. The payload is then malformed, and the return is rejected with
ReturnExceedsDelivered. Likewise a quantity above what a verification left
billed and earlier returns have not taken back is rejected with
ReturnExceedsBilled.
"""

from __future__ import annotations

import datetime as dt
import logging
from decimal import Decimal
from collections.abc import Iterable
from typing import Any

from pydantic import Field, model_validator
from sqlalchemy import select

from domain.commands.framework import CommandContext, CommandKind, InvalidPayload, ScopeRef, command
from domain.commands.handlers.common import base_quantity, require
from domain.commands.handlers.deliveries import SHIP_ROLES
from domain.commands.handlers.facts import FACT_DOCUMENT_STATUS, flag_late, reject_existing
from domain.commands.handlers.fields import DocumentNumber, Id, Payload, Quantity
from domain.commands.handlers import return_credit
from domain.commands.handlers.return_credit import credit_basis
from domain.commands.handlers.sales_posting import SalesPosting, post_line_movement, post_receivable, total_lines
from domain.models import (
    Customer,
    DeliveryLine,
    DeliveryNote,
    Product,
    ReceivableEntryType,
    SalesOrderLine,
    SalesReturn,
    SalesReturnLine,
    Warehouse,
)
from domain.money import ZERO, round_fen, round_quantity
from domain.posting import costing
from domain.posting.periods import posting_dates

log = logging.getLogger(__name__)

DOCUMENT_TYPE = "sales_return"


class ReturnLineIn(Payload):
    id: Id
    delivery_line_id: Id
    quantity: Quantity  # in the delivery line's unit
    reason: str | None = Field(default=None, max_length=400)


class ReturnPost(Payload):
    id: Id
    number: DocumentNumber
    customer_id: Id
    delivery_id: Id
    warehouse_id: Id  # the warehouse the goods come back into, any in the user's scope
    department_id: Id | None = None  # None: the delivery's department
    document_date: dt.date
    reason: str | None = Field(default=None, max_length=2000)
    note: str | None = None
    lines: list[ReturnLineIn] = Field(min_length=1, max_length=2000)

    @model_validator(mode="after")
    def _unique_line_ids(self) -> "ReturnPost":
        ids = [line.id for line in self.lines]
        if len(set(ids)) != len(ids):
            raise ValueError("line ids must be unique")
        return self


class ReturnExceedsDelivered(InvalidPayload):
    """A return line requests more than its delivery line has left to return."""

    code = "return_exceeds_delivered"


class ReturnExceedsBilled(InvalidPayload):
    """A return line requests more than a verification left billed on its order line and earlier returns left."""

    code = "return_exceeds_billed"


def _scope(ctx: CommandContext, payload: ReturnPost) -> list[ScopeRef]:
    return [ScopeRef("warehouse", payload.warehouse_id)]


def _invalid(field: str, message: str) -> InvalidPayload:
    return InvalidPayload(errors=[{"field": field, "message": message}])


def prices_include_tax(ctx: CommandContext, delivery: DeliveryNote) -> bool:
    """Return whether the delivery's line amounts include tax (see delivery_includes_tax)."""
    amounts = ctx.session.execute(select(DeliveryLine.amount).where(DeliveryLine.delivery_id == delivery.id)).scalars()
    return delivery_includes_tax(delivery.total_amount, delivery.freight_amount - delivery.discount_amount, amounts)


def delivery_includes_tax(total_amount: Decimal, charges: Decimal, line_amounts: Iterable[Decimal]) -> bool:
    """Return whether a delivery's line amounts include tax, read from its stored amounts.

    The delivery note does not store the flag. Its total is the line amounts
    plus `charges` (freight minus the document discount) when prices include
    tax, and plus the tax as well when they do not. Without tax both readings
    give the same credit.
    """
    # NOTE: a return credits line amounts only; the document discount and freight a delivery billed stay billed.
    return total_amount == sum(line_amounts, ZERO) + charges


# Defined in return_credit and still importable from here, where existing callers import it.
line_credit = return_credit.line_credit


def returned_quantity(ctx: CommandContext, delivery_line_id: str) -> Decimal:
    """Return how much of the delivery line posted returns took back, in its unit (pending lines included).

    Quantities that receipt confirmations credited as missing count as taken back.
    """
    ctx.session.flush()
    quantities = ctx.session.execute(
        select(SalesReturnLine.quantity)
        .join(SalesReturn, SalesReturn.id == SalesReturnLine.return_id)
        .where(SalesReturnLine.delivery_line_id == delivery_line_id, SalesReturn.status == FACT_DOCUMENT_STATUS)
    ).scalars()
    credited = return_credit.credited_shortfall(ctx.session, [delivery_line_id])
    return sum(quantities, ZERO) + credited.get(delivery_line_id, ZERO)


class _Return:
    """The state of one sales_return.post run."""

    def __init__(self, ctx: CommandContext, payload: ReturnPost) -> None:
        self.ctx = ctx
        self.payload = payload
        self.delivery = require(ctx.session, DeliveryNote, payload.delivery_id, "delivery_id")
        self.customer = require(ctx.session, Customer, payload.customer_id, "customer_id")
        if self.delivery.customer_id != self.customer.id:
            raise _invalid("customer_id", f"differs from the customer of delivery {self.delivery.number}")
        self.warehouse = require(ctx.session, Warehouse, payload.warehouse_id, "warehouse_id")
        self.department_id = payload.department_id or self.delivery.department_id
        self.dates = posting_dates(ctx.session, payload.document_date, ctx.today)
        self.cost_key = costing.cost_warehouse_key(ctx.settings, self.warehouse.id)
        self.include_tax = prices_include_tax(ctx, self.delivery)
        self.posting = SalesPosting(DOCUMENT_TYPE, payload.id, payload.number, self.warehouse.id, self.dates)
        self.order_ids: set[str] = set()


@command("sales_return.post", kind=CommandKind.FACT, roles=SHIP_ROLES, payload=ReturnPost, scope=_scope)
def post_return(ctx: CommandContext, payload: ReturnPost) -> dict[str, Any]:
    """Post a sales return: stock in at the delivery's cost, a negative receivable entry, returned quantities."""
    reject_existing(ctx, SalesReturn, payload.id)
    run = _Return(ctx, payload)
    document = SalesReturn(
        id=payload.id,
        number=payload.number,
        customer_id=run.customer.id,
        warehouse_id=run.warehouse.id,
        department_id=run.department_id,
        salesperson_id=run.delivery.salesperson_id,
        delivery_id=run.delivery.id,
        status=FACT_DOCUMENT_STATUS,
        document_date=payload.document_date,
        posting_date=run.dates.posting_date,
        reason=payload.reason,
        note=payload.note,
        print_count=0,
        created_by=ctx.actor.user_id,
        device_id=ctx.device_id,
    )
    ctx.session.add(document)
    ctx.session.flush()
    flag_late(ctx, run.dates, DOCUMENT_TYPE, document.id, document.number, run.department_id)
    if run.customer.deleted_at is not None:
        ctx.flag("customer_deleted", DOCUMENT_TYPE, document.id, document_number=document.number,
                 department_id=run.department_id, customer_code=run.customer.code, name=run.customer.name)

    lines = [_post_line(run, index, line_in) for index, line_in in enumerate(payload.lines)]

    total_lines(ctx, document, lines, prices_include_tax=run.include_tax)
    if len(run.order_ids) == 1:
        document.order_id = next(iter(run.order_ids))
    post_receivable(ctx, run.posting, document, entry_type=ReceivableEntryType.RETURN.value,
                    amount=-document.total_amount, department_id=run.department_id, note=payload.reason)
    log.info("sales return %s against %s credits %s", document.number, run.delivery.number, document.total_amount)
    return {
        "id": document.id,
        "number": document.number,
        "total_amount": str(document.total_amount),
        "tax_amount": str(document.tax_amount),
        "cost_amount": str(document.cost_amount) if document.cost_amount is not None else None,
        "posting_date": document.posting_date.isoformat(),
        "late": run.dates.late,
    }


def _post_line(run: _Return, index: int, line_in: ReturnLineIn) -> SalesReturnLine:
    ctx = run.ctx
    where = f"lines.{index}"
    delivered = require(ctx.session, DeliveryLine, line_in.delivery_line_id, f"{where}.delivery_line_id")
    if delivered.delivery_id != run.delivery.id:
        raise _invalid(f"{where}.delivery_line_id", f"is not a line of delivery {run.delivery.number}")
    product = ctx.session.get(Product, delivered.product_id)

    # Counts the lines of this payload added so far, so two lines on one delivery line add up.
    returned_before = returned_quantity(ctx, delivered.id)
    returned_after = returned_before + line_in.quantity
    if returned_after > delivered.quantity:
        raise ReturnExceedsDelivered(
            line_no=index + 1, delivery_number=run.delivery.number,
            product_code=product.code, unit_name=delivered.unit_name,
            delivered=str(round_quantity(delivered.quantity)), returned=str(round_quantity(returned_before)),
            requested=str(round_quantity(line_in.quantity)),
        )
    basis = credit_basis(ctx.session, delivered, returned_before)
    if line_in.quantity > basis.billed_left:
        raise ReturnExceedsBilled(
            line_no=index + 1, product_code=product.code, unit_name=delivered.unit_name,
            billed=str(round_quantity(basis.billed_quantity / basis.unit_factor)),
            returned=str(round_quantity(basis.returned / basis.unit_factor)),
            requested=str(round_quantity(line_in.quantity)),
        )

    base_qty = base_quantity(line_in.quantity, delivered.unit_factor)
    amount, tax_amount = basis.credit(line_in.quantity)
    line = SalesReturnLine(
        id=line_in.id,
        return_id=run.payload.id,
        line_no=index + 1,
        delivery_line_id=delivered.id,
        order_line_id=delivered.order_line_id,
        product_id=delivered.product_id,
        unit_name=delivered.unit_name,
        unit_factor=delivered.unit_factor,
        quantity=line_in.quantity,
        base_quantity=base_qty,
        batch_no=delivered.batch_no,
        expiry_date=delivered.expiry_date,
        unit_price=delivered.unit_price,
        tax_rate=delivered.tax_rate,
        amount=amount,
        tax_amount=tax_amount,
        reason=line_in.reason,
    )
    ctx.session.add(line)

    if ctx.authoritative:
        # The goods come back at the cost they left with, which moves the average of the return warehouse.
        unit_cost = delivered.unit_cost
        if unit_cost is None:
            unit_cost = costing.get_cost(ctx.session, delivered.product_id, run.cost_key).average_cost
        costing.receive(ctx.session, delivered.product_id, run.cost_key, base_qty, unit_cost)
        line.unit_cost = unit_cost
        line.cost_amount = round_fen(base_qty * unit_cost)
    post_line_movement(ctx, run.posting, line, base_qty)
    if delivered.order_line_id is not None:
        order_line = ctx.session.get(SalesOrderLine, delivered.order_line_id)
        order_line.returned_quantity = order_line.returned_quantity + base_qty
        run.order_ids.add(order_line.order_id)
    return line
