"""Receipt confirmations (收货记录, a fact): what the customer signed for on one delivery note.

Each line records the quantity received against one delivery line, in that
line's unit, and a reason for any difference. A shortfall is settled by its
resolution:

- "return": the goods came back (damaged, wrong or rejected goods the driver
  took back). The confirmation posts a sales return for them into the
  delivery's warehouse, or the one the payload names, with the same stock
  and credit rules as sales_return.post.
- "credit": the goods are gone (lost, or damaged and thrown away). No stock
  moves because the goods already left. The customer is credited the billed
  value of the missing quantity, read with the return credit rules, on one
  receipt_difference receivable entry.

A line without a resolution gets the default of its reason (see
DEFAULT_RESOLUTION). A quantity received above the delivered one is not
billed, and is flagged for a manager. Rules that cannot hold for any real
receipt make the payload malformed: a difference without a reason, a
shortfall above what the delivery line has left to credit, or lines of
another delivery.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from decimal import Decimal
from typing import Any

from pydantic import Field, model_validator

from domain.commands.framework import CommandContext, CommandKind, InvalidPayload, ScopeRef, command
from domain.commands.handlers.common import require
from domain.commands.handlers.deliveries import SHIP_ROLES
from domain.commands.handlers.facts import FACT_DOCUMENT_STATUS, flag_late, reject_existing
from domain.commands.handlers.fields import DocumentNumber, Id, Payload, StockLevel
from domain.commands.handlers.return_credit import credit_basis
from domain.commands.handlers.sales_posting import document_total
from domain.commands.handlers.sales_returns import ReturnPost, post_return, prices_include_tax, returned_quantity
from domain.ids import derived_id
from domain.models import (
    DeliveryLine,
    DeliveryNote,
    DifferenceReason,
    DifferenceResolution,
    Product,
    ReceiptConfirmation,
    ReceiptConfirmationLine,
    ReceivableEntryType,
    SalesReturnLine,
    Warehouse,
)
from domain.money import ZERO, round_fen, round_quantity
from domain.posting import receivables
from domain.posting.periods import posting_dates

log = logging.getLogger(__name__)

DOCUMENT_TYPE = "receipt_confirmation"

# The driver usually carries damaged, wrong or rejected goods back. Goods short are gone.
DEFAULT_RESOLUTION = {
    DifferenceReason.SHORT: DifferenceResolution.CREDIT,
    DifferenceReason.DAMAGED: DifferenceResolution.RETURN,
    DifferenceReason.WRONG_ITEM: DifferenceResolution.RETURN,
    DifferenceReason.REJECTED: DifferenceResolution.RETURN,
    DifferenceReason.OTHER: DifferenceResolution.CREDIT,
    DifferenceReason.EXCESS: DifferenceResolution.NONE,
}


class ConfirmationLineIn(Payload):
    id: Id
    delivery_line_id: Id
    received_quantity: StockLevel  # in the delivery line's unit
    difference_reason: DifferenceReason | None = None
    reason_note: str | None = Field(default=None, max_length=400)
    resolution: DifferenceResolution | None = None  # None: DEFAULT_RESOLUTION of the reason


class ConfirmationPost(Payload):
    id: Id
    number: DocumentNumber
    delivery_id: Id
    document_date: dt.date
    signed_by: str | None = Field(default=None, max_length=100)
    note: str | None = None
    # The sales return that takes back lines resolved "return"; needed only when there are such lines.
    return_id: Id | None = None
    return_number: DocumentNumber | None = None
    return_warehouse_id: Id | None = None  # None: the delivery's warehouse
    lines: list[ConfirmationLineIn] = Field(min_length=1, max_length=2000)

    @model_validator(mode="after")
    def _unique_lines(self) -> "ConfirmationPost":
        ids = [line.id for line in self.lines]
        if len(set(ids)) != len(ids):
            raise ValueError("line ids must be unique")
        delivery_lines = [line.delivery_line_id for line in self.lines]
        if len(set(delivery_lines)) != len(delivery_lines):
            raise ValueError("each delivery line may appear once")
        return self


class ReceiptCreditExceedsOpen(InvalidPayload):
    """A shortfall is larger than what returns and earlier confirmations left of the delivery line."""

    code = "receipt_credit_exceeds_open"


def _scope(ctx: CommandContext, payload: ConfirmationPost) -> list[ScopeRef]:
    delivery = ctx.session.get(DeliveryNote, payload.delivery_id)
    refs = [ScopeRef("warehouse", delivery.warehouse_id if delivery else None)]
    if payload.return_warehouse_id is not None:
        refs.append(ScopeRef("warehouse", payload.return_warehouse_id))
    return refs


def _invalid(field: str, message: str) -> InvalidPayload:
    return InvalidPayload(errors=[{"field": field, "message": message}])


@dataclasses.dataclass
class _Difference:
    """One confirmation line with the delivery line it checks and its shortfall (delivered − received)."""

    row: ReceiptConfirmationLine
    delivered: DeliveryLine
    product: Product
    shortfall: Decimal


@command("receipt_confirmation.post", kind=CommandKind.FACT, roles=SHIP_ROLES, payload=ConfirmationPost, scope=_scope)
def post_confirmation(ctx: CommandContext, payload: ConfirmationPost) -> dict[str, Any]:
    """Record what the customer received and credit the shortfall (see the module docstring)."""
    reject_existing(ctx, ReceiptConfirmation, payload.id)
    delivery = require(ctx.session, DeliveryNote, payload.delivery_id, "delivery_id")
    dates = posting_dates(ctx.session, payload.document_date, ctx.today)
    document = ReceiptConfirmation(
        id=payload.id,
        number=payload.number,
        delivery_id=delivery.id,
        customer_id=delivery.customer_id,
        warehouse_id=delivery.warehouse_id,
        department_id=delivery.department_id,
        status=FACT_DOCUMENT_STATUS,
        document_date=payload.document_date,
        posting_date=dates.posting_date,
        signed_by=payload.signed_by,
        note=payload.note,
        difference_amount=ZERO,
        print_count=0,
        created_by=ctx.actor.user_id,
        device_id=ctx.device_id,
    )
    ctx.session.add(document)
    ctx.session.flush()
    flag_late(ctx, dates, DOCUMENT_TYPE, document.id, document.number, delivery.department_id)

    include_tax = prices_include_tax(ctx, delivery)
    differences = [_record_line(ctx, document, delivery, index, line_in, include_tax)
                   for index, line_in in enumerate(payload.lines)]
    to_return = [d for d in differences if d.row.resolution == DifferenceResolution.RETURN.value]
    credited = [d for d in differences if d.row.resolution == DifferenceResolution.CREDIT.value]

    returned = _post_return(ctx, payload, delivery, to_return, include_tax) if to_return else None
    document.difference_amount = round_fen(sum((d.row.difference_amount for d in credited), ZERO))
    if document.difference_amount > ZERO:
        receivables.post_entry(
            ctx.session, entry_id=ctx.derived_id("receivable"), customer_id=delivery.customer_id,
            entry_type=ReceivableEntryType.RECEIPT_DIFFERENCE.value, amount=-document.difference_amount,
            document_type=DOCUMENT_TYPE, document_id=document.id, document_number=document.number, dates=dates,
            department_id=delivery.department_id, salesperson_id=delivery.salesperson_id,
            note=f"receipt differences of delivery {delivery.number}",
        )
    returned_amount = round_fen(Decimal(returned["total_amount"]) if returned else ZERO)
    log.info("receipt confirmation %s of %s credits %s for missing goods and %s on return %s",
             document.number, delivery.number, document.difference_amount, returned_amount,
             returned["number"] if returned else None)
    return {
        "id": document.id,
        "number": document.number,
        "credited_amount": str(document.difference_amount),
        "return_id": returned["id"] if returned else None,
        "return_number": returned["number"] if returned else None,
        "returned_amount": str(returned_amount),
        "posting_date": document.posting_date.isoformat(),
        "late": dates.late,
    }


def _record_line(ctx: CommandContext, document: ReceiptConfirmation, delivery: DeliveryNote, index: int,
                 line_in: ConfirmationLineIn, include_tax: bool) -> _Difference:
    """Add the confirmation line, credit it when resolved "credit", and flag goods received beyond the delivery."""
    where = f"lines.{index}"
    delivered = require(ctx.session, DeliveryLine, line_in.delivery_line_id, f"{where}.delivery_line_id")
    if delivered.delivery_id != delivery.id:
        raise _invalid(f"{where}.delivery_line_id", f"is not a line of delivery {delivery.number}")
    product = ctx.session.get(Product, delivered.product_id)
    difference = line_in.received_quantity - delivered.quantity
    reason = line_in.difference_reason
    if difference != ZERO and reason is None:
        raise _invalid(f"{where}.difference_reason",
                       f"{product.code} received {line_in.received_quantity}, delivered {delivered.quantity}: "
                       "a difference needs a reason")
    resolution = _resolution(where, difference, reason, line_in.resolution)
    row = ReceiptConfirmationLine(
        id=line_in.id,
        confirmation_id=document.id,
        line_no=index + 1,
        delivery_line_id=delivered.id,
        product_id=delivered.product_id,
        unit_name=delivered.unit_name,
        delivered_quantity=delivered.quantity,
        received_quantity=line_in.received_quantity,
        difference_quantity=difference,
        difference_reason=reason.value if reason is not None and difference != ZERO else None,
        reason_note=line_in.reason_note,
        resolution=resolution.value,
        unit_price=delivered.unit_price,
        difference_amount=ZERO,
    )
    recorded = _Difference(row, delivered, product, max(-difference, ZERO))
    if resolution == DifferenceResolution.CREDIT:
        # Before the row joins the session, so the credit rules do not count its own shortfall as settled.
        _credit_missing(ctx, delivery, recorded, include_tax)
    ctx.session.add(row)
    if difference > ZERO:
        ctx.flag("receipt_excess", DOCUMENT_TYPE, document.id, document_number=document.number,
                 department_id=delivery.department_id, delivery_number=delivery.number, product_code=product.code,
                 unit_name=delivered.unit_name, delivered=str(round_quantity(delivered.quantity)),
                 received=str(round_quantity(line_in.received_quantity)))
    return recorded


def _resolution(where: str, difference: Decimal, reason: DifferenceReason | None,
                requested: DifferenceResolution | None) -> DifferenceResolution:
    if difference >= ZERO:
        # Nothing is missing, so nothing comes back and nothing is credited.
        if requested not in (None, DifferenceResolution.NONE):
            raise _invalid(f"{where}.resolution", f"is {requested.value}, but nothing is missing on this line")
        return DifferenceResolution.NONE
    if requested is None:
        requested = DEFAULT_RESOLUTION[reason]
    if requested == DifferenceResolution.NONE:
        raise _invalid(f"{where}.resolution", "a missing quantity must be returned or credited")
    return requested


def _post_return(ctx: CommandContext, payload: ConfirmationPost, delivery: DeliveryNote,
                 to_return: list[_Difference], include_tax: bool) -> dict[str, Any]:
    """Post the sales return of the lines resolved "return" and link each line to it."""
    if payload.return_id is None or payload.return_number is None:
        raise _invalid("return_id", "lines resolved as return need return_id and return_number")
    warehouse_id = payload.return_warehouse_id or delivery.warehouse_id
    require(ctx.session, Warehouse, warehouse_id, "return_warehouse_id")
    return_payload = ReturnPost(
        id=payload.return_id,
        number=payload.return_number,
        customer_id=delivery.customer_id,
        delivery_id=delivery.id,
        warehouse_id=warehouse_id,
        document_date=payload.document_date,
        # The number alone: the desktop shows it as "Receipt confirmation <number>" in the user's language.
        reason=payload.number,
        lines=[
            {"id": derived_id(difference.row.id, "return_line"), "delivery_line_id": difference.delivered.id,
             "quantity": difference.shortfall, "reason": difference.row.reason_note or difference.row.difference_reason}
            for difference in to_return
        ],
    )
    # The return's rows get ids derived from their own mutation id, so they never collide with this document's.
    return_ctx = dataclasses.replace(ctx, mutation_id=ctx.derived_id("sales_return"))
    result = post_return(return_ctx, return_payload)
    for difference in to_return:
        return_line = ctx.session.get(SalesReturnLine, derived_id(difference.row.id, "return_line"))
        difference.row.sales_return_id = payload.return_id
        difference.row.difference_amount = document_total(return_line.amount, return_line.tax_amount, include_tax)
    return result


def _credit_missing(ctx: CommandContext, delivery: DeliveryNote, difference: _Difference, include_tax: bool) -> None:
    """Set the line's credit for its missing goods with the return credit rules."""
    delivered = difference.delivered
    basis = credit_basis(ctx.session, delivered, returned_quantity(ctx, delivered.id))
    if difference.shortfall > basis.returnable:
        raise ReceiptCreditExceedsOpen(
            line_no=difference.row.line_no, delivery_number=delivery.number,
            product_code=difference.product.code, unit_name=delivered.unit_name,
            missing=str(round_quantity(difference.shortfall)), open=str(round_quantity(basis.returnable)),
        )
    amount, tax = basis.credit(difference.shortfall)
    difference.row.difference_amount = document_total(amount, tax, include_tax)
