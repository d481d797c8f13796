"""Movement detail (出入库明细) tab: one product's movements in a date range with the running balance.

The product comes from the stock list (Enter on a row) or from the product
picker (F4 or the Choose button). Every query runs in a background task.
"""

from __future__ import annotations

import datetime as dt
import logging

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from desktop.context import AppContext
from desktop.i18n import translate
from desktop.models.stock_model import format_quantity
from desktop.models.stock_movement_queries import MovementFilter, movement_totals, product_label
from desktop.models.stock_report_models import StockMovementModel
from desktop.views.product_picker import pick_product
from desktop.views.stock_widgets import Warehouses, date_field, date_of, fill_warehouses, month_start, stock_table

log = logging.getLogger(__name__)


class StockMovementsTab(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("stockMovementsTab")
        self.context = context
        self.product_id: str | None = None
        self.model = StockMovementModel(context, self)

        self.product = QLineEdit(self)
        self.product.setObjectName("movementProduct")
        self.product.setReadOnly(True)
        self.product_label = QLabel(self)
        self.product_label.setBuddy(self.product)
        self.choose = QPushButton(self)
        self.choose.setObjectName("movementChooseProduct")
        self.choose.clicked.connect(self.choose_product)
        today = dt.date.today()
        self.date_from = date_field(self, "movementFrom", month_start(today))
        self.date_to = date_field(self, "movementTo", today)
        self.from_label, self.to_label = QLabel(self), QLabel(self)
        self.from_label.setBuddy(self.date_from)
        self.to_label.setBuddy(self.date_to)
        self.warehouse = QComboBox(self)
        self.warehouse.setObjectName("movementWarehouse")
        self.warehouse.addItem("", None)
        self.warehouse_label = QLabel(self)
        self.warehouse_label.setBuddy(self.warehouse)

        self.table = stock_table(self, self.model, "movementTable")
        self.totals = QLabel(self)
        self.totals.setObjectName("movementTotals")

        filters = QHBoxLayout()
        for widget in (self.product_label, self.product, self.choose, self.from_label, self.date_from,
                       self.to_label, self.date_to, self.warehouse_label, self.warehouse):
            filters.addWidget(widget, 2 if widget is self.product else 0)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.totals)

        self.date_from.dateChanged.connect(lambda date: self.apply_filter())
        self.date_to.dateChanged.connect(lambda date: self.apply_filter())
        self.warehouse.currentIndexChanged.connect(lambda index: self.apply_filter())
        QShortcut(QKeySequence(Qt.Key.Key_F4), self, activated=self.choose_product)
        self.retranslate()

    def retranslate(self) -> None:
        self.product_label.setText(translate("StockMovementsTab", "&Product:"))
        self.product.setPlaceholderText(translate("StockMovementsTab", "Press F4 to choose a product"))
        self.choose.setText(translate("StockMovementsTab", "Choose... (F4)"))
        self.from_label.setText(translate("StockMovementsTab", "&From:"))
        self.to_label.setText(translate("StockMovementsTab", "&To:"))
        self.warehouse_label.setText(translate("StockMovementsTab", "&Warehouse:"))
        self.warehouse.setItemText(0, translate("StockMovementsTab", "All warehouses"))

    def set_warehouses(self, warehouses: Warehouses) -> None:
        fill_warehouses(self.warehouse, warehouses, translate("StockMovementsTab", "All warehouses"))

    def show_product(self, product_id: str, warehouse_id: str | None = None) -> None:
        """Show the movements of `product_id`, in `warehouse_id` or in every warehouse."""
        self.product_id = product_id
        self.warehouse.blockSignals(True)
        self.warehouse.setCurrentIndex(max(self.warehouse.findData(warehouse_id), 0))
        self.warehouse.blockSignals(False)

        def work(control):
            with self.context.read_session() as session:
                return product_label(session, product_id)

        self.context.tasks.run(work, on_result=lambda label: self.product.setText(label or ""))
        self.apply_filter()

    def choose_product(self) -> None:
        picked = pick_product(self, self.context, warehouse_id=self.warehouse.currentData())
        if picked is not None:
            self.show_product(picked.product_id, self.warehouse.currentData())
            self.table.setFocus()

    def current_filter(self) -> MovementFilter | None:
        if self.product_id is None:
            return None
        return MovementFilter(self.product_id, date_of(self.date_from), date_of(self.date_to), self.warehouse.currentData())

    def apply_filter(self) -> None:
        self.totals.clear()
        self.model.set_filter(self.current_filter())
        self._load_totals()

    def _load_totals(self) -> None:
        movement_filter = self.model.filter
        if movement_filter is None:
            return

        def work(control):
            with self.context.read_session() as session:
                return movement_totals(session, movement_filter)

        def show(totals) -> None:
            if self.model.filter != movement_filter:
                return
            total_in, total_out = totals
            self.totals.setText(translate("StockMovementsTab", "Total in: {total_in}    Total out: {total_out}").format(
                total_in=format_quantity(total_in), total_out=format_quantity(total_out)))

        self.context.tasks.run(work, on_result=show)
