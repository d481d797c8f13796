"""The order list's second filter row: document date and delivery date wanted ranges, and five choice filters.

A date range is off until its check box is ticked. Each choice list starts
with "All" and is filled off the GUI thread from the replica. Text typed
into the customer filter without picking a customer filters by every
customer the customers search matches, and a note shows when none matches.
"""

from __future__ import annotations

import datetime as dt
import logging

from PySide6.QtCore import QDate, QSize, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QStyle,
    QStyleOptionComboBox,
    QWidget,
)

from desktop.i18n import translate
from desktop.models.order_filters import FilterChoices, OrderFilter, load_filter_choices, matching_customer_ids

log = logging.getLogger(__name__)

CONTEXT = "OrderFilterBar"
# The date ranges start at the last 30 days when first ticked.
DEFAULT_RANGE_DAYS = 30
# The customer filter is at least this many characters wide and grows to show the chosen
# customer's code and name, up to the maximum.
CUSTOMER_MIN_CHARACTERS = 16
CUSTOMER_MAX_CHARACTERS = 40
# A choice filter widens to show its longest entry, up to this many average characters.
CHOICE_MAX_CHARACTERS = 24
# Pause after the last typed character before the typed customer text filters the list, in milliseconds.
CUSTOMER_TYPING_DELAY_MS = 300


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
        self.customer.setMinimumContentsLength(CUSTOMER_MIN_CHARACTERS)
        self.customer.currentIndexChanged.connect(lambda _index: self._customer_picked())
        # Shown while the typed customer text matches no customer.
        self.customer_note = QLabel(self)
        self.customer_note.setObjectName("orderCustomerNote")
        self.customer_note.setStyleSheet("color: #b00020;")
        self.customer_note.hide()
        self._typing_timer = QTimer(self)
        self._typing_timer.setSingleShot(True)
        self._typing_timer.setInterval(CUSTOMER_TYPING_DELAY_MS)
        self._typing_timer.timeout.connect(self._customer_typed)
        self.customer.lineEdit().textEdited.connect(lambda _text: self._typing_timer.start())
        # The typed text the list is filtered by; it changes only after the typing pause.
        self._customer_text = ""
        # Whether the list is filtered by a picked customer, as of the last change.
        self._customer_was_picked = False
        # Counts match checks, so a check for older text is dropped when it arrives late.
        self._check = 0
        for date_range in (self.document_dates, self.wanted_dates):
            date_range.changed.connect(self.changed)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.document_dates)
        layout.addWidget(self.wanted_dates)
        layout.addWidget(self.customer, 2)
        layout.addWidget(self.customer_note)
        for combo in (self.salesperson, self.department, self.category, self.brand):
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
        self.customer.setToolTip(translate(
            "OrderFilterBar", "Customer: pick one, or type part of a code, name or pinyin initials to match several"))
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
            self._fit_to_entries(combo)
            if selected is not None and found < 0:
                # The chosen record left the replica, so the filter fell back to "All".
                self.changed.emit()
        if self._customer_text:
            # Refilling the list replaced the typed text that the list is still filtered by.
            self.customer.setEditText(self._customer_text)

    def _fit_to_entries(self, combo: QComboBox) -> None:
        """Make the popup as wide as the longest entry, and a choice filter wide enough to show it, within a limit."""
        metrics = combo.fontMetrics()
        widest = max((metrics.horizontalAdvance(combo.itemText(row)) for row in range(combo.count())), default=0)
        # Room for the frame, the drop-down arrow and the popup's scroll bar.
        padding = 2 * metrics.height() + 16
        combo.view().setMinimumWidth(widest + padding)
        if combo is self.customer:
            combo.completer().popup().setMinimumWidth(widest + padding)
            return
        combo.setMinimumWidth(min(widest + padding, metrics.averageCharWidth() * CHOICE_MAX_CHARACTERS + padding))

    @staticmethod
    def select(combo: QComboBox, row_id: str | None) -> None:
        """Choose the entry of `row_id` (None for "All") in one of the choice filters."""
        combo.setCurrentIndex(max(combo.findData(row_id), 0) if row_id is not None else 0)

    def _picked_customer(self) -> bool:
        """Return whether the customer field shows a customer picked from the list (not "All", not typed text)."""
        return self.customer.currentIndex() > 0 and combo_text_is_entry(self.customer, self.customer.currentText().strip())

    def _typed_customer(self) -> str:
        """Return the text typed into the customer field that no list entry shows, or an empty string."""
        text = self.customer.currentText().strip()
        if combo_text_is_entry(self.customer, text):
            return ""
        return text

    def _fit_customer_width(self) -> None:
        """Widen the customer field to show the whole code and name of the chosen customer, within the limits."""
        combo = self.customer
        metrics = combo.fontMetrics()
        text_width = metrics.horizontalAdvance(combo.currentText())
        text_width = max(text_width, metrics.averageCharWidth() * CUSTOMER_MIN_CHARACTERS)
        text_width = min(text_width, metrics.averageCharWidth() * CUSTOMER_MAX_CHARACTERS)
        option = QStyleOptionComboBox()
        combo.initStyleOption(option)
        size = combo.style().sizeFromContents(
            QStyle.ContentsType.CT_ComboBox, option, QSize(text_width, metrics.height()), combo)
        combo.setMinimumWidth(size.width())

    def _customer_picked(self) -> None:
        # A picked entry replaces the typed text; the combo box emits `changed` itself.
        self._customer_text = ""
        self._customer_was_picked = self._picked_customer()
        self._check += 1
        self.customer_note.hide()
        self._fit_customer_width()

    def _customer_typed(self) -> None:
        """Filter by the typed customer text, and check off the GUI thread whether any customer matches it."""
        typed = self._typed_customer()
        picked = self._picked_customer()
        if (typed, picked) == (self._customer_text, self._customer_was_picked):
            return
        self._customer_text, self._customer_was_picked = typed, picked
        self._check += 1
        check = self._check
        self.customer_note.hide()
        self.changed.emit()
        if not typed:
            return
        context = self.context

        def work(control) -> bool:
            with context.read_session() as session:
                return bool(matching_customer_ids(session, typed))

        def checked(found: bool) -> None:
            if check != self._check:
                return
            self.customer_note.setText(
                translate("OrderFilterBar", "No customer matches \"{text}\".").format(text=typed))
            self.customer_note.setVisible(not found)

        context.tasks.run(work, on_result=checked)

    def order_filter(self, text: str, status: str | None) -> OrderFilter:
        date_from, date_to = self.document_dates.dates()
        wanted_from, wanted_to = self.wanted_dates.dates()
        picked = self._picked_customer()
        return OrderFilter(
            text=text, status=status, date_from=date_from, date_to=date_to,
            wanted_from=wanted_from, wanted_to=wanted_to,
            customer_id=self.customer.currentData() if picked else None,
            customer_text="" if picked else self._customer_text,
            salesperson_id=self.salesperson.currentData(),
            department_id=self.department.currentData(), category_id=self.category.currentData(),
            brand_id=self.brand.currentData(),
        )


def combo_text_is_entry(combo: QComboBox, text: str) -> bool:
    """Return whether `text` is the text of the combo box's current entry, the one picked last."""
    return combo.currentIndex() >= 0 and text == combo.itemText(combo.currentIndex()).strip()
