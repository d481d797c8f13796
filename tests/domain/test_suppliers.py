"""supplier.create / update and supplier contacts: roles, validation, mnemonic default, field merge, duplicates."""

from __future__ import annotations

import pytest
from sqlalchemy import select

import domain.models as m
from domain.commands.framework import CommandRejected, NotAuthorized
from domain.customer_checks import find_duplicate_suppliers
from tests.domain.conftest import ID, fixed_id

VALID_USCC = "91350100M000100Y43"


def create(world, code="S100", name="重庆调味品厂", who="keeper", **fields):
    payload = {"id": fixed_id(f"supplier:{code}"), "code": code, "name": name, "fields": fields}
    return world.run("supplier.create", payload, who=who)


def update(world, supplier_id, fields, base=None, who="keeper"):
    return world.run("supplier.update", {"id": supplier_id, "fields": fields, "base": base or {}}, who=who)


def rejected(call) -> CommandRejected:
    with pytest.raises(CommandRejected) as err:
        call()
    return err.value


def test_create_defaults_mnemonic_to_initials(world):
    outcome = create(world, phone="023-61234567")
    supplier = world.get(m.Supplier, outcome.result["id"])
    assert supplier.mnemonic == "CQTWPC"
    assert supplier.phone == "023-61234567"
    assert supplier.created_by == ID["keeper"]


def test_create_keeps_typed_mnemonic(world):
    outcome = create(world, mnemonic="TWP")
    assert world.get(m.Supplier, outcome.result["id"]).mnemonic == "TWP"


@pytest.mark.parametrize("who", ["keeper", "manager", "admin"])
def test_purchasing_roles_create_suppliers(world, who):
    assert create(world, code=f"S-{who}", who=who).result["id"] == fixed_id(f"supplier:S-{who}")


@pytest.mark.parametrize("who", ["clerk", "finance"])
def test_other_roles_may_not_create(world, who):
    with pytest.raises(NotAuthorized):
        create(world, who=who)


def test_create_rejects_duplicate_code(world):
    error = rejected(lambda: create(world, code="S001"))
    assert error.code == "duplicate_code"
    assert error.params == {"table": "supplier", "value": "S001"}


@pytest.mark.parametrize(("field", "value", "code"), [
    ("uscc", "91350100M000100Y44", "invalid_uscc"),
    ("phone", "12345", "invalid_supplier_phone"),
])
def test_create_names_invalid_field(world, field, value, code):
    error = rejected(lambda: create(world, **{field: value}))
    assert error.code == code
    assert error.params["field"] == field


@pytest.mark.parametrize(("typed", "stored"), [
    ("+81 3 3555 5011", "+81 3 3555 5011"),
    ("+81 (3) 3555-5011", "+81 3 3555 5011"),
    ("＋１ ５０３ ５５５ ９９３１", "+1 503 555 9931"),
    ("+86 139 1234 5678", "13912345678"),
    ("0871-65123456", "0871-65123456"),
])
def test_create_accepts_phone_abroad(world, typed, stored):
    outcome = create(world, phone=typed)
    assert world.get(m.Supplier, outcome.result["id"]).phone == stored


@pytest.mark.parametrize("typed", [
    "(03) 3555-5011",
    "12345678",
    "+81 3",
    "+0 3 3555 5011",
    "+81 3 3555 5011 0000 0000",
    "+81 3 3555 abcd",
])
def test_create_rejects_invalid_supplier_phone(world, typed):
    error = rejected(lambda: create(world, phone=typed))
    assert error.code == "invalid_supplier_phone"
    assert error.params == {"field": "phone", "value": typed}


def test_update_phone_abroad_base_compares_stored(any_world):
    world = any_world
    update(world, ID["supplier"], {"phone": "+81 3 3555 5011"}, {"phone": None})
    outcome = update(world, ID["supplier"], {"phone": "+81 3 3555 5012"}, {"phone": "+81-3-3555-5011"})
    assert outcome.result["conflicts"] == []
    assert world.get(m.Supplier, ID["supplier"]).phone == "+81 3 3555 5012"


def test_blank_name_is_required_field(world):
    error = rejected(lambda: update(world, ID["supplier"], {"name": "  "}))
    assert error.code == "required_field"
    assert error.params == {"table": "supplier", "field": "name"}


