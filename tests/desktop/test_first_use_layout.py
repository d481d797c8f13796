"""What a first-time user saw cut off or unexplained: stock columns, the status bar notice,
the sign-in dialog, shipping without the role, and where Save as PDF starts."""

from __future__ import annotations

import datetime as dt
import pathlib
import socket
from decimal import Decimal

from PySide6.QtCore import QStandardPaths, Qt

from desktop.views.deliveries_view import save_pdf_start_path
from desktop.views.login_dialog import LoginDialog
from domain.ids import new_id
from domain.models import StockBalance
from domain.posting.stock import balance_id
from sync.client import open_replica, submit
from sync.local_commands import next_document_number
from tests.desktop.conftest import FAST_SYNC
from tests.desktop.helpers import close_window, open_window

LARGE_ON_HAND = Decimal("12345678.125")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_stock_numeric_columns_fit_contents(qtbot, english, synced_replica, server, seeded_ids):
    with synced_replica.transaction() as session:
        balance = session.get(StockBalance, balance_id(seeded_ids["P1"], seeded_ids["W1"]))
        balance.on_hand = LARGE_ON_HAND
    context, window = open_window(qtbot, synced_replica, server.url, "clerk1", online=False)
    try:
        view = window.show_page("stock")
        qtbot.waitUntil(lambda: view.model.rowCount() > 0 and not view.model.loading, timeout=10_000)
        metrics = view.table.fontMetrics()
        for number, column in enumerate(view.model.columns):
            if not column.align_right:
                continue
            for row in range(view.model.rowCount()):
                text = view.model.index(row, number).data()
                assert view.table.columnWidth(number) > metrics.horizontalAdvance(text), (column.key, text)
        on_hand = [column.key for column in view.model.columns].index("on_hand")
        shown = [view.model.index(row, on_hand).data() for row in range(view.model.rowCount())]
        assert "12345678.125" in shown
    finally:
        close_window(context, window)


def test_status_notice_wraps_whole(qtbot, english, synced_replica, server):
    context, window = open_window(qtbot, synced_replica, server.url, "clerk1", online=False)
    try:
        notice = ("No credential store (keyring) is available on this computer, so the sign-in is not saved; "
                  "you will be asked for the password at the next start.")
        window.resize(600, 500)
        window.show_notice(notice, key="keyring")
        qtbot.wait(50)
        label = window.notice_bar.label("keyring")
        # Above the status bar at the window's width, wrapped: the whole sentence is on screen.
        assert label.isVisible()
        assert label.text() == notice
        assert label.wordWrap()
        assert label.height() >= label.heightForWidth(label.width())
        assert label.width() > window.width() // 2
        qtbot.mouseClick(window.notice_bar.close_button("keyring"), Qt.MouseButton.LeftButton)
        assert window.notice_bar.keys() == []
        assert not window.notice_bar.isVisible()
    finally:
        close_window(context, window)


def test_offline_message_fits_status_bar(qtbot, english, synced_replica, server):
    server.stop()
    context, window = open_window(qtbot, synced_replica, server.url, "clerk1", online=False, settings=FAST_SYNC)
    try:
        qtbot.waitUntil(lambda: context.sync.last_error is not None, timeout=15_000)
        label = window.message_label
        assert label.text().startswith("The server cannot be reached.")
        # At the default size the whole sentence shows; narrower, it is elided with the text in the tooltip.
        assert label.elided_text() == label.text()
        assert label.toolTip() == label.text()
    finally:
        close_window(context, window)


def test_sign_in_dialog_keeps_field_heights(qtbot, english, tmp_path):
    # An empty replica made here, so the dialog's worker only signs in and skips the slow first migration.
    open_replica(tmp_path / "data").close()
    dialog = LoginDialog(lambda server_url, username: tmp_path / "data", f"http://127.0.0.1:{_free_port()}", "clerk1")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    heights = [field.height() for field in (dialog.server, dialog.user, dialog.password)]
    placeholder = dialog.password.placeholderText()
    assert dialog.password.width() > dialog.password.fontMetrics().horizontalAdvance(placeholder)

    dialog.password.setText("secret")
    dialog.sign_in()
    qtbot.waitUntil(lambda: "cannot be reached" in dialog.message.text(), timeout=30_000)
    qtbot.wait(50)
    assert [field.height() for field in (dialog.server, dialog.user, dialog.password)] == heights
    message = dialog.message
    assert message.wordWrap()
    assert message.width() >= 360
    needed = message.heightForWidth(message.width())
    assert message.height() >= needed


