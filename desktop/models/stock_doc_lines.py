"""The lines of a goods receipt (入库单) or a stock transfer (调拨单) as their entry grids edit them.

Both documents list product, unit, quantity, batch and expiry date. A
receipt adds the unit cost and the line amount, computed as the handler
goods_receipt.post does (domain.money.line_amount: quantity × unit cost,
rounded half-up to the fen). A receipt entered by a role that may not see
costs (`costs_entered` False) has no cost entry: the server costs its lines.
A transfer adds the quantity available in the source warehouse, per batch
when the line names one, and marks the lines that move more than that.

The batch and expiry cells open only for products that track them. Whether a
tracked product's line is complete is decided by the command handler, which
rejects a missing batch or expiry date with a translated message.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from desktop.i18n import translate
from desktop.models.order_format import format_money, format_price, format_quantity, parse_decimal, parse_quantity
from desktop.models.order_lines import ProductChoice
from domain.money import ZERO, line_amount, round_price, round_quantity

_Index = QModelIndex | QPersistentModelIndex
_DATE_DIGITS = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
SHORT_LINE_COLOR = QColor("#b3261e")


@dataclasses.dataclass(frozen=True)
class Tracking:
    batch: bool = False
    expiry: bool = False


@dataclasses.dataclass
class StockLine:
    product: ProductChoice | None = None
    unit_name: str = ""
    quantity: Decimal | None = None
    unit_cost: Decimal | None = None
    batch_no: str = ""
    expiry_date: dt.date | None = None

    @property
    def is_blank(self) -> bool:
        return self.product is None

    def factor(self) -> Decimal:
        unit = self.product.unit(self.unit_name) if self.product is not None else None
        return unit.factor if unit is not None else Decimal(1)

    def amount(self) -> Decimal | None:
        if self.quantity is None or self.unit_cost is None:
            return None
        return line_amount(self.quantity, self.unit_cost)


def parse_expiry(text: str) -> dt.date | None:
    """Parse a typed expiry date, "2027-03-31" or "20270331"; None when it is not a date."""
    typed = text.strip()
    digits = _DATE_DIGITS.match(typed)
    if digits:
        typed = "-".join(digits.groups())
    try:
        return dt.date.fromisoformat(typed)
    except ValueError:
        return None


class StockLinesModel(QAbstractTableModel):
    """Editable lines of a receipt (`kind` "receipt") or a transfer ("transfer"), with a blank line last.

    `totals_changed` is emitted when a quantity, unit or cost changes.
    """

    totals_changed = Signal()

    NUMBER, PRODUCT, NAME, UNIT, QUANTITY, UNIT_COST, BATCH, EXPIRY, AMOUNT, AVAILABLE = (
        "number", "product", "name", "unit", "quantity", "unit_cost", "batch_no", "expiry_date", "amount", "available")
    RECEIPT_COLUMNS = (NUMBER, PRODUCT, NAME, UNIT, QUANTITY, UNIT_COST, BATCH, EXPIRY, AMOUNT)
    TRANSFER_COLUMNS = (NUMBER, PRODUCT, NAME, UNIT, BATCH, EXPIRY, AVAILABLE, QUANTITY)
    # The cells Enter and Tab visit, in order; a cell that is not editable on a line is skipped.
    RECEIPT_ENTRY = (PRODUCT, QUANTITY, UNIT, UNIT_COST, BATCH, EXPIRY)
    TRANSFER_ENTRY = (PRODUCT, BATCH, QUANTITY, UNIT)

    def __init__(self, kind: str, parent=None) -> None:
        super().__init__(parent)
        if kind not in ("receipt", "transfer"):
            raise ValueError(f"unknown stock document kind {kind!r}; expected 'receipt' or 'transfer'")
        self.kind = kind
        self.columns = self.RECEIPT_COLUMNS if kind == "receipt" else self.TRANSFER_COLUMNS
        self.entry_columns = self.RECEIPT_ENTRY if kind == "receipt" else self.TRANSFER_ENTRY
        self.lines: list[StockLine] = [StockLine()]
        self.tracking: dict[str, Tracking] = {}
        # product id -> {batch number -> (expiry date, available in base units)} in the source warehouse.
        self.stock: dict[str, dict[str, tuple[dt.date | None, Decimal]]] = {}
        # False until the source warehouse's stock arrives, so that no line looks short while it loads.
        self.stock_loaded = False
        # row -> quantity (in the line's unit) still available for a transfer line that moves more than that.
        self.short: dict[int, Decimal] = {}
        self.costs_entered = True

    # -- structure -------------------------------------------------------------

    def column(self, key: str) -> int:
        return self.columns.index(key)

    def key(self, index: _Index) -> str:
        return self.columns[index.column()]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.lines)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def line(self, row: int) -> StockLine:
        return self.lines[row]

    def tracking_of(self, line: StockLine) -> Tracking:
        return self.tracking.get(line.product.id, Tracking()) if line.product is not None else Tracking()

    def set_stock(self, stock: dict[str, dict[str, tuple[dt.date | None, Decimal]]] | None) -> None:
        """Set the source warehouse's stock per product and batch, which the available column shows; None while unknown."""
        self.stock = stock or {}
        self.stock_loaded = stock is not None
        self.short = self.short_lines()
        if self.kind == "transfer" and self.lines:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.lines) - 1, len(self.columns) - 1))

    def set_costs_entered(self, entered: bool) -> None:
        """Ask for unit costs on a receipt's lines or not (a role that may not see costs enters quantities only)."""
        self.costs_entered = entered
        if self.kind == "receipt":
            self.entry_columns = self.RECEIPT_ENTRY if entered else tuple(
                key for key in self.RECEIPT_ENTRY if key != self.UNIT_COST)

    def batches(self, row: int) -> list[tuple[str, dt.date | None, Decimal]]:
        """Return (batch, expiry, available) of the line's product in the source warehouse, earliest expiry first."""
        line = self.lines[row]
        if line.product is None:
            return []
        found = [(batch, expiry, available) for batch, (expiry, available) in self.stock.get(line.product.id, {}).items()
                 if batch]
        return sorted(found, key=lambda item: (item[1] or dt.date.max, item[0]))

    def available(self, line: StockLine) -> Decimal | None:
        """Return the available quantity of the line's product (and batch) in the source warehouse, in the line's unit."""
        if line.product is None:
            return None
        by_batch = self.stock.get(line.product.id, {})
        if line.batch_no:
            base = by_batch.get(line.batch_no, (None, ZERO))[1]
        else:
            base = sum((available for _expiry, available in by_batch.values()), ZERO)
        return base / line.factor()

    def short_lines(self) -> dict[int, Decimal]:
        """Return row -> what is left for the line, for each transfer line that moves more than the source has available.

        Lines share what is available in their order: a line of a batch gets what
        the earlier lines of that batch left, a line without a batch what the
        earlier lines of the product left of all its batches. The amount left is
        in the line's unit and never below zero.
        """
        if self.kind != "transfer" or not self.stock_loaded:
            return {}
        used_by_batch: dict[tuple[str, str], Decimal] = {}
        used_by_product: dict[str, Decimal] = {}
        short: dict[int, Decimal] = {}
        for row, line in enumerate(self.lines):
            if line.product is None or line.quantity is None:
                continue
            product_id, factor = line.product.id, line.factor()
            needed = line.quantity * factor
            by_batch = self.stock.get(product_id, {})
            if line.batch_no:
                key = (product_id, line.batch_no)
                left = by_batch.get(line.batch_no, (None, ZERO))[1] - used_by_batch.get(key, ZERO)
                used_by_batch[key] = used_by_batch.get(key, ZERO) + needed
            else:
                left = sum((available for _expiry, available in by_batch.values()), ZERO) - used_by_product.get(product_id, ZERO)
            used_by_product[product_id] = used_by_product.get(product_id, ZERO) + needed
            if needed > left:
                short[row] = round_quantity(max(left, ZERO) / factor)
        return short

    # -- display ---------------------------------------------------------------

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = {
            self.NUMBER: "#",
            self.PRODUCT: translate("StockLines", "Product code"),
            self.NAME: translate("StockLines", "Product"),
            self.UNIT: translate("StockLines", "Unit"),
            self.QUANTITY: translate("StockLines", "Quantity"),
            self.UNIT_COST: translate("StockLines", "Unit cost"),
            self.BATCH: translate("StockLines", "Batch"),
            self.EXPIRY: translate("StockLines", "Expiry date"),
            self.AMOUNT: translate("StockLines", "Amount"),
            self.AVAILABLE: translate("StockLines", "Available"),
        }
        return titles[self.columns[section]]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        line, key = self.lines[index.row()], self.key(index)
        if role == Qt.ItemDataRole.TextAlignmentRole and key in (self.QUANTITY, self.UNIT_COST, self.AMOUNT, self.AVAILABLE):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if index.row() in self.short and role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(SHORT_LINE_COLOR)
        if index.row() in self.short and role == Qt.ItemDataRole.ToolTipRole:
            return translate(
                "StockLines",
                "More than is available: the source warehouse has {available} {unit} left for this line after the "
                "lines above. The transfer can still be posted. If the source warehouse's negative-stock policy is Block, "
                "a manager gets a flag where stock goes below zero.",
            ).format(available=format_quantity(self.short[index.row()]), unit=line.unit_name)
        if role == Qt.ItemDataRole.ToolTipRole and key in (self.BATCH, self.EXPIRY) and line.product is not None:
            tracking = self.tracking_of(line)
            tracked = tracking.batch if key == self.BATCH else tracking.expiry
            if not tracked and self.kind == "receipt":
                return translate("StockLines", "This product is not tracked by batch or expiry date")
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return None
        return self._text(index.row(), line, key)

    def _text(self, row: int, line: StockLine, key: str) -> str:
        if key == self.NUMBER:
            return str(row + 1)
        if line.product is None:
            return ""
        if key == self.PRODUCT:
            return line.product.code
        if key == self.NAME:
            return line.product.name
        if key == self.UNIT:
            return line.unit_name
        if key == self.QUANTITY:
            return format_quantity(line.quantity)
        if key == self.UNIT_COST:
            return format_price(line.unit_cost)
        if key == self.BATCH:
            return line.batch_no
        if key == self.EXPIRY:
            return line.expiry_date.isoformat() if line.expiry_date else ""
        if key == self.AMOUNT:
            return format_money(line.amount())
        if key == self.AVAILABLE:
            return format_quantity(self.available(line))
        return ""

    def flags(self, index: _Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if self.is_editable(index.row(), self.key(index)):
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def is_editable(self, row: int, key: str) -> bool:
        line = self.lines[row]
        if key == self.PRODUCT:
            return True
        if line.product is None or key not in self.entry_columns:
            return False
        tracking = self.tracking_of(line)
        if key == self.BATCH:
            return tracking.batch or (self.kind == "transfer" and bool(self.batches(row)))
        if key == self.EXPIRY:
            return tracking.expiry
        return True

    # -- editing ---------------------------------------------------------------

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        row, key = index.row(), self.key(index)
        line = self.lines[row]
        if key == self.PRODUCT:
            if not isinstance(value, ProductChoice):
                return False
            self.set_product(row, value)
            return True
        if line.product is None:
            return False
        if key == self.UNIT:
            if line.product.unit(str(value)) is None:
                return False
            line.unit_name = str(value)
        elif key == self.QUANTITY:
            quantity = parse_quantity(str(value))
            if quantity is None:
                return False
            line.quantity = quantity
        elif key == self.UNIT_COST:
            cost = parse_decimal(str(value))
            if cost is None or cost < 0 or round_price(cost) != cost:
                return False
            line.unit_cost = cost
        elif key == self.BATCH:
            line.batch_no = str(value).strip()
            if self.kind == "transfer":
                line.expiry_date = self.stock.get(line.product.id, {}).get(line.batch_no, (None, ZERO))[0]
        elif key == self.EXPIRY:
            text = str(value).strip()
            expiry = parse_expiry(text) if text else None
            if text and expiry is None:
                return False
            line.expiry_date = expiry
        else:
            return False
        self._row_changed(row)
        return True

    def set_product(self, row: int, product: ProductChoice, unit_name: str | None = None) -> None:
        """Put `product` on line `row` in `unit_name` (default: its base unit), adding a blank line after the last."""
        line = self.lines[row]
        if line.product is None or line.product.id != product.id:
            line.batch_no, line.expiry_date = "", None
        line.product = product
        line.unit_name = unit_name or product.base_unit
        self._row_changed(row)
        if row == len(self.lines) - 1:
            self.beginInsertRows(QModelIndex(), len(self.lines), len(self.lines))
            self.lines.append(StockLine())
            self.endInsertRows()

    def remove_line(self, row: int) -> bool:
        """Remove line `row` unless it is the blank last line; returns whether a line was removed."""
        if not 0 <= row < len(self.lines) - 1:
            return False
        self.beginRemoveRows(QModelIndex(), row, row)
        del self.lines[row]
        self.endRemoveRows()
        self.short = self.short_lines()
        if self.lines:
            self.dataChanged.emit(self.index(row, 0), self.index(len(self.lines) - 1, len(self.columns) - 1))
        self.totals_changed.emit()
        return True

    def clear(self) -> None:
        self.beginResetModel()
        self.lines = [StockLine()]
        self.short = {}
        self.endResetModel()
        self.totals_changed.emit()

    def _row_changed(self, row: int) -> None:
        before, self.short = self.short, self.short_lines()
        if before != self.short:
            # One line's quantity changes what is left for the later lines of its product.
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.lines) - 1, len(self.columns) - 1))
        else:
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.columns) - 1))
        self.totals_changed.emit()

    # -- results ---------------------------------------------------------------

    def entered(self) -> list[StockLine]:
        """Return the lines that have a product, in order."""
        return [line for line in self.lines if line.product is not None]

    def total_amount(self) -> Decimal:
        """Return the sum of the line amounts (each already rounded to the fen)."""
        return sum((line.amount() or ZERO for line in self.entered()), ZERO)

    def missing_quantity(self) -> int | None:
        """Return the row of the first line with a product but no quantity (or, on a receipt with costs, no unit cost)."""
        for row, line in enumerate(self.lines):
            if line.product is None:
                continue
            if line.quantity is None or (self.kind == "receipt" and self.costs_entered and line.unit_cost is None):
                return row
        return None
