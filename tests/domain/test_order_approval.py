"""order.approve / order.send_back: approval records, the discount limit, the clerk's second confirm."""

from __future__ import annotations

import pytest
from sqlalchemy import select

import domain.models as m
from domain.commands.framework import CommandRejected, InvalidPayload, NotAuthorized
from tests.domain.conftest import ID, fixed_id
from tests.domain.payloads import order_payload, receipt_payload

# 10 × 12.00 = 120.00 less a 30.00 discount: 25 % off the line.
DISCOUNTED = [{"product": "p1", "quantity": "10", "unit_price": "12.00", "discount": "30.00"}]


def stocked(world):
    world.run("goods_receipt.post", receipt_payload(f"stock-{world.counter}", [("p1", "100", "7.00")]), who="keeper")


def submitted_order(world, label="o1", lines=None):
    """Enter and confirm an order that waits for approval because its discount is above 20 %."""
    world.settings["max_discount_percent"] = "0.2"
    world.run("order.create", order_payload(label, [dict(line) for line in (lines or DISCOUNTED)]), who="clerk")
    result = world.run("order.confirm", {"id": fixed_id(f"order:{label}")}, who="clerk").result
    assert result["status"] == "submitted"
    return fixed_id(f"order:{label}")


def approvals(world, order_id):
    world.session.expire_all()
    return world.session.execute(
        select(m.OrderApproval).where(m.OrderApproval.order_id == order_id)
    ).scalars().all()


def test_discount_above_limit_needs_approval(any_world):
    world = any_world
    stocked(world)
    order_id = submitted_order(world)
    order = world.get(m.SalesOrder, order_id)
    assert order.status == "submitted"
    assert '"discount_above_limit"' in order.approval_reasons
    assert str(world.balance("p1", "w_block").reserved) == "0.000"


def test_discount_reason_params(world):
    stocked(world)
    world.settings["max_discount_percent"] = "0.2"
    world.run("order.create", order_payload("o1", [dict(DISCOUNTED[0])]), who="clerk")
    result = world.run("order.confirm", {"id": fixed_id("order:o1")}, who="clerk").result
    assert result["approval_reasons"] == [{
        "code": "discount_above_limit",
        "params": {"product_code": "P001", "discount_percent": "0.2500", "max_discount_percent": "0.2"},
    }]


def test_discount_at_limit_approves(world):
    stocked(world)
    world.settings["max_discount_percent"] = "0.25"
    world.run("order.create", order_payload("o1", [dict(DISCOUNTED[0])]), who="clerk")
    result = world.run("order.confirm", {"id": fixed_id("order:o1")}, who="clerk").result
    assert result["status"] == "approved"
    assert result["approval_reasons"] == []


def test_discount_without_setting_approves(world):
    stocked(world)
    world.run("order.create", order_payload("o1", [dict(DISCOUNTED[0])]), who="clerk")
    result = world.run("order.confirm", {"id": fixed_id("order:o1")}, who="clerk").result
    assert result["status"] == "approved"


def test_approve_writes_approval_record(any_world):
    world = any_world
    stocked(world)
    order_id = submitted_order(world)
    world.run("order.approve", {"id": order_id, "comment": "老客户，同意"}, who="manager")
    rows = approvals(world, order_id)
    assert len(rows) == 1
    assert rows[0].decision == "approved"
    assert rows[0].comment == "老客户，同意"
    assert rows[0].decided_by == ID["manager"]
    assert [rule["code"] for rule in rows[0].rules] == ["discount_above_limit"]
    assert rows[0].rules[0]["params"]["max_discount_percent"] == "0.2"
    assert world.get(m.SalesOrder, order_id).status == "approved"
    assert str(world.balance("p1", "w_block").reserved) == "10.000"


def test_send_back_returns_draft(any_world):
    world = any_world
    stocked(world)
    order_id = submitted_order(world)
    result = world.run("order.send_back", {"id": order_id, "comment": "折扣太大，请改到八折以内"}, who="manager").result
    assert result["status"] == "draft"
    order = world.get(m.SalesOrder, order_id)
    assert order.status == "draft"
    assert '"discount_above_limit"' in order.approval_reasons
    assert str(world.balance("p1", "w_block").reserved) == "0.000"
    rows = approvals(world, order_id)
    assert [(row.decision, row.comment) for row in rows] == [("sent_back", "折扣太大，请改到八折以内")]
    assert rows[0].rules[0]["code"] == "discount_above_limit"


