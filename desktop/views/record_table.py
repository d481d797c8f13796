"""Set-up shared by the read-only record tables of the pages."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QTableView


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
