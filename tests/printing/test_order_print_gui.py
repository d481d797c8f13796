"""Printing a sales order from the orders list: Ctrl+P prints and counts an approved order, never a draft."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from desktop.context import AppContext
from desktop.views.orders_view import OrdersView
from domain.ids import new_id
from domain.models import PrintRecord, SalesOrder
from sync.client import open_replica, submit, sync
from sync.local_commands import next_document_number
from tests.desktop_orders import conftest as order_fixtures
from tests.desktop_orders.conftest import MANAGER, PASSWORD
from tests.desktop_orders.keyboard import press
from tests.desktop_orders.preview_pdf import print_preview_to_pdf
from tests.desktop_orders.return_data import create_order

pytestmark = pytest.mark.timeout(240)

# The order tests' fixtures: a seeded server, an in-memory keyring and the bundled CJK font.
_sales_template = order_fixtures._sales_template
sales_server = order_fixtures.sales_server
memory_keyring = order_fixtures.memory_keyring
qapp_args = order_fixtures.qapp_args
bundled_font = order_fixtures.bundled_font

CTRL = Qt.KeyboardModifier.ControlModifier


def create_draft(replica, ids: dict[str, str]) -> str:
    today = dt.date.today()
    number = next_document_number(replica, "sales_order", today)
    submit(replica, "order.create", {
        "id": new_id(), "number": number, "customer_id": ids["C001"], "warehouse_id": ids["W1"],
        "document_date": today.isoformat(),
        "lines": [{"id": new_id(), "product_id": ids["P001"], "quantity": "1", "unit_price": "88.50"}],
    })
    return number


def select_number(qtbot, view: OrdersView, number: str) -> None:
    qtbot.waitUntil(lambda: any(view.model.row_at(row).number == number for row in range(view.model.rowCount())),
                    timeout=15_000)
    row = next(row for row in range(view.model.rowCount()) if view.model.row_at(row).number == number)
    view.table.setFocus()
    view.table.setCurrentIndex(view.model.index(row, 0))
    qtbot.waitUntil(lambda: view.table.hasFocus(), timeout=10_000)


def test_approved_order_printed_by_keyboard(qtbot, tmp_path, sales_server, memory_keyring, bundled_font):
    replica = open_replica(tmp_path / "client")
    sync(replica, sales_server.url, MANAGER, PASSWORD)
    order_id, number = create_order(replica, sales_server.ids)
    draft_number = create_draft(replica, sales_server.ids)
    sales_server.stop()
    context = AppContext(replica, sales_server.url, MANAGER)
    view = OrdersView(context)
    qtbot.addWidget(view)
    view.show()
    with qtbot.waitActive(view):
        view.activateWindow()
    actions = view.print_actions
    recorded: list[int] = []
    actions.printing.recorded.connect(lambda document_id, print_number: recorded.append(print_number))

    # A draft may still change: Ctrl+P opens no preview.
    select_number(qtbot, view, draft_number)
    press(qtbot, Qt.Key.Key_P, CTRL)
    qtbot.wait(300)
    assert actions.preview is None

    select_number(qtbot, view, number)
    press(qtbot, Qt.Key.Key_P, CTRL)
    qtbot.waitUntil(lambda: actions.preview is not None, timeout=10_000)
    text = print_preview_to_pdf(actions.preview, tmp_path / "order.pdf")
    qtbot.waitUntil(lambda: recorded == [1], timeout=10_000)

    assert number in text
    assert "Sales order" in text
    assert "P001" in text
    assert "265.40" in text
    with context.read_session() as session:
        order = session.get(SalesOrder, order_id)
        assert order.print_count == 1
        assert "Total: ¥" + f"{order.total_amount:,.2f}" in text
        records = [(record.document_type, record.document_number) for record in session.query(PrintRecord)]
    assert records == [("sales_order", number)]
    view.close()
    context.close()
