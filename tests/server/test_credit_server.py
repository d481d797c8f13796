"""The credit check on a real server counts an open order at its document total, freight and document discount included."""

from __future__ import annotations

from decimal import Decimal

import pytest

from domain.ids import new_id
from domain.models import Customer, SalesOrder
from server_stub.admin import server_change
from server_stub.db import Database
from tests.server import test_order_life_server
from tests.server.test_order_life_server import Device, read_rows, receipt, today

pytestmark = pytest.mark.timeout(240)

# The same company as the order life tests: warehouse WB in D1, customer C001, product P001.
company = test_order_life_server.company


def set_credit_limit(database_url: str, customer_id: str, limit: str) -> None:
    db = Database(database_url)
    try:
        with db.write() as session:
            with server_change(session):
                session.get(Customer, customer_id).credit_limit = Decimal(limit)
    finally:
        db.dispose()


def order_with_terms(ids: dict[str, str], number: str, quantity: str, unit_price: str, **terms: str) -> dict:
    return {"id": new_id(), "number": number, "customer_id": ids["customer"], "warehouse_id": ids["warehouse"],
            "document_date": today().isoformat(), **terms,
            "lines": [{"id": new_id(), "product_id": ids["product"], "quantity": quantity, "unit_price": unit_price}]}


def test_credit_counts_freight_and_discount(server, company):
    clerk = Device(server, "ann", "clerk")
    keeper = Device(server, "kim", "warehouse")
    assert keeper.push(("goods_receipt.post", receipt(company, "50")))[0]["status"] == "applied"

    # 5 × 139.97 = 699.85 in lines, + 20.00 freight − 9.85 document discount = 710.00 owed.
    first = order_with_terms(company, "SO-CREDIT-1", "5", "139.97", freight_amount="20.00", discount_amount="9.85")
    results = clerk.push(("order.create", first), ("order.confirm", {"id": first["id"]}))
    assert results[1]["result"]["status"] == "approved"
    [stored] = read_rows(server.database_url, SalesOrder, SalesOrder.id == first["id"])
    assert stored.lines_amount == Decimal("699.85")
    assert stored.total_amount == Decimal("710.00")

    # 710.00 used + 300.00 is over a limit of 1000.00; counting the lines alone (699.85) would stay within it.
    set_credit_limit(server.database_url, company["customer"], "1000.00")
    second = order_with_terms(company, "SO-CREDIT-2", "3", "100.00")
    results = clerk.push(("order.create", second), ("order.confirm", {"id": second["id"]}))
    assert [result["status"] for result in results] == ["applied", "applied"]
    assert results[1]["result"]["status"] == "submitted"
    assert results[1]["result"]["approval_reasons"] == [{
        "code": "credit_limit_exceeded",
        "params": {"credit_limit": "1000.00", "credit_used": "710.00", "order_amount": "300.00"},
    }]
