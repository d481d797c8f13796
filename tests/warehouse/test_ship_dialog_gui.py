"""The Deliveries page by keyboard: the ship dialog, shipping selected orders in full, and a receipt with a shortfall."""

from __future__ import annotations

import datetime as dt
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from desktop.context import AppContext
from desktop.models.receipt_lines_model import ReceiptLinesModel
from desktop.models.ship_rows_model import ShipRowsModel
from desktop.views.main_window import DELIVERIES, MainWindow
from domain.ids import new_id
from domain.models import (
    DeliveryLine,
    DeliveryNote,
    Product,
    ReceiptConfirmation,
    ReceivableEntry,
    SalesOrder,
    StockBalance,
)
from domain.posting import receivables, stock
from sync.client import open_replica, submit, sync
from sync.local_commands import next_document_number
from tests.desktop_orders.conftest import MANAGER, PASSWORD, seed_sales_data
from tests.desktop_orders.keyboard import press, refocus, type_text
from tests.desktop_orders.return_data import read_server, ship_order
from tests.server.server_process import ServerProcess, add_user, migrate

pytestmark = pytest.mark.timeout(240)


@pytest.fixture(scope="module", autouse=True)
def bundled_font(qapp):
    """Register the bundled CJK font, as the app does at start."""
    from desktop.i18n import register_fonts

    assert register_fonts(), "the bundled CJK font could not be registered"


@pytest.fixture
def memory_keyring():
    import keyring

    from tests.sync.memory_keyring import MemoryKeyring

    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    yield
    keyring.set_keyring(previous)


@pytest.fixture(scope="module")
def server_template(tmp_path_factory) -> tuple[Path, dict[str, str]]:
    """A migrated server database with a manager of D1 and the sales data, built once for the module."""
    path = tmp_path_factory.mktemp("deliveries_server") / "server.sqlite3"
    database_url = f"sqlite:///{path}"
    migrate(database_url)
    add_user(database_url, MANAGER, "manager", PASSWORD, "D1")
    return path, seed_sales_data(database_url)


@pytest.fixture
def sales_server(tmp_path, server_template):
    """A running server on a copy of the template database."""
    template, ids = server_template
    for source in template.parent.glob(template.name + "*"):
        shutil.copyfile(source, tmp_path / source.name)
    process = ServerProcess(f"sqlite:///{tmp_path / 'server.sqlite3'}", tmp_path / "server.log", imports=())
    process.start()
    process.ids = dict(ids)
    yield process
    process.stop()


def order_for(replica, ids, customer: str, lines: list[tuple[str, str, str]]) -> str:
    """Create and confirm an order of `lines` (product code, quantity, price) for `customer` from W1; return its id."""
    today = dt.date.today()
    order_id = new_id()
    submit(replica, "order.create", {
        "id": order_id, "number": next_document_number(replica, "sales_order", today), "customer_id": ids[customer],
        "warehouse_id": ids["W1"], "document_date": today.isoformat(),
        "lines": [{"id": new_id(), "product_id": ids[code], "quantity": quantity, "unit_price": price}
                  for code, quantity, price in lines],
    })
    assert submit(replica, "order.confirm", {"id": order_id}).result["status"] == "approved"
    return order_id


def type_into_cell(qtbot, text: str) -> None:
    """Type `text` into a table cell: the first key opens the editor, which then takes the focus and the rest."""
    for char in text:
        type_text(qtbot, char)


def open_deliveries(qtbot, context):
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    with qtbot.waitActive(window):
        pass
    return window, window.show_page(DELIVERIES)