def test_update_equal_to_base_applies_without_conflict(any_world):
    world = any_world
    outcome = update(world, ID["supplier"], {"name": "义乌日用品总厂"}, {"name": "义乌日用品厂"})
    assert outcome.result["applied"] == ["name"]
    assert outcome.result["conflicts"] == []
    assert world.get(m.Supplier, ID["supplier"]).name == "义乌日用品总厂"
    assert world.session.execute(select(m.ConflictRecord)).first() is None


def test_update_concurrent_change_keeps_conflict(any_world):
    world = any_world
    update(world, ID["supplier"], {"phone": "0579-85551234"}, {"phone": None}, who="manager")
    outcome = update(world, ID["supplier"], {"phone": "0579-85559999", "address": "义乌市"}, {"phone": None})
    assert outcome.result["applied"] == ["address", "phone"]
    assert outcome.result["conflicts"] == [
        {"field": "phone", "losing_value": "0579-85551234", "winning_value": "0579-85559999"}
    ]
    conflict = world.session.execute(select(m.ConflictRecord)).scalar_one()
    assert (conflict.record_table, conflict.field) == ("supplier", "phone")
    assert world.get(m.Supplier, ID["supplier"]).phone == "0579-85559999"


def test_update_rejects_code_of_other_supplier(world):
    create(world)
    error = rejected(lambda: update(world, ID["supplier"], {"code": "S100"}))
    assert error.code == "duplicate_code"


def contact(world, label, who="keeper", **fields):
    payload = {"id": fixed_id(f"scontact:{label}"), "supplier_id": ID["supplier"], "name": label, "fields": fields}
    return world.run("supplier_contact.create", payload, who=who)


def test_contacts_create_update_delete(any_world):
    world = any_world
    contact(world, "王经理", mobile="139 1234 5678", is_primary=True)
    contact(world, "李会计", phone="0579-85551111")
    world.run("supplier_contact.update", {"id": fixed_id("scontact:李会计"), "fields": {"is_primary": True}},
              who="keeper")
    first = world.get(m.SupplierContact, fixed_id("scontact:王经理"))
    second = world.get(m.SupplierContact, fixed_id("scontact:李会计"))
    assert first.mobile == "13912345678"
    assert (first.is_primary, second.is_primary) == (False, True)

    world.run("supplier_contact.delete", {"id": second.id}, who="keeper")
    assert world.get(m.SupplierContact, second.id).deleted_at is not None
    error = rejected(lambda: world.run("supplier_contact.delete", {"id": second.id}, who="keeper"))
    assert error.code == "record_deleted"


def test_contact_landline_in_mobile_is_rejected(world):
    error = rejected(lambda: contact(world, "赵", mobile="0579-85551111"))
    assert error.code == "invalid_contact_mobile"
    assert error.params["field"] == "mobile"


def test_contact_abroad_accepted_like_supplier_phone(world):
    contact(world, "Tanaka", phone="+81 (3) 3555-5011", mobile="+81 90 1234 5678")
    stored = world.get(m.SupplierContact, fixed_id("scontact:Tanaka"))
    assert stored.phone == "+81 3 3555 5011"
    assert stored.mobile == "+81 90 1234 5678"


def test_clerk_may_not_add_supplier_contact(world):
    with pytest.raises(NotAuthorized):
        contact(world, "钱", who="clerk")


def test_duplicate_check_finds_suppliers(any_world):
    world = any_world
    create(world, code="S200", name="重庆调味品有限公司", uscc=VALID_USCC)
    contact(world, "孙", mobile="13812345678")

    by_uscc = find_duplicate_suppliers(world.session, uscc=VALID_USCC.lower())
    assert [(match.code, match.reason) for match in by_uscc] == [("S200", "uscc")]
    by_phone = find_duplicate_suppliers(world.session, phones=["+86 138 1234 5678"])
    assert [(match.supplier_id, match.reason) for match in by_phone] == [(ID["supplier"], "phone")]
    by_name = find_duplicate_suppliers(world.session, name="重庆调味品公司")
    assert [match.code for match in by_name] == ["S200"]
    assert find_duplicate_suppliers(world.session, name="重庆调味品公司", exclude_id=fixed_id("supplier:S200")) == []
