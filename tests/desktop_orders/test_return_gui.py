"""Ship an order, return part of two lines into another warehouse by keyboard, print, and sync with the server."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewWidget
from PySide6.QtWidgets import QApplication

from desktop.context import AppContext
from desktop.models.return_lines_model import ReturnLinesModel
from desktop.printing.capitals import amount_in_capitals
from desktop.printing.output import pdf_text
from desktop.views.main_window import DELIVERIES, MainWindow
from domain.models import ReceivableEntry, SalesOrderLine, SalesReturn, StockBalance
from sync.client import open_replica, sync
from tests.desktop_orders.conftest import MANAGER, PASSWORD
from tests.desktop_orders.return_data import add_return_warehouse, create_order, read_server
from tests.pg import backends

pytestmark = pytest.mark.timeout(240)

REASON = "包装破损"
# 1 of 3 P001 (265.40 delivered) is 88.47, and 2 of 7 P003 (62.99 delivered) is 18.00.
EXPECTED_CREDIT = Decimal("106.47")


def press(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    widget = QApplication.focusWidget()
    assert widget is not None, "no widget has the keyboard focus"
    qtbot.keyClick(widget, key, modifier)
    qtbot.wait(30)


def type_text(qtbot, text: str) -> None:
    """Type `text` into the focus widget; characters beyond ASCII arrive as an input method commits them."""
    widget = QApplication.focusWidget()
    assert widget is not None, "no widget has the keyboard focus"
    for char in text:
        if char.isascii():
            qtbot.keyClicks(widget, char)
        else:
            event = QInputMethodEvent()
            event.setCommitString(char)
            QApplication.sendEvent(widget, event)
    qtbot.wait(30)


@pytest.mark.parametrize("sales_server", backends(postgres=True), indirect=True)
def test_keyboard_return_into_other_warehouse(qtbot, tmp_path, sales_server, memory_keyring):
    ids = sales_server.ids
    ids["W2"] = add_return_warehouse(sales_server.database_url)
    replica = open_replica(tmp_path / "client")
    sync(replica, sales_server.url, MANAGER, PASSWORD)
    _order_id, order_number = create_order(replica, ids)
    sales_server.stop()

    context = AppContext(replica, sales_server.url, MANAGER)
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)

    # Ship the order from the Deliveries page with Enter, and close the delivery note's preview.
    deliveries = window.show_page(DELIVERIES)
    qtbot.waitUntil(lambda: deliveries.orders_model.rowCount() == 1, timeout=10_000)
    deliveries.orders_table.setFocus()
    qtbot.waitUntil(lambda: deliveries.orders_table.currentIndex().isValid())
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: deliveries.preview is not None, timeout=15_000)
    deliveries.preview.close()
    qtbot.waitUntil(lambda: deliveries.deliveries_model.rowCount() == 1, timeout=10_000)
    delivery_number = deliveries.deliveries_model.row_at(0).number

    # Ctrl+R on the delivery note opens the return form with the first quantity current.
    window.activateWindow()
    qtbot.waitActive(window)
    deliveries.deliveries_table.setFocus()
    qtbot.waitUntil(lambda: deliveries.deliveries_table.hasFocus())
    press(qtbot, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: deliveries.return_editor is not None and deliveries.return_editor.delivery is not None,
                    timeout=10_000)
    editor = deliveries.return_editor
    qtbot.waitActive(editor)
    qtbot.waitUntil(lambda: editor.table.hasFocus(), timeout=10_000)
    assert editor.table.currentIndex().row() == 0
    assert editor.table.currentIndex().column() == ReturnLinesModel.QUANTITY
    assert editor.warehouse_box.currentData() == ids["W1"]
    assert delivery_number in editor.windowTitle()

    # 1 of P001, Enter; nothing of P002, Enter; 2 of P003, Tab to the warehouse; Down picks W2; Tab to the reason.
    type_text(qtbot, "1")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: editor.table.currentIndex().row() == 1)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: editor.table.currentIndex().row() == 2)
    type_text(qtbot, "2")
    press(qtbot, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: editor.warehouse_box.hasFocus())
    press(qtbot, Qt.Key.Key_Down)
    assert editor.warehouse_box.currentData() == ids["W2"]
    press(qtbot, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: editor.reason_edit.hasFocus())
    type_text(qtbot, REASON)

    model = editor.lines_model
    assert [model.quantity_at(row) for row in range(3)] == [Decimal("1"), None, Decimal("2")]
    assert model.index(0, ReturnLinesModel.CREDIT).data() == "88.47"
    assert model.index(2, ReturnLinesModel.CREDIT).data() == "18.00"
    assert "¥106.47" in editor.total_label.text()

    # Ctrl+S posts through the outbox (offline), and Enter accepts the offer to print.
    press(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: deliveries.print_offer is not None and deliveries.print_offer.isVisible(), timeout=15_000)
    assert not editor.isVisible()
    assert "106.47" in deliveries.message_label.text()
    deliveries.print_offer.activateWindow()
    qtbot.waitActive(deliveries.print_offer)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: deliveries.returns.preview is not None, timeout=15_000)
    preview = deliveries.returns.preview
    printer: QPrinter = preview.kaidan_printer
    pdf_path = tmp_path / "return-note.pdf"
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(pdf_path))
    preview.findChild(QPrintPreviewWidget).print_()
    preview.close()
    printed = pdf_text(pdf_path)

    # The returns list shows the posted return.
    returns = deliveries.returns
    qtbot.waitUntil(lambda: returns.model.rowCount() == 1, timeout=10_000)
    row = returns.model.row_at(0)
    assert (row.delivery_number, row.warehouse_name, row.reason, row.total_amount) == (
        delivery_number, "退货仓", REASON, EXPECTED_CREDIT)
    assert row.customer_name == "昆明茶叶商行"
    assert row.number in printed
    assert delivery_number in printed
    assert amount_in_capitals(EXPECTED_CREDIT) in printed
    # The search finds it by the delivery note's number and hides it for another text.
    returns.search_edit.setText("no such return")
    qtbot.waitUntil(lambda: returns.model.rowCount() == 0, timeout=10_000)
    returns.search_edit.setText(delivery_number)
    qtbot.waitUntil(lambda: returns.model.rowCount() == 1, timeout=10_000)

    # Enter on the return shows its two lines, and Ctrl+P on the list previews the note again.
    window.activateWindow()
    qtbot.waitActive(window)
    returns.table.setFocus()
    qtbot.waitUntil(lambda: returns.table.hasFocus())
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: returns.lines_dialog is not None and returns.lines_dialog.isVisible(), timeout=10_000)
    lines = returns.lines_dialog.table.model()
    assert lines.rowCount() == 2
    assert [lines.index(row, 4).data() for row in range(2)] == ["88.47", "18.00"]
    returns.lines_dialog.close()
    window.activateWindow()
    qtbot.waitActive(window)
    returns.table.setFocus()
    qtbot.waitUntil(lambda: returns.table.hasFocus())
    press(qtbot, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    # The note was printed once, so Ctrl+P first asks why it is printed again.
    qtbot.waitUntil(lambda: returns.printing.reprint_dialog is not None
                    and returns.printing.reprint_dialog.isVisible(), timeout=10_000)
    reprint = returns.printing.reprint_dialog
    reprint.activateWindow()
    qtbot.waitUntil(lambda: reprint.reason_edit.hasFocus(), timeout=10_000)
    type_text(qtbot, "lost")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: returns.preview is not preview and returns.preview is not None, timeout=10_000)
    assert row.number in returns.preview.windowTitle()
    returns.preview.close()

    # The server comes back: sync, then check its stock in W2, the credit and the order lines.
    sales_server.start()
    context.sync.stop()
    result = sync(replica, sales_server.url, MANAGER)
    assert result.push.rejected == 0
    assert replica.unsynced_count() == 0
    database_url = sales_server.database_url

    in_w2 = {balance.product_id: balance.on_hand
             for balance in read_server(database_url, StockBalance, StockBalance.warehouse_id == ids["W2"])}
    assert in_w2 == {ids["P001"]: Decimal("1"), ids["P003"]: Decimal("2")}
    in_w1 = {balance.product_id: balance.on_hand
             for balance in read_server(database_url, StockBalance, StockBalance.warehouse_id == ids["W1"])}
    assert in_w1[ids["P001"]] == Decimal("97")
    assert in_w1[ids["P003"]] == Decimal("93")

    stored = read_server(database_url, SalesReturn)
    assert [(r.number, r.warehouse_id, r.reason, r.total_amount) for r in stored] == [
        (row.number, ids["W2"], REASON, EXPECTED_CREDIT)]
    credits = read_server(database_url, ReceivableEntry, ReceivableEntry.document_type == "sales_return")
    assert [(entry.customer_id, entry.amount) for entry in credits] == [(ids["C001"], -EXPECTED_CREDIT)]
    returned = {line.product_id: line.returned_quantity for line in read_server(database_url, SalesOrderLine)}
    assert returned == {ids["P001"]: Decimal("1"), ids["P002"]: Decimal("0"), ids["P003"]: Decimal("2")}

    window.close()
    context.close()
