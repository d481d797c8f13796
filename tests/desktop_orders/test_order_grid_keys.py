"""The order entry grid by keyboard: Tab walks like Enter, rejected values keep their text and explain why."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton, QVBoxLayout, QWidget

from desktop.models.order_models import OrderLinesModel, ProductChoice, UnitChoice
from desktop.views.order_grid import COMPLETER_MIN_WIDTH, EntryGrid, ProductEditor, ProductIndex

pytestmark = pytest.mark.timeout(60)

PRODUCTS = (
    ProductChoice("p1", "NW001", "Jasmine tea 100 g", "bag", (UnitChoice("bag", Decimal(1), Decimal("9.50")),)),
    ProductChoice("p2", "NW002", "Black tea 250 g", "box", (UnitChoice("box", Decimal(1), Decimal("126.00")),)),
)
INACTIVE = (ProductChoice("p5", "NW005", "Old oolong", "bag", (UnitChoice("bag", Decimal(1), Decimal("20.00")),)),)
Q, U, P, PRODUCT = OrderLinesModel.QUANTITY, OrderLinesModel.UNIT, OrderLinesModel.PRICE, OrderLinesModel.PRODUCT
D = OrderLinesModel.DISCOUNT


@pytest.fixture
def grid(qtbot):
    """An entry grid followed by a button, so a Tab that leaves the grid has somewhere to go."""
    window = QWidget()
    layout = QVBoxLayout(window)
    model = OrderLinesModel(window)
    entry_grid = EntryGrid(model, ProductIndex(PRODUCTS, INACTIVE), window)
    layout.addWidget(entry_grid)
    layout.addWidget(QPushButton("Save draft", window))
    entry_grid.owner = window  # pytest-qt keeps only a weak reference
    entry_grid.messages = []
    entry_grid.lines_delegate.entry_message.connect(entry_grid.messages.append)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)
    entry_grid.start_entry()
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), ProductEditor), timeout=10000)
    return entry_grid


def _target(qtbot):
    """Return the widget a real keyboard reaches: the completer popup while it is open."""
    # On a loaded machine the focus arrives some event-loop turns after a cell opens.
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None, timeout=10000)
    widget = QApplication.focusWidget()
    completer = widget.completer() if hasattr(widget, "completer") else None
    if completer is not None and completer.popup().isVisible():
        return completer.popup()
    return widget


def key(qtbot, code, modifier=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(_target(qtbot), code, modifier)
    qtbot.wait(30)


def type_text(qtbot, text):
    qtbot.keyClicks(_target(qtbot), text)
    qtbot.wait(30)


def wait_cell(qtbot, grid, row, column):
    # Offscreen, a closing completer popup can leave no window active; a real desktop re-activates it.
    if QApplication.activeWindow() is None:
        grid.window().activateWindow()
        qtbot.waitActive(grid.window())
    qtbot.waitUntil(lambda: (grid.currentIndex().row(), grid.currentIndex().column()) == (row, column)
                    and grid.state() == grid.State.EditingState
                    and QApplication.focusWidget() is grid.indexWidget(grid.currentIndex()), timeout=5000)


def test_tab_walks_line_like_enter(qtbot, grid):
    type_text(qtbot, "NW001")
    key(qtbot, Qt.Key.Key_Tab)
    wait_cell(qtbot, grid, 0, Q)
    type_text(qtbot, "42")
    key(qtbot, Qt.Key.Key_Tab)
    wait_cell(qtbot, grid, 0, U)
    key(qtbot, Qt.Key.Key_Tab)
    wait_cell(qtbot, grid, 0, P)
    key(qtbot, Qt.Key.Key_Tab)
    wait_cell(qtbot, grid, 0, D)
    key(qtbot, Qt.Key.Key_Tab)
    wait_cell(qtbot, grid, 1, PRODUCT)

    line = grid.lines_model.line(0)
    assert line.product.code == "NW001"
    assert line.quantity == Decimal("42")
    assert line.amount == Decimal("399.00")


def test_shift_tab_goes_back(qtbot, grid):
    type_text(qtbot, "NW002")
    key(qtbot, Qt.Key.Key_Tab)
    wait_cell(qtbot, grid, 0, Q)
    type_text(qtbot, "3")
    key(qtbot, Qt.Key.Key_Tab)
    wait_cell(qtbot, grid, 0, U)
    key(qtbot, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    wait_cell(qtbot, grid, 0, Q)
    assert grid.lines_model.line(0).quantity == Decimal("3")


def test_inactive_code_explained_and_kept(qtbot, grid):
    type_text(qtbot, "NW005")
    key(qtbot, Qt.Key.Key_Return)
    wait_cell(qtbot, grid, 0, PRODUCT)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None and QApplication.focusWidget().text() == "NW005")
    assert "NW005" in grid.messages[-1]
    assert "inactive" in grid.messages[-1]

    # The cell still takes typing: replace the code with an active one and go on.
    key(qtbot, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_text(qtbot, "NW001")
    key(qtbot, Qt.Key.Key_Return)
    wait_cell(qtbot, grid, 0, Q)
    assert grid.lines_model.line(0).product.code == "NW001"
    assert grid.messages[-1] == ""


@pytest.mark.parametrize("typed", ["abc", "-3", "0", "1.2345"])
def test_bad_quantity_explained_and_kept(qtbot, grid, typed):
    type_text(qtbot, "NW001")
    key(qtbot, Qt.Key.Key_Return)
    wait_cell(qtbot, grid, 0, Q)
    type_text(qtbot, typed)
    key(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: grid.messages and grid.messages[-1] != "")
    wait_cell(qtbot, grid, 0, Q)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None and QApplication.focusWidget().text() == typed)
    assert f'"{typed}"' in grid.messages[-1]
    assert "3 decimals" in grid.messages[-1]
    assert grid.lines_model.line(0).quantity is None

    key(qtbot, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_text(qtbot, "2.5")
    key(qtbot, Qt.Key.Key_Return)
    wait_cell(qtbot, grid, 0, U)
    assert grid.lines_model.line(0).quantity == Decimal("2.5")


def test_completer_popup_wider_than_column(qtbot, grid):
    type_text(qtbot, "NW")
    popup = QApplication.focusWidget().completer().popup()
    qtbot.waitUntil(popup.isVisible)
    assert popup.width() >= COMPLETER_MIN_WIDTH
    assert popup.width() > grid.columnWidth(PRODUCT)
    labels = [popup.model().index(row, 0).data() for row in range(popup.model().rowCount())]
    assert "NW001  Jasmine tea 100 g  (bag)" in labels


def test_tab_on_empty_line_leaves_grid(qtbot, grid):
    key(qtbot, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), QPushButton), timeout=5_000)
    assert grid.state() != grid.State.EditingState
    assert not any(grid.messages)
    assert grid.lines_model.rowCount() == 1


def test_tab_after_lines_leaves_grid(qtbot, grid):
    type_text(qtbot, "NW001")
    key(qtbot, Qt.Key.Key_Return)
    wait_cell(qtbot, grid, 0, Q)
    type_text(qtbot, "2")
    for _cell in (Q, U, P, D):
        key(qtbot, Qt.Key.Key_Tab)
    wait_cell(qtbot, grid, 1, PRODUCT)
    key(qtbot, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), QPushButton), timeout=5_000)
    assert grid.messages[-1] == ""
    assert grid.lines_model.line(0).quantity == Decimal("2")


def test_empty_line_enter_and_shift_tab(qtbot, grid):
    type_text(qtbot, "NW002")
    key(qtbot, Qt.Key.Key_Return)
    wait_cell(qtbot, grid, 0, Q)
    type_text(qtbot, "1")
    key(qtbot, Qt.Key.Key_Return)
    key(qtbot, Qt.Key.Key_Return)
    key(qtbot, Qt.Key.Key_Return)
    key(qtbot, Qt.Key.Key_Return)
    wait_cell(qtbot, grid, 1, PRODUCT)

    # Enter with nothing typed stays on the empty cell, without a message.
    key(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: grid.state() != grid.State.EditingState, timeout=5_000)
    assert (grid.currentIndex().row(), grid.currentIndex().column()) == (1, PRODUCT)
    assert QApplication.focusWidget() is grid
    assert not any(grid.messages)

    # Enter opens it again, and Shift+Tab goes back to the previous line's discount.
    key(qtbot, Qt.Key.Key_Return)
    wait_cell(qtbot, grid, 1, PRODUCT)
    key(qtbot, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    wait_cell(qtbot, grid, 0, D)
    assert not any(grid.messages)


def test_tax_rate_column_shown(qtbot, grid):
    type_text(qtbot, "NW001")
    key(qtbot, Qt.Key.Key_Return)
    wait_cell(qtbot, grid, 0, Q)
    column = OrderLinesModel.TAX_RATE
    text = grid.lines_model.data(grid.lines_model.index(0, column))
    assert text == "13%"
    assert not grid.isColumnHidden(column)
    assert grid.columnWidth(column) >= grid.fontMetrics().horizontalAdvance(text)
    assert column not in OrderLinesModel.EDITABLE
