"""The single way views run database and network work off the GUI thread.

    handle = context.tasks.run(load_rows, on_result=self.show_rows, label=translate("Ctx", "Loading..."))
    context.tasks.submit("order.confirm", {"id": order_id}, on_result=..., on_error=...)
    context.tasks.changed.connect(self.on_changed)     # Changes after each submit and pull

`work` runs on a QThreadPool thread and receives a TaskControl. Its result or
exception comes back to the GUI thread by queued signal, and `on_result` or
`on_error` is called there only. A task still running after
PROGRESS_DELAY_MS shows a progress dialog over `parent` with a Cancel button
when the task is cancellable; cancelling sets `control.cancelled` and drops
the result. After every submit and every sync pull the runner emits
`changed` with the tables and ids written, so views reload only what a
command changed.
"""

from __future__ import annotations

import dataclasses
import logging
import threading
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget
import shiboken6
from sqlalchemy import select

from desktop.errors import TaskCancelled, is_bug
from desktop.i18n import translate
from sync.client import Submitted, submit
from sync.local_tables import UndoRecord
from sync.replica import Replica

log = logging.getLogger(__name__)

PROGRESS_DELAY_MS = 500


@dataclasses.dataclass(frozen=True)
class Changes:
    """Tables and row ids a command or a pull wrote.

    A table in `tables` with no entry in `ids` changed in rows not known by id
    (a tombstone, a rebuild): views showing that table reload it whole.
    """

    tables: frozenset[str]
    ids: Mapping[str, frozenset[str]] = dataclasses.field(default_factory=dict)
    # The mutation id of a submit, or None for a pull.
    mutation_id: str | None = None

    @classmethod
    def from_rows(cls, rows: Iterable[tuple[str, str]], mutation_id: str | None = None) -> "Changes":
        ids: dict[str, set[str]] = {}
        for table, row_id in rows:
            ids.setdefault(table, set()).add(row_id)
        return cls(frozenset(ids), {table: frozenset(found) for table, found in ids.items()}, mutation_id)

    def touches(self, *tables: str) -> bool:
        return any(table in self.tables for table in tables)

    def ids_of(self, table: str) -> frozenset[str] | None:
        """Return the changed ids of `table`, or None when they are unknown (reload the table)."""
        if table not in self.tables:
            return frozenset()
        return self.ids.get(table)

    def merged(self, other: "Changes") -> "Changes":
        tables = self.tables | other.tables
        ids: dict[str, frozenset[str]] = {}
        for table in tables:
            if table in self.tables and table not in self.ids:
                continue
            if table in other.tables and table not in other.ids:
                continue
            ids[table] = self.ids.get(table, frozenset()) | other.ids.get(table, frozenset())
        return Changes(frozenset(tables), ids)

    def __bool__(self) -> bool:
        return bool(self.tables)


class TaskControl:
    """Cancellation flag and progress reporting for the work function; both are thread-safe."""

    def __init__(self, handle: "TaskHandle") -> None:
        self._handle = handle
        self._cancelled = threading.Event()

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    def check_cancelled(self) -> None:
        """Raise TaskCancelled when the user cancelled; call it between steps of long work."""
        if self._cancelled.is_set():
            raise TaskCancelled()

    def report(self, message: str, fraction: float | None = None) -> None:
        """Show `message` (and `fraction` done, 0 to 1, when known) in the progress dialog."""
        percent = -1 if fraction is None else max(0, min(100, int(fraction * 100)))
        self._handle.progress.emit(message, percent)


