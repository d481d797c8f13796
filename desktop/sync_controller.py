"""Background sync: on a timer, on demand (F5), with backoff while the server is unreachable.

The controller owns the signed-in ServerConnection. A failed attempt never
opens a dialog: it switches the status to offline (server unreachable) or
"sign-in needed" (token refused) and tries again later, so the app comes
back online by itself when the server returns.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import logging
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal
from sqlalchemy import func, select

from desktop.errors import is_bug, user_message
from desktop.tasks import Changes, TaskControl, TaskRunner
from domain.models.base import replicated_tables
from sync import search_index
from sync.client import ServerConnection, SyncResult, clock_skew_amount, run_sync, sign_in
from sync.engine import Rebuild, RebuildReason
from sync.errors import AuthRequired, ServerError, ServerUnreachable, SyncError
from sync.local_tables import OutboxEntry, OutboxStatus, UndoRecord
from sync.replica import Replica

log = logging.getLogger(__name__)

# One attempt per sync with a 3 s connect timeout: the controller's own backoff
# paces the retries instead of the transport's sleeps in a worker thread.
GUI_TRANSPORT_OPTIONS = {"max_attempts": 1, "timeout": (3.0, 120.0)}
# A table with more changed ids than this in one pull is reloaded whole.
MAX_TRACKED_IDS = 2000
# Key of the lasting notice about a rebuilt replica (see SyncController.notice_raised).
REBUILD_NOTICE = "rebuild"


class SyncStatus(str, enum.Enum):
    OFFLINE = "offline"
    ONLINE = "online"
    SYNCING = "syncing"
    SIGN_IN_NEEDED = "sign_in_needed"


@dataclasses.dataclass
class SyncSettings:
    """Timer intervals in milliseconds; tests shorten them."""

    interval_ms: int = 60_000
    first_retry_ms: int = 2_000
    max_retry_ms: int = 60_000


class _RecordingTransport:
    """Passes every call to the real transport and records the tables and ids of pulled pages."""

    def __init__(self, transport: Any) -> None:
        self._transport = transport
        self.rows: dict[str, set[str] | None] = {}

    def __getattr__(self, name: str) -> Any:
        return getattr(self._transport, name)

    def pull(self, request):
        page = self._transport.pull(request)
        for table, row_id in page.row_ids():
            self._add(table, (row_id,))
        for tombstone in page.tombstones:
            self._add(tombstone.table, (tombstone.id,))
        return page

    def _add(self, table: str, ids) -> None:
        if table in self.rows and self.rows[table] is None:
            return
        found = self.rows.setdefault(table, set())
        found.update(str(row_id) for row_id in ids if row_id)
        if len(found) > MAX_TRACKED_IDS:
            self.rows[table] = None

    def changes(self) -> Changes:
        tables = frozenset(self.rows)
        ids = {table: frozenset(found) for table, found in self.rows.items() if found is not None}
        return Changes(tables, ids)


class SyncController(QObject):
    """Runs sync attempts through the task runner and reports the status by signal."""

    status_changed = Signal(str)
    # Emitted after each finished attempt, successful or not.
    attempt_finished = Signal()
    # Commands waiting to be sent (pending).
    unsynced_changed = Signal(int)
    # Commands the server refused: rejected, and held behind a rejected one.
    refused_changed = Signal(int)
    last_sync_changed = Signal(object)
    # A translated, one-line note for the status bar ("" clears it); the next attempt replaces it.
    message_changed = Signal(str)
    # (key, translated text) of a note that stays until the user closes it, such as a replica rebuild.
    notice_raised = Signal(str, str)
    # A sync.progress.PullProgress after each pulled page.
    progress_changed = Signal(object)
    # A sync attempt began downloading into an empty replica (a first sync or a rebuild).
    bootstrap_started = Signal()
    # (records done, records in all) while the search index is built in the background after a sync.
    search_index_progress = Signal(int, int)
    # The background build of the search index ended; searches use the index from now on.
    search_index_built = Signal()

    def __init__(self, replica: Replica, tasks: TaskRunner, server_url: str | None, username: str | None,
                 settings: SyncSettings | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.replica = replica
        self.tasks = tasks
        self.server_url = server_url
        self.username = username
        self.settings = settings or SyncSettings()
        self.connection: ServerConnection | None = None
        self.status = SyncStatus.OFFLINE
        self.last_error: BaseException | None = None
        self.last_result: SyncResult | None = None
        self._password: str | None = None
        self._running = False
        self._again = False
        self._handle = None
        self._retry_ms = self.settings.first_retry_ms
        self._index_handle = None
        # The status-bar note of the last attempt, shown again when the search index build ends.
        self._sync_note = ""
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.sync_now)
        self.tasks.changed.connect(lambda changes: self.refresh_counts())

    # -- public ----------------------------------------------------------

    def start(self, connection: ServerConnection | None, password: str | None = None) -> None:
        """Begin syncing: at once, then on the timer.

        `connection` is None when the app opened offline; then `password`,
        if given, signs in when the server returns (kept in memory only),
        else the refresh token in the keyring does.
        """
        self.connection = connection
        self._password = password
        self._set_status(SyncStatus.ONLINE if connection is not None else SyncStatus.OFFLINE)
        self.refresh_counts()
        self.sync_now()

    def stop(self) -> None:
        self._timer.stop()
        # A cancelled attempt that finishes after this must not schedule another.
        self._handle = None
        if self.connection is not None:
            self.connection.close()
            self.connection = None

    def sync_now(self) -> None:
        """Start a sync attempt now, or right after the one running."""
        if not self.server_url or not self.username:
            return
        if self._running:
            self._again = True
            return
        self._timer.stop()
        self._running = True
        previous = self.status
        self._set_status(SyncStatus.SYNCING)
        # Cancellable so that a first download can be stopped between pages (see cancel).
        self._handle = self.tasks.run(
            self._work,
            on_result=self._succeeded,
            on_error=lambda error: self._failed(error, previous),
            label=None,
            cancellable=True,
        )
        self._handle.finished.connect(lambda handle=self._handle: self._after_cancel(handle, previous))

    def cancel(self) -> None:
        """Stop the running attempt after the page being applied; pulled pages stay, and the next attempt resumes."""
        if self._handle is not None and not self._handle.done:
            self._handle.cancel()

    def run_with_connection(self, work, *, on_result, on_error, label: str | None = None, parent=None,
                            on_finished=None) -> None:
        """Run `work(connection, control)` off the GUI thread with the signed-in connection, between sync attempts.

        Sync attempts wait until it ends, because the transport and its
        tokens are not shared between threads. Starts after the running attempt.
        The task is cancellable; a cancelled task calls neither `on_result` nor
        `on_error`, but `on_finished()` runs after every end, cancelled or not.
        """
        if self._running:
            self.attempt_finished.connect(
                lambda: self.run_with_connection(work, on_result=on_result, on_error=on_error, label=label, parent=parent,
                                                 on_finished=on_finished),
                Qt.ConnectionType.SingleShotConnection,
            )
            return
        connection = self.connection
        if connection is None:
            on_error(ServerUnreachable("not signed in to the server"))
            if on_finished is not None:
                on_finished()
            return
        self._timer.stop()
        self._running = True

        def failed(error: BaseException) -> None:
            self._note_request_failure(error)
            on_error(error)

        def finished() -> None:
            self._running = False
            if self.status == SyncStatus.OFFLINE:
                self._schedule_retry()
            else:
                self._schedule(self.settings.interval_ms)
            if on_finished is not None:
                on_finished()

        handle = self.tasks.run(lambda control: work(connection, control), on_result=on_result, on_error=failed,
                                label=label, parent=parent)
        handle.finished.connect(finished)

    def set_credentials(self, connection: ServerConnection) -> None:
        """Use a connection from a new sign-in (after "sign-in needed") and sync."""
        if self.connection is not None and self.connection is not connection:
            self.connection.close()
        self.connection = connection
        self._set_status(SyncStatus.ONLINE)
        self.sync_now()

    def refresh_counts(self) -> None:
        self.tasks.run(lambda control: _read_counts(self.replica), on_result=self._show_counts, cancellable=False)

    @property
    def online(self) -> bool:
        return self.status in (SyncStatus.ONLINE, SyncStatus.SYNCING) and self.connection is not None

    # -- worker side -----------------------------------------------------

    def _work(self, control: TaskControl) -> tuple[ServerConnection, SyncResult, Changes]:
        connection = self.connection
        if connection is None:
            connection = sign_in(self.replica, self.server_url, self.username, self._password,
                                 transport_options=GUI_TRANSPORT_OPTIONS)
        recorder = _RecordingTransport(connection.transport)
        recording = ServerConnection(connection.replica, recorder, connection.keyring_warning)
        if (self.replica.read_state().cursor or 0) == 0:
            self.bootstrap_started.emit()

        def report(line: str) -> None:
            # Between steps: each applied page is committed, so stopping here loses nothing.
            control.check_cancelled()
            control.report(line)

        def report_pull(progress) -> None:
            self.progress_changed.emit(progress)

        result = run_sync(recording, report, report_pull)
        changes = recorder.changes()
        if result.pull.rebuilds:
            # Rows that left the replica in a rebuild came with no tombstone,
            # so every view reloads whole.
            changes = changes.merged(Changes(frozenset(table.name for table in replicated_tables())))
        if result.pull.pages:
            changes = changes.merged(_pending_rows(self.replica))
        return connection, result, changes

    # -- GUI side --------------------------------------------------------

    def _after_cancel(self, handle, previous: SyncStatus) -> None:
        if not handle.cancelled or handle is not self._handle:
            return
        log.info("sync attempt cancelled by the user")
        self._running = False
        self._set_status(previous if previous != SyncStatus.SYNCING else SyncStatus.ONLINE)
        self._schedule(self.settings.interval_ms)
        self.refresh_counts()
        self.attempt_finished.emit()

    def _succeeded(self, value: tuple[ServerConnection, SyncResult, Changes]) -> None:
        connection, result, changes = value
        self.connection = connection
        self.last_result = result
        self.last_error = None
        self._running = False
        self._retry_ms = self.settings.first_retry_ms
        self._set_status(SyncStatus.ONLINE)
        if result.pull.rebuilds:
            # Shown as a lasting notice: the next attempt's status-bar message would hide it within a minute.
            rebuilt = " ".join(dict.fromkeys(rebuild_message(rebuilt) for rebuilt in result.pull.rebuilds))
            self.notice_raised.emit(REBUILD_NOTICE, rebuilt)
        notes = [clock_skew_message(result.clock_skew_s)] if result.clock_skewed else []
        self._sync_note = " ".join(notes)
        self.message_changed.emit(self._sync_note)
        log.info("sync done: pushed %s, pulled %s row(s) in %s page(s)",
                 result.push.sent, result.pull.rows, result.pull.pages)
        self.tasks.notify_changed(changes)
        self.refresh_counts()
        self._schedule(self.settings.interval_ms)
        self.attempt_finished.emit()
        if result.pull.search_index_pending:
            self.build_search_index()

    def build_search_index(self) -> None:
        """Build the search index in a background task, with progress in the status bar, unless a build runs.

        Searches meanwhile read the tables without the index (see
        sync.search), so nothing waits for the build. When it ends, views
        of customers, products and suppliers reload, and their searches use
        the index.
        """
        if self._index_handle is not None and not self._index_handle.done:
            return

        def work(control: TaskControl) -> int:
            return search_index.build_index(self.replica, self._report_index_progress)

        self._index_handle = self.tasks.run(
            work, on_result=self._search_index_built, on_error=self._search_index_failed, label=None, cancellable=False
        )

    def _report_index_progress(self, done: int, total: int) -> None:
        # Called in the worker thread; the signal reaches the GUI thread queued.
        self.search_index_progress.emit(done, total)
        self.message_changed.emit(search_index_message(done, total))

    def _search_index_built(self, records: int) -> None:
        log.info("search index built in the background: %d record(s)", records)
        self.message_changed.emit(self._sync_note)
        self.tasks.notify_changed(Changes(frozenset(kind.table for kind in search_index.KINDS.values())))
        self.search_index_built.emit()

    def _search_index_failed(self, error: BaseException) -> None:
        # Searches keep working without the index; the next sync that finds it behind starts the build again.
        log.error("building the search index failed", exc_info=(type(error), error, error.__traceback__))
        self.message_changed.emit(self._sync_note)

    def _failed(self, error: BaseException, previous: SyncStatus) -> None:
        self._running = False
        first_failure = self.last_error is None or type(self.last_error) is not type(error)
        self.last_error = error
        if isinstance(error, ServerUnreachable) or _is_connection_error(error):
            if first_failure:
                log.warning("server unreachable; working offline: %s", error)
            self._set_status(SyncStatus.OFFLINE)
            self._schedule_retry()
        elif isinstance(error, AuthRequired):
            log.warning("sync needs a new sign-in: %s", error)
            self._require_sign_in()
        else:
            if is_bug(error):
                log.error("sync failed", exc_info=(type(error), error, error.__traceback__))
            else:
                log.warning("sync failed: %s", error)
            self._set_status(SyncStatus.ONLINE if isinstance(error, ServerError) else SyncStatus.OFFLINE)
            self._schedule_retry()
        message = user_message(error)
        self.message_changed.emit(message or str(error))
        self.refresh_counts()
        self.attempt_finished.emit()

    def _note_request_failure(self, error: BaseException) -> None:
        """Show in the status bar what a failed request of run_with_connection found out, as a failed sync attempt does.

        An unreachable server switches the status to offline and a refused
        token to "sign-in needed". An error that the server returned leaves
        the status online, because the server was reached.
        """
        if isinstance(error, ServerUnreachable) or _is_connection_error(error):
            log.warning("server unreachable during a request; working offline: %s", error)
            self._set_status(SyncStatus.OFFLINE)
        elif isinstance(error, AuthRequired):
            log.warning("a request needs a new sign-in: %s", error)
            self._require_sign_in()
        else:
            return
        self.last_error = error
        self.message_changed.emit(user_message(error) or str(error))

    def _require_sign_in(self) -> None:
        """Drop the refused connection and the kept password, and show "sign-in needed"."""
        if self.connection is not None:
            self.connection.close()
            self.connection = None
        self._password = None
        self._set_status(SyncStatus.SIGN_IN_NEEDED)

    def _schedule_retry(self) -> None:
        self._schedule(self._retry_ms)
        self._retry_ms = min(self._retry_ms * 2, self.settings.max_retry_ms)

    def _schedule(self, delay_ms: int) -> None:
        if self._again:
            self._again = False
            delay_ms = 0
        self._timer.start(delay_ms)

    def _set_status(self, status: SyncStatus) -> None:
        if status != self.status:
            self.status = status
            self.status_changed.emit(status.value)

    def _show_counts(self, counts: tuple[int, int, dt.datetime | None]) -> None:
        unsynced, refused, last_sync_at = counts
        self.unsynced_changed.emit(unsynced)
        self.refused_changed.emit(refused)
        self.last_sync_changed.emit(last_sync_at)


def rebuild_message(rebuilt: Rebuild) -> str:
    """Return the translated notice for one rebuild of the replica."""
    translate = QCoreApplication.translate
    if rebuilt.reason == RebuildReason.RESTORE:
        return translate(
            "SyncController",
            "The server was restored from a backup. Kaidan downloaded your data again and resent your recent changes.",
        )
    if rebuilt.reason == RebuildReason.RETENTION:
        return translate(
            "SyncController",
            "Your last sync was older than the server keeps deletions, so Kaidan downloaded your data again.",
        )
    return translate(
        "SyncController",
        "Your access changed, so Kaidan downloaded your data again; records outside your access are gone.",
    )


def search_index_message(done: int, total: int) -> str:
    """Return the translated status-bar note about the search index being built."""
    percent = done * 100 // total if total else 100
    return QCoreApplication.translate(
        "SyncController", "Building the search index: {done} of {total} records ({percent} %)"
    ).format(done=f"{done:,}", total=f"{total:,}", percent=percent)


def clock_skew_message(skew_s: float) -> str:
    """Return the translated status-bar warning for a clock `skew_s` seconds off the server's (server minus local)."""
    count, unit = clock_skew_amount(skew_s)
    amounts = {
        "minutes": QCoreApplication.translate("SyncController", "%1 minutes"),
        "hours": QCoreApplication.translate("SyncController", "%1 hours"),
        "days": QCoreApplication.translate("SyncController", "%1 days"),
    }
    amount = amounts[unit].replace("%1", str(count))
    if skew_s < 0:
        sentence = QCoreApplication.translate(
            "SyncController",
            "This computer's clock is %1 ahead of the server's. Document dates may be wrong; correct the clock.",
        )
    else:
        sentence = QCoreApplication.translate(
            "SyncController",
            "This computer's clock is %1 behind the server's. Document dates may be wrong; correct the clock.",
        )
    return sentence.replace("%1", amount)


