"""The order entry grid: a table of lines driven by the keyboard.

Enter or Tab commits a cell and moves on: product → quantity → unit →
price → the next line's product. Shift+Tab goes back. Delete removes the
current line when no cell is being edited. In the product cell the user
types a code or part of a name and picks from the completer with the arrow
keys and Enter.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QHeaderView,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from desktop.models.order_models import OrderLinesModel, ProductChoice

log = logging.getLogger(__name__)

ENTRY_COLUMNS = (OrderLinesModel.PRODUCT, OrderLinesModel.QUANTITY, OrderLinesModel.UNIT, OrderLinesModel.PRICE)
_Index = QModelIndex | QPersistentModelIndex


class ProductIndex:
    """Finds a product from what was typed: an exact code first, then a unique code or name match."""

    def __init__(self, products: tuple[ProductChoice, ...]) -> None:
        self.products = products
        self.by_code = {product.code.casefold(): product for product in products}
        self.labels = [self.label(product) for product in products]

    @staticmethod
    def label(product: ProductChoice) -> str:
        return f"{product.code}  {product.name}"

    def find(self, text: str) -> ProductChoice | None:
        typed = text.strip()
        if not typed:
            return None
        first_word = typed.split()[0].casefold()
        if first_word in self.by_code:
            return self.by_code[first_word]
        needle = typed.casefold()
        matches = [p for p in self.products if needle in p.code.casefold() or needle in p.name.casefold()]
        return matches[0] if len(matches) == 1 else None


class ProductEditor(QLineEdit):
    """The product cell's editor; `chosen` is emitted when Enter picks a completion from the popup."""

    chosen = Signal()

    def __init__(self, index: ProductIndex, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        completer = QCompleter(index.labels, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        completer.setMaxVisibleItems(12)
        self.setCompleter(completer)
        # With the popup open, QCompleter consumes Enter before the delegate sees
        # it and hands it to the line edit directly; returnPressed catches that path.
        self.returnPressed.connect(self.chosen)


class LinesDelegate(QStyledItemDelegate):
    """Editors for the product, unit, quantity and price cells; remembers whether the last commit was valid."""

    def __init__(self, products: ProductIndex, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.products = products
        self.last_commit_ok = True

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: _Index) -> QWidget:
        column = index.column()
        if column == OrderLinesModel.PRODUCT:
            editor = ProductEditor(self.products, parent)
            editor.chosen.connect(lambda: self._commit_and_close(editor))
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

    def _commit_and_close(self, editor: QWidget) -> None:
        if editor.property("kaidan_closing"):
            return
        editor.setProperty("kaidan_closing", True)
        self.commitData.emit(editor)
        self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.SubmitModelCache)

    def setEditorData(self, editor: QWidget, index: _Index) -> None:
        value = index.data(Qt.ItemDataRole.EditRole) or ""
        if isinstance(editor, QComboBox):
            position = editor.findText(value)
            editor.setCurrentIndex(max(position, 0))
        elif isinstance(editor, QLineEdit) and not editor.text():
            editor.setText(value)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: _Index) -> None:
        if isinstance(editor, ProductEditor):
            product = self.products.find(editor.text())
            self.last_commit_ok = product is not None and model.setData(index, product)
            if not self.last_commit_ok:
                log.debug("no product matches %r", editor.text())
        elif isinstance(editor, QComboBox):
            self.last_commit_ok = model.setData(index, editor.currentText())
        elif isinstance(editor, QLineEdit):
            self.last_commit_ok = model.setData(index, editor.text())


class EntryGrid(QTableView):
    """The lines table of the order entry form."""

    def __init__(self, model: OrderLinesModel, products: ProductIndex, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.lines_delegate = LinesDelegate(products, self)
        self.setItemDelegate(self.lines_delegate)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.setTabKeyNavigation(False)
        self.verticalHeader().setVisible(False)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(OrderLinesModel.NAME, QHeaderView.ResizeMode.Stretch)
        for column, width in ((OrderLinesModel.NUMBER, 40), (OrderLinesModel.PRODUCT, 110),
                              (OrderLinesModel.QUANTITY, 90), (OrderLinesModel.UNIT, 70),
                              (OrderLinesModel.PRICE, 100), (OrderLinesModel.AMOUNT, 110)):
            self.setColumnWidth(column, width)

    @property
    def lines_model(self) -> OrderLinesModel:
        return self.model()

    def start_entry(self, row: int | None = None) -> None:
        """Put the cursor in the product cell of `row` (default: the blank last line) and edit it."""
        if row is None:
            row = self.lines_model.rowCount() - 1
        index = self.lines_model.index(row, OrderLinesModel.PRODUCT)
        self.setFocus()
        self.setCurrentIndex(index)
        self.edit(index)

    def finish_editing(self) -> None:
        """Commit the cell being edited, without moving, before the order is saved."""
        if self.state() != QAbstractItemView.State.EditingState:
            return
        editor = self.indexWidget(self.currentIndex())
        if editor is not None:
            self.commitData(editor)
            super().closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        current = self.currentIndex()
        super().closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)
        Hint = QAbstractItemDelegate.EndEditHint
        if hint == Hint.RevertModelCache or not current.isValid():
            return
        if not self.lines_delegate.last_commit_ok:
            # The typed value was not accepted: stay in the cell so the user can fix it.
            self.lines_delegate.last_commit_ok = True
            QTimer.singleShot(0, lambda: self.edit(current))
            return
        if hint == Hint.EditPreviousItem:
            QTimer.singleShot(0, lambda: self._move(current, -1))
        elif hint in (Hint.EditNextItem, Hint.SubmitModelCache):
            QTimer.singleShot(0, lambda: self._move(current, 1))
        # NoHint (the focus moved away, a click elsewhere) closes the cell without moving.

    def _move(self, current: QModelIndex, step: int) -> None:
        """Edit the next (step 1) or previous (step −1) entry cell after `current`."""
        model = self.lines_model
        row, column = current.row(), current.column()
        position = ENTRY_COLUMNS.index(column) if column in ENTRY_COLUMNS else 0
        position += step
        if position >= len(ENTRY_COLUMNS):
            row, position = row + 1, 0
        elif position < 0:
            row, position = row - 1, len(ENTRY_COLUMNS) - 1
        if not 0 <= row < model.rowCount():
            return
        target = model.index(row, ENTRY_COLUMNS[position])
        self.setCurrentIndex(target)
        if model.flags(target) & Qt.ItemFlag.ItemIsEditable:
            self.edit(target)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        editing = self.state() == QAbstractItemView.State.EditingState
        if not editing and key == Qt.Key.Key_Delete and event.modifiers() == Qt.KeyboardModifier.NoModifier:
            row = self.currentIndex().row()
            if row >= 0 and self.lines_model.remove_line(row):
                target = self.lines_model.index(min(row, self.lines_model.rowCount() - 1), OrderLinesModel.PRODUCT)
                self.setCurrentIndex(target)
            return
        if not editing and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and event.modifiers() == Qt.KeyboardModifier.NoModifier:
            index = self.currentIndex()
            if index.isValid() and self.lines_model.flags(index) & Qt.ItemFlag.ItemIsEditable:
                self.edit(index)
                return
        super().keyPressEvent(event)
