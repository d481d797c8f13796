"""The rows of the ship dialog: per order line and batch, the quantity to ship and the batch, both editable."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from desktop.models.order_format import format_quantity, parse_decimal
from desktop.models.ship_plan import OpenLine, ShipRow
from domain.money import ZERO, round_quantity

WARNING_COLOR = "#b3261e"


class ShipRowsModel(QAbstractTableModel):
    """Rows to ship. The quantity column is editable on every row, the batch column on batch-tracked products."""

    ORDER, PRODUCT, UNIT, OPEN, QUANTITY, BATCH, EXPIRY, STOCK = range(8)
    EDITABLE = (QUANTITY, BATCH)

    # Emitted with typed text that is not a valid quantity, so the dialog can show why it was not taken.
    invalid_text = Signal(str)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[ShipRow] = []
        # Whether the user changed a suggested quantity or batch, so closing should ask first.
        self.edited = False

    def set_rows(self, rows: list[ShipRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.edited = False
        self.endResetModel()

    def rows(self) -> list[ShipRow]:
        """Return copies of the rows, so a background task never reads a row the user is editing."""
        return [dataclasses.replace(row) for row in self._rows]

    def row_at(self, row: int) -> ShipRow:
        return self._rows[row]

    def split_row(self, row: int) -> int:
        """Insert an empty row of the same order line below `row`, for another batch; return its number."""
        source = self._rows[row]
        self.beginInsertRows(QModelIndex(), row + 1, row + 1)
        self._rows.insert(row + 1, dataclasses.replace(source, quantity=ZERO, batch_no="", expiry_date=None))
        self.endInsertRows()
        self.edited = True
        return row + 1

    def shipped_base(self, line: OpenLine) -> Decimal:
        """Return the base quantity all rows of `line` ship."""
        return sum((row.base_quantity for row in self._rows if row.line.order_line_id == line.order_line_id), ZERO)

    def over_shipped_lines(self) -> list[OpenLine]:
        """Return the order lines whose rows ship more than is open, once each, in row order."""
        seen: dict[str, OpenLine] = {}
        for row in self._rows:
            line = row.line
            if line.order_line_id not in seen and self.shipped_base(line) > line.open_base:
                seen[line.order_line_id] = line
        return list(seen.values())

    def batch_short(self, row: int) -> bool:
        """Return whether the row ships more of its batch than the batch has on hand (or names no batch in stock)."""
        ship_row = self._rows[row]
        if not ship_row.line.batch_tracked or ship_row.quantity <= ZERO:
            return False
        batch = ship_row.line.batch(ship_row.batch_no)
        if batch is None:
            return True
        taken = sum((other.base_quantity for other in self._rows
                     if other.line.product_id == ship_row.line.product_id
                     and other.line.order.warehouse_id == ship_row.line.order.warehouse_id
                     and other.batch_no == ship_row.batch_no), ZERO)
        return taken > batch.on_hand

    # -- Qt model -------------------------------------------------------------

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else 8

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (
            QCoreApplication.translate("ShipRowsModel", "Order"),
            QCoreApplication.translate("ShipRowsModel", "Product"),
            QCoreApplication.translate("ShipRowsModel", "Unit"),
            QCoreApplication.translate("ShipRowsModel", "Open"),
            QCoreApplication.translate("ShipRowsModel", "Ship"),
            QCoreApplication.translate("ShipRowsModel", "Batch"),
            QCoreApplication.translate("ShipRowsModel", "Expiry"),
            QCoreApplication.translate("ShipRowsModel", "In stock"),
        )[section]

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        if not index.isValid():
            return flags
        if index.column() == self.QUANTITY or (index.column() == self.BATCH and self._rows[index.row()].line.batch_tracked):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        line = row.line
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._text(row, column)
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == self.QUANTITY and line in self.over_shipped_lines():
                return QBrush(QColor(WARNING_COLOR))
            if column in (self.BATCH, self.STOCK) and self.batch_short(index.row()):
                return QBrush(QColor(WARNING_COLOR))
        if role == Qt.ItemDataRole.ToolTipRole and column in (self.BATCH, self.STOCK) and self.batch_short(index.row()):
            return QCoreApplication.translate(
                "ShipRowsModel",
                "Batch {batch} has less on hand than this delivery takes. You may still ship it, and its stock then goes "
                "below zero. Depending on the warehouse's negative-stock policy, a manager gets a flag (Block), the "
                "Deliveries page shows a warning (Warn) or nothing is reported (Allow).",
            ).format(batch=row.batch_no or "-")
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (self.OPEN, self.QUANTITY, self.STOCK):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _text(self, row: ShipRow, column: int) -> str:
        line = row.line
        if column == self.ORDER:
            return line.order.number
        if column == self.PRODUCT:
            return f"{line.product_code} {line.product_name}"
        if column == self.UNIT:
            return row.unit_name
        if column == self.OPEN:
            return format_quantity(round_quantity(line.open_base / row.unit_factor))
        if column == self.QUANTITY:
            return format_quantity(row.quantity)
        if column == self.BATCH:
            return row.batch_no
        if column == self.EXPIRY:
            return row.expiry_date.isoformat() if row.expiry_date else ""
        if column == self.STOCK:
            batch = line.batch(row.batch_no) if line.batch_tracked and row.batch_no else None
            on_hand = batch.on_hand if batch is not None else line.on_hand
            return f"{format_quantity(on_hand)} {line.base_unit}"
        return ""

    def setData(self, index: QModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole or not (self.flags(index) & Qt.ItemFlag.ItemIsEditable):
            return False
        row = self._rows[index.row()]
        text = str(value).strip()
        if index.column() == self.QUANTITY:
            quantity = parse_decimal(text) if text else ZERO
            # Quantities have three decimal places, and the payload's validation rejects more.
            if quantity is None or quantity < ZERO or quantity != round_quantity(quantity):
                self.invalid_text.emit(text)
                return False
            row.quantity = quantity
        else:
            batch = row.line.batch(text)
            row.batch_no = text
            row.expiry_date = batch.expiry_date if batch is not None else None
        self.edited = True
        # Another row's warnings may change too, because rows of one line or batch are checked together.
        self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, self.STOCK))
        return True
