"""Stocktakes tab of the Stock page: the stocktakes of the user's warehouses, and the editor to count one.

The list reads the replica, which holds only the warehouses of the user's
department, so a keeper sees only their own stocktakes. Ctrl+N starts a new
stocktake, Enter opens the current one, and Ctrl+Delete cancels a stocktake
that is still counting (stocktake.cancel).
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractItemView, QHBoxLayout, QLabel, QMessageBox, QPushButton, QTableView, QVBoxLayout, QWidget

from desktop.command_access import may_run
from desktop.errors import show_error, user_message
from desktop.i18n import translate
from desktop.models.order_format import format_money
from desktop.models.row_list_model import RowListModel
from desktop.models.stocktake_queries import load_stocktakes
from desktop.tasks import Changes
from desktop.views.local_keys import LocalKey
from desktop.views.stocktake_editor import StocktakeEditor
from domain.models import StocktakeStatus

log = logging.getLogger(__name__)



def status_label(status: str) -> str:
    labels = {
        StocktakeStatus.COUNTING.value: QCoreApplication.translate("StocktakesTab", "Counting"),
        StocktakeStatus.POSTED.value: QCoreApplication.translate("StocktakesTab", "Posted"),
        StocktakeStatus.CANCELLED.value: QCoreApplication.translate("StocktakesTab", "Cancelled"),
    }
    return labels.get(status, status)


class StocktakeListModel(RowListModel[dict]):
    COLUMNS = ("number", "warehouse", "document_date", "status", "differing_lines", "difference_amount")

    def titles(self) -> tuple[str, ...]:
        return (
            QCoreApplication.translate("StocktakesTab", "Number"),
            QCoreApplication.translate("StocktakesTab", "Warehouse"),
            QCoreApplication.translate("StocktakesTab", "Date"),
            QCoreApplication.translate("StocktakesTab", "Status"),
            QCoreApplication.translate("StocktakesTab", "Differing lines"),
            QCoreApplication.translate("StocktakesTab", "Difference amount"),
        )

    def data(self, index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row_at(index.row()) if index.isValid() else None
        if row is None:
            return None
        key = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole and key in ("differing_lines", "difference_amount"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        value = row[key]
        if key == "document_date":
            return value.isoformat()
        if key == "status":
            return status_label(value)
        if key == "difference_amount":
            return format_money(value)
        return str(value)


class StocktakesTab(QWidget):
    def __init__(self, context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("stocktakesTab")
        self.context = context
        self.editor: StocktakeEditor | None = None
        self.model = StocktakeListModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("stocktakeList")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)

        self.new_button = QPushButton(translate("StocktakesTab", "&New stocktake (Ctrl+N)"), self)
        self.new_button.setObjectName("newStocktakeButton")
        self.open_button = QPushButton(translate("StocktakesTab", "&Open (Enter)"), self)
        self.cancel_button = QPushButton(translate("StocktakesTab", "Cance&l stocktake (Ctrl+Del)"), self)
        allowed = may_run(context, "stocktake.save") or may_run(context, "stocktake.post")
        self.new_button.setEnabled(allowed)
        self.cancel_button.setEnabled(may_run(context, "stocktake.cancel"))
        self.message_label = QLabel(self)
        self.message_label.setObjectName("stocktakesMessage")
        self.message_label.setWordWrap(True)

        buttons = QHBoxLayout()
        for button in (self.new_button, self.open_button, self.cancel_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message_label)

        self.new_button.clicked.connect(self.new_stocktake)
        self.open_button.clicked.connect(self.open_current)
        self.cancel_button.clicked.connect(self.cancel_current)
        self.table.activated.connect(lambda index: self.open_current())
        QShortcut(QKeySequence("Ctrl+Del"), self, activated=self.cancel_current,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        # Not a QShortcut: the window's Ctrl+N (new order) would make both ambiguous.
        self.new_key = LocalKey(self, QKeySequence.StandardKey.New, self.new_stocktake)
        context.tasks.changed.connect(self._on_changed)
        self.reload()

    def reload(self) -> None:
        context = self.context

        def work(control):
            with context.read_session() as session:
                return load_stocktakes(session)

        context.tasks.run(work, on_result=self.model.set_rows, on_error=lambda error: show_error(self, error))

    def _on_changed(self, changes: Changes) -> None:
        if changes.touches("stocktake", "stocktake_line", "warehouse"):
            self.reload()

    def current_row(self) -> dict | None:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def new_stocktake(self) -> None:
        if self.new_button.isEnabled():
            self._open_editor(None)

    def open_current(self) -> None:
        row = self.current_row()
        if row is not None:
            self._open_editor(row["id"])

    def _open_editor(self, stocktake_id: str | None) -> None:
        self.editor = StocktakeEditor(self.context, stocktake_id, self)
        self.editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.editor.posted.connect(self._on_posted)
        self.editor.show()

    def _on_posted(self, stocktake_id: str, number: str) -> None:
        self.message_label.setText(translate(
            "StocktakesTab", "Stocktake {number} posted; book stock now equals the count. It syncs when the server is "
                     "reachable.").format(number=number))
        self.table.setFocus()

    def cancel_current(self) -> None:
        row = self.current_row()
        if row is None or not self.cancel_button.isEnabled():
            return
        if row["status"] != StocktakeStatus.COUNTING.value:
            self.message_label.setText(translate(
                "StocktakesTab", "Stocktake {number} is {status}; only a stocktake that is still counting can be cancelled. "
                         "Correct a posted stocktake with a new one.").format(
                number=row["number"], status=status_label(row["status"])))
            return
        answer = QMessageBox.question(
            self, translate("StocktakesTab", "Cancel stocktake?"),
            translate("StocktakesTab", "Cancel stocktake {number}? Its count sheet is kept. It can no longer be saved, "
                               "nor posted on this computer. A computer that has not synced the cancellation can "
                               "still post it: the count then adjusts the stock, and a manager gets a flag that the "
                               "stocktake had been cancelled before it was posted.").format(number=row["number"]),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return

        def cancelled(submitted) -> None:
            self.message_label.setText(translate("StocktakesTab", "Stocktake {number} cancelled.").format(number=row["number"]))

        def failed(error: BaseException) -> None:
            message = user_message(error)
            if message is None:
                show_error(self, error)
            else:
                self.message_label.setText(message)

        self.context.tasks.submit("stocktake.cancel", {"id": row["id"]}, on_result=cancelled, on_error=failed,
                                  parent=self, label=translate("StocktakesTab", "Cancelling the stocktake..."))
