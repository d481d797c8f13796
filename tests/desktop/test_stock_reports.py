"""Stock tabs on clerk1's replica: summary, movement detail, low stock, batches and department scope.

The replica is synced from a real server with departments D1 (warehouses W1,
and W1A of its child D1A) and D2 (warehouse W2). Each warehouse received 10
of P1 on 2026-01-01. Extra movements and reorder points are written straight
into the replica, as a pull would write them.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from PySide6.QtCore import QDate, Qt
from sqlalchemy import func, select

from domain.ids import key_id, new_id
from domain.models import (
    Product,
    ProductCategory,
    ReorderPoint,
    RoleProfile,
    StockBalance,
    StockMovement,
    Warehouse,
)
from tests.desktop.helpers import close_window, open_window
from tests.desktop.test_product_picker import wait_searched, when_picker_opens

OFFLINE = "http://127.0.0.1:1"
PERIOD = (dt.date(2026, 3, 1), dt.date(2026, 3, 31))


def _movement(product_id: str, warehouse_id: str, quantity: str, day: dt.date, number: str,
              document_type: str = "goods_receipt", cost: str | None = None, batch_no: str = "") -> StockMovement:
    return StockMovement(
        id=new_id(), product_id=product_id, warehouse_id=warehouse_id, batch_no=batch_no, quantity=Decimal(quantity),
        cost_amount=Decimal(cost) if cost else None, document_type=document_type, document_id=new_id(),
        document_number=number, document_date=day, posting_date=day, version=1, change_seq=0,
    )


def _add(replica, rows) -> None:
    with replica.transaction() as session:
        session.add_all(rows)


def _add_product(replica, code: str, **extra) -> str:
    product_id = new_id()
    _add(replica, [Product(id=product_id, code=code, name=f"Product {code}", base_unit="box", version=1,
                           change_seq=0, **extra)])
    return product_id


def _set_period(tab, first: dt.date, last: dt.date) -> None:
    tab.date_from.setDate(QDate(first.year, first.month, first.day))
    tab.date_to.setDate(QDate(last.year, last.month, last.day))


def _wait_loaded(qtbot, model) -> None:
    qtbot.waitUntil(lambda: not model.loading, timeout=10_000)


def _load_all(qtbot, model) -> list[dict]:
    _wait_loaded(qtbot, model)
    while not model.exhausted:
        model.fetchMore()
        _wait_loaded(qtbot, model)
    return [model.row(number) for number in range(model.rowCount())]


def _open_stock(qtbot, replica):
    context, window = open_window(qtbot, replica, OFFLINE, "clerk1", online=False)
    view = window.show_page("stock")
    qtbot.waitUntil(lambda: view.warehouse.count() > 1, timeout=10_000)
    return context, window, view


def test_stock_summary_adds_up(qtbot, english, synced_replica, seeded_ids):
    p1, w1, w1a = seeded_ids["P1"], seeded_ids["W1"], seeded_ids["W1A"]
    p2 = _add_product(synced_replica, "P2")
    _add(synced_replica, [
        _movement(p1, w1, "5", dt.date(2026, 2, 28), "R-before"),
        _movement(p1, w1, "12.5", dt.date(2026, 3, 1), "R-first-day"),
        _movement(p1, w1, "-7", dt.date(2026, 3, 15), "D-1", "delivery_note"),
        _movement(p1, w1, "2", dt.date(2026, 3, 20), "SR-1", "sales_return"),
        _movement(p1, w1, "-4", dt.date(2026, 3, 31), "D-last-day", "delivery_note"),
        _movement(p1, w1, "-100", dt.date(2026, 4, 1), "D-after", "delivery_note"),
        _movement(p1, w1a, "-3", dt.date(2026, 3, 10), "T-1", "stock_transfer"),
        _movement(p2, w1, "8", dt.date(2026, 3, 5), "R-2"),
        _movement(p2, w1a, "-0.25", dt.date(2026, 3, 6), "D-2", "delivery_note"),
    ])
    context, window, view = _open_stock(qtbot, synced_replica)
    try:
        tab = view.summary
        view.tabs.setCurrentWidget(tab)
        _set_period(tab, *PERIOD)
        qtbot.waitUntil(lambda: tab.totals_value is not None, timeout=10_000)
        rows = _load_all(qtbot, tab.model)

        found = {(row["product_code"], row["warehouse_code"]): row for row in rows}
        expected = {
            ("P1", "W1"): ("15", "14.5", "11", "18.5"),
            ("P1", "W1A"): ("10", "0", "3", "7"),
            ("P2", "W1"): ("0", "8", "0", "8"),
            ("P2", "W1A"): ("0", "0", "0.25", "-0.25"),
        }
        assert sorted(found) == sorted(expected)
        for key, (opening, quantity_in, quantity_out, closing) in expected.items():
            row = found[key]
            assert (row["opening"], row["quantity_in"], row["quantity_out"], row["closing"]) == (
                Decimal(opening), Decimal(quantity_in), Decimal(quantity_out), Decimal(closing)), key
        for row in rows:
            assert row["closing"] == row["opening"] + row["quantity_in"] - row["quantity_out"]
            assert isinstance(row["closing"], Decimal)
        for key in ("opening", "quantity_in", "quantity_out", "closing"):
            assert tab.totals_value[key] == sum((row[key] for row in rows), Decimal(0)), key
        assert "closing 33.25" in tab.totals.text()

        # The closing of one period is the opening of the next.
        _set_period(tab, dt.date(2026, 4, 1), dt.date(2026, 4, 30))
        qtbot.waitUntil(lambda: tab.model.filter.date_from == dt.date(2026, 4, 1), timeout=10_000)
        april = {(row["product_code"], row["warehouse_code"]): row for row in _load_all(qtbot, tab.model)}
        assert april[("P1", "W1")]["opening"] == Decimal("18.5")
        assert april[("P1", "W1")]["closing"] == Decimal("-81.5")

        # clerk sees no cost: the amount columns stay hidden.
        amount_column = [column.key for column in tab.model.columns].index("amount_in")
        assert tab.table.isColumnHidden(amount_column)
        assert "Amounts" not in tab.totals.text()
    finally:
        close_window(context, window)


def test_running_balance_across_pages(qtbot, english, synced_replica, seeded_ids):
    p1, w1, w1a = seeded_ids["P1"], seeded_ids["W1"], seeded_ids["W1A"]
    movements = [_movement(p1, w1, "20", dt.date(2026, 2, 1), "R-before")]
    # 450 movements in March over three pages of 200, several on each day.
    for number in range(450):
        quantity = "3" if number % 3 else "-1.5"
        movements.append(_movement(p1, w1, quantity, dt.date(2026, 3, 1 + number % 28), f"M-{number:03d}"))
    movements.append(_movement(p1, w1a, "999", dt.date(2026, 3, 2), "other-warehouse"))
    _add(synced_replica, movements)
    context, window, view = _open_stock(qtbot, synced_replica)
    try:
        tab = view.movements
        _set_period(tab, *PERIOD)
        tab.show_product(p1, w1)
        qtbot.waitUntil(lambda: tab.product.text() == "P1  Tea", timeout=10_000)
        rows = _load_all(qtbot, tab.model)

        assert tab.model.rowCount() > 2 * tab.model.page_size
        assert rows[0]["id"] == "opening"
        assert rows[0]["balance"] == Decimal("30")
        assert rows[-1]["id"] == "closing"
        movement_rows = rows[1:-1]
        assert len(movement_rows) == 450
        assert {row["document_number"] for row in movement_rows}.isdisjoint({"other-warehouse", "R-before"})
        balance = rows[0]["balance"]
        for row in movement_rows:
            balance += (row["quantity_in"] or 0) - (row["quantity_out"] or 0)
            assert row["balance"] == balance, row["document_number"]
        dates = [row["posting_date"] for row in movement_rows]
        assert dates == sorted(dates)

        with synced_replica.session() as session:
            stored = session.execute(select(func.sum(StockMovement.quantity)).where(
                StockMovement.product_id == p1, StockMovement.warehouse_id == w1)).scalar_one()
        assert rows[-1]["balance"] == stored
        assert rows[-1]["balance"] == Decimal("30") + 300 * 3 - 150 * Decimal("1.5")
        document_column = [column.key for column in tab.model.columns].index("document_type")
        assert tab.model.index(0, document_column).data() == "Opening balance"
        assert tab.model.index(1, document_column).data() == "Goods receipt"
        assert tab.model.index(len(rows) - 1, document_column).data() == "Closing balance"
        assert tab.totals.text() == "Total in: 900    Total out: 225"
    finally:
        close_window(context, window)


def test_low_stock_lists_shortfall(qtbot, english, synced_replica, seeded_ids):
    p1, w1, w1a = seeded_ids["P1"], seeded_ids["W1"], seeded_ids["W1A"]
    p3 = _add_product(synced_replica, "P3")
    _add(synced_replica, [
        ReorderPoint(id=key_id("reorder_point", p1, w1), product_id=p1, warehouse_id=w1,
                     reorder_point=Decimal("15"), version=1, change_seq=0),
        ReorderPoint(id=key_id("reorder_point", p1, w1a), product_id=p1, warehouse_id=w1a,
                     reorder_point=Decimal("10"), version=1, change_seq=0),
        # No balance row at all: nothing available.
        ReorderPoint(id=key_id("reorder_point", p3, w1a), product_id=p3, warehouse_id=w1a,
                     reorder_point=Decimal("4"), reorder_quantity=Decimal("24"), version=1, change_seq=0),
    ])
    with synced_replica.transaction() as session:
        session.get(StockBalance, key_id("stock_balance", p1, w1, "")).reserved = Decimal("2")
    context, window, view = _open_stock(qtbot, synced_replica)
    try:
        tab = view.low_stock
        tab.apply_filter()
        rows = _load_all(qtbot, tab.model)
        found = {(row["product_code"], row["warehouse_code"]): row for row in rows}
        # P1 in W1A has 10 available, which is not below its reorder point of 10.
        assert sorted(found) == [("P1", "W1"), ("P3", "W1A")]
        assert found[("P1", "W1")]["available"] == Decimal("8")
        assert found[("P1", "W1")]["shortfall"] == Decimal("7")
        assert found[("P1", "W1")]["suggested"] == Decimal("7")
        assert found[("P3", "W1A")]["shortfall"] == Decimal("4")
        assert found[("P3", "W1A")]["suggested"] == Decimal("24")

        tab.warehouse.setCurrentIndex(tab.warehouse.findData(w1a))
        qtbot.waitUntil(lambda: tab.model.filter.warehouse_id == w1a, timeout=10_000)
        assert [row["product_code"] for row in _load_all(qtbot, tab.model)] == ["P3"]
    finally:
        close_window(context, window)


def test_balances_by_batch(qtbot, english, synced_replica, seeded_ids):
    w1 = seeded_ids["W1"]
    product_id = _add_product(synced_replica, "B1", batch_tracked=True, expiry_tracked=True)
    _add(synced_replica, [
        StockBalance(id=key_id("stock_balance", product_id, w1, batch), product_id=product_id, warehouse_id=w1,
                     batch_no=batch, expiry_date=expiry, on_hand=Decimal(on_hand), reserved=Decimal(0),
                     version=1, change_seq=0)
        for batch, expiry, on_hand in (("L2401", dt.date(2027, 1, 31), "6"), ("L2402", dt.date(2027, 6, 30), "4"))
    ])
    context, window, view = _open_stock(qtbot, synced_replica)
    try:
        view.search.setText("B1")
        view.apply_filter()
        rows = _load_all(qtbot, view.model)
        assert [(row["warehouse_code"], row["on_hand"]) for row in rows] == [("W1", Decimal("10"))]
        batch_column = [column.key for column in view.model.columns].index("batch_no")
        assert view.table.isColumnHidden(batch_column)

        view.by_batch.setChecked(True)
        qtbot.waitUntil(lambda: view.model.filter[2] is True, timeout=10_000)
        rows = _load_all(qtbot, view.model)
        assert [(row["batch_no"], row["on_hand"]) for row in rows] == [("L2401", Decimal("6")), ("L2402", Decimal("4"))]
        assert not view.table.isColumnHidden(batch_column)
        expiry_column = [column.key for column in view.model.columns].index("expiry_date")
        assert view.model.index(1, expiry_column).data() == "2027-06-30"
    finally:
        close_window(context, window)


def test_stock_tabs_list_department_warehouses(qtbot, english, synced_replica, seeded_ids):
    with synced_replica.session() as session:
        replica_warehouses = set(session.execute(select(Warehouse.code)).scalars())
        movement_warehouses = set(session.execute(select(StockMovement.warehouse_id)).scalars())
    assert replica_warehouses == {"W1", "W1A"}
    assert seeded_ids["W2"] not in movement_warehouses

    context, window, view = _open_stock(qtbot, synced_replica)
    try:
        tabs = (view, view.movements, view.summary, view.low_stock)
        for tab in tabs:
            listed = [tab.warehouse.itemData(number) for number in range(1, tab.warehouse.count())]
            assert listed == [seeded_ids["W1"], seeded_ids["W1A"]], tab.objectName()

        _set_period(view.summary, dt.date(2026, 1, 1), dt.date(2026, 1, 31))
        qtbot.waitUntil(lambda: view.summary.model.filter.date_from == dt.date(2026, 1, 1), timeout=10_000)
        rows = _load_all(qtbot, view.summary.model)
        assert sorted(row["warehouse_code"] for row in rows) == ["W1", "W1A"]
        balances = _load_all(qtbot, view.model)
        assert sorted(row["warehouse_code"] for row in balances) == ["W1", "W1A"]
    finally:
        close_window(context, window)


def test_enter_on_stock_row_opens_movements(qtbot, english, synced_replica, seeded_ids):
    context, window, view = _open_stock(qtbot, synced_replica)
    try:
        _wait_loaded(qtbot, view.model)
        view.search.setFocus()
        qtbot.keyClicks(view.search, "P1")
        qtbot.keyClick(view.search, Qt.Key.Key_Down)
        qtbot.waitUntil(lambda: view.table.currentIndex().isValid() and not view.model.loading, timeout=10_000)
        row = view.model.row(view.table.currentIndex().row())
        assert row["warehouse_code"] == "W1"

        qtbot.keyClick(view.table, Qt.Key.Key_Return)
        assert view.tabs.currentWidget() is view.movements
        assert view.movements.table.hasFocus()
        tab = view.movements
        assert tab.product_id == seeded_ids["P1"]
        assert tab.warehouse.currentData() == seeded_ids["W1"]
        _set_period(tab, dt.date(2026, 1, 1), dt.date(2026, 1, 31))
        qtbot.waitUntil(lambda: tab.model.filter.date_from == dt.date(2026, 1, 1), timeout=10_000)
        rows = _load_all(qtbot, tab.model)
        assert [row["id"] for row in rows][0] == "opening"
        assert [(row.get("document_type"), row["balance"]) for row in rows] == [
            (None, Decimal("0")), ("opening", Decimal("10")), (None, Decimal("10"))]
        document_column = [column.key for column in tab.model.columns].index("document_type")
        assert tab.model.index(1, document_column).data() == "Opening stock"
    finally:
        close_window(context, window)


def test_f4_picks_product_for_movements(qtbot, english, synced_replica, seeded_ids):
    context, window, view = _open_stock(qtbot, synced_replica)
    try:
        tab = view.movements
        view.tabs.setCurrentWidget(tab)
        tab.date_from.setFocus()

        def choose(dialog) -> None:
            dialog.search.insert("P1")
            wait_searched(qtbot, dialog)
            qtbot.keyClick(dialog.search, Qt.Key.Key_Return)

        when_picker_opens(qtbot, choose)
        qtbot.keyClick(tab.date_from, Qt.Key.Key_F4)

        assert tab.product_id == seeded_ids["P1"]
        # The offscreen platform activates no window after the modal picker closes, so
        # check the widget that gets the focus when the window is active again.
        assert window.focusWidget() is tab.table
        qtbot.waitUntil(lambda: tab.product.text() == "P1  Tea", timeout=10_000)
        rows = _load_all(qtbot, tab.model)
        assert [row["id"] for row in rows] == ["opening", "closing"]
        assert rows[0]["balance"] == Decimal("20")
    finally:
        close_window(context, window)


def test_summary_filters_and_cost_amounts(qtbot, english, synced_replica, seeded_ids):
    w1 = seeded_ids["W1"]
    parent_id, child_id = new_id(), new_id()
    _add(synced_replica, [
        ProductCategory(id=parent_id, code="C1", name="Tea", version=1, change_seq=0),
        # The role profile as the server sends it once an administrator lets clerks see cost.
        RoleProfile(id=new_id(), role="clerk", sees_cost=True, version=1, change_seq=0),
    ])
    _add(synced_replica, [ProductCategory(id=child_id, code="C11", name="Green tea", parent_id=parent_id,
                                          version=1, change_seq=0)])
    green = _add_product(synced_replica, "G1", category_id=child_id)
    _add(synced_replica, [
        _movement(green, w1, "4", dt.date(2026, 2, 1), "R-1", cost="30.00"),
        _movement(green, w1, "10", dt.date(2026, 3, 2), "R-2", cost="75.00"),
        _movement(green, w1, "-6", dt.date(2026, 3, 9), "D-1", "delivery_note", cost="45.00"),
    ])
    context, window, view = _open_stock(qtbot, synced_replica)
    try:
        tab = view.summary
        qtbot.waitUntil(lambda: tab.category.count() == 3 and tab.sees_cost, timeout=10_000)
        _set_period(tab, *PERIOD)
        tab.category.setCurrentIndex(tab.category.findData(parent_id))
        qtbot.waitUntil(lambda: tab.model.filter.category_id == parent_id, timeout=10_000)
        qtbot.waitUntil(lambda: tab.totals_value is not None, timeout=10_000)
        rows = _load_all(qtbot, tab.model)

        assert [row["product_code"] for row in rows] == ["G1"]
        row = rows[0]
        assert (row["opening_amount"], row["amount_in"], row["amount_out"], row["closing_amount"]) == (
            Decimal("30.00"), Decimal("75.00"), Decimal("45.00"), Decimal("60.00"))
        amount_column = [column.key for column in tab.model.columns].index("closing_amount")
        assert not tab.table.isColumnHidden(amount_column)
        assert tab.model.index(0, amount_column).data() == "60.00"
        assert "Amounts: opening 30.00, in 75.00, out 45.00, closing 60.00" in tab.totals.text()

        tab.category.setCurrentIndex(0)
        tab.search.setText("Tea")
        tab.apply_filter()
        assert [row["product_code"] for row in _load_all(qtbot, tab.model)] == ["P1", "P1"]
    finally:
        close_window(context, window)


def test_ctrl_e_sets_reorder_point(qtbot, english, synced_replica, seeded_ids):
    from domain.models import RolePermission
    from PySide6.QtWidgets import QApplication

    from desktop.views.reorder_point_dialog import ReorderPointDialog

    p1, w1 = seeded_ids["P1"], seeded_ids["W1"]
    # An administrator lets clerks set reorder points; the row arrives as a pull writes it.
    _add(synced_replica, [RolePermission(id=new_id(), role="clerk", command="reorder_point.set", allowed=True,
                                         version=1, change_seq=0)])
    context, window, view = _open_stock(qtbot, synced_replica)
    try:
        _wait_loaded(qtbot, view.model)
        view.search.setFocus()
        qtbot.keyClicks(view.search, "P1")
        qtbot.keyClick(view.search, Qt.Key.Key_Down)
        qtbot.waitUntil(lambda: view.table.currentIndex().isValid() and not view.model.loading, timeout=10_000)
        assert view.model.row(view.table.currentIndex().row())["warehouse_code"] == "W1"

        qtbot.keyClick(view.table, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
        dialog = view.reorder_dialog
        assert isinstance(dialog, ReorderPointDialog)
        # A maximum below the point is named, and nothing is queued.
        dialog.point_edit.setText("15")
        dialog.max_edit.setText("12")
        dialog.save()
        assert dialog.message_label.text() == "The maximum 12 is below the reorder point 15; raise it or leave it empty."
        dialog.max_edit.setText("")
        dialog.quantity_edit.setText("0")
        dialog.save()
        assert dialog.message_label.text() == "Reorder quantity must be greater than zero; 0 was entered."
        dialog.quantity_edit.setText("30")
        with qtbot.waitSignal(dialog.accepted, timeout=10_000):
            dialog.save()
        queued = [entry.payload for entry in synced_replica.outbox() if entry.name == "reorder_point.set"]
        assert queued == [{"product_id": p1, "warehouse_id": w1, "reorder_point": "15", "reorder_quantity": "30",
                           "max_quantity": None}]

        # The local run writes the row at once: P1 in W1 has 10 available, below 15.
        tab = view.low_stock
        tab.apply_filter()
        qtbot.waitUntil(lambda: any(row["product_code"] == "P1" for row in _load_all(qtbot, tab.model)), timeout=10_000)
        row = next(row for row in _load_all(qtbot, tab.model) if row["warehouse_code"] == "W1")
        assert (row["reorder_point"], row["shortfall"], row["suggested"]) == (Decimal("15"), Decimal("5"), Decimal("30"))
        assert QApplication.activeModalWidget() is None
    finally:
        close_window(context, window)


def test_summary_totals_need_one_unit(qtbot, english, synced_replica, seeded_ids):
    p1, w1 = seeded_ids["P1"], seeded_ids["W1"]
    bottles = _add_product(synced_replica, "B1")
    with synced_replica.transaction() as session:
        session.get(Product, bottles).base_unit = "bottle"
    _add(synced_replica, [
        _movement(p1, w1, "5", dt.date(2026, 3, 2), "R-1"),
        _movement(bottles, w1, "8", dt.date(2026, 3, 3), "R-2"),
    ])
    context, window, view = _open_stock(qtbot, synced_replica)
    try:
        tab = view.summary
        view.tabs.setCurrentWidget(tab)
        _set_period(tab, *PERIOD)
        qtbot.waitUntil(lambda: tab.totals_value is not None and tab.model.filter.date_from == PERIOD[0],
                        timeout=10_000)
        assert tab.totals_value["unit_count"] == 2
        assert "these rows have 2 units" in tab.totals.text()
        assert "Totals:" not in tab.totals.text()

        # One product, one unit: the totals name it.
        tab.search.setText("B1")
        tab.apply_filter()
        qtbot.waitUntil(lambda: tab.totals_value is not None and tab.totals_value["unit_count"] == 1, timeout=10_000)
        assert tab.totals.text() == "Totals: opening 0, in 8, out 0, closing 8 bottle"
    finally:
        close_window(context, window)


def test_movement_columns_share_width(qtbot, english, synced_replica, seeded_ids):
    context, window, view = _open_stock(qtbot, synced_replica)
    try:
        tab = view.movements
        view.tabs.setCurrentWidget(tab)
        window.resize(1100, 700)
        qtbot.wait(50)
        keys = [column.key for column in tab.model.columns]
        widths = {key: tab.table.columnWidth(number) for number, key in enumerate(keys)}
        assert not tab.table.horizontalHeader().stretchLastSection()
        assert widths["balance"] <= 2 * widths["quantity_in"]
        assert widths["quantity_in"] >= tab.fontMetrics().horizontalAdvance("-12,345.678")
        assert widths["quantity_out"] == widths["quantity_in"]
    finally:
        close_window(context, window)


def _low_stock_empty_text(qtbot, replica) -> tuple[str, bool | None]:
    """Open the low stock tab; return its empty-list text and whether it found reorder points."""
    context, window, view = _open_stock(qtbot, replica)
    try:
        tab = view.low_stock
        view.tabs.setCurrentWidget(tab)
        tab.apply_filter()
        qtbot.waitUntil(lambda: tab.empty_label.isVisible(), timeout=10_000)
        return tab.empty_label.text(), tab.has_reorder_points
    finally:
        close_window(context, window)


def test_low_stock_empty_texts(qtbot, english, synced_replica, seeded_ids):
    p1, w1 = seeded_ids["P1"], seeded_ids["W1"]
    text, has_reorder_points = _low_stock_empty_text(qtbot, synced_replica)
    assert not has_reorder_points
    assert "No reorder points are set yet" in text
    assert "Ctrl+E" in text

    # P1 in W1 has 10 available, above its reorder point of 3: nothing is low.
    _add(synced_replica, [ReorderPoint(id=key_id("reorder_point", p1, w1), product_id=p1, warehouse_id=w1,
                                       reorder_point=Decimal("3"), version=1, change_seq=0)])
    text, has_reorder_points = _low_stock_empty_text(qtbot, synced_replica)
    assert has_reorder_points
    assert text == "No product is below its reorder point."
