"""Users and validation on the Administration page: field messages in Chinese, rebuild warnings, passwords online only."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from desktop.errors import user_message
from desktop.views.admin_categories import CategoryDialog
from desktop.views.admin_page import AdminPage
from desktop.views.admin_users import UsersTab
from desktop.views.admin_warehouses import WarehouseDialog
from desktop.views.main_window import ADMIN
from sync.client import sign_in
from sync.errors import UserInactive
from tests.desktop.admin_helpers import admin_context, admin_replica, answer_message_box, queued  # noqa: F401
from tests.desktop.conftest import PASSWORD
from tests.desktop.helpers import close_window, open_window
from tests.desktop.screen_text import CJK, collect_strings

pytestmark = pytest.mark.timeout(180)


def open_users(qtbot, context) -> UsersTab:
    tab = UsersTab(context)
    qtbot.addWidget(tab)
    tab.show()
    qtbot.waitUntil(lambda: tab.model.rowCount() == 3 and tab.departments != [], timeout=15_000)
    return tab


def forget_changes(dialog) -> None:
    """Let the test's teardown close a changed form without the discard question."""
    dialog._initial = dialog.values()


def user_id(tab, username: str) -> str:
    return next(row["id"] for row in tab.model.rows() if row["username"] == username)


def test_validation_names_fields_in_chinese(qtbot, chinese, admin_context, admin_replica):
    dialog = CategoryDialog(admin_context)
    qtbot.addWidget(dialog, before_close_func=forget_changes)
    dialog.show()
    dialog.editors["payment_terms_days"].setText("abc")
    dialog.editors["default_credit_limit"].setText("1.234")
    dialog.save()
    assert "编码" in dialog.field_error("code")
    assert "名称" in dialog.field_error("name")
    assert "账期" in dialog.field_error("payment_terms_days")
    assert "默认信用额度" in dialog.field_error("default_credit_limit")
    assert dialog.focusWidget() is dialog.editors["code"]
    assert queued(admin_replica, "customer_category.create") == []


def test_warehouse_needs_department_in_chinese(qtbot, chinese, admin_context, admin_replica):
    dialog = WarehouseDialog(admin_context, [])
    qtbot.addWidget(dialog, before_close_func=forget_changes)
    dialog.show()
    qtbot.keyClicks(dialog.editors["code"], "W5")
    qtbot.keyClicks(dialog.editors["name"], "Five")
    dialog.save()
    assert "部门" in dialog.field_error("department_id")
    assert dialog.field_error("code") == ""
    assert queued(admin_replica, "warehouse.create") == []


def test_user_needs_department_unless_admin(qtbot, english, admin_context, admin_replica):
    tab = open_users(qtbot, admin_context)
    dialog = tab.add()
    qtbot.keyClicks(dialog.editors["username"], "li.lei")
    qtbot.keyClicks(dialog.editors["display_name"], "Li Lei")
    dialog.save()
    assert dialog.field_error("department_id") == "The field Department is required"
    dialog.editors["role"].setCurrentIndex(dialog.editors["role"].findData("admin"))
    with qtbot.waitSignal(dialog.saved, timeout=15_000):
        dialog.save()
    payloads = queued(admin_replica, "user.create")
    assert len(payloads) == 1
    assert payloads[0]["username"] == "li.lei"
    assert payloads[0]["role"] == "admin"
    assert payloads[0]["department_id"] is None


def test_field_error_clears_when_field_changes(qtbot, english, admin_context, admin_replica, seeded_ids):
    tab = open_users(qtbot, admin_context)
    dialog = tab.add()
    qtbot.addWidget(dialog, before_close_func=forget_changes)
    dialog.save()
    assert dialog.field_error("username") == "The field User name is required"
    assert dialog.field_error("department_id") == "The field Department is required"
    qtbot.keyClicks(dialog.editors["username"], "li")
    assert dialog.field_error("username") == ""
    combo = dialog.editors["department_id"]
    combo.setFocus()
    qtbot.keyClicks(combo, "D2")
    assert combo.currentData() == seeded_ids["D2"]
    assert dialog.field_error("department_id") == ""


