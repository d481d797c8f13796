"""Set-up shared by the read-only record tables of the pages."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QTabWidget


def configure_record_table(table: QTableView) -> None:
    """Make `table` select whole single rows, read-only, sized by its model's column widths.

    The model must already be set and have a `columns` list whose items carry
    a `width` in pixels (or 0 for the default).
    """
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().setVisible(False)
    for number, column in enumerate(table.model().columns):
        if column.width:
            table.setColumnWidth(number, column.width)
    table.horizontalHeader().setStretchLastSection(True)


def add_record_tab(tabs: QTabWidget, model, object_name: str) -> QTableView:
    """Add a tab with a read-only record table over `model` (see configure_record_table) and return the table.

    The tab's title is left empty for the caller's retranslate to set.
    """
    table = QTableView(tabs)
    table.setObjectName(object_name)
    table.setModel(model)
    configure_record_table(table)
    table.setAlternatingRowColors(True)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    table.verticalHeader().setDefaultSectionSize(tabs.fontMetrics().height() + 10)
    tabs.addTab(table, "")
    return table


def configure_list_table(table: QTableView) -> None:
    """Make a list page's table select whole single rows, read-only, with alternating colours and no row numbers."""
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 10)
