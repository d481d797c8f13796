"""The lines of the receipt confirmation form: received quantity, reason and resolution per delivery line."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from desktop.models.order_format import format_money, format_quantity, parse_decimal
from desktop.models.return_queries import ReturnableLine
from domain.commands.handlers.receipt_confirmations import DEFAULT_RESOLUTION
from domain.commands.handlers.sales_posting import document_total
from domain.models import DifferenceReason, DifferenceResolution
from domain.money import ZERO, round_quantity

# The role that returns an editable cell's [(code, label)] choices, for the choice delegate.
CHOICES_ROLE = Qt.ItemDataRole.UserRole + 1


def reason_label(reason: str) -> str:
    return {
        DifferenceReason.SHORT.value: QCoreApplication.translate("ReceiptLinesModel", "Short"),
        DifferenceReason.DAMAGED.value: QCoreApplication.translate("ReceiptLinesModel", "Damaged"),
        DifferenceReason.WRONG_ITEM.value: QCoreApplication.translate("ReceiptLinesModel", "Wrong item"),
        DifferenceReason.REJECTED.value: QCoreApplication.translate("ReceiptLinesModel", "Rejected"),
        DifferenceReason.EXCESS.value: QCoreApplication.translate("ReceiptLinesModel", "Excess"),
        DifferenceReason.OTHER.value: QCoreApplication.translate("ReceiptLinesModel", "Other"),
    }.get(reason, reason)


def resolution_label(resolution: str) -> str:
    return {
        DifferenceResolution.CREDIT.value: QCoreApplication.translate("ReceiptLinesModel", "Credit, goods not back"),
        DifferenceResolution.RETURN.value: QCoreApplication.translate("ReceiptLinesModel", "Return into stock"),
        DifferenceResolution.NONE.value: "",
    }.get(resolution, resolution)


@dataclasses.dataclass
class ReceiptEntry:
    """The user's entries for one delivery line."""

    received: Decimal
    reason: str = ""
    resolution: str = DifferenceResolution.NONE.value
    note: str = ""


