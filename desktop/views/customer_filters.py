"""The customer list's filter bar: category, sales region, owner, warehouse, follow-up age, overdue, saved filters.

The bar builds a sync.search.CustomerFilters from its widgets and emits
`changed` whenever one of them changes. Saved filters are stored on this
device per user with sync.search.save_filter under the view name
SAVED_FILTER_VIEW.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.context import AppContext
from desktop.i18n import translate
from desktop.tasks import Changes
from domain.models import CustomerCategory, SalesRegion, User, Warehouse
from sync.search import CustomerFilters, delete_saved_filter, save_filter, saved_filters

log = logging.getLogger(__name__)


SAVED_FILTER_VIEW = "customer_list"
# The follow-up spin box shows "Any" at 0: every customer is at least 0 days
# past its last follow-up, so 0 filters nothing.
MAX_FOLLOW_UP_DAYS = 3650
LOOKUP_TABLES = ("customer_category", "sales_region", "app_user", "warehouse")
# The item data role of the saved filter combo box that contains a filter's criteria.
SAVED_CRITERIA_ROLE = Qt.ItemDataRole.UserRole + 1


def load_choices(session: Session) -> dict[str, list[tuple[str, str]]]:
    """Return (id, label) pairs of the categories, sales regions, users and warehouses on the replica, by filter."""

    def pairs(query) -> list[tuple[str, str]]:
        return [(row_id, label) for row_id, label in session.execute(query)]

    return {
        "category": pairs(
            select(CustomerCategory.id, CustomerCategory.name)
            .where(CustomerCategory.deleted_at.is_(None))
            .order_by(CustomerCategory.code)
        ),
        "sales_region": pairs(
            select(SalesRegion.id, SalesRegion.name).where(SalesRegion.deleted_at.is_(None)).order_by(SalesRegion.code)
        ),
        "owner": pairs(
            select(User.id, User.display_name).where(User.deleted_at.is_(None)).order_by(User.display_name)
        ),
        "warehouse": pairs(
            select(Warehouse.id, Warehouse.code + "  " + Warehouse.name)
            .where(Warehouse.deleted_at.is_(None))
            .order_by(Warehouse.code)
        ),
    }


class CustomerFilterBar(QWidget):
    """Filter widgets over two rows; `filters()` returns their CustomerFilters."""

    changed = Signal()

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("customerFilterBar")
        self.context = context
        self._applying = False

        self.combos: dict[str, QComboBox] = {}
        self.labels: dict[str, QLabel] = {}
        for key in ("category", "sales_region", "owner", "warehouse"):
            combo = QComboBox(self)
            combo.setObjectName(f"customerFilter_{key}")
            combo.setMinimumContentsLength(8)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.addItem("", None)
            combo.currentIndexChanged.connect(self._emit_changed)
            label = QLabel(self)
            label.setBuddy(combo)
            self.combos[key] = combo
            self.labels[key] = label

        self.follow_up_days = QSpinBox(self)
        self.follow_up_days.setObjectName("customerFilterFollowUpDays")
        self.follow_up_days.setRange(0, MAX_FOLLOW_UP_DAYS)
        self.follow_up_days.valueChanged.connect(self._emit_changed)
        self.follow_up_label = QLabel(self)
        self.follow_up_label.setBuddy(self.follow_up_days)
        self.overdue = QCheckBox(self)
        self.overdue.setObjectName("customerFilterOverdue")
        self.overdue.toggled.connect(self._emit_changed)

        self.saved = QComboBox(self)
        self.saved.setObjectName("customerSavedFilter")
        self.saved.setMinimumContentsLength(10)
        self.saved.addItem("", None)
        self.saved.activated.connect(self._apply_saved)
        # Clearing the filters and deleting a filter select "(none)" in code, which `activated` does not report.
        self.saved.currentIndexChanged.connect(lambda _index: self._update_buttons())
        self.saved_label = QLabel(self)
        self.saved_label.setBuddy(self.saved)
        self.save_button = QPushButton(self)
        self.save_button.setObjectName("customerSaveFilter")
        self.save_button.clicked.connect(self.save_current)
        self.delete_button = QPushButton(self)
        self.delete_button.setObjectName("customerDeleteFilter")
        self.delete_button.clicked.connect(self.delete_current)
        self.clear_button = QPushButton(self)
        self.clear_button.setObjectName("customerClearFilters")
        self.clear_button.clicked.connect(self.clear)

        first = QHBoxLayout()
        for key in ("category", "sales_region", "owner", "warehouse"):
            first.addWidget(self.labels[key])
            first.addWidget(self.combos[key], 1)
        second = QHBoxLayout()
        second.addWidget(self.follow_up_label)
        second.addWidget(self.follow_up_days)
        second.addWidget(self.overdue)
        second.addStretch(1)
        second.addWidget(self.saved_label)
        second.addWidget(self.saved, 1)
        second.addWidget(self.save_button)
        second.addWidget(self.delete_button)
        second.addWidget(self.clear_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(first)
        layout.addLayout(second)

        context.tasks.changed.connect(self._on_changed)
        self.retranslate()
        self._update_buttons()
        self.load_choices()
        self.load_saved()

    def retranslate(self) -> None:
        titles = {
            "category": (translate("CustomerFilterBar", "Ca&tegory:"), translate("CustomerFilterBar", "All categories")),
            "sales_region": (translate("CustomerFilterBar", "&Region:"), translate("CustomerFilterBar", "All regions")),
            "owner": (translate("CustomerFilterBar", "O&wner:"), translate("CustomerFilterBar", "All owners")),
            "warehouse": (translate("CustomerFilterBar", "W&arehouse:"), translate("CustomerFilterBar", "All warehouses")),
        }
        for key, (label, everything) in titles.items():
            self.labels[key].setText(label)
            self.combos[key].setItemText(0, everything)
        self.combos["owner"].setToolTip(translate("CustomerFilterBar", "The salesperson responsible for the customer"))
        self.combos["warehouse"].setToolTip(translate("CustomerFilterBar", "The customer's default warehouse"))
        self.follow_up_label.setText(translate("CustomerFilterBar", "No follow-up &in:"))
        self.follow_up_days.setSpecialValueText(translate("CustomerFilterBar", "Any"))
        self.follow_up_days.setSuffix(translate("CustomerFilterBar", " days or more"))
        self.follow_up_days.setToolTip(
            translate("CustomerFilterBar", "Customers whose last follow-up is at least this many days ago, or who never had one")
        )
        self.overdue.setText(translate("CustomerFilterBar", "&Overdue receivables"))
        self.overdue.setToolTip(
            translate("CustomerFilterBar", "Only customers with a delivery past its due date and not fully paid")
        )
        self.saved_label.setText(translate("CustomerFilterBar", "Sa&ved filter:"))
        self.saved.setItemText(0, translate("CustomerFilterBar", "(none)"))
        self.save_button.setText(translate("CustomerFilterBar", "Save..."))
        self.save_button.setToolTip(translate("CustomerFilterBar", "Save the current filters under a name, on this computer"))
        self.delete_button.setText(translate("CustomerFilterBar", "Delete"))
        self.delete_button.setToolTip(translate("CustomerFilterBar", "Delete the selected saved filter"))
        self.clear_button.setText(translate("CustomerFilterBar", "Clear"))
        self.clear_button.setToolTip(translate("CustomerFilterBar", "Show all customers again"))

    # -- filters -----------------------------------------------------------

    def filters(self) -> CustomerFilters:
        def chosen(key: str) -> tuple[str, ...]:
            value = self.combos[key].currentData()
            return (value,) if value else ()

        days = self.follow_up_days.value()
        return CustomerFilters(
            category_ids=chosen("category"),
            sales_region_ids=chosen("sales_region"),
            owner_ids=chosen("owner"),
            warehouse_ids=chosen("warehouse"),
            min_days_since_follow_up=days or None,
            has_overdue_receivables=True if self.overdue.isChecked() else None,
        )

    def set_filters(self, filters: CustomerFilters) -> None:
        """Show `filters` in the widgets and emit `changed` once.

        NOTE: a combo box selects one record, so a saved filter with several
        ids of one kind shows (and applies) only the first one found here.
        """
        self._applying = True
        try:
            for key, ids in (
                ("category", filters.category_ids),
                ("sales_region", filters.sales_region_ids),
                ("owner", filters.owner_ids),
                ("warehouse", filters.warehouse_ids),
            ):
                combo = self.combos[key]
                found = next((combo.findData(value) for value in ids if combo.findData(value) >= 0), 0)
                combo.setCurrentIndex(found)
            self.follow_up_days.setValue(filters.min_days_since_follow_up or 0)
            self.overdue.setChecked(bool(filters.has_overdue_receivables))
        finally:
            self._applying = False
        self._emit_changed()

    def clear(self) -> None:
        self.saved.setCurrentIndex(0)
        self.set_filters(CustomerFilters())

    def _emit_changed(self, *args: Any) -> None:
        if not self._applying:
            self.changed.emit()

    # -- choices -------------------------------------------------------------

    def load_choices(self) -> None:
        def work(control):
            with self.context.read_session() as session:
                return load_choices(session)

        self.context.tasks.run(work, on_result=self._show_choices)

    def _show_choices(self, choices: dict[str, list[tuple[str, str]]]) -> None:
        for key, pairs in choices.items():
            combo = self.combos[key]
            current = combo.currentData()
            combo.blockSignals(True)
            while combo.count() > 1:
                combo.removeItem(1)
            for row_id, label in pairs:
                combo.addItem(label, row_id)
            combo.setCurrentIndex(max(combo.findData(current), 0) if current else 0)
            combo.blockSignals(False)
            if current and combo.currentData() != current:
                # The chosen record is gone (deleted, or out of this user's scope).
                self._emit_changed()

    def _on_changed(self, changes: Changes) -> None:
        if changes.touches(*LOOKUP_TABLES):
            self.load_choices()

    # -- saved filters ---------------------------------------------------------

    def load_saved(self, select_name: str | None = None) -> None:
        user_id = self.context.user.user_id
        if user_id is None:
            return

        def work(control):
            with self.context.read_session() as session:
                return saved_filters(session, user_id, SAVED_FILTER_VIEW)

        self.context.tasks.run(work, on_result=lambda found: self._show_saved(found, select_name))

    def _show_saved(self, found: dict[str, dict[str, Any]], select_name: str | None) -> None:
        current = select_name or self.saved.currentData()
        self.saved.blockSignals(True)
        while self.saved.count() > 1:
            self.saved.removeItem(1)
        for name, criteria in found.items():
            # The item data is the filter's name, so the screen text checks treat the item as data, not as a label.
            self.saved.addItem(name, name)
            self.saved.setItemData(self.saved.count() - 1, criteria, SAVED_CRITERIA_ROLE)
        self.saved.setCurrentIndex(max(self.saved.findData(current), 0) if current else 0)
        self.saved.blockSignals(False)
        self._update_buttons()

    def _apply_saved(self, index: int) -> None:
        self._update_buttons()
        criteria = self.saved.itemData(index, SAVED_CRITERIA_ROLE)
        if index <= 0 or criteria is None:
            return
        self.set_filters(CustomerFilters.from_criteria(criteria))

    def _update_buttons(self) -> None:
        signed_in = self.context.user.user_id is not None
        self.save_button.setEnabled(signed_in)
        self.delete_button.setEnabled(signed_in and self.saved.currentIndex() > 0)

    def save_current(self) -> None:
        """Ask for a name and store the current filters under it (replacing a filter of that name)."""
        user_id = self.context.user.user_id
        if user_id is None:
            return
        suggested = self.saved.currentData() or ""
        name, accepted = QInputDialog.getText(
            self, translate("CustomerFilterBar", "Save filter"), translate("CustomerFilterBar", "Name of the filter:"),
            QLineEdit.EchoMode.Normal, suggested,
        )
        name = name.strip()
        if not accepted or not name:
            return
        self.save_named(name)

    def save_named(self, name: str) -> None:
        """Store the current filters as `name` for the signed-in user, then select it."""
        user_id = self.context.user.user_id
        criteria = self.filters().to_criteria()
        replica = self.context.replica

        def work(control):
            with replica.transaction() as session:
                save_filter(session, user_id, SAVED_FILTER_VIEW, name, criteria)

        log.info("saving customer filter %r", name)
        self.context.tasks.run(
            work, on_result=lambda value: self.load_saved(name), on_error=self._show_error, cancellable=False
        )

    def delete_current(self) -> None:
        """Delete the selected saved filter after the user confirms."""
        user_id = self.context.user.user_id
        name = self.saved.currentData()
        if user_id is None or not name:
            return
        answer = QMessageBox.question(
            self, translate("CustomerFilterBar", "Delete filter"),
            translate("CustomerFilterBar", "Delete the saved filter \"{name}\"?").format(name=name),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.delete_named(name)

    def delete_named(self, name: str) -> None:
        user_id = self.context.user.user_id
        replica = self.context.replica

        def work(control):
            with replica.transaction() as session:
                return delete_saved_filter(session, user_id, SAVED_FILTER_VIEW, name)

        log.info("deleting customer filter %r", name)
        self.saved.setCurrentIndex(0)
        self.context.tasks.run(
            work, on_result=lambda value: self.load_saved(), on_error=self._show_error, cancellable=False
        )

    def _show_error(self, error: BaseException) -> None:
        log.error("saving or deleting a customer filter failed", exc_info=(type(error), error, error.__traceback__))
        QMessageBox.warning(
            self, translate("CustomerFilterBar", "Saved filters"),
            translate("CustomerFilterBar", "The filter could not be saved or deleted: {error}").format(error=error),
        )
