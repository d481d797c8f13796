"""OrderHistory: one row per event of an order's life, with author, reason and changed values."""

from __future__ import annotations

from sqlalchemy import select

import domain.models as m
from tests.domain.conftest import ID, NOW, fixed_id
from tests.domain.payloads import delivery_payload, order_payload, receipt_payload

LINE = {"product": "p1", "quantity": "10", "unit_price": "12.00"}


def history(world, order_id):
    """Return the order's history rows.

    The test world runs every command at the same instant and does not stamp
    change numbers, so the rows come in no particular order.
    """
    world.session.expire_all()
    return world.session.execute(select(m.OrderHistory).where(m.OrderHistory.order_id == order_id)).scalars().all()


def events(world, order_id):
    return sorted((row.event, row.user_id) for row in history(world, order_id))


def only(world, order_id, event):
    rows = [row for row in history(world, order_id) if row.event == event]
    assert len(rows) == 1, [row.event for row in rows]
    return rows[0]


def stocked(world):
    world.run("goods_receipt.post", receipt_payload(f"stock-{world.counter}", [("p1", "100", "7.00")]), who="keeper")


def test_create_and_edit_recorded(any_world):
    world = any_world
    world.run("order.create", order_payload("o1", [dict(LINE)]), who="clerk")
    world.run("order.update", order_payload("o1", [dict(LINE, quantity="8")], note="改数量"), who="clerk2")
    order_id = fixed_id("order:o1")
    assert events(world, order_id) == [("created", ID["clerk"]), ("edited", ID["clerk2"])]
    created, edited = only(world, order_id, "created"), only(world, order_id, "edited")
    assert created.after == {"status": "draft", "total_amount": "120.00"}
    assert created.occurred_at == NOW
    assert sorted(edited.before) == ["lines", "note", "total_amount"]
    assert edited.before["total_amount"] == "120.00"
    assert edited.after["total_amount"] == "96.00"
    assert edited.before["note"] is None
    assert edited.after["note"] == "改数量"
    assert edited.before["lines"][0]["quantity"] == "10.000"
    assert edited.after["lines"][0]["quantity"] == "8.000"
    assert edited.mutation_id is not None


def test_unchanged_edit_records_nothing_changed(world):
    world.run("order.create", order_payload("o1", [dict(LINE)]), who="clerk")
    world.run("order.update", order_payload("o1", [dict(LINE)]), who="clerk")
    edited = only(world, fixed_id("order:o1"), "edited")
    assert edited.before == {}
    assert edited.after == {}


def test_confirm_records_submit_and_approve(world):
    stocked(world)
    world.run("order.create", order_payload("o1", [dict(LINE)]), who="clerk")
    world.run("order.confirm", {"id": fixed_id("order:o1")}, who="clerk")
    order_id = fixed_id("order:o1")
    assert [event for event, _user in events(world, order_id)] == ["approved", "created", "submitted"]
    submitted, approved = only(world, order_id, "submitted"), only(world, order_id, "approved")
    assert submitted.before == {"status": "draft"}
    assert submitted.after == {"status": "submitted", "approval_reasons": []}
    assert approved.before == {"status": "submitted"}
    assert approved.after == {"status": "approved"}


def test_approval_path_recorded(world):
    stocked(world)
    world.settings["max_discount_percent"] = "0.1"
    world.run("order.create", order_payload("o1", [dict(LINE, discount="24.00")]), who="clerk")
    order_id = fixed_id("order:o1")
    world.run("order.confirm", {"id": order_id}, who="clerk")
    world.run("order.send_back", {"id": order_id, "comment": "折扣超限"}, who="manager")
    world.run("order.confirm", {"id": order_id}, who="clerk")
    world.run("order.approve", {"id": order_id}, who="manager")
    assert events(world, order_id) == sorted([
        ("created", ID["clerk"]), ("submitted", ID["clerk"]), ("sent_back", ID["manager"]),
        ("submitted", ID["clerk"]), ("approved", ID["manager"]),
    ])
    sent_back = only(world, order_id, "sent_back")
    assert sent_back.reason == "折扣超限"
    assert sent_back.before == {"status": "submitted"}
    assert sent_back.after["status"] == "draft"
    assert sent_back.after["approval_reasons"][0]["code"] == "discount_above_limit"
    submitted = [row for row in history(world, order_id) if row.event == "submitted"]
    assert [row.after["approval_reasons"][0]["code"] for row in submitted] == ["discount_above_limit"] * 2
    assert only(world, order_id, "approved").user_id == ID["manager"]


def test_cancel_recorded_with_reason(world):
    stocked(world)
    world.run("order.create", order_payload("o1", [dict(LINE)]), who="clerk")
    world.run("order.confirm", {"id": fixed_id("order:o1")}, who="clerk")
    world.run("order.cancel", {"id": fixed_id("order:o1"), "reason": "客户不要了"}, who="clerk")
    cancelled = only(world, fixed_id("order:o1"), "cancelled")
    assert cancelled.reason == "客户不要了"
    assert cancelled.before == {"status": "approved"}
    assert cancelled.after == {"status": "cancelled"}


def test_deliveries_recorded(any_world):
    world = any_world
    stocked(world)
    world.run("order.create", order_payload("o1", [dict(LINE)]), who="clerk")
    order_id = fixed_id("order:o1")
    world.run("order.confirm", {"id": order_id}, who="clerk")
    line_id = fixed_id("order:o1:line:0")
    world.run("delivery.ship", delivery_payload("d1", [{"order_line_id": line_id, "quantity": "4"}]), who="keeper")
    world.run("delivery.ship", delivery_payload("d2", [{"order_line_id": line_id, "quantity": "6"}]), who="keeper")
    delivered = sorted((row for row in history(world, order_id) if row.event == "delivered"),
                       key=lambda row: row.after["delivery_number"])
    assert [row.user_id for row in delivered] == [ID["keeper"], ID["keeper"]]
    first, second = delivered
    completed = only(world, order_id, "completed")
    assert completed.user_id == ID["keeper"]
    assert first.before == {"status": "approved"}
    assert first.after == {"status": "partly_delivered", "delivery_number": "DN-d1"}
    assert second.after == {"status": "completed", "delivery_number": "DN-d2"}
    assert completed.before == {"status": "partly_delivered"}
    assert completed.after == {"status": "completed", "delivery_number": "DN-d2"}


def test_client_and_server_write_same_rows(world):
    """The optimistic run and the authoritative run of one command derive the same history ids."""
    mutation = world.next_mutation()
    world.run("order.create", order_payload("o1", [dict(LINE)]), who="clerk", authoritative=False, mutation_id=mutation)
    client_ids = [row.id for row in history(world, fixed_id("order:o1"))]
    world.session.rollback()
    world.session.execute(m.OrderHistory.__table__.delete())
    world.session.execute(m.SalesOrderLine.__table__.delete())
    world.session.execute(m.SalesOrder.__table__.delete())
    world.session.commit()
    world.run("order.create", order_payload("o1", [dict(LINE)]), who="clerk", mutation_id=mutation)
    assert [row.id for row in history(world, fixed_id("order:o1"))] == client_ids
