"""Shipping plans: batches first-expiry-first-out, partial deliveries, several orders on one note or one each."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

import domain.models as m
from desktop.models.ship_plan import group_notes, load_open_lines, note_payload, suggest_rows
from tests.domain.conftest import ID, TODAY, copy_world, fixed_id, open_world
from tests.domain.payloads import order_payload


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


# (batch, expiry, quantity) received into WB: B-LATE expires last, B-SOON first, B-OPEN has no expiry date.
BATCHES = (("B-LATE", dt.date(2027, 3, 1), "5"), ("B-SOON", dt.date(2027, 1, 1), "3"), ("B-OPEN", None, "10"))


def stock_batches(world, warehouse="w_block") -> None:
    """Make P001 batch-tracked and receive BATCHES of it into `warehouse`."""
    product = world.session.get(m.Product, ID["p1"])
    product.batch_tracked = True
    world.session.commit()
    lines = []
    for index, (batch, expiry, quantity) in enumerate(BATCHES):
        line = {"id": fixed_id(f"receipt:b:line:{index}"), "product_id": ID["p1"], "quantity": quantity,
                "unit_price": "6.00", "batch_no": batch}
        if expiry is not None:
            line["expiry_date"] = expiry.isoformat()
        lines.append(line)
    world.run("goods_receipt.post", {
        "id": fixed_id("receipt:b"), "number": "GR-b", "warehouse_id": ID[warehouse], "supplier_id": ID["supplier"],
        "document_date": TODAY.isoformat(), "lines": lines,
    }, who="keeper")


def confirmed_order(world, label, quantity, *, customer="cust", product="p1", unit_price="12.00", warehouse="w_block"):
    world.run("order.create", order_payload(label, [{"product": product, "quantity": quantity, "unit_price": unit_price}],
                                            customer=customer, warehouse=warehouse), who="clerk")
    world.run("order.confirm", {"id": fixed_id(f"order:{label}")}, who="clerk")
    return fixed_id(f"order:{label}")


def ship(world, rows, label, *, one_note_per_customer=False):
    drafts = group_notes(rows, one_note_per_customer)
    outcomes = []
    for index, draft in enumerate(drafts):
        payload = note_payload(draft, fixed_id(f"delivery:{label}:{index}"), f"DN-{label}-{index}", TODAY)
        outcomes.append(world.run("delivery.ship", payload, who="keeper"))
    return drafts, outcomes


def test_fefo_takes_earliest_expiry_first(world):
    stock_batches(world)
    order_id = confirmed_order(world, "o1", "7")
    [line] = load_open_lines(world.session, [order_id])
    rows = suggest_rows(line)
    assert [(row.batch_no, row.quantity) for row in rows] == [("B-SOON", Decimal("3")), ("B-LATE", Decimal("4"))]
    assert rows[0].expiry_date == dt.date(2027, 1, 1)


def test_fefo_splits_over_batches_and_ships_them(world):
    # A warehouse that warns on negative stock, so an order above the stock can be confirmed.
    stock_batches(world, "w_warn")
    order_id = confirmed_order(world, "o1", "20", warehouse="w_warn")
    [line] = load_open_lines(world.session, [order_id])
    rows = suggest_rows(line)
    # 3 + 5 + 10 in stock: the 2 no batch covers stay on a row without batch for the user to see.
    assert [(row.batch_no, row.quantity) for row in rows] == [
        ("B-SOON", Decimal("3")), ("B-LATE", Decimal("5")), ("B-OPEN", Decimal("10")), ("", Decimal("2"))]

    rows.pop()  # ship what the batches hold; the order stays partly delivered
    _drafts, [outcome] = ship(world, rows, "fefo")
    assert outcome.result["orders"] == {order_id: "partly_delivered"}
    for batch, _expiry, _quantity in BATCHES:
        assert world.balance("p1", "w_warn", batch).on_hand == Decimal("0")
    movement = world.session.query(m.StockMovement).filter_by(document_type="delivery_note", batch_no="B-SOON").one()
    assert movement.expiry_date == dt.date(2027, 1, 1)


def test_untracked_product_one_row(world):
    order_id = confirmed_order(world, "o1", "4", product="p4", unit_price="6.80", warehouse="w_allow")
    [line] = load_open_lines(world.session, [order_id])
    assert [(row.batch_no, row.quantity) for row in suggest_rows(line)] == [("", Decimal("4"))]


def test_partial_delivery_leaves_rest_open(world):
    order_id = confirmed_order(world, "o1", "10", product="p4", unit_price="6.80", warehouse="w_allow")
    [line] = load_open_lines(world.session, [order_id])
    [row] = suggest_rows(line)
    row.quantity = Decimal("4")
    _drafts, [outcome] = ship(world, [row], "part")
    assert outcome.result["total_amount"] == "27.20"
    assert world.get(m.SalesOrder, order_id).status == "partly_delivered"

    [line] = load_open_lines(world.session, [order_id])
    assert line.open_base == Decimal("6")
    _drafts, [outcome] = ship(world, suggest_rows(line), "rest")
    assert world.get(m.SalesOrder, order_id).status == "completed"
    assert load_open_lines(world.session, [order_id]) == []


def test_one_note_per_customer_groups_orders(world):
    first = confirmed_order(world, "o1", "2", product="p4", unit_price="6.80", warehouse="w_allow")
    second = confirmed_order(world, "o2", "3", product="p4", unit_price="6.80", warehouse="w_allow")
    other = confirmed_order(world, "o3", "1", product="p4", unit_price="6.80", customer="cust2",
                            warehouse="w_allow")
    lines = load_open_lines(world.session, [first, second, other])
    rows = [row for line in lines for row in suggest_rows(line)]

    assert len(group_notes(rows, one_note_per_customer=False)) == 3
    drafts, outcomes = ship(world, rows, "grouped", one_note_per_customer=True)
    assert [[order.number for order in draft.orders] for draft in drafts] == [["SO-o1", "SO-o2"], ["SO-o3"]]
    assert outcomes[0].result["orders"] == {first: "completed", second: "completed"}
    note = world.get(m.DeliveryNote, fixed_id("delivery:grouped:0"))
    assert note.customer_id == ID["cust"]
    assert note.total_amount == Decimal("34.00")
    assert world.get(m.DeliveryNote, fixed_id("delivery:grouped:1")).customer_id == ID["cust2"]


def test_ship_all_of_tracked_order_takes_batches(world):
    from desktop.models.order_queries import ship_payload

    stock_batches(world)
    order_id = confirmed_order(world, "o-all", "7")
    payload = ship_payload(world.session, order_id, fixed_id("delivery:all"), "DN-all", TODAY)

    assert [(line["batch_no"], Decimal(line["quantity"])) for line in payload["lines"]] == [("B-SOON", 3), ("B-LATE", 4)]
    world.run("delivery.ship", payload, who="keeper")
    balances = {b.batch_no: b.on_hand for b in world.session.query(m.StockBalance).filter_by(product_id=ID["p1"],
                                                                                          warehouse_id=ID["w_block"])}
    assert balances["B-SOON"] == 0
    assert balances["B-LATE"] == 1
