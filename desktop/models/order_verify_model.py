"""The verification dialog's table: each line's values before and after, with the corrected quantity and price editable."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from desktop.models.order_format import format_money, format_price, format_quantity
from desktop.models.order_verification_form import Correction, CorrectionError, VerifyOrder

_Index = QModelIndex | QPersistentModelIndex

ERROR_COLOR = QColor("#b00020")
CHANGED_COLOR = QColor("#1b5e20")


class VerifyLinesModel(QAbstractTableModel):
    """The lines of one order; only the corrected quantity and price columns take input."""

    (LINE, PRODUCT, UNIT, QUANTITY, PRICE, AMOUNT, NEW_QUANTITY, NEW_PRICE, NEW_AMOUNT) = range(9)
    EDITABLE = (NEW_QUANTITY, NEW_PRICE)

    # Emitted after every edit, so the dialog shows the new total difference.
    corrections_changed = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.order: VerifyOrder | None = None
        self.corrections: list[Correction] = []

    def titles(self) -> tuple[str, ...]:
        return (
            self.tr("Line"), self.tr("Product"), self.tr("Unit"), self.tr("Quantity"), self.tr("Price"),
            self.tr("Amount"), self.tr("Corrected quantity"), self.tr("Corrected price"), self.tr("Corrected amount"),
        )

    def set_order(self, order: VerifyOrder) -> None:
        self.beginResetModel()
        self.order = order
        self.corrections = [Correction(line) for line in order.lines]
        self.endResetModel()
        self.corrections_changed.emit()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.corrections)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.titles())

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.titles()[section]
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.column() in self.EDITABLE:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        correction = self.corrections[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._text(correction, column, role)
        if role == Qt.ItemDataRole.TextAlignmentRole and column not in (self.PRODUCT, self.UNIT):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and column in (*self.EDITABLE, self.NEW_AMOUNT):
            return self._color(correction)
        if role == Qt.ItemDataRole.ToolTipRole and column in (*self.EDITABLE, self.NEW_AMOUNT):
            return self._problem(correction)
        return None

    def _text(self, correction: Correction, column: int, role: int) -> str:
        line = correction.line
        if column == self.LINE:
            return str(line.line_no)
        if column == self.PRODUCT:
            return f"{line.product_code} {line.product_name}"
        if column == self.UNIT:
            return line.unit_name
        if column == self.QUANTITY:
            return format_quantity(line.quantity)
        if column == self.PRICE:
            return format_price(line.unit_price)
        if column == self.AMOUNT:
            return format_money(line.amount)
        if column == self.NEW_QUANTITY:
            # The editor starts from the current value, so a correction is typed over it.
            return correction.quantity_text or format_quantity(line.quantity)
        if column == self.NEW_PRICE:
            return correction.price_text or format_price(line.unit_price)
        try:
            return format_money(correction.amount())
        except CorrectionError:
            return ""

    def _color(self, correction: Correction) -> QBrush | None:
        try:
            changed = correction.is_changed()
        except CorrectionError:
            return QBrush(ERROR_COLOR)
        return QBrush(CHANGED_COLOR) if changed else None

    def _problem(self, correction: Correction) -> str | None:
        try:
            correction.check_amount()
        except CorrectionError as error:
            return str(error)
        return None

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or index.column() not in self.EDITABLE:
            return False
        correction = self.corrections[index.row()]
        text = str(value or "").strip()
        if index.column() == self.NEW_QUANTITY:
            correction.quantity_text = text
        else:
            correction.price_text = text
        self.dataChanged.emit(self.index(index.row(), self.NEW_QUANTITY), self.index(index.row(), self.NEW_AMOUNT))
        self.corrections_changed.emit()
        return True
