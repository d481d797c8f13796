"""payment.record: receivable entry, oldest-first allocation, prepayment, explicit allocation, flags."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

import domain.models as m
from domain.commands.framework import InvalidPayload, NotAuthorized
from domain.posting import receivables
from tests.domain.conftest import ID, TODAY, fixed_id
from tests.domain.payloads import delivery_payload, payment_payload


def deliver(world, label, amount, days_ago, customer="cust"):
    world.run("delivery.ship", delivery_payload(
        label, [{"product": "p1", "quantity": "1", "unit_price": amount}], customer=customer, warehouse="w_allow",
        document_date=TODAY - dt.timedelta(days=days_ago)), who="keeper")
    return fixed_id(f"delivery:{label}")


def test_oldest_first_allocation_with_prepayment(any_world):
    world = any_world
    newest = deliver(world, "newest", "300.00", 1)
    oldest = deliver(world, "oldest", "100.00", 20)
    middle = deliver(world, "middle", "200.00", 10)
    # 250.00 pays the oldest delivery in full and 150.00 of the middle one.
    first = world.run("payment.record", payment_payload("p1", "250.00"), who="finance").result
    assert first["allocations"] == [
        {"delivery_id": oldest, "amount": "100.00"},
        {"delivery_id": middle, "amount": "150.00"},
    ]
    assert first["prepayment"] == "0.00"
    # The second payment finishes the middle one, pays the newest, and leaves 20.00 as prepayment.
    second = world.run("payment.record", payment_payload("p2", "370.00"), who="finance").result
    assert second["allocations"] == [
        {"delivery_id": middle, "amount": "50.00"},
        {"delivery_id": newest, "amount": "300.00"},
    ]
    assert second["allocated_amount"] == "350.00"
    assert second["prepayment"] == "20.00"
    payment = world.get(m.PaymentReceived, fixed_id("payment:p2"))
    assert str(payment.allocated_amount) == "350.00"
    assert payment.posting_date == TODAY
    assert receivables.open_deliveries(world.session, ID["cust"]) == []
    # 600 delivered − 620 paid: the customer has a 20.00 prepayment.
    assert str(receivables.balance(world.session, ID["cust"])) == "-20.00"
    entry = world.session.execute(
        select(m.ReceivableEntry).where(m.ReceivableEntry.document_id == payment.id)
    ).scalar_one()
    assert entry.entry_type == "payment"
    assert str(entry.amount) == "-370.00"


def test_payment_without_deliveries_is_all_prepayment(world):
    result = world.run("payment.record", payment_payload("p1", "88.00", customer="cust2"), who="finance").result
    assert result["allocations"] == []
    assert result["prepayment"] == "88.00"


def test_explicit_allocation_and_cap_flag(world):
    first = deliver(world, "a", "100.00", 20)
    second = deliver(world, "b", "50.00", 5)
    outcome = world.run("payment.record", payment_payload(
        "p1", "120.00", allocations=[(second, "60.00"), (first, "30.00")]), who="finance")
    assert outcome.result["allocations"] == [
        {"delivery_id": second, "amount": "50.00"},
        {"delivery_id": first, "amount": "30.00"},
    ]
    assert outcome.result["prepayment"] == "40.00"
    assert [f.code for f in outcome.flags] == ["allocation_capped"]
    assert outcome.flags[0].params == {"delivery_number": "DN-b", "requested": "60.00", "allocated": "50.00"}


def test_allocations_above_amount_are_invalid(world):
    first = deliver(world, "a", "100.00", 20)
    with pytest.raises(InvalidPayload):
        world.run("payment.record", payment_payload("p1", "10.00", allocations=[(first, "20.00")]), who="finance")


def test_float_amount_is_invalid(world):
    payload = payment_payload("p1", "10.00")
    payload["amount"] = 10.1
    with pytest.raises(InvalidPayload):
        world.run("payment.record", payload, who="finance")


def test_payment_from_deleted_customer_posts_with_flag(world):
    world.run("customer.delete", {"id": ID["cust"]}, who="manager")
    outcome = world.run("payment.record", payment_payload("p1", "10.00"), who="finance")
    assert [f.code for f in outcome.flags] == ["customer_deleted"]
    assert world.get(m.PaymentReceived, fixed_id("payment:p1")) is not None


def test_late_payment_into_closed_period(world):
    world.session.add(m.AccountingPeriod(id=fixed_id("2026-11"), year=2026, month=11, start_date=dt.date(2026, 11, 1),
                                         end_date=dt.date(2026, 11, 30), closed=True))
    world.session.commit()
    outcome = world.run("payment.record", payment_payload("p1", "10.00", document_date=dt.date(2026, 11, 20)),
                        who="finance")
    assert [f.code for f in outcome.flags] == ["late_closed_period"]
    entry = world.session.execute(
        select(m.ReceivableEntry).where(m.ReceivableEntry.document_id == fixed_id("payment:p1"))
    ).scalar_one()
    assert entry.late is True
    assert entry.posting_date == TODAY
    assert entry.document_date == dt.date(2026, 11, 20)


def test_clerk_may_not_record_payments(world):
    with pytest.raises(NotAuthorized):
        world.run("payment.record", payment_payload("p1", "10.00"), who="clerk")
