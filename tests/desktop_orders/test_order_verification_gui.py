"""Verification (核准) of a completed order by keyboard: local checks, the outbox while offline, the server after sync, history."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication
from sqlalchemy import func, select

from desktop.context import AppContext
from desktop.models.order_verify_model import VerifyLinesModel
from desktop.views.main_window import ORDERS
from desktop.views.order_editor import OrderEditor
from desktop.views.order_verify_dialog import OrderVerifyDialog
from domain.models import (
    OrderVerification,
    OrderVerificationLine,
    ReceivableEntry,
    SalesOrder,
    SalesOrderLine,
    User,
)
from domain.ids import new_id
from sync.client import open_replica, submit, sync
from sync.local_commands import next_document_number
from tests.desktop.helpers import close_window, open_window
from tests.desktop_orders.approval_data import CLERK
from tests.desktop_orders.chinese_ui import chinese_from_ts
from tests.desktop_orders.conftest import MANAGER, PASSWORD
from tests.desktop_orders.keyboard import press, type_text
from tests.desktop_orders.verification_data import complete_order, server_session
from tests.pg import backends
from tests.server.server_process import add_user

pytestmark = pytest.mark.timeout(240)

FINANCE = "finance1"
REASON = "客户对账：少发一饼，滇红按协议价 119.99"
# Line 1: 3 → 2 饼; its 1.00 discount scales to 0.67, so 2 × 88.50 − 0.67 = 176.33 (was 264.50).
# Line 2: 126.00 → 119.99 a 盒, so 2 × 119.99 = 239.98 (was 252.00). Prices include tax, so the
# receivable moves by the line amounts: −88.17 − 12.02 = −100.19, and the total goes 516.50 → 416.31.
AMOUNT_CHANGE = Decimal("-100.19")
TOTAL_AFTER = Decimal("416.31")


@pytest.fixture
def verify_window(qtbot, qapp, tmp_path, sales_server, memory_keyring):
    """The manager's window, signed in, over a replica whose completed order the server has; yields (context, window, order)."""
    replica = open_replica(tmp_path / "manager")
    sync(replica, sales_server.url, MANAGER, PASSWORD)
    order = complete_order(replica, sales_server.ids)
    assert sync(replica, sales_server.url, MANAGER).push.rejected == 0
    context, window = open_window(qtbot, replica, sales_server.url, MANAGER, online=True)
    qtbot.waitUntil(lambda: not context.sync._running, timeout=15_000)
    yield context, window, order
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, OrderEditor):
            widget.dirty = False
        if isinstance(widget, (OrderEditor, OrderVerifyDialog)):
            widget.close()
    close_window(context, window)
    context.close()


def open_completed(qtbot, window, order) -> OrderEditor:
    editor = window.pages[ORDERS].open_order(order.id)
    qtbot.waitUntil(lambda: editor.catalog is not None and editor.draft.status == "completed", timeout=15_000)
    editor.activateWindow()
    qtbot.waitActive(editor)
    return editor


def open_dialog_with_keys(qtbot, editor: OrderEditor) -> OrderVerifyDialog:
    """Press Ctrl+K in the order form and wait until the first corrected quantity is being edited."""
    press(qtbot, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: getattr(editor, "verify_dialog", None) is not None, timeout=10_000)
    dialog = editor.verify_dialog
    qtbot.waitUntil(lambda: dialog.order is not None and dialog.table.state() == dialog.table.State.EditingState,
                    timeout=15_000)
    assert dialog.table.currentIndex().column() == VerifyLinesModel.NEW_QUANTITY
    return dialog


def cell(dialog: OrderVerifyDialog, row: int, column: int) -> str:
    return dialog.model.index(row, column).data()


