"""customer_follow_up.add, shipping_address.* and invoicing_details.*: validation, defaults, last follow-up date."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

import domain.models as m
from domain.commands.framework import CommandRejected, InvalidPayload, NotAuthorized, OutOfScope
from tests.domain.conftest import ID, TODAY, fixed_id

# 91350100M000100Y43 passes the check character test; changing its last character breaks it.
VALID_USCC = "91350100M000100Y43"


def follow_up(world, label, *, day=TODAY, next_day=None, customer="cust", who="clerk", **extra):
    payload = {"id": fixed_id(f"follow_up:{label}"), "customer_id": ID[customer], "channel": "visit",
               "content": "问了下月的进货计划", "follow_up_date": day.isoformat(), **extra}
    if next_day is not None:
        payload["next_follow_up_date"] = next_day.isoformat()
    return world.run("customer_follow_up.add", payload, who=who)


def add_address(world, label, who="clerk", customer="cust", **fields):
    payload = {"id": fixed_id(f"address:{label}"), "customer_id": ID[customer],
               "fields": {"address": "昆明市五华区人民中路 8 号", **fields}}
    return world.run("shipping_address.create", payload, who=who)


def add_invoicing(world, label, who="clerk", **fields):
    payload = {"id": fixed_id(f"invoicing:{label}"), "customer_id": ID["cust"],
               "fields": {"title": "上海华联超市有限公司", **fields}}
    return world.run("invoicing_details.create", payload, who=who)


def test_follow_up_add_stores_row_and_date(world):
    outcome = follow_up(world, "a", next_day=TODAY + dt.timedelta(days=7))
    row = world.get(m.FollowUp, outcome.result["id"])
    assert row.channel == "visit"
    assert row.user_id == ID["clerk"]
    assert row.next_follow_up_date == TODAY + dt.timedelta(days=7)
    assert world.get(m.Customer, ID["cust"]).last_follow_up_date == TODAY


def test_follow_up_earlier_day_keeps_latest_date(world):
    follow_up(world, "today")
    follow_up(world, "last_week", day=TODAY - dt.timedelta(days=7))
    assert world.get(m.Customer, ID["cust"]).last_follow_up_date == TODAY


def test_follow_up_later_day_moves_date(world):
    follow_up(world, "old", day=TODAY - dt.timedelta(days=30))
    follow_up(world, "new", day=TODAY - dt.timedelta(days=2))
    assert world.get(m.Customer, ID["cust"]).last_follow_up_date == TODAY - dt.timedelta(days=2)


def test_follow_up_blank_content_names_field(world):
    with pytest.raises(CommandRejected) as err:
        follow_up(world, "blank", content="   ")
    assert err.value.code == "required_field"
    assert err.value.params["field"] == "content"


def test_follow_up_next_date_before_date_rejected(world):
    with pytest.raises(CommandRejected) as err:
        follow_up(world, "back", next_day=TODAY - dt.timedelta(days=1))
    assert err.value.code == "next_follow_up_before_date"
    assert err.value.params["field"] == "next_follow_up_date"
    assert world.get(m.Customer, ID["cust"]).last_follow_up_date is None


def test_follow_up_contact_of_other_customer_rejected(world):
    world.run("customer_contact.create", {"id": fixed_id("contact:other"), "customer_id": ID["cust2"],
                                          "name": "周经理"}, who="clerk")
    with pytest.raises(CommandRejected) as err:
        follow_up(world, "wrong_contact", contact_id=fixed_id("contact:other"))
    assert err.value.code == "contact_not_of_customer"


def test_follow_up_unknown_channel_invalid(world):
    with pytest.raises(InvalidPayload):
        follow_up(world, "fax", channel="fax")


def test_follow_up_warehouse_role_not_authorized(world):
    with pytest.raises(NotAuthorized):
        follow_up(world, "keeper", who="keeper")


def test_follow_up_other_department_out_of_scope(world):
    world.session.get(m.Customer, ID["cust_plain"]).department_id = ID["d2"]
    world.session.commit()
    with pytest.raises(OutOfScope):
        follow_up(world, "scope", customer="cust_plain")


def test_first_address_becomes_default(world):
    outcome = add_address(world, "first", phone="13912345678")
    address = world.get(m.ShippingAddress, outcome.result["id"])
    assert address.is_default is True
    assert address.phone == "13912345678"


def test_second_default_address_clears_first(world):
    add_address(world, "first")
    add_address(world, "second", is_default=True)
    defaults = world.session.scalars(select(m.ShippingAddress.id).where(
        m.ShippingAddress.customer_id == ID["cust"], m.ShippingAddress.is_default.is_(True))).all()
    assert defaults == [fixed_id("address:second")]


def test_address_blank_address_names_field(world):
    with pytest.raises(CommandRejected) as err:
        add_address(world, "blank", address=" ")
    assert err.value.code == "required_field"
    assert err.value.params["field"] == "address"


def test_address_invalid_postal_code_rejected(world):
    with pytest.raises(CommandRejected) as err:
        add_address(world, "zip", postal_code="65000")
    assert err.value.code == "invalid_postal_code"
    assert err.value.params["field"] == "postal_code"


def test_address_invalid_phone_names_field(world):
    with pytest.raises(CommandRejected) as err:
        add_address(world, "phone", phone="12345")
    assert err.value.code == "invalid_phone"
    assert err.value.params["field"] == "phone"


def test_address_update_and_delete(world):
    add_address(world, "first")
    address_id = fixed_id("address:first")
    outcome = world.run("shipping_address.update", {"id": address_id, "fields": {"city": "昆明", "label": "仓库"}},
                        who="clerk")
    assert outcome.result["applied"] == ["city", "label"]
    world.run("shipping_address.delete", {"id": address_id}, who="clerk")
    address = world.get(m.ShippingAddress, address_id)
    assert address.deleted_at is not None
    assert address.is_default is False
    with pytest.raises(CommandRejected) as err:
        world.run("shipping_address.update", {"id": address_id, "fields": {"city": "大理"}}, who="clerk")
    assert err.value.code == "record_deleted"


def test_invoicing_create_checks_tax_number(world):
    with pytest.raises(CommandRejected) as err:
        add_invoicing(world, "bad", tax_number=VALID_USCC[:-1] + "0")
    assert err.value.code == "invalid_uscc"
    assert err.value.params["field"] == "tax_number"


def test_invoicing_create_stores_compact_fields(world):
    outcome = add_invoicing(world, "ok", tax_number=VALID_USCC.lower(), bank_account="6222 0200 1234 5678",
                            default_invoice_type="vat_special")
    details = world.get(m.InvoicingDetails, outcome.result["id"])
    assert details.tax_number == VALID_USCC
    assert details.bank_account == "6222020012345678"
    assert details.default_invoice_type == "vat_special"
    assert details.is_default is True


def test_invoicing_blank_title_names_field(world):
    with pytest.raises(CommandRejected) as err:
        add_invoicing(world, "blank", title="")
    assert err.value.code == "required_field"
    assert err.value.params["field"] == "title"


def test_invoicing_new_default_clears_old(world):
    add_invoicing(world, "one")
    add_invoicing(world, "two")
    assert world.get(m.InvoicingDetails, fixed_id("invoicing:one")).is_default is False
    world.run("invoicing_details.update", {"id": fixed_id("invoicing:one"), "fields": {"is_default": True}},
              who="clerk")
    assert world.get(m.InvoicingDetails, fixed_id("invoicing:one")).is_default is True
    assert world.get(m.InvoicingDetails, fixed_id("invoicing:two")).is_default is False


def test_invoicing_delete_soft_deletes(world):
    add_invoicing(world, "gone")
    world.run("invoicing_details.delete", {"id": fixed_id("invoicing:gone")}, who="clerk")
    assert world.get(m.InvoicingDetails, fixed_id("invoicing:gone")).deleted_at is not None
