"""The count sheet of the stocktake editor: book stock, the counted quantity typed, and the live difference."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QAbstractTableModel, QCoreApplication, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from desktop.models.order_format import format_money, format_quantity, parse_decimal
from desktop.models.stocktake_queries import SheetLine
from domain.money import ZERO, round_fen, round_quantity

REASON_MAX_LENGTH = 400
BATCH_MAX_LENGTH = 60
SHORTAGE_COLOR = QColor("#b3261e")
SURPLUS_COLOR = QColor("#1b6e20")


class StocktakeSheetModel(QAbstractTableModel):
    """Lines of one stocktake, editable while `editable` is True.

    The counted quantity and the reason are editable on every line, the batch
    and the expiry date only on added batch lines.
    """

    CODE, NAME, BATCH, EXPIRY, UNIT, BOOK, COUNTED, DIFFERENCE, AMOUNT, REASON = range(10)
    TITLES = (
        QT_TRANSLATE_NOOP("StocktakeSheetModel", "Code"),
        QT_TRANSLATE_NOOP("StocktakeSheetModel", "Product"),
        QT_TRANSLATE_NOOP("StocktakeSheetModel", "Batch"),
        QT_TRANSLATE_NOOP("StocktakeSheetModel", "Expiry"),
        QT_TRANSLATE_NOOP("StocktakeSheetModel", "Unit"),
        QT_TRANSLATE_NOOP("StocktakeSheetModel", "Book"),
        QT_TRANSLATE_NOOP("StocktakeSheetModel", "Counted"),
        QT_TRANSLATE_NOOP("StocktakeSheetModel", "Difference"),
        QT_TRANSLATE_NOOP("StocktakeSheetModel", "Difference amount"),
        QT_TRANSLATE_NOOP("StocktakeSheetModel", "Reason"),
    )

    # Emitted with typed text that is not a valid counted quantity, so the editor can show why it was rejected.
    invalid_text = Signal(str)
    # Emitted with typed text that is not a date in the form YYYY-MM-DD.
    invalid_date = Signal(str)
    # Emitted after any line changed, was added or was removed, so the editor updates its totals.
    sheet_changed = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._lines: list[SheetLine] = []
        self.editable = True
        self.modified = False

    def set_lines(self, lines: list[SheetLine], *, editable: bool) -> None:
        self.beginResetModel()
        self._lines = list(lines)
        self.editable = editable
        self.modified = False
        self.endResetModel()
        self.sheet_changed.emit()

    def lines(self) -> list[SheetLine]:
        return list(self._lines)

    def line_at(self, row: int) -> SheetLine:
        return self._lines[row]

    def insert_batch_line(self, row: int) -> int:
        """Insert an empty batch line of row `row`'s product below it; return the new row."""
        source = self._lines[row]
        line = dataclasses.replace(source, batch_no="", expiry_date=None, book=ZERO, counted=ZERO, reason="", added=True)
        self.beginInsertRows(QModelIndex(), row + 1, row + 1)
        self._lines.insert(row + 1, line)
        self.endInsertRows()
        self.modified = True
        self.sheet_changed.emit()
        return row + 1

    def remove_added_line(self, row: int) -> bool:
        """Remove an added batch line; lines of book stock stay, because the count must cover them."""
        if not 0 <= row < len(self._lines) or not self._lines[row].added:
            return False
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._lines[row]
        self.endRemoveRows()
        self.modified = True
        self.sheet_changed.emit()
        return True

    def differing_rows(self) -> list[int]:
        return [row for row, line in enumerate(self._lines) if line.difference != ZERO]

    @staticmethod
    def amount(line: SheetLine) -> Decimal | None:
        """Return the difference at the line's unit cost, rounded half-up to the fen; None when cost is hidden."""
        if line.unit_cost is None:
            return None
        return round_fen(line.difference * line.unit_cost)

    def total_amount(self) -> Decimal | None:
        """Return the sum of the lines' difference amounts, None when any differing line has no cost."""
        amounts = [self.amount(self._lines[row]) for row in self.differing_rows()]
        if any(amount is None for amount in amounts):
            return None
        return sum(amounts, ZERO)

    # -- Qt model ---------------------------------------------------------------

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.TITLES)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return QCoreApplication.translate("StocktakeSheetModel", self.TITLES[section])

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.editable and index.column() in (self.COUNTED, self.REASON):
            flags |= Qt.ItemFlag.ItemIsEditable
        elif self.editable and index.column() in (self.BATCH, self.EXPIRY) and self._lines[index.row()].added:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        line, column = self._lines[index.row()], index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._text(line, column, role)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (self.BOOK, self.COUNTED, self.DIFFERENCE, self.AMOUNT):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and column in (self.DIFFERENCE, self.AMOUNT) and line.difference:
            return QBrush(SHORTAGE_COLOR if line.difference < ZERO else SURPLUS_COLOR)
        return None

    def _text(self, line: SheetLine, column: int, role: int) -> str:
        if column == self.CODE:
            return line.product_code
        if column == self.NAME:
            return line.product_name
        if column == self.BATCH:
            return line.batch_no
        if column == self.EXPIRY:
            return line.expiry_date.isoformat() if line.expiry_date else ""
        if column == self.UNIT:
            return line.unit
        if column == self.BOOK:
            return format_quantity(line.book)
        if column == self.COUNTED:
            return format_quantity(line.counted)
        if column == self.DIFFERENCE:
            if line.difference == ZERO:
                return "" if role == Qt.ItemDataRole.DisplayRole else "0"
            sign = "+" if line.difference > ZERO else "-"
            return sign + format_quantity(abs(line.difference))
        if column == self.AMOUNT:
            return format_money(self.amount(line)) if line.difference else ""
        return line.reason

    def setData(self, index: QModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or not self.editable:
            return False
        line = self._lines[index.row()]
        if index.column() == self.COUNTED:
            text = str(value)
            counted = parse_decimal(text)
            if counted is None or counted < ZERO or round_quantity(counted) != counted:
                self.invalid_text.emit(text.strip())
                return False
            if counted == line.counted:
                return True
            line.counted = counted
        elif index.column() == self.BATCH and line.added:
            batch_no = str(value).strip()[:BATCH_MAX_LENGTH]
            if batch_no == line.batch_no:
                return True
            line.batch_no = batch_no
        elif index.column() == self.EXPIRY and line.added:
            text = str(value).strip()
            try:
                expiry_date = dt.date.fromisoformat(text) if text else None
            except ValueError:
                self.invalid_date.emit(text)
                return False
            if expiry_date == line.expiry_date:
                return True
            line.expiry_date = expiry_date
        elif index.column() == self.REASON:
            reason = str(value).strip()[:REASON_MAX_LENGTH]
            if reason == line.reason:
                return True
            line.reason = reason
        else:
            return False
        self.modified = True
        self.dataChanged.emit(index.siblingAtColumn(0), index.siblingAtColumn(self.REASON))
        self.sheet_changed.emit()
        return True
