"""Administration commands: departments, users, warehouses, role permissions and role profiles."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import select

import domain.models as m
from domain.commands.framework import CommandRejected, InvalidPayload, NotAuthorized
from domain.ids import derived_id, key_id
from domain.org_scope import WAREHOUSE_MOVED
from domain.permissions import allowed_commands, may_run, role_sees_cost
from tests.domain.conftest import ID, NOW, fixed_id
from tests.domain.payloads import payment_payload


def scope_versions(world) -> dict[str, int]:
    world.session.expire_all()
    return {user.username: user.scope_version for user in world.session.scalars(select(m.User))}


def rejected(world, name, payload, who="admin") -> CommandRejected:
    with pytest.raises(CommandRejected) as caught:
        world.run(name, payload, who=who)
    return caught.value


# ---------------------------------------------------------------------------
# Departments


def test_department_create_with_parent(world):
    world.run("department.create", {"id": fixed_id("d3"), "code": "D3", "name": "昆明办事处",
                                    "fields": {"parent_id": ID["d1"]}})
    department = world.get(m.Department, fixed_id("d3"))
    assert department.code == "D3"
    assert department.parent_id == ID["d1"]
    assert department.active is True


def test_department_duplicate_code(world):
    error = rejected(world, "department.create", {"id": fixed_id("d3"), "code": "D1", "name": "x"})
    assert error.code == "duplicate_code"
    assert error.params == {"table": "department", "value": "D1"}


def test_department_parent_cycle(world):
    world.run("department.create", {"id": fixed_id("d3"), "code": "D3", "name": "child",
                                    "fields": {"parent_id": ID["d1"]}})
    error = rejected(world, "department.update", {"id": ID["d1"], "fields": {"parent_id": fixed_id("d3")}})
    assert error.code == "department_cycle"
    assert error.params == {"department_code": "D1"}
    self_parent = rejected(world, "department.update", {"id": ID["d1"], "fields": {"parent_id": ID["d1"]}})
    assert self_parent.code == "department_cycle"


def test_department_deactivate_in_use(world):
    error = rejected(world, "department.update", {"id": ID["d2"], "fields": {"active": False}})
    assert error.code == "department_in_use"
    assert error.params == {"department_code": "D2", "users": 1, "warehouses": 1}


def test_department_deactivate_empty(world):
    world.run("department.create", {"id": fixed_id("d3"), "code": "D3", "name": "empty"})
    result = world.run("department.update", {"id": fixed_id("d3"), "fields": {"active": False, "name": "closed"}})
    assert result.result["applied"] == ["active", "name"]
    department = world.get(m.Department, fixed_id("d3"))
    assert department.active is False
    assert department.name == "closed"
    error = rejected(world, "warehouse.create", {"id": fixed_id("w3"), "code": "W3", "name": "x",
                                                 "department_id": fixed_id("d3")})
    assert error.code == "department_inactive"


def test_department_new_parent_raises_scope_versions(world):
    before = scope_versions(world)
    # D2 moves under D1: users of D1 gain D2's warehouses, users of D2 keep their own subtree.
    world.run("department.update", {"id": ID["d2"], "fields": {"parent_id": ID["d1"]}})
    after = scope_versions(world)
    for name in ("clerk", "clerk2", "keeper", "finance", "manager"):
        assert after[name] == before[name] + 1, name
    assert after["keeper_other"] == before["keeper_other"]
    assert after["admin"] == before["admin"]


def test_department_name_change_keeps_scope(world):
    before = scope_versions(world)
    world.run("department.update", {"id": ID["d1"], "fields": {"name": "华东大区"}})
    assert scope_versions(world) == before


# ---------------------------------------------------------------------------
# Users


def new_user(**changes):
    payload = {"id": fixed_id("u_new"), "username": "lily", "display_name": "李丽", "role": "clerk",
               "department_id": ID["d2"], "fields": {"phone": "13912345678"}}
    payload.update(changes)
    return payload


def test_user_create(world):
    world.run("user.create", new_user())
    user = world.get(m.User, fixed_id("u_new"))
    assert (user.username, user.role, user.department_id) == ("lily", "clerk", ID["d2"])
    assert user.phone == "13912345678"
    assert user.scope_version == 1
    assert user.active is True


def test_user_create_rejections(world):
    assert rejected(world, "user.create", new_user(username="clerk")).code == "duplicate_username"
    assert rejected(world, "user.create", new_user(role="boss")).params == {"role": "boss"}
    missing = rejected(world, "user.create", new_user(department_id=None))
    assert missing.code == "department_required"
    assert rejected(world, "user.create", new_user(fields={"phone": "12345"})).code == "invalid_phone"
    with pytest.raises(InvalidPayload):
        world.run("user.create", new_user(department_id=fixed_id("nowhere")))


def test_user_admin_without_department(world):
    world.run("user.create", new_user(role="admin", department_id=None))
    assert world.get(m.User, fixed_id("u_new")).department_id is None


def test_user_role_change_raises_scope_version(world):
    before = scope_versions(world)
    world.run("user.update", {"id": ID["clerk"], "fields": {"role": "manager"}})
    world.run("user.update", {"id": ID["keeper"], "fields": {"department_id": ID["d2"]}})
    world.run("user.update", {"id": ID["finance"], "fields": {"display_name": "财务小王", "phone": "021-55500002"}})
    after = scope_versions(world)
    assert after["clerk"] == before["clerk"] + 1
    assert after["keeper"] == before["keeper"] + 1
    assert after["finance"] == before["finance"]
    assert world.get(m.User, ID["clerk"]).role == "manager"
    assert world.get(m.User, ID["finance"]).display_name == "财务小王"


def test_user_demote_to_role_needing_department(world):
    error = rejected(world, "user.update", {"id": ID["admin"], "fields": {"role": "clerk"}})
    # The department check comes first: this admin has none.
    assert error.code == "department_required"


def test_last_admin_guard(world):
    demote = rejected(world, "user.update", {"id": ID["admin"], "fields": {"role": "manager", "department_id": ID["d1"]}})
    assert demote.code == "last_admin"
    assert demote.params == {"username": "admin"}
    deactivate = rejected(world, "user.update", {"id": ID["admin"], "fields": {"active": False}})
    assert deactivate.code == "last_admin"

    world.run("user.update", {"id": ID["manager"], "fields": {"role": "admin"}})
    world.run("user.update", {"id": ID["admin"], "fields": {"active": False}})
    assert world.get(m.User, ID["admin"]).active is False
    last = rejected(world, "user.update", {"id": ID["manager"], "fields": {"role": "clerk"}})
    assert last.code == "last_admin"


def test_clerk_may_not_run_admin_commands(world):
    for name, payload in (
        ("user.create", new_user()),
        ("department.create", {"id": fixed_id("d3"), "code": "D3", "name": "x"}),
        ("role_permission.set", {"role": "clerk", "command": "customer.create", "allowed": True}),
        ("role_profile.update", {"role": "clerk", "fields": {"sees_cost": True}}),
    ):
        with pytest.raises(NotAuthorized):
            world.run(name, payload, who="clerk")


# ---------------------------------------------------------------------------
# Warehouses


def test_warehouse_create(world):
    world.run("warehouse.create", {"id": fixed_id("w3"), "code": "W3", "name": "昆明仓", "department_id": ID["d2"],
                                   "fields": {"address": "  昆明市  "}})
    warehouse = world.get(m.Warehouse, fixed_id("w3"))
    assert warehouse.negative_stock_policy == "block"
    assert warehouse.address == "昆明市"
    assert warehouse.department_id == ID["d2"]


def test_warehouse_duplicate_code(world):
    error = rejected(world, "warehouse.create", {"id": fixed_id("w3"), "code": "WB", "name": "x",
                                                 "department_id": ID["d2"]})
    assert error.params == {"table": "warehouse", "value": "WB"}


def test_warehouse_update_fields(world):
    result = world.run("warehouse.update", {"id": ID["w_warn"], "fields": {"negative_stock_policy": "allow",
                                                                          "active": False}})
    assert result.result["applied"] == ["active", "negative_stock_policy"]
    with pytest.raises(InvalidPayload):
        world.run("warehouse.update", {"id": ID["w_warn"], "fields": {"negative_stock_policy": "sometimes"}})


def test_warehouse_department_change_moves_it(world):
    before = scope_versions(world)
    mutation_id = world.next_mutation()
    outcome = world.run("warehouse.update", {"id": ID["w_allow"], "fields": {"department_id": ID["d2"]}},
                        mutation_id=mutation_id)
    after = scope_versions(world)
    for name in ("clerk", "clerk2", "keeper", "finance", "manager", "keeper_other"):
        assert after[name] == before[name] + 1, name
    assert after["admin"] == before["admin"]
    assert world.get(m.Warehouse, ID["w_allow"]).department_id == ID["d2"]
    flag = world.session.scalars(select(m.Flag).where(m.Flag.code == WAREHOUSE_MOVED)).one()
    assert flag.record_id == ID["w_allow"]
    assert flag.department_id == ID["d1"]
    assert flag.params["to_department"] == "D2"
    # Derived from the mutation, so the client's optimistic run and the server's make the same flag.
    assert flag.id == derived_id(mutation_id, "warehouse_moved")
    assert outcome.result["applied"] == ["department_id"]


# ---------------------------------------------------------------------------
# Role permissions


def test_role_permission_one_row_per_pair(world):
    world.run("role_permission.set", {"role": "clerk", "command": "customer.create", "allowed": False})
    world.run("role_permission.set", {"role": "clerk", "command": "customer.create", "allowed": True})
    world.run("role_permission.set", {"role": "clerk", "command": "customer.create", "allowed": False})
    rows = world.session.scalars(select(m.RolePermission)).all()
    assert len(rows) == 1
    assert rows[0].id == key_id("role_permission", "clerk:customer.create")
    assert rows[0].allowed is False


def test_role_permission_rejections(world):
    assert rejected(world, "role_permission.set",
                    {"role": "clerk", "command": "customer.fly", "allowed": True}).code == "unknown_command_name"
    assert rejected(world, "role_permission.set",
                    {"role": "boss", "command": "customer.create", "allowed": True}).code == "unknown_role"
    for name in ("user.create", "user.update", "role_permission.set", "role_profile.update"):
        error = rejected(world, "role_permission.set", {"role": "admin", "command": name, "allowed": False})
        assert error.code == "admin_command_locked"
        assert error.params == {"command": name}
    # Other admin commands may be taken away, and admin commands may be given to other roles.
    world.run("role_permission.set", {"role": "admin", "command": "warehouse.create", "allowed": False})
    world.run("role_permission.set", {"role": "manager", "command": "user.update", "allowed": True})
    assert may_run(world.session, "admin", "warehouse.create") is False
    assert may_run(world.session, "manager", "user.update") is True


def test_role_permission_rejects_clerk(world):
    assert may_run(world.session, "clerk", "customer.create") is True
    world.run("role_permission.set", {"role": "clerk", "command": "customer.create", "allowed": False})
    assert may_run(world.session, "clerk", "customer.create") is False
    with pytest.raises(NotAuthorized) as caught:
        world.run("customer.create", {"id": fixed_id("c_new"), "code": "C900", "name": "新客户",
                                      "fields": {"department_id": ID["d1"]}}, who="clerk")
    assert caught.value.params == {"command": "customer.create", "role": "clerk"}
    assert "customer.create" not in allowed_commands(world.session, "clerk")
    assert "customer.create" in allowed_commands(world.session, "manager")


def test_role_permission_allows_clerk_payment(world):
    with pytest.raises(NotAuthorized):
        world.run("payment.record", payment_payload("P1", "100.00"), who="clerk")
    world.run("role_permission.set", {"role": "clerk", "command": "payment.record", "allowed": True})
    world.run("payment.record", payment_payload("P1", "100.00"), who="clerk")
    assert world.get(m.PaymentReceived, fixed_id("payment:P1")).amount == Decimal("100.00")


def test_admin_keeps_admin_commands_without_rows(world):
    # A row taking an admin command from admin cannot be written by a command, but a
    # row that arrives some other way still does not lock the administrators out.
    world.session.add(m.RolePermission(id=key_id("role_permission", "admin:user.update"), role="admin",
                                       command="user.update", allowed=False))
    world.session.commit()
    assert may_run(world.session, "admin", "user.update") is True


# ---------------------------------------------------------------------------
# Role profiles


def test_role_profile_sees_cost_raises_scope_versions(world):
    before = scope_versions(world)
    assert role_sees_cost(world.session, "clerk") is False
    world.run("role_profile.update", {"role": "clerk", "fields": {"sees_cost": True}})
    assert role_sees_cost(world.session, "clerk") is True
    after = scope_versions(world)
    assert after["clerk"] == before["clerk"] + 1
    assert after["clerk2"] == before["clerk2"] + 1
    assert after["keeper"] == before["keeper"]
    profile = world.session.scalars(select(m.RoleProfile)).one()
    assert profile.id == key_id("role_profile", "clerk")


def test_role_profile_discount_keeps_default_cost(world):
    before = scope_versions(world)
    world.run("role_profile.update", {"role": "finance", "fields": {"discount_limit": "0.15"}})
    assert role_sees_cost(world.session, "finance") is True
    assert scope_versions(world) == before
    profile = world.session.scalars(select(m.RoleProfile)).one()
    assert profile.discount_limit == Decimal("0.15")


def test_role_profile_rejections(world):
    too_big = rejected(world, "role_profile.update", {"role": "clerk", "fields": {"discount_limit": "1.5"}})
    assert too_big.code == "value_out_of_range"
    places = rejected(world, "role_profile.update", {"role": "clerk", "fields": {"discount_limit": "0.12345"}})
    assert places.code == "too_many_decimal_places"
    assert rejected(world, "role_profile.update", {"role": "boss", "fields": {"sees_cost": True}}).code == "unknown_role"
    assert rejected(world, "role_profile.update", {"role": "clerk", "fields": {"sees_cost": None}}).code == "required_field"


def test_create_existing_id_rejected(world):
    cases = (
        ("department.create", {"id": ID["d1"], "code": "D9", "name": "x"}, "department"),
        ("warehouse.create", {"id": ID["w_block"], "code": "W9", "name": "x", "department_id": ID["d1"]}, "warehouse"),
        ("user.create", new_user(id=ID["clerk"], username="other"), "app_user"),
    )
    for name, payload, table in cases:
        error = rejected(world, name, payload)
        assert error.code == "record_exists", name
        assert error.params["table"] == table


def test_update_deleted_record_rejected(world):
    for model, row_id in ((m.Department, ID["d2"]), (m.Warehouse, ID["w_other"]), (m.User, ID["keeper_other"])):
        world.session.get(model, row_id).deleted_at = NOW
    world.session.commit()
    for name, row_id in (("department.update", ID["d2"]), ("warehouse.update", ID["w_other"]),
                         ("user.update", ID["keeper_other"])):
        error = rejected(world, name, {"id": row_id, "fields": {"active": False}})
        assert error.code == "record_deleted", name
