"""sales_return.post: stock back at the delivery's cost, receivable credit, returned quantities, limits."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import select

import domain.models as m
from domain.commands.framework import InvalidPayload, NotAuthorized, OutOfScope
from domain.commands.handlers.sales_posting import document_total
from domain.commands.handlers.sales_returns import ReturnExceedsDelivered, line_credit
from tests.domain.conftest import ID, TODAY, fixed_id
from tests.domain.payloads import delivery_payload, order_payload, receipt_payload


def delivered_order(world, *, prices_include_tax=True):
    """Receive 50 P001 at 6.00, order 10 at 12.00 (0.50 discount), ship all 10 on DN-d1."""
    world.run("goods_receipt.post", receipt_payload("r1", [("p1", "50", "6.00")]), who="keeper")
    world.run("order.create", order_payload(
        "o1", [{"product": "p1", "quantity": "10", "unit_price": "12.00", "discount": "0.50"}],
        prices_include_tax=prices_include_tax), who="clerk")
    world.run("order.confirm", {"id": fixed_id("order:o1")}, who="clerk")
    world.run("delivery.ship", delivery_payload(
        "d1", [{"order_line_id": fixed_id("order:o1:line:0"), "quantity": "10"}],
        prices_include_tax=prices_include_tax), who="keeper")
    return fixed_id("delivery:d1:line:0")


def return_payload(label, lines, *, warehouse="w_block", delivery="d1", customer="cust", document_date=TODAY,
                   **header):
    payload = {
        "id": fixed_id(f"return:{label}"),
        "number": f"SR-{label}",
        "customer_id": ID[customer],
        "delivery_id": fixed_id(f"delivery:{delivery}"),
        "warehouse_id": ID[warehouse],
        "document_date": document_date.isoformat(),
        "reason": "包装破损",
        "lines": [
            {"id": fixed_id(f"return:{label}:line:{index}"), "delivery_line_id": line_id, "quantity": quantity}
            for index, (line_id, quantity) in enumerate(lines)
        ],
    }
    payload.update(header)
    return payload


def receivables_of(world, document_type):
    world.session.expire_all()
    return world.session.execute(
        select(m.ReceivableEntry).where(m.ReceivableEntry.document_type == document_type)
    ).scalars().all()


def test_return_posts_stock_cost_and_credit(any_world):
    world = any_world
    line_id = delivered_order(world)
    outcome = world.run("sales_return.post", return_payload("a", [(line_id, "3")]), who="keeper")
    # 10 × 12.00 − 0.50 = 119.50 delivered, and 3/10 of it is 35.85.
    assert outcome.result["total_amount"] == "35.85"
    assert outcome.result["cost_amount"] == "18.00"
    assert outcome.flags == []

    document = world.get(m.SalesReturn, fixed_id("return:a"))
    assert document.status == "posted"
    assert document.customer_id == ID["cust"]
    assert document.order_id == fixed_id("order:o1")
    assert document.delivery_id == fixed_id("delivery:d1")
    assert document.department_id == ID["d1"]
    assert document.posting_date == TODAY
    # 35.85 × 0.13 / 1.13 = 4.1243 → 4.12, and 3/10 of the delivery's 13.75 tax is 4.125 → 4.13 (half-up).
    assert str(document.tax_amount) == "4.13"

    line = world.get(m.SalesReturnLine, fixed_id("return:a:line:0"))
    assert str(line.quantity) == "3.000"
    assert str(line.base_quantity) == "3.000"
    assert str(line.unit_price) == "12.0000"
    assert str(line.amount) == "35.85"
    assert str(line.unit_cost) == "6.000000"
    assert str(line.cost_amount) == "18.00"
    assert line.order_line_id == fixed_id("order:o1:line:0")

    assert str(world.balance("p1", "w_block").on_hand) == "43.000"
    movement = world.session.execute(
        select(m.StockMovement).where(m.StockMovement.document_type == "sales_return")
    ).scalar_one()
    assert str(movement.quantity) == "3.000"
    assert str(movement.unit_cost) == "6.000000"
    assert movement.document_number == "SR-a"

    entries = receivables_of(world, "sales_return")
    assert [(entry.entry_type, str(entry.amount)) for entry in entries] == [("return", "-35.85")]
    assert entries[0].customer_id == ID["cust"]
    assert entries[0].document_number == "SR-a"
    assert str(world.get(m.SalesOrderLine, fixed_id("order:o1:line:0")).returned_quantity) == "3.000"


def test_return_cost_follows_delivery(world):
    """Goods come back at the cost they left with, even after the average moved."""
    line_id = delivered_order(world)
    world.run("goods_receipt.post", receipt_payload("r2", [("p1", "40", "9.00")]), who="keeper")
    world.run("sales_return.post", return_payload("a", [(line_id, "2")]), who="keeper")
    line = world.get(m.SalesReturnLine, fixed_id("return:a:line:0"))
    assert str(line.unit_cost) == "6.000000"
    assert str(line.cost_amount) == "12.00"
    cost = world.session.execute(select(m.StockCost).where(m.StockCost.product_id == ID["p1"])).scalar_one()
    # 80 at 7.50 (40 at 6.00 + 40 at 9.00), then 2 back at 6.00: (600 + 12) / 82 = 7.463415
    assert str(cost.quantity) == "82.000"
    assert str(cost.average_cost) == "7.463415"


def test_return_into_other_warehouse(world):
    line_id = delivered_order(world)
    world.run("sales_return.post", return_payload("a", [(line_id, "1")], warehouse="w_allow"), who="keeper")
    assert str(world.balance("p1", "w_allow").on_hand) == "1.000"
    assert str(world.balance("p1", "w_block").on_hand) == "40.000"
    assert world.get(m.SalesReturn, fixed_id("return:a")).warehouse_id == ID["w_allow"]


def test_parts_add_up_to_delivery(any_world):
    world = any_world
    line_id = delivered_order(world)
    for label in ("a", "b", "c"):
        world.run("sales_return.post", return_payload(label, [(line_id, "3")]), who="keeper")
    world.run("sales_return.post", return_payload("d", [(line_id, "1")]), who="keeper")
    amounts = [str(entry.amount) for entry in receivables_of(world, "sales_return")]
    assert sorted(amounts) == sorted(["-35.85", "-35.85", "-35.85", "-11.95"])
    total = sum(world.get(m.SalesReturn, fixed_id(f"return:{label}")).total_amount for label in "abcd")
    assert str(total) == "119.50"
    assert str(world.get(m.SalesOrderLine, fixed_id("order:o1:line:0")).returned_quantity) == "10.000"


def test_over_return_rejected(any_world):
    world = any_world
    line_id = delivered_order(world)
    world.run("sales_return.post", return_payload("a", [(line_id, "8")]), who="keeper")
    with pytest.raises(ReturnExceedsDelivered) as err:
        world.run("sales_return.post", return_payload("b", [(line_id, "3")]), who="keeper")
    assert err.value.code == "return_exceeds_delivered"
    assert err.value.params == {
        "line_no": 1, "delivery_number": "DN-d1", "product_code": "P001", "unit_name": "袋",
        "delivered": "10.000", "returned": "8.000", "requested": "3.000",
    }
    assert world.get(m.SalesReturn, fixed_id("return:b")) is None
    assert str(world.balance("p1", "w_block").on_hand) == "48.000"
    assert str(world.get(m.SalesOrderLine, fixed_id("order:o1:line:0")).returned_quantity) == "8.000"


def test_two_lines_on_one_delivery_line(world):
    line_id = delivered_order(world)
    with pytest.raises(ReturnExceedsDelivered) as err:
        world.run("sales_return.post", return_payload("a", [(line_id, "6"), (line_id, "5")]), who="keeper")
    assert err.value.params["line_no"] == 2
    assert err.value.params["returned"] == "6.000"
    assert err.value.params["requested"] == "5.000"


def test_pack_unit_return(world):
    world.run("goods_receipt.post", receipt_payload("r1", [("p1", "100", "6.00")]), who="keeper")
    world.run("delivery.ship", delivery_payload(
        "d1", [{"product": "p1", "unit_name": "箱", "quantity": "2", "unit_price": "110"}]), who="keeper")
    line_id = fixed_id("delivery:d1:line:0")
    world.run("sales_return.post", return_payload("a", [(line_id, "1")]), who="keeper")
    line = world.get(m.SalesReturnLine, fixed_id("return:a:line:0"))
    assert line.unit_name == "箱"
    assert str(line.base_quantity) == "12.000"
    assert str(line.amount) == "110.00"
    assert world.get(m.SalesReturn, fixed_id("return:a")).order_id is None
    assert str(world.balance("p1", "w_block").on_hand) == "88.000"


def test_prices_excluding_tax_credit_tax(world):
    line_id = delivered_order(world, prices_include_tax=False)
    outcome = world.run("sales_return.post", return_payload("a", [(line_id, "10")]), who="keeper")
    # 119.50 plus 13 % tax 15.54 (119.50 × 0.13 = 15.535 → 15.54)
    assert outcome.result["total_amount"] == "135.04"
    delivery = world.get(m.DeliveryNote, fixed_id("delivery:d1"))
    assert str(delivery.total_amount) == "135.04"


def test_client_run_has_no_cost(world):
    line_id = delivered_order(world)
    outcome = world.run("sales_return.post", return_payload("a", [(line_id, "1")]), who="keeper", authoritative=False)
    assert outcome.result["cost_amount"] is None
    assert world.get(m.SalesReturnLine, fixed_id("return:a:line:0")).unit_cost is None
    assert str(world.balance("p1", "w_block").on_hand) == "41.000"


def test_line_of_other_delivery_invalid(world):
    line_id = delivered_order(world)
    world.run("delivery.ship", delivery_payload("d2", [{"product": "p1", "quantity": "1", "unit_price": "10"}]),
              who="keeper")
    with pytest.raises(InvalidPayload):
        world.run("sales_return.post", return_payload("a", [(line_id, "1")], delivery="d2"), who="keeper")


def test_customer_must_match_delivery(world):
    line_id = delivered_order(world)
    with pytest.raises(InvalidPayload):
        world.run("sales_return.post", return_payload("a", [(line_id, "1")], customer="cust2"), who="keeper")


def test_late_return_flagged(world):
    line_id = delivered_order(world)
    world.session.add(m.AccountingPeriod(id=fixed_id("period:nov"), year=2026, month=11,
                                         start_date=dt.date(2026, 11, 1), end_date=dt.date(2026, 11, 30),
                                         closed=True))
    world.session.commit()
    outcome = world.run("sales_return.post", return_payload("a", [(line_id, "1")],
                                                             document_date=dt.date(2026, 11, 28)), who="keeper")
    assert [flag.code for flag in outcome.flags] == ["late_closed_period"]
    assert outcome.result["late"] is True
    entry = receivables_of(world, "sales_return")[0]
    assert entry.document_date == dt.date(2026, 11, 28)
    assert entry.posting_date == TODAY


def test_return_roles_and_scope(world):
    line_id = delivered_order(world)
    with pytest.raises(NotAuthorized):
        world.run("sales_return.post", return_payload("a", [(line_id, "1")]), who="finance")
    with pytest.raises(OutOfScope):
        world.run("sales_return.post", return_payload("b", [(line_id, "1")], warehouse="w_other"), who="keeper")
    assert world.run("sales_return.post", return_payload("c", [(line_id, "1")]), who="manager").result["number"] == "SR-c"


def test_line_credit_parts_sum_to_line():
    # 7 × 9.07 − 0.50 = 62.99 with 7.25 tax, returned 2, 3 and 2 at a time.
    steps = [Decimal("2"), Decimal("3"), Decimal("2")]
    returned = Decimal(0)
    credits = []
    for quantity in steps:
        credits.append(line_credit(Decimal("62.99"), Decimal("7.25"), Decimal("7"), returned, quantity))
        returned += quantity
    assert [amount for amount, _tax in credits] == [Decimal("18.00"), Decimal("26.99"), Decimal("18.00")]
    assert sum(amount for amount, _tax in credits) == Decimal("62.99")
    assert sum(tax for _amount, tax in credits) == Decimal("7.25")


def test_document_total_adds_tax_only_when_excluded():
    assert document_total(Decimal("100.00"), Decimal("13.00"), True) == Decimal("100.00")
    assert document_total(Decimal("100.00"), Decimal("13.00"), False) == Decimal("113.00")
    assert document_total(Decimal("100.00"), Decimal("13.00"), False, Decimal("8.00")) == Decimal("121.00")


def test_tax_flag_read_with_document_discount():
    from domain.commands.handlers.sales_returns import delivery_includes_tax

    # Lines 89.00, freight 8.00, document discount 2.00: 95.00 when prices include tax.
    assert delivery_includes_tax(Decimal("95.00"), Decimal("8.00") - Decimal("2.00"), [Decimal("50.00"), Decimal("39.00")])
    # The same lines at prices excluding 13 % tax (11.57 of tax) total 106.57.
    assert not delivery_includes_tax(Decimal("106.57"), Decimal("6.00"), [Decimal("50.00"), Decimal("39.00")])
