"""delivery.ship: partial and full delivery, reservation, receivable, flags, cost."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

import domain.models as m
from domain.commands.framework import OutOfScope
from tests.domain.conftest import ID, TODAY, fixed_id
from tests.domain.payloads import delivery_payload, order_payload, receipt_payload


def approved_order(world, lines, label="o1", warehouse="w_block"):
    world.run("order.create", order_payload(label, lines, warehouse=warehouse), who="clerk")
    world.run("order.confirm", {"id": fixed_id(f"order:{label}")}, who="clerk")
    return fixed_id(f"order:{label}")


def line_of(label, index):
    return fixed_id(f"order:{label}:line:{index}")


def test_partial_then_full_delivery(any_world):
    world = any_world
    world.run("goods_receipt.post", receipt_payload("r1", [("p1", "50", "6.00"), ("p4", "10", "4.00")]), who="keeper")
    order_id = approved_order(world, [
        {"product": "p1", "quantity": "10", "unit_price": "12.00"},
        {"product": "p4", "quantity": "4", "unit_price": "6.80", "discount": "0.40"},
    ])
    assert str(world.balance("p1", "w_block").reserved) == "10.000"

    first = world.run("delivery.ship", delivery_payload("d1", [
        {"order_line_id": line_of("o1", 0), "quantity": "6"},
        {"order_line_id": line_of("o1", 1), "quantity": "2"},
    ]), who="keeper")
    assert first.flags == []
    assert first.result["orders"] == {order_id: "partly_delivered"}
    # 6 × 12.00 = 72.00; 2 × 6.80 − 0.40 × 2/4 = 13.40
    assert first.result["total_amount"] == "85.40"
    assert str(world.balance("p1", "w_block").on_hand) == "44.000"
    assert str(world.balance("p1", "w_block").reserved) == "4.000"
    assert str(world.balance("p4", "w_block").reserved) == "2.000"
    assert str(world.get(m.SalesOrderLine, line_of("o1", 0)).delivered_quantity) == "6.000"

    second = world.run("delivery.ship", delivery_payload("d2", [
        {"order_line_id": line_of("o1", 0), "quantity": "4"},
        {"order_line_id": line_of("o1", 1), "quantity": "2"},
    ]), who="keeper")
    assert second.result["orders"] == {order_id: "completed"}
    assert world.get(m.SalesOrder, order_id).status == "completed"
    assert str(world.balance("p1", "w_block").reserved) == "0.000"
    assert str(world.balance("p4", "w_block").reserved) == "0.000"
    assert str(world.balance("p1", "w_block").on_hand) == "40.000"

    movements = world.session.execute(
        select(m.StockMovement).where(m.StockMovement.document_type == "delivery_note").order_by(m.StockMovement.quantity)
    ).scalars().all()
    assert sorted(str(mv.quantity) for mv in movements) == ["-2.000", "-2.000", "-4.000", "-6.000"]
    entries = world.session.execute(
        select(m.ReceivableEntry).where(m.ReceivableEntry.customer_id == ID["cust"]).order_by(m.ReceivableEntry.amount)
    ).scalars().all()
    # 4 × 12.00 + (2 × 6.80 − 0.20) = 61.40
    assert [str(e.amount) for e in entries] == ["61.40", "85.40"]


def test_receivable_due_date_follows_terms(world):
    for label, customer, days in (("a", "cust", 45), ("b", "cust2", 10), ("c", "cust_plain", 30)):
        result = world.run("delivery.ship", delivery_payload(
            label, [{"product": "p1", "quantity": "1", "unit_price": "10.00"}], customer=customer, warehouse="w_allow"),
            who="keeper").result
        assert result["due_date"] == (TODAY + dt.timedelta(days=days)).isoformat()
        entry = world.session.execute(
            select(m.ReceivableEntry).where(m.ReceivableEntry.document_id == fixed_id(f"delivery:{label}"))
        ).scalar_one()
        assert entry.entry_type == "delivery"
        assert str(entry.amount) == "10.00"
        assert entry.due_date == TODAY + dt.timedelta(days=days)
        assert entry.posting_date == TODAY
        assert entry.late is False


def test_negative_stock_under_block_posts_and_flags(world):
    world.run("goods_receipt.post", receipt_payload("r1", [("p1", "5", "6.00")]), who="keeper")
    outcome = world.run("delivery.ship", delivery_payload("d1", [{"product": "p1", "quantity": "8", "unit_price": "10"}]),
                        who="keeper")
    assert str(world.balance("p1", "w_block").on_hand) == "-3.000"
    assert [f.code for f in outcome.flags] == ["negative_stock"]
    flag = outcome.flags[0]
    assert flag.record_table == "delivery_note"
    assert flag.record_id == fixed_id("delivery:d1")
    assert flag.document_number == "DN-d1"
    assert flag.department_id == ID["d1"]
    assert flag.params == {"product_code": "P001", "warehouse_code": "WB", "batch_no": "",
                           "quantity": "8.000", "on_hand": "-3.000"}


def test_negative_stock_under_allow_is_not_flagged(world):
    outcome = world.run("delivery.ship", delivery_payload(
        "d1", [{"product": "p1", "quantity": "8", "unit_price": "10"}], warehouse="w_allow"), who="keeper")
    assert outcome.flags == []
    assert str(world.balance("p1", "w_allow").on_hand) == "-8.000"


def test_deleted_customer_flags(world):
    world.run("customer.delete", {"id": ID["cust"]}, who="manager")
    outcome = world.run("delivery.ship", delivery_payload(
        "d1", [{"product": "p1", "quantity": "1", "unit_price": "10"}], warehouse="w_allow"), who="keeper")
    assert [f.code for f in outcome.flags] == ["customer_deleted"]
    assert outcome.flags[0].params["customer_code"] == "C001"
    assert world.get(m.DeliveryNote, fixed_id("delivery:d1")) is not None


def test_delivery_against_cancelled_order_flags(world):
    world.run("goods_receipt.post", receipt_payload("r1", [("p1", "50", "6.00")]), who="keeper")
    order_id = approved_order(world, [{"product": "p1", "quantity": "10", "unit_price": "12.00"}])
    world.run("order.cancel", {"id": order_id, "reason": "客户取消"}, who="clerk")
    outcome = world.run("delivery.ship", delivery_payload("d1", [{"order_line_id": line_of("o1", 0), "quantity": "10"}]),
                        who="keeper")
    assert [f.code for f in outcome.flags] == ["order_not_approved"]
    assert outcome.flags[0].params == {"order_number": "SO-o1", "status": "cancelled"}
    # A cancelled order has no reservation, so none is released and the status stays.
    assert str(world.balance("p1", "w_block").reserved) == "0.000"
    assert world.get(m.SalesOrder, order_id).status == "cancelled"
    assert str(world.get(m.SalesOrderLine, line_of("o1", 0)).delivered_quantity) == "10.000"


def test_late_delivery_into_closed_period(world):
    world.session.add(m.AccountingPeriod(id=fixed_id("2026-11"), year=2026, month=11, start_date=dt.date(2026, 11, 1),
                                         end_date=dt.date(2026, 11, 30), closed=True))
    world.session.add(m.AccountingPeriod(id=fixed_id("2026-12"), year=2026, month=12, start_date=dt.date(2026, 12, 1),
                                         end_date=dt.date(2026, 12, 31), closed=False))
    world.session.commit()
    outcome = world.run("delivery.ship", delivery_payload(
        "late", [{"product": "p1", "quantity": "1", "unit_price": "10"}], warehouse="w_allow",
        document_date=dt.date(2026, 11, 28)), who="keeper")
    assert [f.code for f in outcome.flags] == ["late_closed_period"]
    assert outcome.flags[0].params == {"document_date": "2026-11-28", "posting_date": "2026-12-04", "period": "2026-11"}
    note = world.get(m.DeliveryNote, fixed_id("delivery:late"))
    assert note.document_date == dt.date(2026, 11, 28)
    assert note.posting_date == dt.date(2026, 12, 4)
    # Terms run from the document date.
    assert note.due_date == dt.date(2026, 11, 28) + dt.timedelta(days=45)
    entry = world.session.execute(select(m.ReceivableEntry).where(m.ReceivableEntry.document_id == note.id)).scalar_one()
    assert entry.late is True
    assert entry.posting_date == dt.date(2026, 12, 4)
    assert entry.document_date == dt.date(2026, 11, 28)


def test_posting_date_skips_closed_current_period(world):
    world.session.add(m.AccountingPeriod(id=fixed_id("2026-12"), year=2026, month=12, start_date=dt.date(2026, 12, 1),
                                         end_date=dt.date(2026, 12, 31), closed=True))
    world.session.commit()
    result = world.run("delivery.ship", delivery_payload(
        "x", [{"product": "p1", "quantity": "1", "unit_price": "10"}], warehouse="w_allow"), who="keeper").result
    assert result["posting_date"] == "2027-01-01"
    assert result["late"] is True


def test_cost_only_on_server(world):
    world.run("goods_receipt.post", receipt_payload("r1", [("p1", "10", "6.50")]), who="keeper")
    client = world.run("delivery.ship", delivery_payload(
        "client", [{"product": "p1", "quantity": "2", "unit_price": "10"}]), who="keeper", authoritative=False)
    assert client.result["cost_amount"] is None
    line = world.get(m.DeliveryLine, fixed_id("delivery:client:line:0"))
    assert line.unit_cost is None
    server = world.run("delivery.ship", delivery_payload(
        "server", [{"product": "p1", "quantity": "3", "unit_price": "10"}]), who="keeper")
    assert server.result["cost_amount"] == "19.50"
    line = world.get(m.DeliveryLine, fixed_id("delivery:server:line:0"))
    assert str(line.unit_cost) == "6.500000"
    assert str(line.cost_amount) == "19.50"
    movement = world.session.execute(
        select(m.StockMovement).where(m.StockMovement.document_line_id == line.id)
    ).scalar_one()
    assert str(movement.unit_cost) == "6.500000"
    assert str(movement.cost_amount) == "19.50"


def test_pack_unit_delivery_converts_to_base_units(world):
    world.run("goods_receipt.post", receipt_payload("r1", [("p1", "100", "6.00")]), who="keeper")
    world.run("delivery.ship", delivery_payload(
        "box", [{"product": "p1", "unit_name": "箱", "quantity": "2", "unit_price": "110"}]), who="keeper")
    line = world.get(m.DeliveryLine, fixed_id("delivery:box:line:0"))
    assert str(line.base_quantity) == "24.000"
    assert str(line.amount) == "220.00"
    assert str(world.balance("p1", "w_block").on_hand) == "76.000"


def test_keeper_of_other_department_out_of_scope(world):
    with pytest.raises(OutOfScope):
        world.run("delivery.ship", delivery_payload("x", [{"product": "p1", "quantity": "1", "unit_price": "1"}]),
                  who="keeper_other")
    assert world.get(m.DeliveryNote, fixed_id("delivery:x")) is None


def test_delivery_after_completion_flags_over_delivery_only(world):
    world.run("goods_receipt.post", receipt_payload("r1", [("p1", "50", "6.00")]), who="keeper")
    order_id = approved_order(world, [{"product": "p1", "quantity": "10", "unit_price": "12.00"}])
    first = world.run("delivery.ship", delivery_payload("d1", [{"order_line_id": line_of("o1", 0), "quantity": "10"}]),
                      who="keeper")
    assert first.flags == []
    assert world.get(m.SalesOrder, order_id).status == "completed"

    # A second keeper shipped the same order offline: the order was approved, it is only delivered twice.
    second = world.run("delivery.ship", delivery_payload("d2", [{"order_line_id": line_of("o1", 0), "quantity": "2"}]),
                       who="keeper")
    assert [f.code for f in second.flags] == ["over_delivery"]
    assert world.get(m.SalesOrder, order_id).status == "completed"
    assert str(world.get(m.SalesOrderLine, line_of("o1", 0)).delivered_quantity) == "12.000"
    assert str(world.balance("p1", "w_block").reserved) == "0.000"
