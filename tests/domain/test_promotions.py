"""Promotions: special prices in the price lookup, the promotion commands, and buy-N-get-M gift lines.

The seeded customer "cust" is in category VIP, "cust2" has no category.
Product p1 sells per 袋 at 10.00 and has the pack unit 箱 of 12 袋; p2 has a
minimum order quantity of 2; p4 has a lowest price of 5.00.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import select

import domain.models as m
from domain.commands.framework import CommandRejected, InvalidPayload, NotAuthorized
from domain.price_lookup import PriceRule, quote_price
from domain.promotion_gifts import BoughtLine, GiftRule, gift_line_id, gift_lines, gift_lines_for_customer
from tests.domain.conftest import ID, TODAY, fixed_id
from tests.domain.payloads import order_payload, receipt_payload

D = dt.date


def promotion(world, label, *, kind="special_price", product="p1", unit=None, start=D(2026, 12, 1),
              end=D(2026, 12, 10), category=None, who="manager", command="promotion.create", **fields):
    payload = {
        "id": fixed_id(f"promo:{label}"), "code": f"PROMO-{label}", "name": f"促销{label}", "kind": kind,
        "product_id": ID[product], "unit_name": unit, "start_date": start.isoformat(), "end_date": end.isoformat(),
        "customer_category_id": ID[category] if category else None,
    }
    for key, value in fields.items():
        payload[key] = ID[value] if key == "gift_product_id" else value
    return world.run(command, payload, who=who)


def special(world, label, price, **kw):
    return promotion(world, label, special_price=price, **kw)


def buy_get(world, label, buy, get, **kw):
    return promotion(world, label, kind="buy_n_get_m", buy_quantity=buy, gift_quantity=get, **kw)


def quote(world, product="p1", unit=None, on=TODAY, customer="cust2"):
    world.session.expire_all()
    return quote_price(world.session, ID[customer] if customer else None, ID[product], unit, on)


def order_lines(world, order_id):
    world.session.expire_all()
    return world.session.execute(
        select(m.SalesOrderLine).where(m.SalesOrderLine.order_id == order_id).order_by(m.SalesOrderLine.line_no)
    ).scalars().all()


def create_order(world, label, lines, **kw):
    return world.run("order.create", order_payload(label, [dict(line) for line in lines], **kw), who="clerk")


# ---------------------------------------------------------------------------
# Special prices in the price lookup


@pytest.mark.parametrize(
    ("on", "rule", "price", "original"),
    [
        (D(2026, 11, 30), PriceRule.LIST, "10.0000", None),
        (D(2026, 12, 1), PriceRule.PROMOTION, "8.0000", "10.0000"),
        (D(2026, 12, 10), PriceRule.PROMOTION, "8.0000", "10.0000"),
        (D(2026, 12, 11), PriceRule.LIST, "10.0000", None),
    ],
)
def test_special_price_date_range(world, on, rule, price, original):
    special(world, "sp", "8.00")
    found = quote(world, on=on)
    assert found.rule is rule
    assert found.price == Decimal(price)
    assert found.original_price == (Decimal(original) if original else None)


def test_special_price_names_promotion(any_world):
    world = any_world
    special(world, "sp", "8.00")
    found = quote(world)
    assert found.source_id == fixed_id("promo:sp")
    assert found.detail == {"promotion": "促销sp"}


def test_special_price_for_category_only(world):
    special(world, "vip", "8.00", category="cat")
    assert quote(world, customer="cust").rule is PriceRule.PROMOTION
    assert quote(world, customer="cust2").rule is PriceRule.LIST
    assert quote(world, customer=None).rule is PriceRule.LIST


def test_special_price_for_all_reaches_walk_in(world):
    special(world, "all", "8.00")
    assert quote(world, customer=None).price == Decimal("8.0000")


def test_agreed_price_below_special_kept(any_world):
    # A promotion never raises a price: the lower of the agreed and the special price applies.
    world = any_world
    world.run("agreed_price.set", {"id": fixed_id("agreed:low"), "customer_id": ID["cust"], "product_id": ID["p1"],
                                   "price": "7.00"}, who="manager")
    special(world, "sp", "8.00")
    found = quote(world, customer="cust")
    assert found.rule is PriceRule.AGREED
    assert found.price == Decimal("7.0000")
    assert found.original_price is None


def test_special_below_agreed_price_wins(world):
    world.run("agreed_price.set", {"id": fixed_id("agreed:high"), "customer_id": ID["cust"], "product_id": ID["p1"],
                                   "price": "9.00"}, who="manager")
    special(world, "sp", "8.00")
    found = quote(world, customer="cust")
    assert found.rule is PriceRule.PROMOTION
    assert found.original_price == Decimal("9.0000")


def test_lowest_special_price_wins(world):
    special(world, "a", "8.50")
    special(world, "b", "8.00")
    assert quote(world).source_id == fixed_id("promo:b")


def test_special_price_converts_to_pack(world):
    special(world, "sp", "8.00")
    box = quote(world, unit="箱")
    assert (box.rule, box.price, box.original_price) == (PriceRule.PROMOTION, Decimal("96.0000"), Decimal("120.0000"))


def test_pack_special_price_wins_over_base(world):
    special(world, "base", "8.00")
    special(world, "box", "90.00", unit="箱")
    assert quote(world, unit="箱").price == Decimal("90.0000")


def test_inactive_promotion_ignored(world):
    special(world, "sp", "8.00", active=False)
    assert quote(world).rule is PriceRule.LIST


# ---------------------------------------------------------------------------
# Promotion commands


def test_update_changes_special_price(world):
    special(world, "sp", "8.00")
    special(world, "sp", "7.50", command="promotion.update")
    assert quote(world).price == Decimal("7.5000")
    assert world.get(m.Promotion, fixed_id("promo:sp")).code == "PROMO-sp"


def test_end_brings_last_day_forward(world):
    special(world, "sp", "8.00")
    outcome = world.run("promotion.end", {"id": fixed_id("promo:sp")}, who="manager")
    assert outcome.result["end_date"] == TODAY.isoformat()
    assert quote(world, on=TODAY).rule is PriceRule.PROMOTION
    assert quote(world, on=TODAY + dt.timedelta(days=1)).rule is PriceRule.LIST


def test_end_later_than_end_changes_nothing(world):
    special(world, "sp", "8.00")
    world.run("promotion.end", {"id": fixed_id("promo:sp"), "end_date": "2026-12-20"}, who="manager")
    assert world.get(m.Promotion, fixed_id("promo:sp")).end_date == D(2026, 12, 10)


def test_end_before_start_deactivates(world):
    special(world, "later", "8.00", start=D(2026, 12, 20), end=D(2026, 12, 31))
    outcome = world.run("promotion.end", {"id": fixed_id("promo:later")}, who="manager")
    assert outcome.result["active"] is False
    assert quote(world, on=D(2026, 12, 25)).rule is PriceRule.LIST


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        ({"special_price": "4.00", "product": "p4"}, "price_below_lowest"),
        ({"special_price": "8.00", "start": D(2026, 12, 10), "end": D(2026, 12, 1)}, "invalid_date_range"),
    ],
)
def test_create_rejects_rules(world, fields, code):
    with pytest.raises(CommandRejected) as err:
        promotion(world, "bad", **fields)
    assert err.value.code == code


def test_create_rejects_duplicate_code(world):
    special(world, "sp", "8.00")
    with pytest.raises(CommandRejected) as err:
        world.run("promotion.create", {
            "id": fixed_id("promo:other"), "code": "PROMO-sp", "name": "重复", "kind": "special_price",
            "product_id": ID["p1"], "start_date": "2026-12-01", "end_date": "2026-12-02", "special_price": "9.00",
        }, who="manager")
    assert err.value.code == "duplicate_code"
    assert err.value.params["value"] == "PROMO-sp"


@pytest.mark.parametrize(
    "fields",
    [
        {"kind": "special_price"},
        {"kind": "buy_n_get_m", "buy_quantity": "10"},
        {"kind": "buy_n_get_m", "buy_quantity": "10", "gift_quantity": "1", "special_price": "8.00"},
    ],
)
def test_create_checks_fields_of_kind(world, fields):
    with pytest.raises(InvalidPayload):
        promotion(world, "bad", **fields)


def test_clerk_may_not_create_promotion(world):
    with pytest.raises(NotAuthorized):
        special(world, "sp", "8.00", who="clerk")


def test_unknown_gift_unit_invalid(world):
    with pytest.raises(InvalidPayload):
        buy_get(world, "bg", "10", "1", gift_unit_name="桶")


# ---------------------------------------------------------------------------
# Gift lines: the pure computation


def rule(buy="10", get="1", *, repeat=True, buy_factor="1", gift_factor="1", gift_product="p1"):
    return GiftRule(
        promotion_id="promo", product_id="p1", buy_quantity=Decimal(buy), buy_unit_factor=Decimal(buy_factor),
        gift_product_id=gift_product, gift_unit_name="袋", gift_unit_factor=Decimal(gift_factor),
        gift_quantity=Decimal(get), repeat=repeat,
    )


@pytest.mark.parametrize(
    ("bought", "gift_rule", "expected"),
    [
        ("20", rule(), "2.000"),  # exact multiple
        ("25", rule(), "2.000"),  # the remainder earns nothing
        ("9.999", rule(), None),  # below N
        ("30", rule(repeat=False), "1.000"),  # repeat off: once per line
        ("24", rule("1", "2", buy_factor="12"), "4.000"),  # buy 1 箱 (12 袋) get 2
        ("23", rule("1", "2", buy_factor="12"), "2.000"),
        ("20", rule("2.5", "0.5"), "4.000"),  # decimal quantities
    ],
)
def test_gift_lines_quantities(bought, gift_rule, expected):
    gifts = gift_lines([BoughtLine("line-1", "p1", Decimal(bought))], [gift_rule])
    if expected is None:
        assert gifts == []
        return
    assert len(gifts) == 1
    assert gifts[0].quantity == Decimal(expected)
    assert gifts[0].gift_for_line_id == "line-1"
    assert gifts[0].id == gift_line_id("line-1", "promo")


def test_gift_lines_pack_gift_unit():
    gifts = gift_lines([BoughtLine("line-1", "p1", Decimal("24"))], [rule("12", "1", gift_factor="12")])
    assert (gifts[0].quantity, gifts[0].base_quantity) == (Decimal("2.000"), Decimal("24.000"))


def test_gift_lines_count_each_line_alone():
    lines = [BoughtLine("a", "p1", Decimal("6")), BoughtLine("b", "p1", Decimal("6")), BoughtLine("c", "p4", Decimal("50"))]
    assert gift_lines(lines, [rule()]) == []


# ---------------------------------------------------------------------------
# Gift lines on orders


def test_order_gets_gift_line(any_world):
    world = any_world
    buy_get(world, "bg", "10", "1")
    outcome = create_order(world, "o1", [{"product": "p1", "quantity": "25", "unit_price": "10.00"},
                                          {"product": "p4", "quantity": "1", "unit_price": "6.80"}])
    lines = order_lines(world, outcome.result["id"])
    assert [(line.product_id, line.quantity, line.is_gift) for line in lines] == [
        (ID["p1"], Decimal("25.000"), False),
        (ID["p1"], Decimal("2.000"), True),
        (ID["p4"], Decimal("1.000"), False),
    ]
    gift = lines[1]
    assert gift.id == gift_line_id(fixed_id("order:o1:line:0"), fixed_id("promo:bg"))
    assert gift.gift_for_line_id == fixed_id("order:o1:line:0")
    assert gift.promotion_id == fixed_id("promo:bg")
    assert (gift.unit_price, gift.amount, gift.tax_amount) == (Decimal(0), Decimal(0), Decimal(0))
    assert gift.price_rule == "promotion"
    # The gift adds nothing to the totals: 25 × 10.00 + 6.80.
    assert world.get(m.SalesOrder, outcome.result["id"]).lines_amount == Decimal("256.80")


def test_order_gift_in_pack_unit(world):
    buy_get(world, "bg", "10", "1")
    outcome = create_order(world, "o1", [{"product": "p1", "unit_name": "箱", "quantity": "2", "unit_price": "120.00"}])
    gift = order_lines(world, outcome.result["id"])[1]
    # 2 箱 = 24 袋 earn floor(24 / 10) = 2 gifts of 1 袋.
    assert (gift.unit_name, gift.quantity, gift.base_quantity) == ("袋", Decimal("2.000"), Decimal("2.000"))


def test_order_gift_of_other_product(world):
    buy_get(world, "bg", "10", "1", gift_product_id="p4", repeat=False)
    outcome = create_order(world, "o1", [{"product": "p1", "quantity": "30", "unit_price": "10.00"}])
    gift = order_lines(world, outcome.result["id"])[1]
    assert (gift.product_id, gift.unit_name, gift.quantity) == (ID["p4"], "支", Decimal("1.000"))
    assert gift.tax_rate == Decimal("0.0900")


def test_gift_ignores_minimum_quantity(world):
    # p2's minimum order quantity is 2, but a gift of 1 is still added.
    buy_get(world, "bg", "10", "1", gift_product_id="p2")
    outcome = create_order(world, "o1", [{"product": "p1", "quantity": "10", "unit_price": "10.00"}])
    gift = order_lines(world, outcome.result["id"])[1]
    assert (gift.product_id, gift.quantity) == (ID["p2"], Decimal("1.000"))


def test_server_recomputes_client_gift(world):
    buy_get(world, "bg", "10", "1")
    payload = order_payload("o1", [{"product": "p1", "quantity": "20", "unit_price": "10.00"}])
    payload["lines"].append({"id": fixed_id("client-gift"), "product_id": ID["p1"], "quantity": "99",
                             "unit_price": "0", "is_gift": True, "promotion_id": fixed_id("promo:bg")})
    outcome = world.run("order.create", payload, who="clerk")
    lines = order_lines(world, outcome.result["id"])
    assert [line.quantity for line in lines] == [Decimal("20.000"), Decimal("2.000")]
    assert fixed_id("client-gift") not in {line.id for line in lines}


def test_manual_gift_line_kept(world):
    buy_get(world, "bg", "10", "1")
    outcome = create_order(world, "o1", [{"product": "p1", "quantity": "20", "unit_price": "10.00"},
                                          {"product": "p4", "quantity": "1", "unit_price": "0", "is_gift": True}])
    lines = order_lines(world, outcome.result["id"])
    # The manual gift earns nothing and stays. The promotion adds its own gift after line 1.
    assert [(line.product_id, line.quantity, line.promotion_id is not None) for line in lines] == [
        (ID["p1"], Decimal("20.000"), False),
        (ID["p1"], Decimal("2.000"), True),
        (ID["p4"], Decimal("1.000"), False),
    ]


def test_update_recomputes_gift(world):
    buy_get(world, "bg", "10", "1")
    create_order(world, "o1", [{"product": "p1", "quantity": "20", "unit_price": "10.00"}])
    world.run("order.update", order_payload("o1", [{"product": "p1", "quantity": "35", "unit_price": "10.00"}]),
              who="clerk")
    lines = order_lines(world, fixed_id("order:o1"))
    assert [line.quantity for line in lines] == [Decimal("35.000"), Decimal("3.000")]
    world.run("order.update", order_payload("o1", [{"product": "p1", "quantity": "5", "unit_price": "10.00"}]),
              who="clerk")
    assert [line.quantity for line in order_lines(world, fixed_id("order:o1"))] == [Decimal("5.000")]


def test_gift_only_for_promotion_category(world):
    buy_get(world, "bg", "10", "1", category="cat")
    vip = create_order(world, "o1", [{"product": "p1", "quantity": "10", "unit_price": "10.00"}], customer="cust")
    other = create_order(world, "o2", [{"product": "p1", "quantity": "10", "unit_price": "10.00"}], customer="cust2")
    assert len(order_lines(world, vip.result["id"])) == 2
    assert len(order_lines(world, other.result["id"])) == 1


def test_gift_outside_dates_not_added(world):
    buy_get(world, "bg", "10", "1", start=D(2026, 12, 5))
    outcome = create_order(world, "o1", [{"product": "p1", "quantity": "10", "unit_price": "10.00"}])
    assert len(order_lines(world, outcome.result["id"])) == 1


def test_gift_reserves_stock(world):
    world.run("goods_receipt.post", receipt_payload("stock", [("p1", "100", "7.00")]))
    buy_get(world, "bg", "10", "1")
    create_order(world, "o1", [{"product": "p1", "quantity": "20", "unit_price": "10.00"}])
    world.run("order.confirm", {"id": fixed_id("order:o1")}, who="clerk")
    assert world.balance("p1", "w_block").reserved == Decimal("22.000")


def test_special_price_line_keeps_promotion(world):
    special(world, "sp", "8.00")
    outcome = create_order(world, "o1", [{"product": "p1", "quantity": "3", "unit_price": "8.00", "list_price": "10.00",
                                          "price_rule": "promotion", "promotion_id": fixed_id("promo:sp")}])
    line = order_lines(world, outcome.result["id"])[0]
    assert (line.promotion_id, line.list_price, line.is_gift) == (fixed_id("promo:sp"), Decimal("10.0000"), False)


def test_unknown_promotion_on_line_invalid(world):
    with pytest.raises(InvalidPayload):
        create_order(world, "o1", [{"product": "p1", "quantity": "3", "unit_price": "8.00",
                                    "promotion_id": fixed_id("promo:none")}])


def test_grid_gifts_match_order(world):
    buy_get(world, "bg", "10", "1", category="cat")
    outcome = create_order(world, "o1", [{"product": "p1", "quantity": "25", "unit_price": "10.00"}])
    bought = [BoughtLine(fixed_id("order:o1:line:0"), ID["p1"], Decimal("25.000"))]
    computed = gift_lines_for_customer(world.session, ID["cust"], TODAY, bought)
    stored = [line for line in order_lines(world, outcome.result["id"]) if line.is_gift]
    assert [(gift.id, gift.quantity) for gift in computed] == [(line.id, line.quantity) for line in stored]
    assert gift_lines_for_customer(world.session, ID["cust2"], TODAY, bought) == []
