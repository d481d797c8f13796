"""Phone and USCC validation, and the customer, contact and category commands that apply it."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import select

import domain.models as m
from domain.commands.framework import CommandRejected
from domain.validation import normalized_phone, normalized_uscc, parse_phone
from tests.domain.conftest import ID, fixed_id

USCC = "91110000600037341L"
OTHER_USCC = "91530100MA6K000013"

VALID_PHONES = [
    ("13912345678", "13912345678"),
    ("139 1234 5678", "13912345678"),
    ("139-1234-5678", "13912345678"),
    ("+86 139-1234-5678", "13912345678"),
    ("0086 13912345678", "13912345678"),
    ("+8613912345678", "13912345678"),
    ("0871-65123456", "0871-65123456"),
    ("0871-6512 3456", "0871-65123456"),
    ("(0871) 6512-3456", "0871-65123456"),
    ("（0871）65123456", "0871-65123456"),
    ("087165123456", "0871-65123456"),
    ("+86 871 6512 3456", "0871-65123456"),
    ("010-12345678", "010-12345678"),
    ("021-5550001", "021-5550001"),
    ("010-12345678-123", "010-12345678-123"),
    ("010-12345678 转 123", "010-12345678-123"),
    ("0871-65123456 ext. 8", "0871-65123456-8"),
    ("0871-65123456#8", "0871-65123456-8"),
    ("0871-6512-3456", "0871-65123456"),
    ("１３９ １２３４ ５６７８", "13912345678"),
]

INVALID_PHONES = [
    "12345678901",  # 12x is no mobile range
    "1391234567",  # ten digits
    "139123456789",  # twelve digits
    "65123456",  # landline without an area code
    "0871-0512345",  # local number with a leading 0
    "0871-123456",  # six-digit local number
    "0871-123456789",  # nine-digit local number
    "110",
    "13912345678-12",  # a mobile has no extension
    "0871-65123456 转 1234567",  # extension too long
    "phone",
    "١٣٩١٢٣٤٥٦٧٨",  # Arabic-Indic digits
]


@pytest.mark.parametrize(("typed", "stored"), VALID_PHONES)
def test_phone_valid_normalized(typed, stored):
    assert normalized_phone(typed, "phone") == stored


@pytest.mark.parametrize("typed", INVALID_PHONES)
def test_phone_invalid_rejected(typed):
    with pytest.raises(CommandRejected) as err:
        normalized_phone(typed, "mobile")
    assert err.value.code == "invalid_phone"
    assert err.value.params == {"field": "mobile", "value": typed}


def test_phone_blank_is_none():
    assert normalized_phone(None, "phone") is None
    assert normalized_phone("  ", "phone") is None


def test_phone_key_ignores_extension():
    assert parse_phone("0871-65123456-8").key == "087165123456"
    assert parse_phone("+86 871 6512 3456").key == "087165123456"
    assert parse_phone("+86 139 1234 5678").key == "13912345678"


def test_uscc_check_character():
    assert normalized_uscc(USCC.lower()) == USCC
    assert normalized_uscc("9111 0000 6000 3734 1L") == USCC
    for wrong in (USCC[:-1] + "X", USCC[:-1], "91110000600037341I"):
        with pytest.raises(CommandRejected) as err:
            normalized_uscc(wrong)
        assert err.value.code == "invalid_uscc"
        assert err.value.params == {"field": "uscc", "value": wrong}


# -- customer commands ------------------------------------------------------

def _create(world, code, name, **fields):
    payload = {"id": fixed_id(f"customer:{code}"), "code": code, "name": name,
               "fields": {"department_id": ID["d1"], **fields}}
    return world.run("customer.create", payload, who="clerk")


def test_create_stores_normalized_phone(world):
    outcome = _create(world, "C100", "南京商贸", phone="+86 25 8765 4321")
    assert world.get(m.Customer, outcome.result["id"]).phone == "025-87654321"


def test_create_rejects_invalid_phone(world):
    with pytest.raises(CommandRejected) as err:
        _create(world, "C100", "南京商贸", phone="8765 4321")
    assert err.value.code == "invalid_phone"
    assert err.value.params == {"field": "phone", "value": "8765 4321"}
    assert world.get(m.Customer, fixed_id("customer:C100")) is None


def test_update_rejects_invalid_uscc(world):
    with pytest.raises(CommandRejected) as err:
        world.run("customer.update", {"id": ID["cust"], "fields": {"uscc": USCC[:-1] + "0"}}, who="clerk")
    assert err.value.code == "invalid_uscc"
    assert err.value.params["field"] == "uscc"


def test_create_rejects_blank_name(world):
    with pytest.raises(CommandRejected) as err:
        _create(world, "C100", "   ")
    assert err.value.code == "required_field"
    assert err.value.params == {"table": "customer", "field": "name"}


def test_update_base_phone_compared_in_stored_form(world):
    # The client saw "021-5550001" and sends the base as the user typed it then.
    outcome = world.run("customer.update", {"id": ID["cust"], "fields": {"phone": "13800000001"},
                                            "base": {"phone": "021 555 0001"}}, who="clerk")
    assert outcome.result["conflicts"] == []
    assert world.get(m.Customer, ID["cust"]).phone == "13800000001"


# -- contact commands -------------------------------------------------------

def _contact(world, name, **fields):
    contact_id = fixed_id(f"contact:{name}")
    world.run("customer_contact.create",
              {"id": contact_id, "customer_id": ID["cust"], "name": name, "fields": fields}, who="clerk")
    return contact_id


def test_contact_create_normalizes_phones(world):
    contact_id = _contact(world, "王经理", mobile="+86 138 0000 0002", phone="021-5550001 转 12")
    contact = world.get(m.CustomerContact, contact_id)
    assert contact.customer_id == ID["cust"]
    assert contact.mobile == "13800000002"
    assert contact.phone == "021-5550001-12"


def test_contact_mobile_must_be_mobile(world):
    with pytest.raises(CommandRejected) as err:
        _contact(world, "王经理", mobile="0871-65123456")
    assert err.value.code == "invalid_contact_mobile"
    assert err.value.params == {"field": "mobile", "value": "0871-65123456"}


def test_contact_accepts_numbers_abroad(world):
    contact_id = _contact(world, "陈经理", mobile="+852 9123-4567", phone="+1 (212) 555-0100")
    contact = world.get(m.CustomerContact, contact_id)
    assert contact.mobile == "+852 9123 4567"
    assert contact.phone == "+1 212 555 0100"


@pytest.mark.parametrize("field, value, code", [
    ("phone", "(03) 3555-5011", "invalid_contact_phone"),
    ("phone", "+0 123 4567", "invalid_contact_phone"),
    ("phone", "+852 12", "invalid_contact_phone"),
    ("mobile", "+852 abc", "invalid_contact_mobile"),
    ("mobile", "12345", "invalid_contact_mobile"),
])
def test_contact_invalid_number_names_value(world, field, value, code):
    with pytest.raises(CommandRejected) as err:
        _contact(world, "陈经理", **{field: value})
    assert err.value.code == code
    assert err.value.params == {"field": field, "value": value}


def test_contact_update_and_delete(world):
    contact_id = _contact(world, "王经理", mobile="13800000002", is_primary=True)
    second_id = _contact(world, "李会计", is_primary=True)
    assert world.get(m.CustomerContact, contact_id).is_primary is False
    assert world.get(m.CustomerContact, second_id).is_primary is True

    with pytest.raises(CommandRejected) as err:
        world.run("customer_contact.update", {"id": contact_id, "fields": {"phone": "12"}}, who="clerk")
    assert err.value.params["field"] == "phone"

    outcome = world.run("customer_contact.update", {"id": contact_id, "fields": {"position": "采购"}}, who="clerk")
    assert outcome.result["applied"] == ["position"]
    world.run("customer_contact.delete", {"id": contact_id}, who="clerk")
    assert world.get(m.CustomerContact, contact_id).deleted_at is not None
    with pytest.raises(CommandRejected) as err:
        world.run("customer_contact.update", {"id": contact_id, "fields": {"position": "经理"}}, who="clerk")
    assert err.value.code == "record_deleted"


# -- category commands ------------------------------------------------------

def _category(world, code, who="manager", **fields):
    return world.run("customer_category.create",
                     {"id": fixed_id(f"category:{code}"), "code": code, "name": f"分类{code}", "fields": fields},
                     who=who)


def test_category_create_and_update(world):
    _category(world, "WHOLESALE", payment_terms_days=60, price_level=" B ", default_credit_limit="20000.00")
    category = world.get(m.CustomerCategory, fixed_id("category:WHOLESALE"))
    assert category.payment_terms_days == 60
    assert category.price_level == "B"
    assert category.default_credit_limit == Decimal("20000.00")

    outcome = world.run("customer_category.update", {"id": category.id, "fields": {
        "payment_terms_days": 0, "price_level": "", "default_credit_limit": None}}, who="admin")
    assert outcome.result["applied"] == ["default_credit_limit", "payment_terms_days", "price_level"]
    category = world.get(m.CustomerCategory, category.id)
    assert category.payment_terms_days == 0
    assert category.price_level is None
    assert category.default_credit_limit is None


def test_category_default_terms_thirty_days(world):
    _category(world, "RETAIL")
    assert world.get(m.CustomerCategory, fixed_id("category:RETAIL")).payment_terms_days == 30


@pytest.mark.parametrize("days", [-1, 3651])
def test_category_rejects_terms_out_of_range(world, days):
    with pytest.raises(CommandRejected) as err:
        _category(world, "BAD", payment_terms_days=days)
    assert err.value.code == "value_out_of_range"
    assert err.value.params == {"field": "payment_terms_days", "value": str(days), "minimum": "0", "maximum": "3650"}


def test_category_rejects_negative_credit_limit(world):
    with pytest.raises(CommandRejected) as err:
        _category(world, "BAD", default_credit_limit="-0.01")
    assert err.value.code == "value_negative"
    assert err.value.params == {"field": "default_credit_limit", "value": "-0.01"}


def test_category_rejects_extra_decimals(world):
    with pytest.raises(CommandRejected) as err:
        _category(world, "BAD", default_credit_limit="1.005")
    assert err.value.code == "too_many_decimal_places"
    assert err.value.params == {"field": "default_credit_limit", "value": "1.005", "places": 2}


def test_category_rejects_duplicate_code(world):
    with pytest.raises(CommandRejected) as err:
        _category(world, "VIP")
    assert err.value.code == "duplicate_code"


def test_category_needs_manager(world):
    from domain.commands.framework import NotAuthorized

    with pytest.raises(NotAuthorized):
        _category(world, "RETAIL", who="clerk")
    assert world.session.execute(select(m.CustomerCategory).where(m.CustomerCategory.code == "RETAIL")).first() is None
