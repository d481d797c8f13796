"""Payments received (收款单, a fact): the receivable entry and allocation to deliveries."""

from __future__ import annotations

import datetime as dt
import logging
from decimal import Decimal
from typing import Any, Literal

from pydantic import Field, model_validator

from domain.commands.framework import CommandContext, CommandKind, InvalidPayload, ScopeRef, command
from domain.commands.handlers.common import require
from domain.commands.handlers.facts import FACT_DOCUMENT_STATUS, flag_late, reject_existing
from domain.commands.handlers.fields import DocumentNumber, Id, Payload, PositiveMoney
from domain.models import Customer, DeliveryNote, MoneyAccount, PaymentAllocation, PaymentReceived, ReceivableEntryType
from domain.money import ZERO
from domain.posting import receivables
from domain.posting.periods import posting_dates

log = logging.getLogger(__name__)

PAYMENT_ROLES = ("finance", "manager", "admin")
DOCUMENT_TYPE = "payment_received"

Method = Literal["bank_transfer", "cash", "wechat_pay", "alipay", "acceptance_bill"]


class AllocationIn(Payload):
    delivery_id: Id
    amount: PositiveMoney


class PaymentRecord(Payload):
    id: Id
    number: DocumentNumber
    customer_id: Id
    amount: PositiveMoney
    method: Method
    account_id: Id | None = None
    reference: str | None = Field(default=None, max_length=100)
    document_date: dt.date
    department_id: Id | None = None  # None: the customer's department
    note: str | None = None
    # None: allocate to the customer's open deliveries, oldest first.
    allocations: list[AllocationIn] | None = Field(default=None, max_length=2000)

    @model_validator(mode="after")
    def _allocations_fit(self) -> "PaymentRecord":
        if self.allocations is not None:
            ids = [a.delivery_id for a in self.allocations]
            if len(set(ids)) != len(ids):
                raise ValueError("each delivery may appear once in allocations")
            if sum((a.amount for a in self.allocations), ZERO) > self.amount:
                raise ValueError("allocations add up to more than the payment amount")
        return self


def _scope(ctx: CommandContext, payload: PaymentRecord) -> list[ScopeRef]:
    return [ScopeRef("department", payload.department_id)]


@command("payment.record", kind=CommandKind.FACT, roles=PAYMENT_ROLES, payload=PaymentRecord, scope=_scope)
def record_payment(ctx: CommandContext, payload: PaymentRecord) -> dict[str, Any]:
    """Post a payment; what no delivery takes stays as a prepayment (a negative receivable)."""
    reject_existing(ctx, PaymentReceived, payload.id)
    customer = require(ctx.session, Customer, payload.customer_id, "customer_id")
    if payload.account_id is not None:
        require(ctx.session, MoneyAccount, payload.account_id, "account_id")
    department_id = payload.department_id or customer.department_id
    dates = posting_dates(ctx.session, payload.document_date, ctx.today)

    payment = PaymentReceived(
        id=payload.id,
        number=payload.number,
        customer_id=customer.id,
        amount=payload.amount,
        method=payload.method,
        account_id=payload.account_id,
        reference=payload.reference,
        document_date=payload.document_date,
        posting_date=dates.posting_date,
        allocated_amount=ZERO,
        status=FACT_DOCUMENT_STATUS,
        department_id=department_id,
        created_by=ctx.actor.user_id,
        device_id=ctx.device_id,
        note=payload.note,
    )
    ctx.session.add(payment)
    ctx.session.flush()
    if customer.deleted_at is not None:
        ctx.flag("customer_deleted", DOCUMENT_TYPE, payment.id, document_number=payment.number,
                 department_id=department_id, customer_code=customer.code, name=customer.name)
    flag_late(ctx, dates, DOCUMENT_TYPE, payment.id, payment.number, department_id)

    receivables.post_entry(
        ctx.session,
        entry_id=ctx.derived_id("receivable"),
        customer_id=customer.id,
        entry_type=ReceivableEntryType.PAYMENT.value,
        amount=-payload.amount,
        document_type=DOCUMENT_TYPE,
        document_id=payment.id,
        document_number=payment.number,
        dates=dates,
        department_id=department_id,
        salesperson_id=customer.owner_id,
    )

    if payload.allocations is None:
        plan = _oldest_first(ctx, customer.id, payload.amount)
    else:
        plan = _explicit(ctx, payment, customer.id, payload.allocations, department_id)
    allocations = []
    for delivery_id, amount in plan:
        ctx.session.add(
            PaymentAllocation(
                id=ctx.derived_id("allocation", delivery_id),
                payment_id=payment.id,
                delivery_id=delivery_id,
                amount=amount,
                posting_date=dates.posting_date,
                reversed=False,
            )
        )
        allocations.append({"delivery_id": delivery_id, "amount": str(amount)})
    payment.allocated_amount = sum((amount for _id, amount in plan), ZERO)
    return {
        "id": payment.id,
        "number": payment.number,
        "amount": str(payment.amount),
        "allocated_amount": str(payment.allocated_amount),
        "prepayment": str(payment.amount - payment.allocated_amount),
        "allocations": allocations,
        "posting_date": dates.posting_date.isoformat(),
        "late": dates.late,
    }


def _oldest_first(ctx: CommandContext, customer_id: str, amount: Decimal) -> list[tuple[str, Decimal]]:
    plan = []
    left = amount
    for delivery in receivables.open_deliveries(ctx.session, customer_id):
        if left <= ZERO:
            break
        take = min(left, delivery.open_amount)
        plan.append((delivery.delivery_id, take))
        left -= take
    return plan


def _explicit(
    ctx: CommandContext, payment: PaymentReceived, customer_id: str, requested: list[AllocationIn], department_id: str | None
) -> list[tuple[str, Decimal]]:
    """Allocate the amounts the payload lists, capped at each delivery's open amount (capping raises a flag)."""
    plan = []
    for index, allocation in enumerate(requested):
        delivery = require(ctx.session, DeliveryNote, allocation.delivery_id, f"allocations.{index}.delivery_id")
        if delivery.customer_id != customer_id:
            raise InvalidPayload(errors=[{"field": f"allocations.{index}.delivery_id", "message": f"delivery {delivery.number} belongs to another customer"}])
        open_amount = delivery.total_amount - receivables.allocated_to(ctx.session, delivery.id)
        take = min(allocation.amount, max(open_amount, ZERO))
        if take < allocation.amount:
            ctx.flag("allocation_capped", DOCUMENT_TYPE, payment.id, document_number=payment.number,
                     department_id=department_id, delivery_number=delivery.number,
                     requested=str(allocation.amount), allocated=str(take))
        if take > ZERO:
            plan.append((delivery.id, take))
    return plan
