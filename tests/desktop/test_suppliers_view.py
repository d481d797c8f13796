"""The Suppliers page on a real server: search and sort, remembered columns, the editor with its checks, the detail."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import select

from desktop.context import AppContext
from desktop.views.list_columns import COLUMN_SETTINGS_FILE
from desktop.views.main_window import visible_pages
from desktop.views.supplier_editor import SupplierEditor
from desktop.views.suppliers_view import SuppliersView
from domain.ids import new_id
from domain.models import PayableEntry, Supplier, SupplierContact
from server_stub.admin import server_change
from server_stub.db import Database
from sync.client import open_replica, submit, sync
from sync.local_tables import OutboxEntry
from tests.desktop.conftest import PASSWORD
from tests.desktop.screen_text import CJK, collect_strings
from tests.server.server_process import add_user

pytestmark = pytest.mark.timeout(180)

VALID_USCC = "91350100M000100Y43"
SUPPLIERS = (
    ("S1", "重庆调味品厂", "023-61234567"),
    ("S2", "长沙食品有限公司", "13912345678"),
    ("S3", "义乌日用品厂", "0579-85551234"),
)


def _replica_of(tmp_path, server, server_db, username: str, role: str):
    url, _ids = server_db
    add_user(url, username, role, PASSWORD, "D1", create_department=False)
    replica = open_replica(tmp_path / username)
    sync(replica, server.url, username, PASSWORD)
    return replica


@pytest.fixture
def keeper_replica(tmp_path, server, server_db):
    """A warehouse keeper's replica with three suppliers, pushed so the server has them too."""
    replica = _replica_of(tmp_path, server, server_db, "buyer", "warehouse")
    replica.ids = {}
    for code, name, phone in SUPPLIERS:
        replica.ids[code] = new_id()
        submit(replica, "supplier.create", {"id": replica.ids[code], "code": code, "name": name,
                                            "fields": {"phone": phone}})
    result = sync(replica, server.url, "buyer", PASSWORD)
    assert result.push.rejected == 0
    yield replica
    replica.close()


def _open_view(qtbot, replica, server, username: str) -> tuple[AppContext, SuppliersView]:
    context = AppContext(replica, server.url, username)
    view = SuppliersView(context)
    qtbot.addWidget(view)
    view.show()
    _wait_loaded(qtbot, view)
    return context, view


def _close(context: AppContext) -> None:
    context.tasks.cancel_all()
    context.tasks.wait_idle()


def _wait_loaded(qtbot, view) -> None:
    qtbot.waitUntil(lambda: not view.model.loading, timeout=15_000)


def _codes(view) -> list[str]:
    return [view.model.row(number)["code"] for number in range(view.model.rowCount())]


def _search(qtbot, view, text: str) -> None:
    view.search.setText(text)
    view.apply_search()
    _wait_loaded(qtbot, view)


def test_page_for_purchasing_roles():
    for role in ("manager", "admin", "warehouse", "finance"):
        assert "suppliers" in [page[0] for page in visible_pages(role)]
    assert "suppliers" not in [page[0] for page in visible_pages("clerk")]


def test_search_sort_and_count(qtbot, english, keeper_replica, server):
    context, view = _open_view(qtbot, keeper_replica, server, "buyer")
    try:
        assert sorted(_codes(view)) == ["S1", "S2", "S3"]
        assert view.count_label.text() == "3 suppliers"

        # 重 reads zhong or chong and 长 chang or zhang: every reading's initials find the name.
        for text, expected in (("zq", ["S1"]), ("cq", ["S1"]), ("zs", ["S2"]), ("cs", ["S2"]),
                               ("8555", ["S3"]), ("S2", ["S2"]), ("调味", ["S1"]), ("cqtwpc", ["S1"])):
            _search(qtbot, view, text)
            assert _codes(view) == expected, text

        _search(qtbot, view, "")
        name_section = view.model.column_number("name")
        view.table.horizontalHeader().sectionClicked.emit(name_section)
        _wait_loaded(qtbot, view)
        assert view.list_columns.sort == "name"
        ascending = _codes(view)
        # Names sort in pinyin order: 长沙 (chang), 重庆 (chong), 义乌 (yi).
        assert ascending == ["S2", "S1", "S3"]
        view.table.horizontalHeader().sectionClicked.emit(name_section)
        _wait_loaded(qtbot, view)
        assert _codes(view) == list(reversed(ascending))
    finally:
        _close(context)


