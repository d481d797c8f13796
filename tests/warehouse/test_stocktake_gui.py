"""The stocktake editor driven by keyboard on a warehouse keeper's replica, offline, then synced to the server.

The server has departments D1 (warehouses W1, and W1A of its child D1A) and
D2 (W2), each warehouse holding 10 of P1. W1 also holds 5 of batch B1 of P2,
a product tracked by batch and expiry date. The keeper belongs to D1.
"""

from __future__ import annotations

import datetime as dt
import os
from decimal import Decimal

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
import shiboken6  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QMessageBox  # noqa: E402
from sqlalchemy import select  # noqa: E402

from desktop.models.stocktake_sheet_model import StocktakeSheetModel  # noqa: E402
from domain.ids import new_id  # noqa: E402
from domain.models import Product, StockBalance, StockMovement, Stocktake, StocktakeLine  # noqa: E402
from server_stub.admin import server_change  # noqa: E402
from domain.posting.stock import balance_id  # noqa: E402
from server_stub.db import Database  # noqa: E402
from sync.client import open_replica, sync  # noqa: E402
from tests.desktop.conftest import english, isolated_settings, memory_keyring, seed_balances  # noqa: E402,F401
from tests.desktop.helpers import close_window, open_window  # noqa: E402
from tests.desktop_orders.keyboard import press, refocus  # noqa: E402
from tests.desktop_orders.test_return_gui import type_text  # noqa: E402
from tests.server.helpers import seed_scope  # noqa: E402
from tests.server.server_process import ServerProcess, add_user, migrate  # noqa: E402

pytestmark = pytest.mark.timeout(240)

PASSWORD = "count 42"
OFFLINE = "http://127.0.0.1:1"
B1_EXPIRY = dt.date(2027, 3, 31)


def seed_batch_product(url: str, ids: dict[str, str]) -> None:
    """Add P2 (tracked by batch and expiry) with 5 of batch B1 in W1, as movement and balance."""
    product_id = new_id()
    db = Database(url)
    try:
        with db.write() as session, server_change(session):
            session.add(Product(id=product_id, code="P2", name="Milk", base_unit="carton", batch_tracked=True,
                                expiry_tracked=True))
            session.flush()
            session.add(StockMovement(
                id=new_id(), product_id=product_id, warehouse_id=ids["W1"], batch_no="B1", expiry_date=B1_EXPIRY,
                quantity=Decimal("5"), document_type="opening", document_id=new_id(),
                document_date=dt.date(2026, 1, 1), posting_date=dt.date(2026, 1, 1),
            ))
            session.add(StockBalance(
                id=balance_id(product_id, ids["W1"], "B1"), product_id=product_id, warehouse_id=ids["W1"],
                batch_no="B1", expiry_date=B1_EXPIRY, on_hand=Decimal("5"), reserved=Decimal("0"),
            ))
    finally:
        db.dispose()
    ids["P2"] = product_id


@pytest.fixture
def company(tmp_path):
    url = f"sqlite:///{tmp_path / 'server.sqlite3'}"
    migrate(url)
    add_user(url, "keeper1", "warehouse", PASSWORD, "D1")
    add_user(url, "keeper2", "warehouse", PASSWORD, "D2")
    ids = seed_scope(url)
    seed_balances(url, ids)
    seed_batch_product(url, ids)
    process = ServerProcess(url, tmp_path / "server.log", imports=()).start()
    yield process, ids
    process.stop()


@pytest.fixture
def keeper_replica(tmp_path, company):
    server, _ids = company
    replica = open_replica(tmp_path / "keeper1")
    sync(replica, server.url, "keeper1", PASSWORD)
    yield replica
    replica.close()


@pytest.fixture
def answers(monkeypatch):
    """Record the texts of QMessageBox.question calls and answer Yes."""
    asked: list[str] = []

    def question(parent, title, text, *args):
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", question)
    return asked


def server_balance(server, product_id: str, warehouse_id: str, batch_no: str = "") -> tuple:
    """Return (on hand, expiry date) of a balance row on the server."""
    db = Database(server.database_url)
    try:
        with db.read() as session:
            balance = session.get(StockBalance, balance_id(product_id, warehouse_id, batch_no))
            return balance.on_hand, balance.expiry_date
    finally:
        db.dispose()


