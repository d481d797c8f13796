"""Copy order and "Last order's lines": new drafts with the old lines, priced again for today."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop.app import create_application
from desktop.context import AppContext
from desktop.views.main_window import ORDERS, MainWindow
from desktop.views.order_editor import OrderEditor
from domain.ids import new_id
from domain.models import SalesOrder, SalesOrderLine
from sync.client import open_replica, submit, sync
from sync.local_commands import next_document_number
from tests.desktop_orders.conftest import MANAGER, PASSWORD

pytestmark = pytest.mark.timeout(240)

TODAY = dt.date.today()
# The source order: P001 below its list price 88.50 and P002 with a discount, dated a week ago.
SOURCE_LINES = (("P001", "饼", "2", "80.00", None), ("P002", "盒", "1", "126.00", "6.00"))
# What a copy must carry: the same products and quantities at today's default (list) prices, no discount.
EXPECTED_LINES = [("P001", "饼", Decimal("2"), Decimal("88.5")), ("P002", "盒", Decimal("1"), Decimal("126"))]


@pytest.fixture
def manager_window(qtbot, qapp, tmp_path, sales_server, memory_keyring):
    """The manager's window over a replica holding one week-old order of C001; yields (context, window, order id)."""
    create_application("en")
    ids = sales_server.ids
    replica = open_replica(tmp_path / "manager")
    sync(replica, sales_server.url, MANAGER, PASSWORD)
    order_id = new_id()
    lines = []
    for code, unit, quantity, price, discount in SOURCE_LINES:
        line = {"id": new_id(), "product_id": ids[code], "unit_name": unit, "quantity": quantity, "unit_price": price}
        if discount:
            line["discount"] = discount
        lines.append(line)
    submit(replica, "order.create", {
        "id": order_id, "number": next_document_number(replica, "sales_order", TODAY), "customer_id": ids["C001"],
        "warehouse_id": ids["W1"], "document_date": (TODAY - dt.timedelta(days=7)).isoformat(), "lines": lines,
    })
    context = AppContext(replica, "http://127.0.0.1:1", MANAGER)
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    yield context, window, order_id
    for editor in [w for w in QApplication.topLevelWidgets() if isinstance(w, OrderEditor)]:
        editor.dirty = False
        editor.close()
    window.close()
    context.close()


def read_order(context, order_id: str) -> tuple[SalesOrder, list[SalesOrderLine]]:
    with context.read_session() as session:
        order = session.get(SalesOrder, order_id)
        lines = session.query(SalesOrderLine).filter(SalesOrderLine.order_id == order_id).order_by(
            SalesOrderLine.line_no).all()
        session.expunge_all()
    return order, lines


def order_ids(context) -> set[str]:
    with context.read_session() as session:
        return set(session.scalars(select(SalesOrder.id)))


def copy_with_keys(qtbot, view) -> OrderEditor:
    """Press Ctrl+D on the list's only order and return the editor of the copy once it has its lines."""
    view.table.setFocus()
    view.table.setCurrentIndex(view.model.index(0, 0))
    with qtbot.waitSignal(view.copied, timeout=15_000) as copied:
        qtbot.keyClick(view.table, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    editor = copied.args[0]
    qtbot.waitUntil(lambda: editor.catalog is not None and len(editor.lines_model.complete_lines()) > 0, timeout=15_000)
    return editor


def answer_discard(monkeypatch) -> list[str]:
    """Make the unsaved-changes question answer Discard; returns the titles asked."""
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *args: asked.append(args[1]) or QMessageBox.StandardButton.Discard)
    return asked


def test_copy_order(qtbot, manager_window, sales_server):
    context, window, source_id = manager_window
    ids = sales_server.ids
    view = window.show_page(ORDERS)
    qtbot.waitUntil(lambda: view.model.rowCount() == 1, timeout=15_000)
    assert view.copy_button.text() == "Copy (Ctrl+D)"
    queued = context.replica.unsynced_count()

    # The copy opens as a new, unsaved draft: nothing is in the replica or the outbox yet.
    editor = copy_with_keys(qtbot, view)
    assert editor.is_editable
    assert editor.draft.id is None
    assert editor.draft.number is None
    assert editor.draft.document_date == dt.date.today()  # read late: a run may cross midnight
    assert editor.draft.customer.id == ids["C001"]
    assert editor.warehouse_combo.currentData() == ids["W1"]
    lines = editor.lines_model.complete_lines()
    assert [(line.product.id, line.unit_name, line.quantity, line.unit_price) for line in lines] == [
        (ids[code], unit, quantity, price) for code, unit, quantity, price in EXPECTED_LINES]
    assert all(line.discount_amount == 0 for line in lines)
    assert editor.has_unsaved_changes()
    assert "Copied from order" in editor.message_label.text()
    assert order_ids(context) == {source_id}
    assert context.replica.unsynced_count() == queued

    # Ctrl+S saves the copy as a draft dated today.
    editor.activateWindow()
    qtbot.waitActive(editor)
    qtbot.keyClick(editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: editor._persisted and not editor.busy, timeout=15_000)
    copy_id = editor.draft.id
    assert order_ids(context) == {source_id, copy_id}
    assert context.replica.unsynced_count() == queued + 1
    source, _ = read_order(context, source_id)
    order, saved_lines = read_order(context, copy_id)
    assert order.status == "draft"
    assert order.document_date == dt.date.today()  # read late: a run may cross midnight
    assert order.customer_id == source.customer_id == ids["C001"]
    assert order.warehouse_id == source.warehouse_id
    assert order.number != source.number
    assert [(line.product_id, line.unit_name, line.quantity, line.unit_price) for line in saved_lines] == [
        (ids[code], unit, quantity, price) for code, unit, quantity, price in EXPECTED_LINES]
    assert all(line.discount_amount == 0 for line in saved_lines)
    assert order.total_amount == Decimal("303.00")


