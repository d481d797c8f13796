"""order.verify: corrections of a completed order, their records, receivable entry and rejections."""

from __future__ import annotations

import pytest
from sqlalchemy import select

import domain.models as m
from domain.commands.framework import CommandRejected, InvalidPayload, NotAuthorized
from tests.domain.conftest import ID, TODAY, fixed_id
from tests.domain.payloads import delivery_payload, order_payload, receipt_payload

ORDER_ID = fixed_id("order:o1")
LINES = [
    {"product": "p1", "quantity": "10", "unit_price": "12.00", "discount": "1.00"},
    {"product": "p4", "quantity": "4", "unit_price": "6.80"},
]


def line_id(index):
    return fixed_id(f"order:o1:line:{index}")


def completed_order(world, *, prices_include_tax=True):
    """Order 10 P001 at 12.00 (1.00 off) and 4 P004 at 6.80, delivered in full: 119.00 + 27.20."""
    world.run("goods_receipt.post", receipt_payload("r1", [("p1", "50", "6.00"), ("p4", "10", "4.00")]), who="keeper")
    world.run("order.create", order_payload("o1", [dict(line) for line in LINES],
                                            prices_include_tax=prices_include_tax), who="clerk")
    world.run("order.confirm", {"id": ORDER_ID}, who="clerk")
    world.run("delivery.ship", delivery_payload("d1", [
        {"order_line_id": line_id(0), "quantity": "10"},
        {"order_line_id": line_id(1), "quantity": "4"},
    ], prices_include_tax=prices_include_tax), who="keeper")
    assert world.get(m.SalesOrder, ORDER_ID).status == "completed"


def verify_payload(label, lines, *, reason="客户对账后确认单价", order_id=ORDER_ID):
    return {
        "id": order_id,
        "verification_id": fixed_id(f"verification:{label}"),
        "number": f"OV-{label}",
        "document_date": TODAY.isoformat(),
        "reason": reason,
        "lines": lines,
    }


def verification_entries(world):
    world.session.expire_all()
    return world.session.execute(
        select(m.ReceivableEntry).where(m.ReceivableEntry.document_type == "order_verification")
    ).scalars().all()


def test_price_correction_posts_difference(any_world):
    world = any_world
    completed_order(world)
    outcome = world.run("order.verify", verify_payload("a", [{"order_line_id": line_id(0), "unit_price": "11.50"}]),
                        who="manager")
    # 10 × 11.50 − 1.00 = 114.00, was 119.00
    assert outcome.result["amount_change"] == "-5.00"
    assert outcome.result["total_amount"] == "141.20"

    verification = world.get(m.OrderVerification, fixed_id("verification:a"))
    assert verification.number == "OV-a"
    assert verification.order_id == ORDER_ID
    assert verification.customer_id == ID["cust"]
    assert verification.department_id == ID["d1"]
    assert verification.verified_by == ID["manager"]
    assert verification.reason == "客户对账后确认单价"
    assert str(verification.amount_change) == "-5.00"
    assert verification.posting_date == TODAY

    rows = world.session.execute(select(m.OrderVerificationLine)).scalars().all()
    assert len(rows) == 1
    row = rows[0]
    assert row.order_line_id == line_id(0)
    assert row.delivery_line_id == fixed_id("delivery:d1:line:0")
    assert (str(row.quantity_before), str(row.quantity_after)) == ("10.000", "10.000")
    assert (str(row.unit_price_before), str(row.unit_price_after)) == ("12.0000", "11.5000")
    assert (str(row.amount_before), str(row.amount_after), str(row.amount_change)) == ("119.00", "114.00", "-5.00")

    line = world.get(m.SalesOrderLine, line_id(0))
    assert str(line.unit_price) == "11.5000"
    assert str(line.amount) == "114.00"
    # 114.00 × 0.13 / 1.13 = 13.115 → 13.12
    assert str(line.tax_amount) == "13.12"
    order = world.get(m.SalesOrder, ORDER_ID)
    assert str(order.lines_amount) == "141.20"
    assert str(order.total_amount) == "141.20"
    assert order.status == "completed"

    entries = verification_entries(world)
    assert [(entry.entry_type, str(entry.amount)) for entry in entries] == [("verification", "-5.00")]
    assert entries[0].document_number == "OV-a"
    assert entries[0].customer_id == ID["cust"]
    assert entries[0].due_date is None


def test_quantity_correction_scales_discount(world):
    completed_order(world)
    outcome = world.run("order.verify", verify_payload("a", [{"order_line_id": line_id(0), "quantity": "8"}]),
                        who="finance")
    # The 1.00 discount scales to 0.80: 8 × 12.00 − 0.80 = 95.20, was 119.00.
    assert outcome.result["amount_change"] == "-23.80"
    line = world.get(m.SalesOrderLine, line_id(0))
    assert str(line.quantity) == "8.000"
    assert str(line.base_quantity) == "8.000"
    assert str(line.discount_amount) == "0.80"
    assert str(line.delivered_quantity) == "10.000"
    assert str(world.balance("p1", "w_block").on_hand) == "40.000"


