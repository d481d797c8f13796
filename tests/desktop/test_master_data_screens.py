"""Customer and product screens on a synced replica: credit limit shown in the editor, actions by role,
the discard question, saved filter buttons, empty pages, tab keys, Close buttons, Ctrl+Enter and column widths."""

from __future__ import annotations

from decimal import Decimal

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton

from desktop.context import AppContext
from desktop.models.duplicate_model import preferred_survivor
from desktop.models.flag_model import FlagModel
from desktop.tasks import Changes
from desktop.views.conflicts_view import ConflictsView
from desktop.views.customer_detail import CustomerDetailDialog
from desktop.views.customer_editor import CustomerEditor
from desktop.views.customer_filters import CustomerFilterBar
from desktop.views.customers_view import CustomersView
from desktop.views.duplicates_view import DuplicatesView
from desktop.views.flags_view import FlagsView
from desktop.views.product_detail import open_product_detail
from desktop.views.products_view import ProductsView
from desktop.views.sync_problems_view import SyncProblemsView
from domain.ids import new_id
from domain.models import Customer, CustomerCategory, CustomerContact, Flag, RolePermission
from domain.permissions import role_permission_id
from sync.client import open_replica, sync
from tests.desktop.conftest import PASSWORD
from tests.desktop.helpers import close_window, open_window
from tests.desktop.product_rows import server_db  # noqa: F401 (a fixture)
from tests.desktop.server_rows import read
from tests.desktop.test_duplicates_view import boss_replica  # noqa: F401 (a fixture)
from tests.server.server_process import add_user

pytestmark = pytest.mark.timeout(180)

OFFLINE_URL = "http://127.0.0.1:1"


def _replicated(model, **values):
    return model(id=values.pop("id", None) or new_id(), version=1, change_seq=0, **values)


def _customer_of_category(replica, credit_limit: Decimal | None = None) -> str:
    """Write a customer in a category whose default credit limit is 5,000.00; return its id."""
    category_id, customer_id = new_id(), new_id()
    with replica.transaction() as session:
        session.add(_replicated(CustomerCategory, id=category_id, code="BIG", name="大客户",
                                default_credit_limit=Decimal("5000.00")))
        session.flush()
        session.add(_replicated(Customer, id=customer_id, code="L1", name="丽江茶行", category_id=category_id,
                                credit_limit=credit_limit, active=True))
        session.flush()
        for name in ("王芳", "李强"):
            session.add(_replicated(CustomerContact, customer_id=customer_id, name=name))
    return customer_id


def open_editor(qtbot, context, customer_id=None) -> CustomerEditor:
    editor = CustomerEditor(context, customer_id)
    qtbot.addWidget(editor)
    editor.show()
    editor.activateWindow()
    qtbot.waitUntil(lambda: editor.loaded, timeout=10_000)
    return editor


def open_detail(qtbot, context, customer_id) -> CustomerDetailDialog:
    detail = CustomerDetailDialog(context, customer_id)
    qtbot.addWidget(detail)
    detail.show()
    detail.activateWindow()
    qtbot.waitUntil(lambda: detail.header is not None, timeout=10_000)
    return detail


# -- credit limit -----------------------------------------------------------------


def test_editor_names_category_credit_limit(qtbot, context, synced_replica):
    customer_id = _customer_of_category(synced_replica)

    detail = open_detail(qtbot, context, customer_id)
    assert detail.values["credit_limit"].text() == "5,000.00 (category default)"

    editor = open_editor(qtbot, context, customer_id)
    limit_edit = editor.edits["credit_limit"]
    assert limit_edit.text() == ""
    assert limit_edit.placeholderText() == "Blank: the category's 5,000.00"
    category = editor.combos["category_id"]
    chosen = category.currentIndex()
    category.setCurrentIndex(0)
    assert limit_edit.placeholderText() == "Blank: no credit limit"
    # Back as loaded, so closing the editor asks nothing.
    category.setCurrentIndex(chosen)
    assert not editor.is_modified()


def test_own_credit_limit_shown_in_both(qtbot, context, synced_replica):
    customer_id = _customer_of_category(synced_replica, credit_limit=Decimal("800.00"))
    detail = open_detail(qtbot, context, customer_id)
    assert detail.values["credit_limit"].text() == "800.00"
    editor = open_editor(qtbot, context, customer_id)
    assert editor.edits["credit_limit"].text() == "800.00"


