"""A shipped order to return goods from: a second warehouse, the order, its delivery, and server reads."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from desktop.models.order_queries import ship_payload
from domain.ids import new_id
from domain.models import Department, Warehouse
from sync.client import submit
from sync.local_commands import next_document_number

# (product code, quantity, unit price, discount): 3 × 88.50 − 0.10 = 265.40, 2 × 126.00 = 252.00,
# 7 × 9.07 − 0.50 = 62.99. The discounts make a returned part's credit round: 1 of 3 P001 is 88.47.
ORDER_LINES = (("P001", "3", "88.50", "0.10"), ("P002", "2", "126.00", "0"), ("P003", "7", "9.07", "0.50"))
RETURN_WAREHOUSE = "W2"


def add_return_warehouse(database_url: str) -> str:
    """Add warehouse W2 (退货仓) to department D1 on the server, empty; return its id."""
    from server_stub.admin import server_change
    from server_stub.db import Database

    db = Database(database_url)
    try:
        with db.write() as session:
            department = session.execute(select(Department).where(Department.code == "D1")).scalar_one()
            warehouse = Warehouse(id=new_id(), code=RETURN_WAREHOUSE, name="退货仓", department_id=department.id,
                                  negative_stock_policy="block")
            with server_change(session):
                session.add(warehouse)
            return warehouse.id
    finally:
        db.dispose()


def create_order(replica, ids: dict[str, str]) -> tuple[str, str]:
    """Create and confirm ORDER_LINES for C001 from W1 on the replica; return (order id, order number)."""
    today = dt.date.today()
    order_id = new_id()
    number = next_document_number(replica, "sales_order", today)
    submit(replica, "order.create", {
        "id": order_id, "number": number, "customer_id": ids["C001"], "warehouse_id": ids["W1"],
        "document_date": today.isoformat(),
        "lines": [
            {"id": new_id(), "product_id": ids[code], "quantity": quantity, "unit_price": price, "discount": discount}
            for code, quantity, price, discount in ORDER_LINES
        ],
    })
    status = submit(replica, "order.confirm", {"id": order_id}).result["status"]
    assert status == "approved", status
    return order_id, number


def ship_order(replica, ids: dict[str, str]) -> tuple[str, str]:
    """Create, confirm and ship ORDER_LINES on the replica; return (order number, delivery id)."""
    today = dt.date.today()
    order_id, number = create_order(replica, ids)
    delivery_id = new_id()
    delivery_number = next_document_number(replica, "delivery_note", today)
    with replica.transaction() as session:
        payload = ship_payload(session, order_id, delivery_id, delivery_number, today)
    submit(replica, "delivery.ship", payload)
    return number, delivery_id


def read_server(database_url: str, model: type, *where) -> list:
    """Return the server's rows of `model` matching `where`, detached, with their Decimal columns."""
    from server_stub.db import Database

    db = Database(database_url)
    try:
        with db.read() as session:
            rows = session.execute(select(model).where(*where)).scalars().all()
            session.expunge_all()
            return rows
    finally:
        db.dispose()
