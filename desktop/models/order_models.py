"""Qt models of the order screens: the order list and the lines of the order entry grid.

The lines model computes every amount with domain.money.line_amount
(quantity × price, rounded half-up to the fen) and the total as the exact
sum of the rounded line amounts, the same rule the order handlers apply, so
the total on screen is the total the order gets.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from decimal import Decimal, InvalidOperation
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt, Signal

from domain.ids import new_id
from domain.money import ZERO, line_amount, round_price, round_quantity

log = logging.getLogger(__name__)

_Index = QModelIndex | QPersistentModelIndex


def state_label(status: str) -> str:
    """Return the translated name of an order state."""
    labels = {
        "draft": QCoreApplication.translate("OrderState", "Draft"),
        "submitted": QCoreApplication.translate("OrderState", "Submitted"),
        "approved": QCoreApplication.translate("OrderState", "Approved"),
        "partly_delivered": QCoreApplication.translate("OrderState", "Partly delivered"),
        "completed": QCoreApplication.translate("OrderState", "Completed"),
        "cancelled": QCoreApplication.translate("OrderState", "Cancelled"),
    }
    return labels.get(status, status)


def format_money(value: Decimal | None) -> str:
    return "" if value is None else f"{value:,.2f}"


def format_quantity(value: Decimal | None) -> str:
    """Show a quantity without trailing zeros (3, 2.5, 0.125)."""
    if value is None:
        return ""
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def format_price(value: Decimal | None) -> str:
    """Show a price with two decimals, or up to four when it has them."""
    if value is None:
        return ""
    if value == value.quantize(Decimal("0.01")):
        return f"{value:.2f}"
    return format_quantity(value)


def parse_decimal(text: str) -> Decimal | None:
    """Parse what a user typed ("1,234.5", " 3 ") into a Decimal; None when it is not a number."""
    cleaned = text.strip().replace(",", "").replace("，", "")
    if not cleaned:
        return None
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


def parse_quantity(text: str) -> Decimal | None:
    """Parse a typed quantity: a number above zero with at most 3 decimals, else None."""
    value = parse_decimal(text)
    if value is None or value <= ZERO or round_quantity(value) != value:
        return None
    return value


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


class OrderListModel(QAbstractTableModel):
    """One page of orders at a time; the view loads pages through the task runner."""

    COLUMNS = ("number", "date", "customer", "state", "total")

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[OrderRow] = []

    def set_rows(self, rows: list[OrderRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def append_rows(self, rows: list[OrderRow]) -> None:
        if not rows:
            return
        start = len(self._rows)
        self.beginInsertRows(QModelIndex(), start, start + len(rows) - 1)
        self._rows.extend(rows)
        self.endInsertRows()

    def row_at(self, row: int) -> OrderRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = (
            QCoreApplication.translate("OrderListModel", "Number"),
            QCoreApplication.translate("OrderListModel", "Date"),
            QCoreApplication.translate("OrderListModel", "Customer"),
            QCoreApplication.translate("OrderListModel", "State"),
            QCoreApplication.translate("OrderListModel", "Total"),
        )
        return titles[section]

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
            return format_money(row.total_amount)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == "total":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        return None


# ---------------------------------------------------------------------------
# Order lines (the entry grid)


@dataclasses.dataclass(frozen=True)
class UnitChoice:
    name: str
    factor: Decimal
    price: Decimal


@dataclasses.dataclass(frozen=True)
class ProductChoice:
    """A product as the entry grid offers it: code, name and its units with their prices."""

    id: str
    code: str
    name: str
    base_unit: str
    units: tuple[UnitChoice, ...]

    def unit(self, name: str) -> UnitChoice | None:
        for unit in self.units:
            if unit.name == name:
                return unit
        return None


@dataclasses.dataclass
class OrderLine:
    id: str
    product: ProductChoice | None = None
    unit_name: str = ""
    quantity: Decimal | None = None
    unit_price: Decimal | None = None

    @property
    def amount(self) -> Decimal | None:
        if self.product is None or self.quantity is None or self.unit_price is None:
            return None
        return line_amount(self.quantity, self.unit_price)

    @property
    def is_blank(self) -> bool:
        return self.product is None and self.quantity is None and self.unit_price is None

    @property
    def is_complete(self) -> bool:
        return self.product is not None and self.quantity is not None and self.quantity > ZERO and self.unit_price is not None


class OrderLinesModel(QAbstractTableModel):
    """The editable lines of one order, always ending in one blank line to type into."""

    NUMBER, PRODUCT, NAME, QUANTITY, UNIT, PRICE, AMOUNT = range(7)
    EDITABLE = (PRODUCT, QUANTITY, UNIT, PRICE)

    # Emitted with the new order total after every change that can move it.
    totals_changed = Signal(object)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._lines: list[OrderLine] = [OrderLine(new_id())]
        self._total = ZERO

    # -- reading

    @property
    def lines(self) -> list[OrderLine]:
        return list(self._lines)

    def line(self, row: int) -> OrderLine:
        return self._lines[row]

    def complete_lines(self) -> list[OrderLine]:
        return [line for line in self._lines if line.is_complete]

    def incomplete_rows(self) -> list[int]:
        """Return the rows that are neither blank nor complete (a product without quantity, ...)."""
        return [row for row, line in enumerate(self._lines) if not line.is_blank and not line.is_complete]

    def total_amount(self) -> Decimal:
        return self._total

    def payload_lines(self) -> list[dict[str, Any]]:
        """Return the complete lines as order.create / order.update payload lines."""
        return [
            {
                "id": line.id,
                "product_id": line.product.id,
                "unit_name": line.unit_name,
                "quantity": str(line.quantity),
                "unit_price": str(line.unit_price),
            }
            for line in self.complete_lines()
        ]

    # -- changing

    def set_lines(self, lines: list[OrderLine]) -> None:
        self.beginResetModel()
        self._lines = [*lines, OrderLine(new_id())]
        self.endResetModel()
        self._update_total()

    def add_line(self, line: OrderLine) -> int:
        """Insert `line` before the trailing blank line; return its row."""
        row = len(self._lines) - 1
        self.beginInsertRows(QModelIndex(), row, row)
        self._lines.insert(row, line)
        self.endInsertRows()
        self._update_total()
        return row

    def remove_line(self, row: int) -> bool:
        """Remove a line; the trailing blank line is only cleared. Returns False for a bad row."""
        if not 0 <= row < len(self._lines):
            return False
        if row == len(self._lines) - 1:
            self._lines[row] = OrderLine(new_id())
            self.dataChanged.emit(self.index(row, 0), self.index(row, self.AMOUNT))
        else:
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._lines[row]
            self.endRemoveRows()
            self.dataChanged.emit(self.index(row, self.NUMBER), self.index(len(self._lines) - 1, self.NUMBER))
        self._update_total()
        return True

    def set_product(self, row: int, product: ProductChoice) -> None:
        """Put `product` on a line with its base unit and that unit's price."""
        line = self._lines[row]
        line.product = product
        unit = product.unit(product.base_unit) or product.units[0]
        line.unit_name = unit.name
        line.unit_price = unit.price
        self._changed(row)

    # -- QAbstractTableModel

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else 7

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return None
        titles = (
            QCoreApplication.translate("OrderLinesModel", "No."),
            QCoreApplication.translate("OrderLinesModel", "Product code"),
            QCoreApplication.translate("OrderLinesModel", "Product"),
            QCoreApplication.translate("OrderLinesModel", "Quantity"),
            QCoreApplication.translate("OrderLinesModel", "Unit"),
            QCoreApplication.translate("OrderLinesModel", "Price"),
            QCoreApplication.translate("OrderLinesModel", "Amount"),
        )
        return titles[section]

    def flags(self, index: _Index) -> Qt.ItemFlag:
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if not index.isValid():
            return flags
        column = index.column()
        line = self._lines[index.row()]
        if column == self.PRODUCT or (column in self.EDITABLE and line.product is not None):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        line = self._lines[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._text(index.row(), line, column, role)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (self.QUANTITY, self.PRICE, self.AMOUNT):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _text(self, row: int, line: OrderLine, column: int, role: int) -> str:
        if column == self.NUMBER:
            return "" if line.is_blank else str(row + 1)
        if column == self.PRODUCT:
            return line.product.code if line.product else ""
        if column == self.NAME:
            return line.product.name if line.product else ""
        if column == self.QUANTITY:
            return format_quantity(line.quantity)
        if column == self.UNIT:
            return line.unit_name
        if column == self.PRICE:
            return format_price(line.unit_price)
        amount = line.amount
        return "" if amount is None else format_money(amount)

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        row, column = index.row(), index.column()
        line = self._lines[row]
        if column == self.PRODUCT:
            if isinstance(value, ProductChoice):
                self.set_product(row, value)
                return True
            return False
        if line.product is None:
            return False
        if column == self.QUANTITY:
            quantity = parse_quantity(str(value))
            if quantity is None:
                return False
            line.quantity = round_quantity(quantity)
        elif column == self.UNIT:
            unit = line.product.unit(str(value).strip())
            if unit is None:
                return False
            if unit.name != line.unit_name:
                line.unit_name = unit.name
                line.unit_price = unit.price
        elif column == self.PRICE:
            price = parse_decimal(str(value))
            if price is None or price < ZERO:
                return False
            line.unit_price = round_price(price)
        else:
            return False
        self._changed(row)
        return True

    # -- helpers

    def _changed(self, row: int) -> None:
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.AMOUNT))
        if row == len(self._lines) - 1 and not self._lines[row].is_blank:
            # Typing into the trailing blank line makes it a real line: add a new blank one.
            self.beginInsertRows(QModelIndex(), row + 1, row + 1)
            self._lines.append(OrderLine(new_id()))
            self.endInsertRows()
        self._update_total()

    def _update_total(self) -> None:
        total = sum((line.amount for line in self._lines if line.is_complete), ZERO)
        self._total = total
        self.totals_changed.emit(total)
