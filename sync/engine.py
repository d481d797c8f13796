"""Sync = push the outbox, then pull pages after the cursor and rebase pending commands."""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import logging
import time
from collections.abc import Callable, Collection

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from domain.commands.framework import CommandError
from domain.commands.upgrades import upgrade_payload
from domain.types import utcnow
from sync import bulk_load, protocol, rebuild, search_index
from sync.errors import ServerError
from sync.killpoints import kill_point
from sync.local_commands import run_tracked
from sync.local_tables import JournalEntry, OutboxEntry, OutboxStatus
from sync.progress import PullProgress, PullProgressMeter
from sync.prefetch import PagePrefetcher
from sync.rebase_plan import page_rows, plan_rebase
from sync.replica import Replica
from sync.transport import Transport
from sync.undo import mutations_with_undo_records, undo_mutations
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
# Receives the figures behind each progress line of a pull.
PullProgressCallback = Callable[[PullProgress], None]


@dataclasses.dataclass
class PushReport:
    sent: int = 0
    acknowledged: int = 0
    rejected: int = 0
    held: int = 0


class RebuildReason(str, enum.Enum):
    SCOPE = "scope"
    RETENTION = "retention"
    RESTORE = "restore"


@dataclasses.dataclass(frozen=True)
class Rebuild:
    """One rebuild of the replica: why, and an English note for the CLI and logs."""

    reason: RebuildReason
    note: str
    # Acknowledged commands queued again after a server restore.
    resent: int = 0


