"""flag.resolve: a manager closes a flag with a note; other roles, other departments and a second resolve are rejected."""

from __future__ import annotations

import pytest

import domain.models as m
from domain.commands.framework import CommandRejected, InvalidPayload, NotAuthorized, OutOfScope
from tests.domain.conftest import ID, NOW, fixed_id


def add_flag(world, name: str = "f1", department: str = "d1") -> str:
    flag_id = fixed_id(f"flag:{name}")
    world.session.add(m.Flag(
        id=flag_id, code="negative_stock", params={"product_code": "P1", "on_hand": "-5"},
        record_table="delivery_note", record_id=fixed_id(f"delivery:{name}"), document_number="DN-A1-20261204-0002",
        department_id=ID[department], raised_at=NOW, status="open", version=1, change_seq=1,
    ))
    world.session.commit()
    return flag_id


def test_manager_resolves_flag_with_note(any_world):
    flag_id = add_flag(any_world)
    outcome = any_world.run("flag.resolve", {"id": flag_id, "note": "Counted: 5 were on the shelf"}, who="manager")
    assert outcome.result == {"id": flag_id, "status": "resolved"}
    flag = any_world.get(m.Flag, flag_id)
    assert flag.status == "resolved"
    assert flag.resolved_by == ID["manager"]
    assert flag.resolved_at is not None
    assert flag.resolution_note == "Counted: 5 were on the shelf"


def test_resolve_twice_keeps_first_note(world):
    flag_id = add_flag(world)
    world.run("flag.resolve", {"id": flag_id, "note": "first"}, who="manager")
    with pytest.raises(CommandRejected) as err:
        world.run("flag.resolve", {"id": flag_id, "note": "second"}, who="admin")
    assert err.value.code == "flag_already_resolved"
    assert err.value.params["document_number"] == "DN-A1-20261204-0002"
    assert world.get(m.Flag, flag_id).resolution_note == "first"


def test_clerk_may_not_resolve(world):
    flag_id = add_flag(world)
    with pytest.raises(NotAuthorized):
        world.run("flag.resolve", {"id": flag_id, "note": "done"}, who="clerk")
    assert world.get(m.Flag, flag_id).status == "open"


def test_manager_of_other_department_out_of_scope(world):
    flag_id = add_flag(world, "f2", department="d2")
    with pytest.raises(OutOfScope):
        world.run("flag.resolve", {"id": flag_id, "note": "done"}, who="manager")


@pytest.mark.parametrize("payload", [
    {"note": "done"},
    {"id": fixed_id("flag:missing"), "note": "done"},
])
def test_resolve_invalid_payload(world, payload):
    add_flag(world)
    with pytest.raises(InvalidPayload):
        world.run("flag.resolve", payload, who="manager")


@pytest.mark.parametrize("note", ["", "   "])
def test_resolve_needs_note(world, note):
    flag_id = add_flag(world)
    with pytest.raises(InvalidPayload):
        world.run("flag.resolve", {"id": flag_id, "note": note}, who="manager")
    assert world.get(m.Flag, flag_id).status == "open"
