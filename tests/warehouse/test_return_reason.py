"""The reason of a sales return a receipt confirmation posted: stored as the number, shown and printed translated."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import domain.models as m  # noqa: E402
from desktop.models.return_queries import search_returns  # noqa: E402
from desktop.printing.output import pdf_text  # noqa: E402
from desktop.printing.return_note import load_return_note, write_return_pdf  # noqa: E402
from tests.desktop_orders.chinese_ui import chinese_from_ts  # noqa: E402
from tests.domain.conftest import ID, TODAY, fixed_id  # noqa: E402
from tests.warehouse import test_receipt_confirmation as confirmation_tests  # noqa: E402
from tests.warehouse.test_receipt_confirmation import confirmation, delivered_two_lines  # noqa: E402

# The seeded company of the receipt confirmation tests, one SQLite copy per test.
template = confirmation_tests.template
world = confirmation_tests.world


@pytest.fixture
def chinese(qapp, tmp_path):
    with chinese_from_ts(tmp_path):
        yield


def returned_by_confirmation(world) -> str:
    """Post confirmation RC-b, which sends 3 damaged P004 back on return SR-b, and a typed return SR-x; return SR-b's id."""
    soap, paste = delivered_two_lines(world)
    world.run("receipt_confirmation.post", confirmation("b", [
        {"delivery_line_id": paste, "received_quantity": "1", "difference_reason": "damaged", "reason_note": "压坏"},
    ], return_id=fixed_id("return:b"), return_number="SR-b"), who="keeper")
    world.run("sales_return.post", {
        "id": fixed_id("return:x"), "number": "SR-x", "customer_id": ID["cust"], "delivery_id": fixed_id("delivery:d1"),
        "warehouse_id": ID["w_block"], "document_date": TODAY.isoformat(), "reason": "包装破损",
        "lines": [{"id": fixed_id("return:x:line:0"), "delivery_line_id": soap, "quantity": "1"}],
    }, who="keeper")
    return fixed_id("return:b")


def test_confirmation_return_stores_number_only(world):
    return_id = returned_by_confirmation(world)
    assert world.get(m.SalesReturn, return_id).reason == "RC-b"


def test_returns_list_reason_in_chinese(world, chinese):
    returned_by_confirmation(world)
    reasons = {row.number: row.reason for row in search_returns(world.session)}
    assert reasons["SR-b"] == "收货记录 RC-b"
    # A return typed on the form keeps the clerk's own reason.
    assert reasons["SR-x"] == "包装破损"


def test_returns_list_reason_in_english(world, qapp):
    returned_by_confirmation(world)
    reasons = {row.number: row.reason for row in search_returns(world.session)}
    assert reasons["SR-b"] == "Receipt confirmation RC-b"


def test_printed_return_note_reason_in_chinese(world, chinese, tmp_path):
    return_id = returned_by_confirmation(world)
    note = load_return_note(world.session, return_id)
    assert note.reason == "收货记录 RC-b"

    path = tmp_path / "return.pdf"
    assert write_return_pdf(note, path) == 1
    text = pdf_text(path)
    assert "收货记录 RC-b" in text
    assert "receipt confirmation" not in text.lower()
