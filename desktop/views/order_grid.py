"""The order entry grid: a table of lines driven by the keyboard.

Enter or Tab commits a cell and moves on: product → quantity → unit →
price → discount → the next line's product. Shift+Tab goes back. Delete
removes the current line when no cell is being edited. Tab in the empty
product cell of the blank last line leaves the grid. In the product cell
the user types a code, a barcode, pinyin initials or part of a name and
picks from the completer with the arrow keys and Enter. With a
`product_picker` set on the grid, F2 opens the product picker
(desktop.views.product_picker), and so does typed text that matches several
products. A barcode followed by Enter in the blank last line, as a scanner
types it, adds the product with quantity 1, or adds 1 to the line that
already has that product and unit, and waits for the next scan. The cell
editors and their checks are in desktop.views.order_grid_delegate.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from decimal import Decimal

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemDelegate, QAbstractItemView, QHeaderView, QLineEdit, QTableView, QWidget

from desktop.i18n import translate
from desktop.models.order_lines import ProductChoice
from desktop.models.order_models import OrderLinesModel, format_price
from desktop.views.order_grid_delegate import LinesDelegate
from desktop.views.product_entry import COMPLETER_MIN_WIDTH, ProductEditor, ProductIndex
from desktop.views.product_picker import PickedProduct

__all__ = ["COMPLETER_MIN_WIDTH", "EntryGrid", "LinesDelegate", "ProductEditor", "ProductIndex"]

log = logging.getLogger(__name__)

ENTRY_COLUMNS = (OrderLinesModel.PRODUCT, OrderLinesModel.QUANTITY, OrderLinesModel.UNIT, OrderLinesModel.PRICE,
                 OrderLinesModel.DISCOUNT)


class EntryGrid(QTableView):
    """The lines table of the order entry form.

    Set `product_picker` to a function that shows the product picker for a
    start text and returns the PickedProduct or None, to enable F2.
    """

    def __init__(self, model: OrderLinesModel, products: ProductIndex, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.lines_delegate = LinesDelegate(products, self)
        self.setItemDelegate(self.lines_delegate)
        self._product_picker: Callable[[str], PickedProduct | None] | None = None
        self.lines_delegate.browse_requested.connect(
            lambda row, text: QTimer.singleShot(0, lambda: self.browse_product(row, text)))
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
        # Narrow number columns leave the stretched product name some room on a 1024-pixel-wide screen too.
        for column, width in ((OrderLinesModel.NUMBER, 36), (OrderLinesModel.PRODUCT, 90),
                              (OrderLinesModel.QUANTITY, 60), (OrderLinesModel.UNIT, 48),
                              (OrderLinesModel.PRICE, 84), (OrderLinesModel.DISCOUNT, 62),
                              (OrderLinesModel.AMOUNT, 92), (OrderLinesModel.TAX_RATE, 46),
                              (OrderLinesModel.LAST_PRICE, 136)):
            self.setColumnWidth(column, width)
        # Rows as high as the text and the cell editors need, so a long order shows more lines at once.
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)

    @property
    def lines_model(self) -> OrderLinesModel:
        return self.model()

    @property
    def product_picker(self) -> Callable[[str], PickedProduct | None] | None:
        return self._product_picker

    @product_picker.setter
    def product_picker(self, picker: Callable[[str], PickedProduct | None] | None) -> None:
        self._product_picker = picker
        self.lines_delegate.can_browse = picker is not None

    def browse_product(self, row: int, text: str = "") -> None:
        """Pick the product of line `row` in the product picker, starting from `text`, then edit its quantity.

        The picked unit and price go on the line. Cancelling returns to the
        product cell with `text` in it.
        """
        if self._product_picker is None or not 0 <= row < self.lines_model.rowCount():
            return
        picked = self._product_picker(text)
        product_index = self.lines_model.index(row, OrderLinesModel.PRODUCT)
        product = self.lines_delegate.products.by_id.get(picked.product_id) if picked is not None else None
        if picked is not None and product is None:
            # The catalog was loaded when the form opened; a product added or activated since is not in it.
            log.warning("picked product %s is not in the entry form's catalog", picked.code)
            self.lines_delegate.entry_message.emit(translate(
                "OrderGrid", "Product {code} cannot be ordered in this form; reopen the order to load new products.",
            ).format(code=picked.code))
        if product is None:
            self.lines_delegate.rejected_text = text or None
            self._reopen(product_index)
            return
        model = self.lines_model
        model.setData(product_index, product)
        if picked.unit_name != model.line(row).unit_name:
            model.setData(model.index(row, OrderLinesModel.UNIT), picked.unit_name)
        if picked.price is not None:
            model.setData(model.index(row, OrderLinesModel.PRICE), str(picked.price))
        self.lines_delegate.entry_message.emit("")
        self._move(product_index, 1)

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
        # A second close of the same editor (a focus-out after Enter) must not move again.
        if editor.property("kaidan_closed"):
            return
        editor.setProperty("kaidan_closed", True)
        current = self.currentIndex()
        super().closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)
        Hint = QAbstractItemDelegate.EndEditHint
        delegate = self.lines_delegate
        left_blank, delegate.left_blank = delegate.left_blank, False
        if hint == Hint.RevertModelCache or not current.isValid():
            delegate.last_commit_ok = True
            delegate.rejected_text = None
            delegate.scanned = None
            return
        if left_blank:
            if hint == Hint.EditNextItem:
                # Tab on the empty last line leaves the grid, as it leaves any other widget.
                QTimer.singleShot(0, lambda: self.focusNextPrevChild(True))
            elif hint == Hint.EditPreviousItem:
                QTimer.singleShot(0, lambda: self._move(current, -1))
            return
        if delegate.scanned is not None:
            row, product, unit_name = delegate.scanned
            delegate.scanned = None
            self.add_scanned(row, product, unit_name)
            QTimer.singleShot(0, lambda: self.start_entry())
            return
        if not delegate.last_commit_ok:
            delegate.last_commit_ok = True
            if hint == Hint.NoHint:
                # The focus went elsewhere: keep the message, do not pull the focus back.
                delegate.rejected_text = None
                return
            if delegate.ambiguous_text is not None:
                text, delegate.ambiguous_text = delegate.ambiguous_text, None
                QTimer.singleShot(0, lambda: self.browse_product(current.row(), text))
                return
            # The typed value was not accepted: reopen the cell with that text so the user can fix it.
            QTimer.singleShot(0, lambda: self._reopen(current))
            return
        if hint == Hint.EditPreviousItem:
            QTimer.singleShot(0, lambda: self._move(current, -1))
        elif hint in (Hint.EditNextItem, Hint.SubmitModelCache):
            QTimer.singleShot(0, lambda: self._move(current, 1))
        # NoHint (the focus moved away, a click elsewhere) closes the cell without moving.

    def add_scanned(self, row: int, product: ProductChoice, unit_name: str) -> int:
        """Add 1 of a scanned product unit: to the line that has it already, else on line `row`. Returns the row."""
        model = self.lines_model
        existing = model.find_line(product.id, unit_name)
        if existing is not None:
            model.add_quantity(existing, Decimal(1))
            log.debug("scan added 1 %s of %s on line %d", unit_name, product.code, existing + 1)
            return existing
        model.set_product(row, product, unit_name)
        model.add_quantity(row, Decimal(1))
        self.lines_delegate.price_basis_changed.emit(row)
        return row

    def take_last_price(self) -> bool:
        """Put the customer's last net unit price of the current line's product unit in its price.

        Returns False, and shows why, when the line has no product or the customer never bought it in that unit.
        """
        index = self.currentIndex()
        model = self.lines_model
        line = model.line(index.row()) if index.isValid() else None
        if line is None or line.product is None:
            row = index.row() if index.isValid() else model.rowCount() - 1
            self.lines_delegate.entry_message.emit(
                translate("OrderGrid", "Choose the product of line {line_no} first.").format(line_no=row + 1))
            return False
        last = model.last_price(index.row())
        if last is None:
            self.lines_delegate.entry_message.emit(translate(
                "OrderGrid", "This customer has not bought {code} in {unit} before.").format(
                    code=line.product.code, unit=line.unit_name))
            return False
        editor = self.indexWidget(index) if self.state() == QAbstractItemView.State.EditingState else None
        if index.column() == OrderLinesModel.PRICE and isinstance(editor, QLineEdit):
            # The open price cell commits its text when it closes, so the price goes into the cell.
            editor.setText(format_price(last.price))
            editor.selectAll()
        else:
            self.finish_editing()
            model.setData(model.index(index.row(), OrderLinesModel.PRICE), str(last.price))
        self.lines_delegate.entry_message.emit("")
        return True

    def _reopen(self, index: QModelIndex) -> None:
        self.setFocus()
        self.setCurrentIndex(index)
        self.edit(index)
        if self.state() != QAbstractItemView.State.EditingState:
            log.warning("could not reopen the cell at row %d, column %d", index.row(), index.column())
            self.lines_delegate.rejected_text = None

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
        if not editing and key == Qt.Key.Key_F2 and self._product_picker is not None:
            index = self.currentIndex()
            if index.isValid() and self.lines_model.flags(index) & Qt.ItemFlag.ItemIsEditable:
                self.browse_product(index.row())
                return
        if not editing and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and event.modifiers() == Qt.KeyboardModifier.NoModifier:
            index = self.currentIndex()
            if index.isValid() and self.lines_model.flags(index) & Qt.ItemFlag.ItemIsEditable:
                self.edit(index)
                return
        super().keyPressEvent(event)
