"""Sync = push the outbox, then pull pages after the cursor and rebase pending commands."""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from collections.abc import Callable

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from domain.commands.framework import CommandError
from domain.models.base import Base
from domain.types import utcnow
from sync import protocol
from sync.errors import ServerError, ServerRestored
from sync.local_commands import run_tracked
from sync.local_tables import JournalEntry, OutboxEntry, OutboxStatus
from sync.replica import Replica
from sync.transport import Transport
from sync.undo import mutations_with_undo_records, undo_mutation
from sync.wire_apply import apply_changes

log = logging.getLogger(__name__)

PUSH_BATCH_SIZE = 100
# Acknowledged commands stay in the journal this long, to be pushed again if
# the server is restored from a backup older than them.
JOURNAL_RETENTION = dt.timedelta(days=14)

ACKNOWLEDGING = {
    protocol.ResultStatus.APPLIED,
    protocol.ResultStatus.APPLIED_WITH_FLAGS,
    protocol.ResultStatus.ALREADY_APPLIED,
}

Progress = Callable[[str], None]


@dataclasses.dataclass
class PushReport:
    sent: int = 0
    acknowledged: int = 0
    rejected: int = 0
    held: int = 0


@dataclasses.dataclass
class PullReport:
    pages: int = 0
    rows: int = 0
    tombstones: int = 0
    cursor: int = 0
    rerun_failures: int = 0


def _envelope(entry: OutboxEntry) -> protocol.CommandEnvelope:
    return protocol.CommandEnvelope(
        mutation_id=entry.mutation_id,
        device_seq=entry.device_seq,
        name=entry.name,
        payload=entry.payload,
        base_versions=entry.base_versions or {},
        depends_on=entry.depends_on or [],
        schema_version=entry.schema_version,
        created_at=entry.created_at.isoformat(),
    )