class ReceiptLinesModel(QAbstractTableModel):
    """Delivery lines with what the customer received. A difference needs a reason, and a shortfall a resolution."""

    PRODUCT, UNIT, DELIVERED, RECEIVED, DIFFERENCE, REASON, RESOLUTION, NOTE, CREDIT = range(9)
    EDITABLE = (RECEIVED, REASON, RESOLUTION, NOTE)

    # Emitted with typed text that is not a valid quantity, so the form can show why it was not taken.
    invalid_text = Signal(str)
    # Emitted after any entry changed, so the form updates the total.
    entries_changed = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._lines: tuple[ReturnableLine, ...] = ()
        self._entries: list[ReceiptEntry] = []
        self.prices_include_tax = True

    def set_lines(self, lines: tuple[ReturnableLine, ...], prices_include_tax: bool) -> None:
        self.beginResetModel()
        self._lines = tuple(lines)
        self.prices_include_tax = prices_include_tax
        self._entries = [ReceiptEntry(line.delivered) for line in self._lines]
        self.endResetModel()
        self.entries_changed.emit()

    def line_at(self, row: int) -> ReturnableLine:
        return self._lines[row]

    def entry_at(self, row: int) -> ReceiptEntry:
        return self._entries[row]

    def difference_at(self, row: int) -> Decimal:
        """Return received − delivered in the line's unit: negative when goods are missing."""
        return self._entries[row].received - self._lines[row].delivered

    def shortfall_at(self, row: int) -> Decimal:
        return max(-self.difference_at(row), ZERO)

    def has_differences(self) -> bool:
        return any(self.difference_at(row) != ZERO for row in range(len(self._lines)))

    def credit_at(self, row: int) -> Decimal:
        """Return what the row's shortfall credits, as receipt_confirmation.post and sales_return.post compute it.

        A shortfall above what is left to credit credits nothing here, because posting rejects it.
        """
        shortfall = self.shortfall_at(row)
        line = self._lines[row]
        if shortfall <= ZERO or shortfall > line.returnable:
            return ZERO
        amount, tax = line.basis.credit(shortfall)
        return document_total(amount, tax, self.prices_include_tax)

    def total_credit(self) -> Decimal:
        return sum((self.credit_at(row) for row in range(len(self._lines))), ZERO)

    # -- Qt model -------------------------------------------------------------

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else 9

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (
            QCoreApplication.translate("ReceiptLinesModel", "Product"),
            QCoreApplication.translate("ReceiptLinesModel", "Unit"),
            QCoreApplication.translate("ReceiptLinesModel", "Delivered"),
            QCoreApplication.translate("ReceiptLinesModel", "Received"),
            QCoreApplication.translate("ReceiptLinesModel", "Difference"),
            QCoreApplication.translate("ReceiptLinesModel", "Reason"),
            QCoreApplication.translate("ReceiptLinesModel", "Settled by"),
            QCoreApplication.translate("ReceiptLinesModel", "Note"),
            QCoreApplication.translate("ReceiptLinesModel", "Credit"),
        )[section]

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        if not index.isValid():
            return flags
        column = index.column()
        differs = self.difference_at(index.row()) != ZERO
        if column == self.RECEIVED or (column in (self.REASON, self.NOTE) and differs) or (
                column == self.RESOLUTION and self.difference_at(index.row()) < ZERO):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        line, entry = self._lines[index.row()], self._entries[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.EditRole and column in (self.REASON, self.RESOLUTION):
            return entry.reason if column == self.REASON else entry.resolution
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._text(index.row(), line, entry, column)
        if role == CHOICES_ROLE:
            return self._choices(index.row(), column)
        if role == Qt.ItemDataRole.ForegroundRole and column in (self.DIFFERENCE, self.REASON):
            if self.difference_at(index.row()) != ZERO and (column == self.DIFFERENCE or not entry.reason):
                return QBrush(QColor("#b3261e"))
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (self.DELIVERED, self.RECEIVED, self.DIFFERENCE,
                                                                    self.CREDIT):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _text(self, row: int, line: ReturnableLine, entry: ReceiptEntry, column: int) -> str:
        if column == self.PRODUCT:
            return f"{line.product_code} {line.product_name}"
        if column == self.UNIT:
            return line.unit_name
        if column == self.DELIVERED:
            return format_quantity(line.delivered)
        if column == self.RECEIVED:
            return format_quantity(entry.received)
        if column == self.DIFFERENCE:
            difference = self.difference_at(row)
            return "" if difference == ZERO else format_quantity(difference)
        if column == self.REASON:
            return reason_label(entry.reason) if entry.reason else ""
        if column == self.RESOLUTION:
            return resolution_label(entry.resolution)
        if column == self.NOTE:
            return entry.note
        if column == self.CREDIT:
            credit = self.credit_at(row)
            return format_money(credit) if credit > ZERO else ""
        return ""

    def _choices(self, row: int, column: int) -> list[tuple[str, str]]:
        difference = self.difference_at(row)
        if column == self.REASON:
            reasons = [DifferenceReason.EXCESS] if difference > ZERO else [
                reason for reason in DifferenceReason if reason != DifferenceReason.EXCESS]
            return [(reason.value, reason_label(reason.value)) for reason in reasons]
        if column == self.RESOLUTION:
            return [(resolution.value, resolution_label(resolution.value))
                    for resolution in (DifferenceResolution.CREDIT, DifferenceResolution.RETURN)]
        return []

    def setData(self, index: QModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole or not (self.flags(index) & Qt.ItemFlag.ItemIsEditable):
            return False
        entry = self._entries[index.row()]
        column = index.column()
        text = str(value).strip()
        if column == self.RECEIVED:
            received = parse_decimal(text) if text else None
            # Quantities have three decimal places, and the payload's validation rejects more.
            if received is None or received < ZERO or received != round_quantity(received):
                self.invalid_text.emit(text)
                return False
            entry.received = received
            self._settle_defaults(index.row())
        elif column == self.REASON:
            entry.reason = text
            self._settle_defaults(index.row(), reason_changed=True)
        elif column == self.RESOLUTION:
            entry.resolution = text
        else:
            entry.note = text
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), self.CREDIT))
        self.entries_changed.emit()
        return True

    def _settle_defaults(self, row: int, *, reason_changed: bool = False) -> None:
        """Keep the reason and resolution consistent with the difference, defaulting the resolution by reason."""
        entry = self._entries[row]
        difference = self.difference_at(row)
        if difference == ZERO:
            entry.reason, entry.resolution, entry.note = "", DifferenceResolution.NONE.value, ""
            return
        if difference > ZERO:
            entry.reason, entry.resolution = DifferenceReason.EXCESS.value, DifferenceResolution.NONE.value
            return
        if entry.reason == DifferenceReason.EXCESS.value:
            entry.reason = ""
        if entry.reason and (reason_changed or entry.resolution == DifferenceResolution.NONE.value):
            entry.resolution = DEFAULT_RESOLUTION[DifferenceReason(entry.reason)].value
