"""The server bills an order's freight and document discount with its deliveries, whatever the client sent."""

from __future__ import annotations

from decimal import Decimal

import pytest

from domain.ids import new_id
from domain.models import DeliveryNote, ReceivableEntry, SalesOrder
from tests.server import test_order_life_server
from tests.server.test_order_life_server import Device, order, read_rows, receipt, today

pytestmark = pytest.mark.timeout(240)

# The order life tests' company: warehouse WB, customer C001 and product P001 in D1.
company = test_order_life_server.company


def delivery(ids: dict[str, str], number: str, order_line_id: str, quantity: str) -> dict:
    # A client's freight_amount is ignored for order lines: the server bills the order's.
    return {"id": new_id(), "number": number, "customer_id": ids["customer"], "warehouse_id": ids["warehouse"],
            "document_date": today().isoformat(), "freight_amount": "99.00",
            "lines": [{"id": new_id(), "order_line_id": order_line_id, "quantity": quantity}]}


def test_partial_deliveries_bill_order_charges(server, company):
    clerk = Device(server, "ann", "clerk")
    keeper = Device(server, "kim", "warehouse")
    keeper.push(("goods_receipt.post", receipt(company, "50")))
    charged = order(company, "SO-1", "10", "0") | {"freight_amount": "8.00", "discount_amount": "2.00"}
    results = clerk.push(("order.create", charged), ("order.confirm", {"id": charged["id"]}))
    assert results[1]["result"]["status"] == "approved"
    line_id = charged["lines"][0]["id"]

    first, second = keeper.push(
        ("delivery.ship", delivery(company, "DN-1", line_id, "4")),
        ("delivery.ship", delivery(company, "DN-2", line_id, "6")),
    )

    assert [first["status"], second["status"]] == ["applied", "applied"]
    # 48.00 of 120.00 delivered: freight 8.00 × 0.4 = 3.20, discount 2.00 × 0.4 = 0.80.
    assert (first["result"]["freight_amount"], first["result"]["discount_amount"]) == ("3.20", "0.80")
    assert first["result"]["total_amount"] == "50.40"
    assert (second["result"]["freight_amount"], second["result"]["discount_amount"]) == ("4.80", "1.20")
    assert second["result"]["total_amount"] == "75.60"
    [saved_order] = read_rows(server.database_url, SalesOrder)
    notes = read_rows(server.database_url, DeliveryNote)
    entries = read_rows(server.database_url, ReceivableEntry, ReceivableEntry.document_type == "delivery_note")
    assert sum((note.freight_amount for note in notes), Decimal(0)) == Decimal("8.00")
    assert sum((note.discount_amount for note in notes), Decimal(0)) == Decimal("2.00")
    assert sum((entry.amount for entry in entries), Decimal(0)) == saved_order.total_amount == Decimal("126.00")
