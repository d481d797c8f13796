"""Receivable ledger entries, due dates, open amounts of deliveries and allocation (核销).

Entries are append-only and signed: a delivery adds its amount, a payment
subtracts. A delivery's open amount is its total minus the allocations of
payments to it that are not reversed. Allocation goes to the oldest open
delivery first (document date, then number), and what is left of a payment
stays unallocated as a prepayment.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from domain.models import Customer, CustomerCategory, DeliveryNote, PaymentAllocation, ReceivableEntry
from domain.money import ZERO
from domain.posting.periods import PostingDates

DEFAULT_PAYMENT_TERMS_DAYS = 30


def payment_terms_days(session: Session, customer: Customer) -> int:
    """Return the customer's own payment terms, else its category's, else 30 days."""
    if customer.payment_terms_days is not None:
        return customer.payment_terms_days
    if customer.category_id is not None:
        category = session.get(CustomerCategory, customer.category_id)
        if category is not None and category.payment_terms_days is not None:
            return category.payment_terms_days
    return DEFAULT_PAYMENT_TERMS_DAYS


def due_date(session: Session, customer: Customer, document_date: dt.date) -> dt.date:
    return document_date + dt.timedelta(days=payment_terms_days(session, customer))


def post_entry(
    session: Session,
    *,
    entry_id: str,
    customer_id: str,
    entry_type: str,
    amount: Decimal,
    document_type: str,
    document_id: str,
    document_number: str | None,
    dates: PostingDates,
    due: dt.date | None = None,
    department_id: str | None = None,
    salesperson_id: str | None = None,
    note: str | None = None,
) -> ReceivableEntry:
    """Append one signed receivable entry."""
    entry = ReceivableEntry(
        id=entry_id,
        customer_id=customer_id,
        entry_type=entry_type,
        amount=amount,
        document_type=document_type,
        document_id=document_id,
        document_number=document_number,
        document_date=dates.document_date,
        posting_date=dates.posting_date,
        due_date=due,
        late=dates.late,
        note=note,
        department_id=department_id,
        salesperson_id=salesperson_id,
    )
    session.add(entry)
    return entry


def balance(session: Session, customer_id: str) -> Decimal:
    """Return what the customer owes: the sum of its receivable entries (negative = prepaid)."""
    session.flush()
    rows = session.execute(select(ReceivableEntry.amount).where(ReceivableEntry.customer_id == customer_id)).scalars()
    return sum(rows, ZERO)


@dataclasses.dataclass(frozen=True)
class OpenDelivery:
    delivery_id: str
    number: str
    document_date: dt.date
    due_date: dt.date | None
    open_amount: Decimal


def open_deliveries(session: Session, customer_id: str) -> list[OpenDelivery]:
    """Return the customer's deliveries with an open amount, oldest first."""
    session.flush()
    notes = session.execute(
        select(DeliveryNote)
        .where(DeliveryNote.customer_id == customer_id, DeliveryNote.status == "posted")
        .order_by(DeliveryNote.document_date, DeliveryNote.number, DeliveryNote.id)
    ).scalars().all()
    allocations = session.execute(
        select(PaymentAllocation.delivery_id, PaymentAllocation.amount)
        .join(DeliveryNote, DeliveryNote.id == PaymentAllocation.delivery_id)
        .where(DeliveryNote.customer_id == customer_id, PaymentAllocation.reversed.is_(False))
    ).all()
    allocated: dict[str, Decimal] = {}
    for delivery_id, amount in allocations:
        allocated[delivery_id] = allocated.get(delivery_id, ZERO) + amount
    result: list[OpenDelivery] = []
    for note in notes:
        open_amount = note.total_amount - allocated.get(note.id, ZERO)
        if open_amount > ZERO:
            result.append(OpenDelivery(note.id, note.number, note.document_date, note.due_date, open_amount))
    return result


def allocated_to(session: Session, delivery_id: str) -> Decimal:
    """Return the sum of the delivery's allocations that are not reversed."""
    session.flush()
    rows = session.execute(
        select(PaymentAllocation.amount).where(
            PaymentAllocation.delivery_id == delivery_id, PaymentAllocation.reversed.is_(False)
        )
    ).scalars()
    return sum(rows, ZERO)


def overdue_amount(session: Session, customer_id: str, today: dt.date) -> Decimal:
    """Return the open amount of the customer's deliveries due before `today`."""
    return sum(
        (d.open_amount for d in open_deliveries(session, customer_id) if d.due_date is not None and d.due_date < today),
        ZERO,
    )