def test_columns_and_sort_remembered(qtbot, english, keeper_replica, server):
    context, view = _open_view(qtbot, keeper_replica, server, "buyer")
    try:
        assert view.table.isColumnHidden(view.model.column_number("mnemonic"))
        view.set_sort("-code")
        view.list_columns.set_column_visible("mnemonic", True)
        view.list_columns.set_column_visible("phone", False)
        view.table.setColumnWidth(view.model.column_number("name"), 333)
        view.list_columns.save_columns()
        settings = QSettings(str(context.data_dir / COLUMN_SETTINGS_FILE), QSettings.Format.IniFormat)
        assert settings.value("suppliers/sort") == "-code"
    finally:
        _close(context)

    context, again = _open_view(qtbot, keeper_replica, server, "buyer")
    try:
        assert not again.table.isColumnHidden(again.model.column_number("mnemonic"))
        assert again.table.isColumnHidden(again.model.column_number("phone"))
        assert again.table.columnWidth(again.model.column_number("name")) == 333
        assert _codes(again) == ["S3", "S2", "S1"]
    finally:
        _close(context)


def _editor(qtbot, context, supplier_id=None, values=None) -> SupplierEditor:
    editor = SupplierEditor(context, supplier_id, values)
    qtbot.addWidget(editor)
    editor.show()
    return editor


def _queued(replica, command: str) -> list[dict]:
    with replica.transaction() as session:
        return [entry.payload for entry in session.scalars(select(OutboxEntry).where(OutboxEntry.name == command))]


def test_editor_checks_fields_and_warns_of_duplicates(qtbot, english, keeper_replica, server):
    context = AppContext(keeper_replica, server.url, "buyer")
    try:
        editor = _editor(qtbot, context)
        editor.editor("code").setText("S9")
        editor.editor("name").setText("昆明茶叶公司")
        assert editor.editor("mnemonic").text() == "KMCYGS"
        editor.editor("uscc").setText("91350100M000100Y44")
        editor.save()
        qtbot.waitUntil(lambda: editor.rows["uscc"].error != "", timeout=10_000)
        assert "check character" in editor.rows["uscc"].error.lower() or "invalid" in editor.rows["uscc"].error.lower()

        editor.editor("uscc").setText(VALID_USCC)
        # The phone of S3, typed another way.
        editor.editor("phone").setText("0579 8555 1234")
        editor.save()
        qtbot.waitUntil(lambda: editor.duplicate_warning is not None, timeout=10_000)
        warning = editor.duplicate_warning
        assert warning.windowTitle() == "Possible duplicate supplier"
        assert warning.selected_id() == keeper_replica.ids["S3"]
        warning.save_button.click()
        qtbot.waitUntil(lambda: [payload["code"] for payload in _queued(keeper_replica, "supplier.create")] == ["S9"],
                        timeout=10_000)
        with keeper_replica.transaction() as session:
            saved = session.execute(select(Supplier).where(Supplier.code == "S9")).scalar_one()
            assert (saved.name, saved.uscc, saved.phone, saved.mnemonic) == (
                "昆明茶叶公司", VALID_USCC, "0579-85551234", "KMCYGS")
    finally:
        _close(context)


def test_editor_sends_changed_fields_with_base(qtbot, english, keeper_replica, server):
    context = AppContext(keeper_replica, server.url, "buyer")
    try:
        supplier_id = keeper_replica.ids["S1"]
        with keeper_replica.transaction() as session:
            supplier = session.get(Supplier, supplier_id)
            values = {field: getattr(supplier, field) for field in
                      ("code", "name", "mnemonic", "phone", "address", "uscc", "payment_terms_days", "notes", "active")}
        editor = _editor(qtbot, context, supplier_id, values)
        editor.editor("address").setText("重庆市渝中区")
        editor.editor("payment_terms_days").setText("45")
        editor.save()
        qtbot.waitUntil(lambda: bool(_queued(keeper_replica, "supplier.update")), timeout=10_000)
        payload = _queued(keeper_replica, "supplier.update")[0]
        assert payload["fields"] == {"address": "重庆市渝中区", "payment_terms_days": 45}
        assert payload["base"] == {"address": None, "payment_terms_days": 30}
    finally:
        _close(context)


def test_editor_checks_phone_before_duplicates(qtbot, english, keeper_replica, server):
    context = AppContext(keeper_replica, server.url, "buyer")
    try:
        editor = _editor(qtbot, context)
        editor.editor("code").setText("S9")
        # The name of S1, so the duplicate check would warn.
        editor.editor("name").setText("重庆调味品厂")
        editor.editor("phone").setText("(03) 3555-5011")
        editor.save()
        assert "country code" in editor.rows["phone"].error
        assert editor.duplicate_warning is None

        editor.editor("name").setText("东京贸易商行")
        editor.editor("phone").setText("+81 (3) 3555-5011")
        editor.save()
        qtbot.waitUntil(lambda: bool(_queued(keeper_replica, "supplier.create")), timeout=10_000)
        with keeper_replica.transaction() as session:
            saved = session.execute(select(Supplier).where(Supplier.code == "S9")).scalar_one()
            assert saved.phone == "+81 3 3555 5011"
    finally:
        _close(context)


