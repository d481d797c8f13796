"""company_setting.set: administrators set the order-rule settings; values are checked."""

from __future__ import annotations

import pytest

import domain.models as m
from domain.commands.framework import CommandRejected, NotAuthorized
from domain.company_settings import read_company_settings
from domain.ids import key_id


def rejected(world, key, value):
    with pytest.raises(CommandRejected) as err:
        world.run("company_setting.set", {"key": key, "value": value})
    return err.value


def test_set_and_remove_discount_limit(any_world):
    world = any_world
    result = world.run("company_setting.set", {"key": "max_discount_percent", "value": "0.15"}).result
    assert result == {"id": key_id("company_setting", "max_discount_percent"), "key": "max_discount_percent",
                      "value": "0.15"}
    assert world.get(m.CompanySetting, result["id"]).value == "0.15"
    assert read_company_settings(world.session) == {"max_discount_percent": "0.15"}

    world.run("company_setting.set", {"key": "max_discount_percent", "value": None})
    assert read_company_settings(world.session) == {"max_discount_percent": None}


def test_set_credit_check(world):
    world.run("company_setting.set", {"key": "credit_check", "value": "warn"})
    assert read_company_settings(world.session) == {"credit_check": "warn"}


@pytest.mark.parametrize("value, code", [
    ("1.5", "value_out_of_range"),
    ("-0.1", "value_out_of_range"),
    ("0.12345", "too_many_decimal_places"),
    ("二成", "invalid_number"),
])
def test_invalid_discount_limit(world, value, code):
    error = rejected(world, "max_discount_percent", value)
    assert error.code == code
    assert error.params["field"] == "max_discount_percent"
    assert error.params["value"] == value
    assert read_company_settings(world.session) == {}


def test_invalid_credit_mode(world):
    error = rejected(world, "credit_check", "strict")
    assert error.code == "invalid_choice"
    assert error.params == {"field": "credit_check", "value": "strict", "choices": "approval, warn, off"}


def test_company_name_trimmed(world):
    world.run("company_setting.set", {"key": "company_name", "value": "  云岭茶业有限公司 "})
    assert read_company_settings(world.session) == {"company_name": "云岭茶业有限公司"}


def test_blank_company_name_rejected(world):
    assert rejected(world, "company_name", "   ").code == "company_name_blank"
    assert read_company_settings(world.session) == {}


def test_unknown_or_posting_setting(world):
    assert rejected(world, "cost_per_warehouse", "true").code == "unknown_setting"
    assert rejected(world, "colour", "red").params == {"key": "colour"}


def test_only_admin_sets(world):
    with pytest.raises(NotAuthorized):
        world.run("company_setting.set", {"key": "credit_check", "value": "off"}, who="manager")
