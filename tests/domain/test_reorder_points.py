"""reorder_point.set: warehouse keepers set the level under which the low-stock list suggests a purchase."""

from __future__ import annotations

from decimal import Decimal

import pytest

import domain.models as m
from domain.commands.framework import CommandRejected, InvalidPayload, NotAuthorized, OutOfScope
from domain.ids import key_id
from tests.domain.conftest import ID


def payload(**changes) -> dict:
    values = {"product_id": ID["p1"], "warehouse_id": ID["w_block"], "reorder_point": "20",
              "reorder_quantity": "50", "max_quantity": None}
    values.update(changes)
    return values


def test_set_then_change_one_row(world):
    first = world.run("reorder_point.set", payload(), who="keeper").result
    row_id = key_id("reorder_point", ID["p1"], ID["w_block"])
    assert first["id"] == row_id
    world.run("reorder_point.set", payload(reorder_point="35.5", reorder_quantity=None, max_quantity="120"),
              who="keeper")
    row = world.get(m.ReorderPoint, row_id)
    assert (row.reorder_point, row.reorder_quantity, row.max_quantity) == (Decimal("35.5"), None, Decimal(120))
    assert world.session.query(m.ReorderPoint).count() == 1


def test_zero_turns_suggestion_off(world):
    world.run("reorder_point.set", payload(reorder_point="0", reorder_quantity=None), who="manager")
    assert world.get(m.ReorderPoint, key_id("reorder_point", ID["p1"], ID["w_block"])).reorder_point == 0


def test_max_below_point_rejected(world):
    with pytest.raises(CommandRejected) as raised:
        world.run("reorder_point.set", payload(max_quantity="10"), who="keeper")
    assert raised.value.code == "max_below_reorder_point"
    assert raised.value.params == {"product_code": "P001", "max_quantity": "10", "reorder_point": "20"}


@pytest.mark.parametrize("field, value", [("reorder_point", "-1"), ("reorder_quantity", "0"),
                                          ("reorder_point", "1.2345"), ("reorder_point", 2.5)])
def test_invalid_quantities(world, field, value):
    with pytest.raises(InvalidPayload):
        world.run("reorder_point.set", payload(**{field: value}), who="keeper")


def test_roles_and_scope(world):
    with pytest.raises(NotAuthorized):
        world.run("reorder_point.set", payload(), who="clerk")
    with pytest.raises(OutOfScope):
        world.run("reorder_point.set", payload(), who="keeper_other")
