"""The order entry grid: a table of lines driven by the keyboard.

Enter or Tab commits a cell and moves on: product → quantity → unit →
price → the next line's product. Shift+Tab goes back. Delete removes the
current line when no cell is being edited. In the product cell the user
types a code or part of a name and picks from the completer with the arrow
keys and Enter. With a `product_picker` set on the grid, F2 opens the
product picker (desktop.views.product_picker), and so does typed text that
matches several products.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QAbstractItemModel, QEvent, QModelIndex, QObject, QPersistentModelIndex, Qt, QTimer, Signal
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

from desktop.i18n import translate
from desktop.models.order_models import OrderLinesModel, ProductChoice, parse_decimal, parse_quantity
from desktop.views.product_picker import PickedProduct

log = logging.getLogger(__name__)

ENTRY_COLUMNS = (OrderLinesModel.PRODUCT, OrderLinesModel.QUANTITY, OrderLinesModel.UNIT, OrderLinesModel.PRICE)
_Index = QModelIndex | QPersistentModelIndex


class ProductIndex:
    """Finds a product from what was typed: an exact code first, then a unique code or name match."""

    def __init__(self, products: tuple[ProductChoice, ...], inactive: tuple[ProductChoice, ...] = ()) -> None:
        self.products = products
        self.by_code = {product.code.casefold(): product for product in products}
        self.by_id = {product.id: product for product in products}
        # Products that exist but may not be ordered, so a typed code gets a reason, not silence.
        self.inactive_by_code = {product.code.casefold(): product for product in inactive}
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
        matches = self.matches(typed)
        return matches[0] if len(matches) == 1 else None

    def matches(self, text: str) -> list[ProductChoice]:
        """Return the products whose code or name contains `text`, ignoring case."""
        needle = text.strip().casefold()
        if not needle:
            return []
        return [p for p in self.products if needle in p.code.casefold() or needle in p.name.casefold()]

    def rejection(self, text: str) -> str:
        """Return the translated reason why `text` picks no product."""
        typed = text.strip()
        inactive = self.inactive_by_code.get(typed.split()[0].casefold()) if typed else None
        if inactive is not None:
            return translate("OrderGrid", "Product {code} ({name}) is inactive and cannot be ordered; choose another product.").format(
                code=inactive.code, name=inactive.name)
        return translate("OrderGrid", "No single product matches \"{text}\"; type a product code or more of its name.").format(
            text=typed)


# Minimum width of the product completer's popup in pixels, wider than the
# product column so the code, name and unit fit.
COMPLETER_MIN_WIDTH = 420


class ProductEditor(QLineEdit):
    """The product cell's editor.

    `chosen` is emitted when Enter picks a completion from the popup,
    `tabbed` (True forward, False backward) when Tab or Shift+Tab leaves it
    and `browse` when F2 asks for the product picker.
    """

    chosen = Signal()
    tabbed = Signal(bool)
    browse = Signal()

    def __init__(self, index: ProductIndex, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        labels = [f"{label}  ({product.base_unit})" for label, product in zip(index.labels, index.products)]
        completer = QCompleter(labels, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        completer.setMaxVisibleItems(12)
        completer.popup().setMinimumWidth(COMPLETER_MIN_WIDTH)
        self.setCompleter(completer)
        # With the popup open, QCompleter consumes Enter and Tab before the
        # delegate's event filter sees them and passes them to event() directly;
        # returnPressed and the event() override catch that path.
        self.returnPressed.connect(self.chosen)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            self.tabbed.emit(event.key() == Qt.Key.Key_Tab and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
            return True
        if event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_F2:
            self.browse.emit()
            return True
        return super().event(event)


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
        if isinstance(editor, ProductEditor):
            product = self.products.find(editor.text())
            if product is None and self.can_browse and len(self.products.matches(editor.text())) > 1:
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
        return None


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
        for column, width in ((OrderLinesModel.NUMBER, 40), (OrderLinesModel.PRODUCT, 110),
                              (OrderLinesModel.QUANTITY, 90), (OrderLinesModel.UNIT, 70),
                              (OrderLinesModel.PRICE, 100), (OrderLinesModel.AMOUNT, 110)):
            self.setColumnWidth(column, width)

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
        if hint == Hint.RevertModelCache or not current.isValid():
            delegate.last_commit_ok = True
            delegate.rejected_text = None
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
