"""The order form shows the customer's last price (F4 takes it) and, in the live panel, stock and credit."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from desktop.context import AppContext
from desktop.models.order_models import OrderLinesModel
from desktop.views.order_editor import OrderEditor
from domain.ids import new_id
from sync.client import open_replica, submit, sync
from sync.local_commands import next_document_number
from tests.desktop_orders.conftest import MANAGER, PASSWORD
from tests.desktop_orders.test_keyboard_order_30_lines import press, type_text

pytestmark = pytest.mark.timeout(120)

PRODUCT, QUANTITY, PRICE = OrderLinesModel.PRODUCT, OrderLinesModel.QUANTITY, OrderLinesModel.PRICE
LAST_DATE = dt.date(2026, 11, 2)


def _earlier_order(replica, ids) -> str:
    """Confirm an order of C001 for 5 P001 at 80.00, dated LAST_DATE; returns its number."""
    order_id = new_id()
    number = next_document_number(replica, "sales_order", LAST_DATE)
    submit(replica, "order.create", {
        "id": order_id, "number": number, "customer_id": ids["C001"], "warehouse_id": ids["W1"],
        "document_date": LAST_DATE.isoformat(),
        "lines": [{"id": new_id(), "product_id": ids["P001"], "quantity": "5", "unit_price": "80.00"}],
    })
    submit(replica, "order.confirm", {"id": order_id})
    return number


def _wait_cell(qtbot, editor, row, column):
    grid = editor.grid
    qtbot.waitUntil(lambda: (grid.currentIndex().row(), grid.currentIndex().column()) == (row, column)
                    and grid.state() == grid.State.EditingState, timeout=10_000)


def test_last_price_taken_with_f4(qtbot, tmp_path, sales_server):
    replica = open_replica(tmp_path / "client")
    sync(replica, sales_server.url, MANAGER, PASSWORD)
    _earlier_order(replica, sales_server.ids)
    context = AppContext(replica, sales_server.url, MANAGER)
    context.sync.stop()
    editor = OrderEditor(context, customer_id=sales_server.ids["C001"])
    qtbot.addWidget(editor, before_close_func=lambda widget: setattr(widget, "dirty", False))
    editor.show()
    editor.activateWindow()
    qtbot.waitActive(editor)
    qtbot.waitUntil(lambda: editor.catalog is not None and editor.grid.state() == editor.grid.State.EditingState,
                    timeout=15_000)

    type_text(qtbot, "P001")
    press(qtbot, Qt.Key.Key_Return)
    _wait_cell(qtbot, editor, 0, QUANTITY)
    model = editor.lines_model
    qtbot.waitUntil(lambda: model.last_price(0) is not None, timeout=10_000)
    shown = model.data(model.index(0, OrderLinesModel.LAST_PRICE))
    assert "80.00" in shown
    assert LAST_DATE.isoformat() in shown
    assert "F4" in model.headerData(OrderLinesModel.LAST_PRICE, Qt.Orientation.Horizontal)
    assert model.line(0).unit_price == model.line(0).product.units[0].price

    # F4 in the quantity cell puts the last price on the line; in the open price cell it replaces the typed text.
    type_text(qtbot, "2")
    press(qtbot, Qt.Key.Key_F4)
    qtbot.waitUntil(lambda: str(model.line(0).unit_price) == "80.0000", timeout=5_000)
    assert model.line(0).quantity == 2
    grid = editor.grid
    grid.setCurrentIndex(model.index(0, PRICE))
    grid.edit(grid.currentIndex())
    _wait_cell(qtbot, editor, 0, PRICE)
    price_editor = grid.indexWidget(grid.currentIndex())
    price_editor.setText("99")
    qtbot.keyClick(price_editor, Qt.Key.Key_F4)
    assert price_editor.text() == "80.00"

    # The live panel: P001's stock in W1 after the earlier order reserved 5, and C001's credit figures.
    panel = editor.live_panel
    qtbot.waitUntil(lambda: panel.figures is not None and panel.figures.stock is not None
                    and panel.figures.credit is not None, timeout=10_000)
    stock = panel.figures.stock
    assert stock.code == "P001"
    assert [(w.code, w.available) for w in stock.warehouses] == [("W1", 95)]
    assert "W1" in panel.stock_label.text()
    assert "95" in panel.stock_label.text()
    assert panel.figures.credit.credit_used == 400
    assert panel.used_value.text() == "400.00"
    assert panel.overdue_value.text() == "0.00"

    # Another product on a new line moves the panel to that product.
    qtbot.keyClick(price_editor, Qt.Key.Key_Return)
    _wait_cell(qtbot, editor, 0, OrderLinesModel.DISCOUNT)
    press(qtbot, Qt.Key.Key_Return)
    _wait_cell(qtbot, editor, 1, PRODUCT)
    type_text(qtbot, "P002")
    press(qtbot, Qt.Key.Key_Return)
    _wait_cell(qtbot, editor, 1, QUANTITY)
    qtbot.waitUntil(lambda: panel.figures.stock is not None and panel.figures.stock.code == "P002", timeout=10_000)
    assert [(w.code, w.available) for w in panel.figures.stock.warehouses] == [("W1", 100)]
    context.close()
