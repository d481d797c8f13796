"""The Customers page over sync.search: pinyin search, detail by keyboard, filters, saved filters, columns."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtWidgets import QApplication, QMenu
from sqlalchemy import func, select

from domain.ids import new_id
from domain.models import Customer, CustomerCategory, DeliveryNote, PaymentAllocation, PaymentReceived, SalesRegion
from sync.search import COUNT_CAP
from desktop.views.customers_view import COLUMN_SETTINGS_FILE
from tests.desktop.helpers import close_window, open_window

OFFLINE_URL = "http://127.0.0.1:1"


def _customer(code: str, name: str, **values) -> Customer:
    return Customer(id=new_id(), code=code, name=name, active=True, version=1, change_seq=0, **values)


def _fill(replica, seeded_ids, owner_id: str) -> dict[str, str]:
    """Write customers with categories, regions, owners, warehouses, follow-ups and one overdue delivery.

    Written straight into the replica, as a pull would. Returns customer ids by code.
    """
    today = dt.date.today()
    wholesale, retail = new_id(), new_id()
    east, west = new_id(), new_id()
    customers = [
        _customer("C1", "重庆火锅店", category_id=wholesale, sales_region_id=east, owner_id=owner_id,
                  default_warehouse_id=seeded_ids["W1"], last_follow_up_date=today - dt.timedelta(days=40)),
        _customer("C2", "北京烤鸭", category_id=retail, sales_region_id=west,
                  default_warehouse_id=seeded_ids["W1A"], last_follow_up_date=today - dt.timedelta(days=3)),
        _customer("C3", "长沙米粉", category_id=wholesale, sales_region_id=west, owner_id=owner_id,
                  last_follow_up_date=today),
        _customer("C4", "Harbin Beer", category_id=retail, sales_region_id=east),
    ]
    ids = {customer.code: customer.id for customer in customers}
    delivery_id, payment_id = new_id(), new_id()
    with replica.transaction() as session:
        session.add_all([
            CustomerCategory(id=wholesale, code="WH", name="Wholesale", version=1, change_seq=0),
            CustomerCategory(id=retail, code="RT", name="Retail", version=1, change_seq=0),
            SalesRegion(id=east, code="E", name="East", version=1, change_seq=0),
            SalesRegion(id=west, code="W", name="West", version=1, change_seq=0),
        ])
        session.flush()
        session.add_all(customers)
        session.flush()
        # C2 owes 100.00 from a delivery due yesterday and paid 40.00 of it: overdue.
        session.add(DeliveryNote(
            id=delivery_id, number="D-1", customer_id=ids["C2"], warehouse_id=seeded_ids["W1"], status="posted",
            document_date=today - dt.timedelta(days=31), due_date=today - dt.timedelta(days=1),
            total_amount=Decimal("100.00"), version=1, change_seq=0,
        ))
        session.add(PaymentReceived(
            id=payment_id, number="R-1", customer_id=ids["C2"], amount=Decimal("40.00"), method="cash",
            document_date=today, allocated_amount=Decimal("40.00"), status="posted", version=1, change_seq=0,
        ))
        session.flush()
        session.add(PaymentAllocation(
            id=new_id(), payment_id=payment_id, delivery_id=delivery_id, amount=Decimal("40.00"), reversed=False,
            version=1, change_seq=0,
        ))
    return ids


def _codes(view) -> list[str]:
    return [view.model.row(number)["code"] for number in range(view.model.rowCount())]


def _wait_loaded(qtbot, view) -> None:
    qtbot.waitUntil(lambda: not view.model.loading and not view._search_timer.isActive(), timeout=10_000)


def _click_header(qtbot, view, key: str) -> None:
    header = view.table.horizontalHeader()
    section = view.model.column_number(key)
    click_at = QPoint(header.sectionViewportPosition(section) + 5, header.height() // 2)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=click_at)
    _wait_loaded(qtbot, view)


def _choose(qtbot, view, key: str, label: str) -> None:
    combo = view.filter_bar.combos[key]
    qtbot.waitUntil(lambda: combo.findText(label) >= 0, timeout=10_000)
    combo.setCurrentIndex(combo.findText(label))
    _wait_loaded(qtbot, view)


def test_initials_search_opens_detail_by_keyboard(qtbot, english, synced_replica, seeded_ids):
    ids = _fill(synced_replica, seeded_ids, owner_id=None)
    context, window = open_window(qtbot, synced_replica, OFFLINE_URL, "clerk1", online=False)
    try:
        view = window.show_page("customers")
        _wait_loaded(qtbot, view)
        window.activateWindow()
        qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
        assert view.search.hasFocus()

        # 重 reads zhong or chong: both readings' initials find 重庆火锅店.
        qtbot.keyClicks(view.search, "zqhg")
        qtbot.keyClick(view.search, Qt.Key.Key_Down)
        qtbot.waitUntil(lambda: view.table.currentIndex().isValid(), timeout=10_000)
        assert view.model.query.text == "zqhg"
        assert _codes(view) == ["C1"]
        assert view.count_label.text() == "1 customer"

        qtbot.keyClick(view.table, Qt.Key.Key_Return)
        assert len(view.details) == 1
        detail = view.details[0]
        assert detail.customer_id == ids["C1"]
        qtbot.waitUntil(lambda: detail.values["code"].text() == "C1", timeout=10_000)
        assert detail.values["name"].text() == "重庆火锅店"
        assert detail.windowTitle() == "Customer C1 重庆火锅店"

        qtbot.keyClick(QApplication.focusWidget() or detail, Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda: not view.details, timeout=5_000)
        qtbot.waitUntil(view.table.hasFocus, timeout=5_000)

        # The other reading, typed anew, finds the same customer.
        view.focus_search()
        qtbot.keyClicks(view.search, "cqhg")
        qtbot.keyClick(view.search, Qt.Key.Key_Return)
        _wait_loaded(qtbot, view)
        assert _codes(view) == ["C1"]
    finally:
        close_window(context, window)


def test_filters_narrow_the_model(qtbot, english, synced_replica, seeded_ids):
    ids = _fill(synced_replica, seeded_ids, owner_id=synced_replica.read_state().user_id)
    context, window = open_window(qtbot, synced_replica, OFFLINE_URL, "clerk1", online=False)
    try:
        view = window.show_page("customers")
        _wait_loaded(qtbot, view)
        assert sorted(_codes(view)) == ["C1", "C2", "C3", "C4"]
        bar = view.filter_bar

        _choose(qtbot, view, "category", "Wholesale")
        assert sorted(_codes(view)) == ["C1", "C3"]
        assert view.model.query.filters.category_ids == (view.model.row(0)["category_id"],)
        _choose(qtbot, view, "sales_region", "West")
        assert _codes(view) == ["C3"]
        bar.clear()
        _wait_loaded(qtbot, view)
        assert view.model.rowCount() == 4

        owner = bar.combos["owner"]
        qtbot.waitUntil(lambda: owner.findData(context.user.user_id) >= 0, timeout=10_000)
        owner.setCurrentIndex(owner.findData(context.user.user_id))
        _wait_loaded(qtbot, view)
        assert sorted(_codes(view)) == ["C1", "C3"]
        bar.clear()

        warehouse = bar.combos["warehouse"]
        qtbot.waitUntil(lambda: warehouse.findData(seeded_ids["W1A"]) >= 0, timeout=10_000)
        warehouse.setCurrentIndex(warehouse.findData(seeded_ids["W1A"]))
        _wait_loaded(qtbot, view)
        assert _codes(view) == ["C2"]
        bar.clear()

        # At least 30 days since the last follow-up, or never followed up.
        bar.follow_up_days.setValue(30)
        _wait_loaded(qtbot, view)
        assert sorted(_codes(view)) == ["C1", "C4"]
        bar.follow_up_days.setValue(3)
        _wait_loaded(qtbot, view)
        assert sorted(_codes(view)) == ["C1", "C2", "C4"]
        bar.clear()

        bar.overdue.setFocus()
        qtbot.keyClick(bar.overdue, Qt.Key.Key_Space)
        _wait_loaded(qtbot, view)
        assert bar.overdue.isChecked()
        assert _codes(view) == ["C2"]
        assert view.model.row(0)["id"] == ids["C2"]

        # Text and filters together.
        view.search.setText("北京")
        _wait_loaded(qtbot, view)
        assert _codes(view) == ["C2"]
        view.search.setText("长沙")
        _wait_loaded(qtbot, view)
        assert _codes(view) == []
        assert view.count_label.text() == "0 customers"
    finally:
        close_window(context, window)


def test_saved_filter_saved_applied_deleted(qtbot, english, synced_replica, seeded_ids):
    _fill(synced_replica, seeded_ids, owner_id=synced_replica.read_state().user_id)
    context, window = open_window(qtbot, synced_replica, OFFLINE_URL, "clerk1", online=False)
    try:
        view = window.show_page("customers")
        bar = view.filter_bar
        _choose(qtbot, view, "category", "Wholesale")
        bar.follow_up_days.setValue(30)
        _wait_loaded(qtbot, view)
        assert _codes(view) == ["C1"]

        bar.save_named("Lapsed wholesale")
        qtbot.waitUntil(lambda: bar.saved.findData("Lapsed wholesale") >= 0, timeout=10_000)
        assert bar.saved.currentData() == "Lapsed wholesale"
        assert bar.delete_button.isEnabled()

        bar.clear()
        _wait_loaded(qtbot, view)
        assert view.model.rowCount() == 4
        assert bar.saved.currentIndex() == 0

        # Choosing the saved filter by keyboard applies it.
        bar.saved.setFocus()
        qtbot.keyClick(bar.saved, Qt.Key.Key_Down)
        _wait_loaded(qtbot, view)
        assert bar.saved.currentData() == "Lapsed wholesale"
        assert bar.combos["category"].currentText() == "Wholesale"
        assert bar.follow_up_days.value() == 30
        assert _codes(view) == ["C1"]

        bar.delete_named("Lapsed wholesale")
        qtbot.waitUntil(lambda: bar.saved.findData("Lapsed wholesale") < 0, timeout=10_000)
        assert bar.saved.count() == 1
        assert not bar.delete_button.isEnabled()
    finally:
        close_window(context, window)


def test_columns_and_sort_remembered(qtbot, english, synced_replica, seeded_ids):
    _fill(synced_replica, seeded_ids, owner_id=None)
    context, window = open_window(qtbot, synced_replica, OFFLINE_URL, "clerk1", online=False)
    try:
        view = window.show_page("customers")
        _wait_loaded(qtbot, view)
        model = view.model
        phone, mnemonic, code = (model.column_number(key) for key in ("phone", "mnemonic", "code"))
        assert view.table.isColumnHidden(mnemonic)
        assert not view.table.isColumnHidden(phone)

        view.set_column_visible("phone", False)
        view.set_column_visible("mnemonic", True)
        view.table.setColumnWidth(code, 177)
        header = view.table.horizontalHeader()
        _click_header(qtbot, view, "code")
        assert model.query.sort == "code"
        assert _codes(view) == ["C1", "C2", "C3", "C4"]
        assert header.isSortIndicatorShown()
        assert header.sortIndicatorSection() == code
        assert header.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder
        view.save_columns()
    finally:
        close_window(context, window)

    context, window = open_window(qtbot, synced_replica, OFFLINE_URL, "clerk1", online=False)
    try:
        view = window.show_page("customers")
        _wait_loaded(qtbot, view)
        assert view.table.isColumnHidden(view.model.column_number("phone"))
        assert not view.table.isColumnHidden(view.model.column_number("mnemonic"))
        assert view.table.columnWidth(view.model.column_number("code")) == 177
        assert view.model.query.sort == "code"
        header = view.table.horizontalHeader()
        # The second click on the sorted header reverses it, the third returns to best matches first.
        _click_header(qtbot, view, "code")
        assert view.model.query.sort == "-code"
        assert _codes(view) == ["C4", "C3", "C2", "C1"]
        assert header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
        _click_header(qtbot, view, "code")
        assert view.model.query.sort == "relevance"
        assert not header.isSortIndicatorShown()
        _click_header(qtbot, view, "last_follow_up_date")
        assert view.model.query.sort == "last_follow_up_date"
        data_dir = context.data_dir
    finally:
        close_window(context, window)

    # A sort stored by this version is restored; an unreadable one falls back to best match.
    settings = QSettings(str(data_dir / COLUMN_SETTINGS_FILE), QSettings.Format.IniFormat)
    for stored, expected in (("-sales_region", "-sales_region"), ("--code", "relevance")):
        settings.setValue("customers/sort", stored)
        settings.sync()
        context, window = open_window(qtbot, synced_replica, OFFLINE_URL, "clerk1", online=False)
        try:
            view = window.show_page("customers")
            _wait_loaded(qtbot, view)
            assert view.model.query.sort == expected
        finally:
            close_window(context, window)


def test_category_header_twice_sorts_descending(qtbot, english, synced_replica, seeded_ids):
    _fill(synced_replica, seeded_ids, owner_id=None)
    context, window = open_window(qtbot, synced_replica, OFFLINE_URL, "clerk1", online=False)
    try:
        view = window.show_page("customers")
        _wait_loaded(qtbot, view)
        header = view.table.horizontalHeader()
        category = view.model.column_number("category")

        _click_header(qtbot, view, "category")
        assert view.model.query.sort == "category"
        # Retail before Wholesale, codes ascending within a category.
        assert _codes(view) == ["C2", "C4", "C1", "C3"]
        assert header.sortIndicatorSection() == category
        assert header.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder

        _click_header(qtbot, view, "category")
        assert view.model.query.sort == "-category"
        assert _codes(view) == ["C1", "C3", "C2", "C4"]
        names = [view.model.row(number)["category"] for number in range(view.model.rowCount())]
        assert names == ["Wholesale", "Wholesale", "Retail", "Retail"]
        assert header.isSortIndicatorShown()
        assert header.sortIndicatorSection() == category
        assert header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
    finally:
        close_window(context, window)


def test_sort_menu_lists_shown_columns(qtbot, english, synced_replica, seeded_ids):
    _fill(synced_replica, seeded_ids, owner_id=None)
    context, window = open_window(qtbot, synced_replica, OFFLINE_URL, "clerk1", online=False)
    try:
        view = window.show_page("customers")
        _wait_loaded(qtbot, view)
        model = view.model
        visible_headers = [
            column.header() for number, column in enumerate(model.columns) if not view.table.isColumnHidden(number)
        ]

        menu = QMenu(view)
        actions = {action.text(): action for action in view._add_sort_actions(menu)}
        assert list(actions) == ["Best match", *visible_headers, "Ascending", "Descending"]
        assert "Mnemonic code" not in actions
        assert actions["Best match"].isChecked()
        assert not actions["Descending"].isEnabled()

        actions["Owner"].trigger()
        _wait_loaded(qtbot, view)
        assert model.query.sort == "owner"
        menu = QMenu(view)
        actions = {action.text(): action for action in view._add_sort_actions(menu)}
        assert actions["Owner"].isChecked()
        assert actions["Ascending"].isChecked()
        actions["Descending"].trigger()
        _wait_loaded(qtbot, view)
        assert model.query.sort == "-owner"
        assert view.table.horizontalHeader().sortIndicatorOrder() == Qt.SortOrder.DescendingOrder

        # A hidden column stays listed while the list is sorted by it.
        view.set_column_visible("owner", False)
        menu = QMenu(view)
        assert "Owner" in [action.text() for action in view._add_sort_actions(menu)]
    finally:
        close_window(context, window)


def test_count_shows_capped_form(qtbot, english, synced_replica):
    with synced_replica.transaction() as session:
        session.add_all(_customer(f"T{number:05d}", f"Trader {number}") for number in range(COUNT_CAP + 50))
    context, window = open_window(qtbot, synced_replica, OFFLINE_URL, "clerk1", online=False)
    try:
        view = window.show_page("customers")
        _wait_loaded(qtbot, view)
        with synced_replica.transaction() as session:
            stored = session.scalar(select(func.count()).select_from(Customer).where(Customer.deleted_at.is_(None)))
        assert stored > COUNT_CAP
        # With no search text, the capped first count gives way to the exact one.
        qtbot.waitUntil(lambda: view.count_label.text() == f"{stored} customers", timeout=10_000)
        assert not view.model.total_capped
        view.search.setText("Trader")
        _wait_loaded(qtbot, view)
        # A search text keeps the capped count, since counting every match would read them all.
        qtbot.waitUntil(lambda: view.model.total_capped, timeout=10_000)
        assert view.count_label.text() == f"{COUNT_CAP}+ customers"
        view.search.setText("Trader 10")
        _wait_loaded(qtbot, view)
        # Trader 10, 100-109 and 1000-1049.
        assert view.model.total == 61
        assert view.count_label.text() == "61 customers"
    finally:
        close_window(context, window)


def test_new_customer_and_edit_buttons(qtbot, english, synced_replica, seeded_ids):
    ids = _fill(synced_replica, seeded_ids, owner_id=None)
    context, window = open_window(qtbot, synced_replica, OFFLINE_URL, "clerk1", online=False)
    try:
        view = window.show_page("customers")
        _wait_loaded(qtbot, view)
        assert view.new_customer_button.text() == "New customer... (Ctrl+Shift+N)"
        qtbot.mouseClick(view.new_customer_button, Qt.MouseButton.LeftButton)
        editors = [widget for widget in QApplication.topLevelWidgets() if type(widget).__name__ == "CustomerEditor"]
        assert len(editors) == 1
        assert editors[0].isVisible()
        editors[0].reject()

        detail = view.open_detail(ids["C1"])
        edit = detail.findChild(type(view.new_customer_button), "editCustomerButton")
        assert edit is not None
        assert edit.isVisible()
        detail.close()
    finally:
        close_window(context, window)
