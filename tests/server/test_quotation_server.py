"""A quotation pushed to a real server and converted into an order there, with a promotion's gift line."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import select

from domain.ids import new_id
from domain.models import Customer, Product, Promotion, Quotation, QuotationLine, SalesOrder, SalesOrderLine, Warehouse
from domain.promotion_gifts import gift_line_id
from domain.types import utcnow
from server_stub.admin import find_department, write_rows
from server_stub.db import Database
from tests.server.helpers import envelope
from tests.server.server_process import add_user


def seed(database_url: str, today: dt.date) -> dict[str, str]:
    """Write a warehouse and a customer in the existing department D1, a product, and a buy-10-get-1 promotion in force."""
    ids = {name: new_id() for name in ("warehouse", "customer", "product", "promotion")}
    db = Database(database_url)
    try:
        with db.write() as session:
            department = find_department(session, "D1")
            write_rows(session, [
                Warehouse(id=ids["warehouse"], code="W1", name="昆明仓", department_id=department.id,
                          negative_stock_policy="allow"),
                Customer(id=ids["customer"], code="C1", name="昆明百货", department_id=department.id),
                Product(id=ids["product"], code="P1", name="普洱茶", base_unit="饼", list_price=Decimal("50.00"),
                        tax_rate=Decimal("0.13")),
            ])
        with db.write() as session:
            write_rows(session, [Promotion(
                id=ids["promotion"], code="BG1", name="买十送一", kind="buy_n_get_m", product_id=ids["product"],
                unit_name="饼", start_date=today - dt.timedelta(days=1), end_date=today + dt.timedelta(days=1),
                buy_quantity=Decimal(10), gift_product_id=ids["product"], gift_unit_name="饼",
                gift_quantity=Decimal(1), repeat=True, active=True,
            )])
    finally:
        db.dispose()
    return ids


def results(response) -> list[dict]:
    assert response.status_code == 200, response.text
    return response.json()["results"]


def test_quotation_converted_through_push(server):
    today = utcnow().date()
    add_user(server.database_url, "ann", "clerk", "pw", "D1")
    ids = seed(server.database_url, today)
    clerk = server.client()
    clerk.login("ann", "pw")
    clerk.register("ann pc")

    quotation_id, line_id, order_id = new_id(), new_id(), new_id()
    quotation = {
        "id": quotation_id, "number": "QT-A1-0001", "customer_id": ids["customer"],
        "warehouse_id": ids["warehouse"], "document_date": today.isoformat(),
        "valid_until": (today + dt.timedelta(days=7)).isoformat(),
        "lines": [
            {"id": line_id, "product_id": ids["product"], "quantity": "20", "unit_price": "45.00"},
            # A client's gift line with the wrong quantity: the server computes its own.
            {"id": new_id(), "product_id": ids["product"], "quantity": "5", "unit_price": "0", "is_gift": True,
             "promotion_id": ids["promotion"]},
        ],
    }
    convert = {"id": quotation_id, "order_id": order_id, "number": "SO-A1-0001", "document_date": today.isoformat()}
    pushed = results(clerk.push([
        envelope(1, "quotation.create", quotation),
        envelope(2, "quotation.send", {"id": quotation_id}),
        envelope(3, "quotation.convert", convert),
        envelope(4, "quotation.convert", dict(convert, order_id=new_id(), number="SO-A1-0002")),
    ]))
    assert [result["status"] for result in pushed] == ["applied", "applied", "applied", "rejected"]
    assert pushed[3]["code"] == "quotation_already_ordered"
    assert pushed[3]["params"] == {"number": "QT-A1-0001"}

    db = Database(server.database_url)
    try:
        with db.read() as session:
            stored = session.get(Quotation, quotation_id)
            assert (stored.status, stored.order_id) == ("ordered", order_id)
            quoted = session.execute(
                select(QuotationLine).where(QuotationLine.quotation_id == quotation_id).order_by(QuotationLine.line_no)
            ).scalars().all()
            assert [(line.quantity, line.is_gift) for line in quoted] == [
                (Decimal("20.000"), False), (Decimal("2.000"), True),
            ]
            order = session.get(SalesOrder, order_id)
            assert order.quotation_id == quotation_id
            assert order.total_amount == Decimal("900.00")
            lines = session.execute(
                select(SalesOrderLine).where(SalesOrderLine.order_id == order_id).order_by(SalesOrderLine.line_no)
            ).scalars().all()
            assert [(line.unit_price, line.quantity, line.is_gift) for line in lines] == [
                (Decimal("45.0000"), Decimal("20.000"), False), (Decimal("0.0000"), Decimal("2.000"), True),
            ]
            assert lines[0].quotation_line_id == line_id
            assert lines[1].gift_for_line_id == lines[0].id
            assert lines[1].quotation_line_id == gift_line_id(line_id, ids["promotion"])
    finally:
        db.dispose()