def test_send_back_then_fix_and_confirm(world):
    stocked(world)
    order_id = submitted_order(world)
    world.run("order.send_back", {"id": order_id, "comment": "折扣太大"}, who="manager")
    fixed = [{"product": "p1", "quantity": "10", "unit_price": "12.00", "discount": "12.00"}]
    world.run("order.update", order_payload("o1", fixed), who="clerk")
    result = world.run("order.confirm", {"id": order_id}, who="clerk").result
    assert result["status"] == "approved"
    order = world.get(m.SalesOrder, order_id)
    assert order.approval_reasons is None
    assert str(world.balance("p1", "w_block").reserved) == "10.000"


def test_send_back_requires_submitted(world):
    stocked(world)
    world.run("order.create", order_payload("o1", [{"product": "p1", "quantity": "1", "unit_price": "12"}]), who="clerk")
    with pytest.raises(CommandRejected) as err:
        world.run("order.send_back", {"id": fixed_id("order:o1"), "comment": "为什么"}, who="manager")
    assert err.value.code == "order_not_submitted"
    assert err.value.params["status"] == "draft"
    assert approvals(world, fixed_id("order:o1")) == []


def test_send_back_requires_comment(world):
    stocked(world)
    order_id = submitted_order(world)
    with pytest.raises(InvalidPayload):
        world.run("order.send_back", {"id": order_id, "comment": ""}, who="manager")
    assert world.get(m.SalesOrder, order_id).status == "submitted"


def test_clerk_may_not_send_back(world):
    stocked(world)
    order_id = submitted_order(world)
    with pytest.raises(NotAuthorized):
        world.run("order.send_back", {"id": order_id, "comment": "自己退回"}, who="clerk")
    with pytest.raises(NotAuthorized):
        world.run("order.send_back", {"id": order_id, "comment": "财务退回"}, who="finance")


def test_admin_may_send_back(world):
    stocked(world)
    order_id = submitted_order(world)
    assert world.run("order.send_back", {"id": order_id, "comment": "退回"}, who="admin").result["status"] == "draft"


def test_second_approval_rejected_without_record(world):
    stocked(world)
    order_id = submitted_order(world)
    world.run("order.approve", {"id": order_id}, who="manager")
    with pytest.raises(CommandRejected) as err:
        world.run("order.approve", {"id": order_id}, who="manager")
    assert err.value.code == "order_not_submitted"
    with pytest.raises(CommandRejected):
        world.run("order.send_back", {"id": order_id, "comment": "晚了"}, who="manager")
    assert [row.decision for row in approvals(world, order_id)] == ["approved"]


def test_approvals_in_turn_fail_alone(any_world):
    """Four submitted orders approved one after another: the one stock no longer covers fails alone."""
    world = any_world
    world.run("goods_receipt.post", receipt_payload("r", [("p1", "25", "7.00")]), who="keeper")
    # Submitted orders reserve nothing, so all four pass the stock check at confirm.
    ids = [submitted_order(world, label, [{"product": "p1", "quantity": quantity, "unit_price": "12.00",
                                           "discount": discount}])
           for label, quantity, discount in (("a", "10", "30.00"), ("b", "10", "30.00"),
                                             ("c", "10", "30.00"), ("d", "5", "15.00"))]
    outcomes = []
    for order_id in ids:
        try:
            world.run("order.approve", {"id": order_id}, who="manager")
            outcomes.append("approved")
        except CommandRejected as err:
            outcomes.append(err.code)
    # Orders a and b reserve 20 of 25, so c's 10 no longer fits, but d's 5 does.
    assert outcomes == ["approved", "approved", "insufficient_stock", "approved"]
    assert [world.get(m.SalesOrder, order_id).status for order_id in ids] == [
        "approved", "approved", "submitted", "approved"]
    assert approvals(world, ids[2]) == []
    assert str(world.balance("p1", "w_block").reserved) == "25.000"