def open_editor(qtbot, view, warehouse_id: str):
    """Start a new stocktake with Ctrl+N and choose the warehouse; return the tab and the filled editor."""
    tab = view.stocktakes
    view.tabs.setCurrentWidget(tab)
    tab.table.setFocus()
    press(qtbot, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: tab.editor is not None and tab.editor.isVisible(), timeout=10_000)
    editor = tab.editor
    qtbot.waitUntil(lambda: editor.warehouse_box.count() > 0, timeout=10_000)
    editor.warehouse_box.setCurrentIndex(editor.warehouse_box.findData(warehouse_id))
    qtbot.waitUntil(lambda: editor.sheet.rowCount() == 2 and editor.sheet.line_at(0).book == 10, timeout=10_000)
    qtbot.waitUntil(lambda: editor.table.currentIndex().column() == StocktakeSheetModel.COUNTED, timeout=10_000)
    editor.table.setFocus()
    return tab, editor


def test_count_save_post_by_keyboard(qtbot, english, company, keeper_replica, answers):
    server, ids = company
    context, window = open_window(qtbot, keeper_replica, OFFLINE, "keeper1", online=False)
    try:
        view = window.show_page("stock")
        tab, editor = open_editor(qtbot, view, ids["W1"])

        # Only the department's warehouses are offered.
        offered = {editor.warehouse_box.itemData(number) for number in range(editor.warehouse_box.count())}
        assert offered == {ids["W1"], ids["W1A"]}
        first, second = editor.sheet.line_at(0), editor.sheet.line_at(1)
        assert (first.product_code, first.batch_no, first.counted) == ("P1", "", 10)
        assert (second.product_code, second.batch_no, second.expiry_date, second.book) == ("P2", "B1", B1_EXPIRY, 5)

        type_text(qtbot, "7")
        press(qtbot, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: editor.sheet.line_at(0).counted == 7, timeout=10_000)
        assert editor.sheet.index(0, StocktakeSheetModel.DIFFERENCE).data() == "-3"
        assert "Differing lines: 1" in editor.total_label.text()

        # Posting without a reason stops at the reason cell of the differing line.
        press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        assert "type the reason" in editor.message_label.text()
        assert answers == []
        qtbot.waitUntil(lambda: editor.table.state() == editor.table.State.EditingState, timeout=10_000)
        assert editor.table.currentIndex().column() == StocktakeSheetModel.REASON
        type_text(qtbot, "破损")
        press(qtbot, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: editor.sheet.line_at(0).reason == "破损", timeout=10_000)

        press(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: "saved" in editor.message_label.text(), timeout=15_000)
        number = editor.number
        assert number.startswith("ST-")
        assert not editor.warehouse_box.isEnabled()
        with keeper_replica.transaction() as session:
            stored = session.get(Stocktake, editor.stocktake_id)
            assert (stored.status, stored.number) == ("counting", number)

        # Esc closes the saved sheet without a question; Enter on the list opens it again.
        press(qtbot, Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda: not shiboken6.isValid(editor) or not editor.isVisible(), timeout=10_000)
        qtbot.waitUntil(lambda: tab.model.rowCount() == 1, timeout=10_000)
        assert tab.model.index(0, 3).data() == "Counting"
        refocus(qtbot, window)
        tab.table.setFocus()
        tab.table.setCurrentIndex(tab.model.index(0, 0))
        press(qtbot, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: tab.editor is not editor and tab.editor.sheet.rowCount() == 2, timeout=10_000)
        editor = tab.editor
        reopened = editor.sheet.line_at(0)
        assert (reopened.book, reopened.counted, reopened.reason) == (10, 7, "破损")
        assert editor.number == number
        assert not editor.warehouse_box.isEnabled()

        editor.table.setFocus()
        press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: not shiboken6.isValid(editor) or not editor.isVisible(), timeout=15_000)
        assert len(answers) == 1
        assert "Differing lines: 1" in answers[0]
        qtbot.waitUntil(lambda: number in tab.message_label.text(), timeout=10_000)
        qtbot.waitUntil(lambda: tab.model.rowCount() == 1 and tab.model.row_at(0)["status"] == "posted",
                        timeout=10_000)
        assert tab.model.index(0, 4).data() == "1"

        with keeper_replica.transaction() as session:
            assert session.get(StockBalance, balance_id(ids["P1"], ids["W1"])).on_hand == 7
        assert [entry.name for entry in keeper_replica.outbox()][-2:] == ["stocktake.save", "stocktake.post"]
    finally:
        close_window(context, window)

    sync(keeper_replica, server.url, "keeper1", PASSWORD)
    assert server_balance(server, ids["P1"], ids["W1"]) == (7, None)
    assert server_balance(server, ids["P2"], ids["W1"], "B1") == (5, B1_EXPIRY)
    with keeper_replica.transaction() as session:
        counted = [(line.book_quantity, line.counted_quantity, line.difference_quantity, line.reason)
                   for line in session.scalars(select(StocktakeLine).order_by(StocktakeLine.line_no))]
    assert counted == [(10, 7, -3, "破损"), (5, 5, 0, None)]


