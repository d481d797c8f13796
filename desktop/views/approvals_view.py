"""The Approvals page for managers: submitted orders with the rule each broke; approve or send back.

Each decision is an order.approve or order.send_back command queued on this
computer, so it works offline. The page shows how many decisions still wait
for the server and counts them again after each sync attempt.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QKeyCombination, Qt, Signal
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHeaderView,
    QInputDialog,
    QTableView,
    QWidget,
)

from desktop.context import AppContext
from desktop.errors import user_message
from desktop.i18n import translate
from desktop.models.approval_model import ApprovalModel, count_submitted, count_unsent
from desktop.views.task_page import TaskPage
from sync.client import Submitted

log = logging.getLogger(__name__)

CONTEXT = "ApprovalsView"
APPROVE, SEND_BACK = "order.approve", "order.send_back"


class ApprovalTable(QTableView):
    """The queue table, where Enter opens the current order."""

    open_requested = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        plain = event.modifiers() in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)
        if plain and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.open_requested.emit()
            return
        super().keyPressEvent(event)


class ApprovalsView(TaskPage):
    """The page of orders waiting for a manager. Several rows may be selected and decided at once."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, ApprovalModel(context), "approvals", "approvalMessage", parent, table=ApprovalTable())
        self.setObjectName("ApprovalsView")
        self.editors: list[QWidget] = []
        # Mutation ids of the last batch of decisions, to count those the server has not applied yet.
        self._batch: set[str] = set()
        self._batch_text = ""
        self._busy = False
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.open_requested.connect(self.open_current)
        self.table.doubleClicked.connect(lambda _index: self.open_current())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_actions())

        approve_keys = [QKeySequence(QKeyCombination(Qt.KeyboardModifier.ControlModifier, Qt.Key.Key_Return)),
                        QKeySequence(QKeyCombination(Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.KeypadModifier,
                                                     Qt.Key.Key_Enter))]
        self.approve_action = self._action(approve_keys, lambda: self.approve_selected())
        self.send_back_action = self._action([QKeySequence("Ctrl+B")], lambda: self.send_back_selected())
        self.open_button = self.add_button("openApprovalButton", self.open_current)
        self.send_back_button = self.add_button("sendBackButton", self.send_back_action.trigger)
        self.approve_button = self.add_button("approveButton", self.approve_action.trigger)
        context.sync.attempt_finished.connect(self._recount_batch)
        self.retranslate()
        self.model.reload()
        self.count_open(count_submitted, "orders waiting for approval", "sales_order")

    @property
    def waiting_count(self) -> int:
        """Number of orders waiting for a decision, as last counted."""
        return self.open_count

    def _action(self, keys: list[QKeySequence], slot: Callable[[], None]) -> QAction:
        action = QAction(self)
        action.setShortcuts(keys)
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def retranslate(self) -> None:
        self.intro.setText(translate(
            "ApprovalsView",
            "These orders broke a rule when they were confirmed and wait for your decision. "
            "Select one or several, then approve them or send them back to the clerk with a comment."))
        self.empty_label.setText(translate("ApprovalsView", "No orders wait for approval."))
        self.open_button.setText(translate("ApprovalsView", "Open (Enter)"))
        self.approve_button.setText(translate("ApprovalsView", "Approve (Ctrl+Enter)"))
        self.approve_button.setToolTip(translate("ApprovalsView", "Approve the selected orders and reserve their stock"))
        self.send_back_button.setText(translate("ApprovalsView", "Send back... (Ctrl+B)"))
        self.send_back_button.setToolTip(translate("ApprovalsView", "Return the selected orders to the clerk as drafts, with your comment"))
        self.approve_action.setText(translate("ApprovalsView", "Approve"))
        self.send_back_action.setText(translate("ApprovalsView", "Send back..."))

    # -- state -----------------------------------------------------------

    def selected_rows(self) -> list[dict]:
        """Return the selected queue rows in table order, or the current row when none is selected."""
        numbers = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        if not numbers and self.table.currentIndex().isValid():
            numbers = [self.table.currentIndex().row()]
        rows = (self.model.row(number) for number in numbers)
        return [row for row in rows if row is not None]

    def _update_actions(self) -> None:
        enabled = bool(self.selected_rows()) and not self._busy
        for widget in (self.approve_action, self.send_back_action, self.approve_button, self.send_back_button):
            widget.setEnabled(enabled)
        self.open_button.setEnabled(self.table.currentIndex().isValid())

    # -- actions ---------------------------------------------------------

    def open_current(self) -> None:
        """Open the current order in the order editor, read-only while it is submitted."""
        from desktop.views.order_editor import open_order_editor

        index = self.table.currentIndex()
        row = self.model.row(index.row()) if index.isValid() else None
        if row is None:
            return
        editor = open_order_editor(self.context, order_id=row["id"])
        self.editors.append(editor)
        editor.destroyed.connect(lambda *_: self._forget(editor))

    def _forget(self, editor) -> None:
        self.editors = [e for e in self.editors if e is not editor]

    def ask_comment(self, count: int) -> str | None:
        """Ask why the orders go back. Returns None when cancelled or left empty, because send_back needs a comment."""
        dialog = QInputDialog(self)
        dialog.setWindowTitle(translate("ApprovalsView", "Send back"))
        dialog.setLabelText(self.tr("Tell the clerk what to change on the %n order(s) (Ctrl+Enter sends):", "", count))
        dialog.setOption(QInputDialog.InputDialogOption.UsePlainTextEditForTextInput)
        dialog.resize(480, dialog.sizeHint().height())
        # Enter starts a new line in the comment, so Ctrl+Enter sends it, as in the order form.
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), dialog, activated=dialog.accept)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        comment = dialog.textValue().strip()
        return comment if accepted and comment else None

    def approve_selected(self, comment: str | None = None) -> None:
        """Queue order.approve for each selected order, with the optional `comment`."""
        rows = self.selected_rows()
        if rows and not self._busy:
            payload: dict = {"comment": comment} if comment else {}
            self._decide(APPROVE, rows, payload)

    def send_back_selected(self, comment: str | None = None) -> None:
        """Queue order.send_back for each selected order with the manager's comment (asked for when not given)."""
        rows = self.selected_rows()
        if not rows or self._busy:
            return
        if not comment:
            comment = self.ask_comment(len(rows))
        if comment:
            self._decide(SEND_BACK, rows, {"comment": comment})

    def _decide(self, command: str, rows: list[dict], extra: dict) -> None:
        """Submit `command` for the rows one after another (each is its own local transaction), then report."""
        self._busy = True
        self._update_actions()
        done: list[str] = []
        failures: list[str] = []
        pending = list(rows)

        def next_row() -> None:
            if not pending:
                self._finished(command, done, failures)
                return
            row = pending.pop(0)

            def decided(submitted: Submitted) -> None:
                log.info("%s queued for order %s as %s", command, row["number"], submitted.mutation_id)
                done.append(submitted.mutation_id)
                next_row()

            def failed(error: BaseException) -> None:
                log.warning("%s of order %s failed locally: %s", command, row["number"], error)
                failures.append(translate("ApprovalsView", "{number}: {reason}").format(
                    number=row["number"], reason=user_message(error)))
                next_row()

            self.context.tasks.submit(command, {"id": row["id"], **extra}, on_result=decided, on_error=failed,
                                      parent=self, label=translate("ApprovalsView", "Saving the decisions..."))

        next_row()

    def _finished(self, command: str, done: list[str], failures: list[str]) -> None:
        self._busy = False
        self._update_actions()
        if command == APPROVE:
            text = self.tr("%n order(s) approved.", "", len(done))
        else:
            text = self.tr("%n order(s) sent back to the clerk.", "", len(done))
        if failures:
            text = "\n".join([text, translate("ApprovalsView", "Not decided:"), *failures])
        self._batch = set(done)
        self._batch_text = text
        self.message_label.setText(text)
        self._recount_batch()
        if done:
            self.context.sync.sync_now()

    def _recount_batch(self) -> None:
        """Show how many decisions of the last batch the server has not applied yet."""
        batch, text = set(self._batch), self._batch_text
        if not batch:
            return
        context = self.context

        def work(control) -> int:
            with context.read_session() as session:
                return count_unsent(session, batch)

        def counted(unsent: int) -> None:
            if batch != self._batch:
                return
            if unsent:
                waiting = self.tr("%n decision(s) wait for sync.", "", unsent)
            else:
                waiting = translate("ApprovalsView", "The server has applied them.")
            self.message_label.setText("\n".join([text, waiting]))

        context.tasks.run(work, on_result=counted)
