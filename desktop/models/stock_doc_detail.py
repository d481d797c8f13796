"""A posted goods receipt or stock transfer as its read-only view shows it: header, lines and, where allowed, costs.

The replica of a role that may not see costs contains no unit prices or
amounts (the server never sends them), and a receipt entered without costs
has none on the client until the server's version arrives. The loader also
reads whether the role sees costs, so the view hides the cost columns
rather than showing them empty.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from sqlalchemy.orm import Session

from desktop.i18n import translate
from desktop.models.order_format import format_money, format_price, format_quantity
from desktop.models.document_lines import lines_with_products
from domain.models import GoodsReceipt, GoodsReceiptLine, StockTransfer, StockTransferLine, Supplier, User, Warehouse
from domain.permissions import role_sees_cost

_Index = QModelIndex | QPersistentModelIndex


class StockDocumentNotFound(LookupError):
    """The document is not in the replica (it left the user's scope, or a rebuild is under way)."""


@dataclasses.dataclass(frozen=True)
class DetailLine:
    line_no: int
    product_code: str
    product_name: str
    unit_name: str
    quantity: Decimal
    batch_no: str
    expiry_date: dt.date | None
    unit_cost: Decimal | None = None
    amount: Decimal | None = None


@dataclasses.dataclass(frozen=True)
class StockDocumentDetail:
    """One posted document; `kind` is "receipt" or "transfer", and the fields of the other kind are ""."""

    kind: str
    number: str
    document_date: dt.date
    posting_date: dt.date | None
    supplier: str
    warehouse: str
    from_warehouse: str
    to_warehouse: str
    note: str
    posted_by: str
    lines: tuple[DetailLine, ...]
    total_amount: Decimal | None
    sees_cost: bool


def _warehouse_label(session: Session, warehouse_id: str | None) -> str:
    warehouse = session.get(Warehouse, warehouse_id) if warehouse_id else None
    return f"{warehouse.code}  {warehouse.name}" if warehouse is not None else ""


def _user_name(session: Session, user_id: str | None) -> str:
    user = session.get(User, user_id) if user_id else None
    return (user.display_name or user.username) if user is not None else ""


def load_receipt_detail(session: Session, receipt_id: str, role: str | None) -> StockDocumentDetail:
    receipt = session.get(GoodsReceipt, receipt_id)
    if receipt is None:
        raise StockDocumentNotFound(receipt_id)
    sees_cost = role is not None and role_sees_cost(session, role)
    supplier = session.get(Supplier, receipt.supplier_id) if receipt.supplier_id else None
    rows = lines_with_products(session, GoodsReceiptLine, GoodsReceiptLine.receipt_id, receipt.id)
    lines = tuple(
        DetailLine(line.line_no, code, name, line.unit_name, line.quantity, line.batch_no, line.expiry_date,
                   line.unit_price if sees_cost else None, line.amount if sees_cost else None)
        for line, code, name in rows
    )
    return StockDocumentDetail(
        kind="receipt", number=receipt.number, document_date=receipt.document_date, posting_date=receipt.posting_date,
        supplier=f"{supplier.code}  {supplier.name}" if supplier is not None else "",
        warehouse=_warehouse_label(session, receipt.warehouse_id), from_warehouse="", to_warehouse="",
        note=receipt.note or "", posted_by=_user_name(session, receipt.created_by), lines=lines,
        total_amount=receipt.total_amount if sees_cost else None, sees_cost=sees_cost,
    )


def load_transfer_detail(session: Session, transfer_id: str, role: str | None) -> StockDocumentDetail:
    transfer = session.get(StockTransfer, transfer_id)
    if transfer is None:
        raise StockDocumentNotFound(transfer_id)
    rows = lines_with_products(session, StockTransferLine, StockTransferLine.transfer_id, transfer.id)
    lines = tuple(
        DetailLine(line.line_no, code, name, line.unit_name, line.quantity, line.batch_no, line.expiry_date)
        for line, code, name in rows
    )
    # A transfer carries no costs of its own: its lines leave at the average the server keeps.
    return StockDocumentDetail(
        kind="transfer", number=transfer.number, document_date=transfer.document_date,
        posting_date=transfer.posting_date, supplier="", warehouse="",
        from_warehouse=_warehouse_label(session, transfer.from_warehouse_id),
        to_warehouse=_warehouse_label(session, transfer.to_warehouse_id),
        note=transfer.note or "", posted_by=_user_name(session, transfer.created_by), lines=lines,
        total_amount=None, sees_cost=False,
    )


class DetailLinesModel(QAbstractTableModel):
    """The read-only lines of a StockDocumentDetail; the cost columns exist only on a receipt."""

    RECEIPT_COLUMNS = ("line_no", "product_code", "product_name", "unit_name", "quantity", "batch_no", "expiry_date",
                       "unit_cost", "amount")
    TRANSFER_COLUMNS = RECEIPT_COLUMNS[:7]
    NUMERIC = frozenset({"line_no", "quantity", "unit_cost", "amount"})

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.columns: tuple[str, ...] = self.RECEIPT_COLUMNS
        self.lines: tuple[DetailLine, ...] = ()

    def set_detail(self, detail: StockDocumentDetail) -> None:
        self.beginResetModel()
        self.columns = self.RECEIPT_COLUMNS if detail.kind == "receipt" else self.TRANSFER_COLUMNS
        self.lines = detail.lines
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.lines)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = {
            "line_no": "#",
            "product_code": translate("StockLines", "Product code"),
            "product_name": translate("StockLines", "Product"),
            "unit_name": translate("StockLines", "Unit"),
            "quantity": translate("StockLines", "Quantity"),
            "batch_no": translate("StockLines", "Batch"),
            "expiry_date": translate("StockLines", "Expiry date"),
            "unit_cost": translate("StockLines", "Unit cost"),
            "amount": translate("StockLines", "Amount"),
        }
        return titles[self.columns[section]]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        key = self.columns[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole and key in self.NUMERIC:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        line = self.lines[index.row()]
        if key == "quantity":
            return format_quantity(line.quantity)
        if key == "expiry_date":
            return line.expiry_date.isoformat() if line.expiry_date else ""
        if key == "unit_cost":
            return format_price(line.unit_cost)
        if key == "amount":
            return format_money(line.amount)
        return str(getattr(line, key))
