"""Goods receipts and transfers of batch-tracked products, run through the command framework on a real database."""

from __future__ import annotations

import datetime as dt

import pytest

import domain.models as m
from desktop.messages import _templates, message_for
from domain.commands.framework import InvalidPayload, OutOfScope
from domain.ids import key_id
from tests.desktop_orders.chinese_ui import chinese_from_ts
from tests.domain.conftest import ID, copy_world, open_world
from tests.warehouse.batch_world import IDS, add_tracked_products, receipt, transfer

EXPIRY = "2027-03-31"


@pytest.fixture(scope="module")
def tracked_template(tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("batch_template") / "seeded.sqlite3"
    world, engine = open_world(f"sqlite:///{path}")
    add_tracked_products(world.session)
    world.session.close()
    engine.dispose()
    return str(path)


@pytest.fixture
def world(tmp_path, tracked_template):
    world, engine = copy_world(tracked_template, tmp_path / "world.sqlite3")
    yield world
    world.session.close()
    engine.dispose()


def balance(world, product: str, warehouse: str, batch: str = "") -> m.StockBalance | None:
    return world.get(m.StockBalance, key_id("stock_balance", IDS[product], ID[warehouse], batch))


@pytest.mark.parametrize("authoritative", [True, False])
def test_receipt_without_batch_rejected(world, authoritative):
    payload = receipt("nobatch", [
        {"product": "p1", "quantity": "5"},
        {"product": "milk", "quantity": "2", "expiry_date": EXPIRY},
    ])
    with pytest.raises(InvalidPayload) as raised:
        world.run("goods_receipt.post", payload, who="keeper", authoritative=authoritative)
    assert raised.value.code == "batch_required"
    assert raised.value.params["line_no"] == 2
    assert raised.value.params["product_code"] == "P101"
    assert raised.value.params["field"] == "lines.1.batch_no"
    assert world.get(m.GoodsReceipt, payload["id"]) is None
    assert balance(world, "p1", "w_allow") is None


def test_blank_batch_counts_as_missing(world):
    payload = receipt("blank", [{"product": "screw", "quantity": "3", "batch_no": "   "}])
    with pytest.raises(InvalidPayload) as raised:
        world.run("goods_receipt.post", payload, who="keeper")
    assert raised.value.code == "batch_required"


def test_receipt_without_expiry_rejected(world):
    payload = receipt("noexpiry", [{"product": "milk", "quantity": "2", "batch_no": "B1"}])
    with pytest.raises(InvalidPayload) as raised:
        world.run("goods_receipt.post", payload, who="keeper")
    assert raised.value.code == "expiry_required"
    assert raised.value.params["field"] == "lines.0.expiry_date"


def test_batch_only_product_needs_no_expiry(world):
    world.run("goods_receipt.post", receipt("screws", [{"product": "screw", "quantity": "4", "batch_no": "S-7"}]),
              who="keeper")
    row = balance(world, "screw", "w_allow", "S-7")
    assert str(row.on_hand) == "4.000"
    assert row.expiry_date is None


def test_batch_and_expiry_reach_balance(world):
    payload = receipt("milk", [
        {"product": "milk", "quantity": "10", "batch_no": " M2701 ", "expiry_date": EXPIRY, "price": "95.00"},
        {"product": "milk", "quantity": "6", "batch_no": "M2702", "expiry_date": "2027-06-30", "price": "96.00"},
    ])
    outcome = world.run("goods_receipt.post", payload, who="keeper")
    assert outcome.flags == []
    first = balance(world, "milk", "w_allow", "M2701")
    assert str(first.on_hand) == "10.000"
    assert first.expiry_date == dt.date(2027, 3, 31)
    second = balance(world, "milk", "w_allow", "M2702")
    assert str(second.on_hand) == "6.000"
    assert second.expiry_date == dt.date(2027, 6, 30)
    line = world.get(m.GoodsReceiptLine, payload["lines"][0]["id"])
    assert line.batch_no == "M2701"
    assert str(world.get(m.GoodsReceipt, payload["id"]).total_amount) == "1526.00"


def test_transfer_moves_batch_with_expiry(world):
    world.run("goods_receipt.post", receipt("in", [
        {"product": "milk", "quantity": "10", "batch_no": "M2701", "expiry_date": EXPIRY},
        {"product": "p1", "quantity": "20"},
    ], warehouse="w_allow"), who="keeper")
    outcome = world.run("stock_transfer.post", transfer("move", "w_allow", "w_warn", [
        {"product": "milk", "quantity": "4", "batch_no": "M2701"},
        {"product": "p1", "quantity": "7"},
    ]), who="keeper")
    assert outcome.flags == []
    assert str(balance(world, "milk", "w_allow", "M2701").on_hand) == "6.000"
    arrived = balance(world, "milk", "w_warn", "M2701")
    assert str(arrived.on_hand) == "4.000"
    # The expiry date was not in the payload: it follows the batch from the source warehouse.
    assert arrived.expiry_date == dt.date(2027, 3, 31)
    assert str(balance(world, "p1", "w_allow").on_hand) == "13.000"
    assert str(balance(world, "p1", "w_warn").on_hand) == "7.000"
    line = world.get(m.StockTransferLine, key_id("test", "transfer:move:line:0"))
    assert line.expiry_date == dt.date(2027, 3, 31)


def test_transfer_totals_add_up(world):
    world.run("goods_receipt.post", receipt("in", [{"product": "p1", "quantity": "20"}], warehouse="w_allow"),
              who="keeper")
    world.run("stock_transfer.post", transfer("t", "w_allow", "w_warn", [{"product": "p1", "quantity": "2",
                                                                        "unit_name": "箱"}]), who="keeper")
    source, target = balance(world, "p1", "w_allow"), balance(world, "p1", "w_warn")
    assert str(source.on_hand) == "-4.000"  # 20 - 2 × 12
    assert str(target.on_hand) == "24.000"
    assert source.on_hand + target.on_hand == 20


def test_transfer_of_batch_product_needs_batch(world):
    with pytest.raises(InvalidPayload) as raised:
        world.run("stock_transfer.post", transfer("nobatch", "w_allow", "w_warn", [{"product": "milk", "quantity": "1"}]),
                  who="keeper")
    assert raised.value.code == "batch_required"


def test_transfer_from_other_department_rejected(world):
    payload = transfer("foreign", "w_other", "w_allow", [{"product": "p1", "quantity": "1"}])
    with pytest.raises(OutOfScope):
        world.run("stock_transfer.post", payload, who="keeper")
    assert world.get(m.StockTransfer, payload["id"]) is None


def test_receipt_into_other_department_rejected(world):
    payload = receipt("foreign", [{"product": "p1", "quantity": "1"}], warehouse="w_other")
    with pytest.raises(OutOfScope):
        world.run("goods_receipt.post", payload, who="keeper")


def test_batch_codes_have_messages():
    assert {"batch_required", "expiry_required"} <= set(_templates())


def test_batch_message_in_chinese(qapp, tmp_path):
    params = {"line_no": 2, "product_code": "P101", "name": "奶粉", "field": "lines.1.batch_no"}
    with chinese_from_ts(tmp_path):
        text = message_for("batch_required", params)
        expiry_text = message_for("expiry_required", params)
    assert text == "第 2 行：商品 P101 奶粉按批次管理，请填写批号"
    assert expiry_text == "第 2 行：商品 P101 奶粉按有效期管理，请填写该批次的有效期"
