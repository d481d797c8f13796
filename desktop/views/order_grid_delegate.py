"""The order entry grid's cell editors: the product, unit, quantity, price and discount cells, and their checks.

LinesDelegate opens the editor of each cell of desktop.views.order_grid.EntryGrid,
commits Enter, Tab and Shift+Tab the same way in every cell, and explains a
rejected value through its `entry_message` signal.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QAbstractItemModel, QEvent, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QComboBox,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from desktop.i18n import translate
from desktop.models.order_lines import ProductChoice, parse_discount
from desktop.models.order_models import OrderLinesModel, parse_decimal, parse_quantity
from desktop.views.product_entry import ProductEditor, ProductIndex

log = logging.getLogger(__name__)

_Index = QModelIndex | QPersistentModelIndex


class LinesDelegate(QStyledItemDelegate):
    """Editors for the product, unit, quantity and price cells; remembers whether the last commit was valid.

    `entry_message` is emitted with the translated reason when a typed value
    is rejected, and with an empty string when a value is accepted.
    `price_basis_changed(row)` is emitted after a product or unit is accepted,
    when the line's default price may differ for the order's customer.
    """

    entry_message = Signal(str)
    price_basis_changed = Signal(int)
    # (row, typed text): emitted when F2 in the product cell requests the product picker.
    browse_requested = Signal(int, str)

    def __init__(self, products: ProductIndex, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.products = products
        self.last_commit_ok = True
        # The text of a rejected value, put back into the reopened cell so the user can correct it.
        self.rejected_text: str | None = None
        # Whether the grid has a product picker: F2 opens it, and text matching
        # several products opens it instead of being rejected.
        self.can_browse = False
        # The text of a product cell that matched several products, for the picker to start from.
        self.ambiguous_text: str | None = None
        # (row, product, unit name) of a barcode scanned into the blank last line, for the grid to add.
        self.scanned: tuple[int, ProductChoice, str] | None = None
        # True when the product cell of the blank last line closed with nothing typed: no line to check,
        # so Tab leaves the grid and Enter stays.
        self.left_blank = False

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: _Index) -> QWidget:
        column = index.column()
        if column == OrderLinesModel.PRODUCT:
            editor = ProductEditor(self.products, parent)
            editor.chosen.connect(lambda: self._commit_and_close(editor))
            editor.tabbed.connect(lambda forward: self._commit_and_close(
                editor, QAbstractItemDelegate.EndEditHint.EditNextItem if forward
                else QAbstractItemDelegate.EndEditHint.EditPreviousItem))
            row = index.row()
            editor.browse.connect(lambda: self._browse(editor, row))
            return editor
        if column == OrderLinesModel.UNIT:
            model: OrderLinesModel = index.model()
            line = model.line(index.row())
            combo = QComboBox(parent)
            if line.product is not None:
                combo.addItems([unit.name for unit in line.product.units])
            return combo
        editor = QLineEdit(parent)
        editor.setAlignment(Qt.AlignmentFlag.AlignRight)
        return editor

    def _commit_and_close(self, editor: QWidget,
                          hint: QAbstractItemDelegate.EndEditHint = QAbstractItemDelegate.EndEditHint.SubmitModelCache) -> None:
        # Enter can arrive twice (the line edit's returnPressed and the key
        # event); the property makes the second one a no-op.
        if editor.property("kaidan_closing"):
            return
        editor.setProperty("kaidan_closing", True)
        self.commitData.emit(editor)
        self.closeEditor.emit(editor, hint)

    def _browse(self, editor: ProductEditor, row: int) -> None:
        if not self.can_browse or editor.property("kaidan_closing"):
            return
        editor.setProperty("kaidan_closing", True)
        text = editor.text()
        # Closing without a commit leaves the line as it was until the picker returns.
        self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.RevertModelCache)
        self.browse_requested.emit(row, text)

    def eventFilter(self, editor: QObject, event: QEvent) -> bool:
        # Enter, Tab and Shift+Tab commit and move in every cell the same way;
        # the default filter would let Tab leave the grid and close twice on Enter.
        if event.type() == QEvent.Type.KeyPress and isinstance(editor, QWidget):
            key, modifiers = event.key(), event.modifiers()
            Hint = QAbstractItemDelegate.EndEditHint
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not modifiers & Qt.KeyboardModifier.ControlModifier:
                self._commit_and_close(editor, Hint.SubmitModelCache)
                return True
            if key == Qt.Key.Key_Tab and not modifiers & Qt.KeyboardModifier.ShiftModifier:
                self._commit_and_close(editor, Hint.EditNextItem)
                return True
            if key == Qt.Key.Key_Backtab or (key == Qt.Key.Key_Tab and modifiers & Qt.KeyboardModifier.ShiftModifier):
                self._commit_and_close(editor, Hint.EditPreviousItem)
                return True
        return super().eventFilter(editor, event)

    def setEditorData(self, editor: QWidget, index: _Index) -> None:
        value = index.data(Qt.ItemDataRole.EditRole) or ""
        if isinstance(editor, QComboBox):
            position = editor.findText(value)
            editor.setCurrentIndex(max(position, 0))
        elif isinstance(editor, QLineEdit) and self.rejected_text is not None:
            editor.setText(self.rejected_text)
            self.rejected_text = None
        elif isinstance(editor, QLineEdit) and not editor.text():
            editor.setText(value)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: _Index) -> None:
        problem = None
        self.ambiguous_text = None
        blank_last_line = model.line(index.row()).is_blank and index.row() == model.rowCount() - 1
        if isinstance(editor, ProductEditor) and blank_last_line and not editor.text().strip():
            self.left_blank = True
        elif isinstance(editor, ProductEditor):
            product = self.products.find(editor.text())
            scanned = self.products.scanned(editor.text())
            if scanned is not None and blank_last_line:
                # The grid adds the scanned product once the editor has closed.
                self.scanned = (index.row(), *scanned)
            elif scanned is not None:
                model.set_product(index.row(), *scanned)
                self.price_basis_changed.emit(index.row())
            elif product is None and self.can_browse and len(self.products.matches(editor.text())) > 1:
                # The grid opens the picker with this text once the editor has closed.
                self.ambiguous_text = editor.text()
                problem = translate("OrderGrid", "Several products match \"{text}\"; choose one in the list.").format(
                    text=editor.text().strip())
            elif product is None or not model.setData(index, product):
                problem = self.products.rejection(editor.text())
            else:
                self.price_basis_changed.emit(index.row())
        elif isinstance(editor, QComboBox):
            previous_unit = model.line(index.row()).unit_name
            if not model.setData(index, editor.currentText()):
                problem = translate("OrderGrid", "Invalid unit \"{text}\"; choose one of the product's units.").format(
                    text=editor.currentText())
            elif editor.currentText() != previous_unit:
                self.price_basis_changed.emit(index.row())
        elif isinstance(editor, QLineEdit):
            problem = self._number_problem(editor.text(), model, index)
            if problem is None and not model.setData(index, editor.text()):
                problem = translate("OrderGrid", "The value \"{text}\" was not accepted.").format(text=editor.text())
        self.last_commit_ok = problem is None
        if problem is None:
            self.rejected_text = None
            self.entry_message.emit("")
        else:
            self.rejected_text = editor.text() if isinstance(editor, QLineEdit) else None
            log.debug("rejected entry %r in column %d", self.rejected_text, index.column())
            self.entry_message.emit(problem)

    @staticmethod
    def _number_problem(text: str, model: QAbstractItemModel, index: _Index) -> str | None:
        """Return the translated reason why `text` is no valid quantity or price, or None when it is one."""
        if model.line(index.row()).product is None:
            return translate("OrderGrid", "Choose the product of line {line_no} first.").format(line_no=index.row() + 1)
        if index.column() == OrderLinesModel.QUANTITY and parse_quantity(text) is None:
            return translate("OrderGrid", "Invalid quantity \"{text}\": enter a number above zero with at most 3 decimals.").format(
                text=text.strip())
        if index.column() == OrderLinesModel.PRICE:
            price = parse_decimal(text)
            if price is None or price < 0:
                return translate("OrderGrid", "Invalid price \"{text}\": enter a number of zero or more.").format(text=text.strip())
        if index.column() == OrderLinesModel.DISCOUNT and parse_discount(text) is None:
            return translate(
                "OrderGrid", "Invalid discount \"{text}\": enter an amount such as 12.50 or a percentage such as 5%.",
            ).format(text=text.strip())
        return None
