"""The Sync problems page: changes the server rejected, the changes held behind them, and the ways out.

A rejected change is listed with its reason in the user's language. The
changes that depend on it are held by the server and listed under it.
"Fix and resend" opens the order editor for an order, and asks for another
code when the server found the code in use. "Resend" queues the
change again once the user has corrected what it refers to. "Discard"
removes it and its held dependents after a confirmation that lists what is lost.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from desktop.context import AppContext
from desktop.errors import show_error, user_message
from desktop.i18n import translate
from desktop.messages import command_label, message_for, resend_advice
from desktop.models import sync_problems
from desktop.models.sync_problems import Problem
from desktop.tasks import Changes
from domain.models.base import Base
from sync.local_tables import OutboxEntry, OutboxStatus

log = logging.getLogger(__name__)

CONTEXT = "SyncProblemsView"
CHANGE, REASON, MADE_AT = range(3)


def problem_label(problem: Problem) -> str:
    return command_label(problem.name, problem.number, problem.party)


def problem_reason(problem: Problem) -> str:
    if problem.code is None:
        return translate("SyncProblemsView", "The server gave no reason")
    return message_for(problem.code, problem.params)


def local_time(problem: Problem) -> str:
    return problem.created_at.astimezone().strftime("%Y-%m-%d %H:%M")


class SyncProblemsView(QWidget):
    """Lists rejected and held outbox commands; `count_changed` reports how many there are."""

    count_changed = Signal(int)
    # Emitted after each reload arrives in the GUI thread.
    loaded = Signal()

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("SyncProblemsView")
        self.context = context
        self.problems: list[Problem] = []
        self.count = 0
        self.loading = False
        self.editors: list[QWidget] = []
        self.last_code_dialog: QInputDialog | None = None
        self._reload_again = False

        self.intro = QLabel(self)
        self.intro.setObjectName("problemsIntro")
        self.intro.setWordWrap(True)
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("problemsTree")
        self.tree.setColumnCount(3)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setUniformRowHeights(True)
        header = self.tree.header()
        header.setSectionResizeMode(CHANGE, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(REASON, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(MADE_AT, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        self.tree.setColumnWidth(CHANGE, 360)
        self.tree.currentItemChanged.connect(lambda *_: self._update_actions())
        self.empty_label = QLabel(self)
        self.empty_label.setObjectName("problemsEmpty")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.detail_label = QLabel(self)
        self.detail_label.setObjectName("problemDetail")
        self.detail_label.setWordWrap(True)
        self.detail_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.fix_button = QPushButton(self)
        self.fix_button.setObjectName("fixButton")
        self.fix_button.clicked.connect(self.fix_selected)
        self.resend_button = QPushButton(self)
        self.resend_button.setObjectName("resendButton")
        self.resend_button.clicked.connect(self.resend_selected)
        self.discard_button = QPushButton(self)
        self.discard_button.setObjectName("discardButton")
        self.discard_button.clicked.connect(self.discard_selected)
        buttons = QHBoxLayout()
        buttons.addWidget(self.fix_button)
        buttons.addWidget(self.resend_button)
        buttons.addStretch(1)
        buttons.addWidget(self.discard_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.empty_label, 1)
        layout.addWidget(self.detail_label)
        layout.addLayout(buttons)

        context.tasks.changed.connect(lambda changes: self.reload())
        context.sync.attempt_finished.connect(self.reload)
        self.retranslate()
        self.reload()

    def retranslate(self) -> None:
        self.intro.setText(translate(
            "SyncProblemsView",
            "The server did not accept these changes. Correct each one and resend it, or discard it. "
            "Changes that depend on a rejected one wait under it and go with it.",
        ))
        self.tree.setHeaderLabels([
            translate("SyncProblemsView", "Change"),
            translate("SyncProblemsView", "Reason"),
            translate("SyncProblemsView", "Made at"),
        ])
        self.empty_label.setText(translate("SyncProblemsView", "No sync problems: the server accepted every change sent so far."))
        self.fix_button.setText(translate("SyncProblemsView", "Fix and resend..."))
        self.fix_button.setToolTip(translate(
            "SyncProblemsView", "Open a rejected order in the order editor, or enter another code for a code already in use; "
            "the corrected change replaces the rejected one"
        ))
        self.resend_button.setText(translate("SyncProblemsView", "Resend"))
        self.resend_button.setToolTip(translate(
            "SyncProblemsView", "Send the change again as it is, after you corrected what it refers to"
        ))
        self.discard_button.setText(translate("SyncProblemsView", "Discard..."))
        self.discard_button.setToolTip(translate(
            "SyncProblemsView", "Drop the change and the changes held behind it; they never reach the server"
        ))
        self._show()

    # -- loading --------------------------------------------------------------

    def reload(self) -> None:
        """Read the rejected and held commands again, off the GUI thread."""
        if self.loading:
            self._reload_again = True
            return
        self.loading = True
        context = self.context

        def work(control) -> list[Problem]:
            with context.read_session() as session:
                return sync_problems.load_problems(context.replica, session)

        context.tasks.run(work, on_result=self._loaded, on_error=self._load_failed)

    def _loaded(self, problems: list[Problem]) -> None:
        self.loading = False
        self.problems = problems
        self.count = sum(len(problem.with_dependents()) for problem in problems)
        self._show()
        self.count_changed.emit(self.count)
        if self._reload_again:
            self._reload_again = False
            self.reload()
            return
        self.loaded.emit()

    def _load_failed(self, error: BaseException) -> None:
        self.loading = False
        log.error("loading sync problems failed", exc_info=(type(error), error, error.__traceback__))
        self.loaded.emit()

    def _show(self) -> None:
        selected = self.selected_problem()
        selected_id = selected.mutation_id if selected is not None else None
        self.tree.clear()
        for problem in self.problems:
            item = self._item(problem)
            self.tree.addTopLevelItem(item)
            self._add_dependents(item, problem)
            item.setExpanded(True)
        has_rows = bool(self.problems)
        self.tree.setVisible(has_rows)
        self.empty_label.setVisible(not has_rows)
        if has_rows:
            self.select(selected_id or self.problems[0].mutation_id)
        self._update_actions()

    def _add_dependents(self, parent: QTreeWidgetItem, problem: Problem) -> None:
        for child in problem.dependents:
            item = self._item(child)
            parent.addChild(item)
            self._add_dependents(item, child)
            item.setExpanded(True)

    def _item(self, problem: Problem) -> QTreeWidgetItem:
        item = QTreeWidgetItem([problem_label(problem), problem_reason(problem), local_time(problem)])
        item.setData(CHANGE, Qt.ItemDataRole.UserRole, problem.mutation_id)
        item.setToolTip(REASON, problem_reason(problem))
        item.setToolTip(CHANGE, problem_label(problem))
        if problem.rejected:
            item.setForeground(REASON, Qt.GlobalColor.darkRed)
        return item

    # -- selection ------------------------------------------------------------

    def problem(self, mutation_id: str) -> Problem | None:
        for root in self.problems:
            for problem in root.with_dependents():
                if problem.mutation_id == mutation_id:
                    return problem
        return None

    def root_of(self, mutation_id: str) -> Problem | None:
        for root in self.problems:
            if any(problem.mutation_id == mutation_id for problem in root.with_dependents()):
                return root
        return None

    def selected_problem(self) -> Problem | None:
        item = self.tree.currentItem()
        if item is None:
            return None
        return self.problem(item.data(CHANGE, Qt.ItemDataRole.UserRole))

    def select(self, mutation_id: str) -> None:
        iterator = [self.tree.topLevelItem(n) for n in range(self.tree.topLevelItemCount())]
        while iterator:
            item = iterator.pop(0)
            if item.data(CHANGE, Qt.ItemDataRole.UserRole) == mutation_id:
                self.tree.setCurrentItem(item)
                return
            iterator.extend(item.child(n) for n in range(item.childCount()))

    def _update_actions(self) -> None:
        problem = self.selected_problem()
        is_root = problem is not None and any(root.mutation_id == problem.mutation_id for root in self.problems)
        self.fix_button.setEnabled(is_root and (
            problem.order_id is not None or problem.name == "order.create" or problem.taken_code is not None
        ))
        self.resend_button.setEnabled(is_root)
        self.discard_button.setEnabled(problem is not None)
        if problem is None:
            self.detail_label.clear()
            return
        lines = [problem_label(problem), problem_reason(problem)]
        if problem.dependents:
            # self.tr, unlike translate(), is where pyside6-lupdate finds a plural form.
            lines.append(self.tr("%n change(s) wait for this one.", "", len(problem.with_dependents()) - 1))
        if not is_root:
            root = self.root_of(problem.mutation_id)
            if root is not None:
                lines.append(translate("SyncProblemsView", "Fix or resend \"{change}\" first; this change goes with it.")
                             .format(change=problem_label(root)))
        self.detail_label.setText("\n".join(lines))

    # -- actions --------------------------------------------------------------

    def fix_selected(self) -> None:
        """Open the order editor on the rejected order, or queue a rejected order entry again and open it."""
        problem = self.selected_problem()
        if problem is None:
            return
        if problem.taken_code is not None:
            self._change_code(problem)
        elif problem.order_id is not None:
            self._open_editor(problem, problem.order_id)
        elif problem.name == "order.create":
            order_id = problem.record_id
            reason = problem_reason(problem)
            self._resend(problem, then=lambda: self._open_editor(None, order_id, reason))
        else:
            self._resend(problem)

    def resend_selected(self) -> None:
        problem = self.selected_problem()
        if problem is not None:
            self._resend(problem)

    def discard_selected(self) -> None:
        """Ask, listing every change that would be lost, then discard the change and its held dependents."""
        problem = self.selected_problem()
        if problem is None:
            return
        lost = problem.with_dependents()
        listed = "\n".join(f"• {problem_label(item)}" for item in lost)
        text = self.tr(
            "Discard %n change(s)? They will never reach the server, and their effects on this computer are undone:",
            "", len(lost),
        )
        box = QMessageBox(QMessageBox.Icon.Warning, translate("SyncProblemsView", "Discard changes"),
                          f"{text}\n\n{listed}", QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel, self)
        box.setObjectName("discardConfirmation")
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        self.last_confirmation = box
        if box.exec() != QMessageBox.StandardButton.Discard:
            return
        replica = self.context.replica
        mutation_id = problem.mutation_id
        self.context.tasks.run(
            lambda control: sync_problems.discard(replica, mutation_id),
            on_result=self._after_write, on_error=self._write_failed, cancellable=False,
            label=translate("SyncProblemsView", "Discarding..."), parent=self,
        )

    def _resend(self, problem: Problem, then=None) -> None:
        replica = self.context.replica
        mutation_id = problem.mutation_id

        def done(new_ids: list[str]) -> None:
            self._after_write(new_ids)
            self.context.sync.sync_now()
            if then is not None:
                then()

        self.context.tasks.run(
            lambda control: sync_problems.resend(replica, mutation_id),
            on_result=done, on_error=self._write_failed, cancellable=False,
            label=translate("SyncProblemsView", "Resending..."), parent=self,
        )

    def _change_code(self, problem: Problem) -> None:
        """Ask for a code to use instead of the one the server found in use, then queue the change with it."""
        dialog = QInputDialog(self)
        dialog.setObjectName("newCodeDialog")
        dialog.setInputMode(QInputDialog.InputMode.TextInput)
        dialog.setTextEchoMode(QLineEdit.EchoMode.Normal)
        dialog.setWindowTitle(translate("SyncProblemsView", "Change the code"))
        dialog.setLabelText(translate(
            "SyncProblemsView", "The code {code} is already in use on the server. Enter another code for \"{change}\":"
        ).format(code=problem.taken_code, change=problem_label(problem)))
        dialog.setTextValue(problem.taken_code)
        dialog.setOkButtonText(translate("SyncProblemsView", "Resend"))
        self.last_code_dialog = dialog
        if dialog.exec() != QInputDialog.DialogCode.Accepted:
            return
        code = dialog.textValue().strip()
        if not code or code == problem.taken_code:
            return
        replica = self.context.replica
        mutation_id = problem.mutation_id

        def done(new_ids: list[str]) -> None:
            self._after_write(new_ids)
            self.context.sync.sync_now()

        self.context.tasks.run(
            lambda control: sync_problems.resend_with_code(replica, mutation_id, code),
            on_result=done, on_error=self._write_failed, cancellable=False,
            label=translate("SyncProblemsView", "Resending..."), parent=self,
        )

    def _after_write(self, mutation_ids: list[str]) -> None:
        log.info("sync problems changed: %s", ", ".join(mutation_ids) or "nothing")
        # The rebase rewrote the rows of every queued command, and the ids are
        # not tracked here, so every view reloads the tables it shows.
        self.context.tasks.notify_changed(Changes(frozenset(Base.metadata.tables)))
        self.context.sync.refresh_counts()
        self.reload()

    def _write_failed(self, error: BaseException) -> None:
        message = user_message(error)
        if message is None:
            show_error(self, error)
            return
        advice = resend_advice(getattr(error, "code", None))
        box = QMessageBox(QMessageBox.Icon.Warning, translate("SyncProblemsView", "Not resent"),
                          translate("SyncProblemsView", "The change still fails on this computer: {reason}\n\n"
                                    "{advice}").format(reason=message, advice=advice),
                          QMessageBox.StandardButton.Ok, self)
        box.setObjectName("resendFailed")
        self.last_failure = box
        box.exec()
        self.reload()

    # -- order editor ---------------------------------------------------------

    def _open_editor(self, problem: Problem | None, order_id: str | None, reason: str | None = None) -> None:
        """Open the order editor on `order_id`, showing the server's reason for the rejection being fixed."""
        from desktop.views.order_editor import open_order_editor

        if order_id is None:
            return
        editor = open_order_editor(self.context, order_id=order_id)
        if reason is None and problem is not None:
            reason = problem_reason(problem)
        if reason:
            editor.show_rejection(reason)
        self.editors.append(editor)
        editor.destroyed.connect(lambda *_: self._forget(editor))
        if problem is not None:
            mutation_id, name = problem.mutation_id, problem.name
            editor.saved.connect(lambda saved_id: self._editor_saved(editor, mutation_id, name, saved_id))

    def _editor_saved(self, editor, mutation_id: str, name: str, order_id: str) -> None:
        """Replace the rejected command by the editor's newest one once it does the same job."""
        from domain.models import OrderStatus

        if name == "order.confirm" and editor.draft.status == OrderStatus.DRAFT.value:
            return
        replica = self.context.replica

        def work(control) -> list[str]:
            with replica.transaction() as session:
                entry = session.get(OutboxEntry, mutation_id)
                if entry is None or entry.status not in sync_problems.PROBLEM_STATUSES:
                    return []
                replacement = _newest_order_command(session, order_id)
            if replacement is None:
                return []
            return sync_problems.supersede(replica, mutation_id, replacement)

        self.context.tasks.run(work, on_result=self._after_write, on_error=self._write_failed, cancellable=False)

    def _forget(self, editor) -> None:
        self.editors = [e for e in self.editors if e is not editor]

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.reload()


def _newest_order_command(session, order_id: str) -> str | None:
    """Return the mutation id of the newest pending command on order `order_id`."""
    rows = session.execute(
        select(OutboxEntry.mutation_id, OutboxEntry.payload)
        .where(OutboxEntry.status == OutboxStatus.PENDING.value, OutboxEntry.name.like("order.%"))
        .order_by(OutboxEntry.device_seq.desc())
    )
    for mutation_id, payload in rows:
        if isinstance(payload, dict) and payload.get("id") == order_id:
            return mutation_id
    return None
