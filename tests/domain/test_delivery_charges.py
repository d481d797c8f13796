"""delivery.ship bills the order's freight and document discount with its deliveries."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import select

import domain.models as m
from domain.commands.framework import InvalidPayload
from tests.domain.conftest import fixed_id
from tests.domain.payloads import delivery_payload, order_payload, receipt_payload
from tests.domain.test_deliveries import line_of

TWO_LINES = [
    {"product": "p1", "quantity": "10", "unit_price": "12.00"},
    {"product": "p4", "quantity": "3", "unit_price": "6.80"},
]


def charged_order(world, freight, discount, label="o1"):
    world.run("goods_receipt.post", receipt_payload("r1", [("p1", "50", "6.00"), ("p4", "10", "4.00")]), who="keeper")
    payload = order_payload(label, [dict(line) for line in TWO_LINES], freight_amount=freight, discount_amount=discount)
    world.run("order.create", payload, who="clerk")
    world.run("order.confirm", {"id": fixed_id(f"order:{label}")}, who="clerk")
    return world.get(m.SalesOrder, fixed_id(f"order:{label}"))


def receivable_of(world, label):
    return world.session.execute(
        select(m.ReceivableEntry.amount).where(m.ReceivableEntry.document_id == fixed_id(f"delivery:{label}"))
    ).scalar_one()


def test_full_delivery_bills_freight_and_discount(any_world):
    world = any_world
    order = charged_order(world, "8.00", "2.00")
    # 10 × 12.00 + 3 × 6.80 = 140.40; + 8.00 − 2.00 = 146.40
    assert str(order.total_amount) == "146.40"

    result = world.run("delivery.ship", delivery_payload("d1", [
        {"order_line_id": line_of("o1", 0), "quantity": "10"},
        {"order_line_id": line_of("o1", 1), "quantity": "3"},
    ]), who="keeper").result

    note = world.get(m.DeliveryNote, fixed_id("delivery:d1"))
    assert str(note.freight_amount) == "8.00"
    assert str(note.discount_amount) == "2.00"
    assert result["total_amount"] == "146.40"
    assert (result["freight_amount"], result["discount_amount"]) == ("8.00", "2.00")
    assert receivable_of(world, "d1") == order.total_amount


def test_partial_deliveries_sum_to_order_charges(any_world):
    world = any_world
    order = charged_order(world, "10.00", "3.33")

    world.run("delivery.ship", delivery_payload("d1", [
        {"order_line_id": line_of("o1", 0), "quantity": "5"},
    ]), who="keeper")
    world.run("delivery.ship", delivery_payload("d2", [
        {"order_line_id": line_of("o1", 0), "quantity": "5"},
        {"order_line_id": line_of("o1", 1), "quantity": "3"},
    ]), who="keeper")

    first = world.get(m.DeliveryNote, fixed_id("delivery:d1"))
    second = world.get(m.DeliveryNote, fixed_id("delivery:d2"))
    # 60.00 of 140.40 delivered: 10.00 × 60.00 / 140.40 = 4.2735 → 4.27; 3.33 × 0.42735 = 1.4231 → 1.42
    assert (str(first.freight_amount), str(first.discount_amount)) == ("4.27", "1.42")
    assert str(first.total_amount) == "62.85"
    # The completing delivery takes the rest: 10.00 − 4.27 and 3.33 − 1.42.
    assert (str(second.freight_amount), str(second.discount_amount)) == ("5.73", "1.91")
    assert first.freight_amount + second.freight_amount == order.freight_amount
    assert first.discount_amount + second.discount_amount == order.discount_amount
    assert receivable_of(world, "d1") + receivable_of(world, "d2") == order.total_amount
    assert str(order.total_amount) == "147.07"


def test_delivery_after_completion_bills_nothing(any_world):
    world = any_world
    charged_order(world, "8.00", "2.00")
    world.run("delivery.ship", delivery_payload("d1", [
        {"order_line_id": line_of("o1", 0), "quantity": "10"},
        {"order_line_id": line_of("o1", 1), "quantity": "3"},
    ]), who="keeper")

    world.run("delivery.ship", delivery_payload("d2", [{"order_line_id": line_of("o1", 0), "quantity": "1"}]), who="keeper")

    extra = world.get(m.DeliveryNote, fixed_id("delivery:d2"))
    assert extra.freight_amount == Decimal("0")
    assert extra.discount_amount == Decimal("0")
    assert str(extra.total_amount) == "12.00"


def test_order_without_charges_unchanged(any_world):
    world = any_world
    order = charged_order(world, "0", "0")

    # A client's freight is ignored for order lines: the order has none.
    result = world.run("delivery.ship", delivery_payload("d1", [
        {"order_line_id": line_of("o1", 0), "quantity": "4"},
    ], freight_amount="5.00"), who="keeper").result

    note = world.get(m.DeliveryNote, fixed_id("delivery:d1"))
    assert note.freight_amount == Decimal("0")
    assert note.discount_amount == Decimal("0")
    assert result["total_amount"] == "48.00"
    assert order.status == "partly_delivered"


def test_delivery_without_order_uses_payload_charges(world):
    result = world.run("delivery.ship", delivery_payload(
        "d1", [{"product": "p1", "quantity": "1", "unit_price": "10.00"}], warehouse="w_allow",
        freight_amount="5.00", discount_amount="1.00"), who="keeper").result

    assert result["total_amount"] == "14.00"
    assert str(receivable_of(world, "d1")) == "14.00"


def test_delivery_without_order_rejects_excess_discount(world):
    payload = delivery_payload(
        "d1", [{"product": "p1", "quantity": "1", "unit_price": "10.00"}], warehouse="w_allow", discount_amount="10.01")

    with pytest.raises(InvalidPayload):
        world.run("delivery.ship", payload, who="keeper")
