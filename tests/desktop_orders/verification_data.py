"""A completed order to verify: two lines of C001, one with a line discount, confirmed and shipped in full."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
from collections.abc import Iterator

from desktop.models.order_queries import ship_payload
from domain.ids import new_id
from domain.models import SalesOrder
from sync.client import submit
from sync.local_commands import next_document_number

# (product code, unit, quantity, unit price, line discount): 3 × 88.50 − 1.00 = 264.50 and 2 × 126.00 = 252.00.
ORDER_LINES = (("P001", "饼", "3", "88.50", "1.00"), ("P002", "盒", "2", "126.00", None))


@dataclasses.dataclass(frozen=True)
class CompletedOrder:
    id: str
    number: str
    # The order line ids, in ORDER_LINES order.
    line_ids: tuple[str, ...]


def complete_order(replica, ids: dict[str, str]) -> CompletedOrder:
    """Create, confirm and ship in full an order of ORDER_LINES for C001 on `replica`; the commands wait in its outbox."""
    today = dt.date.today()
    order_id = new_id()
    number = next_document_number(replica, "sales_order", today)
    lines = []
    for code, unit, quantity, price, discount in ORDER_LINES:
        line = {"id": new_id(), "product_id": ids[code], "unit_name": unit, "quantity": quantity, "unit_price": price}
        if discount:
            line["discount"] = discount
        lines.append(line)
    submit(replica, "order.create", {
        "id": order_id, "number": number, "customer_id": ids["C001"], "warehouse_id": ids["W1"],
        "document_date": today.isoformat(), "lines": lines,
    })
    confirmed = submit(replica, "order.confirm", {"id": order_id}).result
    assert confirmed["status"] == "approved", confirmed
    delivery_number = next_document_number(replica, "delivery_note", today)
    with replica.transaction() as session:
        payload = ship_payload(session, order_id, new_id(), delivery_number, today)
    submit(replica, "delivery.ship", payload)
    with replica.transaction() as session:
        assert session.get(SalesOrder, order_id).status == "completed"
    return CompletedOrder(order_id, number, tuple(line["id"] for line in lines))


@contextlib.contextmanager
def server_session(database_url: str) -> Iterator:
    """Yield a read session on the server's database, whose column types read money and quantities back as Decimal."""
    from server_stub.db import Database

    db = Database(database_url)
    try:
        with db.read() as session:
            yield session
    finally:
        db.dispose()
