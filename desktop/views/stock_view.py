"""Stock page: tabs for balances, movement detail, the stock summary, the low-stock list, stock per batch
by expiry, and the goods receipts, transfers and stocktakes a warehouse keeper posts.

The balances tab lists on hand, reserved and available per product and
warehouse (or per batch), filtered by product text and warehouse; Enter on
a row opens its movement detail. Every tab reads the local replica in
background tasks, and the replica holds only the warehouses of the user's
department, so every tab lists only those.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from desktop.command_access import may_run
from desktop.context import AppContext
from desktop.i18n import translate
from desktop.models.stock_model import StockModel
from desktop.tasks import Changes
from desktop.views.batch_stock_tab import BatchStockTab
from desktop.views.list_keys import ListKeys
from desktop.views.low_stock_tab import LowStockTab
from desktop.views.reorder_point_dialog import open_reorder_point
from desktop.views.stock_documents_tab import StockDocumentsTab
from desktop.views.stock_movements_tab import StockMovementsTab
from desktop.views.stock_summary_tab import StockSummaryTab
from desktop.views.stock_widgets import fill_warehouses, stock_table
from desktop.views.stocktakes_tab import StocktakesTab
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

        self.by_batch = QCheckBox(self)
        self.by_batch.setObjectName("stockByBatch")

        self.balances = QWidget(self)
        self.table = stock_table(self.balances, self.model, "stockTable")
        self._show_batch_columns(False)

        self.note = QLabel(self)
        self.note.setObjectName("stockNote")
        self.note.setWordWrap(True)

        filters = QHBoxLayout()
        filters.addWidget(self.search, 1)
        filters.addWidget(self.warehouse_label)
        filters.addWidget(self.warehouse)
        filters.addWidget(self.by_batch)
        balances_layout = QVBoxLayout(self.balances)
        balances_layout.addLayout(filters)
        balances_layout.addWidget(self.table, 1)
        balances_layout.addWidget(self.note)

        self.movements = StockMovementsTab(context, self)
        self.summary = StockSummaryTab(context, self)
        self.low_stock = LowStockTab(context, self)
        self.batches = BatchStockTab(context, self)
        self.receipts = StockDocumentsTab(context, "receipt", self)
        self.transfers = StockDocumentsTab(context, "transfer", self)
        self.stocktakes = StocktakesTab(context, self)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("stockTabs")
        for tab in (self.balances, self.movements, self.summary, self.low_stock):
            self.tabs.addTab(tab, "")
        for tab in (self.batches, self.receipts, self.transfers, self.stocktakes):
            self.tabs.addTab(tab, "")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(lambda text: self._search_timer.start())
        self.list_keys = ListKeys(self.search, self.table, run_pending_search=self.apply_filter,
                                  open_row=self.open_movements)
        self.table.doubleClicked.connect(self.open_movements)
        self.warehouse.currentIndexChanged.connect(lambda index: self.apply_filter())
        self.by_batch.toggled.connect(self._on_by_batch)
        context.tasks.changed.connect(self._on_changed)
        QShortcut(QKeySequence.StandardKey.Find, self.balances, activated=self.search.setFocus)
        self.reorder_dialog = None
        if may_run(context, "reorder_point.set"):
            QShortcut(QKeySequence("Ctrl+E"), self.balances, activated=self.edit_reorder_point,
                      context=Qt.ShortcutContext.WidgetWithChildrenShortcut)

        self.retranslate()
        self.load_warehouses()
        self.apply_filter()

    def retranslate(self) -> None:
        titles = (
            translate("StockView", "Balances"),
            translate("StockView", "Movement detail"),
            translate("StockView", "Stock summary"),
            translate("StockView", "Low stock"),
            translate("StockView", "Batches by e&xpiry"),
            translate("StockView", "Goods &receipts"),
            translate("StockView", "Tran&sfers"),
            translate("StockView", "Stoc&ktakes"),
        )
        for number, title in enumerate(titles):
            self.tabs.setTabText(number, title)
        self.by_batch.setText(translate("StockView", "By &batch"))
        self.by_batch.setToolTip(translate("StockView", "Show each batch with its expiry date on its own row"))
        self.search.setPlaceholderText(translate("StockView", "Search products by name, code or barcode (Ctrl+F)"))
        self.warehouse_label.setText(translate("StockView", "&Warehouse:"))
        self.warehouse.setToolTip(translate("StockView", "Show one warehouse or all of them"))
        if self.warehouse.count():
            self.warehouse.setItemText(0, translate("StockView", "All warehouses"))
        self.note.setText(
            translate(
                "StockView",
                "Available = on hand - reserved. The numbers include your unsynced changes; "
                "rows marked \"pending\" change again when the server has accepted them. "
                "Enter on a row opens its movement detail, and Ctrl+E sets its reorder point.",
            )
        )

    def apply_filter(self) -> None:
        self._search_timer.stop()
        self.model.set_filter((self.search.text(), self.warehouse.currentData(), self.by_batch.isChecked()))

    def load_warehouses(self) -> None:
        def work(control):
            with self.context.read_session() as session:
                query = select(Warehouse.id, Warehouse.code, Warehouse.name).where(
                    Warehouse.deleted_at.is_(None)
                ).order_by(Warehouse.code)
                return [tuple(row) for row in session.execute(query)]

        self.context.tasks.run(work, on_result=self._show_warehouses)

    def _show_warehouses(self, warehouses: list[tuple[str, str, str]]) -> None:
        fill_warehouses(self.warehouse, warehouses, translate("StockView", "All warehouses"))
        for tab in (self.movements, self.summary, self.low_stock, self.batches):
            tab.set_warehouses(warehouses)

    def _on_changed(self, changes: Changes) -> None:
        if changes.touches("warehouse"):
            self.load_warehouses()

    def _on_by_batch(self, checked: bool) -> None:
        self._show_batch_columns(checked)
        self.apply_filter()

    def _show_batch_columns(self, shown: bool) -> None:
        for number, column in enumerate(self.model.columns):
            if column.key in ("batch_no", "expiry_date"):
                self.table.setColumnHidden(number, not shown)

    def edit_reorder_point(self) -> None:
        """Open the reorder point of the current row's product and warehouse (Ctrl+E)."""
        index = self.table.currentIndex()
        row = self.model.row(index.row()) if index.isValid() else None
        if row is None:
            return
        product_id, warehouse_id = row["id"].split(":")[:2]
        self.reorder_dialog = open_reorder_point(self, self.context, row, product_id, warehouse_id)

    def open_movements(self, index: QModelIndex) -> None:
        """Show the movement detail of the product and warehouse of the row at `index`."""
        row = self.model.row(index.row()) if index.isValid() else None
        if row is None:
            return
        product_id, warehouse_id = row["id"].split(":")[:2]
        self.movements.show_product(product_id, warehouse_id)
        self.tabs.setCurrentWidget(self.movements)
        self.movements.table.setFocus()
