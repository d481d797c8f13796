"""Table models of posted sales returns: the list of returns and the lines of one return."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt

from desktop.models.order_format import format_money, format_price, format_quantity
from desktop.models.return_queries import ReturnedLine, ReturnRow
from desktop.models.row_list_model import RowListModel

RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


class ReturnListModel(RowListModel[ReturnRow]):
    """Posted returns: number, date, customer, delivery note, warehouse, amount credited, reason."""

    COLUMNS = ("number", "date", "customer", "delivery", "warehouse", "credited", "reason")

    def titles(self) -> tuple[str, ...]:
        return (
            QCoreApplication.translate("ReturnListModel", "Number"),
            QCoreApplication.translate("ReturnListModel", "Date"),
            QCoreApplication.translate("ReturnListModel", "Customer"),
            QCoreApplication.translate("ReturnListModel", "Delivery note"),
            QCoreApplication.translate("ReturnListModel", "Warehouse"),
            QCoreApplication.translate("ReturnListModel", "Credited"),
            QCoreApplication.translate("ReturnListModel", "Reason"),
        )

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row_at(index.row()) if index.isValid() else None
        if row is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return (row.number, row.document_date.isoformat(), row.customer_name, row.delivery_number,
                    row.warehouse_name, format_money(row.total_amount), row.reason)[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole and self.COLUMNS[index.column()] == "credited":
            return RIGHT
        return None


class ReturnedLinesModel(RowListModel[ReturnedLine]):
    """The lines of one posted return: product, unit, quantity, price and amount credited."""

    COLUMNS = ("product", "unit", "quantity", "price", "amount")

    def titles(self) -> tuple[str, ...]:
        return (
            QCoreApplication.translate("ReturnLinesDialog", "Product"),
            QCoreApplication.translate("ReturnLinesDialog", "Unit"),
            QCoreApplication.translate("ReturnLinesDialog", "Quantity"),
            QCoreApplication.translate("ReturnLinesDialog", "Price"),
            QCoreApplication.translate("ReturnLinesDialog", "Amount"),
        )

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        line = self.row_at(index.row()) if index.isValid() else None
        if line is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return (f"{line.product_code} {line.product_name}", line.unit_name, format_quantity(line.quantity),
                    format_price(line.unit_price), format_money(line.amount))[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() >= 2:
            return RIGHT
        return None
