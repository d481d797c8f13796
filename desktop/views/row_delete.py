"""A Delete button for the record tabs of a detail dialog: deletes the selected row after a confirmation.

The button (and the Delete key in a table) acts on the current tab. It is
enabled only on tabs with a delete command that the user's role may run,
while a row is selected. The confirmation is a window-modal message box
opened with `open()`, so the GUI thread never blocks on it, and the delete
travels as a command through the task runner like any other edit.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QMessageBox, QPushButton, QTableView, QTabWidget, QWidget

from desktop.command_access import may_run
from desktop.errors import show_error
from desktop.i18n import translate

log = logging.getLogger(__name__)


@dataclasses.dataclass(frozen=True)
class DeletableTab:
    """A tab whose rows the button deletes: the command and the translated question with a {name} field."""

    command: str
    question: str
    # The column whose text names the row in the question.
    name_column: int = 0
    # For rows whose "is_primary" is true: the warning when other rows remain, and when it is the only row.
    primary_questions: tuple[str, str] | None = None


class RowDelete:
    """Adds a Delete button to `bar` for the rows of `tables` (tab key -> table) on the `tabs` widget."""

    def __init__(self, parent: QWidget, context, tabs: QTabWidget, tables: dict[str, QTableView],
                 deletable: dict[str, DeletableTab], on_deleted: Callable[[str], None]) -> None:
        self.parent = parent
        self.context = context
        self.tabs = tabs
        self.tables = tables
        self.on_deleted = on_deleted
        self.deletable = {key: tab for key, tab in deletable.items() if may_run(context, tab.command)}
        self.question: QMessageBox | None = None
        # Why no row may be deleted at all (for example a record outside the user's scope), or None.
        self.locked_reason: str | None = None
        self.button = QPushButton(parent)
        self.button.setObjectName("deleteRowButton")
        self.button.setAutoDefault(False)
        self.button.clicked.connect(self.request_delete)
        self.button.setVisible(bool(self.deletable))
        for key in self.deletable:
            table = tables[key]
            QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), table, activated=self.request_delete,
                      context=Qt.ShortcutContext.WidgetShortcut)
            table.model().modelReset.connect(self.update_enabled)
            table.model().rowsInserted.connect(self.update_enabled)
            table.selectionModel().currentChanged.connect(self.update_enabled)
        tabs.currentChanged.connect(self.update_enabled)
        self.retranslate()

    def retranslate(self) -> None:
        self.button.setText(translate("RowDelete", "Delete..."))
        self.update_enabled()

    def set_locked(self, reason: str | None) -> None:
        """Disable deleting with `reason` as the button's tooltip, or enable it again with None."""
        self.locked_reason = reason
        self.update_enabled()

    def current_key(self) -> str | None:
        for key, table in self.tables.items():
            if table is self.tabs.currentWidget():
                return key
        return None

    def selected(self) -> tuple[str, str, str] | None:
        """Return (tab key, row id, row name) of the current tab's selected row, or None."""
        key = self.current_key()
        if key not in self.deletable:
            return None
        table = self.tables[key]
        index = table.currentIndex()
        if not index.isValid():
            return None
        model = table.model()
        row_id = model.data(index, Qt.ItemDataRole.UserRole)
        name = model.index(index.row(), self.deletable[key].name_column).data() or ""
        return key, row_id, name

    def update_enabled(self, *args) -> None:
        self.button.setEnabled(self.locked_reason is None and self.selected() is not None)
        self.button.setToolTip(self.locked_reason or translate("RowDelete", "Delete the selected row of this tab (Del)"))

    def request_delete(self) -> None:
        """Ask whether to delete the selected row; the answer arrives by signal."""
        selected = self.selected()
        if selected is None or self.question is not None or self.locked_reason is not None:
            return
        key, row_id, name = selected
        primary_text = self._primary_question(key)
        if primary_text is not None:
            # Deleting the primary row leaves the record without one: a warning, with Cancel as the default.
            question = QMessageBox(QMessageBox.Icon.Warning, translate("RowDelete", "Delete"),
                                   primary_text.format(name=name),
                                   QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, self.parent)
            question.button(QMessageBox.StandardButton.Yes).setText(translate("RowDelete", "Delete"))
            question.setDefaultButton(QMessageBox.StandardButton.Cancel)
        else:
            question = QMessageBox(QMessageBox.Icon.Question, translate("RowDelete", "Delete"),
                                   self.deletable[key].question.format(name=name),
                                   QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self.parent)
            question.setDefaultButton(QMessageBox.StandardButton.No)
        question.setObjectName("deleteRowQuestion")
        question.setWindowModality(Qt.WindowModality.WindowModal)
        question.finished.connect(lambda result: self._answered(question, result, key, row_id))
        self.question = question
        question.open()

    def _primary_question(self, key: str) -> str | None:
        """Return the warning for the selected row when it is the primary one, else None."""
        questions = self.deletable[key].primary_questions
        table = self.tables[key]
        model = table.model()
        if questions is None or not hasattr(model, "row"):
            return None
        row = model.row(table.currentIndex().row())
        if row is None or not row.get("is_primary"):
            return None
        # A model that has not loaded every row yet has others beyond the loaded ones.
        others = model.rowCount() > 1 or not getattr(model, "exhausted", True)
        return questions[0] if others else questions[1]

    def _answered(self, question: QMessageBox, result: int, key: str, row_id: str) -> None:
        self.question = None
        question.deleteLater()
        if result != QMessageBox.StandardButton.Yes:
            return
        command = self.deletable[key].command
        self.context.tasks.submit(
            command, {"id": row_id},
            on_result=lambda submitted: self._deleted(command, row_id),
            on_error=self._failed,
            label=translate("RowDelete", "Deleting..."), parent=self.parent,
        )

    def _deleted(self, command: str, row_id: str) -> None:
        log.info("%s %s queued", command, row_id)
        self.on_deleted(row_id)

    def _failed(self, error: BaseException) -> None:
        # A rejection (the row was deleted meanwhile) is shown with its translated message.
        show_error(self.parent, error, translate("RowDelete", "Delete"))