@dataclasses.dataclass
class PullReport:
    pages: int = 0
    rows: int = 0
    tombstones: int = 0
    cursor: int = 0
    rerun_failures: int = 0
    # Each replica rebuild during this sync, for the user.
    rebuilds: list[Rebuild] = dataclasses.field(default_factory=list)
    # Seconds spent bringing the search index up to date after the last page.
    search_index_s: float = 0.0
    # True when the pull left more work for the search index than a pull
    # does inline (a bootstrap, a large pull): call search_index.build_index.
    search_index_pending: bool = False


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
    def __init__(
        self, replica: Replica, transport: Transport, progress: Progress | None = None,
        pull_progress: PullProgressCallback | None = None,
    ) -> None:
        self.replica = replica
        self.transport = transport
        self.progress = progress or (lambda message: None)
        self.pull_progress = pull_progress
        # Shared with every PullReport of this engine, so a rebuild found by push shows too.
        self.rebuilds: list[Rebuild] = []

    # -- push ------------------------------------------------------------

    def push(self, batch_size: int = PUSH_BATCH_SIZE) -> PushReport:
        """Send pending outbox entries in device-sequence order and record each result."""
        report = PushReport()
        state = self.replica.read_state()
        if state.device_id is None:
            raise RuntimeError("the device is not registered; sign in and register before pushing")
        self._detect_restore_before_push(state)
        pending = self.replica.outbox((OutboxStatus.PENDING,))
        if not pending:
            return report
        self.progress(f"pushing {len(pending)} command(s)")
        for start in range(0, len(pending), batch_size):
            batch = pending[start : start + batch_size]
            request = protocol.PushRequest(device_id=state.device_id, commands=[_envelope(e) for e in batch])
            response = self.transport.push(request)
            kill_point("after_push_response")
            report.sent += len(batch)
            self._record_results(response, report)
        self.progress(
            f"pushed: {report.acknowledged} accepted, {report.rejected} rejected, {report.held} held"
        )
        return report

    def _record_results(self, response: protocol.PushResponse, report: PushReport) -> None:
        now = utcnow()
        with self.replica.transaction() as session, session.no_autoflush:
            # One SELECT for the batch; the updates go out in one flush at commit.
            ids = [result.mutation_id for result in response.results]
            entries = {
                entry.mutation_id: entry
                for entry in session.scalars(select(OutboxEntry).where(OutboxEntry.mutation_id.in_(ids)))
            }
            journal: list[dict] = []
            for result in response.results:
                entry = entries.get(result.mutation_id)
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
                    journal.append(self._journal_row(entry, now))
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
            if journal:
                # OR REPLACE: a command pushed again after a server restore is already journaled.
                session.execute(insert(JournalEntry.__table__).prefix_with("OR REPLACE"), journal)
            session.execute(delete(JournalEntry).where(JournalEntry.acknowledged_at < now - JOURNAL_RETENTION))

    @staticmethod
    def _journal_row(entry: OutboxEntry, now: dt.datetime) -> dict:
        """Return the journal row of an acknowledged outbox entry."""
        return {
            "mutation_id": entry.mutation_id,
            "device_seq": entry.device_seq,
            "name": entry.name,
            "payload": entry.payload,
            "base_versions": entry.base_versions or {},
            "depends_on": entry.depends_on or [],
            "schema_version": entry.schema_version,
            "user_id": entry.user_id,
            "created_at": entry.created_at,
            "change_seq": entry.change_seq,
            "acknowledged_at": now,
        }

    # -- pull ------------------------------------------------------------

    def pull(self, limit: int | None = None) -> PullReport:
        """Pull pages after the cursor until the server has no more; each page is one transaction.

        Without a `limit`, a bootstrap (see sync.bulk_load) requests
        protocol.BOOTSTRAP_PULL_LIMIT rows a page, any other pull for
        protocol.DEFAULT_PULL_LIMIT.
        """
        report = PullReport(rebuilds=self.rebuilds)
        self._meter = PullProgressMeter(self.replica.read_state().cursor or 0)
        with self.replica.transaction() as session:
            self._bootstrapping = bool(bulk_load.missing_indexes(session.connection()))
        prefetcher = PagePrefetcher(self.transport)
        try:
            return self._pull_pages(limit, report, prefetcher)
        finally:
            prefetcher.close()

    def _page_limit(self, cursor: int, limit: int | None) -> int:
        """Enter bootstrap mode at cursor 0; return the page size to ask for."""
        if cursor == 0 and not self._bootstrapping:
            with self.replica.transaction() as session:
                bulk_load.drop_secondary_indexes(session.connection())
                # The search index is rebuilt whole after the pull (search_index.build_index).
                search_index.begin_bulk_load(session)
            self._bootstrapping = True
        if limit is not None:
            return limit
        return protocol.BOOTSTRAP_PULL_LIMIT if self._bootstrapping else protocol.DEFAULT_PULL_LIMIT

    def _finish_bootstrap(self) -> None:
        if self._bootstrapping:
            with self.replica.transaction() as session:
                bulk_load.create_missing_indexes(session.connection())
            self._bootstrapping = False

    def _pull_pages(self, requested_limit: int | None, report: PullReport, prefetcher: PagePrefetcher) -> PullReport:
        while True:
            state = self.replica.read_state()
            limit = self._page_limit(state.cursor or 0, requested_limit)
            request = protocol.PullRequest(
                cursor=state.cursor or 0,
                limit=limit,
                columnar=True,
                database_id=state.database_id,
                scope_version=state.scope_version,
            )
            try:
                page = prefetcher.take(request)
            except ServerError as exc:
                if exc.code != protocol.CURSOR_EXPIRED:
                    raise
                self._rebuild_for_retention(request.cursor, exc.params.get("pruned_through"))
                continue
            restore = self._check_identity(page, state.database_id, state.cursor or 0)
            if restore is not None:
                self._rebuild_after_restore(page.database_id, restore)
                # The requeued commands go to the restored server before its pages are applied.
                self.push()
                continue
            if state.scope_version is not None and page.scope_version != state.scope_version:
                self._rebuild_for_scope(state.scope_version, page.scope_version)
                continue
            if page.has_more:
                # The request the next loop builds once this page is applied.
                prefetcher.start(protocol.PullRequest(
                    cursor=page.next_cursor, limit=limit, columnar=True,
                    database_id=page.database_id, scope_version=page.scope_version,
                ))
            # A bootstrap page can be fetched again, so its commit need not wait for the disk.
            with self.replica.transaction(durable=not self._bootstrapping) as session:
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
            progress = self._page_progress(page, report)
            if self.pull_progress is not None:
                self.pull_progress(progress)
            self.progress(progress.describe())
            kill_point("after_page_commit")
            if not page.has_more:
                self._finish_bootstrap()
                self._refresh_search_index(report)
                return report

    def _refresh_search_index(self, report: PullReport) -> None:
        """Refresh a few changed records' search entries now; leave a large refresh to search_index.build_index."""
        started = time.perf_counter()
        with self.replica.transaction() as session:
            current = search_index.refresh_if_small(session)
        report.search_index_s = time.perf_counter() - started
        report.search_index_pending = not current

    def _rebuild_for_scope(self, old_version: int, new_version: int) -> None:
        """Rebuild the replica for a new scope version, keeping outbox and journal.

        Records that left the user's scope vanish this way, and records that
        entered it arrive with the pull.
        """
        log.warning("scope version changed from %s to %s; rebuilding the replica", old_version, new_version)
        self.progress(f"your access changed (scope version {new_version}); downloading your data again")
        with self.replica.transaction() as session:
            rebuild.empty_replica(session)
            state = Replica.state(session)
            state.cursor = 0
            state.scope_version = new_version
            session.flush()
            # Pending commands stay visible while the data arrives again.
            rebuild.rerun_queued(session)
        self.rebuilds.append(Rebuild(
            RebuildReason.SCOPE,
            f"your access changed, so this replica was downloaded again (scope version {new_version})",
        ))

    def _rebuild_for_retention(self, cursor: int, pruned_through: object) -> None:
        """Rebuild the replica because the server pruned tombstones this cursor still needs."""
        log.warning(
            "cursor %s is below the server's retention mark %s; rebuilding the replica, keeping the outbox",
            cursor, pruned_through,
        )
        self.progress("the last sync is older than the server keeps deletions; downloading your data again")
        with self.replica.transaction() as session:
            rebuild.empty_replica(session)
            Replica.state(session).cursor = 0
            session.flush()
            rebuild.rerun_queued(session)
        self.rebuilds.append(Rebuild(
            RebuildReason.RETENTION,
            "the last sync was older than the server's retention horizon, so this replica was downloaded again",
        ))
        # Queued commands normally went out before the pull; send any still pending.
        self.push()

    def _detect_restore_before_push(self, state) -> None:
        """Rebuild before pushing when the server was restored, so no queued command meets a sequence gap."""
        if state.database_id is None:
            return
        info = self.transport.info()
        restore = _describe_restore(info.database_id, info.server_seq, state.database_id, state.cursor or 0)
        if restore is not None:
            self._rebuild_after_restore(info.database_id, restore)

    def _rebuild_after_restore(self, database_id: str, reason: str) -> None:
        """Rebuild the replica for a restored server and queue again what the server no longer has."""
        state = self.replica.read_state()
        log.warning("%s; rebuilding the replica and pushing the journal again", reason)
        self.progress("the server was restored from a backup; downloading your data again and resending recent changes")
        mark = rebuild.server_device_mark(self.transport, state.device_id)
        with self.replica.transaction() as session:
            rebuild.empty_replica(session)
            requeued = rebuild.requeue_after_restore(session, mark.high_water)
            current = Replica.state(session)
            current.cursor = 0
            current.database_id = database_id
            current.restored_database_id = database_id
            if mark.code is not None:
                current.device_code = mark.code
            session.flush()
            rebuild.rerun_queued(session)
        log.warning(
            "replica rebuilt for restored database %s: device high-water mark %s, %s command(s) queued again, "
            "%s renumbered, next device_seq %s",
            database_id, mark.high_water, requeued.replayed, requeued.renumbered, requeued.last_device_seq + 1,
        )
        self.rebuilds.append(Rebuild(
            RebuildReason.RESTORE,
            f"the server was restored from a backup; this replica was downloaded again and "
            f"{requeued.replayed} acknowledged change(s) were sent again",
            resent=requeued.replayed,
        ))

    def _page_progress(self, page: protocol.PullResponse, report: PullReport) -> PullProgress:
        """Measure the pull so far: rows of the estimated total, or change numbers when no estimate came."""
        return self._meter.after_page(
            rows_done=report.rows, pages=report.pages, cursor=report.cursor,
            server_seq=page.server_seq, total_estimate=page.total_estimate,
        )

    def _check_identity(self, page: protocol.PullResponse, known_database_id: str | None, cursor: int) -> str | None:
        """Return why the server looks restored from a backup, or None when it does not."""
        return _describe_restore(page.database_id, page.server_seq, known_database_id, cursor)

    def _apply_page(self, session: Session, page: protocol.PullResponse, report: PullReport) -> None:
        rows, tombstones, failures = apply_page(session, page)
        report.rows += rows
        report.tombstones += tombstones
        report.rerun_failures += failures


