"""The display side of the order entry grid's lines: column titles, cell texts, colours, tooltips and line warnings.

OrderLinesDisplay is a mixin of desktop.models.order_lines_model.OrderLinesModel;
it reads the model's lines and last prices and writes nothing.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from desktop.models.order_format import format_money, format_price, format_quantity
from desktop.models.order_lines import OrderLine, format_discount, format_rate

_Index = QModelIndex | QPersistentModelIndex

# Background of a price below the product's lowest price, and text colour of a line whose discount exceeds it.
WARNING_BACKGROUND = QColor("#ffe0b2")
ERROR_TEXT = QColor("#b00020")
# Text colour of a special price, and background of a gift line a promotion added.
PROMOTION_TEXT = QColor("#c62828")
GIFT_BACKGROUND = QColor("#e8f5e9")


class OrderLinesDisplay:
    """The display roles of the lines model: the class using it provides `_lines`,
    `_prices_include_tax`, `last_price(row)` and `_row_of(line_id)`."""

    NUMBER, PRODUCT, NAME, QUANTITY, UNIT, PRICE, DISCOUNT, AMOUNT, TAX_RATE, LAST_PRICE = range(10)
    RIGHT_ALIGNED = (QUANTITY, PRICE, DISCOUNT, AMOUNT, TAX_RATE, LAST_PRICE)

    _lines: list[OrderLine]
    _prices_include_tax: bool

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Vertical:
            return None
        if role == Qt.ItemDataRole.ToolTipRole and section == self.LAST_PRICE:
            return QCoreApplication.translate(
                "OrderLinesModel",
                "What this customer paid per unit after the line discount on its latest order; F4 takes that price.")
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        price = (QCoreApplication.translate("OrderLinesModel", "Price incl. tax") if self._prices_include_tax
                 else QCoreApplication.translate("OrderLinesModel", "Price excl. tax"))
        titles = (
            QCoreApplication.translate("OrderLinesModel", "No."),
            QCoreApplication.translate("OrderLinesModel", "Product code"),
            QCoreApplication.translate("OrderLinesModel", "Product"),
            QCoreApplication.translate("OrderLinesModel", "Quantity"),
            QCoreApplication.translate("OrderLinesModel", "Unit"),
            price,
            QCoreApplication.translate("OrderLinesModel", "Discount"),
            QCoreApplication.translate("OrderLinesModel", "Amount"),
            QCoreApplication.translate("OrderLinesModel", "Tax rate"),
            QCoreApplication.translate("OrderLinesModel", "Last price (F4)"),
        )
        return titles[section]


    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        line = self._lines[row]
        if role == Qt.ItemDataRole.DisplayRole and column == self.PRICE and line.has_special_price:
            return QCoreApplication.translate("OrderLinesModel", "{price} (was {original})").format(
                price=format_price(line.unit_price), original=format_price(line.original_price))
        if role == Qt.ItemDataRole.DisplayRole and column == self.NAME and line.is_gift and line.product:
            return QCoreApplication.translate("OrderLinesModel", "[Gift] {name}").format(name=line.product.name)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._text(row, line, column)
        if role == Qt.ItemDataRole.BackgroundRole and line.is_promotion_gift:
            return QBrush(GIFT_BACKGROUND)
        if role == Qt.ItemDataRole.ForegroundRole and column == self.PRICE and line.has_special_price:
            return QBrush(PROMOTION_TEXT)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in self.RIGHT_ALIGNED:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole and column == self.PRICE and line.below_lowest:
            return QBrush(WARNING_BACKGROUND)
        if role == Qt.ItemDataRole.ForegroundRole and column in (self.DISCOUNT, self.AMOUNT) and line.discount_too_large:
            return QBrush(ERROR_TEXT)
        if role == Qt.ItemDataRole.ToolTipRole and column == self.PRICE and line.has_special_price:
            return QCoreApplication.translate(
                "OrderLinesModel", "Special price of a promotion; without it the price is {original}.",
            ).format(original=format_price(line.original_price))
        if role == Qt.ItemDataRole.ToolTipRole and line.is_promotion_gift:
            tip = QCoreApplication.translate("OrderLinesModel", "Gift of a promotion for line {line_no}; it follows that line's quantity.")
            return tip.format(line_no=self._row_of(line.gift_for_line_id) + 1)
        if role == Qt.ItemDataRole.ToolTipRole:
            # The full name, which a narrow column elides, unless the line has a warning to explain.
            return self.line_warning(row) or (line.product.name if column == self.NAME and line.product else None)
        return None

    def line_warning(self, row: int) -> str:
        """Return the translated warning about a line's price or discount, or an empty string."""
        line = self._lines[row]
        if line.discount_too_large:
            return QCoreApplication.translate("OrderLinesModel", "Line {line_no}: the discount is larger than quantity × price.").format(
                line_no=row + 1)
        if line.below_lowest:
            return QCoreApplication.translate(
                "OrderLinesModel",
                "Line {line_no}: the net price {net_price} per {unit} after the line discount is below the lowest price "
                "{lowest}; the order will need a manager's approval.",
            ).format(line_no=row + 1, net_price=format_price(line.net_base_price),
                     lowest=format_price(line.product.lowest_price), unit=line.product.base_unit)
        return ""

    def _text(self, row: int, line: OrderLine, column: int) -> str:
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
        if column == self.DISCOUNT:
            return format_discount(line.discount, line.discount_percent)
        if column == self.TAX_RATE:
            return format_rate(line.effective_tax_rate) if line.product else ""
        if column == self.LAST_PRICE:
            last = self.last_price(row)
            return "" if last is None else f"{format_price(last.price)}  {last.document_date.isoformat()}"
        amount = line.amount
        return "" if amount is None else format_money(amount)