def replace_cell(qtbot, typed: str) -> None:
    """Replace the text of the cell being edited."""
    press(qtbot, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_text(qtbot, typed)


def commit_input(qtbot, text: str) -> None:
    """Enter `text` in the focused widget as an input method commits Chinese text (keyClicks aborts on characters that no key types)."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(QApplication.focusWidget(), event)
    qtbot.wait(20)


def verifications(context) -> int:
    with context.read_session() as session:
        return session.scalar(select(func.count()).select_from(OrderVerification))


@pytest.mark.parametrize("sales_server", backends(postgres=True), indirect=True)
def test_verify_by_keyboard_and_sync(qtbot, verify_window, sales_server):
    context, window, order = verify_window
    editor = open_completed(qtbot, window, order)
    assert editor.verify_button.isVisible()
    assert editor.verify_button.isEnabled()
    assert editor.verify_button.text() == "Verify (Ctrl+K)..."

    # The server goes away: the verification waits in the outbox.
    context.sync.stop()
    sales_server.stop()
    dialog = open_dialog_with_keys(qtbot, editor)
    assert [cell(dialog, row, VerifyLinesModel.AMOUNT) for row in range(2)] == ["264.50", "252.00"]

    # Quantity of line 1, Tab to its price, Enter keeps it, Enter keeps line 2's quantity, then line 2's price.
    replace_cell(qtbot, "2")
    press(qtbot, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: dialog.table.currentIndex().column() == VerifyLinesModel.NEW_PRICE, timeout=5_000)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: (dialog.table.currentIndex().row(), dialog.table.currentIndex().column())
                    == (1, VerifyLinesModel.NEW_QUANTITY), timeout=5_000)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.table.currentIndex().column() == VerifyLinesModel.NEW_PRICE, timeout=5_000)
    replace_cell(qtbot, "119.99")
    press(qtbot, Qt.Key.Key_Return)
    # Enter on the last corrected cell goes on to the reason.
    qtbot.waitUntil(lambda: dialog.reason_edit.hasFocus(), timeout=5_000)

    assert [cell(dialog, row, VerifyLinesModel.NEW_AMOUNT) for row in range(2)] == ["176.33", "239.98"]
    assert dialog.difference_label.text() == (
        "Difference to receivables: ¥-100.19   Order total: ¥516.50 → ¥416.31")
    commit_input(qtbot, REASON)
    with qtbot.waitSignal(dialog.verified, timeout=15_000) as verified:
        press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    result = verified.args[0]
    assert Decimal(result["amount_change"]) == AMOUNT_CHANGE
    assert result["number"].startswith("OV-")
    assert context.replica.unsynced_count() == 1

    # The form reads the order again, and its history tab (Ctrl+H) shows the verification first.
    qtbot.waitUntil(lambda: editor.lines_model.total_amount() == TOTAL_AFTER, timeout=15_000)
    assert "Verification {} saved".format(result["number"]) in editor.message_label.text()
    editor.activateWindow()
    qtbot.waitActive(editor)
    press(qtbot, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    assert editor.tabs.currentWidget() is editor.history_panel
    panel = editor.history_panel
    qtbot.waitUntil(lambda: panel.model.rowCount() > 0 and panel.model.row_at(0).what == "Verified", timeout=15_000)

    # Back online: the sync pushes the verification and the server applies it.
    sales_server.start()
    context.sync.start(None, PASSWORD)
    qtbot.waitUntil(lambda: context.replica.unsynced_count() == 0, timeout=30_000)
    qtbot.waitUntil(lambda: not context.sync._running, timeout=15_000)

    with context.read_session() as session:
        manager = session.execute(select(User).where(User.username == MANAGER)).scalar_one()
    with server_session(sales_server.database_url) as session:
        lines = session.scalars(select(SalesOrderLine).where(SalesOrderLine.order_id == order.id)
                                .order_by(SalesOrderLine.line_no)).all()
        assert [(line.quantity, line.unit_price, line.discount_amount, line.amount) for line in lines] == [
            (Decimal("2"), Decimal("88.50"), Decimal("0.67"), Decimal("176.33")),
            (Decimal("2"), Decimal("119.99"), Decimal("0"), Decimal("239.98")),
        ]
        server_order = session.get(SalesOrder, order.id)
        assert server_order.total_amount == TOTAL_AFTER
        assert server_order.status == "completed"

        verification = session.scalars(select(OrderVerification).where(OrderVerification.order_id == order.id)).one()
        assert verification.number == result["number"]
        assert verification.reason == REASON
        assert verification.verified_by == manager.id
        assert verification.amount_change == AMOUNT_CHANGE
        changed = session.scalars(select(OrderVerificationLine).where(
            OrderVerificationLine.verification_id == verification.id).order_by(OrderVerificationLine.line_no)).all()
        assert [(line.order_line_id, line.amount_before, line.amount_after) for line in changed] == [
            (order.line_ids[0], Decimal("264.50"), Decimal("176.33")),
            (order.line_ids[1], Decimal("252.00"), Decimal("239.98")),
        ]

        entries = session.scalars(select(ReceivableEntry).where(
            ReceivableEntry.customer_id == sales_server.ids["C001"],
            ReceivableEntry.entry_type == "verification")).all()
        assert len(entries) == 1
        assert entries[0].amount == AMOUNT_CHANGE
        assert entries[0].document_id == verification.id
        assert entries[0].document_number == result["number"]
        assert entries[0].note == REASON

    # The history, read again after the sync, names the author and the reason.
    qtbot.waitUntil(lambda: not panel.loading, timeout=15_000)
    newest = panel.model.row_at(0)
    assert newest.what == "Verified"
    assert newest.who == manager.display_name
    assert f"Reason: {REASON}" in newest.details
    assert "Verification {}".format(result["number"]) in newest.details
    assert "Line 1 P001: quantity 3 → 2, price 88.50 → 88.50, amount 264.50 → 176.33" in newest.details
    assert "Line 2 P002: quantity 2 → 2, price 126.00 → 119.99, amount 252.00 → 239.98" in newest.details
    assert "Total: ¥516.50 → ¥416.31" in newest.details
    events = [panel.model.row_at(row).what for row in range(panel.model.rowCount())]
    assert events == ["Verified", "Completed", "Delivered", "Approved", "Submitted for approval", "Created"]


def test_verification_local_checks(qtbot, verify_window):
    context, window, order = verify_window
    context.sync.stop()
    editor = open_completed(qtbot, window, order)
    queued = context.replica.unsynced_count()
    dialog = open_dialog_with_keys(qtbot, editor)

    # Nothing changed.
    press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.message_label.text() == (
        "Nothing is corrected: change the quantity or the price of at least one line.")

    # A quantity of zero or less, then a negative price.
    replace_cell(qtbot, "-1")
    press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.message_label.text() == "Line 1: the corrected quantity must be above zero, not -1."
    assert dialog.difference_label.text() == "Difference to receivables: fix the marked cells"
    replace_cell(qtbot, "2")
    press(qtbot, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: dialog.table.currentIndex().column() == VerifyLinesModel.NEW_PRICE, timeout=5_000)
    replace_cell(qtbot, "-5")
    press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.message_label.text() == "Line 1: the corrected price must be zero or more, not -5."

    # Text that is no number, and a quantity with more than 3 decimals.
    dialog.model.setData(dialog.model.index(0, VerifyLinesModel.NEW_PRICE), "abc")
    press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.message_label.text() == 'Line 1: "abc" is not a valid price; enter a number with at most 4 decimals.'
    dialog.model.setData(dialog.model.index(0, VerifyLinesModel.NEW_PRICE), "")
    dialog.model.setData(dialog.model.index(1, VerifyLinesModel.NEW_QUANTITY), "1.2345")
    press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.message_label.text() == (
        'Line 2: "1.2345" is not a valid quantity; enter a number with at most 3 decimals.')
    dialog.model.setData(dialog.model.index(1, VerifyLinesModel.NEW_QUANTITY), "")

    # A valid correction without a reason: the reason gets the focus.
    assert dialog.difference_label.text() == "Difference to receivables: ¥-88.17   Order total: ¥516.50 → ¥428.33"
    press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.message_label.text() == (
        "Enter the reason for the verification, for example what the customer confirmed.")
    qtbot.waitUntil(lambda: dialog.reason_edit.hasFocus(), timeout=5_000)
    type_text(qtbot, "   ")
    press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.message_label.text().startswith("Enter the reason")

    # Nothing reached the replica or the outbox.
    context.tasks.wait_idle()
    assert verifications(context) == 0
    assert context.replica.unsynced_count() == queued
    dialog.reject()


def test_verify_offered_by_state(qtbot, verify_window, sales_server):
    context, window, order = verify_window
    context.sync.stop()
    view = window.show_page(ORDERS)
    qtbot.waitUntil(lambda: view.model.rowCount() == 1, timeout=15_000)
    view.table.setCurrentIndex(view.model.index(0, 0))
    assert view.verify_button.isEnabled()
    assert view.verify_button.text() == "Verify (Ctrl+K)..."

    # Ctrl+K in the list opens the same dialog for the current order.
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: any(isinstance(widget, OrderVerifyDialog) and widget.isVisible()
                                for widget in view.findChildren(OrderVerifyDialog)), timeout=10_000)
    dialog = view.findChildren(OrderVerifyDialog)[0]
    qtbot.waitUntil(lambda: dialog.order is not None, timeout=15_000)
    assert dialog.order.id == order.id
    assert dialog.verify_button.isEnabled()
    dialog.reject()

    # A new draft offers no Verify at all; a completed order's form does.
    editor = view.open_order(None, customer_id=sales_server.ids["C001"])
    qtbot.waitUntil(lambda: editor.catalog is not None, timeout=15_000)
    assert not editor.verify_button.isVisible()
    assert not editor.verify_action.isEnabled()
    # The form closes while its own reads (the customer's last prices and gift rules) may still run;
    # their results are dropped rather than raising on the deleted grid.
    editor.dirty = False
    editor.close()
    qtbot.waitUntil(lambda: context.tasks.running_count == 0, timeout=15_000)


def test_clerk_cannot_verify(qtbot, verify_window, sales_server, tmp_path):
    _context, _window, order = verify_window
    add_user(sales_server.database_url, CLERK, "clerk", PASSWORD, "D1", create_department=False)
    replica = open_replica(tmp_path / "clerk")
    sync(replica, sales_server.url, CLERK, PASSWORD)
    context = AppContext(replica, "http://127.0.0.1:1", CLERK)
    editor = OrderEditor(context, order_id=order.id)
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitUntil(lambda: editor.catalog is not None and editor.draft.status == "completed", timeout=15_000)
    try:
        assert editor.verify_button.isVisible()
        assert not editor.verify_button.isEnabled()
        assert editor.verify_button.toolTip() == "Your role may not verify orders; ask a manager or finance to do it."
        editor.open_verification()
        assert editor.message_label.text() == "Your role may not verify orders; ask a manager or finance to do it."
        assert getattr(editor, "verify_dialog", None) is None
    finally:
        editor.close()
        context.close()


def test_history_follows_sync(qtbot, verify_window, sales_server, tmp_path):
    context, window, order = verify_window
    editor = open_completed(qtbot, window, order)
    press(qtbot, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    panel = editor.history_panel
    qtbot.waitUntil(lambda: panel.model.rowCount() == 5, timeout=15_000)
    assert panel.model.row_at(0).what == "Completed"

    # Finance verifies the order on another computer and syncs.
    add_user(sales_server.database_url, FINANCE, "finance", PASSWORD, "D1", create_department=False)
    other = open_replica(tmp_path / "finance")
    try:
        sync(other, sales_server.url, FINANCE, PASSWORD)
        submit(other, "order.verify", {
            "id": order.id, "verification_id": new_id(),
            "number": next_document_number(other, "order_verification", dt.date.today()),
            "document_date": dt.date.today().isoformat(), "reason": "price agreed by phone",
            "lines": [{"order_line_id": order.line_ids[1], "unit_price": "120.00"}],
        })
        assert sync(other, sales_server.url, FINANCE).push.rejected == 0
    finally:
        other.close()

    # The manager's next sync brings the verification into the open form: its lines and its history.
    context.sync.sync_now()
    qtbot.waitUntil(lambda: panel.model.rowCount() == 6 and not panel.loading, timeout=30_000)
    newest = panel.model.row_at(0)
    assert newest.what == "Verified"
    assert newest.who == FINANCE
    assert "Reason: price agreed by phone" in newest.details
    qtbot.waitUntil(lambda: editor.lines_model.line(1).unit_price == Decimal("120.00"), timeout=15_000)


def test_verification_in_chinese(qtbot, verify_window, tmp_path):
    context, window, order = verify_window
    context.sync.stop()
    with chinese_from_ts(tmp_path):
        editor = open_completed(qtbot, window, order)
        assert editor.verify_button.text() == "核准（Ctrl+K）……"
        assert editor.tabs.tabText(1) == "历史（Ctrl+H）"
        dialog = open_dialog_with_keys(qtbot, editor)
        assert dialog.windowTitle() == f"核准订单 {order.number}"
        assert dialog.verify_button.text() == "核准（Ctrl+Enter）"
        replace_cell(qtbot, "2")
        press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        assert dialog.message_label.text() == "请填写核准原因，例如客户确认的内容。"
        assert dialog.difference_label.text() == "应收款差额：¥-88.17   订单合计：¥516.50 → ¥428.33"
        dialog.reject()

        editor.activateWindow()
        qtbot.waitActive(editor)
        press(qtbot, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
        panel = editor.history_panel
        qtbot.waitUntil(lambda: panel.model.rowCount() == 5, timeout=15_000)
        assert [panel.model.row_at(row).what for row in range(5)] == ["完成", "发货", "审核通过", "提交审核", "创建"]
        assert "状态：已审核 → 已完成" in panel.model.row_at(0).details
        assert panel.model.headerData(0, Qt.Orientation.Horizontal) == "时间"