def test_clerk_ship_message_names_action_and_roles(qtbot, english, synced_replica, server, seeded_ids):
    customer_id, order_id = new_id(), new_id()
    submit(synced_replica, "customer.create", {"id": customer_id, "code": "K1", "name": "Kunming Tea"})
    submit(synced_replica, "order.create", {
        "id": order_id, "number": next_document_number(synced_replica, "sales_order"),
        "customer_id": customer_id, "warehouse_id": seeded_ids["W1"],
        "document_date": dt.date.today().isoformat(),
        "lines": [{"id": new_id(), "product_id": seeded_ids["P1"], "quantity": "3", "unit_price": "12.50"}],
    })
    submit(synced_replica, "order.confirm", {"id": order_id})
    context, window = open_window(qtbot, synced_replica, server.url, "clerk1", online=False)
    try:
        view = window.show_page("deliveries")
        qtbot.waitUntil(lambda: view.orders_model.rowCount() == 1, timeout=10_000)
        assert not view.may_ship
        assert "Enter" not in view.orders_hint.text()
        assert "warehouse keeper" in view.orders_hint.text()

        view.orders_table.setCurrentIndex(view.orders_model.index(0, 0))
        view.ship_current()
        text = view.message_label.text()
        assert "Shipping a delivery note" in text
        assert "warehouse keeper, manager or administrator" in text
        assert "order clerk" in text
        assert synced_replica.unsynced_count() == 3
    finally:
        close_window(context, window)


def test_save_pdf_starts_in_documents(qapp):
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    start = pathlib.Path(save_pdf_start_path(documents, "DN-1"))
    assert start.name == "DN-1.pdf"
    assert start.parent == pathlib.Path(documents)
    assert start.parent != pathlib.Path.cwd()
    assert pathlib.Path(save_pdf_start_path("", "DN-1")).parent == pathlib.Path.home()


def _open_editor(qtbot, context):
    from desktop.views.order_editor import OrderEditor

    editor = OrderEditor(context)
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitUntil(lambda: editor.catalog is not None, timeout=10_000)
    return editor


def _add_line(editor, seeded_ids):
    model = editor.lines_model
    product = next(p for p in editor.catalog.products if p.id == seeded_ids["P1"])
    row = model.rowCount() - 1
    model.setData(model.index(row, model.PRODUCT), product)
    model.setData(model.index(row, model.QUANTITY), "2")


def test_line_count_plural_english(qtbot, english, synced_replica, server, seeded_ids):
    context, window = open_window(qtbot, synced_replica, server.url, "clerk1", online=False)
    try:
        editor = _open_editor(qtbot, context)
        assert editor.total_label.text().startswith("0 lines ")
        _add_line(editor, seeded_ids)
        assert editor.total_label.text().startswith("1 line ")
        _add_line(editor, seeded_ids)
        assert editor.total_label.text().startswith("2 lines ")
        editor.dirty = False
        editor.close()
    finally:
        close_window(context, window)


def test_line_count_plural_chinese(qtbot, chinese, synced_replica, server, seeded_ids):
    context, window = open_window(qtbot, synced_replica, server.url, "clerk1", online=False, language="zh_CN")
    try:
        editor = _open_editor(qtbot, context)
        _add_line(editor, seeded_ids)
        assert editor.total_label.text().startswith("共 1 行")
        editor.dirty = False
        editor.close()
    finally:
        close_window(context, window)


def test_customer_message_cleared_on_typing(qtbot, english, synced_replica, server):
    context, window = open_window(qtbot, synced_replica, server.url, "clerk1", online=False)
    try:
        editor = _open_editor(qtbot, context)
        editor.customer_edit.setFocus()
        qtbot.keyClicks(editor.customer_edit, "nobody")
        qtbot.keyClick(editor.customer_edit, Qt.Key.Key_Return)
        assert "No single customer" in editor.message_label.text()
        qtbot.keyClicks(editor.customer_edit, "x")
        assert editor.message_label.text() == ""
        editor.close()
    finally:
        close_window(context, window)
