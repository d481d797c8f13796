"""Rebuilding the replica from cursor 0 while keeping the user's queued commands.

Three causes lead here: the user's scope changed, the server's retention
horizon passed this replica's cursor, or the server was restored from a
backup. Each empties the replicated tables in one replica transaction, keeps
the outbox and the journal, and sets the cursor to 0 so that the next pull
downloads the data again. Pending commands are run again on the empty
replica right away, so the user's queued work never vanishes from view.

After a restore the server no longer has the commands it acknowledged after
the backup. They go back into the outbox as pending, from the journal
(acknowledged commands are kept there for JOURNAL_RETENTION), and are pushed
again ahead of the pending ones, in device-sequence order. Commands at or
below the device's high-water mark on the restored server are still there
and stay as they are. The server returns "already_applied" for a replay
of one of them.

The server rejects a device sequence gap ("sequence_gap"). A gap appears
when a command above the restored high-water mark is gone from this replica:
a refused command the user discarded, or a journal entry older than
JOURNAL_RETENTION. The queued commands are then renumbered from the
high-water mark up, in their old order, and the device's next number
follows the last of them. Document numbers live in the payloads, so a
replay keeps its number. The device's document counters in sync_state are
never lowered, so new documents never repeat a number.
"""

from __future__ import annotations

import dataclasses
import logging
import platform

from sqlalchemy import select
from sqlalchemy.orm import Session

from domain.models.base import Base
from sync import protocol, search_index
from sync.errors import ServerError
from sync.local_tables import JournalEntry, OutboxEntry, OutboxStatus
from sync.replica import Replica
from sync.transport import Transport

log = logging.getLogger(__name__)

DEVICE_NOT_REGISTERED = "device_not_registered"


@dataclasses.dataclass(frozen=True)
class DeviceMark:
    """The server's record of this device."""

    high_water: int
    # Set only when the device had to be registered again, which may give it a new code.
    code: str | None = None


@dataclasses.dataclass(frozen=True)
class Requeued:
    # Acknowledged or refused commands put back in the outbox as pending.
    replayed: int
    # Queued commands whose device sequence number changed to close a gap.
    renumbered: int
    # The device sequence number of the last queued command.
    last_device_seq: int


def outbox_entries(session: Session) -> list[OutboxEntry]:
    return list(session.scalars(select(OutboxEntry).order_by(OutboxEntry.device_seq)))


def empty_replica(session: Session) -> list[OutboxEntry]:
    """Undo every queued command and delete every replicated row; return the outbox entries.

    The caller sets the cursor and runs the pending commands again in the
    same transaction (rerun_queued).
    """
    # sync.engine imports this module, so its helpers are imported on use.
    from sync.engine import rebase_out

    entries = outbox_entries(session)
    rebase_out(session, entries)
    # Deleted without the search triggers; the pull from zero rebuilds the search index whole.
    search_index.begin_bulk_load(session)
    connection = session.connection()
    for table in reversed(Base.metadata.sorted_tables):
        connection.execute(table.delete())
    session.expire_all()
    return entries


def rerun_queued(session: Session) -> int:
    """Run the queued commands again over the (empty) replica; return how many failed locally."""
    from sync.engine import rebase_in

    state = Replica.state(session)
    return rebase_in(session, state, outbox_entries(session), state.cursor or 0)


def server_device_mark(transport: Transport, device_id: str) -> DeviceMark:
    """Ask the server for this device's high-water mark, registering the device again if it is unknown.

    An empty push returns the mark without renaming the device. A restore
    from a backup older than the device's registration loses the device, and
    registering it again with the same id may give it another code.
    """
    try:
        response = transport.push(protocol.PushRequest(device_id=device_id, commands=[]))
        return DeviceMark(high_water=response.high_water)
    except ServerError as exc:
        if exc.code != DEVICE_NOT_REGISTERED:
            raise
    info = transport.register_device(platform.node() or "kaidan", device_id)
    log.warning("device %s was unknown to the server and was registered again with code %s", device_id, info.code)
    return DeviceMark(high_water=info.high_water, code=info.code)


def requeue_after_restore(session: Session, high_water: int) -> Requeued:
    """Put every command above `high_water` back in the outbox as pending, without sequence gaps."""
    outbox = {entry.mutation_id: entry for entry in outbox_entries(session)}
    replayed = 0
    journal = list(session.scalars(
        select(JournalEntry).where(JournalEntry.device_seq > high_water).order_by(JournalEntry.device_seq)
    ))
    for journal_entry in journal:
        if journal_entry.mutation_id not in outbox:
            session.add(_pending_from_journal(journal_entry))
            replayed += 1
        # The push journals it again when the restored server acknowledges it.
        session.delete(journal_entry)
    for entry in outbox.values():
        if entry.device_seq > high_water and entry.status != OutboxStatus.PENDING.value:
            entry.status = OutboxStatus.PENDING.value
            entry.change_seq = None
            entry.result_code = None
            entry.result_params = None
            entry.result_flags = None
            replayed += 1
    session.flush()

    queued = [entry for entry in outbox_entries(session) if entry.device_seq > high_water]
    renumbered = 0
    # Each new number is at most the old one, so renumbering upwards in
    # order never collides with a number still in use (device_seq is unique).
    for offset, entry in enumerate(queued, start=1):
        if entry.device_seq != high_water + offset:
            log.warning(
                "renumbering %s %s from device_seq %s to %s to close a gap",
                entry.name, entry.mutation_id, entry.device_seq, high_water + offset,
            )
            entry.device_seq = high_water + offset
            session.flush()
            renumbered += 1
    last = high_water + len(queued)
    Replica.state(session).last_device_seq = last
    return Requeued(replayed=replayed, renumbered=renumbered, last_device_seq=last)


def _pending_from_journal(journal_entry: JournalEntry) -> OutboxEntry:
    return OutboxEntry(
        mutation_id=journal_entry.mutation_id,
        device_seq=journal_entry.device_seq,
        name=journal_entry.name,
        payload=journal_entry.payload,
        base_versions=journal_entry.base_versions or {},
        depends_on=journal_entry.depends_on or [],
        schema_version=journal_entry.schema_version,
        user_id=journal_entry.user_id,
        created_at=journal_entry.created_at,
        status=OutboxStatus.PENDING.value,
        attempts=0,
    )