def test_duplicate_open_existing_opens_detail(qtbot, english, keeper_replica, server):
    context, view = _open_view(qtbot, keeper_replica, server, "buyer")
    try:
        view.create_supplier()
        editor = view.findChild(SupplierEditor)
        editor.editor("code").setText("S9")
        editor.editor("name").setText("义乌小商品厂")
        editor.editor("phone").setText("0579 8555 1234")
        editor.save()
        qtbot.waitUntil(lambda: editor.duplicate_warning is not None, timeout=10_000)
        warning = editor.duplicate_warning
        assert warning.open_button.text() == "&Open existing supplier"
        warning.open_button.click()
        qtbot.waitUntil(lambda: bool(view.details), timeout=5_000)
        assert view.details[-1].supplier_id == keeper_replica.ids["S3"]
        assert not editor.isVisible()
        assert [payload["code"] for payload in _queued(keeper_replica, "supplier.create")] == []
        view.details[-1].close()
    finally:
        _close(context)


def test_editor_escape_asks_when_changed(qtbot, english, keeper_replica, server, questions):
    context = AppContext(keeper_replica, server.url, "buyer")
    try:
        unchanged = _editor(qtbot, context)
        qtbot.keyClick(unchanged.editor("code"), Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda: not unchanged.isVisible(), timeout=5_000)
        assert questions == []

        editor = _editor(qtbot, context)
        qtbot.keyClicks(editor.editor("code"), "S9")
        qtbot.keyClick(editor.editor("code"), Qt.Key.Key_Escape)
        assert questions == ["Discard changes?"]
        assert editor.isVisible()
        assert editor.editor("code").text() == "S9"

        questions.answer = QMessageBox.StandardButton.Discard
        qtbot.keyClick(editor.editor("code"), Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda: not editor.isVisible(), timeout=5_000)
        assert len(questions) == 2
    finally:
        _close(context)


def test_ctrl_n_creates_supplier_not_order(qtbot, english, keeper_replica, server):
    context, view = _open_view(qtbot, keeper_replica, server, "buyer")
    try:
        # The main window's New order action, as it is installed there.
        new_order = QAction(view)
        new_order.setShortcut(QKeySequence(QKeySequence.StandardKey.New))
        new_order.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        orders_opened = []
        new_order.triggered.connect(lambda: orders_opened.append(True))
        view.addAction(new_order)
        view.activateWindow()
        view.table.setFocus()

        qtbot.keyClick(view.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: view.findChild(SupplierEditor) is not None, timeout=5_000)
        assert orders_opened == []
        assert "Ctrl+Shift+N" in view.new_button.text()
        view.findChild(SupplierEditor).close()
        qtbot.waitUntil(lambda: view.findChild(SupplierEditor) is None, timeout=5_000)

        view.search.setFocus()
        qtbot.keyClick(view.search, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: view.findChild(SupplierEditor) is not None, timeout=5_000)
        assert orders_opened == []
        view.findChild(SupplierEditor).close()
    finally:
        _close(context)


def test_detail_contact_columns_fit_content(qtbot, english, keeper_replica, server):
    supplier_id = keeper_replica.ids["S1"]
    submit(keeper_replica, "supplier_contact.create", {
        "id": new_id(), "supplier_id": supplier_id, "name": "王经理",
        "fields": {"position": "Marketing and purchasing manager"},
    })
    context, view = _open_view(qtbot, keeper_replica, server, "buyer")
    try:
        detail = view.open_detail(supplier_id)
        contacts = detail.models["contacts"]
        qtbot.waitUntil(lambda: not contacts.loading and contacts.rowCount() == 1, timeout=10_000)
        table = detail.tables["contacts"]
        qtbot.waitUntil(lambda: table.columnWidth(1) >= table.sizeHintForColumn(1), timeout=5_000)
        assert detail.buttons["edit"].text() == "Edit... (Ctrl+E)"
        assert detail.buttons["edit"].shortcut() == QKeySequence("Ctrl+E")
        assert detail.buttons["add_contact"].shortcut() == QKeySequence("Ctrl+Shift+C")
        detail.close()
    finally:
        _close(context)