class SyncEngine:
    def __init__(self, replica: Replica, transport: Transport, progress: Progress | None = None) -> None:
        self.replica = replica
        self.transport = transport
        self.progress = progress or (lambda message: None)

    # -- push ------------------------------------------------------------

    def push(self, batch_size: int = PUSH_BATCH_SIZE) -> PushReport:
        """Send pending outbox entries in device-sequence order and record each result."""
        report = PushReport()
        state = self.replica.read_state()
        if state.device_id is None:
            raise RuntimeError("the device is not registered; sign in and register before pushing")
        pending = self.replica.outbox((OutboxStatus.PENDING,))
        if not pending:
            return report
        self.progress(f"pushing {len(pending)} command(s)")
        for start in range(0, len(pending), batch_size):
            batch = pending[start : start + batch_size]
            request = protocol.PushRequest(device_id=state.device_id, commands=[_envelope(e) for e in batch])
            response = self.transport.push(request)
            report.sent += len(batch)
            self._record_results(response, report)
        self.progress(
            f"pushed: {report.acknowledged} accepted, {report.rejected} rejected, {report.held} held"
        )
        return report

    def _record_results(self, response: protocol.PushResponse, report: PushReport) -> None:
        now = utcnow()
        with self.replica.transaction() as session:
            for result in response.results:
                entry = session.get(OutboxEntry, result.mutation_id)
                if entry is None or entry.status != OutboxStatus.PENDING.value:
                    # Another process recorded this result first, or a pull finished it.
                    continue
                entry.attempts = (entry.attempts or 0) + 1
                entry.last_sent_at = now
                entry.result_code = result.code
                entry.result_params = result.params or None
                entry.result_flags = result.flags or None
                status = result.status
                if status == protocol.ResultStatus.ALREADY_APPLIED and result.original_status is not None:
                    # A replay returns the stored result, which may be a rejection.
                    status = result.original_status
                if status in ACKNOWLEDGING:
                    entry.status = OutboxStatus.ACKNOWLEDGED.value
                    entry.change_seq = result.change_seq
                    self._journal(session, entry, now)
                    report.acknowledged += 1
                elif status == protocol.ResultStatus.REJECTED:
                    entry.status = OutboxStatus.REJECTED.value
                    report.rejected += 1
                    log.warning(
                        "server rejected %s device_seq %s: %s %s",
                        entry.name, entry.device_seq, result.code, result.params,
                    )
                else:
                    entry.status = OutboxStatus.HELD.value
                    report.held += 1
                    log.warning("server held %s device_seq %s: %s", entry.name, entry.device_seq, result.code)
            session.execute(delete(JournalEntry).where(JournalEntry.acknowledged_at < now - JOURNAL_RETENTION))

    @staticmethod
    def _journal(session: Session, entry: OutboxEntry, now: dt.datetime) -> None:
        session.merge(
            JournalEntry(
                mutation_id=entry.mutation_id,
                device_seq=entry.device_seq,
                name=entry.name,
                payload=entry.payload,
                base_versions=entry.base_versions or {},
                depends_on=entry.depends_on or [],
                schema_version=entry.schema_version,
                user_id=entry.user_id,
                created_at=entry.created_at,
                change_seq=entry.change_seq,
                acknowledged_at=now,
            )
        )

    # -- pull ------------------------------------------------------------

    def pull(self, limit: int = protocol.DEFAULT_PULL_LIMIT) -> PullReport:
        """Pull pages after the cursor until the server has no more; each page is one transaction."""
        report = PullReport()
        # Set by the first page; every progress line of this pull uses its scale.
        self._rows_estimate: int | None = None
        while True:
            state = self.replica.read_state()
            request = protocol.PullRequest(
                cursor=state.cursor or 0,
                limit=limit,
                database_id=state.database_id,
                scope_version=state.scope_version,
            )
            page = self.transport.pull(request)
            self._check_identity(page, state.database_id, state.cursor or 0)
            if state.scope_version is not None and page.scope_version != state.scope_version:
                self._rebuild_for_scope(state.scope_version, page.scope_version)
                continue
            with self.replica.transaction() as session:
                current_cursor = Replica.state(session).cursor or 0
                stale = current_cursor != request.cursor
                if not stale:
                    self._apply_page(session, page, report)
            if stale:
                # Another process applied pages meanwhile; this page could
                # write rows older than theirs, so fetch again from its cursor.
                log.info("cursor moved from %s to %s during the pull; fetching again", request.cursor, current_cursor)
                continue
            if page.has_more and page.next_cursor <= request.cursor:
                raise ServerError(200, "pull_no_progress", {"cursor": request.cursor, "next_cursor": page.next_cursor})
            report.pages += 1
            report.cursor = max(state.cursor or 0, page.next_cursor)
            self.progress(self._page_progress(page, report))
            if not page.has_more:
                return report

    def _rebuild_for_scope(self, old_version: int, new_version: int) -> None:
        """Empty the replicated tables and restart the pull from zero, keeping outbox and journal.

        Records that left the user's scope vanish this way, and records that
        entered it arrive with the pull.
        """
        log.warning("scope version changed from %s to %s; rebuilding the replica", old_version, new_version)
        self.progress(f"your access changed (scope version {new_version}); downloading your data again")
        with self.replica.transaction() as session:
            entries = list(session.scalars(select(OutboxEntry).order_by(OutboxEntry.device_seq)))
            rebase_out(session, entries)
            connection = session.connection()
            for table in reversed(Base.metadata.sorted_tables):
                connection.execute(table.delete())
            session.expire_all()
            state = Replica.state(session)
            state.cursor = 0
            state.scope_version = new_version
            session.flush()
            # Pending commands stay visible while the data arrives again.
            rebase_in(session, state, entries, 0)

    def _page_progress(self, page: protocol.PullResponse, report: PullReport) -> str:
        """Describe the pull so far: rows of the estimated total, or change numbers when no estimate came."""
        if page.total_estimate:
            # Only a page from cursor 0 carries an estimate; later pages keep its scale.
            self._rows_estimate = page.total_estimate
        if self._rows_estimate:
            percent = min(100, report.rows * 100 // self._rows_estimate)
            return f"pulled {report.rows} of about {self._rows_estimate} rows ({percent} %)"
        percent = min(100, report.cursor * 100 // max(page.server_seq, 1))
        return f"pulled {report.rows} rows, change {report.cursor} of {page.server_seq} ({percent} %)"

    def _check_identity(self, page: protocol.PullResponse, known_database_id: str | None, cursor: int) -> None:
        restored = known_database_id is not None and page.database_id != known_database_id
        if not restored and page.server_seq < cursor:
            restored = True
        if not restored:
            return
        # NOTE: rebuilding the replica and pushing the journal again after a
        # server restore is not implemented yet. Sync stops here, so no page
        # of the restored database is applied over the old cursor.
        if known_database_id != page.database_id:
            change = f"the server database changed from {known_database_id} to {page.database_id}"
        else:
            change = f"the server's change sequence {page.server_seq} is behind this replica's cursor {cursor}"
        message = f"{change}: it was restored from a backup, so this replica must be rebuilt"
        with self.replica.transaction() as session:
            state = Replica.state(session)
            state.restored_database_id = page.database_id
            state.last_error = message
        log.error(message)
        raise ServerRestored(message)

    def _apply_page(self, session: Session, page: protocol.PullResponse, report: PullReport) -> None:
        rows, tombstones, failures = apply_page(session, page)
        report.rows += rows
        report.tombstones += tombstones
        report.rerun_failures += failures


def apply_page(session: Session, page: protocol.PullResponse) -> tuple[int, int, int]:
    """Apply one pulled page inside the caller's transaction, rebasing the outbox around it.

    Undoes every queued command, writes the page, moves the cursor, then runs
    the pending commands again. Returns (rows written, rows deleted, commands
    that failed locally on the new state).
    """
    entries = list(session.scalars(select(OutboxEntry).order_by(OutboxEntry.device_seq)))
    rebase_out(session, entries)

    rows, tombstones = apply_changes(session, page.changes, page.tombstones)
    session.expire_all()

    state = Replica.state(session)
    cursor = max(state.cursor or 0, page.next_cursor)
    state.cursor = cursor
    state.database_id = page.database_id
    # A changed scope version is handled by SyncEngine.pull before a page is applied.
    state.scope_version = page.scope_version
    session.flush()
    failures = rebase_in(session, state, entries, cursor)
    return rows, tombstones, failures


def rebase_out(session: Session, entries: list[OutboxEntry]) -> None:
    """Undo every outbox entry that still has undo records, newest first."""
    with_undo = mutations_with_undo_records(session)
    for entry in reversed(entries):
        if entry.mutation_id in with_undo:
            undo_mutation(session, entry.mutation_id)
            with_undo.discard(entry.mutation_id)
    for orphan in with_undo:
        log.warning("dropping undo records of mutation %s, which is no longer in the outbox", orphan)
        undo_mutation(session, orphan)
    session.expire_all()


def rebase_in(session: Session, state, entries: list[OutboxEntry], cursor: int) -> int:
    """Run pending and not-yet-pulled acknowledged commands again, in device-sequence order.

    Acknowledged commands whose change number the cursor has reached are done:
    their rows came with the pull, so they leave the outbox (the journal keeps
    them). Returns how many commands failed locally; those stay queued because
    the server decides.
    """
    failures = 0
    for entry in entries:
        if entry.status == OutboxStatus.ACKNOWLEDGED.value and (entry.change_seq or 0) <= cursor:
            session.delete(entry)
            continue
        if entry.status not in (OutboxStatus.PENDING.value, OutboxStatus.ACKNOWLEDGED.value):
            continue
        try:
            with session.begin_nested():
                run_tracked(session, state, entry.mutation_id, entry.name, entry.payload)
        except CommandError as exc:
            failures += 1
            session.expire_all()
            log.warning(
                "pending %s device_seq %s no longer applies locally (%s); kept for the server to decide",
                entry.name, entry.device_seq, exc.code,
            )
    session.flush()
    return failures


def undo_all_pending(session: Session) -> None:
    """Undo every queued command's local effects in the current transaction (for verify)."""
    entries = list(session.scalars(select(OutboxEntry).order_by(OutboxEntry.device_seq)))
    rebase_out(session, entries)



def discard(replica: Replica, mutation_id: str) -> None:
    """Remove a rejected or held command from the outbox at the user's request.

    Only those: the server has seen them, so dropping one leaves no gap in
    the device sequence. A pending command cannot be discarded because the
    server would wait for its sequence number forever.
    """
    with replica.transaction() as session:
        entry = session.get(OutboxEntry, mutation_id)
        if entry is None:
            raise ValueError(f"mutation {mutation_id} is not in the outbox")
        if entry.status not in (OutboxStatus.REJECTED.value, OutboxStatus.HELD.value):
            raise ValueError(f"only rejected or held commands can be discarded; {mutation_id} is {entry.status}")
        entries = list(session.scalars(select(OutboxEntry).order_by(OutboxEntry.device_seq)))
        rebase_out(session, entries)
        session.delete(session.get(OutboxEntry, mutation_id))
        session.flush()
        remaining = [e for e in entries if e.mutation_id != mutation_id]
        state = Replica.state(session)
        rebase_in(session, state, remaining, state.cursor or 0)
    log.info("discarded %s command %s", entry.status, mutation_id)
