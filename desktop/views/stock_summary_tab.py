"""Stock summary (收发存汇总) tab: opening, in, out and closing per product and warehouse for a period.

Amount columns show only to roles that see cost, because the replica of
other roles contains no cost amounts.
"""

from __future__ import annotations

import datetime as dt
import logging

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget
from sqlalchemy import select

from desktop.context import AppContext
from desktop.i18n import translate
from desktop.models.stock_model import format_quantity
from desktop.models.stock_report_models import StockSummaryModel
from desktop.models.stock_summary_queries import SummaryFilter, summary_totals
from desktop.tasks import Changes
from desktop.views.stock_widgets import Warehouses, date_field, date_of, fill_warehouses, month_start, search_field, stock_table
from domain.models import ProductCategory
from domain.permissions import role_sees_cost

log = logging.getLogger(__name__)


class StockSummaryTab(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("stockSummaryTab")
        self.context = context
        self.sees_cost = False
        self.totals_value: dict | None = None
        self.model = StockSummaryModel(context, self)

        today = dt.date.today()
        self.date_from = date_field(self, "summaryFrom", month_start(today))
        self.date_to = date_field(self, "summaryTo", today)
        self.from_label, self.to_label = QLabel(self), QLabel(self)
        self.from_label.setBuddy(self.date_from)
        self.to_label.setBuddy(self.date_to)
        self.warehouse = QComboBox(self)
        self.warehouse.setObjectName("summaryWarehouse")
        self.warehouse.addItem("", None)
        self.warehouse_label = QLabel(self)
        self.warehouse_label.setBuddy(self.warehouse)
        self.category = QComboBox(self)
        self.category.setObjectName("summaryCategory")
        self.category.addItem("", None)
        self.category_label = QLabel(self)
        self.category_label.setBuddy(self.category)
        self.search, self._search_timer = search_field(self, "summarySearch", self.apply_filter)

        self.table = stock_table(self, self.model, "summaryTable")
        self.totals = QLabel(self)
        self.totals.setObjectName("summaryTotals")
        self.totals.setWordWrap(True)

        filters = QHBoxLayout()
        for widget in (self.from_label, self.date_from, self.to_label, self.date_to, self.warehouse_label,
                       self.warehouse, self.category_label, self.category):
            filters.addWidget(widget)
        filters.addWidget(self.search, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.totals)

        for combo in (self.warehouse, self.category):
            combo.currentIndexChanged.connect(lambda index: self.apply_filter())
        for field in (self.date_from, self.date_to):
            field.dateChanged.connect(lambda date: self.apply_filter())
        context.tasks.changed.connect(self._on_changed)
        self.retranslate()
        self.load_choices()
        self.apply_filter()

    def retranslate(self) -> None:
        self.from_label.setText(translate("StockSummaryTab", "&From:"))
        self.to_label.setText(translate("StockSummaryTab", "&To:"))
        self.warehouse_label.setText(translate("StockSummaryTab", "&Warehouse:"))
        self.warehouse.setItemText(0, translate("StockSummaryTab", "All warehouses"))
        self.category_label.setText(translate("StockSummaryTab", "&Category:"))
        self.category.setItemText(0, translate("StockSummaryTab", "All categories"))
        self.search.setPlaceholderText(translate("StockSummaryTab", "Search products by name, code or barcode"))
        self._show_totals()

    def set_warehouses(self, warehouses: Warehouses) -> None:
        fill_warehouses(self.warehouse, warehouses, translate("StockSummaryTab", "All warehouses"))

    def load_choices(self) -> None:
        """Load the categories and the role's cost visibility in a background task."""
        role = self.context.user.role

        def work(control):
            with self.context.read_session() as session:
                categories = [tuple(row) for row in session.execute(
                    select(ProductCategory.id, ProductCategory.code, ProductCategory.name)
                    .where(ProductCategory.deleted_at.is_(None)).order_by(ProductCategory.code))]
                return categories, role is not None and role_sees_cost(session, role)

        self.context.tasks.run(work, on_result=self._show_choices)

    def _show_choices(self, value) -> None:
        categories, sees_cost = value
        current = self.category.currentData()
        self.category.blockSignals(True)
        self.category.clear()
        self.category.addItem(translate("StockSummaryTab", "All categories"), None)
        for category_id, code, name in categories:
            self.category.addItem(f"{code}  {name}", category_id)
        self.category.setCurrentIndex(max(self.category.findData(current), 0))
        self.category.blockSignals(False)
        self.sees_cost = sees_cost
        for number, column in enumerate(self.model.columns):
            self.table.setColumnHidden(number, column.key in self.model.amount_keys and not sees_cost)
        self._show_totals()

    def current_filter(self) -> SummaryFilter:
        return SummaryFilter(date_of(self.date_from), date_of(self.date_to), self.warehouse.currentData(),
                             self.category.currentData(), self.search.text())

    def apply_filter(self) -> None:
        self._search_timer.stop()
        self.model.set_filter(self.current_filter())
        self.totals_value = None
        self._show_totals()
        self._load_totals()

    def _load_totals(self) -> None:
        summary_filter = self.model.filter

        def work(control):
            with self.context.read_session() as session:
                return summary_totals(session, summary_filter)

        def show(totals) -> None:
            if self.model.filter == summary_filter:
                self.totals_value = totals
                self._show_totals()

        self.context.tasks.run(work, on_result=show)

    def _show_totals(self) -> None:
        totals = self.totals_value
        if totals is None:
            self.totals.clear()
            return
        if totals["unit_count"] <= 1:
            text = translate(
                "StockSummaryTab",
                "Totals: opening {opening}, in {quantity_in}, out {quantity_out}, closing {closing} {unit}",
            ).format(unit=totals["unit"],
                     **{key: format_quantity(totals[key]) for key in ("opening", "quantity_in", "quantity_out", "closing")})
        else:
            text = translate(
                "StockSummaryTab",
                "Quantity totals are shown only when every row has the same unit; these rows have {count} units. "
                "Filter by category or product to add them up.",
            ).format(count=totals["unit_count"])
        if self.sees_cost:
            text += "\n" + translate(
                "StockSummaryTab",
                "Amounts: opening {opening_amount}, in {amount_in}, out {amount_out}, closing {closing_amount}",
            ).format(**{key: f"{totals[key]:,.2f}" for key in self.model.amount_keys})
        self.totals.setText(text)

    def _on_changed(self, changes: Changes) -> None:
        if changes.touches("product_category", "role_profile"):
            self.load_choices()
        # The model reloads its own rows, so only the totals are read again here.
        if changes.touches(*self.model.tables):
            self._load_totals()
