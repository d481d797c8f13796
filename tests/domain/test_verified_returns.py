"""sales_return.post after order.verify: limits and credits follow what the verification billed."""

from __future__ import annotations

from decimal import Decimal

import pytest

import domain.models as m
from domain.commands.handlers.return_credit import credit_basis
from domain.commands.handlers.sales_returns import ReturnExceedsBilled, ReturnExceedsDelivered
from tests.domain.conftest import fixed_id
from tests.domain.payloads import delivery_payload, order_payload, receipt_payload
from tests.domain.test_order_verification import ORDER_ID, line_id, verify_payload
from tests.domain.test_sales_returns import return_payload

# 5 × 12.00 − 6.00 = 54.00, and 3.5 × 10.00 = 35.00.
TRIAL_LINES = [
    {"product": "p1", "quantity": "5", "unit_price": "12.00", "discount": "6.00"},
    {"product": "p4", "quantity": "3.5", "unit_price": "10.00"},
]


def delivery_line(label, index):
    return fixed_id(f"delivery:{label}:line:{index}")


def trial_order(world, *, deliveries=(("d1", ("5", "3.5")),), prices_include_tax=True):
    """Order TRIAL_LINES and ship them on `deliveries`, (label, quantity per order line) each."""
    world.run("goods_receipt.post", receipt_payload("r1", [("p1", "50", "6.00"), ("p4", "10", "4.00")]), who="keeper")
    world.run("order.create", order_payload("o1", [dict(line) for line in TRIAL_LINES],
                                            prices_include_tax=prices_include_tax), who="clerk")
    world.run("order.confirm", {"id": ORDER_ID}, who="clerk")
    for label, quantities in deliveries:
        lines = [{"order_line_id": line_id(index), "quantity": quantity}
                 for index, quantity in enumerate(quantities) if quantity != "0"]
        world.run("delivery.ship", delivery_payload(label, lines, prices_include_tax=prices_include_tax), who="keeper")
    assert world.get(m.SalesOrder, ORDER_ID).status == "completed"


def verify_trial(world):
    """Verify line 1 from 5 to 4 (discount 4.80, 43.20) and line 2 from 10.00 to 9.00 (31.50)."""
    world.run("order.verify", verify_payload("a", [
        {"order_line_id": line_id(0), "quantity": "4"},
        {"order_line_id": line_id(1), "unit_price": "9.00"},
    ]), who="manager")
    world.session.expire_all()
    assert str(world.get(m.SalesOrderLine, line_id(0)).amount) == "43.20"
    assert str(world.get(m.SalesOrderLine, line_id(1)).amount) == "31.50"


def basis_of(world, delivery_line_id):
    """Read the credit basis of a delivery line as the handler does, after posted returns."""
    world.session.expire_all()
    delivered = world.get(m.DeliveryLine, delivery_line_id)
    lines = world.session.query(m.SalesReturnLine).filter(m.SalesReturnLine.delivery_line_id == delivery_line_id)
    return credit_basis(world.session, delivered, sum((line.quantity for line in lines), Decimal(0)))


def returned_line(world, label, index=0):
    world.session.expire_all()
    return world.get(m.SalesReturnLine, fixed_id(f"return:{label}:line:{index}"))


def test_verified_returnable_is_billed_quantity(world):
    trial_order(world)
    verify_trial(world)
    first, second = basis_of(world, delivery_line("d1", 0)), basis_of(world, delivery_line("d1", 1))
    assert first.verified
    assert first.returnable == Decimal("4")
    assert second.returnable == Decimal("3.5")


def test_verified_credit_at_billed_price(any_world):
    world = any_world
    trial_order(world)
    verify_trial(world)
    world.run("sales_return.post", return_payload("a", [(delivery_line("d1", 0), "1"), (delivery_line("d1", 1), "1")]),
              who="keeper")
    # 43.20 / 4 = 10.80 and 31.50 / 3.5 = 9.00, not the delivered 10.00.
    assert str(returned_line(world, "a", 0).amount) == "10.80"
    assert str(returned_line(world, "a", 1).amount) == "9.00"
    assert str(world.get(m.SalesReturn, fixed_id("return:a")).total_amount) == "19.80"


