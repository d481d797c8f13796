"""The server's change sequence and the stamping of a command's rows."""

from __future__ import annotations

import datetime as dt
import logging

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from domain.commands.framework import ChangeTracker
from server_stub.tables import ChangeCounter, Tombstone

log = logging.getLogger(__name__)

COUNTER_ROW_ID = 1


def ensure_counter(session: Session) -> None:
    if session.get(ChangeCounter, COUNTER_ROW_ID) is None:
        session.add(ChangeCounter(id=COUNTER_ROW_ID, value=0))
        session.flush()


def next_change_seq(session: Session) -> int:
    """Take the next change number. Call it as the last step before commit.

    The UPDATE locks the counter row until the transaction ends, so a later
    transaction gets a larger number only after this one has committed.
    """
    value = session.execute(
        update(ChangeCounter)
        .where(ChangeCounter.id == COUNTER_ROW_ID)
        .values(value=ChangeCounter.value + 1)
        .returning(ChangeCounter.value)
        # Nothing reads the counter through a loaded ChangeCounter object, so
        # skip matching the update against every object the session holds.
        .execution_options(synchronize_session=False)
    ).scalar_one()
    return int(value)


def current_change_seq(session: Session) -> int:
    value = session.execute(select(ChangeCounter.value).where(ChangeCounter.id == COUNTER_ROW_ID)).scalar()
    return int(value or 0)


def finish_command(session: Session, tracker: ChangeTracker, now: dt.datetime) -> int | None:
    """Stamp every row the command wrote with one new change number and write tombstones.

    Returns the change number, or None when the command wrote nothing.
    """
    session.flush()
    if not tracker.rows:
        return None
    seq = next_change_seq(session)
    tracker.stamp(seq, now)
    for row in tracker.rows.values():
        if row.op == "delete":
            session.add(Tombstone(change_seq=seq, table_name=row.table, row_id=row.row_id, deleted_at=now))
    session.flush()
    return seq
