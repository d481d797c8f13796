"""Accounting periods: where a fact posts and whether it arrived late for a closed period."""

from __future__ import annotations

import dataclasses
import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from domain.models import AccountingPeriod


@dataclasses.dataclass(frozen=True)
class PostingDates:
    """The dates a fact posts with.

    `late` is True when the document date falls in a closed period: the fact
    then posts in the open period and keeps its document date.
    """

    document_date: dt.date
    posting_date: dt.date
    late: bool
    closed_period: str | None  # "YYYY-MM" of the closed period the document date falls in


def period_of(session: Session, day: dt.date) -> AccountingPeriod | None:
    """Return the period containing `day`, or None when no period row covers it (open by default)."""
    return session.execute(
        select(AccountingPeriod)
        .where(AccountingPeriod.start_date <= day, AccountingPeriod.end_date >= day)
        .order_by(AccountingPeriod.start_date)
        .limit(1)
    ).scalar_one_or_none()


def is_closed(session: Session, day: dt.date) -> bool:
    period = period_of(session, day)
    return period is not None and period.closed


def first_open_day(session: Session, day: dt.date) -> dt.date:
    """Return `day`, or the first day after it outside every closed period."""
    period = period_of(session, day)
    while period is not None and period.closed:
        day = period.end_date + dt.timedelta(days=1)
        period = period_of(session, day)
    return day


def posting_dates(session: Session, document_date: dt.date, today: dt.date) -> PostingDates:
    """Return the posting date (today, moved past closed periods) and the late marker.

    Periods close by posting date, so nothing ever posts into a closed one:
    a fact dated in a closed period posts today and is marked late.
    """
    posting_date = first_open_day(session, today)
    document_period = period_of(session, document_date)
    late = document_period is not None and document_period.closed
    closed_label = f"{document_period.year:04d}-{document_period.month:02d}" if late else None
    return PostingDates(document_date, posting_date, late, closed_label)
