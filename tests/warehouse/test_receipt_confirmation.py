"""receipt_confirmation.post: shortfalls become a receivable credit or a sales return, excess is flagged."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import select

import domain.models as m
from domain.commands.framework import InvalidPayload, NotAuthorized, OutOfScope
from domain.commands.handlers.receipt_confirmations import ReceiptCreditExceedsOpen
from domain.commands.handlers.sales_returns import ReturnExceedsDelivered
from domain.posting import receivables
from tests.domain.conftest import ID, TODAY, copy_world, fixed_id, open_world
from tests.domain.payloads import delivery_payload, order_payload, receipt_payload


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> str:
    """The seeded test company in a SQLite file, built once for the module."""
    path = tmp_path_factory.mktemp("deliveries_template") / "seeded.sqlite3"
    seeded, engine = open_world(f"sqlite:///{path}")
    seeded.session.close()
    engine.dispose()
    return str(path)


@pytest.fixture
def world(tmp_path, template):
    copied, engine = copy_world(template, tmp_path / "world.sqlite3")
    yield copied
    copied.session.close()
    engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def any_world(request, tmp_path):
    """The world on SQLite and, for runs that include the postgres mark, on its own PostgreSQL database."""
    if request.param == "sqlite":
        yield request.getfixturevalue("world")
        return
    on_postgres, engine = open_world(request.getfixturevalue("postgres_url"))
    yield on_postgres
    on_postgres.session.close()
    engine.dispose()


def delivered_two_lines(world):
    """Ship 10 P001 at 12.00 (0.50 discount) and 4 P004 at 6.80 on DN-d1; return the two delivery line ids."""
    world.run("goods_receipt.post", receipt_payload("r1", [("p1", "50", "6.00"), ("p4", "20", "3.00")]), who="keeper")
    world.run("order.create", order_payload("o1", [
        {"product": "p1", "quantity": "10", "unit_price": "12.00", "discount": "0.50"},
        {"product": "p4", "quantity": "4", "unit_price": "6.80"},
    ]), who="clerk")
    world.run("order.confirm", {"id": fixed_id("order:o1")}, who="clerk")
    world.run("delivery.ship", delivery_payload("d1", [
        {"order_line_id": fixed_id("order:o1:line:0"), "quantity": "10"},
        {"order_line_id": fixed_id("order:o1:line:1"), "quantity": "4"},
    ]), who="keeper")
    return fixed_id("delivery:d1:line:0"), fixed_id("delivery:d1:line:1")


def confirmation(label, lines, **header):
    payload = {
        "id": fixed_id(f"confirmation:{label}"),
        "number": f"RC-{label}",
        "delivery_id": fixed_id("delivery:d1"),
        "document_date": TODAY.isoformat(),
        "signed_by": "王店长",
        "lines": [],
    }
    payload.update(header)
    for index, line in enumerate(lines):
        entry = {"id": fixed_id(f"confirmation:{label}:line:{index}")}
        entry.update(line)
        payload["lines"].append(entry)
    return payload


def entries(world, entry_type):
    world.session.expire_all()
    return world.session.execute(
        select(m.ReceivableEntry).where(m.ReceivableEntry.entry_type == entry_type)
    ).scalars().all()


def test_shortfall_credited_to_receivable(any_world):
    world = any_world
    soap, paste = delivered_two_lines(world)
    before = receivables.balance(world.session, ID["cust"])
    outcome = world.run("receipt_confirmation.post", confirmation("a", [
        {"delivery_line_id": soap, "received_quantity": "8", "difference_reason": "short", "reason_note": "少两袋"},
        {"delivery_line_id": paste, "received_quantity": "4"},
    ]), who="keeper")

    # 10 × 12.00 − 0.50 = 119.50 delivered; 2 of 10 missing credits 23.90.
    assert outcome.result["credited_amount"] == "23.90"
    assert outcome.result["return_id"] is None
    credit = entries(world, "receipt_difference")
    assert len(credit) == 1
    assert credit[0].amount == Decimal("-23.90")
    assert credit[0].document_number == "RC-a"
    assert receivables.balance(world.session, ID["cust"]) == before - Decimal("23.90")

    line = world.get(m.ReceiptConfirmationLine, fixed_id("confirmation:a:line:0"))
    assert line.difference_quantity == Decimal("-2")
    assert line.difference_reason == "short"
    assert line.resolution == "credit"
    assert line.difference_amount == Decimal("23.90")
    full = world.get(m.ReceiptConfirmationLine, fixed_id("confirmation:a:line:1"))
    assert full.resolution == "none"
    assert full.difference_reason is None
    # Missing goods left the warehouse already: no stock comes back.
    assert world.balance("p1", "w_block").on_hand == Decimal("40")


def test_credited_shortfall_not_returnable_again(any_world):
    world = any_world
    soap, _paste = delivered_two_lines(world)
    world.run("receipt_confirmation.post", confirmation("a", [
        {"delivery_line_id": soap, "received_quantity": "8", "difference_reason": "short"},
    ]), who="keeper")
    payload = {
        "id": fixed_id("return:x"), "number": "SR-x", "customer_id": ID["cust"], "delivery_id": fixed_id("delivery:d1"),
        "warehouse_id": ID["w_block"], "document_date": TODAY.isoformat(), "reason": "退货",
        "lines": [{"id": fixed_id("return:x:line:0"), "delivery_line_id": soap, "quantity": "9"}],
    }
    with pytest.raises(ReturnExceedsDelivered):
        world.run("sales_return.post", payload, who="keeper")
    payload["lines"][0]["quantity"] = "8"
    outcome = world.run("sales_return.post", payload, who="keeper")
    # The 8 left credit the rest of the 119.50: 119.50 − 23.90.
    assert outcome.result["total_amount"] == "95.60"


def test_damaged_goods_come_back_on_return(any_world):
    world = any_world
    soap, paste = delivered_two_lines(world)
    outcome = world.run("receipt_confirmation.post", confirmation("b", [
        {"delivery_line_id": paste, "received_quantity": "1", "difference_reason": "damaged", "reason_note": "压坏"},
    ], return_id=fixed_id("return:b"), return_number="SR-b"), who="keeper")

    # 3 of 4 at 6.80 come back: 20.40.
    assert outcome.result["credited_amount"] == "0.00"
    assert outcome.result["return_number"] == "SR-b"
    assert outcome.result["returned_amount"] == "20.40"
    document = world.get(m.SalesReturn, fixed_id("return:b"))
    assert document.delivery_id == fixed_id("delivery:d1")
    assert world.balance("p4", "w_block").on_hand == Decimal("19")
    assert entries(world, "receipt_difference") == []
    assert [entry.amount for entry in entries(world, "return")] == [Decimal("-20.40")]
    line = world.get(m.ReceiptConfirmationLine, fixed_id("confirmation:b:line:0"))
    assert line.resolution == "return"
    assert line.sales_return_id == fixed_id("return:b")
    assert line.difference_amount == Decimal("20.40")


def test_difference_needs_reason(world):
    soap, _paste = delivered_two_lines(world)
    with pytest.raises(InvalidPayload) as raised:
        world.run("receipt_confirmation.post", confirmation("c", [
            {"delivery_line_id": soap, "received_quantity": "9"},
        ]), who="keeper")
    assert raised.value.params["errors"][0]["field"] == "lines.0.difference_reason"
    assert world.get(m.ReceiptConfirmation, fixed_id("confirmation:c")) is None


def test_return_lines_need_return_number(world):
    _soap, paste = delivered_two_lines(world)
    with pytest.raises(InvalidPayload):
        world.run("receipt_confirmation.post", confirmation("d", [
            {"delivery_line_id": paste, "received_quantity": "0", "difference_reason": "rejected"},
        ]), who="keeper")


def test_credit_above_open_rejected(world):
    soap, _paste = delivered_two_lines(world)
    world.run("receipt_confirmation.post", confirmation("e", [
        {"delivery_line_id": soap, "received_quantity": "2", "difference_reason": "short"},
    ]), who="keeper")
    # A second confirmation cannot credit the same missing goods again: 2 are left.
    with pytest.raises(ReceiptCreditExceedsOpen) as raised:
        world.run("receipt_confirmation.post", confirmation("f", [
            {"delivery_line_id": soap, "received_quantity": "5", "difference_reason": "short"},
        ]), who="keeper")
    assert raised.value.params["missing"] == "5.000"
    assert raised.value.params["open"] == "2.000"


def test_excess_flagged_not_credited(world):
    soap, _paste = delivered_two_lines(world)
    outcome = world.run("receipt_confirmation.post", confirmation("g", [
        {"delivery_line_id": soap, "received_quantity": "11", "difference_reason": "excess"},
    ]), who="keeper")
    assert outcome.result["credited_amount"] == "0.00"
    assert [flag.code for flag in outcome.flags] == ["receipt_excess"]
    assert outcome.flags[0].params["received"] == "11.000"
    assert entries(world, "receipt_difference") == []


def test_confirmation_of_other_delivery_line_rejected(world):
    soap, _paste = delivered_two_lines(world)
    world.run("delivery.ship", delivery_payload("d2", [{"product": "p1", "quantity": "1"}]), who="keeper")
    with pytest.raises(InvalidPayload):
        world.run("receipt_confirmation.post", confirmation("h", [
            {"delivery_line_id": fixed_id("delivery:d2:line:0"), "received_quantity": "1"},
        ]), who="keeper")


def test_keeper_of_other_department_rejected(world):
    soap, _paste = delivered_two_lines(world)
    with pytest.raises(OutOfScope):
        world.run("receipt_confirmation.post", confirmation("i", [
            {"delivery_line_id": soap, "received_quantity": "10"},
        ]), who="keeper_other")
    with pytest.raises(NotAuthorized):
        world.run("receipt_confirmation.post", confirmation("i", [
            {"delivery_line_id": soap, "received_quantity": "10"},
        ]), who="clerk")
