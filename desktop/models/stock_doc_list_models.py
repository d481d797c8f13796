"""Table models of the posted goods receipts and stock transfers lists.

Both lists end with the print count, as the delivery note list does: each
print of a receipt or transfer is counted (document.record_print).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from desktop.i18n import translate
from desktop.models.order_format import format_money
from desktop.models.row_list_model import RowListModel
from desktop.models.stock_doc_queries import ReceiptRow, TransferRow

_Index = QModelIndex | QPersistentModelIndex


class ReceiptListModel(RowListModel[ReceiptRow]):
    COLUMNS = ("number", "document_date", "supplier_name", "warehouse_name", "line_count", "total_amount",
               "print_count")

    def titles(self) -> tuple[str, ...]:
        return (
            translate("StockDocLists", "Number"), translate("StockDocLists", "Date"),
            translate("StockDocLists", "Supplier"), translate("StockDocLists", "Warehouse"),
            translate("StockDocLists", "Lines"), translate("StockDocLists", "Amount"),
            translate("StockDocLists", "Printed"),
        )

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row_at(index.row()) if index.isValid() else None
        if row is None:
            return None
        key = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole and key in ("line_count", "total_amount", "print_count"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if key == "document_date":
            return row.document_date.isoformat()
        if key == "total_amount":
            return format_money(row.total_amount)
        return str(getattr(row, key))


class TransferListModel(RowListModel[TransferRow]):
    COLUMNS = ("number", "document_date", "from_warehouse_name", "to_warehouse_name", "line_count", "print_count")

    def titles(self) -> tuple[str, ...]:
        return (
            translate("StockDocLists", "Number"), translate("StockDocLists", "Date"),
            translate("StockDocLists", "From warehouse"), translate("StockDocLists", "To warehouse"),
            translate("StockDocLists", "Lines"), translate("StockDocLists", "Printed"),
        )

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row_at(index.row()) if index.isValid() else None
        if row is None:
            return None
        key = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole and key in ("line_count", "print_count"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if key == "document_date":
            return row.document_date.isoformat()
        return str(getattr(row, key))
