"""Moving weighted average cost: a worked example, the rounding rule, restarts, transfers."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import select

import domain.models as m
from domain.ids import key_id
from domain.posting.costing import moving_average
from tests.domain.conftest import ID, fixed_id
from tests.domain.payloads import delivery_payload, receipt_payload


def cost_row(world, product="p1", warehouse=""):
    return world.get(m.StockCost, key_id("stock_cost", ID[product], ID[warehouse] if warehouse else ""))


def ship(world, label, quantity, warehouse="w_allow"):
    return world.run("delivery.ship", delivery_payload(
        label, [{"product": "p1", "quantity": quantity, "unit_price": "20.00"}], warehouse=warehouse), who="keeper")


def test_worked_moving_average_example(any_world):
    world = any_world
    # Receipt 1: 10 at 3.00 → average 3.000000, 10 on hand.
    world.run("goods_receipt.post", receipt_payload("r1", [("p1", "10", "3.00")], warehouse="w_allow"), who="keeper")
    assert str(cost_row(world).average_cost) == "3.000000"
    # Delivery of 4 at the average: cost 4 × 3.00 = 12.00; 6 left, average unchanged.
    result = ship(world, "d1", "4").result
    assert result["cost_amount"] == "12.00"
    assert str(cost_row(world).quantity) == "6.000"
    assert str(cost_row(world).average_cost) == "3.000000"
    # Receipt 2: 9 at 4.10 → (6 × 3.00 + 9 × 4.10) / 15 = (18.00 + 36.90) / 15 = 3.66.
    world.run("goods_receipt.post", receipt_payload("r2", [("p1", "9", "4.10")], warehouse="w_allow"), who="keeper")
    assert str(cost_row(world).average_cost) == "3.660000"
    assert str(cost_row(world).quantity) == "15.000"
    # Receipt 3: 7 at 5.00 → (15 × 3.66 + 7 × 5.00) / 22 = 89.90 / 22 = 4.0863636… → 4.086364.
    world.run("goods_receipt.post", receipt_payload("r3", [("p1", "7", "5.00")], warehouse="w_allow"), who="keeper")
    cost = cost_row(world)
    assert str(cost.average_cost) == "4.086364"
    assert str(cost.quantity) == "22.000"
    assert str(cost.stock_value) == "89.90"  # 22 × 4.086364 = 89.900008 → 89.90
    # Delivery of 5: 5 × 4.086364 = 20.43182 → 20.43.
    assert ship(world, "d2", "5").result["cost_amount"] == "20.43"
    assert str(cost_row(world).average_cost) == "4.086364"
    assert str(world.balance("p1", "w_allow").on_hand) == "17.000"


def test_average_rounds_half_up_at_six_decimals():
    # (7 × 1.000000 + 1 × 1.000004) / 8 = 1.0000005 exactly: half-up gives 1.000001
    # where banker's rounding would give 1.000000.
    assert moving_average(Decimal("7"), Decimal("1.000000"), Decimal("1"), Decimal("1.000004")) == Decimal("1.000001")
    # (1 × 0 + 2 × 1) / 3 = 0.6666666… → 0.666667
    assert moving_average(Decimal("1"), Decimal("0"), Decimal("2"), Decimal("1")) == Decimal("0.666667")


def test_rounding_rule_through_receipts(world):
    # (999 × 1.000000 + 1 × 1.0005) / 1000 = 1.0000005 → 1.000001 half-up.
    world.run("goods_receipt.post", receipt_payload("r1", [("p1", "999", "1.00")], warehouse="w_allow"), who="keeper")
    world.run("goods_receipt.post", receipt_payload("r2", [("p1", "1", "1.0005")], warehouse="w_allow"), who="keeper")
    assert str(cost_row(world).average_cost) == "1.000001"


def test_average_restarts_when_stock_is_negative(world):
    world.run("goods_receipt.post", receipt_payload("r1", [("p1", "2", "3.00")], warehouse="w_allow"), who="keeper")
    ship(world, "d1", "5")  # 2 − 5 = −3 at cost
    assert str(cost_row(world).quantity) == "-3.000"
    world.run("goods_receipt.post", receipt_payload("r2", [("p1", "10", "8.00")], warehouse="w_allow"), who="keeper")
    cost = cost_row(world)
    assert str(cost.average_cost) == "8.000000"
    assert str(cost.quantity) == "7.000"


def test_pack_unit_receipt_costs_per_base_unit(world):
    payload = receipt_payload("r1", [("p1", "2", "60.00")], warehouse="w_allow")
    payload["lines"][0]["unit_name"] = "箱"
    world.run("goods_receipt.post", payload, who="keeper")
    cost = cost_row(world)
    assert str(cost.quantity) == "24.000"
    assert str(cost.average_cost) == "5.000000"
    line = world.get(m.GoodsReceiptLine, fixed_id("receipt:r1:line:0"))
    assert str(line.amount) == "120.00"


def test_client_run_leaves_cost_alone(world):
    world.run("goods_receipt.post", receipt_payload("r1", [("p1", "10", "3.00")], warehouse="w_allow"), who="keeper",
              authoritative=False)
    assert cost_row(world) is None
    assert str(world.balance("p1", "w_allow").on_hand) == "10.000"


def test_per_warehouse_costing_setting(world):
    world.settings["cost_per_warehouse"] = True
    world.run("goods_receipt.post", receipt_payload("a", [("p1", "10", "3.00")], warehouse="w_allow"), who="keeper")
    world.run("goods_receipt.post", receipt_payload("b", [("p1", "10", "5.00")], warehouse="w_warn"), who="keeper")
    assert str(cost_row(world, warehouse="w_allow").average_cost) == "3.000000"
    assert str(cost_row(world, warehouse="w_warn").average_cost) == "5.000000"
    assert cost_row(world) is None


def test_transfer_moves_stock_at_current_cost(world):
    world.settings["cost_per_warehouse"] = True
    world.run("goods_receipt.post", receipt_payload("a", [("p1", "10", "3.00")], warehouse="w_allow"), who="keeper")
    world.run("goods_receipt.post", receipt_payload("b", [("p1", "10", "5.00")], warehouse="w_warn"), who="keeper")
    payload = {
        "id": fixed_id("transfer:t1"), "number": "TR-t1", "from_warehouse_id": ID["w_allow"],
        "to_warehouse_id": ID["w_warn"], "document_date": "2026-12-04",
        "lines": [{"id": fixed_id("transfer:t1:line:0"), "product_id": ID["p1"], "quantity": "5"}],
    }
    outcome = world.run("stock_transfer.post", payload, who="keeper")
    assert outcome.flags == []
    assert str(world.balance("p1", "w_allow").on_hand) == "5.000"
    assert str(world.balance("p1", "w_warn").on_hand) == "15.000"
    # Target: (10 × 5.00 + 5 × 3.00) / 15 = 4.333333
    assert str(cost_row(world, warehouse="w_warn").average_cost) == "4.333333"
    assert str(cost_row(world, warehouse="w_allow").quantity) == "5.000"
    movements = world.session.execute(
        select(m.StockMovement).where(m.StockMovement.document_id == fixed_id("transfer:t1")).order_by(m.StockMovement.quantity)
    ).scalars().all()
    assert [(mv.warehouse_id, str(mv.quantity), str(mv.unit_cost)) for mv in movements] == [
        (ID["w_allow"], "-5.000", "3.000000"), (ID["w_warn"], "5.000", "3.000000"),
    ]


def test_transfer_negative_source_under_block_flags(world):
    payload = {
        "id": fixed_id("transfer:t2"), "number": "TR-t2", "from_warehouse_id": ID["w_block"],
        "to_warehouse_id": ID["w_allow"], "document_date": "2026-12-04",
        "lines": [{"id": fixed_id("transfer:t2:line:0"), "product_id": ID["p1"], "quantity": "3"}],
    }
    outcome = world.run("stock_transfer.post", payload, who="keeper")
    assert [f.code for f in outcome.flags] == ["negative_stock"]
    assert str(world.balance("p1", "w_block").on_hand) == "-3.000"
    assert str(world.balance("p1", "w_allow").on_hand) == "3.000"


def test_transfer_to_same_warehouse_is_invalid(world):
    from domain.commands.framework import InvalidPayload

    payload = {
        "id": fixed_id("transfer:t3"), "number": "TR-t3", "from_warehouse_id": ID["w_block"],
        "to_warehouse_id": ID["w_block"], "document_date": "2026-12-04",
        "lines": [{"id": fixed_id("transfer:t3:line:0"), "product_id": ID["p1"], "quantity": "3"}],
    }
    with pytest.raises(InvalidPayload):
        world.run("stock_transfer.post", payload, who="keeper")
