"""The Stock page's batches tab: stock per product, warehouse and batch, sorted by expiry date, near expiry highlighted."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QHeaderView, QLabel, QSpinBox, QVBoxLayout, QWidget

from desktop.errors import show_error
from desktop.i18n import translate
from desktop.models.batch_stock_model import NEAR_EXPIRY_DAYS, BatchStockModel, load_batches
from desktop.tasks import Changes
from desktop.views.list_keys import ListKeys
from desktop.views.list_table import ListTable
from desktop.views.stock_widgets import Warehouses, fill_warehouses, search_field

log = logging.getLogger(__name__)

MAX_NEAR_DAYS = 3650


class BatchStockTab(QWidget):
    def __init__(self, context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("batchStockTab")
        self.context = context
        self.model = BatchStockModel(self)
        self.search, self._search_timer = search_field(self, "batchSearch", self.reload)
        self.warehouse = QComboBox(self)
        self.warehouse.setObjectName("batchWarehouse")
        self.warehouse_label = QLabel(self)
        self.warehouse_label.setBuddy(self.warehouse)
        self.near_days = QSpinBox(self)
        self.near_days.setObjectName("batchNearDays")
        self.near_days.setRange(0, MAX_NEAR_DAYS)
        self.near_days.setValue(NEAR_EXPIRY_DAYS)
        self.near_label = QLabel(self)
        self.near_label.setBuddy(self.near_days)
        self.table = ListTable(self.model, self)
        self.table.setObjectName("batchTable")
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(0, 100)
        self.note = QLabel(self)
        self.note.setWordWrap(True)

        filters = QHBoxLayout()
        filters.addWidget(self.search, 1)
        filters.addWidget(self.warehouse_label)
        filters.addWidget(self.warehouse)
        filters.addWidget(self.near_label)
        filters.addWidget(self.near_days)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.note)

        self.list_keys = ListKeys(self.search, self.table, run_pending_search=self.reload, open_row=lambda index: None)
        self.warehouse.currentIndexChanged.connect(lambda index: self.reload())
        self.near_days.valueChanged.connect(self.model.set_near_days)
        QShortcut(QKeySequence.StandardKey.Find, self, activated=self.search.setFocus,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        context.tasks.changed.connect(self._on_changed)
        self.retranslate()
        self.reload()

    def retranslate(self) -> None:
        self.search.setPlaceholderText(translate("BatchStock", "Search by product code, name, pinyin initials or batch (Ctrl+F)"))
        self.warehouse_label.setText(translate("BatchStock", "&Warehouse:"))
        self.near_label.setText(translate("BatchStock", "&Highlight expiry within (days):"))
        if self.warehouse.count():
            self.warehouse.setItemText(0, translate("BatchStock", "All warehouses"))
        self.note.setText(translate(
            "BatchStock",
            "Earliest expiry first. Batches within the chosen number of days are highlighted in yellow, expired ones "
            "in red. Reservations of orders are held on the \"(no batch)\" row, because an order chooses no batch.",
        ))

    def set_warehouses(self, warehouses: Warehouses) -> None:
        fill_warehouses(self.warehouse, warehouses, translate("BatchStock", "All warehouses"))

    def reload(self) -> None:
        self._search_timer.stop()
        text, warehouse_id = self.search.text(), self.warehouse.currentData()

        def work(control):
            with self.context.read_session() as session:
                return load_batches(session, text, warehouse_id)

        def loaded(rows) -> None:
            if (self.search.text(), self.warehouse.currentData()) == (text, warehouse_id):
                self.model.set_rows(rows)

        self.model.start_loading()
        self.context.tasks.run(work, on_result=loaded, on_error=lambda error: show_error(self, error))

    def _on_changed(self, changes: Changes) -> None:
        if changes.touches("stock_balance", "product", "warehouse"):
            self.reload()
