"""One list tab of the Administration page: search, sortable table, add, edit and deactivate.

Keys: typing in the search box filters at once, Down moves into the table,
Enter opens the selected row, Ctrl+N or Insert adds one, and Ctrl+D switches
the selected row between active and inactive. Records are deactivated, never
deleted, because documents keep pointing at them.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QTableView, QVBoxLayout, QWidget

from desktop.context import AppContext
from desktop.errors import show_error, user_message
from desktop.i18n import translate
from desktop.models.admin_list_model import AdminListModel, Formatter, RowLoader, SearchProxy
from desktop.models.admin_rows import DepartmentChoice, department_choices
from desktop.models.paged_model import Column
from desktop.views.admin_form import AdminFormDialog, open_form
from desktop.views.record_table import configure_record_table
from sync.client import Submitted
from sync.local_tables import OutboxEntry, OutboxStatus

log = logging.getLogger(__name__)


def _is_new_key(event: QKeyEvent) -> bool:
    """Return True for Ctrl+N (the platform's New key) or Insert."""
    # Built per call: a QKeySequence from a standard key needs the application to exist.
    keys = (QKeySequence(QKeySequence.StandardKey.New), QKeySequence(Qt.Key.Key_Insert))
    pressed = QKeySequence(event.keyCombination())
    return any(pressed.matches(key) == QKeySequence.SequenceMatch.ExactMatch for key in keys)


def _is_active_key(event: QKeyEvent) -> bool:
    """Return True for Ctrl+D, which switches the selected entry between active and inactive."""
    return event.keyCombination() == QKeySequence("Ctrl+D")[0]


class AdminListTab(QWidget):
    """A master-data list; subclasses give the columns, the query, the dialog and the update command."""

    columns: Sequence[Column] = ()
    tables: frozenset[str] = frozenset()
    # The command that switches `active`, e.g. "department.update"; None when the table has no active flag.
    update_command: str | None = None
    # True for lists whose dialog picks a department; they keep the department choices loaded.
    needs_departments = False

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.dialog: AdminFormDialog | None = None
        # The id to select after reloads: the row just saved, else the row current before the reset.
        self._select_after_load: str | None = None
        # The id of the row saved last, until the list shows it.
        self._saved_id: str | None = None
        # The outbox mutation of the last save, kept while the message may still change from "queued"
        # to "applied" or "rejected". Then the outbox status last read for it, and a note shown after it.
        self._saved_mutation: str | None = None
        self._saved_status: str | None = OutboxStatus.PENDING.value
        self._saved_note = ""
        context.sync.attempt_finished.connect(self._refresh_saved_state)
        self.departments: list[DepartmentChoice] = []
        self.model = AdminListModel(context, self.columns, self.loader(), self.tables, self.formatters(), self)
        self.proxy = SearchProxy(self)
        self.proxy.setSourceModel(self.model)

        self.search_edit = QLineEdit(self)
        self.search_edit.setObjectName("searchEdit")
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.textChanged.connect(self.proxy.set_search)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("countLabel")
        self.table = QTableView(self)
        self.table.setObjectName("adminTable")
        self.table.setModel(self.proxy)
        configure_record_table(self.table)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._update_actions())

        self.add_button = QPushButton(self)
        self.add_button.setObjectName("addButton")
        self.add_button.clicked.connect(lambda: self.add())
        self.edit_button = QPushButton(self)
        self.edit_button.setObjectName("editButton")
        self.edit_button.clicked.connect(lambda: self.edit_selected())
        self.active_button = QPushButton(self)
        self.active_button.setObjectName("activeButton")
        self.active_button.clicked.connect(self.toggle_active)
        self.active_button.setVisible(self.update_command is not None)
        self.message_label = QLabel(self)
        self.message_label.setObjectName("listMessage")
        self.message_label.setWordWrap(True)

        top = QHBoxLayout()
        top.addWidget(self.search_edit, 1)
        top.addWidget(self.count_label)
        self.buttons = QHBoxLayout()
        self.buttons.addWidget(self.message_label, 1)
        self.buttons.addWidget(self.add_button)
        self.buttons.addWidget(self.edit_button)
        self.buttons.addWidget(self.active_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(self.buttons)

        # The window's Ctrl+N starts an order; inside this list it adds a row instead.
        for widget in (self, self.table, self.search_edit):
            widget.installEventFilter(self)
        self.proxy.rowsInserted.connect(lambda *_: self._show_count())
        self.proxy.modelReset.connect(self._show_count)
        self.model.modelAboutToBeReset.connect(self._remember_current)
        self.proxy.rowsRemoved.connect(lambda *_: self._show_count())
        self.model.loaded.connect(self._loaded)
        context.tasks.changed.connect(self._on_changed)
        self.retranslate()
        self.model.reload()
        self._load_departments()

    # -- for subclasses ------------------------------------------------------

    def loader(self) -> RowLoader:
        raise NotImplementedError

    def formatters(self) -> dict[str, Formatter]:
        return {}

    def make_dialog(self, row: dict[str, Any] | None) -> AdminFormDialog:
        raise NotImplementedError

    def texts(self) -> dict[str, str]:
        """Return the translated "search", "add", "edit" and "count" texts of this list ("count" takes {count})."""
        raise NotImplementedError

    def row_label(self, row: dict[str, Any]) -> str:
        return f"{row.get('code', '')} {row.get('name', '')}".strip()

    def confirm_deactivate(self, row: dict[str, Any]) -> bool:
        """Return True when `row` may be deactivated now; a subclass asks first where that locks someone out."""
        return True

    # -- building ----------------------------------------------------------------

    def retranslate(self) -> None:
        texts = self.texts()
        self.search_edit.setPlaceholderText(texts["search"])
        self.add_button.setText(texts["add"])
        self.add_button.setToolTip(translate("AdminList", "Add a new entry (Ctrl+N or Insert)"))
        self.edit_button.setText(texts["edit"])
        self.edit_button.setToolTip(translate("AdminList", "Open the selected entry (Enter)"))
        self._update_actions()
        self._show_count()

    def _show_count(self) -> None:
        self.count_label.setText(self.texts()["count"].format(count=self.proxy.rowCount()))

    def _remember_current(self) -> None:
        row = self.selected_row()
        if self._select_after_load is None and row is not None:
            self._select_after_load = row["id"]

    def _loaded(self) -> None:
        # A save reloads the list more than once (the local write, then the pull of the same rows),
        # and each reset drops the current row, so every load restores it by id.
        self._show_count()
        wanted = self._select_after_load
        if wanted is not None and self.select_id(wanted):
            self._select_after_load = None
            self._saved_id = None
        elif wanted is not None and self.model.row_by_id(wanted) is not None:
            # The row is loaded but the search hides it. A row just saved is shown by clearing the
            # search, because the user expects to see it; any other row is no longer waited for.
            if wanted == self._saved_id:
                self._show_hidden_saved_row(wanted)
            else:
                self._select_after_load = None
        if self.proxy.rowCount() and not self.table.currentIndex().isValid():
            self.table.selectRow(0)
        self._update_actions()

    def _show_hidden_saved_row(self, row_id: str) -> None:
        self._select_after_load = None
        self._saved_id = None
        self.search_edit.clear()
        self.select_id(row_id)
        self._saved_note = translate("AdminList", "The search hid {entry}, so it was cleared.").format(
            entry=self.row_label(self.model.row_by_id(row_id)))
        self._show_saved_state()

    def _show_saved_state(self) -> None:
        """Show whether the last save is still queued, applied by the server, or not applied."""
        status = self._saved_status
        if status == OutboxStatus.PENDING.value:
            text = translate("AdminList", "Saved. The server applies it at the next sync.")
        elif status in (OutboxStatus.REJECTED.value, OutboxStatus.HELD.value):
            text = translate("AdminList", "Saved on this computer, but the server did not apply it. "
                                          "Sync problems shows why.")
        else:
            # Acknowledged, or already moved out of the outbox by the pull that brought its rows back.
            text = translate("AdminList", "Saved. The server has applied it.")
        self.message_label.setText(f"{text} {self._saved_note}" if self._saved_note else text)

    def _refresh_saved_state(self) -> None:
        """Read the outbox status of the last save after a sync attempt, and update the message when it changed."""
        mutation_id = self._saved_mutation
        if mutation_id is None:
            return

        def work(control) -> str | None:
            with self.context.read_session() as session:
                entry = session.get(OutboxEntry, mutation_id)
                return None if entry is None else entry.status

        def read(status: str | None) -> None:
            if mutation_id != self._saved_mutation:
                return
            if status != OutboxStatus.PENDING.value:
                self._saved_mutation = None
            if status != self._saved_status:
                self._saved_status = status
                self._show_saved_state()

        self.context.tasks.run(work, on_result=read)

    def _on_changed(self, changes) -> None:
        if changes.touches("department"):
            self._load_departments()

    def _load_departments(self) -> None:
        if not self.needs_departments:
            return

        def work(control) -> list[DepartmentChoice]:
            with self.context.read_session() as session:
                return department_choices(session)

        self.context.tasks.run(work, on_result=lambda choices: setattr(self, "departments", choices))

    def _update_actions(self) -> None:
        row = self.selected_row()
        self.edit_button.setEnabled(row is not None)
        self.active_button.setEnabled(row is not None)
        if row is not None and row.get("active") is False:
            self.active_button.setText(translate("AdminList", "Activate (Ctrl+D)"))
            self.active_button.setToolTip(translate("AdminList", "Make the selected entry usable again"))
        else:
            self.active_button.setText(translate("AdminList", "Deactivate (Ctrl+D)"))
            self.active_button.setToolTip(translate(
                "AdminList", "Hide the selected entry from new documents; existing documents keep it"))
        # setText resets a button's shortcut to the text's mnemonic, so the shortcut is set after it.
        self.active_button.setShortcut(QKeySequence("Ctrl+D"))

    # -- keys --------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and (_is_new_key(event) or _is_active_key(event)):
            # Taking the override turns the shortcut into a key press, delivered below.
            event.accept()
            return True
        if event.type() == QEvent.Type.KeyPress:
            if _is_new_key(event):
                self.add()
                return True
            if _is_active_key(event):
                self.toggle_active()
                return True
            if watched is self.table and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.edit_selected()
                return True
            if watched is self.search_edit and event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.table.setFocus()
                if not self.table.currentIndex().isValid() and self.proxy.rowCount():
                    self.table.selectRow(0)
                return True
        return super().eventFilter(watched, event)

    # -- actions -------------------------------------------------------------------------

    def selected_row(self) -> dict[str, Any] | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return self.model.row(self.proxy.mapToSource(index).row())

    def select_id(self, row_id: str) -> bool:
        for number in range(self.proxy.rowCount()):
            if self.proxy.index(number, 0).data(Qt.ItemDataRole.UserRole) == row_id:
                self.table.selectRow(number)
                return True
        return False

    def add(self) -> AdminFormDialog | None:
        """Open the dialog of a new entry."""
        return self._open(None)

    def edit_selected(self) -> AdminFormDialog | None:
        """Open the dialog of the selected entry."""
        row = self.selected_row()
        return self._open(row) if row is not None else None

    def _open(self, row: dict[str, Any] | None) -> AdminFormDialog | None:
        if self.dialog is not None:
            self.dialog.raise_()
            return self.dialog
        dialog = self.make_dialog(row)
        self.dialog = dialog
        dialog.saved.connect(self._saved)
        dialog.finished.connect(lambda _code: self._closed(dialog))
        return open_form(dialog)

    def _closed(self, dialog: AdminFormDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        self.table.setFocus()

    def _saved(self, row_id: str) -> None:
        self._saved_mutation = getattr(self.dialog, "mutation_id", None)
        self._saved_status = OutboxStatus.PENDING.value
        self._saved_note = ""
        self._show_saved_state()
        # The model reloads on the change; _loaded selects the saved row once it is there.
        self._select_after_load = row_id or None
        self._saved_id = row_id or None
        self.select_id(row_id)
        self.context.sync.sync_now()

    def toggle_active(self) -> None:
        """Switch the selected entry between active and inactive with the table's update command."""
        row = self.selected_row()
        if row is None or self.update_command is None:
            return
        active = not row.get("active", True)
        if not active and not self.confirm_deactivate(row):
            return

        def done(submitted: Submitted) -> None:
            log.info("%s %s active=%s queued as %s", self.update_command, row["id"], active, submitted.mutation_id)
            if active:
                text = translate("AdminList", "{entry} is active again.")
            else:
                text = translate("AdminList", "{entry} is inactive.")
            self._saved_mutation = None
            self.message_label.setText(text.format(entry=self.row_label(row)))
            self.context.sync.sync_now()

        self.context.tasks.submit(self.update_command, {"id": row["id"], "fields": {"active": active}},
                                  on_result=done, on_error=self._failed, parent=self,
                                  label=translate("AdminList", "Saving..."))

    def _failed(self, error: BaseException) -> None:
        message = user_message(error)
        if message is None:
            show_error(self, error)
            return
        log.info("%s failed: %s", self.update_command, error)
        self._saved_mutation = None
        self.message_label.setText(message)
