"""Access keys of the order form's header fields work from inside the entry grid and its cell editors."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel

from desktop.context import AppContext
from desktop.models.order_models import OrderLinesModel
from desktop.views.order_editor import OrderEditor
from sync.client import open_replica, sync
from tests.desktop_orders.chinese_ui import chinese_from_ts
from tests.desktop_orders.conftest import MANAGER, PASSWORD
from tests.desktop_orders.editor_window import open_entry_form
from tests.desktop_orders.keyboard import press, type_text

pytestmark = pytest.mark.timeout(120)

QUANTITY = OrderLinesModel.QUANTITY
# (access key, object name of the header field it focuses)
HEADER_KEYS = ((Qt.Key.Key_F, "freightEdit"), (Qt.Key.Key_D, "documentDiscountEdit"), (Qt.Key.Key_V, "deliveryDateEdit"))


@pytest.fixture
def open_editor(qtbot, tmp_path, sales_server):
    """Return a function that opens the order form for C001, in the language installed at the time."""
    replica = open_replica(tmp_path / "client")
    sync(replica, sales_server.url, MANAGER, PASSWORD)
    context = AppContext(replica, sales_server.url, MANAGER)
    context.sync.stop()
    try:
        yield lambda: open_entry_form(qtbot, context, sales_server.ids["C001"])
    finally:
        context.close()


def _edit_cell(qtbot, editor: OrderEditor, column: int) -> None:
    """Open the first line's cell in `column`, choosing P001 for the line first when it has no product."""
    grid, model = editor.grid, editor.lines_model
    if model.line(0).product is None:
        grid.start_entry(0)
        qtbot.waitUntil(lambda: grid.state() == grid.State.EditingState, timeout=10_000)
        type_text(qtbot, "P001")
        press(qtbot, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: grid.currentIndex().column() == QUANTITY, timeout=10_000)
        type_text(qtbot, "9")
        press(qtbot, Qt.Key.Key_Return)
    grid.setFocus()
    grid.setCurrentIndex(model.index(0, column))
    grid.edit(grid.currentIndex())
    qtbot.waitUntil(lambda: grid.state() == grid.State.EditingState and QApplication.focusWidget() is not None
                    and QApplication.focusWidget() is grid.indexWidget(grid.currentIndex()), timeout=10_000)


def _press_access_key(qtbot, editor: OrderEditor, key: Qt.Key, field_name: str) -> None:
    press(qtbot, key, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None
                    and QApplication.focusWidget().objectName() == field_name, timeout=5_000)
    assert editor.grid.state() != editor.grid.State.EditingState
    # The access key's letter went nowhere.
    assert QApplication.focusWidget().text() == ""


def _check_access_keys(qtbot, editor: OrderEditor) -> None:
    model = editor.lines_model
    # The quantity cell commits what was typed before the focus moves.
    _edit_cell(qtbot, editor, QUANTITY)
    type_text(qtbot, "4")
    _press_access_key(qtbot, editor, *HEADER_KEYS[0])
    assert model.line(0).quantity == 4

    _edit_cell(qtbot, editor, OrderLinesModel.PRICE)
    type_text(qtbot, "77")
    _press_access_key(qtbot, editor, *HEADER_KEYS[1])
    assert model.line(0).unit_price == 77

    _edit_cell(qtbot, editor, OrderLinesModel.UNIT)
    _press_access_key(qtbot, editor, *HEADER_KEYS[2])

    _edit_cell(qtbot, editor, OrderLinesModel.DISCOUNT)
    type_text(qtbot, "5%")
    _press_access_key(qtbot, editor, *HEADER_KEYS[0])
    assert model.line(0).discount_percent == Decimal("0.05")

    # The grid without an open cell, and the product cell of the blank line with its completer open.
    editor.grid.setFocus()
    editor.grid.setCurrentIndex(model.index(0, QUANTITY))
    qtbot.waitUntil(lambda: QApplication.focusWidget() is editor.grid, timeout=5_000)
    _press_access_key(qtbot, editor, *HEADER_KEYS[1])
    editor.grid.start_entry()
    qtbot.waitUntil(lambda: editor.grid.state() == editor.grid.State.EditingState, timeout=10_000)
    type_text(qtbot, "P00")
    _press_access_key(qtbot, editor, *HEADER_KEYS[2])


def test_access_keys_leave_cell_editor(qtbot, open_editor):
    _check_access_keys(qtbot, open_editor())


def test_chinese_access_keys_leave_cell_editor(qtbot, tmp_path, open_editor):
    with chinese_from_ts(tmp_path):
        editor = open_editor()
        labels = {label.buddy().objectName(): label.text() for label in editor.extras.findChildren(QLabel)
                  if label.buddy() is not None}
        assert labels["freightEdit"] == "运费(&F)："
        assert labels["documentDiscountEdit"] == "整单折扣(&D)："
        assert labels["deliveryDateEdit"] == "要求交货日期(&V)："
        _check_access_keys(qtbot, editor)
