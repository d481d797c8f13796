"""The Qt model of the quotation list: number, dates, customer, state and total of one page of quotations."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt

from desktop.models.order_format import format_money
from desktop.models.quotation_queries import QuotationRow, quotation_state_label

log = logging.getLogger(__name__)

_Index = QModelIndex | QPersistentModelIndex


class QuotationListModel(QAbstractTableModel):
    COLUMNS = ("number", "date", "valid_until", "customer", "state", "total")

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[QuotationRow] = []

    def set_rows(self, rows: list[QuotationRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> QuotationRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = (
            QCoreApplication.translate("QuotationListModel", "Number"),
            QCoreApplication.translate("QuotationListModel", "Date"),
            QCoreApplication.translate("QuotationListModel", "Valid until"),
            QCoreApplication.translate("QuotationListModel", "Customer"),
            QCoreApplication.translate("QuotationListModel", "State"),
            QCoreApplication.translate("QuotationListModel", "Total"),
        )
        return titles[section]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            values = {
                "number": row.number,
                "date": row.document_date.isoformat(),
                "valid_until": row.valid_until.isoformat() if row.valid_until else "",
                "customer": row.customer_name,
                "state": quotation_state_label(row.status),
                "total": format_money(row.total_amount),
            }
            return values[column]
        if role == Qt.ItemDataRole.TextAlignmentRole and column == "total":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        return None
