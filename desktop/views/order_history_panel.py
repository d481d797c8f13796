"""The order form's History tab: who did what to the order, when, why and what changed, newest first.

The rows are read in a task and read again whenever a save, a command or a
sync writes order history, so a verification another user made shows up
after the sync that brings it.
"""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from desktop.errors import show_error
from desktop.models.order_history_rows import HistoryModel, HistoryRecord, describe, load_history

log = logging.getLogger(__name__)

# Tables whose changes may add history rows or rename the lines and users they name.
HISTORY_TABLES = ("order_history", "sales_order", "sales_order_line", "app_user")

# Text lines a row shows at most; the tooltip of a longer row shows all of it.
MAX_ROW_LINES = 4


class OrderHistoryPanel(QWidget):
    """The history of one order; `set_order` chooses the order, and the panel keeps itself current."""

    def __init__(self, context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.order_id: str | None = None
        self.loading = False
        # Counts loads, so rows read for an earlier request are dropped when they arrive late.
        self._generation = 0
        self.setObjectName("orderHistoryPanel")
        self.model = HistoryModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("orderHistoryTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(self.model.COLUMNS.index("details"), QHeaderView.ResizeMode.Stretch)
        self.empty_label = QLabel(self.tr("The order has no history yet; it starts when the order is saved."), self)
        self.empty_label.setObjectName("orderHistoryEmpty")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.table, 1)
        context.tasks.changed.connect(self._on_changed)
        self.show_records([])

    def set_order(self, order_id: str | None) -> None:
        """Show the history of `order_id` (None for an order not saved yet)."""
        if order_id == self.order_id:
            return
        self.order_id = order_id
        self.reload()

    def reload(self) -> None:
        """Read the order's history again in a task."""
        self._generation += 1
        generation, order_id, context = self._generation, self.order_id, self.context
        if order_id is None:
            self.show_records([])
            return
        self.loading = True

        def work(control) -> tuple[int, list[HistoryRecord]]:
            with context.read_session() as session:
                return generation, load_history(session, order_id)

        # Bound methods, so a result that arrives after the window closed is dropped (desktop.tasks).
        context.tasks.run(work, on_result=self._loaded, on_error=self._failed)

    def _loaded(self, value: tuple[int, list[HistoryRecord]]) -> None:
        generation, records = value
        if generation != self._generation:
            return
        self.loading = False
        self.show_records(records)

    def _failed(self, error: BaseException) -> None:
        self.loading = False
        show_error(self, error)

    def show_records(self, records: list[HistoryRecord]) -> None:
        """Show `records`, each row at most MAX_ROW_LINES lines tall."""
        self.model.set_rows([describe(record) for record in records])
        self.empty_label.setVisible(not records)
        self.table.resizeRowsToContents()
        self._limit_row_heights()

    def max_row_height(self) -> int:
        """Return the height in pixels of a row showing MAX_ROW_LINES lines of text."""
        return self.table.fontMetrics().lineSpacing() * MAX_ROW_LINES + 8

    def _limit_row_heights(self) -> None:
        limit = self.max_row_height()
        for row in range(self.model.rowCount()):
            if self.table.rowHeight(row) > limit:
                self.table.setRowHeight(row, limit)

    def resizeEvent(self, event) -> None:
        # Wrapped details take more lines when the details column gets narrower.
        super().resizeEvent(event)
        self.table.resizeRowsToContents()
        self._limit_row_heights()

    def _on_changed(self, changes) -> None:
        if self.order_id is not None and changes.touches(*HISTORY_TABLES):
            log.debug("history of order %s reloads after a change", self.order_id)
            self.reload()
