"""Two offline clerks enter the same customer; a manager merges the two records through the real server.

After the second push the server has one duplicate task. The manager's
customer.merge runs optimistically on the manager's replica and again on
the server; after every client syncs, each sees one active customer, both
clerks' orders point at it, and the receivable balances equal the ledger.
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select

from domain.ids import new_id
from domain.models import Customer, DuplicateTask, MergeTask, ReceivableEntry, SalesOrder
from server_stub.db import Database
from server_stub.tables import CommandLog
from tests.faults.world import Client, World, assert_oracle, clients, running_server, seed_world

USERS = {"clerk_a": "clerk", "clerk_b": "clerk", "mgr": "manager"}
USCC = "91530100MA6K000013"


def _create_with_order(client: Client, world: World, code: str, name: str, **fields: str) -> tuple[str, str]:
    customer_id = new_id()
    create = client.submit("customer.create", {
        "id": customer_id, "code": code, "name": name, "fields": {"department_id": world.department_id, **fields},
    })
    order_id = client.create_order(world, "1", customer_id=customer_id, depends_on=[create])[0]
    return customer_id, order_id


def _balances(session, customer_ids: list[str]) -> dict[str, Decimal]:
    """Return each customer's balance as the sum of its receivable entries."""
    sums = {customer_id: Decimal("0.00") for customer_id in customer_ids}
    for customer_id, amount in session.execute(
        select(ReceivableEntry.customer_id, ReceivableEntry.amount).where(ReceivableEntry.customer_id.in_(customer_ids))
    ):
        sums[customer_id] += amount
    return sums


def _assert_merged_view(session, survivor_id: str, duplicate_id: str, order_ids: list[str]) -> None:
    """Check what every copy of the data (server or replica) shows after the merge."""
    survivor = session.get(Customer, survivor_id)
    duplicate = session.get(Customer, duplicate_id)
    assert survivor.deleted_at is None
    assert duplicate.deleted_at is not None
    assert duplicate.merged_into_id == survivor_id
    active = session.scalars(select(Customer.id).where(Customer.uscc == USCC, Customer.deleted_at.is_(None))).all()
    assert active == [survivor_id]
    for order_id in order_ids:
        assert session.get(SalesOrder, order_id).customer_id == survivor_id

    balances = _balances(session, [survivor_id, duplicate_id])
    assert balances == {survivor_id: Decimal("-100.00"), duplicate_id: Decimal("0.00")}
    transfers = session.execute(
        select(ReceivableEntry.customer_id, ReceivableEntry.amount).where(ReceivableEntry.entry_type == "transfer")
    ).all()
    # The duplicate was prepaid (balance -80.00), so the entry out of it is positive.
    assert sorted(transfers, key=lambda row: row.amount) == [
        (survivor_id, Decimal("-80.00")), (duplicate_id, Decimal("80.00"))]


def test_offline_duplicates_merged_by_manager(database_url, tmp_path):
    world = seed_world(database_url, USERS)
    with running_server(database_url, tmp_path) as (_server, proxy), \
            clients(tmp_path, "clerk_a", "clerk_b", "mgr") as (clerk_a, clerk_b, manager):
        for client in (clerk_a, clerk_b, manager):
            client.sync(proxy.url)

        # Both clerks are offline and enter the same company, each with an order.
        first_id, first_order = _create_with_order(clerk_a, world, "C100", "丽江茶业有限公司",
                                                   uscc=USCC, phone="0888-5123456")
        second_id, second_order = _create_with_order(clerk_b, world, "C101", "丽江茶业（古城）",
                                                     uscc=USCC.lower(), phone="139 8888 0001")
        create_b = clerk_b.submitted[0]
        assert clerk_a.sync(proxy.url).push.acknowledged == 2
        assert clerk_b.sync(proxy.url).push.acknowledged == 2

        db = Database(database_url)
        try:
            with db.read() as session:
                assert session.get(CommandLog, create_b).status == "applied_with_flags"
                task = session.execute(select(DuplicateTask)).scalar_one()
                assert (task.record_id, task.other_record_id) == (second_id, first_id)
                assert task.match_field == "uscc"
                assert task.status == "open"
                task_id = task.id
        finally:
            db.dispose()

        # Money arrives for both records before anyone merges them.
        manager.sync(proxy.url)
        manager.record_payment(second_id, "80.00")
        manager.record_payment(first_id, "20.00")
        assert manager.sync(proxy.url).push.acknowledged == 2

        # The manager merges while offline; the optimistic run already shows one customer.
        merge = manager.submit("customer.merge", {"task_id": task_id, "survivor_id": first_id, "note": "同一家茶企"})
        with manager.replica.session() as session:
            _assert_merged_view(session, first_id, second_id, [first_order, second_order])
        assert manager.sync(proxy.url).push.acknowledged == 1

        db = Database(database_url)
        try:
            with db.read() as session:
                assert session.get(CommandLog, merge).status == "applied"
                _assert_merged_view(session, first_id, second_id, [first_order, second_order])
                task = session.get(DuplicateTask, task_id)
                assert (task.status, task.resolution) == ("done", "merged")
                merge_task = session.get(MergeTask, task.merge_task_id)
                assert merge_task.moved == {"sales_order": [second_order]}
        finally:
            db.dispose()

        for client in (clerk_a, clerk_b):
            client.sync(proxy.url)
            with client.replica.session() as session:
                _assert_merged_view(session, first_id, second_id, [first_order, second_order])

        assert_oracle(database_url, proxy.url, [clerk_a, clerk_b, manager])
