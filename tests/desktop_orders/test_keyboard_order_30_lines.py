"""A 30-line order typed by keyboard alone, with scanned barcodes, saved, confirmed and compared with the server's copy."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import create_engine, text

from desktop.context import AppContext
from desktop.models.order_models import OrderLinesModel
from desktop.views.order_editor import OrderEditor
from sync.client import open_replica, sync
from tests.desktop_orders.conftest import MANAGER, PASSWORD
from tests.desktop_orders.entry_data import CASE_BARCODE, ENTRY_PRODUCTS, add_entry_products
from tests.desktop_orders.keyboard import press, refocus, type_text, wait_cell

pytestmark = pytest.mark.timeout(300)

PRODUCT, QUANTITY, UNIT, PRICE, DISCOUNT = (OrderLinesModel.PRODUCT, OrderLinesModel.QUANTITY, OrderLinesModel.UNIT,
                                            OrderLinesModel.PRICE, OrderLinesModel.DISCOUNT)
CODES = ("P001", "P002", "P003", "E01", "E02", "E03", "E04", "E06")
E01_BARCODE = ENTRY_PRODUCTS[0][5]
E05_BARCODE = ENTRY_PRODUCTS[4][5]


def typed_lines() -> list[tuple[str, str, str | None, str]]:
    """Return 28 lines of (product text, quantity, price or None for the default, discount text)."""
    lines = []
    for number in range(28):
        code = CODES[number % len(CODES)]
        quantity = str(1 + number % 4) if number % 5 else f"{1 + number % 3}.5"
        # Every third line gets a typed price; E03's stays above its lowest price of 240.
        price = None
        if number % 3 == 0:
            price = f"{300 + number}.25" if code == "E03" else f"{10 + number}.4"
        discount = ("5%", "", "2.50", "")[number % 4]
        lines.append((code, quantity, price, discount))
    # Pinyin initials of 凤庆滇红 散装 instead of the code E02.
    lines[4] = ("fqdhsz", "2", None, "")
    return lines


def server_rows(database_url: str, sql: str, **params):
    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            return connection.execute(text(sql), params).all()
    finally:
        engine.dispose()


def test_thirty_lines_by_keyboard(qtbot, tmp_path, sales_server, memory_keyring):
    add_entry_products(sales_server.database_url, sales_server.ids["W1"])
    data_dir = tmp_path / "client"
    replica = open_replica(data_dir)
    sync(replica, sales_server.url, MANAGER, PASSWORD)
    context = AppContext(replica, sales_server.url, MANAGER)
    context.sync.stop()
    editor = OrderEditor(context)
    # A failed test leaves unsaved lines; the question on closing would block the teardown.
    qtbot.addWidget(editor, before_close_func=lambda widget: setattr(widget, "dirty", False))
    editor.show()
    editor.activateWindow()
    qtbot.waitActive(editor)
    qtbot.waitUntil(lambda: editor.catalog is not None and editor.customer_edit.hasFocus(), timeout=15_000)

    type_text(qtbot, "C001")
    press(qtbot, Qt.Key.Key_Return)
    wait_cell(qtbot, editor, 0, PRODUCT)

    for row, (product, quantity, price, discount) in enumerate(typed_lines()):
        type_text(qtbot, product)
        if row == 4:
            # Pick the one match of the initials from the completer with the arrow key.
            press(qtbot, Qt.Key.Key_Down)
        press(qtbot, Qt.Key.Key_Return)
        wait_cell(qtbot, editor, row, QUANTITY)
        type_text(qtbot, quantity)
        press(qtbot, Qt.Key.Key_Return)
        wait_cell(qtbot, editor, row, UNIT)
        press(qtbot, Qt.Key.Key_Tab)
        wait_cell(qtbot, editor, row, PRICE)
        if price is not None:
            press(qtbot, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
            type_text(qtbot, price)
        press(qtbot, Qt.Key.Key_Return)
        wait_cell(qtbot, editor, row, DISCOUNT)
        type_text(qtbot, discount)
        press(qtbot, Qt.Key.Key_Return)
        wait_cell(qtbot, editor, row + 1, PRODUCT)

    # A scanner types the barcode and Enter. The first scan of the case adds a line and the second adds 1 to it;
    # E05's own barcode is its base unit, a line of its own; E01 is on line 4 first, in the scanned unit.
    for barcode, blank_row in ((CASE_BARCODE, 29), (CASE_BARCODE, 29), (E05_BARCODE, 30), (E01_BARCODE, 30)):
        type_text(qtbot, barcode)
        press(qtbot, Qt.Key.Key_Return)
        wait_cell(qtbot, editor, blank_row, PRODUCT)

    model = editor.lines_model
    assert len(model.complete_lines()) == 30
    assert model.line(1).product.code == "P002"
    assert model.line(4).product.code == "E02"
    case_line = model.line(28)
    assert (case_line.product.code, case_line.unit_name, case_line.quantity) == ("E05", "箱", Decimal(2))
    assert case_line.unit_price == Decimal("1150.0000")
    scanned_line = model.line(29)
    assert (scanned_line.product.code, scanned_line.unit_name, scanned_line.quantity) == ("E05", "盒", Decimal(1))
    typed_e01 = model.line(3)
    assert (typed_e01.product.code, typed_e01.quantity) == ("E01", Decimal(5))
    assert model.line(0).discount_percent == Decimal("0.05")
    assert model.line(2).discount == Decimal("2.50")

    # Leave the blank line, then the freight by its label's Alt shortcut.
    press(qtbot, Qt.Key.Key_Escape)
    press(qtbot, Qt.Key.Key_F, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: editor.extras.freight_edit.hasFocus(), timeout=5_000)
    type_text(qtbot, "18.80")
    qtbot.waitUntil(lambda: model.totals().freight == Decimal("18.80"))
    total = model.total_amount()
    assert total == model.totals().lines_amount + Decimal("18.80")
    assert f"{total:,.2f}" in editor.total_label.text()

    press(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: editor.draft.number is not None and not editor.busy and not editor.dirty, timeout=15_000)
    refocus(qtbot, editor)
    press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: editor.draft.status == "approved", timeout=15_000)
    number = editor.draft.number
    expected = {line.id: line for line in model.complete_lines()}

    editor.close()
    context.close()
    replica = open_replica(data_dir)
    try:
        result = sync(replica, sales_server.url, MANAGER, PASSWORD)
        assert result.push.rejected == 0
        assert replica.unsynced_count() == 0
    finally:
        replica.close()

    # Money is stored in fen, quantities in thousandths, prices in ten-thousandths.
    orders = server_rows(sales_server.database_url,
                         "SELECT id, status, total_amount, freight_amount FROM sales_order WHERE number = :n", n=number)
    assert len(orders) == 1
    assert orders[0].status == "approved"
    assert Decimal(orders[0].total_amount) / 100 == total
    assert Decimal(orders[0].freight_amount) / 100 == Decimal("18.80")
    lines = server_rows(sales_server.database_url,
                        "SELECT id, line_no, quantity, unit_price, amount, unit_name FROM sales_order_line "
                        "WHERE order_id = :id ORDER BY line_no", id=orders[0].id)
    assert len(lines) == 30
    for line in lines:
        entered = expected[line.id]
        assert Decimal(line.quantity) / 1000 == entered.quantity
        assert Decimal(line.unit_price) / 10_000 == entered.unit_price
        assert Decimal(line.amount) / 100 == entered.amount
        assert line.unit_name == entered.unit_name
