"""stocktake.save / post / cancel: book stock becomes the count, at the current cost, in the stock summary."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import select

import domain.models as m
from desktop.models.stock_summary_queries import SummaryFilter, load_summary
from domain.commands.framework import CommandRejected, InvalidPayload, NotAuthorized, OutOfScope
from domain.ids import key_id
from tests.domain.conftest import ID, TODAY, fixed_id, seeded_template, world  # noqa: F401  (fixtures)
from tests.domain.payloads import delivery_payload, receipt_payload


def sheet(label: str, lines: list[dict], *, warehouse: str = "w_block", document_date: dt.date = TODAY) -> dict:
    """Return a count sheet; each line gives product, book, counted and optionally batch, expiry, reason."""
    stocktake_id = fixed_id(f"stocktake:{label}")
    payload_lines = []
    for line in lines:
        batch = line.get("batch", "")
        entry = {
            "id": key_id("stocktake_line", stocktake_id, ID[line["product"]], batch),
            "product_id": ID[line["product"]],
            "batch_no": batch,
            "book_quantity": str(line["book"]),
            "counted_quantity": str(line["counted"]),
            "reason": line.get("reason"),
        }
        if "expiry" in line:
            entry["expiry_date"] = line["expiry"].isoformat()
        payload_lines.append(entry)
    return {"id": stocktake_id, "number": f"ST-{label}", "warehouse_id": ID[warehouse],
            "document_date": document_date.isoformat(), "lines": payload_lines}


def batch_receipt(world, label: str, batches: list[tuple[str, str, dt.date | None]], price: str = "4.00") -> None:
    payload = receipt_payload(label, [("p1", quantity, price) for _batch, quantity, _expiry in batches])
    for line, (batch, _quantity, expiry) in zip(payload["lines"], batches):
        line["batch_no"] = batch
        line["expiry_date"] = expiry.isoformat() if expiry else None
    world.run("goods_receipt.post", payload, who="keeper")


def movements_of(world, stocktake_id: str) -> list[m.StockMovement]:
    world.session.expire_all()
    return list(world.session.scalars(
        select(m.StockMovement).where(m.StockMovement.document_id == stocktake_id).order_by(m.StockMovement.batch_no)
    ))


def lines_of(world, stocktake_id: str) -> list[m.StocktakeLine]:
    world.session.expire_all()
    return list(world.session.scalars(
        select(m.StocktakeLine).where(m.StocktakeLine.stocktake_id == stocktake_id).order_by(m.StocktakeLine.line_no)
    ))


def test_post_sets_book_to_count(world):
    world.run("goods_receipt.post", receipt_payload("r1", [("p1", "100", "5.00")]), who="keeper")
    payload = sheet("s1", [{"product": "p1", "book": 100, "counted": 97, "reason": "破损"},
                           {"product": "p2", "book": 0, "counted": 0}])

    outcome = world.run("stocktake.post", payload, who="keeper")

    assert outcome.result["differing_lines"] == 1
    assert outcome.result["difference_amount"] == "-15.00"
    assert outcome.flags == []
    assert world.balance("p1", "w_block").on_hand == Decimal("97")
    assert world.balance("p2", "w_block") is None  # a zero line creates no balance row
    header = world.get(m.Stocktake, payload["id"])
    assert header.status == "posted"
    assert header.posting_date == TODAY
    assert header.counted_by == ID["keeper"]
    assert header.difference_amount == Decimal("-15.00")
    first, second = lines_of(world, payload["id"])
    assert (first.book_quantity, first.counted_quantity, first.difference_quantity) == (100, 97, -3)
    assert (first.unit_cost, first.cost_amount, first.reason) == (Decimal("5"), Decimal("-15.00"), "破损")
    assert (second.difference_quantity, second.cost_amount) == (0, None)
    [movement] = movements_of(world, payload["id"])
    assert (movement.quantity, movement.document_type, movement.document_number) == (-3, "stocktake", "ST-s1")
    cost = world.get(m.StockCost, key_id("stock_cost", ID["p1"], ""))
    assert (cost.quantity, cost.average_cost) == (Decimal("97"), Decimal("5"))


def test_surplus_at_current_average(world):
    world.run("goods_receipt.post", receipt_payload("r1", [("p1", "10", "6.00")]), who="keeper")
    world.run("goods_receipt.post", receipt_payload("r2", [("p1", "10", "8.00")]), who="keeper")

    outcome = world.run("stocktake.post", sheet("s1", [{"product": "p1", "book": 20, "counted": 25}]), who="keeper")

    assert outcome.result["difference_amount"] == "35.00"
    cost = world.get(m.StockCost, key_id("stock_cost", ID["p1"], ""))
    assert (cost.quantity, cost.average_cost) == (Decimal("25"), Decimal("7"))


def test_surplus_without_average_uses_purchase_price(world):
    world.session.get(m.Product, ID["p4"]).purchase_price = Decimal("2.5000")
    world.session.commit()

    world.run("stocktake.post", sheet("s1", [{"product": "p4", "book": 0, "counted": 4}]), who="keeper")

    [line] = lines_of(world, fixed_id("stocktake:s1"))
    assert (line.unit_cost, line.cost_amount) == (Decimal("2.5"), Decimal("10.00"))
    assert world.balance("p4", "w_block").on_hand == 4


def test_movement_between_count_and_post(world):
    """A delivery posted after the count is absorbed: book stock ends at the count, and a flag is raised."""
    world.run("goods_receipt.post", receipt_payload("r1", [("p1", "100", "5.00")]), who="keeper")
    payload = sheet("s1", [{"product": "p1", "book": 100, "counted": 98}, {"product": "p4", "book": 0, "counted": 0}])
    world.run("stocktake.save", payload, who="keeper")
    world.run("delivery.ship", delivery_payload("d1", [{"product": "p1", "quantity": "10"}]), who="keeper")

    outcome = world.run("stocktake.post", payload, who="keeper")

    assert world.balance("p1", "w_block").on_hand == Decimal("98")
    [line, _zero] = lines_of(world, payload["id"])
    assert (line.book_quantity, line.difference_quantity) == (Decimal("90"), Decimal("8"))
    [movement] = movements_of(world, payload["id"])
    assert movement.quantity == Decimal("8")
    [flag] = outcome.flags
    assert flag.code == "stocktake_book_changed"
    assert flag.params == {"warehouse_code": "WB", "count": 1, "product_codes": "P001"}
    assert flag.department_id == ID["d1"]


def test_batches_counted_separately(world):
    expiry_a, expiry_c = dt.date(2027, 6, 30), dt.date(2027, 9, 30)
    batch_receipt(world, "r1", [("A", "10", expiry_a), ("B", "5", dt.date(2027, 7, 31))])
    payload = sheet("s1", [
        {"product": "p1", "batch": "A", "book": 10, "counted": 8, "expiry": expiry_a},
        {"product": "p1", "batch": "B", "book": 5, "counted": 5},
        {"product": "p1", "batch": "C", "book": 0, "counted": 2, "expiry": expiry_c, "reason": "未入账批次"},
    ])

    world.run("stocktake.post", payload, who="keeper")

    assert world.balance("p1", "w_block", "A").on_hand == 8
    assert world.balance("p1", "w_block", "B").on_hand == 5
    found = world.balance("p1", "w_block", "C")
    assert (found.on_hand, found.expiry_date) == (Decimal("2"), expiry_c)
    moved = [(row.batch_no, row.quantity, row.expiry_date) for row in movements_of(world, payload["id"])]
    assert moved == [("A", Decimal("-2"), expiry_a), ("C", Decimal("2"), expiry_c)]
    # The found batch enters at the product's average over all batches.
    assert [line.unit_cost for line in lines_of(world, payload["id"])] == [Decimal("4"), None, Decimal("4")]


def test_summary_adds_up_after_post(world):
    world.today = dt.date(2026, 11, 20)
    world.run("goods_receipt.post", receipt_payload("r1", [("p1", "100", "5.00")]), who="keeper")
    world.today = TODAY
    world.run("goods_receipt.post", receipt_payload("r2", [("p1", "20", "5.00")]), who="keeper")
    world.run("delivery.ship", delivery_payload("d1", [{"product": "p1", "quantity": "30"}]), who="keeper")
    world.run("stocktake.post", sheet("s1", [{"product": "p1", "book": 90, "counted": 86}]), who="keeper")

    december = SummaryFilter(dt.date(2026, 12, 1), dt.date(2026, 12, 31), warehouse_id=ID["w_block"])
    [row] = load_summary(world.session, december, None, 100)

    assert (row["opening"], row["quantity_in"], row["quantity_out"]) == (100, 20, 34)
    assert row["closing"] == row["opening"] + row["quantity_in"] - row["quantity_out"]
    assert row["closing"] == world.balance("p1", "w_block").on_hand == Decimal("86")
    assert (row["opening_amount"], row["amount_in"], row["amount_out"]) == (Decimal("500.00"), Decimal("100.00"),
                                                                            Decimal("170.00"))
    assert row["closing_amount"] == world.get(m.StockCost, key_id("stock_cost", ID["p1"], "")).stock_value


def test_save_replaces_sheet_then_post_locks_it(world):
    world.run("goods_receipt.post", receipt_payload("r1", [("p1", "10", "5.00")]), who="keeper")
    draft = sheet("s1", [{"product": "p1", "book": 10, "counted": 9}, {"product": "p2", "book": 0, "counted": 1}])
    assert world.run("stocktake.save", draft, who="keeper").result["differing_lines"] == 2
    assert world.balance("p1", "w_block").on_hand == 10  # saving moves no stock

    final = sheet("s1", [{"product": "p1", "book": 10, "counted": 10}])
    world.run("stocktake.save", final, who="keeper")
    [line] = lines_of(world, draft["id"])
    assert (line.counted_quantity, line.difference_quantity) == (10, 0)
    assert world.get(m.Stocktake, draft["id"]).status == "counting"

    world.run("stocktake.post", final, who="keeper")
    assert movements_of(world, draft["id"]) == []
    with pytest.raises(CommandRejected) as raised:
        world.run("stocktake.save", final, who="keeper")
    assert (raised.value.code, raised.value.params) == ("stocktake_not_counting", {"number": "ST-s1", "status": "posted"})
    with pytest.raises(CommandRejected):
        world.run("stocktake.cancel", {"id": draft["id"]}, who="keeper")
    with pytest.raises(InvalidPayload):
        world.run("stocktake.post", final, who="keeper")


def test_cancelled_stocktake_still_posts(world):
    payload = sheet("s1", [{"product": "p1", "book": 0, "counted": 3}])
    world.run("stocktake.save", payload, who="keeper")
    world.run("stocktake.cancel", {"id": payload["id"]}, who="manager")
    assert world.get(m.Stocktake, payload["id"]).status == "cancelled"

    outcome = world.run("stocktake.post", payload, who="keeper")

    assert [flag.code for flag in outcome.flags] == ["stocktake_cancelled"]
    assert world.balance("p1", "w_block").on_hand == 3


def test_late_count_flagged(world):
    world.session.add(m.AccountingPeriod(id=fixed_id("2026-11"), year=2026, month=11, start_date=dt.date(2026, 11, 1),
                                         end_date=dt.date(2026, 11, 30), closed=True))
    world.session.commit()

    outcome = world.run("stocktake.post", sheet("s1", [{"product": "p1", "book": 0, "counted": 1}],
                                                document_date=dt.date(2026, 11, 30)), who="keeper")

    assert [flag.code for flag in outcome.flags] == ["late_closed_period"]
    assert outcome.result["posting_date"] == TODAY.isoformat()


def test_client_posts_without_cost(world):
    world.run("goods_receipt.post", receipt_payload("r1", [("p1", "10", "5.00")]), who="keeper")

    outcome = world.run("stocktake.post", sheet("s1", [{"product": "p1", "book": 10, "counted": 7}]), who="keeper",
                        authoritative=False)

    assert outcome.result["difference_amount"] is None
    assert world.balance("p1", "w_block").on_hand == 7
    [line] = lines_of(world, fixed_id("stocktake:s1"))
    assert (line.difference_quantity, line.unit_cost, line.cost_amount) == (Decimal("-3"), None, None)


@pytest.mark.parametrize("change", [
    {"counted_quantity": "-1"},
    {"counted_quantity": "1.0001"},
    {"counted_quantity": 1.5},
    {"reason": "x" * 401},
])
def test_malformed_lines_rejected(world, change):
    payload = sheet("s1", [{"product": "p1", "book": 0, "counted": 1}])
    payload["lines"][0].update(change)
    with pytest.raises(InvalidPayload):
        world.run("stocktake.post", payload, who="keeper")


def test_same_product_batch_twice_rejected(world):
    payload = sheet("s1", [{"product": "p1", "book": 0, "counted": 1}])
    payload["lines"].append({**payload["lines"][0], "id": fixed_id("other line")})
    with pytest.raises(InvalidPayload):
        world.run("stocktake.post", payload, who="keeper")


def test_roles_and_scope(world):
    payload = sheet("s1", [{"product": "p1", "book": 0, "counted": 1}])
    with pytest.raises(NotAuthorized):
        world.run("stocktake.post", payload, who="clerk")
    with pytest.raises(OutOfScope):
        world.run("stocktake.post", payload, who="keeper_other")
    with pytest.raises(OutOfScope):
        world.run("stocktake.save", payload, who="keeper_other")

    world.run("stocktake.save", payload, who="keeper")
    # The other department's keeper cannot reach the stocktake through a warehouse of their own.
    moved = {**payload, "warehouse_id": ID["w_other"]}
    with pytest.raises(OutOfScope):
        world.run("stocktake.post", moved, who="keeper_other")
    with pytest.raises(OutOfScope):
        world.run("stocktake.cancel", {"id": payload["id"]}, who="keeper_other")
    with pytest.raises(InvalidPayload):
        world.run("stocktake.post", moved, who="admin")
    assert world.get(m.Stocktake, payload["id"]).status == "counting"


def test_line_id_of_other_stocktake_rejected(world):
    first = sheet("s1", [{"product": "p1", "book": 0, "counted": 1}])
    world.run("stocktake.save", first, who="keeper")
    second = sheet("s2", [{"product": "p1", "book": 0, "counted": 2}])
    second["lines"][0]["id"] = first["lines"][0]["id"]

    with pytest.raises(InvalidPayload):
        world.run("stocktake.post", second, who="keeper")

    assert world.get(m.Stocktake, second["id"]) is None
    assert world.balance("p1", "w_block") is None
