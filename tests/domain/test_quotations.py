"""Quotations: create, update, send, cancel, mark lost, and convert into an order at the quoted prices."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import select

import domain.models as m
from domain.commands.framework import CommandRejected, InvalidPayload, NotAuthorized, OutOfScope
from domain.permissions import may_run
from domain.price_lookup import quote_price
from domain.promotion_gifts import gift_line_id
from tests.domain.conftest import ID, TODAY, fixed_id
from tests.domain.payloads import order_payload, receipt_payload

D = dt.date

LINES = [
    {"product": "p1", "quantity": "5", "unit_price": "9.50", "list_price": "10.00", "price_rule": "list"},
    {"product": "p4", "quantity": "3", "unit_price": "6.80", "discount_percent": "0.10", "tax_rate": "0.06"},
]


def quotation_payload(label: str, lines: list[dict[str, Any]] | None = None, *, customer: str = "cust",
                      warehouse: str | None = "w_allow", document_date: dt.date = TODAY,
                      valid_until: dt.date = D(2026, 12, 14), **header: Any) -> dict[str, Any]:
    payload: dict[str, Any] = {
        "id": fixed_id(f"quotation:{label}"),
        "number": f"QT-{label}",
        "customer_id": ID[customer],
        "warehouse_id": ID[warehouse] if warehouse else None,
        "document_date": document_date.isoformat(),
        "valid_until": valid_until.isoformat(),
        "lines": [],
    }
    payload.update(header)
    for index, line in enumerate(dict(line) for line in (lines or LINES)):
        entry = {"id": fixed_id(f"quotation:{label}:line:{index}"), "product_id": ID[line.pop("product")]}
        entry.update({k: v if isinstance(v, bool) else str(v) for k, v in line.items()})
        payload["lines"].append(entry)
    return payload


def create(world, label="q1", lines=None, who="clerk", **kw):
    return world.run("quotation.create", quotation_payload(label, lines, **kw), who=who)


def convert(world, label="q1", *, order="o1", on: dt.date = TODAY, who="clerk", **extra):
    payload = {"id": fixed_id(f"quotation:{label}"), "order_id": fixed_id(f"order:{order}"),
               "number": f"SO-{order}", "document_date": on.isoformat(), **extra}
    return world.run("quotation.convert", payload, who=who)


def lines_of(world, model, parent_column, parent_id):
    world.session.expire_all()
    return world.session.execute(
        select(model).where(getattr(model, parent_column) == parent_id).order_by(model.line_no)
    ).scalars().all()


def rejected(world, name, payload, who="clerk") -> CommandRejected:
    with pytest.raises(CommandRejected) as err:
        world.run(name, payload, who=who)
    return err.value


def ref(label="q1") -> dict[str, str]:
    return {"id": fixed_id(f"quotation:{label}")}


# ---------------------------------------------------------------------------
# Entry and transitions


def test_create_prices_lines_and_totals(any_world):
    world = any_world
    outcome = create(world, freight_amount="5.00")
    quotation = world.get(m.Quotation, fixed_id("quotation:q1"))
    lines = lines_of(world, m.QuotationLine, "quotation_id", quotation.id)
    # 5 × 9.50 = 47.50; 3 × 6.80 = 20.40 less 10 % (2.04) = 18.36.
    assert [line.amount for line in lines] == [Decimal("47.50"), Decimal("18.36")]
    assert lines[1].tax_rate == Decimal("0.0600")
    assert lines[0].list_price == Decimal("10.0000")
    assert quotation.lines_amount == Decimal("65.86")
    assert quotation.total_amount == Decimal("70.86")
    assert quotation.status == "draft"
    assert quotation.department_id == ID["d1"]
    assert quotation.salesperson_id == ID["clerk"]
    assert quotation.customer_category_id == ID["cat"]
    assert outcome.result["total_amount"] == "70.86"


def test_create_without_warehouse_uses_customer_department(world):
    create(world, warehouse=None)
    assert world.get(m.Quotation, fixed_id("quotation:q1")).department_id == ID["d1"]


def test_create_rejects_duplicate_number(world):
    create(world, "q1")
    payload = quotation_payload("q2", number="QT-q1")
    assert rejected(world, "quotation.create", payload).code == "duplicate_number"


def test_create_rejects_valid_until_before_date(world):
    with pytest.raises(InvalidPayload):
        create(world, valid_until=TODAY - dt.timedelta(days=1))


def test_create_rejects_contact_of_other_customer(world):
    world.run("customer_contact.create", {"id": fixed_id("contact"), "customer_id": ID["cust2"], "name": "王经理"},
              who="clerk")
    error = rejected(world, "quotation.create", quotation_payload("q1", contact_id=fixed_id("contact")))
    assert error.code == "contact_not_of_customer"


def test_keeper_may_not_create_quotation(world):
    with pytest.raises(NotAuthorized):
        create(world, who="keeper")


def test_foreign_warehouse_out_of_scope(world):
    with pytest.raises(OutOfScope):
        create(world, warehouse="w_other")


def test_update_replaces_draft_lines(world):
    create(world)
    outcome = world.run("quotation.update", quotation_payload("q1", LINES[:1]), who="clerk")
    assert outcome.result["lines_removed"] == 1
    assert world.get(m.Quotation, fixed_id("quotation:q1")).lines_amount == Decimal("47.50")


def test_update_rejected_after_send(world):
    create(world)
    world.run("quotation.send", ref(), who="clerk")
    error = rejected(world, "quotation.update", quotation_payload("q1"))
    assert error.code == "quotation_not_draft"
    assert error.params == {"number": "QT-q1", "status": "sent"}


def test_send_marks_sent_twice(world):
    create(world)
    assert world.run("quotation.send", ref(), who="clerk").result["status"] == "sent"
    assert world.run("quotation.send", ref(), who="clerk").result["status"] == "sent"


def test_cancel_closes_quotation(world):
    create(world)
    assert world.run("quotation.cancel", ref(), who="clerk").result["status"] == "cancelled"
    for name, payload in (("quotation.send", ref()), ("quotation.cancel", ref()),
                          ("quotation.mark_lost", {**ref(), "reason": "价格高"})):
        error = rejected(world, name, payload)
        assert error.code == "quotation_closed"
        assert error.params == {"number": "QT-q1", "status": "cancelled"}


def test_mark_lost_records_reason(world):
    create(world)
    world.run("quotation.send", ref(), who="clerk")
    world.run("quotation.mark_lost", {**ref(), "reason": "客户选了别家"}, who="clerk")
    quotation = world.get(m.Quotation, fixed_id("quotation:q1"))
    assert (quotation.status, quotation.lost_reason) == ("lost", "客户选了别家")
    assert rejected(world, "quotation.convert", {**ref(), "order_id": fixed_id("order:o1"), "number": "SO-1",
                                                 "document_date": TODAY.isoformat()}).code == "quotation_closed"


def test_mark_lost_needs_reason(world):
    create(world)
    with pytest.raises(InvalidPayload):
        world.run("quotation.mark_lost", {**ref(), "reason": ""}, who="clerk")


# ---------------------------------------------------------------------------
# Conversion


def test_convert_keeps_quoted_prices(any_world):
    world = any_world
    create(world)
    world.run("quotation.send", ref(), who="clerk")
    # List prices rise after the quotation: the order keeps the quoted prices.
    world.run("price_adjustment.create", {
        "id": fixed_id("pa:up"), "number": "PA-up", "document_date": TODAY.isoformat(),
        "effective_date": TODAY.isoformat(),
        "lines": [{"id": fixed_id("pa:up:0"), "product_id": ID["p1"], "price_kind": "list", "new_price": "12.00"},
                  {"id": fixed_id("pa:up:1"), "product_id": ID["p4"], "price_kind": "list", "new_price": "7.50"}],
    }, who="manager")
    world.run("price_adjustment.approve", {"id": fixed_id("pa:up")}, who="manager")
    world.session.expire_all()
    assert quote_price(world.session, ID["cust"], ID["p1"], None, TODAY).price == Decimal("12.0000")

    outcome = convert(world, on=D(2026, 12, 8))
    order = world.get(m.SalesOrder, fixed_id("order:o1"))
    quoted = lines_of(world, m.QuotationLine, "quotation_id", fixed_id("quotation:q1"))
    lines = lines_of(world, m.SalesOrderLine, "order_id", order.id)
    assert [line.unit_price for line in lines] == [Decimal("9.5000"), Decimal("6.8000")]
    assert [line.discount_amount for line in lines] == [Decimal("0.00"), Decimal("2.04")]
    assert [line.tax_rate for line in lines] == [Decimal("0.1300"), Decimal("0.0600")]
    assert [line.list_price for line in lines] == [line.list_price for line in quoted]
    assert order.total_amount == world.get(m.Quotation, fixed_id("quotation:q1")).total_amount
    assert order.status == "draft"
    assert order.document_date == D(2026, 12, 8)
    assert outcome.result["number"] == "SO-o1"


def test_convert_links_order_and_quotation(world):
    create(world, contact_id=None)
    convert(world)
    quotation = world.get(m.Quotation, fixed_id("quotation:q1"))
    order = world.get(m.SalesOrder, fixed_id("order:o1"))
    assert quotation.status == "ordered"
    assert quotation.order_id == order.id
    assert quotation.ordered_at is not None
    assert order.quotation_id == quotation.id
    assert order.department_id == quotation.department_id
    lines = lines_of(world, m.SalesOrderLine, "order_id", order.id)
    assert [line.quotation_line_id for line in lines] == [
        fixed_id("quotation:q1:line:0"), fixed_id("quotation:q1:line:1"),
    ]


def test_convert_twice_rejected(world):
    create(world)
    convert(world)
    error = rejected(world, "quotation.convert", {**ref(), "order_id": fixed_id("order:o2"), "number": "SO-o2",
                                                  "document_date": TODAY.isoformat()})
    assert error.code == "quotation_already_ordered"
    assert error.params == {"number": "QT-q1"}
    assert world.get(m.SalesOrder, fixed_id("order:o2")) is None


def test_convert_expired_rejected(world):
    create(world, valid_until=D(2026, 12, 14))
    error = rejected(world, "quotation.convert", {**ref(), "order_id": fixed_id("order:o1"), "number": "SO-o1",
                                                  "document_date": "2026-12-15"})
    assert error.code == "quotation_expired"
    assert error.params["valid_until"] == "2026-12-14"
    assert world.get(m.Quotation, fixed_id("quotation:q1")).status == "draft"
    # The last valid day still converts.
    convert(world, on=D(2026, 12, 14))
    assert world.get(m.Quotation, fixed_id("quotation:q1")).status == "ordered"


def test_convert_needs_warehouse(world):
    create(world, warehouse=None)
    with pytest.raises(InvalidPayload):
        convert(world)
    convert(world, warehouse_id=ID["w_allow"])
    assert world.get(m.SalesOrder, fixed_id("order:o1")).warehouse_id == ID["w_allow"]


def test_convert_and_confirm_reserves(world):
    world.run("goods_receipt.post", receipt_payload("stock", [("p1", "100", "7.00"), ("p4", "10", "4.00")],
                                                    warehouse="w_block"))
    create(world, warehouse="w_block")
    outcome = convert(world, confirm=True)
    assert outcome.result["status"] == "approved"
    assert world.get(m.SalesOrder, fixed_id("order:o1")).status == "approved"
    assert world.balance("p1", "w_block").reserved == Decimal("5.000")


def test_convert_confirm_blocked_keeps_quotation_open(world):
    # No stock in the blocking warehouse: the confirmation and with it the conversion are rejected.
    create(world, warehouse="w_block")
    error = rejected(world, "quotation.convert", {**ref(), "order_id": fixed_id("order:o1"), "number": "SO-o1",
                                                  "document_date": TODAY.isoformat(), "confirm": True})
    assert error.code == "insufficient_stock"
    assert world.get(m.Quotation, fixed_id("quotation:q1")).status == "draft"
    assert world.get(m.SalesOrder, fixed_id("order:o1")) is None


def test_convert_keeps_gifts_after_promotion_ends(any_world):
    world = any_world
    world.run("promotion.create", {
        "id": fixed_id("promo:bg"), "code": "BG", "name": "买十送一", "kind": "buy_n_get_m", "product_id": ID["p1"],
        "start_date": "2026-12-01", "end_date": "2026-12-05", "buy_quantity": "10", "gift_quantity": "1",
    }, who="manager")
    create(world, lines=[{"product": "p1", "quantity": "20", "unit_price": "10.00"}])
    quoted = lines_of(world, m.QuotationLine, "quotation_id", fixed_id("quotation:q1"))
    assert [(line.quantity, line.is_gift) for line in quoted] == [(Decimal("20.000"), False), (Decimal("2.000"), True)]
    assert quoted[1].promotion_id == fixed_id("promo:bg")

    # Converted after the promotion's last day, the order still gets the quoted gift.
    convert(world, on=D(2026, 12, 8))
    lines = lines_of(world, m.SalesOrderLine, "order_id", fixed_id("order:o1"))
    assert [(line.quantity, line.is_gift) for line in lines] == [(Decimal("20.000"), False), (Decimal("2.000"), True)]
    assert lines[1].gift_for_line_id == lines[0].id
    assert lines[1].quotation_line_id == gift_line_id(fixed_id("quotation:q1:line:0"), fixed_id("promo:bg"))
    assert lines[1].quotation_line_id == quoted[1].id


def test_convert_other_department_out_of_scope(world):
    create(world, warehouse=None, who="admin", customer="cust2", department_id=ID["d2"])
    with pytest.raises(OutOfScope):
        convert(world, warehouse_id=ID["w_allow"])


@pytest.mark.parametrize(
    ("role", "command", "allowed"),
    [
        ("clerk", "quotation.convert", True),
        ("clerk", "quotation.mark_lost", True),
        ("warehouse", "quotation.create", False),
        ("finance", "quotation.send", False),
        ("clerk", "promotion.create", False),
        ("manager", "promotion.end", True),
        ("admin", "promotion.update", True),
    ],
)
def test_default_role_permissions(world, role, command, allowed):
    assert may_run(world.session, role, command) is allowed


def test_other_order_gets_no_quoted_gifts(world):
    world.run("promotion.create", {
        "id": fixed_id("promo:bg"), "code": "BG", "name": "买十送一", "kind": "buy_n_get_m", "product_id": ID["p1"],
        "start_date": "2026-12-01", "end_date": "2026-12-05", "buy_quantity": "10", "gift_quantity": "1",
    }, who="manager")
    create(world, lines=[{"product": "p1", "quantity": "20", "unit_price": "10.00"}])
    convert(world, on=D(2026, 12, 8))
    # A second order naming the same quotation is priced with the promotions of its own date.
    payload = order_payload("o2", [{"product": "p1", "quantity": "20", "unit_price": "10.00"}],
                            document_date="2026-12-08", quotation_id=fixed_id("quotation:q1"))
    world.run("order.create", payload, who="clerk")
    assert len(lines_of(world, m.SalesOrderLine, "order_id", fixed_id("order:o2"))) == 1
    # The converted order keeps its gift when it is edited after the promotion ended.
    order = world.get(m.SalesOrder, fixed_id("order:o1"))
    update = order_payload("o1", [{"product": "p1", "quantity": "30", "unit_price": "10.00"}],
                           number=order.number, document_date="2026-12-08", quotation_id=fixed_id("quotation:q1"))
    update["lines"][0]["id"] = lines_of(world, m.SalesOrderLine, "order_id", order.id)[0].id
    world.run("order.update", update, who="clerk")
    lines = lines_of(world, m.SalesOrderLine, "order_id", order.id)
    assert [(line.quantity, line.is_gift) for line in lines] == [(Decimal("30.000"), False), (Decimal("3.000"), True)]
    assert lines[0].quotation_line_id == fixed_id("quotation:q1:line:0")