# -- actions by role ----------------------------------------------------------------


@pytest.fixture
def keeper_replica(tmp_path, server, server_db):
    url, _ids = server_db
    add_user(url, "keeper1", "warehouse", PASSWORD, "D1", create_department=False)
    replica = open_replica(tmp_path / "keeper")
    sync(replica, server.url, "keeper1", PASSWORD)
    yield replica
    replica.close()


def test_keeper_not_offered_new_customer_or_order(qtbot, english, keeper_replica):
    customer_id = _customer_of_category(keeper_replica)
    context, window = open_window(qtbot, keeper_replica, OFFLINE_URL, "keeper1", online=False)
    try:
        customers = window.show_page("customers")
        assert customers.new_customer_button.isHidden()
        assert customers.new_order_button.isHidden()
        assert not window.new_order_action.isVisible()
        assert not window.new_order_action.isEnabled()
        assert window.pages["orders"].new_button.isHidden()

        detail = customers.open_detail(customer_id)
        qtbot.waitUntil(lambda: detail.header is not None, timeout=10_000)
        assert detail.new_order_button.isHidden()
        shown = {button.objectName() for button in detail.findChildren(QPushButton) if not button.isHidden()}
        assert "editCustomerButton" not in shown
        assert "addContactButton" not in shown
        assert "customerDetailClose" in shown

        # The keys do nothing either.
        customers.create_customer()
        assert not [widget for widget in customers.findChildren(CustomerEditor)]
        detail.close()
    finally:
        close_window(context, window)


def test_clerk_offered_new_customer_and_order(qtbot, english, synced_replica):
    context, window = open_window(qtbot, synced_replica, OFFLINE_URL, "clerk1", online=False)
    try:
        customers = window.show_page("customers")
        assert not customers.new_customer_button.isHidden()
        assert not customers.new_order_button.isHidden()
        assert window.new_order_action.isVisible()
    finally:
        close_window(context, window)


def test_permission_change_hides_new_customer(qtbot, english, synced_replica):
    context, window = open_window(qtbot, synced_replica, OFFLINE_URL, "clerk1", online=False)
    try:
        customers = window.show_page("customers")
        orders = window.show_page("orders")
        assert not customers.new_customer_button.isHidden()

        # The rows a pull would bring after an administrator took both commands from clerks.
        with synced_replica.transaction() as session:
            for command in ("customer.create", "order.create"):
                session.add(RolePermission(id=role_permission_id("clerk", command), role="clerk",
                                           command=command, allowed=False))
        context.tasks.notify_changed(Changes(tables=frozenset({"role_permission"})))

        qtbot.waitUntil(lambda: customers.new_customer_button.isHidden(), timeout=10_000)
        assert customers.new_order_button.isHidden()
        assert orders.new_button.isHidden()
        assert not window.new_order_action.isEnabled()
    finally:
        close_window(context, window)


# -- discard question -----------------------------------------------------------------


def test_escape_on_unchanged_editor_closes_without_asking(qtbot, context, questions):
    editor = open_editor(qtbot, context)
    qtbot.keyClick(editor.edits["code"], Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not editor.isVisible(), timeout=5_000)
    assert questions == []


def test_escape_on_changed_editor_asks(qtbot, context, synced_replica, questions):
    customer_id = _customer_of_category(synced_replica)
    editor = open_editor(qtbot, context, customer_id)
    qtbot.keyClicks(editor.edits["phone"], "13912345678")

    qtbot.keyClick(editor.edits["phone"], Qt.Key.Key_Escape)
    assert questions == ["Discard changes?"]
    assert editor.isVisible()
    assert editor.edits["phone"].text() == "13912345678"

    questions.answer = QMessageBox.StandardButton.Discard
    qtbot.keyClick(editor.edits["phone"], Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not editor.isVisible(), timeout=5_000)
    assert len(questions) == 2


def test_escape_after_new_customer_typed_asks(qtbot, context, questions):
    editor = open_editor(qtbot, context)
    qtbot.keyClicks(editor.edits["code"], "N1")
    qtbot.keyClick(editor.edits["code"], Qt.Key.Key_Escape)
    assert questions == ["Discard changes?"]
    assert editor.isVisible()

    # The Cancel button asks too.
    questions.answer = QMessageBox.StandardButton.Discard
    qtbot.mouseClick(editor.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not editor.isVisible(), timeout=5_000)
    assert len(questions) == 2