def test_verified_over_return_rejected(any_world):
    world = any_world
    trial_order(world)
    verify_trial(world)
    with pytest.raises(ReturnExceedsBilled) as err:
        world.run("sales_return.post", return_payload("a", [(delivery_line("d1", 0), "5")]), who="keeper")
    assert err.value.code == "return_exceeds_billed"
    assert err.value.params["billed"] == "4.000"
    assert err.value.params["returned"] == "0.000"
    assert err.value.params["requested"] == "5.000"
    assert world.get(m.SalesReturn, fixed_id("return:a")) is None


def test_verified_full_return_credits_billed(world):
    trial_order(world, prices_include_tax=False)
    verify_trial(world)
    world.run("sales_return.post", return_payload("a", [(delivery_line("d1", 0), "4"), (delivery_line("d1", 1), "3.5")]),
              who="keeper")
    order_lines = [world.get(m.SalesOrderLine, line_id(index)) for index in (0, 1)]
    for index, order_line in enumerate(order_lines):
        line = returned_line(world, "a", index)
        assert line.amount == order_line.amount
        assert line.tax_amount == order_line.tax_amount
    assert basis_of(world, delivery_line("d1", 0)).returnable == Decimal(0)
    assert basis_of(world, delivery_line("d1", 1)).returnable == Decimal(0)


def test_verified_parts_sum_to_billed(world):
    trial_order(world)
    # 3.5 × 9.07 = 31.745, billed 31.75, which no part divides evenly.
    world.run("order.verify", verify_payload("a", [{"order_line_id": line_id(1), "unit_price": "9.07"}]),
              who="manager")
    parts = ("1", "1", "1.5")
    for label, quantity in zip("abc", parts):
        world.run("sales_return.post", return_payload(label, [(delivery_line("d1", 1), quantity)]), who="keeper")
    amounts = [returned_line(world, label).amount for label in "abc"]
    taxes = [returned_line(world, label).tax_amount for label in "abc"]
    assert [str(amount) for amount in amounts] == ["9.07", "9.07", "13.61"]
    order_line = world.get(m.SalesOrderLine, line_id(1))
    assert sum(amounts) == order_line.amount
    assert sum(taxes) == order_line.tax_amount


def test_verified_line_on_two_deliveries(world):
    """Line 1 ships 3 on DN-d1 and 2 on DN-d2, then is verified to 4: both deliveries share the 4 billed."""
    trial_order(world, deliveries=(("d1", ("3", "3.5")), ("d2", ("2", "0"))))
    verify_trial(world)
    assert basis_of(world, delivery_line("d1", 0)).returnable == Decimal("3")
    assert basis_of(world, delivery_line("d2", 0)).returnable == Decimal("2")

    world.run("sales_return.post", return_payload("a", [(delivery_line("d1", 0), "3")]), who="keeper")
    assert str(returned_line(world, "a").amount) == "32.40"
    assert basis_of(world, delivery_line("d2", 0)).returnable == Decimal("1")
    with pytest.raises(ReturnExceedsBilled):
        world.run("sales_return.post", return_payload("b", [(delivery_line("d2", 0), "2")], delivery="d2"),
                  who="keeper")

    world.run("sales_return.post", return_payload("c", [(delivery_line("d2", 0), "1")], delivery="d2"), who="keeper")
    assert str(returned_line(world, "c").amount) == "10.80"
    assert returned_line(world, "a").amount + returned_line(world, "c").amount == Decimal("43.20")


def test_verified_delivery_limit_still_applies(world):
    """A verification raising the quantity bills more, but a delivery line gives back no more than it delivered."""
    trial_order(world)
    world.run("order.verify", verify_payload("a", [{"order_line_id": line_id(0), "quantity": "6"}]), who="manager")
    assert basis_of(world, delivery_line("d1", 0)).returnable == Decimal("5")
    with pytest.raises(ReturnExceedsDelivered):
        world.run("sales_return.post", return_payload("a", [(delivery_line("d1", 0), "6")]), who="keeper")


def test_unverified_line_keeps_delivery_basis(world):
    trial_order(world, deliveries=(("d1", ("3", "3.5")), ("d2", ("2", "0"))))
    basis = basis_of(world, delivery_line("d2", 0))
    assert not basis.verified
    assert basis.returnable == Decimal("2")
    # 2/5 of 54.00 goes on DN-d2, and 1 of its 2 is 10.80.
    world.run("sales_return.post", return_payload("a", [(delivery_line("d2", 0), "1")], delivery="d2"), who="keeper")
    assert str(returned_line(world, "a").amount) == "10.80"
