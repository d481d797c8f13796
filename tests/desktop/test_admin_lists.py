"""The Administration page's lists on an administrator's replica: rows, search, sort, add by keyboard, deactivate."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from desktop.views.admin_categories import CategoryDialog
from desktop.views.admin_page import AdminPage
from desktop.views.main_window import ADMIN, visible_pages
from sync.client import sign_in
from tests.desktop.admin_helpers import admin_context, admin_replica, answer_message_box, queued  # noqa: F401
from tests.desktop.conftest import PASSWORD

pytestmark = pytest.mark.timeout(180)


@pytest.fixture
def page(qtbot, english, admin_context):
    page = AdminPage(admin_context)
    qtbot.addWidget(page)
    page.resize(1000, 650)
    page.show()
    for tab in (page.departments, page.users, page.warehouses, page.categories):
        qtbot.waitUntil(lambda tab=tab: not tab.model.loading and tab.model.rowCount() > 0
                        or tab is page.categories and not tab.model.loading, timeout=15_000)
    qtbot.waitUntil(lambda: page.permissions.data is not None, timeout=15_000)
    return page


def column_texts(tab, key: str) -> list[str]:
    column = [number for number, item in enumerate(tab.columns) if item.key == key][0]
    return [tab.proxy.index(row, column).data() for row in range(tab.proxy.rowCount())]


def test_page_only_for_admins():
    assert ADMIN in [page[0] for page in visible_pages("admin")]
    for role in ("clerk", "warehouse", "finance", "manager"):
        assert ADMIN not in [page[0] for page in visible_pages(role)]


def test_lists_show_rows(page):
    assert column_texts(page.departments, "code") == ["D1", "D1A", "D2"]
    assert column_texts(page.departments, "parent")[1].startswith("D1 ")
    assert set(column_texts(page.users, "username")) == {"admin1", "clerk1", "clerk2"}
    assert "administrator" in column_texts(page.users, "role")
    assert column_texts(page.warehouses, "code") == ["W1", "W1A", "W2"]
    assert column_texts(page.warehouses, "negative_stock_policy")[0].startswith("Block")


def test_search_and_sort(qtbot, page):
    tab = page.warehouses
    qtbot.keyClicks(tab.search_edit, "w1")
    assert column_texts(tab, "code") == ["W1", "W1A"]
    assert tab.count_label.text() == "Warehouses: 2"
    tab.search_edit.clear()
    tab.table.horizontalHeader().sectionClicked.emit(0)
    tab.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    assert column_texts(tab, "code") == ["W2", "W1A", "W1"]


def test_add_department_by_keyboard(qtbot, page, admin_replica):
    tab = page.departments
    tab.table.setFocus()
    qtbot.keyClick(tab.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = tab.dialog
    assert dialog is not None and dialog.objectName() == "departmentDialog"
    assert dialog.focusWidget() is dialog.editors["code"]
    qtbot.keyClicks(dialog.editors["code"], "D3")
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
    qtbot.keyClicks(dialog.editors["name"], "North")
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
    assert dialog.focusWidget() is dialog.editors["parent_id"]
    dialog.editors["parent_id"].setCurrentIndex(dialog.editors["parent_id"].findText("D2", Qt.MatchFlag.MatchStartsWith))
    with qtbot.waitSignal(dialog.saved, timeout=15_000):
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)
    payloads = queued(admin_replica, "department.create")
    assert len(payloads) == 1
    assert payloads[0]["code"] == "D3"
    assert payloads[0]["name"] == "North"
    assert payloads[0]["fields"] == {"parent_id": tab.model.rows()[2]["id"]}
    qtbot.waitUntil(lambda: "D3" in column_texts(tab, "code"), timeout=10_000)


def test_add_warehouse_by_keyboard(qtbot, page, admin_replica, seeded_ids):
    tab = page.warehouses
    tab.table.setFocus()
    qtbot.keyClick(tab.table, Qt.Key.Key_Insert)
    dialog = tab.dialog
    qtbot.keyClicks(dialog.editors["code"], "W9")
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
    qtbot.keyClicks(dialog.editors["name"], "Spare")
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
    combo = dialog.editors["department_id"]
    assert dialog.focusWidget() is combo
    # Typing in a closed combo box selects the entry that starts with the text.
    qtbot.keyClicks(combo, "D2")
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
    policy = dialog.editors["negative_stock_policy"]
    assert dialog.focusWidget() is policy
    qtbot.keyClick(policy, Qt.Key.Key_Down)
    with qtbot.waitSignal(dialog.saved, timeout=15_000):
        qtbot.keyClick(policy, Qt.Key.Key_Return)
    assert queued(admin_replica, "warehouse.create") == [{
        "id": queued(admin_replica, "warehouse.create")[0]["id"], "code": "W9", "name": "Spare",
        "department_id": seeded_ids["D2"], "fields": {"negative_stock_policy": "warn"},
    }]


def test_saved_row_stays_selected_after_reloads(qtbot, page):
    tab = page.warehouses
    tab.table.setFocus()
    qtbot.keyClick(tab.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = tab.dialog
    qtbot.keyClicks(dialog.editors["code"], "W9")
    dialog.editors["name"].setText("Spare")
    combo = dialog.editors["department_id"]
    combo.setCurrentIndex(combo.findText("D2", Qt.MatchFlag.MatchStartsWith))
    with qtbot.waitSignal(dialog.saved, timeout=15_000):
        dialog.save()
    qtbot.waitUntil(lambda: tab.selected_row() is not None and tab.selected_row()["code"] == "W9", timeout=10_000)
    # The pull after the push writes the same table again, which reloads the list once more.
    with qtbot.waitSignal(tab.model.loaded, timeout=10_000):
        tab.model.reload()
    assert tab.selected_row()["code"] == "W9"


@pytest.mark.parametrize("tab_name, search, code", [
    ("warehouses", "W1", "W9"), ("departments", "D1", "D9"), ("categories", "none", "K9"), ("users", "admin1", "zoe")])
def test_saved_row_hidden_by_search_is_shown(qtbot, page, seeded_ids, tab_name, search, code):
    tab = getattr(page, tab_name)
    tab.search_edit.setText(search)
    dialog = tab.add()
    if tab_name == "users":
        dialog.editors["username"].setText(code)
        dialog.editors["display_name"].setText("Zoe")
    else:
        dialog.editors["code"].setText(code)
        dialog.editors["name"].setText("Spare")
    if "department_id" in dialog.editors:
        combo = dialog.editors["department_id"]
        combo.setCurrentIndex(combo.findData(seeded_ids["D2"]))
    with qtbot.waitSignal(dialog.saved, timeout=15_000):
        dialog.save()

    key = "username" if tab_name == "users" else "code"
    qtbot.waitUntil(lambda: tab.selected_row() is not None and tab.selected_row()[key] == code, timeout=10_000)
    assert tab.search_edit.text() == ""
    # The page is offline, so the change is still queued.
    assert tab.message_label.text().startswith("Saved. The server applies it at the next sync. The search hid ")
    assert tab._select_after_load is None


def test_add_category_by_keyboard(qtbot, page, admin_replica):
    tab = page.categories
    tab.search_edit.setFocus()
    qtbot.keyClick(tab.search_edit, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = tab.dialog
    qtbot.keyClicks(dialog.editors["code"], "VIP")
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
    qtbot.keyClicks(dialog.editors["name"], "Key accounts")
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
    dialog.editors["payment_terms_days"].selectAll()
    qtbot.keyClicks(dialog.editors["payment_terms_days"], "60")
    dialog.editors["default_credit_limit"].setFocus()
    qtbot.keyClicks(dialog.editors["default_credit_limit"], "20000.5")
    with qtbot.waitSignal(dialog.saved, timeout=15_000):
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)
    payloads = queued(admin_replica, "customer_category.create")
    assert len(payloads) == 1
    assert payloads[0]["code"] == "VIP"
    assert payloads[0]["fields"] == {"payment_terms_days": 60, "default_credit_limit": "20000.50"}
    qtbot.waitUntil(lambda: column_texts(tab, "code") == ["VIP"], timeout=10_000)


def test_category_price_level_is_a_choice(qtbot, page, admin_replica):
    tab = page.categories
    dialog = tab.add()
    combo = dialog.editors["price_level"]
    offered = [(combo.itemText(index), combo.itemData(index)) for index in range(combo.count())]
    assert offered == [("None (list prices)", None), ("Wholesale price", "wholesale"), ("Retail price", "retail"),
                       ("Key account price", "key_account"), ("Export price", "export")]
    dialog.editors["code"].setText("VIP")
    dialog.editors["name"].setText("Key accounts")
    combo.setCurrentIndex(combo.findData("key_account"))
    dialog.editors["default_credit_limit"].setText("1234567.5")
    with qtbot.waitSignal(dialog.saved, timeout=15_000):
        dialog.save()
    payload = queued(admin_replica, "customer_category.create")[0]
    assert payload["fields"]["price_level"] == "key_account"

    qtbot.waitUntil(lambda: column_texts(tab, "code") == ["VIP"], timeout=10_000)
    assert column_texts(tab, "price_level") == ["Key account price"]
    assert column_texts(tab, "default_credit_limit") == ["1,234,567.50"]
    limit_column = [item.key for item in tab.columns].index("default_credit_limit")
    alignment = tab.proxy.index(0, limit_column).data(Qt.ItemDataRole.TextAlignmentRole)
    assert Qt.AlignmentFlag(alignment) & Qt.AlignmentFlag.AlignRight


def test_category_credit_limit_formatted_while_editing(qtbot, english, admin_context):
    row = {"id": "c1", "code": "VIP", "name": "Key accounts", "payment_terms_days": 30, "price_level": None,
           "default_credit_limit": Decimal("50000.00")}
    dialog = CategoryDialog(admin_context, row)
    qtbot.addWidget(dialog)
    dialog.show()
    edit = dialog.editors["default_credit_limit"]
    assert edit.text() == "50,000.00"
    assert edit.alignment() & Qt.AlignmentFlag.AlignRight

    # The same amount typed without separators is reformatted and leaves the form unchanged.
    edit.setText("50000")
    edit.editingFinished.emit()
    assert edit.text() == "50,000.00"
    assert not dialog.is_dirty()

    edit.setText("1234567.5")
    edit.editingFinished.emit()
    assert edit.text() == "1,234,567.50"
    assert dialog.changed_fields(dialog.stored_values()) == {"default_credit_limit": Decimal("1234567.50")}

    # Invalid text stays as typed, with the error under the field.
    edit.setText("12.345")
    edit.editingFinished.emit()
    assert edit.text() == "12.345"
    assert "2 decimal places" in dialog.field_error("default_credit_limit")
    dialog._initial = dialog.values()


def test_saved_message_follows_outbox(qtbot, english, admin_context, admin_replica, server):
    sync = admin_context.sync
    sync.start(sign_in(admin_replica, server.url, "admin1", PASSWORD))
    qtbot.waitUntil(lambda: not sync._running and sync.status == "online", timeout=15_000)
    page = AdminPage(admin_context)
    qtbot.addWidget(page)
    page.show()
    tab = page.departments
    qtbot.waitUntil(lambda: not tab.model.loading and tab.model.rowCount() > 0, timeout=15_000)

    dialog = tab.add()
    dialog.editors["code"].setText("D7")
    dialog.editors["name"].setText("West")
    with qtbot.waitSignal(dialog.saved, timeout=15_000):
        dialog.save()
    assert tab.message_label.text() == "Saved. The server applies it at the next sync."
    # The save starts a sync, which pushes the change. Then the message reports it as applied.
    qtbot.waitUntil(lambda: tab.message_label.text() == "Saved. The server has applied it.", timeout=20_000)
    assert queued(admin_replica, "department.create") == []


def test_edit_sends_changed_fields_only(qtbot, page, admin_replica, seeded_ids):
    tab = page.departments
    assert tab.select_id(seeded_ids["D2"])
    tab.table.setFocus()
    qtbot.keyClick(tab.table, Qt.Key.Key_Return)
    dialog = tab.dialog
    assert dialog.objectName() == "departmentDialog"
    dialog.editors["name"].setText("South")
    with qtbot.waitSignal(dialog.saved, timeout=15_000):
        dialog.save()
    assert queued(admin_replica, "department.update") == [{"id": seeded_ids["D2"], "fields": {"name": "South"}}]


def test_deactivate_sends_update(qtbot, page, admin_replica, seeded_ids):
    tab = page.warehouses
    assert tab.select_id(seeded_ids["W2"])
    assert tab.active_button.text() == "Deactivate (Ctrl+D)"
    tab.table.setFocus()
    qtbot.keyClick(tab.table, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: tab.message_label.text() != "", timeout=15_000)
    assert tab.message_label.text() == "W2 W2 is inactive."
    assert queued(admin_replica, "warehouse.update") == [{"id": seeded_ids["W2"], "fields": {"active": False}}]
    qtbot.waitUntil(lambda: column_texts(tab, "active")[2] == "Inactive", timeout=10_000)


def test_escape_asks_before_discarding(qtbot, page):
    tab = page.categories
    dialog = tab.add()
    qtbot.keyClicks(dialog.editors["code"], "X1")
    answer_message_box(qtbot, QMessageBox.StandardButton.Cancel)
    qtbot.keyClick(dialog.editors["code"], Qt.Key.Key_Escape)
    assert dialog.isVisible()
    answer_message_box(qtbot, QMessageBox.StandardButton.Discard)
    qtbot.keyClick(dialog.editors["code"], Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: tab.dialog is None, timeout=5_000)


def test_escape_closes_unchanged_form(qtbot, page):
    tab = page.departments
    dialog = tab.add()
    qtbot.keyClick(dialog.editors["code"], Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: tab.dialog is None, timeout=5_000)
