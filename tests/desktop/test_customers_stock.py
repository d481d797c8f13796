"""Customer search over a lazy model, and stock that includes a pending local command."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from desktop.models.paged_model import PagedTableModel
from domain.ids import new_id
from domain.models import Customer
from sync.client import submit
from sync.local_commands import next_document_number
from tests.desktop.helpers import close_window, open_window
from tests.pg import backends

CUSTOMER_COUNT = 3000


def _fill_customers(replica, count: int) -> None:
    """Write customers straight into the replica, as a pull would, to test paging on many rows."""
    with replica.transaction() as session:
        session.add_all(
            Customer(
                id=new_id(), code=f"C{number:05d}", name=f"Trader {number} Ltd", phone=f"1380000{number:04d}",
                active=True, version=1, change_seq=0,
            )
            for number in range(count)
        )


def _search(qtbot, view, text: str) -> None:
    view.search.setFocus()
    view.search.selectAll()
    qtbot.keyClick(view.search, Qt.Key.Key_Backspace)
    qtbot.keyClicks(view.search, text)
    qtbot.waitUntil(lambda: view.model.query.text == text and not view.model.loading, timeout=10_000)


@pytest.mark.parametrize("server_db", backends(postgres=True), indirect=True)
def test_customer_list_pages_and_searches(qtbot, english, synced_replica, server):
    _fill_customers(synced_replica, CUSTOMER_COUNT)
    context, window = open_window(qtbot, synced_replica, server.url, "clerk1", online=False)
    try:
        view = window.pages["customers"]
        qtbot.waitUntil(lambda: view.model.rowCount() > 0, timeout=10_000)
        assert view.model.rowCount() == PagedTableModel.page_size
        assert not view.model.exhausted

        _search(qtbot, view, "C0123")
        assert [view.model.row(n)["code"] for n in range(view.model.rowCount())] == [f"C0123{d}" for d in range(10)]

        _search(qtbot, view, "Trader 2999 ")
        assert view.model.rowCount() == 1
        assert view.model.row(0)["code"] == "C02999"

        _search(qtbot, view, "13800002500")
        assert view.model.rowCount() == 1
        assert view.model.row(0)["name"] == "Trader 2500 Ltd"

        _search(qtbot, view, "Trader")
        assert view.model.rowCount() == PagedTableModel.page_size

        # Enter opens the customer detail; Ctrl+Enter opens a new order for the customer.
        _search(qtbot, view, "C02999")
        with qtbot.waitSignal(view.new_order_requested, timeout=5_000) as blocker:
            qtbot.keyClick(view.search, Qt.Key.Key_Down)
            qtbot.waitUntil(lambda: view.table.currentIndex().isValid(), timeout=5_000)
            qtbot.keyClick(view.table, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        assert blocker.args == [view.model.row(0)["id"]]
    finally:
        close_window(context, window)


def test_customer_list_fetches_more_on_scroll(qtbot, english, synced_replica, server):
    _fill_customers(synced_replica, 450)
    context, window = open_window(qtbot, synced_replica, server.url, "clerk1", online=False)
    try:
        view = window.pages["customers"]
        qtbot.waitUntil(lambda: view.model.rowCount() == PagedTableModel.page_size, timeout=10_000)
        view.table.setFocus()
        view.table.selectRow(0)
        qtbot.keyClick(view.table, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: view.model.rowCount() > PagedTableModel.page_size, timeout=10_000)
        assert view.model.rowCount() <= 3 * PagedTableModel.page_size
    finally:
        close_window(context, window)


def test_stock_shows_pending_reservation(qtbot, english, synced_replica, seeded_ids):
    # A closed loopback port keeps the window offline: with the real server's
    # address, the background sync would sign in from the keyring and push.
    context, window = open_window(qtbot, synced_replica, "http://127.0.0.1:1", "clerk1", online=False)
    try:
        view = window.show_page("stock")
        qtbot.waitUntil(lambda: view.model.rowCount() > 0 and not view.model.loading, timeout=10_000)
        key = f"{seeded_ids['P1']}:{seeded_ids['W1']}"
        rows = {view.model.row(n)["id"]: n for n in range(view.model.rowCount())}
        before = view.model.row(rows[key])
        assert before["available"] == 10
        assert before["pending"] is False

        customer_id, order_id = new_id(), new_id()
        submit(synced_replica, "customer.create", {"id": customer_id, "code": "K1", "name": "Kunming Tea"})
        submit(synced_replica, "order.create", {
            "id": order_id, "number": next_document_number(synced_replica, "sales_order"),
            "customer_id": customer_id, "warehouse_id": seeded_ids["W1"],
            "document_date": dt.date.today().isoformat(),
            "lines": [{"id": new_id(), "product_id": seeded_ids["P1"], "quantity": "3", "unit_price": "12.50"}],
        })
        with qtbot.waitSignal(context.tasks.changed, timeout=10_000) as changed:
            context.tasks.submit("order.confirm", {"id": order_id})
        assert changed.args[0].touches("stock_balance")

        def reserved_shown() -> bool:
            row = view.model.row(rows[key])
            return row is not None and row["reserved"] == 3

        qtbot.waitUntil(reserved_shown, timeout=10_000)
        after = view.model.row(rows[key])
        assert after["available"] == 7
        assert after["pending"] is True
        column = [c.key for c in view.model.columns].index("pending")
        assert view.model.index(rows[key], column).data() == "pending"
        # A background task reads the count, so it may land after the stock rows.
        qtbot.waitUntil(lambda: window.unsynced_label.text() == "Unsynced changes: 3", timeout=10_000)
    finally:
        close_window(context, window)
