"""The lines grid of the goods receipt and transfer editors, driven by the keyboard as the order grid is.

Enter or Tab commits a cell and moves to the next entry cell of the line,
then to the product cell of the next line; Shift+Tab goes back. Cells that
do not apply to a line's product (batch and expiry of an untracked product)
are skipped. The product cell is the order grid's ProductEditor: a code, a
barcode, pinyin initials or part of the name, with the completer; F2 opens
the shared product picker. Tab in the empty product cell of the blank last
line leaves the grid. Delete removes the current line when no cell is being
edited.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QLineEdit,
    QStyledItemDelegate,
    QTableView,
    QWidget,
)

from desktop.i18n import translate
from desktop.models.order_format import format_quantity
from desktop.models.stock_doc_lines import StockLinesModel
from desktop.views.product_entry import ProductEditor, ProductIndex
from desktop.views.product_picker import PickedProduct

log = logging.getLogger(__name__)

Hint = QAbstractItemDelegate.EndEditHint


class StockLinesDelegate(QStyledItemDelegate):
    """Cell editors of StockLinesModel; `entry_message` carries the reason a typed value was rejected ("" when accepted)."""

    entry_message = Signal(str)
    browse_requested = Signal(int, str)

    def __init__(self, products: ProductIndex, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.products = products
        self.last_commit_ok = True
        self.rejected_text: str | None = None
        self.left_blank = False

    def createEditor(self, parent: QWidget, option, index: QModelIndex) -> QWidget:
        model: StockLinesModel = index.model()
        key = model.key(index)
        if key == model.PRODUCT:
            editor = ProductEditor(self.products, parent)
            editor.chosen.connect(lambda: self._close(editor, Hint.SubmitModelCache))
            editor.tabbed.connect(lambda forward: self._close(editor, Hint.EditNextItem if forward else Hint.EditPreviousItem))
            row = index.row()
            editor.browse.connect(lambda: self._browse(editor, row))
            return editor
        if key == model.UNIT:
            combo = QComboBox(parent)
            line = model.line(index.row())
            combo.addItems([unit.name for unit in line.product.units] if line.product else [])
            return combo
        if key == model.BATCH and model.kind == "transfer":
            # The batches held in the source warehouse, earliest expiry first; a batch may also be typed.
            combo = QComboBox(parent)
            combo.setEditable(True)
            line = model.line(index.row())
            unit = line.product.unit(line.unit_name) if line.product else None
            factor = unit.factor if unit is not None else 1
            for batch, expiry, available in model.batches(index.row()):
                label = translate("StockLines", "{batch}  expires {expiry}  available {available}").format(
                    batch=batch, expiry=expiry.isoformat() if expiry else "-", available=format_quantity(available / factor))
                combo.addItem(label, batch)
            return combo
        editor = QLineEdit(parent)
        if key in (model.QUANTITY, model.UNIT_COST):
            editor.setAlignment(Qt.AlignmentFlag.AlignRight)
        if key == model.EXPIRY:
            editor.setPlaceholderText("YYYY-MM-DD")
        return editor

    def _close(self, editor: QWidget, hint: Hint) -> None:
        # Enter may arrive twice (returnPressed and the key event); the property makes the second a no-op.
        if editor.property("kaidan_closing"):
            return
        editor.setProperty("kaidan_closing", True)
        self.commitData.emit(editor)
        self.closeEditor.emit(editor, hint)

    def _browse(self, editor: ProductEditor, row: int) -> None:
        if editor.property("kaidan_closing"):
            return
        editor.setProperty("kaidan_closing", True)
        text = editor.text()
        self.closeEditor.emit(editor, Hint.RevertModelCache)
        self.browse_requested.emit(row, text)

    def eventFilter(self, editor: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(editor, QWidget):
            key, modifiers = event.key(), event.modifiers()
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not modifiers & Qt.KeyboardModifier.ControlModifier:
                self._close(editor, Hint.SubmitModelCache)
                return True
            if key == Qt.Key.Key_Tab and not modifiers & Qt.KeyboardModifier.ShiftModifier:
                self._close(editor, Hint.EditNextItem)
                return True
            if key == Qt.Key.Key_Backtab or (key == Qt.Key.Key_Tab and modifiers & Qt.KeyboardModifier.ShiftModifier):
                self._close(editor, Hint.EditPreviousItem)
                return True
        return super().eventFilter(editor, event)

    def setEditorData(self, editor: QWidget, index: QModelIndex) -> None:
        value = index.data(Qt.ItemDataRole.EditRole) or ""
        if isinstance(editor, QComboBox):
            position = editor.findData(value) if editor.isEditable() else editor.findText(value)
            if position >= 0:
                editor.setCurrentIndex(position)
            elif editor.isEditable():
                editor.setEditText(value)
        elif isinstance(editor, QLineEdit) and self.rejected_text is not None:
            editor.setText(self.rejected_text)
            self.rejected_text = None
        elif isinstance(editor, QLineEdit) and not editor.text():
            editor.setText(value)

    def setModelData(self, editor: QWidget, model: StockLinesModel, index: QModelIndex) -> None:
        key = model.key(index)
        blank_last = model.line(index.row()).is_blank and index.row() == model.rowCount() - 1
        problem = None
        typed = ""
        if isinstance(editor, ProductEditor):
            typed = editor.text()
            if blank_last and not typed.strip():
                self.left_blank = True
            else:
                scanned = self.products.scanned(typed)
                if scanned is not None:
                    model.set_product(index.row(), *scanned)
                else:
                    product = self.products.find(typed)
                    if product is None or not model.setData(index, product):
                        problem = self.products.rejection(typed)
        elif isinstance(editor, QComboBox) and editor.isEditable():
            typed = editor.currentText()
            batch = editor.currentData() if editor.currentIndex() >= 0 and editor.itemText(editor.currentIndex()) == typed else None
            model.setData(index, batch if batch is not None else typed)
        elif isinstance(editor, QComboBox):
            if not model.setData(index, editor.currentText()):
                problem = translate("StockLines", "Invalid unit \"{text}\"; choose one of the product's units.").format(
                    text=editor.currentText())
        elif isinstance(editor, QLineEdit):
            typed = editor.text()
            if not model.setData(index, typed):
                problem = self._problem(key, typed, model)
        self.last_commit_ok = problem is None
        self.rejected_text = None if problem is None else typed
        self.entry_message.emit(problem or "")

    @staticmethod
    def _problem(key: str, text: str, model: StockLinesModel) -> str:
        if key == model.QUANTITY:
            return translate("StockLines", "Invalid quantity \"{text}\": enter a number above zero with at most 3 decimals.").format(
                text=text.strip())
        if key == model.UNIT_COST:
            return translate("StockLines", "Invalid unit cost \"{text}\": enter a number of zero or more with at most 4 decimals.").format(
                text=text.strip())
        if key == model.EXPIRY:
            return translate("StockLines", "Invalid expiry date \"{text}\": enter a date such as 2027-03-31 or 20270331.").format(
                text=text.strip())
        return translate("StockLines", "The value \"{text}\" was not accepted.").format(text=text.strip())


class StockLinesGrid(QTableView):
    """The lines table of a receipt or transfer editor; set `product_picker` to enable F2."""

    def __init__(self, model: StockLinesModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.delegate = StockLinesDelegate(ProductIndex(()), self)
        self.setItemDelegate(self.delegate)
        self.product_picker: Callable[[str], PickedProduct | None] | None = None
        self.delegate.browse_requested.connect(lambda row, text: QTimer.singleShot(0, lambda: self.browse_product(row, text)))
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.AnyKeyPressed | QAbstractItemView.EditTrigger.DoubleClicked
                             | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.setTabKeyNavigation(False)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(model.column(model.NAME), QHeaderView.ResizeMode.Stretch)
        widths = {model.NUMBER: 36, model.PRODUCT: 90, model.UNIT: 48, model.QUANTITY: 70, model.UNIT_COST: 84,
                  model.BATCH: 150 if model.kind == "transfer" else 110, model.EXPIRY: 96, model.AMOUNT: 92,
                  model.AVAILABLE: 80}
        for key, width in widths.items():
            if key in model.columns:
                self.setColumnWidth(model.column(key), width)

    @property
    def lines_model(self) -> StockLinesModel:
        return self.model()

    def set_products(self, products: ProductIndex) -> None:
        self.delegate.products = products

    def start_entry(self, row: int | None = None) -> None:
        """Edit the product cell of `row` (default: the blank last line)."""
        model = self.lines_model
        row = model.rowCount() - 1 if row is None else row
        index = model.index(row, model.column(model.PRODUCT))
        self.setFocus()
        self.setCurrentIndex(index)
        self.edit(index)

    def finish_editing(self) -> None:
        """Commit the cell being edited, without moving, so that a posting shortcut reads its value."""
        if self.state() != QAbstractItemView.State.EditingState:
            return
        editor = self.indexWidget(self.currentIndex())
        if editor is not None:
            self.commitData(editor)
            super().closeEditor(editor, Hint.NoHint)

    def browse_product(self, row: int, text: str = "") -> None:
        """Pick the product of line `row` in the product picker, then move to its next entry cell."""
        model = self.lines_model
        if self.product_picker is None or not 0 <= row < model.rowCount():
            return
        picked = self.product_picker(text)
        index = model.index(row, model.column(model.PRODUCT))
        product = self.delegate.products.by_id.get(picked.product_id) if picked is not None else None
        if product is None:
            self.delegate.rejected_text = text or None
            self._edit(index)
            return
        model.set_product(row, product, picked.unit_name if product.unit(picked.unit_name) else None)
        self.delegate.entry_message.emit("")
        self._move(index, 1)

    def closeEditor(self, editor: QWidget, hint: Hint) -> None:
        if editor.property("kaidan_closed"):
            return
        editor.setProperty("kaidan_closed", True)
        current = self.currentIndex()
        super().closeEditor(editor, Hint.NoHint)
        delegate = self.delegate
        left_blank, delegate.left_blank = delegate.left_blank, False
        if hint == Hint.RevertModelCache or not current.isValid():
            delegate.last_commit_ok, delegate.rejected_text = True, None
            return
        if left_blank:
            if hint == Hint.EditNextItem:
                QTimer.singleShot(0, lambda: self.focusNextPrevChild(True))
            elif hint == Hint.EditPreviousItem:
                QTimer.singleShot(0, lambda: self._move(current, -1))
            return
        if not delegate.last_commit_ok:
            delegate.last_commit_ok = True
            if hint == Hint.NoHint:
                delegate.rejected_text = None
                return
            QTimer.singleShot(0, lambda: self._edit(current))
            return
        if hint == Hint.EditPreviousItem:
            QTimer.singleShot(0, lambda: self._move(current, -1))
        elif hint in (Hint.EditNextItem, Hint.SubmitModelCache):
            QTimer.singleShot(0, lambda: self._move(current, 1))

    def _edit(self, index: QModelIndex) -> None:
        self.setFocus()
        self.setCurrentIndex(index)
        self.edit(index)

    def _move(self, current: QModelIndex, step: int) -> None:
        """Edit the next (step 1) or previous (step −1) editable entry cell after `current`."""
        model = self.lines_model
        cells = [(row, key) for row in range(model.rowCount()) for key in model.entry_columns
                 if model.is_editable(row, key)]
        current_cell = (current.row(), model.key(current))
        if current_cell in cells:
            position = cells.index(current_cell) + step
        else:
            position = next((n for n, (row, _key) in enumerate(cells) if row > current.row()), len(cells))
        if not 0 <= position < len(cells):
            return
        row, key = cells[position]
        self._edit(model.index(row, model.column(key)))

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        # Tab from the header lands on the blank last line's product cell, ready to type.
        if event.reason() == Qt.FocusReason.TabFocusReason and self.state() != QAbstractItemView.State.EditingState:
            QTimer.singleShot(0, self.start_entry)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        editing = self.state() == QAbstractItemView.State.EditingState
        plain = event.modifiers() == Qt.KeyboardModifier.NoModifier
        if not editing and plain and key == Qt.Key.Key_Delete:
            row = self.currentIndex().row()
            if row >= 0 and self.lines_model.remove_line(row):
                model = self.lines_model
                self.setCurrentIndex(model.index(min(row, model.rowCount() - 1), model.column(model.PRODUCT)))
            return
        if not editing and plain and key == Qt.Key.Key_F2 and self.product_picker is not None:
            index = self.currentIndex()
            if index.isValid():
                self.browse_product(index.row())
                return
        if not editing and plain and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            index = self.currentIndex()
            if index.isValid() and self.lines_model.flags(index) & Qt.ItemFlag.ItemIsEditable:
                self.edit(index)
                return
        super().keyPressEvent(event)