def _is_connection_error(error: BaseException) -> bool:
    """Return True for network failures that reach us unwrapped (during sign-in)."""
    import requests

    return isinstance(error, (requests.ConnectionError, requests.Timeout, ConnectionError))


def _read_counts(replica: Replica) -> tuple[int, int, dt.datetime | None]:
    """Return (pending commands, refused commands, last sync time) of the replica."""
    with replica.transaction() as session:
        rows = session.execute(
            select(OutboxEntry.status, func.count()).group_by(OutboxEntry.status)
        ).all()
    counts = dict(rows)
    pending = counts.get(OutboxStatus.PENDING.value, 0)
    refused = counts.get(OutboxStatus.REJECTED.value, 0) + counts.get(OutboxStatus.HELD.value, 0)
    return pending, refused, replica.read_state().last_sync_at


def _pending_rows(replica: Replica) -> Changes:
    """Return the rows the rebase wrote again: those of commands still in the outbox."""
    with replica.transaction() as session:
        rows = session.execute(
            select(UndoRecord.table_name, UndoRecord.row_id).join(
                OutboxEntry, OutboxEntry.mutation_id == UndoRecord.mutation_id
            )
        ).all()
    return Changes.from_rows((table, row_id) for table, row_id in rows)


__all__ = ["SyncController", "SyncSettings", "SyncStatus", "SyncError"]
