"""Replica reads of the quotation screens (报价单); each runs inside a task, off the GUI thread."""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from decimal import Decimal

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from desktop.models.order_queries import (
    PAGE_SIZE,
    Catalog,
    OrderDraft,
    OrderExtras,
    _like,
    customer_choice,
    stored_lines,
)
from domain.models import Customer, Quotation, QuotationLine

log = logging.getLogger(__name__)

# How long a new quotation's prices hold unless the clerk sets another date.
DEFAULT_VALIDITY = dt.timedelta(days=30)


@dataclasses.dataclass(frozen=True)
class QuotationRow:
    id: str
    number: str
    document_date: dt.date
    valid_until: dt.date | None
    customer_name: str
    status: str
    total_amount: Decimal
    lost_reason: str = ""


@dataclasses.dataclass
class QuotationDraft(OrderDraft):
    """A quotation as the entry form edits it: an order draft with a validity date."""

    valid_until: dt.date = dataclasses.field(default_factory=lambda: dt.date.today() + DEFAULT_VALIDITY)
    order_id: str | None = None  # the order it became
    lost_reason: str = ""  # the customer's reason, for a lost quotation


def search_quotations(session: Session, text: str = "", status: str | None = None,
                      offset: int = 0, limit: int = PAGE_SIZE) -> list[QuotationRow]:
    """Return one page of quotations, newest first, whose number or customer matches `text`."""
    query = (
        select(Quotation.id, Quotation.number, Quotation.document_date, Quotation.valid_until, Customer.name,
               Quotation.status, Quotation.total_amount, Quotation.lost_reason)
        .join(Customer, Customer.id == Quotation.customer_id, isouter=True)
    )
    if text.strip():
        pattern = _like(text.strip())
        query = query.where(or_(Quotation.number.ilike(pattern, escape="\\"), Customer.name.ilike(pattern, escape="\\"),
                                Customer.code.ilike(pattern, escape="\\")))
    if status:
        query = query.where(Quotation.status == status)
    query = query.order_by(Quotation.document_date.desc(), Quotation.number.desc()).offset(offset).limit(limit)
    return [QuotationRow(r[0], r[1], r[2], r[3], r[4] or "", r[5], r[6], r[7] or "") for r in session.execute(query)]


def load_quotation_draft(session: Session, quotation_id: str, catalog: Catalog) -> QuotationDraft:
    """Read quotation `quotation_id` into a draft; raises LookupError when the replica lacks it."""
    quotation = session.get(Quotation, quotation_id)
    if quotation is None:
        raise LookupError(f"quotation {quotation_id} not found in the replica")
    lines = stored_lines(session, catalog, select(QuotationLine).where(QuotationLine.quotation_id == quotation_id)
                         .order_by(QuotationLine.line_no))
    return QuotationDraft(
        id=quotation.id,
        number=quotation.number,
        status=quotation.status,
        customer=customer_choice(session, quotation.customer_id),
        warehouse_id=quotation.warehouse_id,
        document_date=quotation.document_date,
        lines=lines,
        extras=OrderExtras(freight_amount=quotation.freight_amount, discount_amount=quotation.discount_amount,
                           prices_include_tax=quotation.prices_include_tax),
        valid_until=quotation.valid_until or quotation.document_date,
        order_id=quotation.order_id,
        lost_reason=quotation.lost_reason or "",
    )
