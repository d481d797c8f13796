"""Sync problems page: a confirm the server rejected for stock, a change held behind it, and the ways out."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from domain.ids import new_id
from domain.models import Customer, RolePermission, SalesOrder
from domain.permissions import role_permission_id
from server_stub.admin import server_change
from server_stub.db import Database
from sync.client import submit, sync
from sync.local_commands import next_document_number
from sync.local_tables import OutboxStatus
from tests.desktop.conftest import PASSWORD
from tests.desktop.helpers import close_window, open_window
from tests.desktop.server_rows import read, set_on_hand
from tests.pg import backends

# A closed loopback port keeps a window offline, so the test decides when to sync.
OFFLINE_URL = "http://127.0.0.1:1"


def make_rejected_confirm(replica, server, server_db) -> dict[str, str]:
    """Queue an order for 5 of P1, its confirm and a customer change that depends on the confirm, with only 2 left
    on the server. Sync, so the server applies the order, rejects the confirm and holds back the change."""
    url, ids = server_db
    set_on_hand(url, ids, "2")
    customer_id, order_id = new_id(), new_id()
    number = next_document_number(replica, "sales_order")
    submit(replica, "customer.create", {"id": customer_id, "code": "K1", "name": "Kunming Tea"})
    submit(replica, "order.create", {
        "id": order_id, "number": number, "customer_id": customer_id, "warehouse_id": ids["W1"],
        "document_date": dt.date.today().isoformat(),
        "lines": [{"id": new_id(), "product_id": ids["P1"], "quantity": "5", "unit_price": "12.50"}],
    })
    confirm = submit(replica, "order.confirm", {"id": order_id})
    held_update = submit(replica, "customer.update", {"id": customer_id, "fields": {"phone": "0871-5550001"}},
                  depends_on=[confirm.mutation_id])
    result = sync(replica, server.url, "clerk1", PASSWORD)
    assert result.push.rejected == 1
    assert result.push.held == 1
    return {"customer": customer_id, "order": order_id, "number": number,
            "confirm": confirm.mutation_id, "held": held_update.mutation_id}


def statuses(replica) -> dict[str, str]:
    return {entry.mutation_id: entry.status for entry in replica.outbox()}


def open_problems(qtbot, replica, server_url=OFFLINE_URL, language="en"):
    context, window = open_window(qtbot, replica, server_url, "clerk1", online=False, language=language)
    view = window.show_page("problems")
    qtbot.waitUntil(lambda: not view.loading and view.count > 0, timeout=15_000)
    return context, window, view


def click_in_next_box(qtbot, button: QMessageBox.StandardButton, seen: list[str]) -> None:
    """Press `button` in the next modal message box and keep its text in `seen`."""

    def press() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(50, press)
            return
        seen.append(box.text())
        box.button(button).click()

    QTimer.singleShot(50, press)


@pytest.mark.parametrize("server_db", backends(postgres=True), indirect=True)
def test_problems_list_rejected_with_held_child(qtbot, english, synced_replica, server, server_db):
    queued = make_rejected_confirm(synced_replica, server, server_db)
    context, window, view = open_problems(qtbot, synced_replica)
    try:
        assert view.count == 2
        assert view.tree.topLevelItemCount() == 1
        root = view.tree.topLevelItem(0)
        assert root.text(0) == f"Confirm order {queued['number']} for Kunming Tea"
        assert root.text(1) == "Not enough stock of P1: 5 box requested, 2 box available"
        assert root.text(2) == view.problems[0].created_at.astimezone().strftime("%Y-%m-%d %H:%M")
        assert root.childCount() == 1
        child = root.child(0)
        assert child.text(0) == "Change customer K1 Kunming Tea"
        assert child.text(1) == "Held because an earlier change it depends on was rejected"

        view.tree.setCurrentItem(root)
        assert view.fix_button.isEnabled()
        assert view.resend_button.isEnabled()
        view.tree.setCurrentItem(child)
        assert not view.resend_button.isEnabled()
        assert "first; this change goes with it" in view.detail_label.text()

        qtbot.waitUntil(lambda: window.unsynced_label.clickable, timeout=10_000)
        # Refused changes wait for the user, so they are counted apart from those waiting to be sent.
        qtbot.waitUntil(lambda: window.unsynced_label.text() == "Unsynced changes: 0, 2 refused", timeout=10_000)
        window.show_page("customers")
        qtbot.mouseClick(window.unsynced_label, Qt.MouseButton.LeftButton)
        assert window.stack.currentWidget() is view
        assert window.navigation.currentItem().text() == "Sync problems (2)"
    finally:
        close_window(context, window)


def test_problems_shown_in_chinese(qtbot, chinese, synced_replica, server, server_db):
    queued = make_rejected_confirm(synced_replica, server, server_db)
    context, window, view = open_problems(qtbot, synced_replica, language="zh_CN")
    try:
        root = view.tree.topLevelItem(0)
        assert root.text(0) == f"确认订单 {queued['number']}（客户：Kunming Tea）"
        assert root.text(1) == "P1 库存不足：需要 5box，可用 2box"
        assert root.child(0).text(1) == "所依赖的前一项修改被拒绝，此项暂缓"
    finally:
        close_window(context, window)


def test_discard_lists_losses_and_clears_outbox(qtbot, english, synced_replica, server, server_db):
    queued = make_rejected_confirm(synced_replica, server, server_db)
    context, window, view = open_problems(qtbot, synced_replica)
    try:
        view.select(queued["confirm"])
        seen: list[str] = []
        click_in_next_box(qtbot, QMessageBox.StandardButton.Discard, seen)
        view.discard_selected()
        qtbot.waitUntil(lambda: not view.loading and view.count == 0, timeout=15_000)
        assert "Discard 2 changes?" in seen[0]
        assert f"• Confirm order {queued['number']} for Kunming Tea" in seen[0]
        assert "• Change customer K1 Kunming Tea" in seen[0]
        assert queued["confirm"] not in statuses(synced_replica)
        assert queued["held"] not in statuses(synced_replica)
        assert view.empty_label.isVisible()
        qtbot.waitUntil(lambda: not window.unsynced_label.clickable, timeout=10_000)
    finally:
        close_window(context, window)

    result = sync(synced_replica, server.url, "clerk1", PASSWORD)
    assert result.push.sent == 0
    url, _ids = server_db
    assert read(url, SalesOrder, queued["order"], "status") == {"status": "draft"}
    assert read(url, Customer, queued["customer"], "phone") == {"phone": None}


def test_discard_cancelled_keeps_outbox(qtbot, english, synced_replica, server, server_db):
    queued = make_rejected_confirm(synced_replica, server, server_db)
    context, window, view = open_problems(qtbot, synced_replica)
    try:
        view.select(queued["confirm"])
        seen: list[str] = []
        click_in_next_box(qtbot, QMessageBox.StandardButton.Cancel, seen)
        view.discard_selected()
        qtbot.wait(300)
        assert statuses(synced_replica)[queued["confirm"]] == OutboxStatus.REJECTED.value
        assert statuses(synced_replica)[queued["held"]] == OutboxStatus.HELD.value
    finally:
        close_window(context, window)


def test_resend_after_stock_arrives(qtbot, english, synced_replica, server, server_db):
    queued = make_rejected_confirm(synced_replica, server, server_db)
    url, ids = server_db
    # The missing stock arrives on the server and this computer pulls it.
    set_on_hand(url, ids, "10")
    sync(synced_replica, server.url, "clerk1", PASSWORD)
    context, window, view = open_problems(qtbot, synced_replica)
    try:
        view.select(queued["confirm"])
        view.resend_selected()
        qtbot.waitUntil(lambda: not view.loading and view.count == 0, timeout=15_000)
        pending = [entry for entry in synced_replica.outbox() if entry.status == OutboxStatus.PENDING.value]
        assert [entry.name for entry in pending] == ["order.confirm", "customer.update"]
        assert pending[1].depends_on == [pending[0].mutation_id]
    finally:
        close_window(context, window)

    result = sync(synced_replica, server.url, "clerk1", PASSWORD)
    assert result.push.rejected == 0
    assert read(url, SalesOrder, queued["order"], "status") == {"status": "approved"}
    assert read(url, Customer, queued["customer"], "phone") == {"phone": "0871-5550001"}


def test_resend_still_failing_keeps_problem(qtbot, english, synced_replica, server, server_db):
    queued = make_rejected_confirm(synced_replica, server, server_db)
    context, window, view = open_problems(qtbot, synced_replica)
    try:
        view.select(queued["confirm"])
        seen: list[str] = []
        click_in_next_box(qtbot, QMessageBox.StandardButton.Ok, seen)
        view.resend_selected()
        qtbot.waitUntil(lambda: bool(seen), timeout=15_000)
        assert "Not enough stock of P1: 5 box requested, 2 box available" in seen[0]
        assert statuses(synced_replica)[queued["confirm"]] == OutboxStatus.REJECTED.value
    finally:
        close_window(context, window)


def test_resend_not_authorized_advises_administrator(qtbot, english, synced_replica, server, server_db):
    url, _ids = server_db
    created = submit(synced_replica, "customer.create", {"id": new_id(), "code": "K2", "name": "Lhasa Tea"})
    # An administrator takes customer.create from clerks before the clerk syncs.
    db = Database(url)
    try:
        with db.write() as session, server_change(session):
            session.add(RolePermission(id=role_permission_id("clerk", "customer.create"), role="clerk",
                                       command="customer.create", allowed=False))
    finally:
        db.dispose()
    assert sync(synced_replica, server.url, "clerk1", PASSWORD).push.rejected == 1
    context, window, view = open_problems(qtbot, synced_replica)
    try:
        view.select(created.mutation_id)
        seen: list[str] = []
        click_in_next_box(qtbot, QMessageBox.StandardButton.Ok, seen)
        view.resend_selected()
        qtbot.waitUntil(lambda: bool(seen), timeout=15_000)
        assert "Your role may not do this" in seen[0]
        assert "Ask an administrator to grant you the permission, or discard the change." in seen[0]
        assert "Correct the data" not in seen[0]
    finally:
        close_window(context, window)


def test_fix_in_order_editor_replaces_rejected(qtbot, english, synced_replica, server, server_db):
    queued = make_rejected_confirm(synced_replica, server, server_db)
    url, ids = server_db
    set_on_hand(url, ids, "10")
    sync(synced_replica, server.url, "clerk1", PASSWORD)
    context, window, view = open_problems(qtbot, synced_replica)
    try:
        view.select(queued["confirm"])
        view.fix_selected()
        qtbot.waitUntil(lambda: len(view.editors) == 1 and view.editors[0].catalog is not None, timeout=15_000)
        editor = view.editors[0]
        assert editor.draft.id == queued["order"]
        assert editor.draft.number == queued["number"]
        assert editor.rejection_label.isVisible()
        assert editor.rejection_label.text() == (
            "The server rejected this change: Not enough stock of P1: 5 box requested, 2 box available"
        )
        editor.confirm()
        qtbot.waitUntil(lambda: editor.draft.status == "approved", timeout=15_000)
        qtbot.waitUntil(lambda: not view.loading and view.count == 0, timeout=15_000)
        pending = [entry for entry in synced_replica.outbox() if entry.status == OutboxStatus.PENDING.value]
        assert [entry.name for entry in pending] == ["order.confirm", "customer.update"]
        assert pending[1].depends_on == [pending[0].mutation_id]
        editor.close()
    finally:
        close_window(context, window)

    result = sync(synced_replica, server.url, "clerk1", PASSWORD)
    assert result.push.rejected == 0
    assert read(url, SalesOrder, queued["order"], "status") == {"status": "approved"}
    assert read(url, Customer, queued["customer"], "phone") == {"phone": "0871-5550001"}


def test_fix_taken_code_resends_with_new_code(qtbot, english, synced_replica, server, server_db):
    url, _ids = server_db
    customer_id = new_id()
    created = submit(synced_replica, "customer.create", {"id": customer_id, "code": "K7", "name": "Dali Tea"})
    # Another user takes code K7 on the server before this clerk syncs.
    db = Database(url)
    try:
        with db.write() as session, server_change(session):
            session.add(Customer(id=new_id(), code="K7", name="Erhai Foods"))
    finally:
        db.dispose()
    assert sync(synced_replica, server.url, "clerk1", PASSWORD).push.rejected == 1
    context, window, view = open_problems(qtbot, synced_replica)
    try:
        view.select(created.mutation_id)
        assert view.fix_button.isEnabled()

        prompts: list[str] = []

        def answer() -> None:
            dialog = view.last_code_dialog
            if dialog is None or not dialog.isVisible():
                QTimer.singleShot(50, answer)
                return
            prompts.append(dialog.labelText())
            dialog.setTextValue("K7-2")
            dialog.accept()

        QTimer.singleShot(50, answer)
        view.fix_selected()
        assert prompts == ['The code K7 is already in use on the server. Enter another code for "Create customer K7 Dali Tea":']
        qtbot.waitUntil(lambda: not view.loading and view.count == 0, timeout=15_000)
        pending = [entry for entry in synced_replica.outbox() if entry.status == OutboxStatus.PENDING.value]
        assert [entry.payload["code"] for entry in pending] == ["K7-2"]
    finally:
        close_window(context, window)

    assert sync(synced_replica, server.url, "clerk1", PASSWORD).push.rejected == 0
    assert read(url, Customer, customer_id, "code") == {"code": "K7-2"}
