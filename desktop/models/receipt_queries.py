"""Replica reads of receipt confirmations (收货记录) for the Deliveries page."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from domain.commands.handlers.facts import FACT_DOCUMENT_STATUS
from domain.models import ReceiptConfirmation, ReceiptConfirmationLine, SalesReturn
from domain.money import ZERO


@dataclasses.dataclass(frozen=True)
class ReceiptSummary:
    """The receipt confirmations of one delivery note, summed: what differed and what it credited."""

    numbers: tuple[str, ...]
    document_date: dt.date
    signed_by: str
    lines_differing: int
    credited_amount: Decimal  # receipt_difference entries: missing goods
    returned_amount: Decimal  # sales returns the confirmations posted
    return_numbers: tuple[str, ...]


def receipt_summary(session: Session, delivery_id: str) -> ReceiptSummary | None:
    """Return the summary of the delivery's posted confirmations, or None when none was recorded."""
    confirmations = session.scalars(
        select(ReceiptConfirmation)
        .where(ReceiptConfirmation.delivery_id == delivery_id, ReceiptConfirmation.status == FACT_DOCUMENT_STATUS)
        .order_by(ReceiptConfirmation.document_date, ReceiptConfirmation.number)
    ).all()
    if not confirmations:
        return None
    ids = [confirmation.id for confirmation in confirmations]
    lines = session.scalars(select(ReceiptConfirmationLine).where(ReceiptConfirmationLine.confirmation_id.in_(ids))).all()
    return_ids = sorted({line.sales_return_id for line in lines if line.sales_return_id})
    returns = session.scalars(select(SalesReturn).where(SalesReturn.id.in_(return_ids))).all() if return_ids else []
    last = confirmations[-1]
    return ReceiptSummary(
        numbers=tuple(confirmation.number for confirmation in confirmations),
        document_date=last.document_date,
        signed_by=last.signed_by or "",
        lines_differing=sum(1 for line in lines if line.difference_quantity != ZERO),
        credited_amount=sum((confirmation.difference_amount for confirmation in confirmations), ZERO),
        returned_amount=sum((document.total_amount for document in returns), ZERO),
        return_numbers=tuple(document.number for document in returns),
    )
