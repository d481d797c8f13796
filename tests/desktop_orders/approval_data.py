"""Orders that wait for a manager: a clerk of D1 confirms orders priced below the lowest price and syncs them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import create_engine, text

from domain.ids import new_id
from sync.client import open_replica, submit, sync
from sync.local_commands import next_document_number
from tests.desktop_orders.conftest import PASSWORD
from tests.desktop_orders.entry_data import add_entry_products
from tests.server.server_process import add_user

CLERK = "clerk1"
# E03's lowest price is 240.0000 a 把, so this price sends the order to a manager.
LOW_PRICE = "200.00"


def submit_low_price_orders(server, tmp_path: Path, count: int) -> list[tuple[str, str]]:
    """Have clerk1 confirm `count` orders of 1 E03 at LOW_PRICE for C001 and push them; return (id, number) pairs."""
    ids = server.ids
    ids.update(add_entry_products(server.database_url, ids["W1"]))
    add_user(server.database_url, CLERK, "clerk", PASSWORD, "D1", create_department=False)
    replica = open_replica(tmp_path / "clerk")
    orders = []
    try:
        sync(replica, server.url, CLERK, PASSWORD)
        for _ in range(count):
            order_id = new_id()
            number = next_document_number(replica, "sales_order", dt.date.today())
            submit(replica, "order.create", {
                "id": order_id, "number": number, "customer_id": ids["C001"], "warehouse_id": ids["W1"],
                "document_date": dt.date.today().isoformat(),
                "lines": [{"id": new_id(), "product_id": ids["E03"], "unit_name": "把", "quantity": "1",
                           "unit_price": LOW_PRICE}],
            })
            result = submit(replica, "order.confirm", {"id": order_id}).result
            assert result["status"] == "submitted", result
            orders.append((order_id, number))
        pushed = sync(replica, server.url, CLERK, PASSWORD)
        assert pushed.push.rejected == 0
    finally:
        replica.close()
    return orders


def server_order(database_url: str, order_id: str) -> dict:
    """Return the server's status and note of an order, with the comment of its latest approval decision."""
    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            status, note = connection.execute(
                text("SELECT status, note FROM sales_order WHERE id = :id"), {"id": order_id}).one()
            decisions = connection.execute(
                text("SELECT decision, comment FROM order_approval WHERE order_id = :id"), {"id": order_id}).all()
    finally:
        engine.dispose()
    return {"status": status, "note": note, "decisions": [tuple(row) for row in decisions]}