def _describe_restore(database_id: str, server_seq: int, known_database_id: str | None, cursor: int) -> str | None:
    """Return why the server looks restored: another database identity, or a sequence behind the cursor."""
    if known_database_id is None:
        return None
    if database_id != known_database_id:
        return f"the server database changed from {known_database_id} to {database_id}"
    if server_seq < cursor:
        return f"the server's change sequence {server_seq} is behind this replica's cursor {cursor}"
    return None


def apply_page(session: Session, page: protocol.PullResponse) -> tuple[int, int, int]:
    """Apply one pulled page inside the caller's transaction, rebasing the outbox around it.

    Undoes the queued commands that plan_rebase selects, writes the page,
    moves the cursor, then runs the pending ones of them again. Returns (rows
    written, rows deleted, commands that failed locally on the new state).
    """
    entries = list(session.scalars(select(OutboxEntry).order_by(OutboxEntry.device_seq)))
    # The page's row keys matter only to queued commands; a bootstrap usually has none.
    touched = page_rows(page) if entries else set()
    plan = plan_rebase(session, entries, touched, max(Replica.state(session).cursor or 0, page.next_cursor))
    entries = plan.rebased
    rebase_out(session, entries, keep=plan.kept)

    rows, tombstones = apply_changes(session, page)
    session.expire_all()
    kill_point("before_cursor_moves")

    state = Replica.state(session)
    cursor = max(state.cursor or 0, page.next_cursor)
    state.cursor = cursor
    state.database_id = page.database_id
    # A changed scope version is handled by SyncEngine.pull before a page is applied.
    state.scope_version = page.scope_version
    session.flush()
    failures = rebase_in(session, state, entries, cursor)
    return rows, tombstones, failures


