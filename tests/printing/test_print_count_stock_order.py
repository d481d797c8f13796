"""document.record_print of a goods receipt, a stock transfer and a sales order: counted, and in whose scope."""

from __future__ import annotations

import pytest

from domain.commands.framework import OutOfScope
from domain.models import GoodsReceipt, PrintRecord, SalesOrder, StockTransfer
from tests.domain import conftest as domain_fixtures
from tests.domain.conftest import ID, NOW, TODAY, fixed_id
from tests.domain.payloads import order_payload, receipt_payload

# The handler tests' fixtures: a seeded company database per test.
seeded_template = domain_fixtures.seeded_template
world = domain_fixtures.world


def print_payload(label: str, document_type: str, document_id: str, number: str, **fields) -> dict:
    payload = {"id": fixed_id(f"print:{label}"), "document_type": document_type, "document_id": document_id,
               "number": number, "printed_at": NOW.isoformat()}
    payload.update(fields)
    return payload


def post_transfer(world) -> str:
    world.run("goods_receipt.post", receipt_payload("r1", [("p1", "20", "6.00")]), who="keeper")
    transfer_id = fixed_id("transfer:t1")
    world.run("stock_transfer.post", {
        "id": transfer_id, "number": "TR-t1", "from_warehouse_id": ID["w_block"], "to_warehouse_id": ID["w_warn"],
        "document_date": TODAY.isoformat(),
        "lines": [{"id": fixed_id("transfer:t1:line:0"), "product_id": ID["p1"], "quantity": "4"}],
    }, who="keeper")
    return transfer_id


def test_receipt_print_counted(world):
    world.run("goods_receipt.post", receipt_payload("r1", [("p1", "20", "6.00")]), who="keeper")
    receipt_id = receipt_payload("r1", [])["id"]

    first = world.run("document.record_print", print_payload("a", "goods_receipt", receipt_id, "GR-r1"), who="keeper")
    second = world.run("document.record_print",
                       print_payload("b", "goods_receipt", receipt_id, "GR-r1", reason="供应商要求"), who="keeper")

    assert (first.result["print_number"], second.result["print_number"]) == (1, 2)
    assert world.get(GoodsReceipt, receipt_id).print_count == 2
    record = world.get(PrintRecord, fixed_id("print:b"))
    assert (record.document_type, record.is_reprint, record.reason) == ("goods_receipt", True, "供应商要求")
    assert record.department_id == ID["d1"]  # the warehouse's department


def test_receipt_print_out_of_scope(world):
    world.run("goods_receipt.post", receipt_payload("r1", [("p1", "20", "6.00")]), who="keeper")
    receipt_id = receipt_payload("r1", [])["id"]

    with pytest.raises(OutOfScope):
        world.run("document.record_print", print_payload("a", "goods_receipt", receipt_id, "GR-r1"),
                  who="keeper_other")
    assert world.get(GoodsReceipt, receipt_id).print_count == 0


def test_transfer_print_counted(world):
    transfer_id = post_transfer(world)

    outcome = world.run("document.record_print", print_payload("a", "stock_transfer", transfer_id, "TR-t1"),
                        who="keeper")

    assert outcome.result["print_number"] == 1
    assert world.get(StockTransfer, transfer_id).print_count == 1
    record = world.get(PrintRecord, fixed_id("print:a"))
    assert (record.document_type, record.document_number, record.department_id) == ("stock_transfer", "TR-t1",
                                                                                     ID["d1"])


def test_transfer_print_out_of_scope(world):
    transfer_id = post_transfer(world)

    with pytest.raises(OutOfScope):
        world.run("document.record_print", print_payload("a", "stock_transfer", transfer_id, "TR-t1"),
                  who="keeper_other")
    assert world.get(StockTransfer, transfer_id).print_count == 0


def test_order_print_counted_in_department(world):
    world.run("order.create", order_payload("o1", [{"product": "p1", "quantity": "2", "unit_price": "10"}]),
              who="clerk")
    order_id = fixed_id("order:o1")

    outcome = world.run("document.record_print", print_payload("a", "sales_order", order_id, "SO-o1"), who="clerk")

    assert outcome.result["print_number"] == 1
    assert world.get(SalesOrder, order_id).print_count == 1
    record = world.get(PrintRecord, fixed_id("print:a"))
    assert (record.document_type, record.department_id) == ("sales_order", ID["d1"])
