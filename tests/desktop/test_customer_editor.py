"""The customer editor and the detail dialogs on a synced replica: keyboard entry, checks, duplicates, field diff."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QWidget

from desktop.context import AppContext
from desktop.views.customer_actions import install_customer_actions
from desktop.views.customer_detail_dialogs import FollowUpDialog
from desktop.views.customer_editor import CustomerEditor
from domain.ids import new_id
from domain.models import Customer, FollowUp
from sync.client import submit
from tests.pg import backends

pytestmark = pytest.mark.timeout(120)

EXISTING_PHONE = "13912345678"


@pytest.fixture
def context(synced_replica, server):
    context = AppContext(synced_replica, server.url, "clerk1")
    yield context
    context.tasks.cancel_all()
    context.tasks.wait_idle()


@pytest.fixture
def existing(synced_replica) -> str:
    """A customer already in the replica, to edit or to collide with."""
    customer_id = new_id()
    submit(synced_replica, "customer.create", {
        "id": customer_id, "code": "K100", "name": "昆明百货商店",
        "fields": {"phone": EXISTING_PHONE, "address": "昆明市盘龙区", "credit_limit": "5000.00"},
    })
    return customer_id


def open_editor(qtbot, context, customer_id=None) -> CustomerEditor:
    editor = CustomerEditor(context, customer_id)
    qtbot.addWidget(editor)
    editor.show()
    editor.activateWindow()
    qtbot.waitUntil(lambda: editor.loaded, timeout=10_000)
    return editor


def type_text(qtbot, widget, text: str) -> None:
    """Type into the focused field; QTest types ASCII only, so Chinese arrives as one edit, as from an input method."""
    if text.isascii():
        qtbot.keyClicks(widget, text)
    else:
        widget.insert(text)


def queued(replica, name: str) -> list[dict]:
    return [entry.payload for entry in replica.outbox() if entry.name == name and entry.status == "pending"]


@pytest.mark.parametrize("server_db", backends(postgres=True), indirect=True)
def test_create_by_keyboard(qtbot, english, context, synced_replica):
    editor = open_editor(qtbot, context)
    assert editor.focusWidget() is editor.edits["code"]
    qtbot.keyClicks(editor.edits["code"], "K200")
    qtbot.keyClick(editor.focusWidget(), Qt.Key.Key_Tab)
    assert editor.focusWidget() is editor.edits["name"]
    type_text(qtbot, editor.edits["name"], "重庆火锅食材店")
    assert editor.edits["mnemonic"].text() == "CQHGSCD"
    qtbot.keyClick(editor.focusWidget(), Qt.Key.Key_Tab)
    qtbot.keyClick(editor.focusWidget(), Qt.Key.Key_Tab)
    assert editor.focusWidget() is editor.edits["phone"]
    qtbot.keyClicks(editor.edits["phone"], "023 6512 3456")

    with qtbot.waitSignal(editor.saved, timeout=15_000):
        qtbot.keyClick(editor.edits["phone"], Qt.Key.Key_Return)

    payloads = queued(synced_replica, "customer.create")
    assert len(payloads) == 1
    assert payloads[0]["code"] == "K200"
    assert payloads[0]["name"] == "重庆火锅食材店"
    assert payloads[0]["fields"]["mnemonic"] == "CQHGSCD"
    assert payloads[0]["fields"]["phone"] == "023-65123456"
    assert payloads[0]["fields"]["owner_id"] == context.user.user_id
    assert payloads[0]["fields"]["department_id"] == context.user.department_id
    assert not editor.isVisible()


def test_mnemonic_typed_by_user_is_kept(qtbot, english, context):
    editor = open_editor(qtbot, context)
    editor.edits["mnemonic"].setFocus()
    qtbot.keyClicks(editor.edits["mnemonic"], "HG")
    type_text(qtbot, editor.edits["name"], "火锅店")
    assert editor.edits["mnemonic"].text() == "HG"


def test_invalid_fields_named_in_chinese(qtbot, chinese, context, synced_replica):
    editor = open_editor(qtbot, context)
    editor.edits["phone"].setFocus()
    qtbot.keyClicks(editor.edits["phone"], "12345")
    editor.edits["uscc"].setFocus()
    assert "电话" in editor.field_error("phone")

    qtbot.keyClicks(editor.edits["uscc"], "91350100M000100Y40")
    editor.save()
    assert "电话" in editor.field_error("phone")
    assert "统一社会信用代码" in editor.field_error("uscc")
    assert "编码" in editor.field_error("code")
    assert "名称" in editor.field_error("name")
    assert editor.focusWidget() is editor.edits["code"]
    assert queued(synced_replica, "customer.create") == []


def test_error_clears_when_field_fixed(qtbot, english, context):
    editor = open_editor(qtbot, context)
    editor.edits["credit_limit"].setFocus()
    qtbot.keyClicks(editor.edits["credit_limit"], "12.345")
    editor.edits["payment_terms_days"].setFocus()
    assert editor.field_error("credit_limit") == "Credit limit has more than 2 decimal places: 12.345"
    editor.edits["credit_limit"].setFocus()
    qtbot.keyClick(editor.edits["credit_limit"], Qt.Key.Key_Backspace)
    editor.edits["payment_terms_days"].setFocus()
    assert editor.field_error("credit_limit") == ""


def test_duplicate_warning_before_save(qtbot, english, context, synced_replica, existing):
    editor = open_editor(qtbot, context)
    qtbot.keyClicks(editor.edits["code"], "K300")
    type_text(qtbot, editor.edits["name"], "滇池茶庄")
    editor.edits["phone"].setText("139 1234 5678")
    editor.save()
    qtbot.waitUntil(lambda: editor.duplicate_warning is not None, timeout=10_000)
    warning = editor.duplicate_warning
    cells = [warning.table.item(0, column).text() for column in range(4)]
    assert cells == ["昆明百货商店", "K100", EXISTING_PHONE, f"Same phone: {EXISTING_PHONE}"]
    assert queued(synced_replica, "customer.create") == [{
        "id": existing, "code": "K100", "name": "昆明百货商店",
        "fields": {"phone": EXISTING_PHONE, "address": "昆明市盘龙区", "credit_limit": "5000.00"},
    }]

    qtbot.keyClick(warning, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: editor.duplicate_warning is None, timeout=5_000)
    assert editor.isVisible()
    assert len(queued(synced_replica, "customer.create")) == 1

    editor.save()
    qtbot.waitUntil(lambda: editor.duplicate_warning is not None, timeout=10_000)
    with qtbot.waitSignal(editor.saved, timeout=15_000):
        editor.duplicate_warning.save_button.click()
    assert [payload["code"] for payload in queued(synced_replica, "customer.create")] == ["K100", "K300"]


def test_duplicate_warning_opens_existing(qtbot, english, context, synced_replica, existing):
    editor = open_editor(qtbot, context)
    qtbot.keyClicks(editor.edits["code"], "K301")
    type_text(qtbot, editor.edits["name"], "昆明百货商店")
    editor.save()
    qtbot.waitUntil(lambda: editor.duplicate_warning is not None, timeout=10_000)
    assert editor.duplicate_warning.table.item(0, 3).text() == "Similar name: 昆明百货商店"
    with qtbot.waitSignal(editor.open_existing_requested, timeout=5_000) as signal:
        qtbot.keyClick(editor.duplicate_warning.table, Qt.Key.Key_Return)
    assert signal.args == [existing]
    assert len(queued(synced_replica, "customer.create")) == 1


def test_edit_sends_only_changed_fields_with_base(qtbot, english, context, synced_replica, existing):
    editor = open_editor(qtbot, context, existing)
    assert editor.edits["phone"].text() == EXISTING_PHONE
    assert editor.edits["credit_limit"].text() == "5,000.00"
    editor.edits["phone"].setText("0871-65123456")
    editor.edits["credit_limit"].setText("8000")
    # Same value in another spelling: no change to send.
    editor.edits["address"].setText(" 昆明市盘龙区 ")
    with qtbot.waitSignal(editor.saved, timeout=15_000):
        editor.save()
    assert queued(synced_replica, "customer.update") == [{
        "id": existing,
        "fields": {"phone": "0871-65123456", "credit_limit": "8000.00"},
        "base": {"phone": EXISTING_PHONE, "credit_limit": "5000.00"},
    }]
    with synced_replica.session() as session:
        assert session.get(Customer, existing).phone == "0871-65123456"


def test_edit_without_changes_sends_nothing(qtbot, english, context, synced_replica, existing):
    editor = open_editor(qtbot, context, existing)
    editor.save()
    assert not editor.isVisible()
    assert queued(synced_replica, "customer.update") == []


def test_duplicate_code_shown_at_code(qtbot, english, context, synced_replica, existing):
    editor = open_editor(qtbot, context)
    qtbot.keyClicks(editor.edits["code"], "K100")
    type_text(qtbot, editor.edits["name"], "完全不同的公司")
    editor.save()
    qtbot.waitUntil(lambda: editor.field_error("code") != "", timeout=10_000)
    assert editor.field_error("code") == "The code K100 is already in use"
    assert editor.isVisible()


def test_follow_up_updates_last_date(qtbot, english, context, synced_replica, existing):
    dialog = FollowUpDialog(context, existing)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.focusWidget() is dialog.editor("content")
    qtbot.keyClicks(dialog.editor("content"), "Asked about the spring order")
    qtbot.keyClick(dialog.editor("content"), Qt.Key.Key_Tab)
    assert dialog.focusWidget() is dialog.editor("next_follow_up_date")
    with qtbot.waitSignal(dialog.saved, timeout=15_000) as signal:
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)
    today = dt.date.today()
    with synced_replica.session() as session:
        follow_up = session.get(FollowUp, signal.args[0])
        assert follow_up.content == "Asked about the spring order"
        assert follow_up.follow_up_date == today
        assert session.get(Customer, existing).last_follow_up_date == today
    assert queued(synced_replica, "customer_follow_up.add")[0]["follow_up_date"] == today.isoformat()


def test_follow_up_blank_content_named(qtbot, english, context, synced_replica, existing):
    dialog = FollowUpDialog(context, existing)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.save()
    qtbot.waitUntil(lambda: dialog.field_error("content") != "", timeout=10_000)
    assert dialog.field_error("content") == "The field Follow-up content is required"
    assert queued(synced_replica, "customer_follow_up.add") == []


def test_install_actions_adds_buttons(qtbot, english, context, existing):
    detail = QWidget()
    detail.actions_bar = QHBoxLayout(detail)
    detail.refreshed = 0
    detail.refresh = lambda: setattr(detail, "refreshed", detail.refreshed + 1)
    qtbot.addWidget(detail)
    buttons = install_customer_actions(detail, context, existing)
    assert [button.text() for button in buttons] == [
        "Edit... (Ctrl+E)", "Add contact... (Ctrl+Shift+C)", "Add address... (Ctrl+Shift+A)",
        "Invoicing details... (Ctrl+Shift+I)", "Add follow-up... (Ctrl+Shift+F)",
    ]
    assert detail.actions_bar.count() == 5

    buttons[1].click()
    dialog = detail.findChild(QWidget, "contactDialog")
    assert dialog is not None
    dialog.editor("name").setText("李经理")
    dialog.editor("mobile").setText("13800001111")
    with qtbot.waitSignal(dialog.saved, timeout=15_000):
        dialog.save()
    qtbot.waitUntil(lambda: detail.refreshed == 1, timeout=5_000)
