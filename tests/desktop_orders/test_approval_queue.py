"""The managers' approval queue: reasons in Chinese, approving several orders offline, sending one back."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt, QTimer
from PySide6.QtWidgets import QApplication, QPlainTextEdit

from desktop.app import create_application
from desktop.context import AppContext
from desktop.views.main_window import APPROVALS, ORDERS, MainWindow, visible_pages
from desktop.views.order_editor import OrderEditor
from sync.client import open_replica, sync
from sync.local_tables import OutboxEntry
from tests.desktop_orders.approval_data import CLERK, server_order, submit_low_price_orders
from tests.desktop_orders.conftest import MANAGER, PASSWORD
from tests.pg import backends

pytestmark = pytest.mark.timeout(240)


@pytest.fixture
def chinese(qapp):
    create_application("zh_CN")
    yield "zh_CN"
    create_application("en")


@pytest.fixture
def english(qapp):
    create_application("en")
    yield "en"


def open_manager_window(qtbot, tmp_path, server):
    """Sync the manager's replica, stop the server (so decisions stay queued) and open the main window."""
    replica = open_replica(tmp_path / "manager")
    sync(replica, server.url, MANAGER, PASSWORD)
    server.stop()
    context = AppContext(replica, server.url, MANAGER)
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    return context, window


def close(context, window) -> None:
    for editor in [w for w in QApplication.topLevelWidgets() if isinstance(w, OrderEditor)]:
        editor.close()
    window.close()
    context.sync.stop()
    context.close()


def queued(context, name: str) -> list[OutboxEntry]:
    with context.read_session() as session:
        entries = session.query(OutboxEntry).filter(OutboxEntry.name == name).order_by(OutboxEntry.device_seq).all()
        session.expunge_all()
    return entries


def test_approvals_page_roles():
    assert APPROVALS in [page[0] for page in visible_pages("manager")]
    assert APPROVALS in [page[0] for page in visible_pages("admin")]
    assert APPROVALS not in [page[0] for page in visible_pages("clerk")]
    assert APPROVALS not in [page[0] for page in visible_pages("warehouse")]


def test_queue_reason_in_chinese(qtbot, chinese, tmp_path, sales_server, memory_keyring):
    orders = submit_low_price_orders(sales_server, tmp_path, 1)
    context, window = open_manager_window(qtbot, tmp_path, sales_server)
    try:
        view = window.show_page(APPROVALS)
        qtbot.waitUntil(lambda: view.model.rowCount() == 1 and not view.model.loading, timeout=15_000)
        shown = {column.key: view.model.index(0, number).data() for number, column in enumerate(view.model.columns)}
        assert shown["number"] == orders[0][1]
        assert shown["customer"] == "昆明茶叶商行"
        assert shown["total"] == "200.00"
        assert shown["reasons"] == "E03 的单价 200.00 低于最低价 240.00"
        assert view.approve_button.text() == "批准（Ctrl+Enter）"
        assert view.send_back_button.text() == "退回……（Ctrl+B）"
        qtbot.waitUntil(lambda: view.waiting_count == 1, timeout=15_000)
        titles = [window.navigation.item(row).text() for row in range(window.navigation.count())]
        assert "审批（1）" in titles
    finally:
        close(context, window)


@pytest.mark.parametrize("sales_server", backends(postgres=True), indirect=True)
def test_approve_two_selected(qtbot, english, tmp_path, sales_server, memory_keyring):
    orders = submit_low_price_orders(sales_server, tmp_path, 3)
    context, window = open_manager_window(qtbot, tmp_path, sales_server)
    try:
        view = window.show_page(APPROVALS)
        qtbot.waitUntil(lambda: view.model.rowCount() == 3 and not view.model.loading, timeout=15_000)
        view.table.setFocus()
        selection = view.table.selectionModel()
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        selection.clearSelection()
        selection.select(view.model.index(0, 0), flags)
        selection.select(view.model.index(1, 0), flags)
        chosen = {view.model.row(0)["id"], view.model.row(1)["id"]}

        # Ctrl+Enter approves the selection; the server is down, so both decisions wait in the outbox.
        qtbot.waitUntil(view.table.hasFocus, timeout=10_000)
        qtbot.keyClick(view.table, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: view.model.rowCount() == 1, timeout=15_000)
        approvals = queued(context, "order.approve")
        assert {entry.payload["id"] for entry in approvals} == chosen
        qtbot.waitUntil(lambda: "2 decisions wait for sync." in view.message_label.text(), timeout=15_000)
        assert "2 orders approved." in view.message_label.text()
    finally:
        close(context, window)

    sales_server.start()
    replica = open_replica(tmp_path / "manager")
    try:
        result = sync(replica, sales_server.url, MANAGER, PASSWORD)
        assert result.push.rejected == 0
    finally:
        replica.close()
    statuses = {order_id: server_order(sales_server.database_url, order_id)["status"] for order_id, _number in orders}
    for order_id in chosen:
        assert statuses[order_id] == "approved"
    remaining = [order_id for order_id, _number in orders if order_id not in chosen]
    assert statuses[remaining[0]] == "submitted"


