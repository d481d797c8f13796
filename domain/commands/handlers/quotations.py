"""Sales quotations (报价单): enter, edit, send, cancel and mark lost (intentions).

A quotation is priced by the order pricing code (order_pricing.price_lines),
so its lines, gift lines and totals follow the same rounding rule as an
order's. Only a draft can be edited. A draft or sent quotation can be sent
(again), cancelled, marked lost or converted into an order (see
quotation_convert). Ordered, lost and cancelled quotations are closed.

NOTE: no command sets the status "expired" yet. An expired quotation stays
draft or sent, and quotation.convert rejects it by its valid_until date.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from pydantic import Field, model_validator
from sqlalchemy import select

from domain.commands.framework import CommandContext, CommandKind, CommandRejected, ScopeRef, command
from domain.commands.handlers.common import require, warehouse_department
from domain.commands.handlers.fields import DocumentNumber, Id, Payload
from domain.commands.handlers.order_pricing import PricedFields, PricedOrder, apply_priced_header, price_lines
from domain.commands.handlers.orders import ORDER_ROLES
from domain.models import (
    Customer,
    CustomerContact,
    Quotation,
    QuotationLine,
    QuotationStatus,
    User,
    Warehouse,
)

log = logging.getLogger(__name__)

# States from which a quotation can still be sent, cancelled, lost or converted.
OPEN_STATUSES = frozenset({QuotationStatus.DRAFT.value, QuotationStatus.SENT.value})


class QuotationFields(PricedFields):
    id: Id
    number: DocumentNumber
    contact_id: Id | None = None
    # None: the warehouse's department, else the customer's.
    department_id: Id | None = None
    salesperson_id: Id | None = None  # None: the customer's owner
    warehouse_id: Id | None = None  # None: chosen when the quotation becomes an order
    valid_until: dt.date  # the last day the customer may accept the prices
    note: str | None = Field(default=None, max_length=4000)

    @model_validator(mode="after")
    def _valid_after_date(self) -> "QuotationFields":
        if self.valid_until < self.document_date:
            raise ValueError("valid_until must not be before document_date")
        return self


class QuotationRef(Payload):
    id: Id


class QuotationLost(Payload):
    id: Id
    reason: str = Field(min_length=1, max_length=400)


def quotation_department(ctx: CommandContext, fields: QuotationFields) -> str | None:
    """Return the quotation's department: the payload's, else the warehouse's, else the customer's."""
    if fields.department_id is not None:
        return fields.department_id
    if fields.warehouse_id is not None:
        return warehouse_department(ctx.session, fields.warehouse_id)
    customer = ctx.session.get(Customer, fields.customer_id)
    return customer.department_id if customer is not None else None


def existing_quotation_scope(quotation: Quotation) -> list[ScopeRef]:
    return [ScopeRef("warehouse", quotation.warehouse_id), ScopeRef("department", quotation.department_id)]


def _scope_fields(ctx: CommandContext, payload: QuotationFields) -> list[ScopeRef]:
    refs = [ScopeRef("warehouse", payload.warehouse_id), ScopeRef("department", quotation_department(ctx, payload))]
    existing = ctx.session.get(Quotation, payload.id)
    if existing is not None:
        refs += existing_quotation_scope(existing)
    return refs


def _scope_ref(ctx: CommandContext, payload: QuotationRef) -> list[ScopeRef]:
    quotation = ctx.session.get(Quotation, payload.id)
    return existing_quotation_scope(quotation) if quotation is not None else []


def load_quotation(ctx: CommandContext, quotation_id: str) -> Quotation:
    return require(ctx.session, Quotation, quotation_id, "id")


def require_open(quotation: Quotation) -> None:
    """Reject a quotation that is already ordered, lost or cancelled."""
    if quotation.status == QuotationStatus.ORDERED.value:
        raise CommandRejected("quotation_already_ordered", number=quotation.number)
    if quotation.status not in OPEN_STATUSES:
        raise CommandRejected("quotation_closed", number=quotation.number, status=quotation.status)


def _check_header(ctx: CommandContext, fields: QuotationFields) -> Customer:
    customer = require(ctx.session, Customer, fields.customer_id, "customer_id")
    if customer.deleted_at is not None:
        raise CommandRejected("record_deleted", table="customer", id=customer.id, name=customer.name)
    if not customer.active:
        raise CommandRejected("customer_inactive", customer_code=customer.code, name=customer.name)
    if fields.warehouse_id is not None:
        warehouse = require(ctx.session, Warehouse, fields.warehouse_id, "warehouse_id")
        if not warehouse.active or warehouse.deleted_at is not None:
            raise CommandRejected("warehouse_inactive", warehouse_code=warehouse.code)
    if fields.contact_id is not None:
        contact = require(ctx.session, CustomerContact, fields.contact_id, "contact_id")
        if contact.customer_id != customer.id:
            raise CommandRejected("contact_not_of_customer", name=contact.name)
    if fields.salesperson_id is not None:
        require(ctx.session, User, fields.salesperson_id, "salesperson_id")
    other_id = ctx.session.execute(
        select(Quotation.id).where(Quotation.number == fields.number, Quotation.id != fields.id)
    ).scalar_one_or_none()
    if other_id is not None:
        raise CommandRejected("duplicate_number", number=fields.number, table="quotation")
    return customer


def _apply_header(ctx: CommandContext, quotation: Quotation, fields: QuotationFields, customer: Customer,
                  priced: PricedOrder) -> None:
    apply_priced_header(ctx, quotation, fields, customer, priced, fields.salesperson_id)
    quotation.number = fields.number
    quotation.contact_id = fields.contact_id
    quotation.department_id = quotation_department(ctx, fields)
    quotation.warehouse_id = fields.warehouse_id
    quotation.valid_until = fields.valid_until
    quotation.note = fields.note


def _write_lines(ctx: CommandContext, quotation: Quotation, priced: PricedOrder) -> int:
    """Insert or update the priced lines and delete the quotation's other lines. Returns the number deleted."""
    existing = {
        line.id: line
        for line in ctx.session.execute(
            select(QuotationLine).where(QuotationLine.quotation_id == quotation.id)
        ).scalars()
    }
    for p in priced.lines:
        line = existing.pop(p.source.id, None)
        if line is None:
            if ctx.session.get(QuotationLine, p.source.id) is not None:
                raise CommandRejected("record_exists", table="quotation_line", id=p.source.id)
            line = QuotationLine(id=p.source.id, quotation_id=quotation.id)
            ctx.session.add(line)
        line.line_no = p.line_no
        line.product_id = p.product.id
        line.unit_name = p.unit_name
        line.unit_factor = p.unit_factor
        line.quantity = p.source.quantity
        line.base_quantity = p.base_quantity
        line.unit_price = p.source.unit_price
        line.list_price = p.source.list_price if p.source.list_price is not None else p.product.list_price
        line.price_rule = p.source.price_rule
        line.discount_percent = p.source.discount_percent
        line.discount_amount = p.discount_amount
        line.tax_rate = p.tax_rate
        line.amount = p.amount
        line.tax_amount = p.tax_amount
        line.is_gift = p.source.is_gift
        line.promotion_id = p.source.promotion_id
        line.note = p.source.note
    for removed in existing.values():
        ctx.session.delete(removed)
    return len(existing)