def rebase_out(session: Session, entries: list[OutboxEntry], keep: Collection[str] = ()) -> None:
    """Undo every outbox entry that still has undo records, newest first.

    Undo records of mutations in `keep` stay applied. Those of mutations that
    are neither in `entries` nor in `keep` are orphans and are undone too.
    """
    with_undo = mutations_with_undo_records(session) - set(keep)
    newest_first = [entry.mutation_id for entry in reversed(entries) if entry.mutation_id in with_undo]
    orphans = sorted(with_undo.difference(newest_first))
    for orphan in orphans:
        log.warning("dropping undo records of mutation %s, which is no longer in the outbox", orphan)
    undo_mutations(session, newest_first + orphans)
    session.expire_all()


def rebase_in(session: Session, state, entries: list[OutboxEntry], cursor: int) -> int:
    """Run pending and not-yet-pulled acknowledged commands again, in device-sequence order.

    Acknowledged commands whose change number the cursor has reached are done:
    their rows came with the pull, so they leave the outbox (the journal keeps
    them). Returns how many commands failed locally; those stay queued because
    the server decides.
    """
    failures = 0
    _reload_outbox(session)
    for entry in entries:
        if entry.status == OutboxStatus.ACKNOWLEDGED.value and (entry.change_seq or 0) <= cursor:
            session.delete(entry)
            continue
        if entry.status not in (OutboxStatus.PENDING.value, OutboxStatus.ACKNOWLEDGED.value):
            continue
        try:
            with session.begin_nested():
                run_tracked(session, state, entry.mutation_id, entry.name, local_payload(entry))
        except CommandError as exc:
            failures += 1
            session.expire_all()
            _reload_outbox(session)
            _log_local_failure(entry, exc.code)
        else:
            _LOCAL_FAILURES.pop(entry.mutation_id, None)
    session.flush()
    return failures


def _reload_outbox(session: Session) -> None:
    """Load every outbox entry in one query, refreshing the expired entry objects the session holds.

    Without it, reading an attribute of each expired entry runs one SELECT per entry.
    """
    session.scalars(select(OutboxEntry)).all()


# Mutation id -> the error code last logged for it. Every page of a pull
# runs the queued commands again, so a command that keeps failing is logged
# once per error code, not once per page.
_LOCAL_FAILURES: dict[str, str] = {}
MAX_REMEMBERED_FAILURES = 10_000


def _log_local_failure(entry: OutboxEntry, code: str) -> None:
    if _LOCAL_FAILURES.get(entry.mutation_id) == code:
        log.debug("pending %s device_seq %s still fails locally (%s)", entry.name, entry.device_seq, code)
        return
    if len(_LOCAL_FAILURES) >= MAX_REMEMBERED_FAILURES:
        _LOCAL_FAILURES.clear()
    _LOCAL_FAILURES[entry.mutation_id] = code
    log.warning(
        "pending %s device_seq %s no longer applies locally (%s); kept for the server to decide",
        entry.name, entry.device_seq, code,
    )


def local_payload(entry: OutboxEntry) -> dict:
    """Return the entry's payload in this build's schema, for running it locally.

    An entry queued by an older build keeps its stored payload and schema
    version, because the server upgrades what it receives and may be older
    than this build. Only the local run gets the upgraded copy. A payload too
    old to upgrade raises CommandTooOld, a CommandError like any local failure.
    """
    if entry.schema_version >= protocol.SCHEMA_VERSION:
        return entry.payload
    return upgrade_payload(
        entry.name, entry.payload, entry.schema_version,
        to_version=protocol.SCHEMA_VERSION, min_version=protocol.MIN_COMMAND_SCHEMA_VERSION,
    )


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