def test_raise_sets_due_date(world):
    completed_order(world)
    world.run("order.verify", verify_payload("a", [{"order_line_id": line_id(1), "unit_price": "7.30"}]),
              who="manager")
    entry = verification_entries(world)[0]
    assert str(entry.amount) == "2.00"
    # The customer's category gives 45-day terms.
    assert (entry.due_date - TODAY).days == 45


def test_prices_excluding_tax_change_tax(world):
    completed_order(world, prices_include_tax=False)
    outcome = world.run("order.verify", verify_payload("a", [{"order_line_id": line_id(1), "unit_price": "7.30"}]),
                        who="manager")
    # 4 × 7.30 = 29.20, was 27.20. Tax at 9 % is 2.628 → 2.63, was 2.448 → 2.45, so 0.18 more.
    assert outcome.result["amount_change"] == "2.18"
    # 119.00 × 13 % = 15.47 on the first line, plus 2.63
    assert str(world.get(m.SalesOrder, ORDER_ID).tax_amount) == "18.10"


def test_balance_follows_verification(world):
    from domain.posting import receivables

    completed_order(world)
    before = receivables.balance(world.session, ID["cust"])
    world.run("order.verify", verify_payload("a", [{"order_line_id": line_id(0), "unit_price": "11.50"}]),
              who="manager")
    assert receivables.balance(world.session, ID["cust"]) == before - 5


def test_history_records_verification(world):
    completed_order(world)
    world.run("order.verify", verify_payload("a", [{"order_line_id": line_id(0), "unit_price": "11.50"}]),
              who="manager")
    world.session.expire_all()
    row = world.session.execute(
        select(m.OrderHistory).where(m.OrderHistory.order_id == ORDER_ID, m.OrderHistory.event == "verified")
    ).scalar_one()
    assert row.user_id == ID["manager"]
    assert row.reason == "客户对账后确认单价"
    assert row.before["lines"] == [
        {"order_line_id": line_id(0), "quantity": "10.000", "unit_price": "12.0000", "amount": "119.00"}]
    assert row.after["lines"] == [
        {"order_line_id": line_id(0), "quantity": "10.000", "unit_price": "11.5000", "amount": "114.00"}]
    assert row.before["total_amount"] == "146.20"
    assert row.after["total_amount"] == "141.20"
    assert row.after["verification_number"] == "OV-a"


def test_not_completed_rejected(world):
    world.run("order.create", order_payload("o1", [dict(line) for line in LINES]), who="clerk")
    with pytest.raises(CommandRejected) as err:
        world.run("order.verify", verify_payload("a", [{"order_line_id": line_id(0), "unit_price": "11"}]),
                  who="manager")
    assert err.value.code == "order_not_completed"
    assert err.value.params == {"number": "SO-o1", "status": "draft"}
    assert world.get(m.OrderVerification, fixed_id("verification:a")) is None


def test_blank_reason_rejected(world):
    completed_order(world)
    with pytest.raises(CommandRejected) as err:
        world.run("order.verify", verify_payload("a", [{"order_line_id": line_id(0), "unit_price": "11"}],
                                                 reason="  "), who="manager")
    assert err.value.code == "required_field"
    assert err.value.params == {"table": "order_verification", "field": "reason"}


def test_no_change_rejected(any_world):
    world = any_world
    completed_order(world)
    with pytest.raises(CommandRejected) as err:
        world.run("order.verify", verify_payload("a", [
            {"order_line_id": line_id(0), "quantity": "10", "unit_price": "12.00"},
            {"order_line_id": line_id(1)},
        ]), who="manager")
    assert err.value.code == "verification_no_change"
    assert err.value.params == {"number": "SO-o1"}
    assert verification_entries(world) == []
    assert str(world.get(m.SalesOrderLine, line_id(0)).amount) == "119.00"


def test_verify_twice_needs_new_number(world):
    completed_order(world)
    world.run("order.verify", verify_payload("a", [{"order_line_id": line_id(0), "unit_price": "11.50"}]),
              who="manager")
    second = verify_payload("b", [{"order_line_id": line_id(0), "unit_price": "11.00"}])
    second["number"] = "OV-a"
    with pytest.raises(CommandRejected) as err:
        world.run("order.verify", second, who="manager")
    assert err.value.code == "duplicate_number"
    outcome = world.run("order.verify", verify_payload("b", [{"order_line_id": line_id(0), "unit_price": "11.00"}]),
                        who="manager")
    assert outcome.result["amount_change"] == "-5.00"
    assert sorted(str(entry.amount) for entry in verification_entries(world)) == ["-5.00", "-5.00"]


def test_line_of_other_order_invalid(world):
    completed_order(world)
    world.run("order.create", order_payload("o2", [dict(LINES[0])]), who="clerk")
    with pytest.raises(InvalidPayload):
        world.run("order.verify", verify_payload("a", [
            {"order_line_id": fixed_id("order:o2:line:0"), "unit_price": "11"}]), who="manager")


def test_clerk_and_keeper_may_not_verify(world):
    completed_order(world)
    payload = verify_payload("a", [{"order_line_id": line_id(0), "unit_price": "11"}])
    for who in ("clerk", "keeper"):
        with pytest.raises(NotAuthorized):
            world.run("order.verify", payload, who=who)
