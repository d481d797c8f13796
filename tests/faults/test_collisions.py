"""Collisions: two offline clients create the same new customer, each with an order.

The server keeps both customers, each with its own order, and opens a
duplicate task with a flag for a manager, because moving an order to
another customer is a decision for a person. No order is lost.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select

from domain.commands.framework import CommandRejected
from domain.ids import new_id
from domain.models import Customer, DuplicateTask, Flag, SalesOrder
from server_stub.db import Database
from server_stub.tables import CommandLog
from tests.faults.world import Client, World, assert_oracle, clients, running_server, seed_world

USERS = {"clerk_a": "clerk", "clerk_b": "clerk", "mgr": "manager"}
USCC = "91110000600037341L"


def _create_with_order(client: Client, world: World, code: str, name: str, **fields: str) -> tuple[str, str]:
    """Queue customer.create and an order for it that depends on the create; return (customer id, order id)."""
    customer_id = new_id()
    create = client.submit("customer.create", {
        "id": customer_id, "code": code, "name": name, "fields": {"department_id": world.department_id, **fields},
    })
    order_id = client.create_order(world, "1", customer_id=customer_id, depends_on=[create])[0]
    return customer_id, order_id


def _collide(database_url: str, tmp_path, first_fields: dict, second_fields: dict, match_field: str, match_value: str):
    world = seed_world(database_url, USERS)
    with running_server(database_url, tmp_path) as (_server, proxy), \
            clients(tmp_path, "clerk_a", "clerk_b", "mgr") as (clerk_a, clerk_b, manager):
        for client in (clerk_a, clerk_b, manager):
            client.sync(proxy.url)

        first_id, first_order = _create_with_order(clerk_a, world, "C100", "Lijiang Tea Co.", **first_fields)
        second_id, second_order = _create_with_order(clerk_b, world, "C101", "丽江茶业有限公司", **second_fields)
        create_b = clerk_b.submitted[0]

        assert clerk_a.sync(proxy.url).push.acknowledged == 2
        second = clerk_b.sync(proxy.url)

        # The second create is accepted with a flag, and its order follows it.
        assert second.push.acknowledged == 2
        assert second.push.rejected == 0
        assert second.push.held == 0
        db = Database(database_url)
        try:
            with db.read() as session:
                assert session.get(CommandLog, create_b).status == "applied_with_flags"
                assert session.get(CommandLog, create_b).response["result"]["possible_duplicates"] == [
                    {"id": first_id, "code": "C100", "match_field": match_field},
                ]
                assert session.get(Customer, first_id).deleted_at is None
                assert session.get(Customer, second_id).deleted_at is None
                assert session.get(SalesOrder, first_order).customer_id == first_id
                assert session.get(SalesOrder, second_order).customer_id == second_id

                task = session.execute(select(DuplicateTask)).scalar_one()
                assert task.record_table == "customer"
                assert task.record_id == second_id
                assert task.other_record_id == first_id
                assert task.match_field == match_field
                assert task.match_value == match_value
                assert task.status == "open"
                assert task.department_id == world.department_id
                assert task.mutation_id == create_b

                flag = session.execute(select(Flag).where(Flag.code == "possible_duplicate")).scalar_one()
                assert flag.record_table == "customer"
                assert flag.record_id == second_id
                assert flag.department_id == world.department_id
                assert flag.params == {
                    "customer_code": "C101", "name": "丽江茶业有限公司",
                    "other_id": first_id, "other_code": "C100", "other_name": "Lijiang Tea Co.",
                    "match_field": match_field, "match_value": match_value,
                }
        finally:
            db.dispose()

        # A manager sees the task and the flag after a sync.
        manager.sync(proxy.url)
        with manager.replica.session() as session:
            assert session.execute(select(DuplicateTask.record_id)).scalar_one() == second_id
            assert session.execute(select(Flag.record_id).where(Flag.code == "possible_duplicate")).scalar_one() == second_id

        clerk_a.sync(proxy.url)
        assert_oracle(database_url, proxy.url, [clerk_a, clerk_b, manager])


def test_same_phone_keeps_both_orders(database_url, tmp_path):
    _collide(database_url, tmp_path, {"phone": "139 1234 5678"}, {"phone": "+86 139-1234-5678"},
             "phone", "13912345678")


def test_same_uscc_keeps_both_orders(database_url, tmp_path):
    # The second clerk typed the check letter in lower case; the server stores the compact upper-case form.
    _collide(database_url, tmp_path, {"uscc": USCC, "phone": "0871-6512 3456"},
             {"uscc": USCC.lower(), "phone": "0871-6600 1122"}, "uscc", USCC)


def test_invalid_uscc_rejected_locally(database_url, tmp_path):
    world = seed_world(database_url, USERS)
    with running_server(database_url, tmp_path) as (_server, proxy), clients(tmp_path, "clerk_a") as (clerk,):
        clerk.sync(proxy.url)
        # The last character is a check digit; changing it makes the code invalid.
        with pytest.raises(CommandRejected) as raised:
            _create_with_order(clerk, world, "C100", "Lijiang Tea Co.", uscc=USCC[:-1] + "X")
        assert raised.value.code == "invalid_uscc"
        assert raised.value.params == {"field": "uscc", "value": USCC[:-1] + "X"}
        assert clerk.outbox() == {}
        assert_oracle(database_url, proxy.url, [clerk])
