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


def lock_counter(session: Session) -> int:
    """Lock the counter row until the transaction ends and return its value.

    The push executor calls this right after locking the device's state row
    and before any handler locks a row, so it never waits for a handler's row
    while holding the counter. It stores the last number with `set_counter`
    before commit.
    """
    value = session.execute(
        select(ChangeCounter.value).where(ChangeCounter.id == COUNTER_ROW_ID).with_for_update()
    ).scalar_one()
    return int(value)


def set_counter(session: Session, value: int) -> None:
    """Store the last change number a transaction holding the counter's lock (see lock_counter) gave out."""
    session.execute(
        update(ChangeCounter)
        .where(ChangeCounter.id == COUNTER_ROW_ID)
        .values(value=value)
        .execution_options(synchronize_session=False)
    )


def current_change_seq(session: Session) -> int:
    value = session.execute(select(ChangeCounter.value).where(ChangeCounter.id == COUNTER_ROW_ID)).scalar()
    return int(value or 0)


def finish_command(
    session: Session, tracker: ChangeTracker, now: dt.datetime, change_seq: int | None = None
) -> int | None:
    """Stamp every row the command wrote with one change number and write tombstones.

    Takes the next number from the counter, unless the caller holds the
    counter's lock and passes the number as `change_seq`. Returns the change
    number, or None when the command wrote nothing.
    """
    session.flush()
    if not tracker.rows:
        return None
    seq = change_seq if change_seq is not None else next_change_seq(session)
    tracker.stamp(seq, now)
    for row in tracker.rows.values():
        if row.op == "delete":
            session.add(Tombstone(change_seq=seq, table_name=row.table, row_id=row.row_id, deleted_at=now))
    session.flush()
    return seq
