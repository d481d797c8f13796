"""Low-stock tab: products whose available stock is below their reorder point, per warehouse.

Reorder points are rows of the replicated reorder_point table; Ctrl+E on a
row here or on the balances tab edits one (reorder_point.set).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget
from sqlalchemy import func, select

from desktop.command_access import may_run
from desktop.context import AppContext
from desktop.i18n import translate
from desktop.models.stock_report_models import LowStockModel
from desktop.models.stock_summary_queries import LowStockFilter
from desktop.views.reorder_point_dialog import open_reorder_point
from desktop.views.stock_widgets import Warehouses, fill_warehouses, search_field, stock_table
from domain.models import ReorderPoint

log = logging.getLogger(__name__)


class LowStockTab(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lowStockTab")
        self.context = context
        self.model = LowStockModel(context, self)

        self.search, self._search_timer = search_field(self, "lowStockSearch", self.apply_filter)
        self.warehouse = QComboBox(self)
        self.warehouse.setObjectName("lowStockWarehouse")
        self.warehouse.addItem("", None)
        self.warehouse_label = QLabel(self)
        self.warehouse_label.setBuddy(self.warehouse)
        self.table = stock_table(self, self.model, "lowStockTable")
        self.note = QLabel(self)
        self.note.setObjectName("lowStockNote")
        self.note.setWordWrap(True)
        self.empty_label = QLabel(self)
        self.empty_label.setObjectName("lowStockEmpty")
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.hide()
        # Whether the replica has any reorder point; None until read after an empty load.
        self.has_reorder_points: bool | None = None

        filters = QHBoxLayout()
        filters.addWidget(self.search, 1)
        filters.addWidget(self.warehouse_label)
        filters.addWidget(self.warehouse)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.note)

        self.warehouse.currentIndexChanged.connect(lambda index: self.apply_filter())
        self.model.loaded.connect(self._show_empty_text)
        self.model.loading_started.connect(self.empty_label.hide)
        self.reorder_dialog = None
        if may_run(context, "reorder_point.set"):
            QShortcut(QKeySequence("Ctrl+E"), self, activated=self.edit_reorder_point,
                      context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.retranslate()
        self.apply_filter()

    def retranslate(self) -> None:
        self.search.setPlaceholderText(translate("LowStockTab", "Search products by name, code or barcode"))
        self.warehouse_label.setText(translate("LowStockTab", "&Warehouse:"))
        self.warehouse.setItemText(0, translate("LowStockTab", "All warehouses"))
        self.note.setText(translate(
            "LowStockTab",
            "Products whose available stock (on hand - reserved) is below the reorder point of the warehouse. "
            "Shortfall = reorder point - available. Ctrl+E sets the reorder point of the current row.",
        ))

    def _show_empty_text(self) -> None:
        """Say that nothing is low, or how to set a reorder point when the replica has none."""
        if self.model.rowCount() > 0:
            self.empty_label.hide()
            return
        context = self.context

        def work(control) -> bool:
            with context.read_session() as session:
                return bool(session.scalar(select(func.count()).select_from(ReorderPoint)))

        self.context.tasks.run(work, on_result=self._show_empty_reason)

    def _show_empty_reason(self, has_reorder_points: bool) -> None:
        self.has_reorder_points = has_reorder_points
        if self.model.rowCount() > 0 or self.model.loading:
            return
        if has_reorder_points:
            text = translate("LowStockTab", "No product is below its reorder point.")
        else:
            text = translate("LowStockTab", "No reorder points are set yet. To set one, select a row on the "
                                            "Balances tab and press Ctrl+E.")
        self.empty_label.setText(text)
        self.empty_label.show()

    def set_warehouses(self, warehouses: Warehouses) -> None:
        fill_warehouses(self.warehouse, warehouses, translate("LowStockTab", "All warehouses"))

    def edit_reorder_point(self) -> None:
        """Open the reorder point of the current row (Ctrl+E)."""
        index = self.table.currentIndex()
        row = self.model.row(index.row()) if index.isValid() else None
        if row is not None:
            self.reorder_dialog = open_reorder_point(self, self.context, row, row["product_id"], row["warehouse_id"])

    def apply_filter(self) -> None:
        self._search_timer.stop()
        self.model.set_filter(LowStockFilter(self.warehouse.currentData(), self.search.text()))