def test_found_batch_line_by_keyboard(qtbot, english, company, keeper_replica, answers):
    server, ids = company
    context, window = open_window(qtbot, keeper_replica, OFFLINE, "keeper1", online=False)
    try:
        _tab, editor = open_editor(qtbot, window.show_page("stock"), ids["W1"])

        # Ctrl+B on a product without batches adds nothing.
        press(qtbot, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
        assert editor.sheet.rowCount() == 2
        assert "not tracked by batch" in editor.message_label.text()

        press(qtbot, Qt.Key.Key_Down)
        press(qtbot, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: editor.table.state() == editor.table.State.EditingState, timeout=10_000)
        assert (editor.table.currentIndex().row(), editor.table.currentIndex().column()) == (2, StocktakeSheetModel.BATCH)
        type_text(qtbot, "B2")
        press(qtbot, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: editor.table.currentIndex().column() == StocktakeSheetModel.EXPIRY
                        and editor.table.state() == editor.table.State.EditingState, timeout=10_000)
        press(qtbot, Qt.Key.Key_Return)  # left empty for now
        qtbot.waitUntil(lambda: editor.table.currentIndex().column() == StocktakeSheetModel.COUNTED
                        and editor.table.state() == editor.table.State.EditingState, timeout=10_000)
        type_text(qtbot, "3")
        press(qtbot, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: editor.sheet.line_at(2).counted == 3, timeout=10_000)
        assert editor.sheet.line_at(2).batch_no == "B2"

        # Posting stops first at the missing expiry date, then at the missing reason.
        press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        assert "tracked by expiry date" in editor.message_label.text()
        qtbot.waitUntil(lambda: editor.table.currentIndex().column() == StocktakeSheetModel.EXPIRY
                        and editor.table.state() == editor.table.State.EditingState, timeout=10_000)
        type_text(qtbot, "2027-05-31")
        press(qtbot, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: editor.sheet.line_at(2).expiry_date == dt.date(2027, 5, 31), timeout=10_000)
        press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        assert "type the reason" in editor.message_label.text()
        qtbot.waitUntil(lambda: editor.table.currentIndex().column() == StocktakeSheetModel.REASON
                        and editor.table.state() == editor.table.State.EditingState, timeout=10_000)
        type_text(qtbot, "新批次")
        press(qtbot, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: editor.sheet.line_at(2).reason == "新批次", timeout=10_000)

        press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: not shiboken6.isValid(editor) or not editor.isVisible(), timeout=15_000)
        assert "Differing lines: 1" in answers[0]
        with keeper_replica.transaction() as session:
            found = session.get(StockBalance, balance_id(ids["P2"], ids["W1"], "B2"))
            assert (found.on_hand, found.expiry_date) == (3, dt.date(2027, 5, 31))
    finally:
        close_window(context, window)

    sync(keeper_replica, server.url, "keeper1", PASSWORD)
    assert server_balance(server, ids["P2"], ids["W1"], "B2") == (3, dt.date(2027, 5, 31))
    assert server_balance(server, ids["P2"], ids["W1"], "B1") == (5, B1_EXPIRY)


def test_other_department_sees_no_stocktake(qtbot, english, company, keeper_replica, tmp_path):
    server, ids = company
    context, window = open_window(qtbot, keeper_replica, OFFLINE, "keeper1", online=False)
    try:
        _tab, editor = open_editor(qtbot, window.show_page("stock"), ids["W1"])
        editor.sheet.setData(editor.sheet.index(0, StocktakeSheetModel.COUNTED), "12")
        press(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: "saved" in editor.message_label.text(), timeout=15_000)
        editor.done(0)
    finally:
        close_window(context, window)
    sync(keeper_replica, server.url, "keeper1", PASSWORD)

    other = open_replica(tmp_path / "keeper2")
    try:
        sync(other, server.url, "keeper2", PASSWORD)
        context, window = open_window(qtbot, other, OFFLINE, "keeper2", online=False)
        try:
            tab = window.show_page("stock").stocktakes
            qtbot.waitUntil(lambda: context.tasks.running_count == 0, timeout=10_000)
            assert tab.model.rowCount() == 0
        finally:
            close_window(context, window)
        with other.transaction() as session:
            assert session.scalars(select(Stocktake)).all() == []
    finally:
        other.close()