def test_create_user_with_department(qtbot, english, admin_context, admin_replica, seeded_ids):
    tab = open_users(qtbot, admin_context)
    tab.table.setFocus()
    qtbot.keyClick(tab.table, Qt.Key.Key_Insert)
    dialog = tab.dialog
    qtbot.keyClicks(dialog.editors["username"], "keeper9")
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
    qtbot.keyClicks(dialog.editors["display_name"], "Keeper Nine")
    dialog.editors["role"].setCurrentIndex(dialog.editors["role"].findData("warehouse"))
    assert dialog.editors["role"].currentText() == "warehouse keeper"
    dialog.editors["department_id"].setCurrentIndex(dialog.editors["department_id"].findData(seeded_ids["D2"]))
    qtbot.keyClicks(dialog.editors["phone"], "13912345678")
    with qtbot.waitSignal(dialog.saved, timeout=15_000):
        qtbot.keyClick(dialog.editors["phone"], Qt.Key.Key_Return)
    payload = queued(admin_replica, "user.create")[0]
    assert payload["role"] == "warehouse"
    assert payload["department_id"] == seeded_ids["D2"]
    assert payload["fields"] == {"phone": "13912345678"}


def test_role_change_warns_about_rebuild(qtbot, english, admin_context, admin_replica):
    tab = open_users(qtbot, admin_context)
    clerk = user_id(tab, "clerk1")
    tab.select_id(clerk)
    dialog = tab.edit_selected()
    assert dialog.editors["username"].isReadOnly()
    dialog.editors["role"].setCurrentIndex(dialog.editors["role"].findData("manager"))

    answer_message_box(qtbot, "Back")
    dialog.save()
    assert dialog.isVisible()
    assert queued(admin_replica, "user.update") == []

    answer_message_box(qtbot, "Save")
    with qtbot.waitSignal(dialog.saved, timeout=15_000):
        dialog.save()
    assert queued(admin_replica, "user.update") == [{"id": clerk, "fields": {"role": "manager"}}]


def test_deactivate_user_asks_first(qtbot, english, admin_context, admin_replica):
    tab = open_users(qtbot, admin_context)
    clerk = user_id(tab, "clerk1")
    tab.select_id(clerk)
    tab.table.setFocus()
    answer_message_box(qtbot, "Back")
    qtbot.keyClick(tab.table, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert queued(admin_replica, "user.update") == []
    answer_message_box(qtbot, "Deactivate")
    qtbot.keyClick(tab.table, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: tab.message_label.text() != "", timeout=15_000)
    assert queued(admin_replica, "user.update") == [{"id": clerk, "fields": {"active": False}}]


def test_deactivated_user_message(english):
    assert user_message(UserInactive("user 'ken' is deactivated; ask an administrator")) == (
        "This user is deactivated; ask an administrator.")


def test_password_needs_connection(qtbot, english, admin_context):
    tab = open_users(qtbot, admin_context)
    tab.select_id(user_id(tab, "clerk1"))
    dialog = tab.set_password()
    assert dialog.message_label.text().startswith("The last attempt to reach the server failed.")
    assert "status bar" not in dialog.message_label.text()
    dialog.password_edit.setText("new secret 1")
    dialog.repeat_edit.setText("new secret 1")
    dialog.send()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=15_000)
    assert dialog.isVisible()
    assert dialog.message_label.text().startswith(
        "The server could not be reached, so the password was not changed.")
    assert "status bar" not in dialog.message_label.text()
    assert dialog.password_edit.text() == "new secret 1"
    assert dialog.repeat_edit.text() == "new secret 1"


