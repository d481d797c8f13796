"""From the customer list to a shipped, printed and synced order, by keyboard, with the server down."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import create_engine, text

from desktop.context import AppContext
from desktop.models.order_models import OrderLinesModel
from desktop.printing.capitals import amount_in_capitals
from desktop.views.main_window import DELIVERIES, MainWindow
from desktop.views.order_editor import OrderEditor
from sync.client import open_replica, sync
from tests.desktop_orders.conftest import MANAGER, PASSWORD
from tests.desktop_orders.preview_pdf import print_preview_to_pdf
from tests.pg import backends

pytestmark = pytest.mark.timeout(240)

# (product code, quantity, price typed or None to keep the default); amounts 265.50 + 252.00 + 45.35.
LINES = (("P001", "3", None), ("P002", "2", None), ("P003", "5", "9.07"))
EXPECTED_TOTAL = Decimal("562.85")


def focused(qtbot):
    """Return the focus widget of the active window, activating the last window that had one."""
    widget = QApplication.focusWidget()
    if widget is None:
        window = _last_window()
        window.activateWindow()
        qtbot.waitActive(window)
        # On a loaded machine the focus arrives some event-loop turns after activation.
        qtbot.waitUntil(lambda: (QApplication.focusWidget() or window.focusWidget()) is not None, timeout=10000)
        widget = QApplication.focusWidget() or window.focusWidget()
    assert widget is not None, "no widget has the keyboard focus"
    return widget


def _last_window():
    visible = [w for w in QApplication.topLevelWidgets() if w.isVisible() and w.isWindow()]
    editors = [w for w in visible if isinstance(w, OrderEditor)]
    return (editors or visible)[-1]


def press(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(focused(qtbot), key, modifier)
    qtbot.wait(30)


def type_text(qtbot, typed: str):
    qtbot.keyClicks(focused(qtbot), typed)
    qtbot.wait(30)


def server_rows(database_url: str, sql: str, **params):
    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            return connection.execute(text(sql), params).all()
    finally:
        engine.dispose()


@pytest.mark.parametrize("sales_server", backends(postgres=True), indirect=True)
def test_keyboard_order_ships_prints_and_syncs(qtbot, tmp_path, sales_server, memory_keyring):
    data_dir = tmp_path / "client"
    replica = open_replica(data_dir)
    sync(replica, sales_server.url, MANAGER, PASSWORD)
    sales_server.stop()

    context = AppContext(replica, sales_server.url, MANAGER)
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)

    # Customer list: search for the customer's code, Enter to the list, Ctrl+Enter opens a new order.
    customers = window.pages["customers"]
    customers.search.setFocus()
    qtbot.waitUntil(lambda: customers.search.hasFocus(), timeout=10000)
    type_text(qtbot, "C001")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: customers.table.currentIndex().isValid() and customers.model.rowCount() == 1)
    press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    qtbot.waitUntil(lambda: _editor(window) is not None)
    editor = _editor(window)
    qtbot.waitActive(editor)
    qtbot.waitUntil(lambda: editor.catalog is not None and editor.grid.state() == editor.grid.State.EditingState)
    assert editor.draft.customer.code == "C001"

    # Lines: product code, Enter; quantity, Enter; unit, Enter; price, Enter; discount, Enter.
    for code, quantity, price in LINES:
        type_text(qtbot, code)
        press(qtbot, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: editor.grid.currentIndex().column() == OrderLinesModel.QUANTITY)
        type_text(qtbot, quantity)
        press(qtbot, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: editor.grid.currentIndex().column() == OrderLinesModel.UNIT)
        press(qtbot, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: editor.grid.currentIndex().column() == OrderLinesModel.PRICE)
        if price is not None:
            press(qtbot, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
            type_text(qtbot, price)
        press(qtbot, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: editor.grid.currentIndex().column() == OrderLinesModel.DISCOUNT)
        press(qtbot, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: editor.grid.currentIndex().column() == OrderLinesModel.PRODUCT)

    assert len(editor.lines_model.complete_lines()) == 3
    assert editor.lines_model.total_amount() == EXPECTED_TOTAL
    assert "562.85" in editor.total_label.text()

    # Ctrl+Enter saves and confirms; the stock is there, so it is approved at once.
    press(qtbot, Qt.Key.Key_Escape)  # leave the blank line's product cell
    press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: editor.draft.status == "approved", timeout=15000)
    number = editor.draft.number
    assert number.startswith("SO-")
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: _editor(window) is None)

    # Deliveries: Ctrl+4, the order is the current order to ship, Enter ships it and opens the preview.
    window.activateWindow()
    qtbot.waitActive(window)
    window.navigation.setFocus()
    press(qtbot, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    deliveries = window.pages[DELIVERIES]
    qtbot.waitUntil(lambda: deliveries.orders_model.rowCount() == 1)
    deliveries.orders_table.setFocus()
    qtbot.waitUntil(lambda: deliveries.orders_table.currentIndex().isValid())
    assert deliveries.orders_model.row_at(0).number == number
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: deliveries.preview is not None, timeout=15000)

    # Print from the preview to a PDF file, the way "Print to file" does.
    extracted = print_preview_to_pdf(deliveries.preview, tmp_path / "delivery-note.pdf")
    qtbot.waitUntil(lambda: deliveries.deliveries_model.rowCount() == 1)
    delivery_number = deliveries.deliveries_model.row_at(0).number
    assert "昆明茶叶商行" in extracted
    assert delivery_number in extracted
    assert amount_in_capitals(EXPECTED_TOTAL) in extracted
    assert amount_in_capitals(EXPECTED_TOTAL) == "伍佰陆拾贰元捌角伍分"

    # The server returns: sync, and it holds the order and the delivery once.
    sales_server.start()
    context.sync.stop()
    window.close()
    context.close()
    replica = open_replica(data_dir)
    try:
        result = sync(replica, sales_server.url, MANAGER)
        assert result.push.rejected == 0
        assert replica.unsynced_count() == 0
    finally:
        replica.close()

    database_url = sales_server.database_url
    orders = server_rows(database_url, "SELECT id, status FROM sales_order WHERE number = :n", n=number)
    assert len(orders) == 1
    assert orders[0].status == "completed"
    order_lines = server_rows(database_url, "SELECT COUNT(*) FROM sales_order_line WHERE order_id = :id", id=orders[0].id)
    assert order_lines[0][0] == 3
    notes = server_rows(database_url, "SELECT id FROM delivery_note WHERE number = :n", n=delivery_number)
    assert len(notes) == 1
    all_notes = server_rows(database_url, "SELECT COUNT(*) FROM delivery_note")
    assert all_notes[0][0] == 1
    delivery_lines = server_rows(database_url, "SELECT COUNT(*) FROM delivery_line WHERE delivery_id = :id", id=notes[0].id)
    assert delivery_lines[0][0] == 3


def _editor(window) -> OrderEditor | None:
    editors = [w for w in QApplication.topLevelWidgets() if isinstance(w, OrderEditor) and w.isVisible()]
    return editors[0] if editors else None