def select_all_orders(qtbot, deliveries, count: int) -> None:
    qtbot.waitUntil(lambda: deliveries.orders_model.rowCount() == count, timeout=10_000)
    deliveries.orders_table.setFocus()
    qtbot.waitUntil(lambda: deliveries.orders_table.hasFocus())
    press(qtbot, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert len(deliveries.shipping.selected_order_ids()) == count


def test_ship_dialog_partial_one_note(qtbot, tmp_path, sales_server, memory_keyring):
    ids = sales_server.ids
    replica = open_replica(tmp_path / "client")
    sync(replica, sales_server.url, MANAGER, PASSWORD)
    first = order_for(replica, ids, "C001", [("P001", "3", "88.50"), ("P002", "2", "126.00")])
    second = order_for(replica, ids, "C001", [("P003", "5", "9.00")])
    context = AppContext(replica, sales_server.url, MANAGER)
    window, deliveries = open_deliveries(qtbot, context)
    select_all_orders(qtbot, deliveries, 2)

    # Ctrl+E opens the dialog with every open quantity proposed and the first quantity current.
    press(qtbot, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: deliveries.shipping.ship_dialog is not None and deliveries.shipping.ship_dialog.loaded,
                    timeout=10_000)
    dialog = deliveries.shipping.ship_dialog
    with qtbot.waitActive(dialog):
        pass
    model = dialog.rows_model
    assert model.rowCount() == 3
    # Newest order first, as the list shows them.
    assert [model.index(row, ShipRowsModel.QUANTITY).data() for row in range(3)] == ["5", "3", "2"]
    assert model.index(1, ShipRowsModel.STOCK).data() == "100 饼"
    # Both orders are C001's from W1, so the dialog offers to put them on one note, ticked.
    assert dialog.one_note_box.isVisible()
    assert dialog.one_note_box.isChecked()
    qtbot.waitUntil(lambda: dialog.table.hasFocus(), timeout=10_000)
    assert (dialog.table.currentIndex().row(), dialog.table.currentIndex().column()) == (0, ShipRowsModel.QUANTITY)

    # 9 of the 5 P003, 2 of the 3 P001: typing replaces the cell, Enter moves to the next quantity.
    type_text(qtbot, "9")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.table.currentIndex().row() == 1)
    type_text(qtbot, "2")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.table.currentIndex().row() == 2)
    press(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    # 9 is above the 5 open: the dialog shows the limit and stays open.
    qtbot.waitUntil(lambda: "P003" in dialog.message_label.text(), timeout=5_000)
    assert dialog.isVisible()
    # Nothing of P003 then: the order stays open in full.
    dialog.table.setCurrentIndex(model.index(0, ShipRowsModel.QUANTITY))
    type_text(qtbot, "0")
    press(qtbot, Qt.Key.Key_Return)
    assert "1" in dialog.summary_label.text()
    press(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    shipping = deliveries.shipping
    qtbot.waitUntil(lambda: shipping.print_offer is not None and shipping.print_offer.isVisible(), timeout=15_000)
    assert not dialog.isVisible()
    shipping.print_offer.done(0)
    refocus(qtbot, window)
    with context.read_session() as session:
        notes = session.query(DeliveryNote).all()
        assert len(notes) == 1
        assert notes[0].number in deliveries.message_label.text()
        quantities = sorted(str(line.quantity) for line in session.query(DeliveryLine).all())
        assert quantities == ["2.000", "2.000"]
        assert session.get(SalesOrder, first).status == "partly_delivered"
        assert session.get(SalesOrder, second).status == "approved"
    # The rest stays open: both orders are still listed to ship.
    qtbot.waitUntil(lambda: deliveries.orders_model.rowCount() == 2, timeout=10_000)

    context.sync.stop()
    result = sync(replica, sales_server.url, MANAGER)
    assert result.push.rejected == 0
    stored = read_server(sales_server.database_url, SalesOrder)
    assert {order.id: order.status for order in stored} == {first: "partly_delivered", second: "approved"}
    context.close()


def add_batches(database_url: str, product_id: str, warehouse_id: str) -> None:
    """Make the product batch-tracked on the server and receive two batches of it: T-LATE 10, T-SOON 5."""
    from server_stub.admin import server_change
    from server_stub.db import Database

    db = Database(database_url)
    try:
        with db.write() as session:
            with server_change(session):
                session.get(Product, product_id).batch_tracked = True
                for batch, expiry, quantity in (("T-LATE", dt.date(2027, 5, 1), "10"), ("T-SOON", dt.date(2027, 2, 1), "5")):
                    stock.post_movement(
                        session, movement_id=new_id(), product_id=product_id, warehouse_id=warehouse_id,
                        quantity=Decimal(quantity), document_type="opening", document_id=new_id(),
                        document_line_id=None, document_number=None, document_date=dt.date(2026, 1, 1),
                        posting_date=dt.date(2026, 1, 1), batch_no=batch, expiry_date=expiry,
                    )
    finally:
        db.dispose()


def test_ship_dialog_batches_fefo(qtbot, tmp_path, sales_server, memory_keyring):
    ids = sales_server.ids
    add_batches(sales_server.database_url, ids["P003"], ids["W1"])
    replica = open_replica(tmp_path / "client")
    sync(replica, sales_server.url, MANAGER, PASSWORD)
    order_id = order_for(replica, ids, "C001", [("P003", "12", "9.00")])
    context = AppContext(replica, sales_server.url, MANAGER)
    window, deliveries = open_deliveries(qtbot, context)
    qtbot.waitUntil(lambda: deliveries.orders_model.rowCount() == 1, timeout=10_000)
    deliveries.orders_table.setFocus()
    qtbot.waitUntil(lambda: deliveries.orders_table.currentIndex().isValid())
    press(qtbot, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: deliveries.shipping.ship_dialog is not None and deliveries.shipping.ship_dialog.loaded,
                    timeout=10_000)
    dialog = deliveries.shipping.ship_dialog
    with qtbot.waitActive(dialog):
        pass
    qtbot.waitUntil(lambda: dialog.table.hasFocus(), timeout=10_000)
    model = dialog.rows_model

    # The batch expiring first is taken first, and the line is split where it runs short.
    def rows():
        return [(model.index(row, ShipRowsModel.BATCH).data(), model.index(row, ShipRowsModel.QUANTITY).data(),
                 model.index(row, ShipRowsModel.EXPIRY).data()) for row in range(model.rowCount())]

    assert rows() == [("T-SOON", "5", "2027-02-01"), ("T-LATE", "7", "2027-05-01")]
    assert model.index(0, ShipRowsModel.STOCK).data() == "5 套"
    # One order only: nothing to ask about notes.
    assert not dialog.one_note_box.isVisible()

    # Enter to the first batch; typing T-LATE there takes 12 of its 10, which the row shows as short.
    press(qtbot, Qt.Key.Key_Return)
    assert dialog.table.currentIndex().column() == ShipRowsModel.BATCH
    type_into_cell(qtbot, "T-LATE")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: model.row_at(0).batch_no == "T-LATE")
    assert model.index(0, ShipRowsModel.EXPIRY).data() == "2027-05-01"
    assert model.batch_short(0)
    # Back to T-SOON, then only 4 of the 7 from T-LATE: the order stays partly delivered.
    dialog.table.setCurrentIndex(model.index(0, ShipRowsModel.BATCH))
    type_into_cell(qtbot, "T-SOON")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not model.batch_short(0))
    assert (dialog.table.currentIndex().row(), dialog.table.currentIndex().column()) == (1, ShipRowsModel.QUANTITY)
    type_text(qtbot, "4")
    press(qtbot, Qt.Key.Key_Return)
    # Insert splits the current line: an empty row of the same order line for another batch, left at 0.
    press(qtbot, Qt.Key.Key_Insert)
    assert model.rowCount() == 3
    assert rows()[2] == ("", "0", "")
    assert model.row_at(2).line.order_line_id == model.row_at(1).line.order_line_id
    press(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    shipping = deliveries.shipping
    qtbot.waitUntil(lambda: shipping.print_offer is not None and shipping.print_offer.isVisible(), timeout=15_000)
    shipping.print_offer.done(0)

    context.sync.stop()
    result = sync(replica, sales_server.url, MANAGER)
    assert result.push.rejected == 0
    database_url = sales_server.database_url
    [order] = read_server(database_url, SalesOrder, SalesOrder.id == order_id)
    assert order.status == "partly_delivered"
    lines = read_server(database_url, DeliveryLine)
    assert sorted((line.batch_no, line.quantity, line.expiry_date) for line in lines) == [
        ("T-LATE", Decimal("4"), dt.date(2027, 5, 1)), ("T-SOON", Decimal("5"), dt.date(2027, 2, 1))]
    on_hand = {balance.batch_no: balance.on_hand for balance in read_server(
        database_url, StockBalance, StockBalance.product_id == ids["P003"])}
    assert on_hand == {"": Decimal("100"), "T-LATE": Decimal("6"), "T-SOON": Decimal("0")}
    context.close()


def test_ship_selected_in_full(qtbot, tmp_path, sales_server, memory_keyring):
    ids = sales_server.ids
    replica = open_replica(tmp_path / "client")
    sync(replica, sales_server.url, MANAGER, PASSWORD)
    order_for(replica, ids, "C001", [("P001", "1", "88.50")])
    order_for(replica, ids, "C002", [("P002", "2", "126.00")])
    order_for(replica, ids, "C001", [("P003", "4", "9.00")])
    context = AppContext(replica, sales_server.url, MANAGER)
    window, deliveries = open_deliveries(qtbot, context)
    select_all_orders(qtbot, deliveries, 3)

    press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    shipping = deliveries.shipping
    qtbot.waitUntil(lambda: shipping.print_offer is not None and shipping.print_offer.isVisible(), timeout=15_000)
    # One note per order, each order completed, and the message names every note.
    with context.read_session() as session:
        numbers = sorted(note.number for note in session.query(DeliveryNote).all())
        statuses = {order.status for order in session.query(SalesOrder).all()}
    assert len(numbers) == 3
    assert statuses == {"completed"}
    for number in numbers:
        assert number in deliveries.message_label.text()
    qtbot.waitUntil(lambda: deliveries.orders_model.rowCount() == 0, timeout=10_000)
    # The note list moves to the first new note, so its receipt line describes that note.
    current = lambda: deliveries.deliveries_model.row_at(deliveries.deliveries_table.currentIndex().row())  # noqa: E731
    qtbot.waitUntil(lambda: current() is not None and current().number == numbers[0], timeout=10_000)

    # Enter accepts the offer to print: the three notes go to one print dialog, not three previews.
    shipping.print_offer.activateWindow()
    with qtbot.waitActive(shipping.print_offer):
        pass
    press(qtbot, Qt.Key.Key_Return)
    printing = deliveries.printing
    qtbot.waitUntil(lambda: printing.print_dialog is not None and printing.print_dialog.isVisible(), timeout=15_000)
    assert deliveries.preview is None
    assert "3" in printing.print_dialog.windowTitle()
    printing.print_dialog.reject()
    context.close()


def test_receipt_shortfall_credits_receivable(qtbot, tmp_path, sales_server, memory_keyring):
    replica = open_replica(tmp_path / "client")
    sync(replica, sales_server.url, MANAGER, PASSWORD)
    _order_number, delivery_id = ship_order(replica, sales_server.ids)
    sales_server.stop()
    context = AppContext(replica, sales_server.url, MANAGER)
    window, deliveries = open_deliveries(qtbot, context)
    qtbot.waitUntil(lambda: deliveries.deliveries_model.rowCount() == 1, timeout=10_000)
    deliveries.deliveries_table.setFocus()
    qtbot.waitUntil(lambda: deliveries.deliveries_table.hasFocus())
    shipping = deliveries.shipping
    qtbot.waitUntil(lambda: "Ctrl+Shift+R" in shipping.receipt_label.text(), timeout=10_000)
    with context.read_session() as session:
        balance_before = receivables.balance(session, sales_server.ids["C001"])

    # Ctrl+Shift+R: every line starts received in full, the first received quantity current.
    press(qtbot, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: shipping.receipt_dialog is not None and shipping.receipt_dialog.delivery is not None,
                    timeout=10_000)
    dialog = shipping.receipt_dialog
    with qtbot.waitActive(dialog):
        pass
    qtbot.waitUntil(lambda: dialog.table.hasFocus(), timeout=10_000)
    model = dialog.lines_model
    assert [model.index(row, ReceiptLinesModel.RECEIVED).data() for row in range(3)] == ["3", "2", "7"]

    # 2 of 3 P001 received; Enter goes to its reason, F2 opens the choices, Enter takes the first: short.
    type_text(qtbot, "2")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.table.currentIndex().column() == ReceiptLinesModel.REASON)
    press(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    # Without a reason the form names the line and stays open.
    qtbot.waitUntil(lambda: "P001" in dialog.message_label.text(), timeout=5_000)
    assert dialog.isVisible()
    press(qtbot, Qt.Key.Key_F2)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: model.entry_at(0).reason == "short", timeout=5_000)
    assert model.entry_at(0).resolution == "credit"
    # 265.40 delivered for 3; one missing credits 88.47.
    assert model.index(0, ReceiptLinesModel.CREDIT).data() == "88.47"
    assert "¥88.47" in dialog.total_label.text()
    press(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=15_000)
    assert "88.47" in deliveries.message_label.text()
    qtbot.waitUntil(lambda: "88.47" in shipping.receipt_label.text(), timeout=10_000)
    with context.read_session() as session:
        assert receivables.balance(session, sales_server.ids["C001"]) == balance_before - Decimal("88.47")

    # The server takes the confirmation and posts the same credit on the customer's receivable.
    sales_server.start()
    context.sync.stop()
    result = sync(context.replica, sales_server.url, MANAGER)
    assert result.push.rejected == 0
    database_url = sales_server.database_url
    [confirmation] = read_server(database_url, ReceiptConfirmation)
    assert confirmation.delivery_id == delivery_id
    assert confirmation.difference_amount == Decimal("88.47")
    credits = read_server(database_url, ReceivableEntry, ReceivableEntry.entry_type == "receipt_difference")
    assert [(entry.customer_id, entry.amount) for entry in credits] == [(sales_server.ids["C001"], Decimal("-88.47"))]
    context.close()
