"""Qt models of the order screens: the order list here, the entry grid's lines in desktop.models.order_lines_model.

The value formatters (desktop.models.order_format) and the lines model are
imported here too, because many views import them from this module.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, Qt

from desktop.models.order_format import (
    format_money,
    format_price,
    format_quantity,
    parse_decimal,
    parse_quantity,
    state_label,
)
from desktop.models.order_lines import OrderLine, ProductChoice, UnitChoice
from desktop.models.order_lines_model import OrderLinesModel
from desktop.models.row_list_model import RowListModel

__all__ = [
    "CommentedOrderListModel", "OrderLine", "OrderLinesModel", "OrderListModel", "OrderRow", "ProductChoice", "UnitChoice",
    "format_money", "format_price", "format_quantity", "parse_decimal", "parse_quantity", "state_label",
]

log = logging.getLogger(__name__)

_Index = QModelIndex | QPersistentModelIndex


# ---------------------------------------------------------------------------
# Order list


@dataclasses.dataclass(frozen=True)
class OrderRow:
    id: str
    number: str
    document_date: dt.date
    customer_name: str
    status: str
    total_amount: Decimal
    # The manager's comment when the order went back to draft, else empty.
    sent_back_comment: str = ""


class OrderListModel(RowListModel[OrderRow]):
    """One page of orders at a time; the view loads pages through the task runner."""

    COLUMNS: tuple[str, ...] = ("number", "date", "customer", "state", "total")

    def titles(self) -> tuple[str, ...]:
        # The comment title serves CommentedOrderListModel, whose COLUMNS end with "comment".
        return (
            QCoreApplication.translate("OrderListModel", "Number"),
            QCoreApplication.translate("OrderListModel", "Date"),
            QCoreApplication.translate("OrderListModel", "Customer"),
            QCoreApplication.translate("OrderListModel", "State"),
            QCoreApplication.translate("OrderListModel", "Total"),
            QCoreApplication.translate("OrderListModel", "Comment"),
        )

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            if column == "number":
                return row.number
            if column == "date":
                return row.document_date.isoformat()
            if column == "customer":
                return row.customer_name
            if column == "state":
                return state_label(row.status)
            if column == "comment":
                return self._comment(row)
            return format_money(row.total_amount)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == "total":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        if role == Qt.ItemDataRole.ToolTipRole and column == "comment":
            return self._comment(row)
        return None

    @staticmethod
    def _comment(row: OrderRow) -> str:
        # Only a draft still waits for the clerk's correction. After a later confirm the comment is history.
        if row.sent_back_comment and row.status == "draft":
            return QCoreApplication.translate("OrderListModel", "Sent back: {comment}").format(comment=row.sent_back_comment)
        return ""


class CommentedOrderListModel(OrderListModel):
    """The order page's list: the order list with the send-back comment the clerk has to act on."""

    COLUMNS = (*OrderListModel.COLUMNS, "comment")