def _result(quotation: Quotation) -> dict[str, Any]:
    return {
        "id": quotation.id,
        "number": quotation.number,
        "status": quotation.status,
        "lines_amount": str(quotation.lines_amount),
        "tax_amount": str(quotation.tax_amount),
        "total_amount": str(quotation.total_amount),
    }


@command("quotation.create", kind=CommandKind.INTENTION, roles=ORDER_ROLES, payload=QuotationFields,
         scope=_scope_fields)
def create_quotation(ctx: CommandContext, payload: QuotationFields) -> dict[str, Any]:
    if ctx.session.get(Quotation, payload.id) is not None:
        raise CommandRejected("record_exists", table="quotation", id=payload.id)
    customer = _check_header(ctx, payload)
    priced = price_lines(ctx, payload)
    quotation = Quotation(
        id=payload.id,
        status=QuotationStatus.DRAFT.value,
        created_by=ctx.actor.user_id,
        device_id=ctx.device_id,
        print_count=0,
    )
    _apply_header(ctx, quotation, payload, customer, priced)
    ctx.session.add(quotation)
    ctx.session.flush()
    _write_lines(ctx, quotation, priced)
    return _result(quotation)


@command("quotation.update", kind=CommandKind.INTENTION, roles=ORDER_ROLES, payload=QuotationFields,
         scope=_scope_fields)
def update_quotation(ctx: CommandContext, payload: QuotationFields) -> dict[str, Any]:
    """Replace a draft's header and lines; lines left out are deleted."""
    quotation = load_quotation(ctx, payload.id)
    if quotation.status != QuotationStatus.DRAFT.value:
        raise CommandRejected("quotation_not_draft", number=quotation.number, status=quotation.status)
    customer = _check_header(ctx, payload)
    priced = price_lines(ctx, payload)
    _apply_header(ctx, quotation, payload, customer, priced)
    removed = _write_lines(ctx, quotation, priced)
    result = _result(quotation)
    result["lines_removed"] = removed
    return result


@command("quotation.send", kind=CommandKind.INTENTION, roles=ORDER_ROLES, payload=QuotationRef, scope=_scope_ref)
def send_quotation(ctx: CommandContext, payload: QuotationRef) -> dict[str, Any]:
    """Mark a quotation sent to the customer. Sending a sent one again changes nothing."""
    quotation = load_quotation(ctx, payload.id)
    require_open(quotation)
    quotation.status = QuotationStatus.SENT.value
    return _result(quotation)


@command("quotation.cancel", kind=CommandKind.INTENTION, roles=ORDER_ROLES, payload=QuotationRef, scope=_scope_ref)
def cancel_quotation(ctx: CommandContext, payload: QuotationRef) -> dict[str, Any]:
    """Withdraw a draft or sent quotation, for example one entered by mistake."""
    quotation = load_quotation(ctx, payload.id)
    require_open(quotation)
    quotation.status = QuotationStatus.CANCELLED.value
    return _result(quotation)


@command("quotation.mark_lost", kind=CommandKind.INTENTION, roles=ORDER_ROLES, payload=QuotationLost,
         scope=_scope_ref)
def mark_quotation_lost(ctx: CommandContext, payload: QuotationLost) -> dict[str, Any]:
    """Record that the customer declined a draft or sent quotation, and why."""
    quotation = load_quotation(ctx, payload.id)
    require_open(quotation)
    quotation.status = QuotationStatus.LOST.value
    quotation.lost_reason = payload.reason
    log.info("quotation %s lost: %s", quotation.number, payload.reason)
    return _result(quotation)