def test_password_set_online(qtbot, english, admin_context, admin_replica, server, tmp_path):
    admin_context.sync.start(sign_in(admin_replica, server.url, "admin1", PASSWORD))
    tab = open_users(qtbot, admin_context)
    tab.select_id(user_id(tab, "clerk1"))
    dialog = tab.set_password()
    assert dialog.message_label.text() == ""
    assert dialog.findChild(QLabel, "passwordUser").text().startswith("clerk1")
    assert dialog.password_edit.placeholderText() == "At least 8 characters"
    tab.message_label.setText("Saved. The server applies it at the next sync.")
    dialog.password_edit.setText("abc")
    dialog.repeat_edit.setText("abc")
    dialog.send()
    assert dialog.message_label.text() == "The password needs at least 8 characters"
    dialog.password_edit.setText("new secret 1")
    dialog.repeat_edit.setText("other")
    dialog.send()
    assert dialog.message_label.text() == "The two entries differ; type the password again."
    qtbot.keyClicks(dialog.repeat_edit, "new secret 1")
    with qtbot.waitSignal(dialog.accepted, timeout=15_000):
        dialog.send()
    assert tab.message_label.text() == "The password of clerk1 is set; it works now."

    from sync.client import open_replica, sync
    replica = open_replica(tmp_path / "clerk-new")
    try:
        sync(replica, server.url, "clerk1", "new secret 1")
    finally:
        replica.close()


def test_main_window_shows_admin_page(qtbot, english, admin_replica, server):
    context, window = open_window(qtbot, admin_replica, server.url, "admin1", online=False)
    try:
        page = window.show_page(ADMIN)
        assert isinstance(page, AdminPage)
        titles = [window.navigation.item(row).text() for row in range(window.navigation.count())]
        assert "Administration" in titles
        assert [page.tabs.tabText(number) for number in range(page.tabs.count())] == [
            "Departments", "Users", "Warehouses", "Customer categories", "Permissions", "Company settings",
            "Print templates"]
    finally:
        close_window(context, window)


def test_main_window_hides_admin_page_for_clerk(qtbot, english, synced_replica, server):
    context, window = open_window(qtbot, synced_replica, server.url, "clerk1", online=False)
    try:
        assert ADMIN not in window.pages
    finally:
        close_window(context, window)


def test_chinese_page_fully_translated(qtbot, chinese, admin_context):
    page = AdminPage(admin_context)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.permissions.data is not None and page.users.model.rowCount() == 3, timeout=15_000)
    page.users.select_id(user_id(page.users, "clerk1"))
    windows = [page] + [tab.add() for tab in (page.departments, page.users, page.warehouses, page.categories)]
    windows.append(page.users.set_password())
    untranslated = []
    for window in windows:
        for where, text in collect_strings(window):
            if not CJK.search(text) and re.search(r"[A-Za-z]{3,}", text):
                untranslated.append((where, text))
    assert untranslated == []
    for window in windows[1:]:
        window.done(0)


def test_password_message_keeps_field_sizes(qtbot, english, admin_context):
    tab = open_users(qtbot, admin_context)
    tab.select_id(user_id(tab, "clerk1"))
    dialog = tab.set_password()
    # The dialog opens without a message when the app is online.
    dialog.message_label.clear()
    dialog.adjustSize()
    qtbot.waitExposed(dialog)
    heights = (dialog.password_edit.height(), dialog.repeat_edit.height())
    for message in (dialog.unreachable_text(), dialog.offline_text(), "The two entries differ; type the password again."):
        dialog.message_label.setText(message)
        qtbot.wait(50)
        assert (dialog.password_edit.height(), dialog.repeat_edit.height()) == heights, message
        assert dialog.message_label.height() >= dialog.message_label.heightForWidth(dialog.message_label.width()), message


def test_password_failure_sets_status_offline(qtbot, english, admin_context, admin_replica, server):
    sync = admin_context.sync
    sync.start(sign_in(admin_replica, server.url, "admin1", PASSWORD))
    qtbot.waitUntil(lambda: not sync._running and sync.status == "online", timeout=15_000)
    tab = open_users(qtbot, admin_context)
    tab.select_id(user_id(tab, "clerk1"))
    dialog = tab.set_password()
    assert dialog.message_label.text() == ""
    server.stop()
    dialog.password_edit.setText("new secret 1")
    dialog.repeat_edit.setText("new secret 1")
    with qtbot.waitSignal(sync.message_changed, timeout=15_000) as note:
        dialog.send()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=15_000)
    assert dialog.message_label.text().startswith("The server could not be reached")
    assert sync.status == "offline"
    assert note.args[0] != ""