# -- saved filters ------------------------------------------------------------------


def test_delete_filter_disabled_without_saved_filter(qtbot, context):
    bar = CustomerFilterBar(context)
    qtbot.addWidget(bar)
    assert not bar.delete_button.isEnabled()
    bar.save_named("Mine")
    qtbot.waitUntil(lambda: bar.saved.currentData() == "Mine", timeout=10_000)
    assert bar.delete_button.isEnabled()

    bar.clear()
    assert bar.saved.currentIndex() == 0
    assert not bar.delete_button.isEnabled()


# -- empty pages ----------------------------------------------------------------------


@pytest.mark.parametrize("page", [SyncProblemsView, ConflictsView, DuplicatesView, FlagsView])
def test_empty_page_says_so(qtbot, context, page):
    view = page(context)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: view.empty_label.isVisible(), timeout=10_000)
    assert view.empty_label.text().strip()
    assert view.empty_label.text().endswith(".")


# -- detail keys ----------------------------------------------------------------------


def test_ctrl_tab_switches_customer_detail_tabs(qtbot, context, synced_replica):
    detail = open_detail(qtbot, context, _customer_of_category(synced_replica))
    table = detail.tables["contacts"]
    qtbot.waitUntil(lambda: detail.models["contacts"].rowCount() == 2, timeout=10_000)
    table.setFocus()
    table.selectRow(0)
    assert detail.tabs.currentIndex() == 0

    qtbot.keyClick(table, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert detail.tabs.currentIndex() == 1
    assert table.currentIndex().row() == 0

    qtbot.keyClick(detail.tabs.currentWidget(), Qt.Key.Key_Backtab,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert detail.tabs.currentIndex() == 0
    qtbot.keyClick(table, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert detail.tabs.currentIndex() == detail.tabs.count() - 1


def test_product_detail_tabs_and_close(qtbot, context, server_db):
    _url, ids = server_db
    # The dialog deletes itself when closed, so qtbot does not track it.
    dialog = open_product_detail(context, ids["T100"])
    qtbot.waitUntil(lambda: dialog.detail is not None, timeout=10_000)
    qtbot.waitUntil(lambda: not dialog.history_model.loading, timeout=10_000)
    stock = dialog.stock_table
    stock.setFocus()
    stock.selectRow(0)

    qtbot.keyClick(stock, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert dialog.tabs.currentIndex() == 1
    assert stock.currentRow() == 0

    assert dialog.close_button.isVisible()
    assert dialog.close_button.text() == "Close"
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5_000)



def test_product_detail_closed_before_pages_arrive(qtbot, context, server_db):
    _url, ids = server_db
    dialog = open_product_detail(context, ids["T100"])
    dialog.close()
    # The detail and history pages land after the dialog and its models are deleted.
    assert context.tasks.wait_idle(10_000)
    qtbot.wait(200)
    assert not shiboken6.isValid(dialog) or not dialog.isVisible()

# -- new order from a customer ---------------------------------------------------------


def test_ctrl_enter_leaves_page_in_place(qtbot, english, synced_replica, server_db):
    context, window = open_window(qtbot, synced_replica, OFFLINE_URL, "clerk1", online=False)
    try:
        customers: CustomersView = window.show_page("customers")
        qtbot.waitUntil(lambda: customers.model.rowCount() > 0 and not customers.model.loading, timeout=10_000)
        customers.table.setFocus()
        customers.table.selectRow(0)
        orders = window.pages["orders"]

        qtbot.keyClick(customers.table, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: len(orders.editors) == 1, timeout=5_000)
        assert window.stack.currentWidget() is customers
        for editor in list(orders.editors):
            editor.dirty = False
            editor.close()
    finally:
        close_window(context, window)


# -- column widths ------------------------------------------------------------------------


def test_product_columns_fit_content(qtbot, context):
    view = ProductsView(context)
    qtbot.addWidget(view)
    view.resize(1400, 500)
    view.show()
    qtbot.waitUntil(lambda: view.model.rowCount() > 0 and not view.model.loading, timeout=10_000)
    header = view.table.horizontalHeader()
    qtbot.waitUntil(lambda: not header.stretchLastSection(), timeout=5_000)
    for key in ("name", "variant", "brand", "category"):
        column = view.model.column_of(key)
        assert view.table.columnWidth(column) >= view.table.sizeHintForColumn(column), key
    last = max(range(header.count()), key=header.visualIndex)
    assert view.table.columnWidth(last) < 200

    # A width the user set is kept at the next start.
    view.table.setColumnWidth(view.model.column_of("brand"), 333)
    view.save_columns()
    again = ProductsView(context)
    qtbot.addWidget(again)
    again.show()
    qtbot.waitUntil(lambda: again.model.rowCount() > 0 and not again.model.loading, timeout=10_000)
    assert again.table.columnWidth(again.model.column_of("brand")) == 333


def test_customer_columns_fit_content(qtbot, context, synced_replica):
    _customer_of_category(synced_replica)
    view = CustomersView(context)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: view.model.rowCount() > 0 and not view.model.loading, timeout=10_000)
    qtbot.waitUntil(lambda: view.column_fit.done, timeout=5_000)
    for key in ("name", "owner", "category"):
        column = view.model.column_number(key)
        assert view.table.columnWidth(column) >= view.table.sizeHintForColumn(column), key
    assert not view.table.horizontalHeader().stretchLastSection()


# -- duplicates and their flags ----------------------------------------------------------


def test_merge_proposes_older_customer_and_resolves_flag(qtbot, english, boss_replica, server, server_db):
    context = AppContext(boss_replica, server.url, "boss")
    flags = FlagModel(context)
    flags.set_filter(False)
    qtbot.waitUntil(lambda: flags.rowCount() == 1 and not flags.loading, timeout=15_000)
    # The flag names the customer that was entered second, by code and name rather than by id.
    assert flags.index(0, flags_column("document")).data() == "Customer M2 洱海茶行"

    view = DuplicatesView(context)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: view.model.rowCount() == 1 and not view.model.loading, timeout=15_000)
    dialog = view.merge_selected()
    # Neither customer has orders, payments or a balance, so the one entered first is proposed.
    assert dialog.survivor_id() == boss_replica.ids["first"]
    assert "Orders: 0, payments: 0, balance: 0.00" in dialog.keep_first.text()
    dialog.accept()

    qtbot.waitUntil(lambda: view.model.rowCount() == 0 and not view.model.loading, timeout=15_000)
    flags.reload()
    qtbot.waitUntil(lambda: not flags.loading, timeout=15_000)
    assert flags.rowCount() == 0
    context.sync.stop()
    result = sync(boss_replica, server.url, "boss", PASSWORD)
    assert result.push.rejected == 0
    url, _ids = server_db
    flag_ids = [row["id"] for row in read_flags(url)]
    assert [read(url, Flag, flag_id, "status")["status"] for flag_id in flag_ids] == ["resolved"]
    context.tasks.cancel_all()
    context.tasks.wait_idle()


def flags_column(key: str) -> int:
    return [column.key for column in FlagModel.columns].index(key)


def read_flags(url: str) -> list[dict]:
    from sqlalchemy import select

    from server_stub.db import Database

    db = Database(url)
    try:
        with db.read() as session:
            return [{"id": flag_id} for flag_id in session.scalars(select(Flag.id).where(Flag.code == "possible_duplicate"))]
    finally:
        db.dispose()


@pytest.mark.parametrize(("first", "second", "expected"), [
    ({"orders": 0, "payments": 0, "balance": Decimal(0)}, {"orders": 2, "payments": 0, "balance": Decimal(0)}, "second"),
    ({"orders": 1, "payments": 1, "balance": Decimal(0)}, {"orders": 1, "payments": 0, "balance": Decimal(50)}, "first"),
    ({"orders": 1, "payments": 0, "balance": Decimal(0)}, {"orders": 1, "payments": 0, "balance": Decimal(50)}, "second"),
    ({"orders": 0, "payments": 0, "balance": Decimal(0)}, {"orders": 0, "payments": 0, "balance": Decimal(0)}, "second"),
])
def test_preferred_survivor(first, second, expected):
    # Ids are UUIDv7, so "...0001" was created before "...0002"; the second customer here is the older one.
    row = {"first": {"id": "01900000-0000-7000-8000-000000000002", **first},
           "second": {"id": "01900000-0000-7000-8000-000000000001", **second}}
    assert preferred_survivor(row) == expected
