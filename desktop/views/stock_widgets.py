"""Widgets the stock tabs share: the read-only table, the warehouse list and the date fields."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QDate, QTimer
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QDateEdit, QHeaderView, QLineEdit, QTableView, QWidget

from desktop.models.paged_model import PagedTableModel

SEARCH_DELAY_MS = 250

# (id, code, name) of each warehouse in the replica, which holds only the user's warehouses.
Warehouses = list[tuple[str, str, str]]


def stock_table(parent: QWidget, model: PagedTableModel, name: str) -> QTableView:
    """Return a read-only row-selecting table on `model` whose quantity columns widen to their contents."""
    table = QTableView(parent)
    table.setObjectName(name)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(parent.fontMetrics().height() + 10)
    for number, column in enumerate(model.columns):
        if column.width:
            table.setColumnWidth(number, column.width)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    text_columns = [number for number, column in enumerate(model.columns) if not column.align_right]
    if model.columns[-1].align_right and text_columns:
        # A stretched number column is mostly blank while the others are squeezed, so the
        # widest text column takes the spare width instead.
        widest = max(text_columns, key=lambda number: model.columns[number].width)
        header.setSectionResizeMode(widest, QHeaderView.ResizeMode.Stretch)
    else:
        header.setStretchLastSection(True)
    # Room for a quantity such as "-12,345.678", so a short column heading does not make the column narrow.
    min_numeric_width = parent.fontMetrics().horizontalAdvance("-12,345.678") + 16

    def fit_numeric_columns(*args) -> None:
        # Widen the quantity columns to their contents, so no digit is cut off.
        for number, column in enumerate(model.columns):
            if column.align_right:
                table.resizeColumnToContents(number)
                if table.columnWidth(number) < min_numeric_width:
                    table.setColumnWidth(number, min_numeric_width)

    for signal in (model.modelReset, model.rowsInserted, model.dataChanged, model.layoutChanged):
        signal.connect(fit_numeric_columns)
    return table


def fill_warehouses(combo: QComboBox, warehouses: Warehouses, all_text: str) -> None:
    """Fill `combo` with "all" and each warehouse, keeping the current choice if still listed, without emitting signals."""
    current = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    combo.addItem(all_text, None)
    for warehouse_id, code, name in warehouses:
        combo.addItem(f"{code}  {name}", warehouse_id)
    combo.setCurrentIndex(max(combo.findData(current), 0))
    combo.blockSignals(False)


def date_field(parent: QWidget, name: str, value: dt.date) -> QDateEdit:
    """Return a date field in ISO format with a calendar popup, set to `value`."""
    field = QDateEdit(parent)
    field.setObjectName(name)
    field.setCalendarPopup(True)
    field.setDisplayFormat("yyyy-MM-dd")
    field.setDate(QDate(value.year, value.month, value.day))
    return field


def date_of(field: QDateEdit) -> dt.date:
    return field.date().toPython()


def month_start(today: dt.date) -> dt.date:
    return today.replace(day=1)


def search_field(parent: QWidget, name: str, apply: Callable[[], None]) -> tuple[QLineEdit, QTimer]:
    """Return a search line that calls `apply` SEARCH_DELAY_MS after typing stops or at Enter, and its timer.

    `apply` should stop the timer, so a search run by Enter does not run again.
    """
    field = QLineEdit(parent)
    field.setObjectName(name)
    field.setClearButtonEnabled(True)
    timer = QTimer(parent)
    timer.setSingleShot(True)
    timer.setInterval(SEARCH_DELAY_MS)
    timer.timeout.connect(apply)
    field.textChanged.connect(lambda text: timer.start())
    field.returnPressed.connect(apply)
    return field, timer