def test_discarded_copy_leaves_nothing(qtbot, manager_window, monkeypatch):
    context, window, source_id = manager_window
    asked = answer_discard(monkeypatch)
    view = window.show_page(ORDERS)
    qtbot.waitUntil(lambda: view.model.rowCount() == 1, timeout=15_000)
    queued = context.replica.unsynced_count()

    editor = copy_with_keys(qtbot, view)
    editor.close()
    assert asked == ["Unsaved changes"]
    qtbot.waitUntil(lambda: editor not in view.editors, timeout=15_000)
    context.tasks.wait_idle()
    assert order_ids(context) == {source_id}
    assert context.replica.unsynced_count() == queued


def test_discarded_last_order_lines_leave_nothing(qtbot, manager_window, sales_server, monkeypatch):
    context, window, source_id = manager_window
    submit(context.replica, "order.confirm", {"id": source_id})
    asked = answer_discard(monkeypatch)
    queued = context.replica.unsynced_count()
    editor = window.pages[ORDERS].open_new_order(sales_server.ids["C001"])
    qtbot.waitUntil(lambda: editor.catalog is not None and editor.draft.customer is not None, timeout=15_000)

    editor.activateWindow()
    qtbot.waitActive(editor)
    qtbot.keyClick(editor, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: len(editor.lines_model.complete_lines()) == 2, timeout=15_000)
    editor.close()
    assert asked == ["Unsaved changes"]
    context.tasks.wait_idle()
    assert order_ids(context) == {source_id}
    assert context.replica.unsynced_count() == queued


def test_lines_from_last_order(qtbot, manager_window, sales_server):
    context, window, source_id = manager_window
    ids = sales_server.ids
    # Only a confirmed order counts as the customer's last one; a later draft of the customer does not.
    submit(context.replica, "order.confirm", {"id": source_id})
    submit(context.replica, "order.create", {
        "id": new_id(), "number": next_document_number(context.replica, "sales_order", TODAY), "customer_id": ids["C001"],
        "warehouse_id": ids["W1"], "document_date": TODAY.isoformat(),
        "lines": [{"id": new_id(), "product_id": ids["P002"], "unit_name": "盒", "quantity": "9", "unit_price": "126.00"}],
    })
    editor = window.pages[ORDERS].open_new_order(ids["C001"])
    qtbot.waitUntil(lambda: editor.catalog is not None and editor.draft.customer is not None, timeout=15_000)
    assert editor.repeat_last.button.text() == "Last order's lines (Ctrl+L)"

    editor.activateWindow()
    qtbot.waitActive(editor)
    qtbot.keyClick(editor, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: len(editor.lines_model.complete_lines()) == 2, timeout=15_000)
    lines = editor.lines_model.complete_lines()
    assert [(line.product.id, line.unit_name, line.quantity, line.unit_price) for line in lines] == [
        (ids[code], unit, quantity, price) for code, unit, quantity, price in EXPECTED_LINES]
    assert all(line.discount_amount == 0 for line in lines)
    assert editor.dirty
    assert "Added the lines of order" in editor.message_label.text()

    # Saving makes the draft; it is dated today and keeps the customer chosen in the editor.
    editor.save_draft()
    qtbot.waitUntil(lambda: editor._persisted and not editor.busy, timeout=15_000)
    order, saved_lines = read_order(context, editor.draft.id)
    assert order.status == "draft"
    assert order.document_date == dt.date.today()  # read late: a run may cross midnight
    assert order.customer_id == ids["C001"]
    assert len(saved_lines) == 2


def test_last_order_lines_none(qtbot, manager_window, sales_server):
    context, window, _source_id = manager_window
    editor = window.pages[ORDERS].open_new_order(sales_server.ids["C002"])
    qtbot.waitUntil(lambda: editor.catalog is not None and editor.draft.customer is not None, timeout=15_000)
    editor.repeat_last.action.trigger()
    qtbot.waitUntil(lambda: editor.message_label.text() == "This customer has no earlier order.", timeout=15_000)
    assert editor.lines_model.complete_lines() == []


def test_untouched_order_closes_without_question(qtbot, manager_window, monkeypatch):
    context, window, source_id = manager_window
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *args: asked.append(args[1]) or QMessageBox.StandardButton.Cancel)
    view = window.show_page(ORDERS)
    editor = view.open_order(source_id)
    qtbot.waitUntil(lambda: editor.catalog is not None and editor.draft.customer is not None, timeout=15_000)
    # Values the form fills in after it opens (last prices) change nothing a save would send.
    qtbot.wait(500)
    assert not editor.has_unsaved_changes()
    editor.lines_model.setData(editor.lines_model.index(0, editor.lines_model.QUANTITY), "3")
    assert editor.has_unsaved_changes()
    editor.close()
    assert asked == ["Unsaved changes"]
    editor.dirty = False
