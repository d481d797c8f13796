"""Real command handlers (customers, orders) queued offline, synced, and seen by a second client."""

from __future__ import annotations

import datetime as dt

import pytest

from domain.ids import new_id
from sync.client import open_replica, sign_in, submit, sync
from sync.local_commands import next_document_number
from sync.verify import verify
from tests.server.helpers import seed_scope
from tests.server.server_process import add_user, set_user_role

PASSWORD = "correct horse 42"


@pytest.fixture
def seeded(server):
    add_user(server.database_url, "clerk1", "clerk", PASSWORD, "D1")
    add_user(server.database_url, "clerk2", "clerk", PASSWORD, "D2")
    return seed_scope(server.database_url)


def _verify(replica, server, user):
    connection = sign_in(replica, server.url, user)
    try:
        return verify(replica, connection.transport)
    finally:
        connection.close()


def test_offline_order_reaches_second_client(tmp_path, server, seeded, memory_keyring):
    replica_a = open_replica(tmp_path / "a")
    sync(replica_a, server.url, "clerk1", PASSWORD)

    customer_id, order_id = new_id(), new_id()
    submit(replica_a, "customer.create", {"id": customer_id, "code": "K1", "name": "Kunming Tea", "fields": {"phone": "13800000000"}})
    number = next_document_number(replica_a, "sales_order")
    submit(
        replica_a,
        "order.create",
        {
            "id": order_id,
            "number": number,
            "customer_id": customer_id,
            "warehouse_id": seeded["W1"],
            "document_date": dt.date.today().isoformat(),
            "lines": [{"id": new_id(), "product_id": seeded["P1"], "quantity": "2", "unit_price": "12.50"}],
        },
    )
    assert number.startswith(f"SO-{replica_a.read_state().device_code}-")

    result = sync(replica_a, server.url, "clerk1")

    assert result.push.acknowledged == 2, replica_a.outbox()
    assert replica_a.outbox() == []
    replica_b = open_replica(tmp_path / "b")
    sync(replica_b, server.url, "clerk1", PASSWORD)
    with replica_b.transaction() as session:
        connection = session.connection()
        orders = connection.exec_driver_sql("SELECT number, customer_id FROM sales_order").all()
        lines = connection.exec_driver_sql("SELECT COUNT(*) FROM sales_order_line WHERE order_id = ?", (order_id,)).scalar()
        phone = connection.exec_driver_sql("SELECT phone FROM customer WHERE id = ?", (customer_id,)).scalar()
    assert [tuple(row) for row in orders] == [(number, customer_id)]
    assert lines == 1
    assert phone == "13800000000"
    assert _verify(replica_a, server, "clerk1").ok
    assert _verify(replica_b, server, "clerk1").ok


def test_other_department_sees_no_warehouse(tmp_path, server, seeded, memory_keyring):
    replica = open_replica(tmp_path / "d2")
    sync(replica, server.url, "clerk2", PASSWORD)

    with replica.transaction() as session:
        warehouses = set(session.connection().exec_driver_sql("SELECT id FROM warehouse").scalars())
    assert seeded["W2"] in warehouses
    assert seeded["W1"] not in warehouses
    assert _verify(replica, server, "clerk2").ok


def test_scope_change_rebuilds_replica(tmp_path, server, seeded, memory_keyring):
    replica = open_replica(tmp_path / "a")
    sync(replica, server.url, "clerk1", PASSWORD)
    pending_id = new_id()
    submit(replica, "customer.create", {"id": pending_id, "code": "KEEP", "name": "Queued before the move"})

    # The user moves to department D2: the server raises the user's scope version.
    set_user_role(server.database_url, "clerk1", "clerk", "D2")
    sync(replica, server.url, "clerk1", PASSWORD)

    with replica.transaction() as session:
        connection = session.connection()
        warehouses = set(connection.exec_driver_sql("SELECT id FROM warehouse").scalars())
        customers = set(connection.exec_driver_sql("SELECT id FROM customer").scalars())
    assert seeded["W2"] in warehouses
    assert seeded["W1"] not in warehouses
    assert pending_id in customers
    assert replica.outbox() == []
    assert _verify(replica, server, "clerk1").ok
