"""Record gone under pending work: a customer is deleted while an offline client still works on it.

The edit and the order are intentions, so the server rejects them with
"record_deleted" and holds what depends on the order. The payment is a
fact, so it posts and carries a flag for a manager.
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select

from domain.models import Customer, Flag, PaymentReceived, ReceivableEntry, SalesOrder, SalesOrderLine
from server_stub.db import Database
from server_stub.tables import CommandLog
from tests.faults.world import Client, add_customer, assert_oracle, clients, running_server, seed_world

USERS = {"mgr_a": "manager", "mgr_b": "manager"}


def _change_quantity(client: Client, create: str, quantity: str) -> str:
    """Queue order.update of the order that `create` entered, with a new quantity, depending on `create`."""
    payload = client.outbox()[create].payload
    lines = [dict(line, quantity=quantity) for line in payload["lines"]]
    return client.submit("order.update", dict(payload, lines=lines), depends_on=[create])


def test_deleted_customer_rejects_intentions(database_url, tmp_path):
    world = seed_world(database_url, USERS)
    with running_server(database_url, tmp_path) as (_server, proxy), \
            clients(tmp_path, "mgr_a", "mgr_b") as (deleter, offline):
        deleter.sync(proxy.url)
        offline.sync(proxy.url)

        # Offline: edit the customer, enter an order and change it, record a payment.
        edit = offline.edit_customer(world.customer_id, phone="0871-6512 3456")
        order_id = offline.create_order(world, "2")[0]
        create = offline.submitted[-1]
        change = _change_quantity(offline, create, "3")
        payment_id = offline.record_payment(world.customer_id, "150.00")
        payment = offline.submitted[-1]

        # Meanwhile a manager deletes the customer and syncs first.
        deleter.submit("customer.delete", {"id": world.customer_id})
        assert deleter.sync(proxy.url).push.acknowledged == 1

        result = offline.sync(proxy.url)

        assert result.push.acknowledged == 1
        assert result.push.rejected == 2
        assert result.push.held == 1
        outbox = offline.outbox()
        assert set(outbox) == {edit, create, change}
        for rejected in (edit, create):
            assert outbox[rejected].status == "rejected"
            assert outbox[rejected].result_code == "record_deleted"
            assert outbox[rejected].result_params == {
                "table": "customer", "id": world.customer_id, "name": "Kunming Tea House",
            }
        assert outbox[change].status == "held"
        assert outbox[change].result_code == "depends_on_refused"
        assert outbox[change].result_params == {"depends_on": create}

        db = Database(database_url)
        try:
            with db.read() as session:
                customer = session.get(Customer, world.customer_id)
                assert customer.deleted_at is not None
                assert customer.phone is None
                assert session.get(SalesOrder, order_id) is None
                posted = session.get(PaymentReceived, payment_id)
                assert posted.status == "posted"
                assert posted.amount == Decimal("150.00")
                entry = session.execute(
                    select(ReceivableEntry).where(ReceivableEntry.document_id == payment_id)
                ).scalar_one()
                assert entry.amount == Decimal("-150.00")
                flags = session.scalars(select(Flag).where(Flag.record_id == payment_id)).all()
                assert [flag.code for flag in flags] == ["customer_deleted"]
                assert flags[0].params == {"customer_code": "C1", "name": "Kunming Tea House"}
                assert flags[0].department_id == world.department_id
                assert session.get(CommandLog, payment).status == "applied_with_flags"
        finally:
            db.dispose()

        # The replica shows the server's state: the customer deleted, no order, the payment posted.
        with offline.replica.session() as session:
            assert session.get(Customer, world.customer_id).deleted_at is not None
            assert session.get(Customer, world.customer_id).phone is None
            assert session.get(SalesOrder, order_id) is None
            assert session.get(PaymentReceived, payment_id) is not None
            assert session.scalars(select(Flag.code).where(Flag.record_id == payment_id)).all() == ["customer_deleted"]

        deleter.sync(proxy.url)
        assert_oracle(database_url, proxy.url, [deleter, offline])


def test_deleted_customer_order_resent_to_another(database_url, tmp_path):
    """The rejected order is fixed by choosing another customer; its held change follows it."""
    world = seed_world(database_url, USERS)
    other_id = add_customer(database_url, world, "C2", "Dali Tea Shop")
    with running_server(database_url, tmp_path) as (_server, proxy), \
            clients(tmp_path, "mgr_a", "mgr_b") as (deleter, offline):
        deleter.sync(proxy.url)
        offline.sync(proxy.url)
        order_id, line_id, number = offline.create_order(world, "1")
        create = offline.submitted[-1]
        change = _change_quantity(offline, create, "4")
        deleter.submit("customer.delete", {"id": world.customer_id})
        deleter.sync(proxy.url)
        offline.sync(proxy.url)

        outbox = offline.outbox()
        # The update repeats the order's header, so the fix changes the customer in both.
        renamed = offline.resend(
            create, dict(outbox[create].payload, customer_id=other_id),
            dependent_payloads={change: dict(outbox[change].payload, customer_id=other_id)},
        )
        assert list(renamed) == [create, change]
        resent = offline.outbox()
        assert [resent[renamed[m]].status for m in (create, change)] == ["pending", "pending"]
        assert resent[renamed[change]].depends_on == [renamed[create]]
        assert resent[renamed[create]].device_seq == 3
        assert resent[renamed[change]].device_seq == 4
        # The replica shows the fixed order before it is sent.
        with offline.replica.session() as session:
            assert session.get(SalesOrder, order_id).customer_id == other_id

        result = offline.sync(proxy.url)

        assert result.push.acknowledged == 2
        assert offline.outbox() == {}
        db = Database(database_url)
        try:
            with db.read() as session:
                order = session.get(SalesOrder, order_id)
                assert order.customer_id == other_id
                assert order.number == number
                assert order.status == "draft"
                line = session.get(SalesOrderLine, line_id)
                assert line.quantity == Decimal(4)
        finally:
            db.dispose()
        deleter.sync(proxy.url)
        assert_oracle(database_url, proxy.url, [deleter, offline])
