"""The order form shows the customer's last price (F4 takes it) and, in the live panel, stock and credit."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from desktop.context import AppContext
from desktop.models.order_models import OrderLinesModel
from desktop.views.order_editor import OrderEditor
from domain.ids import new_id
from sync.client import open_replica, submit, sync
from sync.local_commands import next_document_number
from tests.desktop_orders.chinese_ui import chinese_from_ts
from tests.desktop_orders.conftest import MANAGER, PASSWORD
from tests.desktop_orders.editor_window import open_entry_form
from tests.desktop_orders.keyboard import press, type_text

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


def _discounted_order(replica, ids) -> dict:
    """Confirm an order of C001 dated LAST_DATE: 5 P001 at 140.00 less 0.15, 20.00 freight, 9.85 document discount.

    Its lines come to 699.85 and its document total to 710.00; the net unit price is 699.85 / 5 = 139.97.
    """
    order_id = new_id()
    submit(replica, "order.create", {
        "id": order_id, "number": next_document_number(replica, "sales_order", LAST_DATE), "customer_id": ids["C001"],
        "warehouse_id": ids["W1"], "document_date": LAST_DATE.isoformat(), "freight_amount": "20.00",
        "discount_amount": "9.85",
        "lines": [{"id": new_id(), "product_id": ids["P001"], "quantity": "5", "unit_price": "140.00", "discount": "0.15"}],
    })
    return submit(replica, "order.confirm", {"id": order_id}).result


def test_last_price_is_net_of_discount(qtbot, tmp_path, sales_server):
    replica = open_replica(tmp_path / "client")
    sync(replica, sales_server.url, MANAGER, PASSWORD)
    assert _discounted_order(replica, sales_server.ids)["status"] == "approved"
    context = AppContext(replica, sales_server.url, MANAGER)
    context.sync.stop()
    editor = open_entry_form(qtbot, context, sales_server.ids["C001"])
    model = editor.lines_model

    type_text(qtbot, "P001")
    press(qtbot, Qt.Key.Key_Return)
    _wait_cell(qtbot, editor, 0, QUANTITY)
    qtbot.waitUntil(lambda: model.last_price(0) is not None, timeout=10_000)
    assert model.data(model.index(0, OrderLinesModel.LAST_PRICE)) == f"139.97  {LAST_DATE.isoformat()}"
    type_text(qtbot, "2")
    press(qtbot, Qt.Key.Key_F4)
    qtbot.waitUntil(lambda: model.line(0).unit_price == Decimal("139.97"), timeout=5_000)
    assert model.line(0).amount == Decimal("279.94")

    # Credit used counts the earlier order at its document total, freight and document discount included.
    panel = editor.live_panel
    qtbot.waitUntil(lambda: panel.figures is not None and panel.figures.credit is not None, timeout=10_000)
    assert panel.figures.credit.credit_used == Decimal("710.00")
    assert panel.used_value.text() == "710.00"
    context.close()


def test_f4_without_last_price_explains(qtbot, tmp_path, sales_server):
    replica = open_replica(tmp_path / "client")
    sync(replica, sales_server.url, MANAGER, PASSWORD)
    _discounted_order(replica, sales_server.ids)
    context = AppContext(replica, sales_server.url, MANAGER)
    context.sync.stop()
    try:
        editor = open_entry_form(qtbot, context, sales_server.ids["C001"])
        message = editor.message_label

        # The blank line has no product yet.
        press(qtbot, Qt.Key.Key_F4)
        qtbot.waitUntil(lambda: message.text() != "", timeout=5_000)
        assert message.text() == "Choose the product of line 1 first."

        type_text(qtbot, "P002")
        press(qtbot, Qt.Key.Key_Return)
        _wait_cell(qtbot, editor, 0, QUANTITY)
        type_text(qtbot, "2")
        press(qtbot, Qt.Key.Key_F4)
        qtbot.waitUntil(lambda: message.text().startswith("This customer"), timeout=5_000)
        assert message.text() == "This customer has not bought P002 in 盒 before."
        assert editor.lines_model.line(0).unit_price == Decimal("126.0000")

        with chinese_from_ts(tmp_path):
            press(qtbot, Qt.Key.Key_F4)
            qtbot.waitUntil(lambda: message.text().startswith("该客户"), timeout=5_000)
            assert message.text() == "该客户以前没有按“盒”买过 P002。"
    finally:
        context.close()


def test_local_credit_check_counts_document_total(tmp_path, sales_server):
    """The order confirmation run on the replica counts the earlier order at 710.00, not at its lines' 699.85."""
    from server_stub.admin import server_change
    from server_stub.db import Database

    from domain.models import Customer

    ids = sales_server.ids
    replica = open_replica(tmp_path / "client")
    sync(replica, sales_server.url, MANAGER, PASSWORD)
    _discounted_order(replica, ids)
    db = Database(sales_server.database_url)
    try:
        with db.write() as session, server_change(session):
            session.get(Customer, ids["C001"]).credit_limit = Decimal("1000.00")
    finally:
        db.dispose()
    assert sync(replica, sales_server.url, MANAGER, PASSWORD).push.rejected == 0

    order_id = new_id()
    submit(replica, "order.create", {
        "id": order_id, "number": next_document_number(replica, "sales_order", LAST_DATE), "customer_id": ids["C001"],
        "warehouse_id": ids["W1"], "document_date": LAST_DATE.isoformat(),
        "lines": [{"id": new_id(), "product_id": ids["P002"], "quantity": "3", "unit_price": "100.00"}],
    })
    result = submit(replica, "order.confirm", {"id": order_id}).result
    assert result["status"] == "submitted"
    assert result["approval_reasons"] == [{
        "code": "credit_limit_exceeded",
        "params": {"credit_limit": "1000.00", "credit_used": "710.00", "order_amount": "300.00"},
    }]
