"""Poison command with dependents: one rejected intention holds only the commands that depend on it.

In a queue of 20, command 5 creates a customer whose code another user took
meanwhile, and commands 6 to 8 enter orders for that customer. 6 to 8 are
held, 9 to 20 go through, and 5 is listed with its reason until the user
fixes and resends it, or discards it with its dependents.
"""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from domain.commands.framework import CommandRejected
from domain.ids import new_id
from domain.models import Customer, SalesOrder
from server_stub.db import Database
from server_stub.tables import CommandLog
from sync.problems import list_problems
from tests.faults.world import Client, World, assert_oracle, clients, running_server, seed_world

USERS = {"mgr_a": "manager", "mgr_b": "manager"}


def _queue_with_poison(world: World, url: str, offline: Client, taker: Client) -> tuple[str, list[str], list[str]]:
    """Queue 20 commands on `offline`; command 5 creates a customer with the code `taker` takes first.

    Returns (customer id, order ids of commands 6-8, order ids of commands 1-4 and 9-20).
    """
    independent = [offline.create_order(world, "1")[0] for _ in range(4)]
    customer_id = new_id()
    create = offline.submit("customer.create", {"id": customer_id, "code": "C9", "name": "Lijiang Tea Co."})
    dependent = [
        offline.create_order(world, "1", customer_id=customer_id, depends_on=[create])[0] for _ in range(3)
    ]
    independent += [offline.create_order(world, "1")[0] for _ in range(12)]
    assert len(offline.submitted) == 20

    taker.submit("customer.create", {"id": new_id(), "code": "C9", "name": "Puer Trading"})
    assert taker.sync(url).push.acknowledged == 1
    return customer_id, dependent, independent


def _orders_on_server(database_url: str) -> set[str]:
    db = Database(database_url)
    try:
        with db.read() as session:
            return set(session.scalars(select(SalesOrder.id)))
    finally:
        db.dispose()


def test_poison_holds_only_dependents(database_url, tmp_path):
    world = seed_world(database_url, USERS)
    with running_server(database_url, tmp_path) as (_server, proxy), \
            clients(tmp_path, "mgr_a", "mgr_b") as (offline, taker):
        offline.sync(proxy.url)
        taker.sync(proxy.url)
        customer_id, dependent, independent = _queue_with_poison(world, proxy.url, offline, taker)
        mutations = list(offline.submitted)

        result = offline.sync(proxy.url)

        assert result.push.sent == 20
        assert result.push.acknowledged == 16
        assert result.push.rejected == 1
        assert result.push.held == 3
        db = Database(database_url)
        try:
            with db.read() as session:
                statuses = {row.mutation_id: row.status for row in session.scalars(select(CommandLog))}
        finally:
            db.dispose()
        assert statuses[mutations[4]] == "rejected"
        assert [statuses[m] for m in mutations[5:8]] == ["held"] * 3
        assert [statuses[m] for m in mutations[:4] + mutations[8:]] == ["applied"] * 16
        assert _orders_on_server(database_url) == set(independent)

        # The problem list shows 5 with its reason and 6-8 grouped under it.
        problems = list_problems(offline.replica)
        assert len(problems) == 1
        poison = problems[0]
        assert poison.mutation_id == mutations[4]
        assert poison.device_seq == 5
        assert poison.status == "rejected"
        assert poison.code == "duplicate_code"
        assert poison.params == {"table": "customer", "value": "C9"}
        assert [held.mutation_id for held in poison.dependents] == mutations[5:8]
        assert {held.code for held in poison.dependents} == {"depends_on_refused"}

        # The replica shows the server's state until the fix is sent.
        with offline.replica.session() as session:
            assert session.get(Customer, customer_id) is None
            assert set(session.scalars(select(SalesOrder.id))) == set(independent)

        # A resend that still fails locally raises and changes nothing.
        with pytest.raises(CommandRejected) as raised:
            offline.resend(poison.mutation_id, poison.payload)
        assert raised.value.code == "duplicate_code"
        assert list_problems(offline.replica) == problems
        assert offline.submitted == mutations

        # Fix the code and resend: 5 and its dependents get new numbers at the end of the queue.
        renamed = offline.resend(poison.mutation_id, dict(poison.payload, code="C10"))
        assert list(renamed) == mutations[4:8]
        outbox = offline.outbox()
        assert sorted(entry.device_seq for entry in outbox.values()) == [21, 22, 23, 24]
        new_create = renamed[mutations[4]]
        for old in mutations[5:8]:
            assert outbox[renamed[old]].depends_on == [new_create]
        assert list_problems(offline.replica) == []
        with offline.replica.session() as session:
            assert session.get(Customer, customer_id).code == "C10"
            assert session.scalar(select(func.count()).select_from(SalesOrder)) == 19

        result = offline.sync(proxy.url)

        assert result.push.acknowledged == 4
        assert offline.outbox() == {}
        assert _orders_on_server(database_url) == set(independent) | set(dependent)
        db = Database(database_url)
        try:
            with db.read() as session:
                assert session.get(Customer, customer_id).code == "C10"
                for order_id in dependent:
                    assert session.get(SalesOrder, order_id).customer_id == customer_id
        finally:
            db.dispose()
        taker.sync(proxy.url)
        assert_oracle(database_url, proxy.url, [offline, taker])


def test_poison_discard_drops_dependents(database_url, tmp_path):
    world = seed_world(database_url, USERS)
    with running_server(database_url, tmp_path) as (_server, proxy), \
            clients(tmp_path, "mgr_a", "mgr_b") as (offline, taker):
        offline.sync(proxy.url)
        taker.sync(proxy.url)
        customer_id, dependent, independent = _queue_with_poison(world, proxy.url, offline, taker)
        mutations = list(offline.submitted)
        offline.sync(proxy.url)

        removed = offline.discard(mutations[4])

        assert removed == mutations[4:8]
        assert offline.outbox() == {}
        assert list_problems(offline.replica) == []
        # Nothing was lost but what the user discarded: the next commands still go through.
        later = offline.create_order(world, "2")[0]
        result = offline.sync(proxy.url)
        assert result.push.acknowledged == 1
        assert _orders_on_server(database_url) == set(independent) | {later}
        taker.sync(proxy.url)
        assert_oracle(database_url, proxy.url, [offline, taker])
