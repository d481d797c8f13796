"""Keyboard moves between a list page's search box and its table.

Down or Enter in the search box runs a pending search and moves to the
list, selecting the first row (when the search is still running, as soon as
its rows arrive). Enter on a row opens it, and Up on the first row goes
back to the search box. Keys with Ctrl are left to the page's shortcuts
(Ctrl+Enter starts an order on the Customers page).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QTableView

ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class ListKeys(QObject):
    """Installs itself as the event filter of `search` and `table`.

    `run_pending_search` runs a search the user typed but whose delay has not
    passed yet; `open_row` opens the row at an index.
    """

    def __init__(self, search: QLineEdit, table: QTableView, *, run_pending_search: Callable[[], None],
                 open_row: Callable[[QModelIndex], object]) -> None:
        super().__init__(table)
        self.search = search
        self.table = table
        self.model = table.model()
        self.run_pending_search = run_pending_search
        self.open_row = open_row
        search.installEventFilter(self)
        table.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            return False
        key = event.key()
        if watched is self.search and (key == Qt.Key.Key_Down or key in ENTER_KEYS):
            self.run_pending_search()
            self.focus_first_row()
            return True
        if watched is self.table and key in ENTER_KEYS:
            self.open_row(self.table.currentIndex())
            return True
        if watched is self.table and key == Qt.Key.Key_Up and self.table.currentIndex().row() <= 0:
            self.focus_search()
            return True
        return False

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def focus_first_row(self) -> None:
        self.table.setFocus()
        if self.model.rowCount() > 0 and not self.table.currentIndex().isValid():
            self.table.selectRow(0)
        elif self.model.loading:
            # The search is still running: select the first row when it arrives.
            self.model.loaded.connect(self._select_first_once, Qt.ConnectionType.SingleShotConnection)

    def _select_first_once(self) -> None:
        if self.model.rowCount() > 0 and self.table.hasFocus() and not self.table.currentIndex().isValid():
            self.table.selectRow(0)
