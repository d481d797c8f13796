"""Shipping an order with freight and a document discount from the Deliveries page bills the order total."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from desktop.context import AppContext
from desktop.printing.capitals import amount_in_capitals
from desktop.views.main_window import DELIVERIES, MainWindow
from domain.ids import new_id
from domain.models import DeliveryNote, ReceivableEntry, SalesOrder
from sync.client import open_replica, submit, sync
from sync.local_commands import next_document_number
from tests.desktop_orders.conftest import MANAGER, PASSWORD
from tests.desktop_orders.preview_pdf import print_preview_to_pdf
from tests.desktop_orders.return_data import read_server

pytestmark = pytest.mark.timeout(240)

# One line of 89.00, freight 8.00 and a document discount of 2.00: the order total is 95.00.
ORDER_TOTAL = Decimal("95.00")


def create_charged_order(replica, ids: dict[str, str]) -> str:
    """Create and confirm an order of 1 × P001 at 89.00 with freight and a discount; return its id."""
    today = dt.date.today()
    order_id = new_id()
    submit(replica, "order.create", {
        "id": order_id, "number": next_document_number(replica, "sales_order", today),
        "customer_id": ids["C001"], "warehouse_id": ids["W1"], "document_date": today.isoformat(),
        "freight_amount": "8.00", "discount_amount": "2.00",
        "lines": [{"id": new_id(), "product_id": ids["P001"], "quantity": "1", "unit_price": "89.00"}],
    })
    status = submit(replica, "order.confirm", {"id": order_id}).result["status"]
    assert status == "approved", status
    return order_id


def test_shipped_order_bills_freight_and_discount(qtbot, tmp_path, sales_server, memory_keyring):
    data_dir = tmp_path / "client"
    replica = open_replica(data_dir)
    sync(replica, sales_server.url, MANAGER, PASSWORD)
    order_id = create_charged_order(replica, sales_server.ids)
    sales_server.stop()

    context = AppContext(replica, sales_server.url, MANAGER)
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    deliveries = window.show_page(DELIVERIES)
    qtbot.waitUntil(lambda: deliveries.orders_model.rowCount() == 1, timeout=10000)
    deliveries.orders_table.setCurrentIndex(deliveries.orders_model.index(0, 0))
    qtbot.keyClick(deliveries.orders_table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: deliveries.preview is not None, timeout=15000)

    extracted = print_preview_to_pdf(deliveries.preview, tmp_path / "delivery-note.pdf")
    assert "Freight: ¥8.00" in extracted
    assert "Document discount: −¥2.00" in extracted
    assert "95.00" in extracted
    assert amount_in_capitals(ORDER_TOTAL) in extracted

    with replica.transaction() as session:
        order = session.get(SalesOrder, order_id)
        note = session.execute(select(DeliveryNote)).scalar_one()
        receivable = session.execute(
            select(ReceivableEntry.amount).where(ReceivableEntry.document_id == note.id)
        ).scalar_one()
        assert order.total_amount == ORDER_TOTAL
        assert note.total_amount == ORDER_TOTAL
        assert receivable == ORDER_TOTAL
        delivery_id = note.id

    # The server computes the same parts when the delivery syncs.
    sales_server.start()
    context.sync.stop()
    window.close()
    context.close()
    replica = open_replica(data_dir)
    try:
        result = sync(replica, sales_server.url, MANAGER)
        assert result.push.rejected == 0
    finally:
        replica.close()
    [server_note] = read_server(sales_server.database_url, DeliveryNote, DeliveryNote.id == delivery_id)
    assert (server_note.freight_amount, server_note.discount_amount) == (Decimal("8.00"), Decimal("2.00"))
    assert server_note.total_amount == ORDER_TOTAL
    [server_entry] = read_server(sales_server.database_url, ReceivableEntry, ReceivableEntry.document_id == delivery_id)
    assert server_entry.amount == ORDER_TOTAL
