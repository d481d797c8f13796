"""The order list's second filter row: document date and delivery date wanted ranges, and five choice filters.

A date range is off until its check box is ticked. Each choice list starts
with "All" and is filled off the GUI thread from the replica.
"""

from __future__ import annotations

import datetime as dt
import logging

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QDateEdit, QHBoxLayout, QLabel, QWidget

from desktop.i18n import translate
from desktop.models.order_filters import FilterChoices, OrderFilter, load_filter_choices

log = logging.getLogger(__name__)

CONTEXT = "OrderFilterBar"
# The date ranges start at the last 30 days when first ticked.
DEFAULT_RANGE_DAYS = 30


class DateRange(QWidget):
    """A check box with a from and a to date. `dates()` returns (None, None) while the box is unticked."""

    changed = Signal()

    def __init__(self, object_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.check = QCheckBox(self)
        today = QDate.currentDate()
        self.start = self._date_edit(today.addDays(-DEFAULT_RANGE_DAYS))
        self.end = self._date_edit(today)
        self.dash = QLabel("–", self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.check)
        layout.addWidget(self.start)
        layout.addWidget(self.dash)
        layout.addWidget(self.end)
        self.check.toggled.connect(self._toggled)
        self._toggled(False)

    def _date_edit(self, date: QDate) -> QDateEdit:
        edit = QDateEdit(date, self)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.dateChanged.connect(lambda _date: self.check.isChecked() and self.changed.emit())
        return edit

    def _toggled(self, checked: bool) -> None:
        self.start.setEnabled(checked)
        self.end.setEnabled(checked)
        self.changed.emit()

    def set_range(self, start: dt.date | None, end: dt.date | None) -> None:
        """Tick the range from `start` to `end`, or untick it when both are None."""
        if start is None and end is None:
            self.check.setChecked(False)
            return
        self.start.blockSignals(True)
        self.end.blockSignals(True)
        self.start.setDate(QDate(start or end))
        self.end.setDate(QDate(end or start))
        self.start.blockSignals(False)
        self.end.blockSignals(False)
        if self.check.isChecked():
            self.changed.emit()
        else:
            self.check.setChecked(True)

    def dates(self) -> tuple[dt.date | None, dt.date | None]:
        if not self.check.isChecked():
            return None, None
        return self.start.date().toPython(), self.end.date().toPython()


class OrderFilterBar(QWidget):
    """The filter row. It emits `changed` whenever a filter changes, and `order_filter(text, status)` builds the list's filter."""

    changed = Signal()

    def __init__(self, context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("orderFilterBar")
        self.context = context
        self.document_dates = DateRange("orderDateRange", self)
        self.wanted_dates = DateRange("wantedDateRange", self)
        self.customer = self._combo("orderCustomerFilter", editable=True)
        self.salesperson = self._combo("orderSalespersonFilter")
        self.department = self._combo("orderDepartmentFilter")
        self.category = self._combo("orderCategoryFilter")
        self.brand = self._combo("orderBrandFilter")
        for date_range in (self.document_dates, self.wanted_dates):
            date_range.changed.connect(self.changed)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.document_dates)
        layout.addWidget(self.wanted_dates)
        for combo in (self.customer, self.salesperson, self.department, self.category, self.brand):
            layout.addWidget(combo, 1)
        self.choices = FilterChoices()
        self.retranslate()
        self.reload_choices()

    def _combo(self, object_name: str, editable: bool = False) -> QComboBox:
        combo = QComboBox(self)
        combo.setObjectName(object_name)
        combo.setMinimumContentsLength(8)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        if editable:
            # Typing part of a customer's code or name narrows the list, and Enter picks the match.
            combo.setEditable(True)
            combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
            combo.completer().setFilterMode(Qt.MatchFlag.MatchContains)
            combo.completer().setCompletionMode(combo.completer().CompletionMode.PopupCompletion)
        combo.currentIndexChanged.connect(lambda _index: self.changed.emit())
        return combo

    def retranslate(self) -> None:
        self.document_dates.check.setText(translate("OrderFilterBar", "Date"))
        self.document_dates.setToolTip(translate("OrderFilterBar", "Only orders dated in this range"))
        self.wanted_dates.check.setText(translate("OrderFilterBar", "Wanted"))
        self.wanted_dates.setToolTip(translate("OrderFilterBar", "Only orders whose delivery date wanted is in this range"))
        self.customer.setToolTip(translate("OrderFilterBar", "Customer"))
        self.salesperson.setToolTip(translate("OrderFilterBar", "Salesperson the order counts for"))
        self.department.setToolTip(translate("OrderFilterBar", "Department, with its sub-departments"))
        self.category.setToolTip(translate("OrderFilterBar", "Orders with a product of this category or its sub-categories"))
        self.brand.setToolTip(translate("OrderFilterBar", "Orders with a product of this brand"))
        self._fill(self.choices)

    def reload_choices(self) -> None:
        """Read the choice lists off the GUI thread, keeping the current selections."""
        context = self.context

        def work(control) -> FilterChoices:
            with context.read_session() as session:
                return load_filter_choices(session)

        context.tasks.run(work, on_result=self._fill)

    def _fill(self, choices: FilterChoices) -> None:
        self.choices = choices
        lists = (
            (self.customer, translate("OrderFilterBar", "All customers"), choices.customers),
            (self.salesperson, translate("OrderFilterBar", "All salespeople"), choices.salespeople),
            (self.department, translate("OrderFilterBar", "All departments"), choices.departments),
            (self.category, translate("OrderFilterBar", "All categories"), choices.categories),
            (self.brand, translate("OrderFilterBar", "All brands"), choices.brands),
        )
        for combo, all_label, entries in lists:
            selected = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(all_label, None)
            for row_id, label in entries:
                combo.addItem(label, row_id)
            found = combo.findData(selected) if selected is not None else 0
            combo.setCurrentIndex(max(found, 0))
            combo.blockSignals(False)
            if selected is not None and found < 0:
                # The chosen record left the replica, so the filter fell back to "All".
                self.changed.emit()

    @staticmethod
    def select(combo: QComboBox, row_id: str | None) -> None:
        """Choose the entry of `row_id` (None for "All") in one of the choice filters."""
        combo.setCurrentIndex(max(combo.findData(row_id), 0) if row_id is not None else 0)

    def order_filter(self, text: str, status: str | None) -> OrderFilter:
        date_from, date_to = self.document_dates.dates()
        wanted_from, wanted_to = self.wanted_dates.dates()
        return OrderFilter(
            text=text, status=status, date_from=date_from, date_to=date_to,
            wanted_from=wanted_from, wanted_to=wanted_to,
            customer_id=self.customer.currentData(), salesperson_id=self.salesperson.currentData(),
            department_id=self.department.currentData(), category_id=self.category.currentData(),
            brand_id=self.brand.currentData(),
        )