class TaskHandle(QObject):
    """One running task. Lives in the GUI thread; the worker emits its signals (queued)."""

    succeeded = Signal(object)
    failed = Signal(object)
    progress = Signal(str, int)
    finished = Signal()

    def __init__(self, label: str | None, cancellable: bool, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.label = label
        self.cancellable = cancellable
        self.control = TaskControl(self)
        self.done = False
        self.result: Any = None
        self.error: BaseException | None = None
        self._dialog: QProgressDialog | None = None
        self._progress_timer: QTimer | None = None
        self._on_succeeded: Callable[[Any], None] = lambda value: None
        self._on_failed: Callable[[BaseException], None] = lambda error: None
        self.progress.connect(self._show_progress, Qt.ConnectionType.QueuedConnection)

    def cancel(self) -> None:
        if not self.cancellable or self.done:
            return
        log.info("task %r cancelled by the user", self.label)
        self.control._cancelled.set()

    @property
    def cancelled(self) -> bool:
        return self.control.cancelled

    @Slot(str, int)
    def _show_progress(self, message: str, percent: int) -> None:
        if self._dialog is None:
            return
        if message:
            self._dialog.setLabelText(message)
        if percent >= 0:
            self._dialog.setRange(0, 100)
            self._dialog.setValue(percent)

    @Slot(object)
    def _deliver_result(self, value: Any) -> None:
        self._on_succeeded(value)

    @Slot(object)
    def _deliver_error(self, error: BaseException) -> None:
        self._on_failed(error)


def _receiver_alive(callback: Callable[..., Any], label: str | None) -> bool:
    """Return False when the callback belongs to a Qt object deleted while the task ran (a closed dialog).

    That is a bound method of such an object, or a nested function whose
    closure contains one, such as `self` of the view that started the task.
    """
    receivers = [getattr(callback, "__self__", None)]
    for cell in getattr(callback, "__closure__", None) or ():
        try:
            receivers.append(cell.cell_contents)
        except ValueError:  # a cell not yet bound
            continue
    if any(isinstance(receiver, QObject) and not shiboken6.isValid(receiver) for receiver in receivers):
        log.debug("task %r finished after its receiver was deleted; result dropped", label)
        return False
    return True


def _parent_alive(parent: QObject | None, label: str | None) -> bool:
    """Return False when the task's parent widget was deleted while it ran, so its callbacks, closures included, are skipped."""
    if parent is not None and not shiboken6.isValid(parent):
        log.debug("task %r finished after its parent widget was deleted; result dropped", label)
        return False
    return True


class _Worker(QRunnable):
    def __init__(self, work: Callable[[TaskControl], Any], handle: TaskHandle) -> None:
        super().__init__()
        self.work = work
        self.handle = handle
        self.setAutoDelete(True)

    def run(self) -> None:
        try:
            self.handle.control.check_cancelled()
            result = self.work(self.handle.control)
        except BaseException as exc:  # delivered to the GUI thread, which decides how to show it
            self.handle.failed.emit(exc)
        else:
            self.handle.succeeded.emit(result)


class TaskRunner(QObject):
    """Runs work on a thread pool and delivers results, errors and changes by signal."""

    # Changes written by a submit or a pull, emitted in the GUI thread.
    changed = Signal(object)
    # Number of tasks running, for a busy indicator.
    busy_changed = Signal(int)

    def __init__(self, replica: Replica | None, parent: QObject | None = None, max_threads: int = 4) -> None:
        super().__init__(parent)
        self.replica = replica
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(max_threads)
        self._running: set[TaskHandle] = set()

    @property
    def running_count(self) -> int:
        return len(self._running)

    def run(
        self,
        work: Callable[[TaskControl], Any],
        *,
        on_result: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        label: str | None = None,
        parent: QWidget | None = None,
        cancellable: bool = True,
    ) -> TaskHandle:
        """Run `work(control)` off the GUI thread and call `on_result(value)` or `on_error(exc)` in it.

        With `parent`, a progress dialog labelled `label` appears over it when
        the task runs longer than PROGRESS_DELAY_MS. A cancelled task calls
        neither callback. Without `on_error`, bugs are logged with their traceback.
        """
        handle = TaskHandle(label, cancellable, self)

        def succeeded(value: Any) -> None:
            handle.result = value
            self._finish(handle)
            if handle.cancelled:
                return
            if on_result is not None and _receiver_alive(on_result, label) and _parent_alive(parent, label):
                on_result(value)

        def failed(error: BaseException) -> None:
            handle.error = error
            self._finish(handle)
            if handle.cancelled or isinstance(error, TaskCancelled):
                return
            if on_error is not None and _receiver_alive(on_error, label) and _parent_alive(parent, label):
                on_error(error)
            elif is_bug(error):
                log.error("task %r failed", label, exc_info=(type(error), error, error.__traceback__))
            else:
                log.warning("task %r failed: %s", label, error)

        handle._on_succeeded = succeeded
        handle._on_failed = failed
        # Connected to slots of `handle`, which lives in the GUI thread, so the
        # worker's emits are queued there and the callbacks never run in the pool.
        handle.succeeded.connect(handle._deliver_result, Qt.ConnectionType.QueuedConnection)
        handle.failed.connect(handle._deliver_error, Qt.ConnectionType.QueuedConnection)
        if parent is not None:
            self._arm_progress(handle, parent)
        self._running.add(handle)
        self.busy_changed.emit(len(self._running))
        self.pool.start(_Worker(work, handle))
        return handle

    def submit(
        self,
        name: str,
        payload: dict[str, Any],
        *,
        on_result: Callable[[Submitted], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        label: str | None = None,
        parent: QWidget | None = None,
        **submit_options: Any,
    ) -> TaskHandle:
        """Run command `name` on the replica and queue it for sync; emit `changed` with what it wrote.

        A command cannot be cancelled halfway (it is one SQLite transaction),
        so its progress dialog has no Cancel button.
        """
        replica = self.replica
        if replica is None:
            raise RuntimeError("this task runner has no replica to submit commands to")

        def work(control: TaskControl) -> tuple[Submitted, Changes]:
            submitted = submit(replica, name, payload, **submit_options)
            return submitted, written_by(replica, submitted.mutation_id)

        def delivered(value: tuple[Submitted, Changes]) -> None:
            submitted, changes = value
            if changes:
                self.changed.emit(changes)
            if on_result is not None:
                on_result(submitted)

        return self.run(work, on_result=delivered, on_error=on_error, label=label, parent=parent, cancellable=False)

    def notify_changed(self, changes: Changes) -> None:
        """Announce rows written outside `submit` (a pull); call it in the GUI thread."""
        if changes:
            self.changed.emit(changes)

    def wait_idle(self, timeout_ms: int = 30_000) -> bool:
        """Block until the pool's threads are idle (shutdown and tests); queued results still need the event loop."""
        return self.pool.waitForDone(timeout_ms)

    def cancel_all(self) -> None:
        for handle in list(self._running):
            handle.cancel()

    # -- internals ---------------------------------------------------------

    def _finish(self, handle: TaskHandle) -> None:
        handle.done = True
        if handle._progress_timer is not None:
            handle._progress_timer.stop()
        if handle._dialog is not None:
            handle._dialog.reset()
            handle._dialog.deleteLater()
            handle._dialog = None
        self._running.discard(handle)
        self.busy_changed.emit(len(self._running))
        handle.finished.emit()
        handle.deleteLater()

    def _arm_progress(self, handle: TaskHandle, parent: QWidget) -> None:
        timer = QTimer(handle)
        timer.setSingleShot(True)
        timer.timeout.connect(lambda: self._show_progress(handle, parent))
        handle._progress_timer = timer
        timer.start(PROGRESS_DELAY_MS)

    def _show_progress(self, handle: TaskHandle, parent: QWidget) -> None:
        if handle.done:
            return
        label = handle.label or translate("Tasks", "Working...")
        cancel_text = translate("Tasks", "Cancel") if handle.cancellable else ""
        dialog = QProgressDialog(label, cancel_text, 0, 0, parent)
        dialog.setWindowTitle(translate("Tasks", "Please wait"))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(0)
        if not handle.cancellable:
            dialog.setCancelButton(None)
        dialog.canceled.connect(handle.cancel)
        handle._dialog = dialog
        dialog.show()


def written_by(replica: Replica, mutation_id: str) -> Changes:
    """Return the tables and ids a queued command wrote, from its undo records."""
    with replica.transaction() as session:
        rows = session.execute(
            select(UndoRecord.table_name, UndoRecord.row_id).where(UndoRecord.mutation_id == mutation_id)
        ).all()
    return Changes.from_rows(((table, row_id) for table, row_id in rows), mutation_id)
