"""The Qt model of the order entry grid: editable lines, always ending in one blank line to type into.

How the lines are shown is in desktop.models.order_lines_display, and the
payload they become in desktop.models.order_lines_payload. Every amount and total comes from desktop.models.order_lines and
desktop.models.order_totals, which apply the order handlers' rounding rule,
so the total on screen is the total the order gets.
"""

from __future__ import annotations

import dataclasses
import logging
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from desktop.models.order_format import parse_decimal, parse_quantity
from desktop.models.order_gifts import gift_order_lines
from desktop.models.order_lines import LastPrice, OrderLine, ProductChoice, parse_discount
from desktop.models.order_lines_display import OrderLinesDisplay
from desktop.models.order_lines_payload import payload_lines
from desktop.models.order_totals import OrderTotals, compute_totals
from domain.ids import new_id
from domain.money import ZERO, round_price, round_quantity
from domain.price_lookup import PriceRule
from domain.promotion_gifts import GiftRule

log = logging.getLogger(__name__)

_Index = QModelIndex | QPersistentModelIndex


class OrderLinesModel(OrderLinesDisplay, QAbstractTableModel):
    """The editable lines of one order, always ending in one blank line to type into.

    Once `set_gift_rules` gave the buy-N-get-M rules in force, the model adds,
    changes and removes the promotions' gift lines after every change, each
    right after the line that earned it; gift lines are read-only. Without
    rules (a confirmed order shown read-only) the stored gift lines stay.
    """

    # The column numbers and RIGHT_ALIGNED come from OrderLinesDisplay.
    EDITABLE = (OrderLinesDisplay.PRODUCT, OrderLinesDisplay.QUANTITY, OrderLinesDisplay.UNIT, OrderLinesDisplay.PRICE,
                OrderLinesDisplay.DISCOUNT)

    # Emitted with the new order total (a Decimal) after every change that can move it; totals() has the details.
    totals_changed = Signal(object)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._lines: list[OrderLine] = [OrderLine(new_id())]
        self._freight = ZERO
        self._document_discount = ZERO
        self._prices_include_tax = True
        self._totals = OrderTotals()
        # (product id, unit name) -> what the order's customer paid last.
        self._last_prices: dict[tuple[str, str], LastPrice] = {}
        # None until the rules are loaded: gift lines are then left as they are.
        self._gift_rules: list[GiftRule] | None = None
        self._gift_products: dict[str, ProductChoice] = {}

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

    def over_discounted_rows(self) -> list[int]:
        """Return the rows whose discount exceeds quantity × price, which the server rejects."""
        return [row for row, line in enumerate(self._lines) if line.is_complete and line.discount_too_large]

    def total_amount(self) -> Decimal:
        return self._totals.total

    def totals(self) -> OrderTotals:
        return self._totals

    def last_price(self, row: int) -> LastPrice | None:
        line = self._lines[row]
        if line.product is None:
            return None
        return self._last_prices.get((line.product.id, line.unit_name))

    def gift_lines(self) -> list[OrderLine]:
        """Return the gift lines the promotions added, in grid order."""
        return [line for line in self._lines if line.is_promotion_gift]

    def find_line(self, product_id: str, unit_name: str) -> int | None:
        """Return the first row with this product and unit that is not a gift, or None."""
        for row, line in enumerate(self._lines):
            if line.is_gift:
                continue
            if line.product is not None and line.product.id == product_id and line.unit_name == unit_name:
                return row
        return None

    def payload_lines(self) -> list[dict[str, Any]]:
        """Return the complete lines as order.create / order.update payload lines (see order_lines_payload)."""
        return payload_lines(self.complete_lines())

    # -- changing

    def set_lines(self, lines: list[OrderLine]) -> None:
        self.beginResetModel()
        self._lines = [*lines, OrderLine(new_id())]
        self.endResetModel()
        self._update_total()

    def set_document_terms(self, freight: Decimal, document_discount: Decimal, prices_include_tax: bool) -> None:
        """Set the header amounts that enter the total."""
        tax_mode_changed = prices_include_tax != self._prices_include_tax
        self._freight, self._document_discount, self._prices_include_tax = freight, document_discount, prices_include_tax
        self._update_total()
        if tax_mode_changed:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, self.PRICE, self.PRICE)

    def set_last_prices(self, prices: dict[tuple[str, str], LastPrice]) -> None:
        self._last_prices = dict(prices)
        if self._lines:
            self.dataChanged.emit(self.index(0, self.LAST_PRICE), self.index(len(self._lines) - 1, self.LAST_PRICE))

    def set_gift_rules(self, rules: list[GiftRule], products: dict[str, ProductChoice]) -> None:
        """Set the buy-N-get-M rules in force and the products a gift may be, then update the gift lines."""
        self._gift_rules = list(rules)
        self._gift_products = dict(products)
        self._update_total()

    def apply_quote(self, row: int, price: Decimal, rule: str, original_price: Decimal | None = None,
                    promotion_id: str | None = None) -> None:
        """Put a price from the price lookup on a line, with the rule that gave it.

        For a special price, `original_price` is the price without the promotion
        and `promotion_id` the promotion; both are None for other rules.
        """
        line = self._lines[row]
        line.unit_price = round_price(price)
        line.price_rule = rule
        special = rule == PriceRule.PROMOTION.value and original_price is not None and promotion_id is not None
        line.original_price = original_price if special else None
        line.promotion_id = promotion_id if special else None
        self._changed(row)

    def add_line(self, line: OrderLine) -> int:
        """Insert `line` before the trailing blank line; return its row."""
        row = len(self._lines) - 1
        self.beginInsertRows(QModelIndex(), row, row)
        self._lines.insert(row, line)
        self.endInsertRows()
        self._update_total()
        return row

    def remove_line(self, row: int) -> bool:
        """Remove a line; the trailing blank line is only cleared. Returns False for a bad row or a promotion's gift line."""
        if not 0 <= row < len(self._lines) or self._lines[row].is_promotion_gift:
            return False
        if row == len(self._lines) - 1:
            self._lines[row] = OrderLine(new_id())
            self.dataChanged.emit(self.index(row, 0), self.index(row, self.LAST_PRICE))
        else:
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._lines[row]
            self.endRemoveRows()
            self.dataChanged.emit(self.index(row, self.NUMBER), self.index(len(self._lines) - 1, self.NUMBER))
        self._update_total()
        return True

    def set_product(self, row: int, product: ProductChoice, unit_name: str | None = None) -> None:
        """Put `product` on a line in `unit_name` (default: its base unit) with that unit's price."""
        line = self._lines[row]
        line.product = product
        unit = product.unit(unit_name or product.base_unit) or product.unit(product.base_unit) or product.units[0]
        line.unit_name = unit.name
        line.unit_price = unit.price
        line.clear_price_basis()
        self._changed(row)

    def add_quantity(self, row: int, quantity: Decimal) -> None:
        """Add `quantity` to a line's quantity (a line without one gets `quantity`)."""
        line = self._lines[row]
        line.quantity = round_quantity((line.quantity or ZERO) + quantity)
        self._changed(row)

    # -- QAbstractTableModel

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else 10

    def flags(self, index: _Index) -> Qt.ItemFlag:
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if not index.isValid():
            return flags
        column = index.column()
        line = self._lines[index.row()]
        if line.is_promotion_gift:
            return flags
        if column == self.PRODUCT or (column in self.EDITABLE and line.product is not None):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

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
                line.clear_price_basis()
        elif column == self.PRICE:
            price = parse_decimal(str(value))
            if price is None or price < ZERO:
                return False
            if round_price(price) != line.unit_price:
                # A typed price is the clerk's, no longer the special price or the rule's.
                line.clear_price_basis()
            line.unit_price = round_price(price)
        elif column == self.DISCOUNT:
            discount = parse_discount(str(value))
            if discount is None:
                return False
            line.discount, line.discount_percent = discount
        else:
            return False
        self._changed(row)
        return True

    # -- helpers

    def _changed(self, row: int) -> None:
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.LAST_PRICE))
        if row == len(self._lines) - 1 and not self._lines[row].is_blank:
            # Typing into the trailing blank line makes it a real line: add a new blank one.
            self.beginInsertRows(QModelIndex(), row + 1, row + 1)
            self._lines.append(OrderLine(new_id()))
            self.endInsertRows()
        self._update_total()

    def _update_total(self) -> None:
        self._sync_gifts()
        # Gift lines have amount and tax zero; leaving them out keeps an empty tax band off the breakdown.
        paid = [line for line in self._lines if not line.is_promotion_gift]
        self._totals = compute_totals(paid, self._freight, self._document_discount, self._prices_include_tax)
        self.totals_changed.emit(self._totals.total)

    def _row_of(self, line_id: str | None) -> int:
        """Return the row of the line with this id, or -1."""
        return next((row for row, line in enumerate(self._lines) if line.id == line_id), -1)

    def _sync_gifts(self) -> None:
        """Add, change and remove gift lines so they are the ones the rules give for the current lines."""
        if self._gift_rules is None:
            return
        expected = gift_order_lines(self._lines, self._gift_rules, self._gift_products)
        expected_ids = {gift.id for gift in expected}
        changed = False
        for row in reversed(range(len(self._lines))):
            if self._lines[row].is_promotion_gift and self._lines[row].id not in expected_ids:
                self.beginRemoveRows(QModelIndex(), row, row)
                del self._lines[row]
                self.endRemoveRows()
                changed = True
        for gift in expected:
            row = self._row_of(gift.id)
            if row >= 0:
                current = self._lines[row]
                if dataclasses.astuple(current) != dataclasses.astuple(gift):
                    self._lines[row] = gift
                    self.dataChanged.emit(self.index(row, 0), self.index(row, self.LAST_PRICE))
                continue
            # Right after the line that earned it and the gifts it earned already.
            row = self._row_of(gift.gift_for_line_id) + 1
            while row < len(self._lines) and self._lines[row].gift_for_line_id == gift.gift_for_line_id:
                row += 1
            self.beginInsertRows(QModelIndex(), row, row)
            self._lines.insert(row, gift)
            self.endInsertRows()
            changed = True
        if changed and self._lines:
            # Rows moved, so the line numbers below the change moved too.
            self.dataChanged.emit(self.index(0, self.NUMBER), self.index(len(self._lines) - 1, self.NUMBER))
