"""The lines of the return form: one row per delivery line, the quantity to return typed in its last-but-one column."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from desktop.models.order_format import format_money, format_quantity, parse_decimal
from desktop.models.return_queries import ReturnableLine
from domain.commands.handlers.sales_posting import document_total
from domain.money import ZERO, round_quantity


class ReturnLinesModel(QAbstractTableModel):
    """Delivery lines with the quantity to return and the credit the server will post for it."""

    PRODUCT, UNIT, DELIVERED, RETURNED, RETURNABLE, QUANTITY, CREDIT = range(7)

    # Emitted with typed text that is not a valid quantity, so the form can show why it was rejected.
    invalid_text = Signal(str)
    # Emitted after any quantity changed, so the form updates the total.
    quantities_changed = Signal()

    def __init__(self, lines: tuple[ReturnableLine, ...] = (), parent=None) -> None:
        super().__init__(parent)
        self._lines: tuple[ReturnableLine, ...] = tuple(lines)
        self._quantities: list[Decimal | None] = [None] * len(self._lines)

    def set_lines(self, lines: tuple[ReturnableLine, ...]) -> None:
        self.beginResetModel()
        self._lines = tuple(lines)
        self._quantities = [None] * len(self._lines)
        self.endResetModel()
        self.quantities_changed.emit()

    def line_at(self, row: int) -> ReturnableLine:
        return self._lines[row]

    def quantity_at(self, row: int) -> Decimal | None:
        return self._quantities[row]

    def set_quantity(self, row: int, quantity: Decimal | None) -> None:
        self.setData(self.index(row, self.QUANTITY), "" if quantity is None else str(quantity))

    def has_quantities(self) -> bool:
        """Return whether any quantity was typed, so closing the form should ask first."""
        return any(quantity is not None for quantity in self._quantities)

    def credit_at(self, row: int) -> tuple[Decimal, Decimal]:
        """Return the (amount, tax) that returning the row's typed quantity credits, as sales_return.post computes it.

        A quantity above what is left to return credits nothing, because posting rejects it.
        """
        if not self.is_valid(row):
            return ZERO, ZERO
        return self._lines[row].basis.credit(self._quantities[row])

    def is_valid(self, row: int) -> bool:
        """Return whether the row has a quantity above zero and no more than is left to return."""
        quantity = self._quantities[row]
        return quantity is not None and ZERO < quantity <= self._lines[row].returnable

    def total_credit(self, prices_include_tax: bool) -> Decimal:
        """Return the return's total as sales_return.post sets it: line amounts, plus tax when prices exclude it."""
        credits = [self.credit_at(row) for row in range(len(self._lines))]
        amount = sum((credit[0] for credit in credits), ZERO)
        tax = sum((credit[1] for credit in credits), ZERO)
        return document_total(amount, tax, prices_include_tax)

    def entered_rows(self) -> list[int]:
        """Return the rows with a quantity above zero, in order."""
        return [row for row, quantity in enumerate(self._quantities) if quantity is not None and quantity > ZERO]

    # -- Qt model -------------------------------------------------------------

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else 7

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (
            QCoreApplication.translate("ReturnLinesModel", "Product"),
            QCoreApplication.translate("ReturnLinesModel", "Unit"),
            QCoreApplication.translate("ReturnLinesModel", "Delivered"),
            QCoreApplication.translate("ReturnLinesModel", "Returned"),
            QCoreApplication.translate("ReturnLinesModel", "Returnable"),
            QCoreApplication.translate("ReturnLinesModel", "Return"),
            QCoreApplication.translate("ReturnLinesModel", "Credit"),
        )[section]

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() == self.QUANTITY and self._lines[index.row()].returnable > ZERO:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        line = self._lines[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if column == self.PRODUCT:
                return f"{line.product_code} {line.product_name}"
            if column == self.UNIT:
                return line.unit_name
            if column == self.DELIVERED:
                return format_quantity(line.delivered)
            if column == self.RETURNED:
                return format_quantity(line.returned)
            if column == self.RETURNABLE:
                return format_quantity(line.returnable)
            if column == self.QUANTITY:
                quantity = self._quantities[index.row()]
                return "" if quantity is None else format_quantity(quantity)
            if column == self.CREDIT:
                amount, _tax = self.credit_at(index.row())
                return format_money(amount) if self.is_valid(index.row()) else ""
        if role == Qt.ItemDataRole.ToolTipRole and column == self.RETURNABLE and line.verified:
            return QCoreApplication.translate(
                "ReturnLinesModel",
                "The order line was verified; at most the verified quantity not yet returned, {quantity} {unit}, "
                "can come back, credited at the verified price.",
            ).format(quantity=format_quantity(line.basis.billed_left), unit=line.unit_name)
        if role == Qt.ItemDataRole.ForegroundRole and column == self.QUANTITY:
            quantity = self._quantities[index.row()]
            if quantity is not None and quantity > line.returnable:
                return QBrush(QColor("#b3261e"))
        if role == Qt.ItemDataRole.TextAlignmentRole and column >= self.DELIVERED:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def setData(self, index: QModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or index.column() != self.QUANTITY or role != Qt.ItemDataRole.EditRole:
            return False
        text = str(value).strip()
        if not text:
            quantity = None
        else:
            quantity = parse_decimal(text)
            # Quantities have three decimal places; more would be rejected by the payload's validation.
            if quantity is None or quantity < ZERO or quantity != round_quantity(quantity):
                self.invalid_text.emit(text)
                return False
            if quantity == ZERO:
                quantity = None
        self._quantities[index.row()] = quantity
        self.dataChanged.emit(index, self.index(index.row(), self.CREDIT))
        self.quantities_changed.emit()
        return True
