"""customer.create / update / delete: duplicate codes, field merge with conflicts, soft delete."""

from __future__ import annotations

import pytest
from sqlalchemy import select

import domain.models as m
from domain.commands.framework import CommandRejected, InvalidPayload, NotAuthorized, OutOfScope
from tests.domain.conftest import ID, fixed_id


def create(world, code="C100", name="南京商贸", who="clerk", **fields):
    payload = {"id": fixed_id(f"customer:{code}"), "code": code, "name": name,
               "fields": {"department_id": ID["d1"], **fields}}
    return world.run("customer.create", payload, who=who)


def update(world, customer_id, fields, base, who="clerk"):
    return world.run("customer.update", {"id": customer_id, "fields": fields, "base": base}, who=who)


def test_create_customer_stores_fields(world):
    outcome = create(world, phone="025-1234567", credit_limit="5000.00", category_id=ID["cat"])
    customer = world.get(m.Customer, outcome.result["id"])
    assert customer.code == "C100"
    assert customer.phone == "025-1234567"
    assert str(customer.credit_limit) == "5000.00"
    assert customer.created_by == ID["clerk"]
    assert customer.field_authors["*"]["user_id"] == ID["clerk"]


def test_create_rejects_duplicate_code(world):
    with pytest.raises(CommandRejected) as err:
        create(world, code="C001")
    assert err.value.code == "duplicate_code"
    assert err.value.params["value"] == "C001"


def test_create_rejects_float_credit_limit(world):
    with pytest.raises(InvalidPayload):
        create(world, credit_limit=5000.5)


def test_create_outside_department_is_out_of_scope(world):
    payload = {"id": fixed_id("customer:x"), "code": "CX", "name": "外部", "fields": {"department_id": ID["d2"]}}
    with pytest.raises(OutOfScope):
        world.run("customer.create", payload, who="clerk")


def test_update_field_equal_to_base_applies_without_conflict(world):
    outcome = update(world, ID["cust"], {"phone": "021-9999999"}, {"phone": "021-5550001"})
    assert outcome.result["applied"] == ["phone"]
    assert outcome.result["conflicts"] == []
    assert world.get(m.Customer, ID["cust"]).phone == "021-9999999"
    assert world.session.execute(select(m.ConflictRecord)).first() is None


def test_update_both_changed_later_wins_and_keeps_conflict(any_world):
    world = any_world
    update(world, ID["cust"], {"name": "华联超市(浦东)"}, {"name": "上海华联超市"}, who="clerk")
    # clerk2 edited from the same base while offline; its command reaches the server second.
    second = update(world, ID["cust"], {"name": "华联超市总店", "phone": "021-5550011"},
                    {"name": "上海华联超市", "phone": "021-5550001"}, who="clerk2")

    customer = world.get(m.Customer, ID["cust"])
    assert customer.name == "华联超市总店"
    assert customer.phone == "021-5550011"
    assert second.result["conflicts"] == [
        {"field": "name", "losing_value": "华联超市(浦东)", "winning_value": "华联超市总店"}
    ]
    records = world.session.execute(select(m.ConflictRecord)).scalars().all()
    assert len(records) == 1
    record = records[0]
    assert record.record_table == "customer"
    assert record.record_id == ID["cust"]
    assert record.field == "name"
    assert record.base_value == "上海华联超市"
    assert record.losing_value == "华联超市(浦东)"
    assert record.winning_value == "华联超市总店"
    assert record.losing_user_id == ID["clerk"]
    assert record.winning_user_id == ID["clerk2"]
    assert record.losing_mutation_id is not None
    assert record.winning_mutation_id != record.losing_mutation_id
    assert record.occurred_at is not None


def test_update_conflict_names_losing_mutation(world):
    first_mutation = world.next_mutation()
    world.run("customer.update", {"id": ID["cust"], "fields": {"address": "A"}, "base": {"address": "上海市浦东新区1号"}},
              who="clerk", mutation_id=first_mutation)
    second_mutation = world.next_mutation()
    world.run("customer.update", {"id": ID["cust"], "fields": {"address": "B"}, "base": {"address": "上海市浦东新区1号"}},
              who="clerk2", mutation_id=second_mutation)
    record = world.session.execute(select(m.ConflictRecord)).scalar_one()
    assert record.losing_mutation_id == first_mutation
    assert record.winning_mutation_id == second_mutation


def test_update_same_value_no_conflict(world):
    update(world, ID["cust"], {"phone": "021-5550012"}, {"phone": "021-5550001"})
    outcome = update(world, ID["cust"], {"phone": "021-5550012"}, {"phone": "021-5550001"}, who="clerk2")
    assert outcome.result["conflicts"] == []
    assert world.session.execute(select(m.ConflictRecord)).first() is None


def test_update_decimal_field_compares_by_value(world):
    update(world, ID["cust"], {"credit_limit": "100.00"}, {"credit_limit": None})
    outcome = update(world, ID["cust"], {"credit_limit": "200.00"}, {"credit_limit": "100"})
    assert outcome.result["conflicts"] == []
    assert str(world.get(m.Customer, ID["cust"]).credit_limit) == "200.00"


def test_update_deleted_customer_rejected(world):
    world.run("customer.delete", {"id": ID["cust"]}, who="manager")
    with pytest.raises(CommandRejected) as err:
        update(world, ID["cust"], {"phone": "1"}, {"phone": "021-5550001"})
    assert err.value.code == "record_deleted"
    assert err.value.params["table"] == "customer"
    assert err.value.params["id"] == ID["cust"]


def test_delete_is_soft(world):
    world.run("customer.delete", {"id": ID["cust"]}, who="manager")
    customer = world.get(m.Customer, ID["cust"])
    assert customer is not None
    assert customer.deleted_at is not None


def test_delete_needs_manager(world):
    with pytest.raises(NotAuthorized):
        world.run("customer.delete", {"id": ID["cust"]}, who="clerk")


def test_update_rejects_duplicate_code(world):
    with pytest.raises(CommandRejected) as err:
        update(world, ID["cust"], {"code": "C002"}, {"code": "C001"})
    assert err.value.code == "duplicate_code"
