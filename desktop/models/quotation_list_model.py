"""The Qt model of the quotation list: number, dates, customer, state and total of one page of quotations."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, Qt

from desktop.models.order_format import document_state_label, format_money
from desktop.models.quotation_queries import QuotationRow
from desktop.models.row_list_model import RowListModel

log = logging.getLogger(__name__)

_Index = QModelIndex | QPersistentModelIndex


class QuotationListModel(RowListModel[QuotationRow]):
    COLUMNS = ("number", "date", "valid_until", "customer", "state", "total")

    def titles(self) -> tuple[str, ...]:
        return (
            QCoreApplication.translate("QuotationListModel", "Number"),
            QCoreApplication.translate("QuotationListModel", "Date"),
            QCoreApplication.translate("QuotationListModel", "Valid until"),
            QCoreApplication.translate("QuotationListModel", "Customer"),
            QCoreApplication.translate("QuotationListModel", "State"),
            QCoreApplication.translate("QuotationListModel", "Total"),
        )

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
                "state": document_state_label(row.status),
                "total": format_money(row.total_amount),
            }
            return values[column]
        if role == Qt.ItemDataRole.ToolTipRole and column == "state" and row.lost_reason:
            return QCoreApplication.translate("QuotationListModel", "Lost: {reason}").format(reason=row.lost_reason)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == "total":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        return None
