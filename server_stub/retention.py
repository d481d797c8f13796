"""The retention horizon: how long tombstones and stored command results are kept.

Pruning deletes tombstones and command_log rows older than the horizon and
raises the "pruned through" mark to the highest change number it deleted. A
client whose cursor is below that mark may have missed a delete whose
tombstone is gone, so pull rejects it with 410 "cursor_expired" and the
client rebuilds its replica from zero, keeping its outbox.

The mark is stored as a second row of the change_counter table, so pruning
needs no schema change. Replays of pruned commands still return
"already_applied", because the device high-water marks are never pruned.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import os

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from domain.types import utcnow
from server_stub.db import Database
from server_stub.tables import ChangeCounter, CommandLog, Tombstone

log = logging.getLogger(__name__)

DEFAULT_RETENTION_DAYS = 90
RETENTION_DAYS_ENV = "KAIDAN_RETENTION_DAYS"
# change_counter row holding the highest change number whose tombstones or
# stored results were pruned (row 1 is the change sequence itself).
PRUNED_THROUGH_ROW_ID = 2


@dataclasses.dataclass(frozen=True)
class PruneReport:
    cutoff: dt.datetime
    tombstones: int
    command_results: int
    # The mark after this run: clients with a cursor below it must rebuild.
    pruned_through: int


def retention_days(value: int | None = None) -> int:
    """Return `value`, else $KAIDAN_RETENTION_DAYS, else 90; raise ValueError below 1."""
    if value is None:
        raw = os.environ.get(RETENTION_DAYS_ENV)
        try:
            value = int(raw) if raw else DEFAULT_RETENTION_DAYS
        except ValueError:
            raise ValueError(f"{RETENTION_DAYS_ENV}={raw!r} is not a whole number of days") from None
    if value < 1:
        raise ValueError(f"the retention horizon must be at least 1 day, not {value}")
    return value


def pruned_through(session: Session) -> int:
    """Return the highest change number whose tombstones or stored results were pruned (0: none)."""
    value = session.execute(select(ChangeCounter.value).where(ChangeCounter.id == PRUNED_THROUGH_ROW_ID)).scalar()
    return int(value or 0)


def cursor_expired(session: Session, cursor: int) -> int | None:
    """Return the pruned-through mark when `cursor` is below it, else None.

    A pull from zero needs no tombstones, so cursor 0 never expires.
    """
    mark = pruned_through(session)
    if 0 < cursor < mark:
        return mark
    return None


def prune(db: Database, days: int | None = None, now: dt.datetime | None = None) -> PruneReport:
    """Delete tombstones and command results older than the horizon, in one transaction."""
    days = retention_days(days)
    cutoff = (now or utcnow()) - dt.timedelta(days=days)
    with db.write() as session:
        highest = max(
            session.execute(select(func.max(Tombstone.change_seq)).where(Tombstone.deleted_at < cutoff)).scalar() or 0,
            session.execute(select(func.max(CommandLog.change_seq)).where(CommandLog.received_at < cutoff)).scalar() or 0,
        )
        tombstones = session.execute(delete(Tombstone).where(Tombstone.deleted_at < cutoff)).rowcount
        results = session.execute(delete(CommandLog).where(CommandLog.received_at < cutoff)).rowcount
        mark = _raise_mark(session, int(highest))
    log.info(
        "pruned %d tombstone(s) and %d command result(s) older than %s (%d days); pruned through change %d",
        tombstones, results, cutoff.isoformat(), days, mark,
    )
    return PruneReport(cutoff=cutoff, tombstones=tombstones, command_results=results, pruned_through=mark)


def _raise_mark(session: Session, highest: int) -> int:
    current = session.get(ChangeCounter, PRUNED_THROUGH_ROW_ID)
    if current is None and highest == 0:
        return 0
    if current is None:
        session.add(ChangeCounter(id=PRUNED_THROUGH_ROW_ID, value=highest))
        session.flush()
        return highest
    if highest > current.value:
        session.execute(
            update(ChangeCounter).where(ChangeCounter.id == PRUNED_THROUGH_ROW_ID).values(value=highest)
            .execution_options(synchronize_session=False)
        )
        return highest
    return int(current.value)
