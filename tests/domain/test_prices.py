"""Price lookup precedence with effective dates, and the price commands that feed it.

The seeded customer "cust" is in category VIP (price level A), and "cust2" has
no category. Product p1 sells per 袋 at 10.00. Its pack unit 箱 contains 12 袋
and has no price of its own. Product p4 has a lowest price of 5.00.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

import domain.models as m
from domain.commands.framework import CommandRejected, InvalidPayload, NotAuthorized
from domain.price_lookup import PriceRule, quote_price
from tests.domain.conftest import ID, TODAY, fixed_id

D = dt.date


def quote(world, product="p1", unit=None, on=TODAY, customer="cust", quantity=None):
    world.session.expire_all()
    customer_id = ID[customer] if customer is not None else None
    return quote_price(world.session, customer_id, ID[product], unit, on, quantity)


def agreed(world, label, price, *, customer="cust", product="p1", unit=None, start=None, end=None, who="manager"):
    payload = {"id": fixed_id(f"agreed:{label}"), "customer_id": ID[customer], "product_id": ID[product],
               "unit_name": unit, "price": price,
               "effective_from": start.isoformat() if start else None,
               "effective_to": end.isoformat() if end else None}
    return world.run("agreed_price.set", payload, who=who)


def category_price(world, label, price, *, level=None, category="cat", product="p1", unit=None, start=None,
                   end=None, who="manager"):
    payload = {"id": fixed_id(f"catprice:{label}"), "product_id": ID[product], "unit_name": unit, "price": price,
               "effective_from": start.isoformat() if start else None,
               "effective_to": end.isoformat() if end else None}
    if level is not None:
        payload["price_level"] = level
    else:
        payload["customer_category_id"] = ID[category]
    return world.run("category_price.set", payload, who=who)


def adjustment(world, label, effective, lines, who="manager"):
    payload = {
        "id": fixed_id(f"pa:{label}"), "number": f"PA-{label}", "document_date": TODAY.isoformat(),
        "effective_date": effective.isoformat(),
        "lines": [{"id": fixed_id(f"pa:{label}:{i}"), "product_id": ID[line.pop("product", "p1")], **line}
                  for i, line in enumerate(lines)],
    }
    return world.run("price_adjustment.create", payload, who=who)


def approve(world, label, who="manager"):
    return world.run("price_adjustment.approve", {"id": fixed_id(f"pa:{label}")}, who=who)


def rejected(call) -> CommandRejected:
    with pytest.raises(CommandRejected) as err:
        call()
    return err.value


# ---------------------------------------------------------------------------
# List prices and pack units


def test_list_price_of_base_unit(world):
    result = quote(world, customer="cust2")
    assert result.price == Decimal("10.0000")
    assert result.rule is PriceRule.LIST
    assert result.source_id == ID["p1"]
    assert result.unit_name == "袋"
    assert result.below_lowest is False


def test_pack_price_from_base_times_factor(world):
    result = quote(world, unit="箱", customer="cust2")
    assert result.price == Decimal("120.0000")
    assert result.rule is PriceRule.LIST
    assert result.factor == Decimal("12.000")
    assert result.detail == {"converted_from": "袋"}


def test_pack_unit_own_price_wins(world):
    world.run("product_unit.set", {"id": fixed_id("p1_box"), "product_id": ID["p1"], "unit_name": "箱",
                                   "factor": "12", "price": "110.00"}, who="manager")
    result = quote(world, unit="箱", customer="cust2")
    assert result.price == Decimal("110.0000")
    assert result.rule is PriceRule.LIST
    assert result.source_id == fixed_id("p1_box")
    assert result.detail == {}


def test_pack_price_rounds_half_up(world):
    world.run("product.create", {
        "id": fixed_id("product:tiny"), "code": "P900", "name": "螺丝", "base_unit": "个",
        "fields": {"list_price": "0.3333"},
        "units": [{"id": fixed_id("unit:tiny"), "unit_name": "排", "factor": "2.5"}],
    }, who="manager")
    # 0.3333 × 2.5 = 0.83325: half-up gives 0.8333, where half-even would give 0.8332.
    result = quote_price(world.session, None, fixed_id("product:tiny"), "排", TODAY)
    assert result.price == Decimal("0.8333")


def test_walk_in_customer_gets_list_price(world):
    category_price(world, "lvl", "9.00", level="A")
    result = quote(world, customer=None)
    assert result.rule is PriceRule.LIST
    assert result.price == Decimal("10.0000")


# ---------------------------------------------------------------------------
# Precedence: agreed > category > price level > adjustment > list


def test_precedence_steps_one_by_one(any_world):
    world = any_world
    assert quote(world).rule is PriceRule.LIST

    category_price(world, "lvl", "9.00", level="A")
    level = quote(world)
    assert (level.rule, level.price) == (PriceRule.PRICE_LEVEL, Decimal("9.0000"))
    assert level.detail == {"price_level": "A"}
    assert level.source_id == fixed_id("catprice:lvl")

    category_price(world, "vip", "8.50")
    own = quote(world)
    assert (own.rule, own.price) == (PriceRule.CATEGORY, Decimal("8.5000"))
    assert own.detail == {"category": "VIP"}

    agreed(world, "a", "8.00")
    deal = quote(world)
    assert (deal.rule, deal.price) == (PriceRule.AGREED, Decimal("8.0000"))
    assert deal.source_id == fixed_id("agreed:a")


def test_category_price_only_for_its_customers(world):
    category_price(world, "vip", "8.50")
    agreed(world, "a", "8.00")
    other = quote(world, customer="cust2")
    assert (other.rule, other.price) == (PriceRule.LIST, Decimal("10.0000"))


def test_agreed_price_for_other_customer_ignored(world):
    agreed(world, "c2", "7.00", customer="cust2")
    assert quote(world).rule is PriceRule.LIST
    assert quote(world, customer="cust2").rule is PriceRule.AGREED


def test_agreed_base_price_converts_to_pack(world):
    agreed(world, "base", "9.00")
    converted = quote(world, unit="箱")
    assert (converted.rule, converted.price) == (PriceRule.AGREED, Decimal("108.0000"))
    assert converted.detail == {"converted_from": "袋"}

    agreed(world, "box", "100.00", unit="箱")
    exact = quote(world, unit="箱")
    assert (exact.rule, exact.price, exact.source_id) == (PriceRule.AGREED, Decimal("100.0000"), fixed_id("agreed:box"))
    assert exact.detail == {}


@pytest.mark.parametrize(
    ("on", "rule", "price"),
    [
        (D(2026, 12, 9), PriceRule.CATEGORY, "8.5000"),   # the day before the agreed price starts
        (D(2026, 12, 10), PriceRule.AGREED, "8.0000"),    # its first day
        (D(2026, 12, 20), PriceRule.AGREED, "8.0000"),    # its last day, inclusive
        (D(2026, 12, 21), PriceRule.CATEGORY, "8.5000"),  # the day after
    ],
)
def test_agreed_price_effective_dates(world, on, rule, price):
    category_price(world, "vip", "8.50")
    agreed(world, "window", "8.00", start=D(2026, 12, 10), end=D(2026, 12, 20))
    result = quote(world, on=on)
    assert result.rule is rule
    assert result.price == Decimal(price)


@pytest.mark.parametrize(
    ("on", "rule", "price"),
    [
        (D(2026, 11, 30), PriceRule.PRICE_LEVEL, "9.0000"),
        (D(2026, 12, 1), PriceRule.CATEGORY, "8.5000"),
        (D(2027, 1, 1), PriceRule.CATEGORY, "8.5000"),
    ],
)
def test_category_price_effective_from(world, on, rule, price):
    category_price(world, "lvl", "9.00", level="A")
    category_price(world, "vip", "8.50", start=D(2026, 12, 1))
    result = quote(world, on=on)
    assert result.rule is rule
    assert result.price == Decimal(price)


def test_ended_agreed_price_falls_back(world):
    agreed(world, "a", "8.00", start=D(2026, 12, 1))
    world.run("agreed_price.end", {"id": fixed_id("agreed:a"), "effective_to": "2026-12-05"}, who="manager")
    assert quote(world, on=D(2026, 12, 5)).rule is PriceRule.AGREED
    after = quote(world, on=D(2026, 12, 6))
    assert (after.rule, after.price) == (PriceRule.LIST, Decimal("10.0000"))


def test_new_agreed_price_ends_previous_one(world):
    agreed(world, "old", "8.00", start=D(2026, 12, 1))
    agreed(world, "new", "7.50", start=D(2026, 12, 15))
    assert world.get(m.AgreedPrice, fixed_id("agreed:old")).effective_to == D(2026, 12, 14)
    assert quote(world, on=D(2026, 12, 14)).price == Decimal("8.0000")
    assert quote(world, on=D(2026, 12, 15)).price == Decimal("7.5000")
    world.run("agreed_price.end", {"id": fixed_id("agreed:new"), "effective_to": "2026-12-31"}, who="manager")
    assert quote(world, on=D(2027, 1, 1)).rule is PriceRule.LIST


def test_same_start_agreed_price_replaced(world):
    agreed(world, "first", "8.00", start=D(2026, 12, 1))
    outcome = agreed(world, "second", "7.80", start=D(2026, 12, 1))
    assert outcome.result["id"] == fixed_id("agreed:first")
    assert world.get(m.AgreedPrice, fixed_id("agreed:second")) is None
    assert quote(world).price == Decimal("7.8000")


def test_deactivated_product_has_no_price(world):
    world.run("product.deactivate", {"id": ID["p1"]}, who="manager")
    error = rejected(lambda: quote(world))
    assert error.code == "product_not_sellable"
    assert error.params == {"product_code": "P001"}


def test_deleted_product_has_no_price(world):
    product = world.get(m.Product, ID["p1"])
    product.deleted_at = dt.datetime(2026, 12, 1, tzinfo=dt.timezone.utc)
    world.session.commit()
    assert rejected(lambda: quote(world)).code == "product_not_sellable"


def test_unknown_unit_has_no_price(world):
    error = rejected(lambda: quote(world, unit="吨"))
    assert error.code == "unit_not_found"
    assert error.params == {"product_code": "P001", "unit_name": "吨"}


def test_below_lowest_flag(world):
    agreed(world, "p4", "5.50", product="p4")
    assert quote(world, product="p4").below_lowest is False
    world.run("product.update", {"id": ID["p4"], "fields": {"lowest_price": "6.00"}}, who="manager")
    result = quote(world, product="p4")
    assert result.rule is PriceRule.AGREED
    assert result.below_lowest is True
    assert result.lowest_price == Decimal("6.0000")


def test_quantity_limits_flagged(world):
    assert quote(world, product="p2", quantity=Decimal("1")).quantity_issue == "quantity_below_minimum"
    assert quote(world, product="p2", quantity=Decimal("2")).quantity_issue is None
    assert quote(world, product="p2", quantity=Decimal("101")).quantity_issue == "quantity_above_maximum"


# ---------------------------------------------------------------------------
# Price commands: validation and roles


def test_agreed_price_below_lowest_rejected(world):
    error = rejected(lambda: agreed(world, "low", "4.99", product="p4"))
    assert error.code == "price_below_lowest"
    assert error.params == {"product_code": "P004", "unit_name": "支", "unit_price": "4.9900",
                            "lowest_price": "5.0000"}


def test_agreed_price_end_before_start_rejected(world):
    agreed(world, "a", "8.00", start=D(2026, 12, 10))
    error = rejected(lambda: world.run("agreed_price.end", {"id": fixed_id("agreed:a"), "effective_to": "2026-12-09"},
                                       who="manager"))
    assert error.code == "invalid_date_range"
    assert error.params == {"effective_from": "2026-12-10", "effective_to": "2026-12-09"}


def test_agreed_price_set_with_reversed_dates_rejected(world):
    error = rejected(lambda: agreed(world, "a", "8.00", start=D(2026, 12, 10), end=D(2026, 12, 1)))
    assert error.code == "invalid_date_range"


def test_category_price_needs_one_target(world):
    with pytest.raises(InvalidPayload):
        world.run("category_price.set", {"id": fixed_id("cp:x"), "product_id": ID["p1"], "price": "9.00"},
                  who="manager")
    with pytest.raises(InvalidPayload):
        world.run("category_price.set", {"id": fixed_id("cp:x"), "product_id": ID["p1"], "price": "9.00",
                                         "price_level": "A", "customer_category_id": ID["cat"]}, who="manager")


def test_price_for_unknown_unit_is_invalid_payload(world):
    with pytest.raises(InvalidPayload):
        agreed(world, "a", "8.00", unit="吨")


@pytest.mark.parametrize("command", ["agreed_price.set", "category_price.set", "price_adjustment.create"])
def test_clerk_may_not_set_prices(world, command):
    payloads = {
        "agreed_price.set": {"id": fixed_id("x"), "customer_id": ID["cust"], "product_id": ID["p1"], "price": "8.00"},
        "category_price.set": {"id": fixed_id("x"), "product_id": ID["p1"], "price": "8.00", "price_level": "A"},
        "price_adjustment.create": {
            "id": fixed_id("x"), "number": "PA-X", "document_date": "2026-12-04", "effective_date": "2026-12-04",
            "lines": [{"id": fixed_id("x:0"), "product_id": ID["p1"], "price_kind": "list", "new_price": "1.00"}],
        },
    }
    with pytest.raises(NotAuthorized):
        world.run(command, payloads[command], who="clerk")


# ---------------------------------------------------------------------------
# Price adjustment documents


def test_future_adjustment_starts_on_date(any_world):
    world = any_world
    created = adjustment(world, "up", D(2026, 12, 10), [{"price_kind": "list", "new_price": "11.00"}])
    assert created.result["status"] == "draft"
    line = world.get(m.PriceAdjustmentLine, fixed_id("pa:up:0"))
    assert (line.unit_name, line.old_price, line.new_price) == ("袋", Decimal("10.0000"), Decimal("11.0000"))
    # A draft changes no price.
    assert quote(world, on=D(2026, 12, 10), customer="cust2").rule is PriceRule.LIST

    outcome = approve(world, "up")
    assert outcome.result == {"id": fixed_id("pa:up"), "status": "approved", "effective_date": "2026-12-10"}

    before = quote(world, on=D(2026, 12, 9), customer="cust2")
    assert (before.rule, before.price) == (PriceRule.LIST, Decimal("10.0000"))
    on_day = quote(world, on=D(2026, 12, 10), customer="cust2")
    assert (on_day.rule, on_day.price, on_day.source_id) == (PriceRule.ADJUSTMENT, Decimal("11.0000"), fixed_id("pa:up"))
    assert on_day.detail == {"number": "PA-up"}
    box = quote(world, unit="箱", on=D(2026, 12, 11), customer="cust2")
    assert (box.rule, box.price) == (PriceRule.ADJUSTMENT, Decimal("132.0000"))
    # The product row keeps today's price until the date comes.
    assert world.get(m.Product, ID["p1"]).list_price == Decimal("10.0000")


def test_apply_due_copies_list_price(world):
    adjustment(world, "up", D(2026, 12, 10), [{"price_kind": "list", "new_price": "11.00"}])
    approve(world, "up")
    assert world.run("price_adjustment.apply_due", {}, who="manager").result == {"applied": []}
    world.today = D(2026, 12, 10)
    assert world.run("price_adjustment.apply_due", {}, who="manager").result == {"applied": ["PA-up"]}
    document = world.get(m.PriceAdjustment, fixed_id("pa:up"))
    assert document.status == "applied"
    assert world.get(m.Product, ID["p1"]).list_price == Decimal("11.0000")


def test_past_adjustment_applies_from_approval(any_world):
    world = any_world
    adjustment(world, "late", D(2026, 11, 20), [{"price_kind": "list", "new_price": "11.00"}])
    outcome = approve(world, "late")
    assert outcome.result["status"] == "applied"
    assert outcome.result["effective_date"] == "2026-12-04"
    document = world.get(m.PriceAdjustment, fixed_id("pa:late"))
    assert document.effective_date == TODAY
    assert document.approved_by == ID["manager"]
    assert world.get(m.Product, ID["p1"]).list_price == Decimal("11.0000")
    # Orders dated before the approval keep the old price.
    assert quote(world, on=D(2026, 12, 3), customer="cust2").price == Decimal("10.0000")
    assert quote(world, on=D(2026, 11, 20), customer="cust2").price == Decimal("10.0000")
    assert quote(world, on=TODAY, customer="cust2").price == Decimal("11.0000")


def test_later_adjustment_wins(world):
    adjustment(world, "a", D(2026, 12, 10), [{"price_kind": "list", "new_price": "11.00"}])
    adjustment(world, "b", D(2026, 12, 20), [{"price_kind": "list", "new_price": "12.00"}])
    approve(world, "a")
    approve(world, "b")
    assert quote(world, on=D(2026, 12, 19), customer="cust2").price == Decimal("11.0000")
    assert quote(world, on=D(2026, 12, 20), customer="cust2").price == Decimal("12.0000")


def test_adjustment_of_dated_prices(any_world):
    world = any_world
    category_price(world, "vip", "8.50")
    agreed(world, "a", "8.00")
    adjustment(world, "mix", D(2026, 12, 10), [
        {"price_kind": "category", "customer_category_id": ID["cat"], "new_price": "8.80"},
        {"price_kind": "agreed", "customer_id": ID["cust"], "new_price": "8.20"},
        {"price_kind": "category", "price_level": "A", "new_price": "9.30"},
    ])
    lines = [world.get(m.PriceAdjustmentLine, fixed_id(f"pa:mix:{i}")) for i in range(3)]
    assert [line.old_price for line in lines] == [Decimal("8.5000"), Decimal("8.0000"), None]
    approve(world, "mix")

    assert quote(world, on=D(2026, 12, 9)).price == Decimal("8.0000")
    after = quote(world, on=D(2026, 12, 10))
    assert (after.rule, after.price) == (PriceRule.AGREED, Decimal("8.2000"))
    assert world.get(m.AgreedPrice, fixed_id("agreed:a")).effective_to == D(2026, 12, 9)
    assert world.get(m.CategoryPrice, fixed_id("catprice:vip")).effective_to == D(2026, 12, 9)
    world.run("agreed_price.end", {"id": after.source_id, "effective_to": "2026-12-31"}, who="manager")
    category = quote(world, on=D(2027, 1, 1))
    assert (category.rule, category.price) == (PriceRule.CATEGORY, Decimal("8.8000"))
    written = world.get(m.CategoryPrice, category.source_id)
    assert written.price_adjustment_id == fixed_id("pa:mix")
    level = quote(world, on=D(2027, 1, 1), customer="cust_plain")
    assert level.rule is PriceRule.LIST


def test_adjustment_below_lowest_rejected(world):
    error = rejected(lambda: adjustment(world, "low", TODAY, [{"product": "p4", "price_kind": "list", "new_price": "4.00"}]))
    assert error.code == "price_below_lowest"


def test_adjustment_line_targets_checked(world):
    with pytest.raises(InvalidPayload):
        adjustment(world, "bad", TODAY, [{"price_kind": "agreed", "new_price": "9.00"}])
    with pytest.raises(InvalidPayload):
        adjustment(world, "bad", TODAY, [{"price_kind": "list", "customer_id": ID["cust"], "new_price": "9.00"}])
    with pytest.raises(InvalidPayload):
        adjustment(world, "bad", TODAY, [{"price_kind": "list", "new_price": "9.00"},
                                         {"price_kind": "list", "new_price": "9.50"}])


def test_adjustment_duplicate_number_rejected(world):
    adjustment(world, "a", TODAY, [{"price_kind": "list", "new_price": "11.00"}])
    payload = {"id": fixed_id("pa:other"), "number": "PA-a", "document_date": "2026-12-04",
               "effective_date": "2026-12-04",
               "lines": [{"id": fixed_id("pa:other:0"), "product_id": ID["p1"], "price_kind": "list", "new_price": "1.00"}]}
    error = rejected(lambda: world.run("price_adjustment.create", payload, who="manager"))
    assert error.code == "duplicate_number"


def test_adjustment_approved_twice_rejected(world):
    adjustment(world, "a", TODAY, [{"price_kind": "list", "new_price": "11.00"}])
    approve(world, "a")
    error = rejected(lambda: approve(world, "a"))
    assert error.code == "adjustment_not_draft"
    assert error.params == {"number": "PA-a", "status": "applied"}


def test_clerk_may_not_approve_adjustment(world):
    adjustment(world, "a", TODAY, [{"price_kind": "list", "new_price": "11.00"}])
    with pytest.raises(NotAuthorized):
        approve(world, "a", who="clerk")
