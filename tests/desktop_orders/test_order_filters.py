"""The order list's filters: each one narrows the list to the orders it names, on the real page."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from desktop.context import AppContext
from desktop.models.order_filters import OrderFilter, filter_orders, filtered_query
from desktop.views.main_window import ORDERS, MainWindow
from domain.ids import new_id
from domain.models import Brand, Department, Product, ProductCategory
from sync.client import open_replica, submit, sync
from sync.local_commands import next_document_number
from tests.desktop_orders.conftest import MANAGER, PASSWORD
from tests.server.server_process import add_user

pytestmark = pytest.mark.timeout(240)

TODAY = dt.date.today()


def seed_master_data(database_url: str, ids: dict[str, str]) -> None:
    """Add categories 茶叶 > 普洱 and 茶具, brands 大益 and 凤牌, departments D1S (under D1) and D2."""
    from server_stub.admin import server_change
    from server_stub.db import Database

    db = Database(database_url)
    try:
        with db.write() as session:
            d1 = session.execute(select(Department).where(Department.code == "D1")).scalar_one()
            tea = ProductCategory(id=new_id(), code="TEA", name="茶叶")
            puer = ProductCategory(id=new_id(), code="PUER", name="普洱", parent_id=tea.id)
            ware = ProductCategory(id=new_id(), code="WARE", name="茶具")
            dayi = Brand(id=new_id(), code="DAYI", name="大益")
            feng = Brand(id=new_id(), code="FENG", name="凤牌")
            d1s = Department(id=new_id(), code="D1S", name="昆明门店", parent_id=d1.id)
            d2 = Department(id=new_id(), code="D2", name="外地销售部")
            with server_change(session):
                session.add_all([tea, dayi, feng, d1s, d2])
                session.flush()
                session.add_all([puer, ware])
                session.flush()
                for code, category, brand in (("P001", puer, dayi), ("P002", tea, feng), ("P003", ware, None)):
                    product = session.get(Product, ids[code])
                    product.category_id = category.id
                    product.brand_id = brand.id if brand is not None else None
            ids.update(D1=d1.id, D1S=d1s.id, D2=d2.id, TEA=tea.id, PUER=puer.id, WARE=ware.id, DAYI=dayi.id, FENG=feng.id)
    finally:
        db.dispose()


def create_order(replica, ids: dict[str, str], customer: str, product: str, days_ago: int, **header) -> str:
    number = next_document_number(replica, "sales_order", TODAY)
    submit(replica, "order.create", {
        "id": new_id(), "number": number, "customer_id": ids[customer], "warehouse_id": ids["W1"],
        "document_date": (TODAY - dt.timedelta(days=days_ago)).isoformat(), **header,
        "lines": [{"id": new_id(), "product_id": ids[product], "unit_name": unit_of(product), "quantity": "2",
                   "unit_price": "10.00"}],
    })
    return number


def unit_of(product: str) -> str:
    return {"P001": "饼", "P002": "盒", "P003": "套"}[product]


@pytest.fixture
def filtered_page(qtbot, qapp, tmp_path, sales_server, memory_keyring):
    """The manager's order page over three orders A, B and C that differ in every filtered field."""
    from desktop.app import create_application

    create_application("en")
    ids = sales_server.ids
    seed_master_data(sales_server.database_url, ids)
    ids["SALES1"] = add_user(sales_server.database_url, "sales1", "clerk", PASSWORD, "D1", create_department=False)
    replica = open_replica(tmp_path / "manager")
    sync(replica, sales_server.url, MANAGER, PASSWORD)
    wanted = lambda days: (TODAY + dt.timedelta(days=days)).isoformat()  # noqa: E731
    numbers = {
        "A": create_order(replica, ids, "C001", "P001", 10, delivery_date_wanted=wanted(2), salesperson_id=ids["SALES1"],
                          department_id=ids["D1"]),
        "B": create_order(replica, ids, "C002", "P002", 3, department_id=ids["D1S"]),
        "C": create_order(replica, ids, "C001", "P003", 0, delivery_date_wanted=wanted(9), department_id=ids["D2"]),
    }
    assert sync(replica, sales_server.url, MANAGER, PASSWORD).push.rejected == 0
    context = AppContext(replica, "http://127.0.0.1:1", MANAGER)
    window = MainWindow(context)
    qtbot.addWidget(window)
    view = window.show_page(ORDERS)
    yield view, ids, numbers
    window.close()
    context.close()


def shown(view) -> set[str]:
    return {view.model.row_at(row).number for row in range(view.model.rowCount())}


def expect(qtbot, view, numbers: dict[str, str], letters: str) -> None:
    wanted = {numbers[letter] for letter in letters}
    qtbot.waitUntil(lambda: shown(view) == wanted, timeout=15_000)


