"""Product, pack unit, barcode, category and brand commands: validation and roles."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import select

import domain.models as m
from domain.commands.framework import CommandRejected, InvalidPayload, NotAuthorized
from tests.domain.conftest import ID, NOW, fixed_id

# Valid check digits: 690123456789 -> 2, 690123456790 -> 8, 9638507 -> 4.
EAN13 = "6901234567892"
EAN13_OTHER = "6901234567908"
EAN8 = "96385074"


def create(world, code="P100", who="manager", units=(), barcodes=(), **fields):
    payload = {
        "id": fixed_id(f"product:{code}"), "code": code, "name": "矿泉水", "base_unit": "瓶",
        "fields": fields, "units": list(units), "barcodes": list(barcodes),
    }
    return world.run("product.create", payload, who=who)


def unit(name, factor, **extra):
    return {"id": fixed_id(f"unit:{name}:{factor}"), "unit_name": name, "factor": factor, **extra}


def rejected(call) -> CommandRejected:
    with pytest.raises(CommandRejected) as err:
        call()
    return err.value


def test_create_stores_product_units_barcodes(any_world):
    world = any_world
    outcome = create(
        world, variant="550ml", list_price="2.00", lowest_price="1.50", tax_rate="0.13", barcode=EAN13,
        min_order_quantity="6", max_order_quantity="600", batch_tracked=True, expiry_tracked=True,
        units=[unit("箱", "24", barcode=EAN13_OTHER, price="45.00")],
        barcodes=[{"id": fixed_id("bc:1"), "unit_name": "瓶", "barcode": EAN8, "note": "旧包装"}],
    )
    product = world.get(m.Product, outcome.result["id"])
    assert product.variant == "550ml"
    assert product.list_price == Decimal("2.0000")
    assert product.lowest_price == Decimal("1.5000")
    assert product.barcode == EAN13
    assert product.batch_tracked is True
    assert product.expiry_tracked is True
    assert product.active is True
    units = world.session.execute(select(m.ProductUnit).where(m.ProductUnit.product_id == product.id)).scalars().all()
    assert [(u.unit_name, u.factor, u.barcode, u.price) for u in units] == [
        ("箱", Decimal("24.000"), EAN13_OTHER, Decimal("45.0000"))
    ]
    extra = world.get(m.ProductBarcode, fixed_id("bc:1"))
    assert (extra.unit_name, extra.barcode) == ("瓶", EAN8)


def test_create_strips_spaces_from_barcode(world):
    outcome = create(world, barcode="690 1234 567892")
    assert world.get(m.Product, outcome.result["id"]).barcode == EAN13


@pytest.mark.parametrize("value", ["6901234567891", "96385075"])
def test_create_rejects_bad_check_digit(world, value):
    error = rejected(lambda: create(world, barcode=value))
    assert error.code == "invalid_barcode"
    assert error.params == {"value": value}


@pytest.mark.parametrize("value", ["123456", "ABC-6901234567891", "690123456789"])
def test_non_ean_barcode_accepted(world, value):
    outcome = create(world, barcode=value)
    assert world.get(m.Product, outcome.result["id"]).barcode == value


def test_duplicate_barcode_on_other_product(world):
    create(world, code="P100", barcode=EAN13)
    error = rejected(lambda: create(world, code="P101", units=[unit("箱", "12", barcode=EAN13)]))
    assert error.code == "duplicate_barcode"
    assert error.params == {"value": EAN13, "product_code": "P100"}
    assert world.get(m.Product, fixed_id("product:P101")) is None


def test_duplicate_barcode_within_one_product(world):
    error = rejected(lambda: create(world, units=[unit("箱", "12", barcode=EAN8), unit("包", "6", barcode=EAN8)]))
    assert error.code == "duplicate_barcode"


def test_duplicate_barcode_in_further_barcodes(world):
    create(world, code="P100", barcodes=[{"id": fixed_id("bc:a"), "barcode": EAN8}])
    error = rejected(lambda: create(world, code="P101", barcode=EAN8))
    assert error.code == "duplicate_barcode"
    assert error.params["product_code"] == "P100"


def test_barcode_of_deleted_product_is_free(world):
    create(world, code="P100", barcode=EAN13)
    product = world.get(m.Product, fixed_id("product:P100"))
    product.deleted_at = NOW
    world.session.commit()
    outcome = create(world, code="P101", barcode=EAN13)
    assert world.get(m.Product, outcome.result["id"]).barcode == EAN13


def test_pack_unit_factor_one_rejected(world):
    error = rejected(lambda: create(world, units=[unit("支", "1")]))
    assert error.code == "invalid_unit_factor"
    assert error.params["unit_name"] == "支"


def test_pack_unit_factor_zero_invalid(world):
    with pytest.raises(InvalidPayload):
        create(world, units=[unit("箱", "0")])


def test_pack_unit_named_like_base_rejected(world):
    error = rejected(lambda: create(world, units=[unit("瓶", "2")]))
    assert error.code == "duplicate_unit"
    assert error.params == {"product_code": "P100", "unit_name": "瓶"}


def test_pack_unit_repeated_rejected(world):
    error = rejected(lambda: create(world, units=[unit("箱", "12"), {**unit("箱", "24")}]))
    assert error.code == "duplicate_unit"


def test_lowest_above_list_rejected(world):
    error = rejected(lambda: create(world, list_price="2.00", lowest_price="2.50"))
    assert error.code == "lowest_above_list"
    assert error.params == {"product_code": "P100", "lowest_price": "2.5000", "list_price": "2.0000"}


def test_pack_price_below_lowest_rejected(world):
    # 24 bottles at 30.00 is 1.25 a bottle, below the lowest price of 1.50.
    error = rejected(lambda: create(world, list_price="2.00", lowest_price="1.50", units=[unit("箱", "24", price="30.00")]))
    assert error.code == "price_below_lowest"
    assert error.params["unit_price"] == "1.2500"


def test_min_above_max_rejected(world):
    error = rejected(lambda: create(world, min_order_quantity="10", max_order_quantity="5"))
    assert error.code == "min_above_max"
    assert error.params == {"product_code": "P100", "minimum": "10.000", "maximum": "5.000"}


def test_tax_rate_above_one_invalid(world):
    with pytest.raises(InvalidPayload):
        create(world, tax_rate="1.5")


def test_duplicate_product_code_rejected(world):
    error = rejected(lambda: create(world, code="P001"))
    assert error.code == "duplicate_code"
    assert error.params == {"table": "product", "value": "P001"}


def test_unknown_category_invalid(world):
    with pytest.raises(InvalidPayload):
        create(world, category_id=fixed_id("missing"))


@pytest.mark.parametrize("who", ["clerk", "keeper", "finance"])
def test_product_create_needs_manager(world, who):
    with pytest.raises(NotAuthorized):
        create(world, who=who)


def test_update_applies_changed_fields(world):
    outcome = world.run("product.update", {"id": ID["p4"], "fields": {"name": "牙膏(大)", "lowest_price": "5.50"},
                                           "base": {"name": "牙膏", "lowest_price": "5.00"}}, who="manager")
    assert outcome.result["applied"] == ["lowest_price", "name"]
    assert outcome.result["conflicts"] == []
    product = world.get(m.Product, ID["p4"])
    assert product.name == "牙膏(大)"
    assert product.lowest_price == Decimal("5.5000")


def test_update_concurrent_change_keeps_conflict(world):
    world.run("product.update", {"id": ID["p1"], "fields": {"name": "洗衣粉A"}, "base": {"name": "洗衣粉"}}, who="manager")
    second = world.run("product.update", {"id": ID["p1"], "fields": {"name": "洗衣粉B"}, "base": {"name": "洗衣粉"}},
                       who="admin")
    assert second.result["conflicts"] == [{"field": "name", "losing_value": "洗衣粉A", "winning_value": "洗衣粉B"}]
    record = world.session.execute(select(m.ConflictRecord)).scalar_one()
    assert (record.record_table, record.record_id, record.field) == ("product", ID["p1"], "name")
    assert record.base_value == "洗衣粉"
    assert record.winning_user_id == ID["admin"]


def test_update_rejects_lowest_above_list(world):
    error = rejected(lambda: world.run("product.update", {"id": ID["p4"], "fields": {"list_price": "4.00"}},
                                       who="manager"))
    assert error.code == "lowest_above_list"
    assert world.get(m.Product, ID["p4"]).list_price == Decimal("6.8000")


def test_update_rejects_min_above_max(world):
    error = rejected(lambda: world.run("product.update", {"id": ID["p2"], "fields": {"min_order_quantity": "200"}},
                                       who="manager"))
    assert error.code == "min_above_max"


def test_update_rejects_null_name(world):
    error = rejected(lambda: world.run("product.update", {"id": ID["p1"], "fields": {"name": None}}, who="manager"))
    assert error.code == "required_field"
    assert error.params == {"table": "product", "field": "name"}


def test_update_barcode_checked(world):
    create(world, code="P100", barcode=EAN13)
    error = rejected(lambda: world.run("product.update", {"id": ID["p1"], "fields": {"barcode": EAN13}}, who="manager"))
    assert error.code == "duplicate_barcode"
    error = rejected(lambda: world.run("product.update", {"id": ID["p1"], "fields": {"barcode": "6901234567890"}},
                                       who="manager"))
    assert error.code == "invalid_barcode"


def test_update_list_price_set_by_adjustment(world):
    world.run("price_adjustment.create", {
        "id": fixed_id("pa:1"), "number": "PA-1", "document_date": "2026-12-04", "effective_date": "2026-12-04",
        "lines": [{"id": fixed_id("pa:1:0"), "product_id": ID["p1"], "price_kind": "list", "new_price": "11.00"}],
    }, who="manager")
    world.run("price_adjustment.approve", {"id": fixed_id("pa:1")}, who="manager")
    error = rejected(lambda: world.run("product.update", {"id": ID["p1"], "fields": {"list_price": "12.00"}},
                                       who="manager"))
    assert error.code == "price_set_by_adjustment"
    assert error.params == {"product_code": "P001", "unit_name": "袋", "number": "PA-1"}


def test_deactivate_product(world):
    outcome = world.run("product.deactivate", {"id": ID["p1"]}, who="manager")
    assert outcome.result == {"id": ID["p1"], "changed": True}
    assert world.get(m.Product, ID["p1"]).active is False
    again = world.run("product.deactivate", {"id": ID["p1"]}, who="manager")
    assert again.result["changed"] is False


def test_deactivate_needs_manager(world):
    with pytest.raises(NotAuthorized):
        world.run("product.deactivate", {"id": ID["p1"]}, who="clerk")


def test_unit_set_adds_and_changes_unit(world):
    world.run("product_unit.set", {"id": fixed_id("u:bag"), "product_id": ID["p1"], "unit_name": "包", "factor": "6",
                                   "barcode": EAN8}, who="manager")
    world.run("product_unit.set", {"id": fixed_id("u:other"), "product_id": ID["p1"], "unit_name": "包",
                                   "factor": "5", "price": "48.00"}, who="manager")
    row = world.get(m.ProductUnit, fixed_id("u:bag"))
    assert (row.factor, row.price, row.barcode) == (Decimal("5.000"), Decimal("48.0000"), None)
    assert world.get(m.ProductUnit, fixed_id("u:other")) is None


def test_unit_set_rejects_factor_one(world):
    error = rejected(lambda: world.run("product_unit.set", {"id": fixed_id("u:x"), "product_id": ID["p1"],
                                                            "unit_name": "箱", "factor": "1"}, who="manager"))
    assert error.code == "invalid_unit_factor"


def test_unit_set_rejects_price_below_lowest(world):
    world.run("product_unit.set", {"id": fixed_id("u:box"), "product_id": ID["p4"], "unit_name": "盒",
                                   "factor": "10", "price": "50.00"}, who="manager")
    error = rejected(lambda: world.run("product_unit.set", {"id": fixed_id("u:box"), "product_id": ID["p4"],
                                                            "unit_name": "盒", "factor": "10", "price": "49.99"},
                                       who="manager"))
    assert error.code == "price_below_lowest"
    assert error.params["unit_price"] == "4.9990"


def test_unit_remove_deletes_unit_and_barcodes(world):
    world.run("product_barcode.add", {"id": fixed_id("bc:box"), "product_id": ID["p1"], "unit_name": "箱",
                                      "barcode": EAN13}, who="manager")
    outcome = world.run("product_unit.remove", {"product_id": ID["p1"], "unit_name": "箱"}, who="manager")
    assert outcome.result["barcodes_removed"] == 1
    assert world.get(m.ProductUnit, fixed_id("p1_box")) is None
    assert world.get(m.ProductBarcode, fixed_id("bc:box")) is None


def test_unit_remove_unknown_unit(world):
    error = rejected(lambda: world.run("product_unit.remove", {"product_id": ID["p1"], "unit_name": "吨"}, who="manager"))
    assert error.code == "unit_not_found"
    assert error.params == {"product_code": "P001", "unit_name": "吨"}


def test_barcode_for_unknown_unit_invalid(world):
    with pytest.raises(InvalidPayload):
        world.run("product_barcode.add", {"id": fixed_id("bc:x"), "product_id": ID["p1"], "unit_name": "吨",
                                          "barcode": EAN8}, who="manager")


def test_barcode_add_and_remove(world):
    world.run("product_barcode.add", {"id": fixed_id("bc:y"), "product_id": ID["p1"], "barcode": EAN8}, who="manager")
    assert world.get(m.ProductBarcode, fixed_id("bc:y")).unit_name == "袋"
    world.run("product_barcode.remove", {"id": fixed_id("bc:y")}, who="manager")
    assert world.get(m.ProductBarcode, fixed_id("bc:y")) is None


def test_category_create_update_and_cycle(world):
    world.run("product_category.create", {"id": fixed_id("pc:a"), "code": "A", "name": "日化"}, who="manager")
    world.run("product_category.create", {"id": fixed_id("pc:b"), "code": "B", "name": "洗涤", "parent_id": fixed_id("pc:a")},
              who="manager")
    world.run("product_category.update", {"id": fixed_id("pc:a"), "name": "日用化学品"}, who="manager")
    assert world.get(m.ProductCategory, fixed_id("pc:a")).name == "日用化学品"
    error = rejected(lambda: world.run("product_category.update", {"id": fixed_id("pc:a"), "parent_id": fixed_id("pc:b")},
                                       who="manager"))
    assert error.code == "category_cycle"
    assert error.params == {"category_code": "A"}
    world.run("product_category.update", {"id": fixed_id("pc:b"), "parent_id": None}, who="manager")
    assert world.get(m.ProductCategory, fixed_id("pc:b")).parent_id is None


def test_category_duplicate_code(world):
    world.run("product_category.create", {"id": fixed_id("pc:a"), "code": "A", "name": "日化"}, who="manager")
    error = rejected(lambda: world.run("product_category.create", {"id": fixed_id("pc:c"), "code": "A", "name": "x"},
                                       who="manager"))
    assert error.code == "duplicate_code"


def test_brand_create_update(world):
    world.run("brand.create", {"id": fixed_id("br:a"), "code": "BL", "name": "白猫"}, who="admin")
    world.run("brand.update", {"id": fixed_id("br:a"), "name": "白猫日化"}, who="manager")
    assert world.get(m.Brand, fixed_id("br:a")).name == "白猫日化"
    with pytest.raises(NotAuthorized):
        world.run("brand.create", {"id": fixed_id("br:b"), "code": "X", "name": "x"}, who="clerk")
    outcome = create(world, brand_id=fixed_id("br:a"))
    assert world.get(m.Product, outcome.result["id"]).brand_id == fixed_id("br:a")
