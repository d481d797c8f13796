"""Stock per batch: on hand, reserved and available per product, warehouse and batch, earliest expiry first.

Rows come from the replica's StockBalance rows, which include this device's
unsynced changes. Reservations of approved orders sit on the batch-less row
of a product and warehouse (an order chooses no batch), so that row is listed
too, as "(no batch)", after the dated batches. A batch whose expiry date is
within the chosen number of days is highlighted, and an expired one more so.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from desktop.i18n import translate
from desktop.models.customer_model import like_pattern
from desktop.models.order_format import format_quantity
from desktop.models.row_list_model import RowListModel
from domain.models import Product, StockBalance, Warehouse

# NOTE: the view lists at most this many rows, the earliest expiry dates first; a search narrows it.
ROW_LIMIT = 2000
NEAR_EXPIRY_DAYS = 30
EXPIRED_COLOR = QColor("#f4c7c3")
NEAR_EXPIRY_COLOR = QColor("#fce8b2")

_Index = QModelIndex | QPersistentModelIndex


@dataclasses.dataclass(frozen=True)
class BatchRow:
    product_code: str
    product_name: str
    unit: str
    warehouse_name: str
    batch_no: str
    expiry_date: dt.date | None
    on_hand: Decimal
    reserved: Decimal

    @property
    def available(self) -> Decimal:
        return self.on_hand - self.reserved


def load_batches(session: Session, text: str = "", warehouse_id: str | None = None) -> list[BatchRow]:
    """Return the non-zero balances per batch, ordered by expiry date (undated last), product code and warehouse."""
    query = (
        select(Product.code, Product.name, Product.variant, Product.base_unit, Warehouse.name, StockBalance.batch_no,
               StockBalance.expiry_date, StockBalance.on_hand, StockBalance.reserved)
        .join(Product, Product.id == StockBalance.product_id)
        .join(Warehouse, Warehouse.id == StockBalance.warehouse_id)
        .where(or_(StockBalance.on_hand != 0, StockBalance.reserved != 0))
    )
    typed = text.strip()
    if typed:
        pattern = like_pattern(typed)
        query = query.where(or_(
            Product.code.ilike(pattern, escape="\\"), Product.name.ilike(pattern, escape="\\"),
            Product.mnemonic.ilike(like_pattern(typed.lower(), prefix_only=True), escape="\\"),
            StockBalance.batch_no.ilike(pattern, escape="\\"),
        ))
    if warehouse_id:
        query = query.where(StockBalance.warehouse_id == warehouse_id)
    query = query.order_by(StockBalance.expiry_date.is_(None), StockBalance.expiry_date, Product.code, Warehouse.code,
                           StockBalance.batch_no).limit(ROW_LIMIT)
    return [
        BatchRow(code, f"{name} {variant}" if variant else name, unit, warehouse, batch, expiry, on_hand, reserved)
        for code, name, variant, unit, warehouse, batch, expiry, on_hand, reserved in session.execute(query)
    ]


class BatchStockModel(RowListModel[BatchRow]):
    COLUMNS = ("product_code", "product_name", "unit", "warehouse_name", "batch_no", "expiry_date", "days_left",
               "on_hand", "reserved", "available")
    NUMBER_COLUMNS = frozenset({"days_left", "on_hand", "reserved", "available"})

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.today = dt.date.today()
        self.near_days = NEAR_EXPIRY_DAYS

    def set_near_days(self, days: int) -> None:
        self.near_days = days
        if self.rowCount():
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, len(self.COLUMNS) - 1))

    def titles(self) -> tuple[str, ...]:
        return (
            translate("BatchStock", "Product code"), translate("BatchStock", "Product"), translate("BatchStock", "Unit"),
            translate("BatchStock", "Warehouse"), translate("BatchStock", "Batch"), translate("BatchStock", "Expiry date"),
            translate("BatchStock", "Days left"), translate("BatchStock", "On hand"), translate("BatchStock", "Reserved"),
            translate("BatchStock", "Available"),
        )

    def expiry_state(self, row: BatchRow) -> str:
        """Return "expired", "near" (within near_days) or "" for a batch."""
        if row.expiry_date is None:
            return ""
        if row.expiry_date < self.today:
            return "expired"
        if (row.expiry_date - self.today).days <= self.near_days:
            return "near"
        return ""

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row_at(index.row()) if index.isValid() else None
        if row is None:
            return None
        key = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.BackgroundRole:
            state = self.expiry_state(row)
            if state:
                return QBrush(EXPIRED_COLOR if state == "expired" else NEAR_EXPIRY_COLOR)
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            state = self.expiry_state(row)
            if state == "expired":
                return translate("BatchStock", "This batch expired on {date}").format(date=row.expiry_date.isoformat())
            if state == "near":
                return translate("BatchStock", "This batch expires on {date}").format(date=row.expiry_date.isoformat())
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and key in self.NUMBER_COLUMNS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if key == "batch_no":
            return row.batch_no or translate("BatchStock", "(no batch)")
        if key == "expiry_date":
            return row.expiry_date.isoformat() if row.expiry_date else ""
        if key == "days_left":
            return str((row.expiry_date - self.today).days) if row.expiry_date else ""
        if key in ("on_hand", "reserved", "available"):
            return format_quantity(getattr(row, key))
        return getattr(row, key)