def _add_payable(url: str, supplier_id: str, amount: str) -> None:
    db = Database(url)
    try:
        with db.write() as session, server_change(session):
            session.add(PayableEntry(
                id=new_id(), supplier_id=supplier_id, entry_type="receipt", amount=Decimal(amount),
                document_type="goods_receipt", document_id=new_id(), document_number="GR-1",
                document_date=dt.date(2026, 12, 1), posting_date=dt.date(2026, 12, 1),
            ))
    finally:
        db.dispose()


def test_detail_contacts_and_cost_tabs(qtbot, english, keeper_replica, server, server_db, tmp_path):
    url, _ids = server_db
    supplier_id = keeper_replica.ids["S1"]
    _add_payable(url, supplier_id, "250.50")
    sync(keeper_replica, server.url, "buyer", PASSWORD)

    context, view = _open_view(qtbot, keeper_replica, server, "buyer")
    try:
        detail = view.open_detail(supplier_id)
        qtbot.waitUntil(lambda: detail.header is not None, timeout=10_000)
        assert detail.values["name"].text() == "重庆调味品厂"
        assert detail.values["payment_terms"].text() == "30 days"
        # A warehouse keeper does not see cost: no payables tab, no balance, and no payable rows arrived.
        payables_index = detail.tabs.indexOf(detail.tables["payables"])
        assert not detail.tabs.isTabVisible(payables_index)
        assert not detail.values["balance"].isVisible()
        with keeper_replica.transaction() as session:
            assert session.execute(select(PayableEntry)).first() is None

        detail.add_contact()
        qtbot.waitUntil(lambda: detail.findChild(SupplierEditor) is None and bool(
            [child for child in detail.children() if child.objectName() == "supplierContactDialog"]), timeout=5_000)
        dialog = [child for child in detail.children() if child.objectName() == "supplierContactDialog"][0]
        dialog.editor("name").setText("王经理")
        dialog.editor("mobile").setText("139 0000 1111")
        dialog.save()
        contacts = detail.models["contacts"]
        qtbot.waitUntil(lambda: not contacts.loading and contacts.rowCount() == 1, timeout=10_000)
        assert contacts.index(0, 2).data() == "13900001111"

        detail.tabs.setCurrentWidget(detail.tables["contacts"])
        detail.tables["contacts"].setCurrentIndex(contacts.index(0, 0))
        detail.row_delete.button.click()
        qtbot.waitUntil(lambda: detail.row_delete.question is not None, timeout=5_000)
        assert detail.row_delete.question.text() == "Delete the contact 王经理?"
        detail.row_delete.question.button(QMessageBox.StandardButton.Yes).click()
        qtbot.waitUntil(lambda: not contacts.loading and contacts.rowCount() == 0, timeout=10_000)
        with keeper_replica.transaction() as session:
            deleted = session.execute(select(SupplierContact)).scalar_one()
            assert deleted.deleted_at is not None
        assert sync(keeper_replica, server.url, "buyer", PASSWORD).push.rejected == 0
        detail.close()
    finally:
        _close(context)

    boss = _replica_of(tmp_path, server, server_db, "boss", "manager")
    context, view = _open_view(qtbot, boss, server, "boss")
    try:
        detail = view.open_detail(supplier_id)
        qtbot.waitUntil(lambda: detail.header is not None, timeout=10_000)
        assert detail.tabs.isTabVisible(detail.tabs.indexOf(detail.tables["payables"]))
        assert detail.values["balance"].text() == "250.50"
        payables = detail.models["payables"]
        qtbot.waitUntil(lambda: not payables.loading and payables.rowCount() == 1, timeout=10_000)
        assert [payables.index(0, column).data() for column in range(payables.columnCount())] == [
            "2026-12-01", "Goods receipt", "GR-1", "", "250.50"]
        detail.close()
    finally:
        _close(context)
        boss.close()


def test_page_and_detail_in_chinese(qtbot, chinese, keeper_replica, server):
    context, view = _open_view(qtbot, keeper_replica, server, "buyer")
    try:
        detail = view.open_detail(keeper_replica.ids["S1"])
        qtbot.waitUntil(lambda: detail.header is not None, timeout=10_000)
        editor = _editor(qtbot, context)
        for widget in (view, detail, editor):
            english = [
                (where, text) for where, text in collect_strings(widget)
                if not CJK.search(text) and re.search(r"[A-Za-z]{3,}", text)
            ]
            assert english == [], widget.objectName()
        assert view.count_label.text() == "共 3 个供应商"
        assert detail.tabs.tabText(0) == "联系人"
        editor.reject()
        detail.close()
    finally:
        _close(context)
