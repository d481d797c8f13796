"""Stock page: balances per product and warehouse, filtered by product text and warehouse."""

from __future__ import annotations

import logging

from PySide6.QtCore import QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from desktop.context import AppContext
from desktop.i18n import translate
from desktop.models.stock_model import StockModel
from desktop.tasks import Changes
from domain.models import Warehouse

log = logging.getLogger(__name__)

SEARCH_DELAY_MS = 250


class StockView(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("stockView")
        self.context = context
        self.model = StockModel(context, self)

        self.search = QLineEdit(self)
        self.search.setObjectName("stockSearch")
        self.search.setClearButtonEnabled(True)
        self.warehouse = QComboBox(self)
        self.warehouse.setObjectName("stockWarehouse")
        self.warehouse_label = QLabel(self)
        self.warehouse_label.setBuddy(self.warehouse)

        self.table = QTableView(self)
        self.table.setObjectName("stockTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        for number, column in enumerate(self.model.columns):
            if column.width:
                self.table.setColumnWidth(number, column.width)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        for signal in (self.model.modelReset, self.model.rowsInserted, self.model.dataChanged, self.model.layoutChanged):
            signal.connect(self._fit_numeric_columns)

        self.note = QLabel(self)
        self.note.setObjectName("stockNote")
        self.note.setWordWrap(True)

        filters = QHBoxLayout()
        filters.addWidget(self.search, 1)
        filters.addWidget(self.warehouse_label)
        filters.addWidget(self.warehouse)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.note)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(lambda text: self._search_timer.start())
        self.search.returnPressed.connect(self._go_to_table)
        self.warehouse.currentIndexChanged.connect(lambda index: self.apply_filter())
        context.tasks.changed.connect(self._on_changed)
        QShortcut(QKeySequence.StandardKey.Find, self, activated=self.search.setFocus)

        self.retranslate()
        self.load_warehouses()
        self.apply_filter()

    def retranslate(self) -> None:
        self.search.setPlaceholderText(translate("StockView", "Search products by name, code or barcode (Ctrl+F)"))
        self.warehouse_label.setText(translate("StockView", "&Warehouse:"))
        self.warehouse.setToolTip(translate("StockView", "Show one warehouse or all of them"))
        if self.warehouse.count():
            self.warehouse.setItemText(0, translate("StockView", "All warehouses"))
        self.note.setText(
            translate(
                "StockView",
                "Available = on hand - reserved. The numbers include your unsynced changes; "
                "rows marked \"pending\" change again when the server has accepted them.",
            )
        )

    def apply_filter(self) -> None:
        self._search_timer.stop()
        self.model.set_filter((self.search.text(), self.warehouse.currentData()))

    def load_warehouses(self) -> None:
        def work(control):
            with self.context.read_session() as session:
                query = select(Warehouse.id, Warehouse.code, Warehouse.name).where(
                    Warehouse.deleted_at.is_(None)
                ).order_by(Warehouse.code)
                return [tuple(row) for row in session.execute(query)]

        self.context.tasks.run(work, on_result=self._show_warehouses)

    def _show_warehouses(self, warehouses: list[tuple[str, str, str]]) -> None:
        current = self.warehouse.currentData()
        self.warehouse.blockSignals(True)
        self.warehouse.clear()
        self.warehouse.addItem(translate("StockView", "All warehouses"), None)
        for warehouse_id, code, name in warehouses:
            self.warehouse.addItem(f"{code}  {name}", warehouse_id)
        found = self.warehouse.findData(current)
        self.warehouse.setCurrentIndex(max(found, 0))
        self.warehouse.blockSignals(False)

    def _on_changed(self, changes: Changes) -> None:
        if changes.touches("warehouse"):
            self.load_warehouses()

    def _go_to_table(self) -> None:
        self.apply_filter()
        self.table.setFocus()
        if self.model.rowCount():
            self.table.selectRow(0)

    def _fit_numeric_columns(self, *args) -> None:
        """Widen the quantity columns to their contents, so no digit of a balance is cut off."""
        for number, column in enumerate(self.model.columns):
            if column.align_right:
                self.table.resizeColumnToContents(number)