def test_send_back_with_comment(qtbot, english, tmp_path, sales_server, memory_keyring):
    orders = submit_low_price_orders(sales_server, tmp_path, 1)
    order_id, number = orders[0]
    context, window = open_manager_window(qtbot, tmp_path, sales_server)
    try:
        view = window.show_page(APPROVALS)
        qtbot.waitUntil(lambda: view.model.rowCount() == 1 and not view.model.loading, timeout=15_000)
        # The comment dialog takes Enter as a new line and Ctrl+Enter as "send".
        def answer() -> None:
            dialog = QApplication.activeModalWidget()
            if dialog is None:
                QTimer.singleShot(50, answer)
                return
            box = dialog.findChild(QPlainTextEdit)
            box.setFocus()
            box.insertPlainText("紫砂壶最低240元，请改价")
            qtbot.keyClick(box, Qt.Key.Key_Return)
            assert dialog.isVisible()
            qtbot.keyClick(box, Qt.Key.Key_Backspace)
            qtbot.keyClick(box, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

        QTimer.singleShot(50, answer)
        view.send_back_selected()
        qtbot.waitUntil(lambda: view.model.rowCount() == 0, timeout=15_000)
        assert "1 order sent back to the clerk." in view.message_label.text()
        assert [entry.payload for entry in queued(context, "order.send_back")] == [
            {"id": order_id, "comment": "紫砂壶最低240元，请改价"}]
    finally:
        close(context, window)

    sales_server.start()
    replica = open_replica(tmp_path / "manager")
    try:
        assert sync(replica, sales_server.url, MANAGER, PASSWORD).push.rejected == 0
    finally:
        replica.close()
    on_server = server_order(sales_server.database_url, order_id)
    assert on_server["status"] == "draft"
    assert on_server["decisions"] == [("sent_back", "紫砂壶最低240元，请改价")]

    # The clerk's order list shows the comment next to the draft.
    clerk_replica = open_replica(tmp_path / "clerk")
    sync(clerk_replica, sales_server.url, CLERK, PASSWORD)
    clerk_context = AppContext(clerk_replica, "http://127.0.0.1:1", CLERK)
    clerk_window = MainWindow(clerk_context)
    qtbot.addWidget(clerk_window)
    try:
        orders_view = clerk_window.show_page(ORDERS)
        qtbot.waitUntil(lambda: orders_view.model.rowCount() == 1, timeout=15_000)
        row = orders_view.model.row_at(0)
        assert row.number == number
        comment_column = orders_view.model.COLUMNS.index("comment")
        assert orders_view.model.index(0, comment_column).data() == "Sent back: 紫砂壶最低240元，请改价"
        # The order form shows the whole comment above the lines.
        editor = orders_view.open_order(order_id)
        qtbot.waitUntil(lambda: editor.catalog is not None and editor.draft.customer is not None, timeout=15_000)
        assert editor.rejection_label.text() == "A manager sent this order back: 紫砂壶最低240元，请改价"
        assert not editor.rejection_label.isHidden()
        editor.dirty = False
        editor.close()
    finally:
        close(clerk_context, clerk_window)


def test_enter_opens_order(qtbot, english, tmp_path, sales_server, memory_keyring):
    orders = submit_low_price_orders(sales_server, tmp_path, 1)
    context, window = open_manager_window(qtbot, tmp_path, sales_server)
    try:
        view = window.show_page(APPROVALS)
        qtbot.waitUntil(lambda: view.model.rowCount() == 1 and not view.model.loading, timeout=15_000)
        view.table.setFocus()
        qtbot.waitUntil(lambda: view.table.currentIndex().isValid(), timeout=10_000)
        qtbot.keyClick(view.table, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: len(view.editors) == 1, timeout=10_000)
        editor = view.editors[0]
        qtbot.waitUntil(lambda: editor.catalog is not None, timeout=15_000)
        assert editor.draft.number == orders[0][1]
        assert not editor.is_editable
        assert view.open_button.text() == "Open (Enter)"
        assert view.approve_button.text() == "Approve (Ctrl+Enter)"
        assert view.send_back_button.text() == "Send back... (Ctrl+B)"
    finally:
        close(context, window)
