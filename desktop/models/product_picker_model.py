"""The product picker's result table: one search's matches, priced, with their stock."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from desktop.i18n import translate
from desktop.messages import price_rule_label
from desktop.models.order_models import format_price, format_quantity
from desktop.models.product_picker_queries import PickerResult, PickerRow

CONTEXT = "ProductPickerModel"
_Index = QModelIndex | QPersistentModelIndex

CODE, NAME, VARIANT, UNIT, PRICE, RULE, AVAILABLE, WAREHOUSES = range(8)
TITLES = (
    QT_TRANSLATE_NOOP("ProductPickerModel", "Code"),
    QT_TRANSLATE_NOOP("ProductPickerModel", "Name"),
    QT_TRANSLATE_NOOP("ProductPickerModel", "Variant"),
    QT_TRANSLATE_NOOP("ProductPickerModel", "Unit"),
    QT_TRANSLATE_NOOP("ProductPickerModel", "Price"),
    QT_TRANSLATE_NOOP("ProductPickerModel", "Price rule"),
    QT_TRANSLATE_NOOP("ProductPickerModel", "Available"),
    QT_TRANSLATE_NOOP("ProductPickerModel", "By warehouse"),
)
RIGHT_ALIGNED = (PRICE, AVAILABLE)


def warehouse_breakdown(row: PickerRow) -> str:
    """Return "W1 10 · W2 5": available stock per warehouse code."""
    return " · ".join(f"{code} {format_quantity(value)}" for code, value in row.available)


class ProductPickerModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.result: PickerResult | None = None

    @property
    def rows(self) -> tuple[PickerRow, ...]:
        return self.result.rows if self.result is not None else ()

    def set_result(self, result: PickerResult | None) -> None:
        self.beginResetModel()
        self.result = result
        self.endResetModel()

    def row_at(self, number: int) -> PickerRow | None:
        rows = self.rows
        return rows[number] if 0 <= number < len(rows) else None

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(TITLES)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(TITLES):
            return translate(CONTEXT, TITLES[section])
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row_at(index.row()) if index.isValid() else None
        if row is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column)
        if role == Qt.ItemDataRole.ToolTipRole and column in (AVAILABLE, WAREHOUSES):
            breakdown = warehouse_breakdown(row)
            return breakdown or translate("ProductPickerModel", "No stock in any of your warehouses")
        if role == Qt.ItemDataRole.TextAlignmentRole and column in RIGHT_ALIGNED:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return row.product_id
        return None

    @staticmethod
    def _text(row: PickerRow, column: int) -> str:
        if column == CODE:
            return row.code
        if column == NAME:
            return row.name
        if column == VARIANT:
            return row.variant
        if column == UNIT:
            return row.unit_name
        if column == PRICE:
            return "-" if row.price is None else format_price(row.price)
        if column == RULE:
            return price_rule_label(row.rule)
        if column == AVAILABLE:
            return format_quantity(row.available_here)
        return warehouse_breakdown(row)
