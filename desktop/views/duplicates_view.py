"""The Duplicates page for managers: customers that may be entered twice, with Merge and "Not a duplicate".

Merge asks which customer to keep and sends customer.merge, which moves the
other one's contacts, addresses, open documents and balance to it. "Not a
duplicate" needs a note and sends duplicate_task.dismiss.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desktop.context import AppContext
from desktop.errors import show_error, user_message
from desktop.i18n import translate
from desktop.models.duplicate_model import (
    DuplicateModel,
    count_open_tasks,
    customer_text,
    history_text,
    preferred_survivor,
    reason_text,
)
from desktop.views.task_page import TaskPage

log = logging.getLogger(__name__)



class MergeDialog(QDialog):
    """Confirmation of a merge: the customer to keep and an optional note. Enter merges and Esc cancels."""

    def __init__(self, row: dict[str, Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mergeDialog")
        self.row = row
        self.setWindowTitle(translate("DuplicatesView", "Merge customers"))
        intro = QLabel(translate(
            "DuplicatesView",
            "Choose the customer to keep. The other one is deleted, and its contacts, addresses, open orders "
            "and balance move to the one you keep. This cannot be undone.",
        ), self)
        intro.setWordWrap(True)

        self.keep_first = QRadioButton(f"{customer_text(row['first'])}\n{history_text(row['first'])}", self)
        self.keep_first.setObjectName("keepFirst")
        self.keep_second = QRadioButton(f"{customer_text(row['second'])}\n{history_text(row['second'])}", self)
        self.keep_second.setObjectName("keepSecond")
        preferred = self.keep_first if preferred_survivor(row) == "first" else self.keep_second
        preferred.setChecked(True)
        self.note_edit = QLineEdit(self)
        self.note_edit.setObjectName("mergeNote")
        self.note_edit.setPlaceholderText(translate("DuplicatesView", "Note (optional)"))

        buttons = QDialogButtonBox(self)
        self.merge_button = buttons.addButton(translate("DuplicatesView", "Merge"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.merge_button.setObjectName("confirmMergeButton")
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel).setText(translate("DuplicatesView", "Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(QLabel(translate("DuplicatesView", "Keep:"), self))
        layout.addWidget(self.keep_first)
        layout.addWidget(self.keep_second)
        layout.addWidget(self.note_edit)
        layout.addWidget(buttons)
        self.setMinimumWidth(480)
        preferred.setFocus()

    def survivor_id(self) -> str:
        return self.row["first" if self.keep_first.isChecked() else "second"]["id"]

    def note(self) -> str | None:
        return self.note_edit.text().strip() or None


class DismissDialog(QDialog):
    """The required note of "Not a duplicate": why the two customers are different businesses."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dismissDialog")
        self.setWindowTitle(translate("DuplicatesView", "Not a duplicate"))
        label = QLabel(translate("DuplicatesView", "Why are these two different businesses? The note is required."), self)
        label.setWordWrap(True)
        self.note_edit = QPlainTextEdit(self)
        self.note_edit.setObjectName("dismissNote")
        self.note_edit.setTabChangesFocus(True)
        self.note_edit.setFixedHeight(80)
        buttons = QDialogButtonBox(self)
        self.ok_button = buttons.addButton(translate("DuplicatesView", "Save (Ctrl+Enter)"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok_button.setObjectName("confirmDismissButton")
        self.ok_button.setShortcut(QKeySequence("Ctrl+Return"))
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel).setText(translate("DuplicatesView", "Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.note_edit.textChanged.connect(self._update)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.note_edit)
        layout.addWidget(buttons)
        self._update()

    def note(self) -> str:
        return self.note_edit.toPlainText().strip()

    def _update(self) -> None:
        self.ok_button.setEnabled(bool(self.note()))


class DuplicatesView(TaskPage):
    """Open duplicate tasks of the manager's departments, newest first."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, DuplicateModel(context), "duplicates", "duplicatesMessage", parent)
        self.setObjectName("DuplicatesView")
        # Each customer is several lines (code and name, phone, USCC, address), so rows grow to fit.
        self.table.setWordWrap(True)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.merge_button = self.add_button("mergeButton", self.merge_selected)
        self.dismiss_button = self.add_button("dismissButton", self.dismiss_selected)
        self.dialog: QDialog | None = None
        self.retranslate()
        self.model.reload()
        self.count_open(count_open_tasks, "open duplicate tasks", "duplicate_task")

    def retranslate(self) -> None:
        self.intro.setText(translate(
            "DuplicatesView",
            "These customers may have been entered twice, often by two clerks working offline. Merge them into "
            "one, or mark them as different businesses.",
        ))
        self.empty_label.setText(translate("DuplicatesView", "No possible duplicates."))
        self.merge_button.setText(translate("DuplicatesView", "Merge... (Ctrl+M)"))
        self.merge_button.setToolTip(translate("DuplicatesView", "Keep one of the two customers and fold the other into it"))
        self.dismiss_button.setText(translate("DuplicatesView", "Not a duplicate... (Ctrl+D)"))
        self.dismiss_button.setToolTip(translate("DuplicatesView", "Record why the two are different businesses and close the task"))
        # setText resets a button's shortcut to the text's mnemonic, so the shortcuts are set after it.
        self.merge_button.setShortcut(QKeySequence("Ctrl+M"))
        self.dismiss_button.setShortcut(QKeySequence("Ctrl+D"))
        self._update_actions()

    def _update_actions(self) -> None:
        selected = self.selected_row() is not None
        self.merge_button.setEnabled(selected)
        self.dismiss_button.setEnabled(selected)

    # -- resolving --------------------------------------------------------------

    def merge_selected(self) -> MergeDialog | None:
        """Open the merge dialog for the selected task; its Merge submits customer.merge."""
        row = self.selected_row()
        if row is None:
            return None
        dialog = MergeDialog(row, self)
        dialog.accepted.connect(lambda: self._merge(row, dialog.survivor_id(), dialog.note()))
        self._open(dialog)
        return dialog

    def dismiss_selected(self) -> DismissDialog | None:
        """Open the note dialog for the selected task; saving submits duplicate_task.dismiss."""
        row = self.selected_row()
        if row is None:
            return None
        dialog = DismissDialog(self)
        dialog.accepted.connect(lambda: self._dismiss(row, dialog.note()))
        self._open(dialog)
        return dialog

    def _open(self, dialog: QDialog) -> None:
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _code: setattr(self, "dialog", None))
        dialog.open()

    def _merge(self, row: dict[str, Any], survivor_id: str, note: str | None) -> None:
        payload: dict[str, Any] = {"task_id": row["id"], "survivor_id": survivor_id}
        if note:
            payload["note"] = note
        kept = row["first"] if row["first"]["id"] == survivor_id else row["second"]
        self.submit_and_report(
            "customer.merge", payload, what=f"duplicate task {row['id']} into {survivor_id}", on_error=self._failed,
            outcome=lambda: translate("DuplicatesView", "Merged into {code} {name}.").format(code=kept["code"], name=kept["name"]),
            busy_label=translate("DuplicatesView", "Merging..."),
        )

    def _dismiss(self, row: dict[str, Any], note: str) -> None:
        self.submit_and_report(
            "duplicate_task.dismiss", {"task_id": row["id"], "note": note}, what=f"duplicate task {row['id']}",
            on_error=self._failed,
            outcome=lambda: translate("DuplicatesView", "Marked as different businesses: {reason}.").format(
                reason=reason_text(row["match_field"], row["match_value"] or "")),
            busy_label=translate("DuplicatesView", "Saving..."),
        )

    def _failed(self, error: BaseException) -> None:
        message = user_message(error)
        if message is None:
            show_error(self, error)
            return
        log.info("resolving a duplicate task failed: %s", error)
        self.message_label.setText(message)
