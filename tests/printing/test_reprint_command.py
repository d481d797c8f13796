"""document.record_print on the server's side: numbering, reasons, scope and malformed payloads."""

from __future__ import annotations

import datetime as dt

import pytest

from domain.commands.framework import InvalidPayload, OutOfScope
from domain.models import DeliveryNote, PrintRecord
from tests.domain import conftest as domain_fixtures
from tests.domain.conftest import ID, NOW, fixed_id
from tests.domain.payloads import delivery_payload, receipt_payload


# The handler tests' fixtures: a seeded company database per test.
seeded_template = domain_fixtures.seeded_template
world = domain_fixtures.world


def ship(world) -> str:
    world.run("goods_receipt.post", receipt_payload("r1", [("p1", "20", "6.00")]), who="keeper")
    payload = delivery_payload("d1", [{"product": "p1", "quantity": "3", "unit_price": "10"}])
    world.run("delivery.ship", payload, who="keeper")
    return payload["id"]


def print_payload(label: str, delivery_id: str, **fields) -> dict:
    payload = {
        "id": fixed_id(f"print:{label}"),
        "document_type": "delivery_note",
        "document_id": delivery_id,
        "number": "DN-d1",
        "printed_at": NOW.isoformat(),
    }
    payload.update(fields)
    return payload


def test_prints_numbered_in_arrival_order(world):
    delivery_id = ship(world)

    first = world.run("document.record_print", print_payload("a", delivery_id), who="keeper")
    second = world.run("document.record_print", print_payload("b", delivery_id, reason="客户遗失", copies=2),
                       who="keeper")

    assert first.result["print_number"] == 1
    assert second.result["print_number"] == 2
    assert first.flags == []
    assert second.flags == []  # a reprint with its reason breaks no rule
    assert world.get(DeliveryNote, delivery_id).print_count == 2
    one = world.get(PrintRecord, fixed_id("print:a"))
    two = world.get(PrintRecord, fixed_id("print:b"))
    assert (one.print_number, one.is_reprint, one.reason, one.copies) == (1, False, None, 1)
    assert (two.print_number, two.is_reprint, two.reason, two.copies) == (2, True, "客户遗失", 2)
    assert two.document_number == "DN-d1"
    assert two.department_id == ID["d1"]  # the warehouse's department
    assert two.printed_by == ID["keeper"]
    assert two.printed_at.replace(tzinfo=dt.timezone.utc) == NOW


def test_reprint_without_reason_still_posts(world):
    """A client that took its offline print for the first one sent no reason; the print is still counted."""
    delivery_id = ship(world)
    world.run("document.record_print", print_payload("a", delivery_id), who="keeper")

    late = world.run("document.record_print", print_payload("b", delivery_id, reason="  "), who="keeper")

    assert late.result["print_number"] == 2
    record = world.get(PrintRecord, fixed_id("print:b"))
    assert (record.is_reprint, record.reason) == (True, None)
    assert [(flag.code, flag.record_table, flag.record_id) for flag in late.flags] == [
        ("reprint_without_reason", "delivery_note", delivery_id)]
    assert late.flags[0].params == {"number": "DN-d1", "print_number": 2}


def test_keeper_of_other_department_rejected(world):
    delivery_id = ship(world)
    with pytest.raises(OutOfScope):
        world.run("document.record_print", print_payload("a", delivery_id), who="keeper_other")
    assert world.get(DeliveryNote, delivery_id).print_count == 0


@pytest.mark.parametrize("fields", [
    {"document_id": fixed_id("no such delivery")},
    {"copies": 0},
    {"copies": 100},
    {"document_type": "invoice"},
    {"document_type": "stock_transfer"},  # a delivery's id is no transfer
    {"reason": "x" * 201},
])
def test_malformed_print_rejected(world, fields):
    delivery_id = ship(world)
    with pytest.raises(InvalidPayload):
        world.run("document.record_print", print_payload("a", delivery_id, **fields), who="keeper")
    assert world.get(DeliveryNote, delivery_id).print_count == 0


def test_same_record_id_twice_rejected(world):
    delivery_id = ship(world)
    world.run("document.record_print", print_payload("a", delivery_id), who="keeper")
    with pytest.raises(InvalidPayload):
        world.run("document.record_print", print_payload("a", delivery_id), who="keeper")
    assert world.get(DeliveryNote, delivery_id).print_count == 1


def test_unknown_template_not_stored(world):
    """A template this side has not received (or a built-in layout) must not make the print fail."""
    delivery_id = ship(world)
    world.run("document.record_print", print_payload("a", delivery_id, template_id=fixed_id("no such template"),
                                                     template_revision=3), who="keeper")
    record = world.get(PrintRecord, fixed_id("print:a"))
    assert (record.template_id, record.template_revision) == (None, None)
    assert world.get(DeliveryNote, delivery_id).print_count == 1


def test_quotation_print_counted_in_its_department(world):
    from domain.models import Quotation
    from tests.domain.test_quotations import create, quotation_payload

    create(world)
    quotation_id = quotation_payload("q1")["id"]
    payload = print_payload("q", quotation_id, document_type="quotation", number="QT-q1")

    outcome = world.run("document.record_print", payload, who="clerk")

    assert outcome.result["print_number"] == 1
    assert world.get(Quotation, quotation_id).print_count == 1
    record = world.get(PrintRecord, fixed_id("print:q"))
    assert (record.document_type, record.document_number, record.department_id) == ("quotation", "QT-q1", ID["d1"])