def test_filters_narrow_list(qtbot, filtered_page):
    view, ids, numbers = filtered_page
    bar = view.filter_bar
    expect(qtbot, view, numbers, "ABC")
    qtbot.waitUntil(lambda: bar.brand.count() == 3, timeout=15_000)

    bar.document_dates.set_range(TODAY - dt.timedelta(days=5), TODAY)
    expect(qtbot, view, numbers, "BC")
    bar.document_dates.set_range(None, None)
    expect(qtbot, view, numbers, "ABC")

    bar.wanted_dates.set_range(TODAY, TODAY + dt.timedelta(days=5))
    expect(qtbot, view, numbers, "A")
    bar.wanted_dates.set_range(None, None)

    view.state_combo.setCurrentIndex(view.state_combo.findData("draft"))
    expect(qtbot, view, numbers, "ABC")
    view.state_combo.setCurrentIndex(view.state_combo.findData("approved"))
    expect(qtbot, view, numbers, "")
    view.state_combo.setCurrentIndex(0)

    cases = (
        (bar.customer, "C002", "B"),
        (bar.salesperson, "SALES1", "A"),
        (bar.department, "D1", "AB"),
        (bar.department, "D1S", "B"),
        (bar.department, "D2", "C"),
        (bar.category, "TEA", "AB"),
        (bar.category, "PUER", "A"),
        (bar.category, "WARE", "C"),
        (bar.brand, "FENG", "B"),
        (bar.brand, "DAYI", "A"),
    )
    for combo, key, letters in cases:
        bar.select(combo, ids[key])
        assert combo.currentData() == ids[key], key
        expect(qtbot, view, numbers, letters)
        bar.select(combo, None)
        expect(qtbot, view, numbers, "ABC")

    # Two filters together: customer C001 and category 茶叶 leave only A.
    bar.select(bar.customer, ids["C001"])
    bar.select(bar.category, ids["TEA"])
    expect(qtbot, view, numbers, "A")


def test_filter_query_uses_indexes(filtered_page):
    view, ids, _numbers = filtered_page
    context = view.context
    cases = {
        "customer": OrderFilter(customer_id=ids["C001"]),
        "salesperson": OrderFilter(salesperson_id=ids["SALES1"]),
        "brand": OrderFilter(brand_id=ids["DAYI"]),
    }
    with context.read_session() as session:
        for name, order_filter in cases.items():
            compiled = filtered_query(session, order_filter).limit(200).compile(
                compile_kwargs={"literal_binds": True})
            plan = " | ".join(str(row[-1]) for row in session.connection().exec_driver_sql(
                f"EXPLAIN QUERY PLAN {compiled}"))
            assert "SCAN sales_order " not in plan + " ", f"{name}: {plan}"
        assert len(filter_orders(session, cases["brand"])) == 1


def clear_text(qtbot, edit) -> None:
    qtbot.keyClick(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(edit, Qt.Key.Key_Backspace)


def test_typed_customer_filters_by_match(qtbot, filtered_page):
    view, ids, numbers = filtered_page
    bar = view.filter_bar
    expect(qtbot, view, numbers, "ABC")
    qtbot.waitUntil(lambda: bar.customer.count() == 3, timeout=15_000)
    edit = bar.customer.lineEdit()

    # Part of a name, committed by an input method as Chinese is typed, and pinyin initials (大理茶馆),
    # without picking an entry.
    clear_text(qtbot, edit)
    commit = QInputMethodEvent()
    commit.setCommitString("昆明")
    QApplication.sendEvent(edit, commit)
    expect(qtbot, view, numbers, "AC")
    assert bar.customer_note.isHidden()
    clear_text(qtbot, edit)
    qtbot.keyClicks(edit, "dlcg")
    expect(qtbot, view, numbers, "B")

    # Text that matches no customer empties the list and shows a note.
    clear_text(qtbot, edit)
    qtbot.keyClicks(edit, "zzq")
    expect(qtbot, view, numbers, "")
    qtbot.waitUntil(lambda: not bar.customer_note.isHidden(), timeout=10_000)
    assert bar.customer_note.text() == 'No customer matches "zzq".'

    # Picking an entry replaces the typed text.
    bar.select(bar.customer, ids["C001"])
    expect(qtbot, view, numbers, "AC")
    assert bar.customer_note.isHidden()
    clear_text(qtbot, edit)
    expect(qtbot, view, numbers, "ABC")


def test_picked_customer_shown_whole(qtbot, filtered_page):
    view, ids, _numbers = filtered_page
    bar = view.filter_bar
    window = view.window()
    window.resize(1024, 700)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: bar.customer.count() == 3, timeout=15_000)
    bar.select(bar.customer, ids["C001"])
    text = bar.customer.currentText()
    assert text == "C001 昆明茶叶商行"
    qtbot.waitUntil(lambda: bar.customer.lineEdit().width() >= bar.customer.fontMetrics().horizontalAdvance(text),
                    timeout=5_000)


def test_choice_filters_fit_entries(qtbot, filtered_page):
    view, _ids, _numbers = filtered_page
    bar = view.filter_bar
    window = view.window()
    window.resize(1024, 700)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: bar.customer.count() == 3 and bar.salesperson.count() > 1, timeout=15_000)

    metrics = bar.salesperson.fontMetrics()
    widest = max(metrics.horizontalAdvance(bar.salesperson.itemText(row)) for row in range(bar.salesperson.count()))
    # The salesperson filter shows its longest entry ("All salespeople") whole.
    assert bar.salesperson.width() >= widest
    # The customer popup and its completion popup are as wide as the longest customer.
    widest_customer = max(metrics.horizontalAdvance(bar.customer.itemText(row)) for row in range(bar.customer.count()))
    assert bar.customer.view().minimumWidth() >= widest_customer
    assert bar.customer.completer().popup().minimumWidth() >= widest_customer
