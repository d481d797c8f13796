"""order.create / update / confirm / approve / cancel: amounts, rules, reservation."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest
from sqlalchemy import select

import domain.models as m
from domain.commands.framework import CommandRejected, NotAuthorized, OutOfScope
from tests.domain.conftest import ID, TODAY, fixed_id
from tests.domain.payloads import delivery_payload, order_payload, receipt_payload

THREE_LINES = [
    {"product": "p1", "quantity": "5", "unit_price": "12.345"},
    {"product": "p4", "quantity": "3", "unit_price": "6.80", "discount": "0.41"},
    {"product": "p1", "unit_name": "箱", "quantity": "2", "unit_price": "110.00", "discount_percent": "0.05"},
]


def stock_up(world, warehouse="w_block", p1="100", p4="10", p2=None):
    lines = [("p1", p1, "7.00"), ("p4", p4, "4.00")]
    if p2:
        lines.append(("p2", p2, "2.00"))
    world.run("goods_receipt.post", receipt_payload(f"stock-{warehouse}-{world.counter}", lines, warehouse=warehouse))


def create_order(world, label="o1", lines=None, **kw):
    return world.run("order.create", order_payload(label, [dict(line) for line in (lines or THREE_LINES)], **kw), who="clerk")


def test_create_computes_lines_and_totals(any_world):
    world = any_world
    outcome = create_order(world, freight_amount="15.00", discount_amount="0.72")
    order = world.get(m.SalesOrder, outcome.result["id"])
    lines = world.session.execute(
        select(m.SalesOrderLine).where(m.SalesOrderLine.order_id == order.id).order_by(m.SalesOrderLine.line_no)
    ).scalars().all()
    # 5 × 12.345 = 61.725 → 61.73 (half-up); 3 × 6.80 − 0.41 = 19.99;
    # 2 × 110.00 = 220.00 less 5 % (11.00) = 209.00.
    assert [str(line.amount) for line in lines] == ["61.73", "19.99", "209.00"]
    assert str(lines[2].discount_amount) == "11.00"
    assert str(lines[2].base_quantity) == "24.000"
    assert str(lines[2].unit_factor) == "12.000"
    # Tax contained in tax-inclusive amounts, per line: 61.73×0.13/1.13 = 7.1017 → 7.10,
    # 19.99×0.09/1.09 = 1.6505 → 1.65, 209.00×0.13/1.13 = 24.0442 → 24.04.
    assert [str(line.tax_amount) for line in lines] == ["7.10", "1.65", "24.04"]
    assert str(order.lines_amount) == "290.72"
    assert str(order.tax_amount) == "32.79"
    # 290.72 + 15.00 freight − 0.72 document discount
    assert str(order.total_amount) == "305.00"
    assert order.status == "draft"
    assert outcome.result["total_amount"] == "305.00"


def test_create_records_category_and_price_level(world):
    order = world.get(m.SalesOrder, create_order(world).result["id"])
    assert order.customer_category_id == ID["cat"]
    assert order.price_level == "A"
    assert order.department_id == ID["d1"]
    assert order.salesperson_id == ID["clerk"]
    # Changing the category afterwards leaves the order's record alone.
    category = world.get(m.CustomerCategory, ID["cat"])
    category.price_level = "B"
    world.session.commit()
    assert world.get(m.SalesOrder, order.id).price_level == "A"


def test_prices_excluding_tax_add_tax_to_total(world):
    outcome = create_order(world, lines=[{"product": "p1", "quantity": "1", "unit_price": "100.00"}], prices_include_tax=False)
    order = world.get(m.SalesOrder, outcome.result["id"])
    assert str(order.tax_amount) == "13.00"
    assert str(order.total_amount) == "113.00"


@pytest.mark.parametrize(
    ("line", "code", "params"),
    [
        ({"product": "p3_inactive", "quantity": "1", "unit_price": "1"}, "product_inactive", {"product_code": "P003"}),
        ({"product": "p2", "quantity": "1", "unit_price": "3.50"}, "quantity_below_minimum",
         {"product_code": "P002", "quantity": "1.000", "minimum": "2.000"}),
        ({"product": "p2", "quantity": "101", "unit_price": "3.50"}, "quantity_above_maximum",
         {"product_code": "P002", "quantity": "101.000", "maximum": "100.000"}),
        ({"product": "p1", "quantity": "1", "unit_price": "1.00", "discount": "2.00"}, "discount_exceeds_amount", {}),
    ],
)
def test_create_rejects_line_rules(world, line, code, params):
    with pytest.raises(CommandRejected) as err:
        create_order(world, lines=[line])
    assert err.value.code == code
    for key, value in params.items():
        assert err.value.params[key] == value
    assert world.session.execute(select(m.SalesOrder)).first() is None


def test_create_rejects_deleted_customer(world):
    world.run("customer.delete", {"id": ID["cust"]}, who="manager")
    with pytest.raises(CommandRejected) as err:
        create_order(world)
    assert err.value.code == "record_deleted"
    assert err.value.params["table"] == "customer"


def test_create_rejects_duplicate_number(world):
    create_order(world, "o1", number="SO-A1-20261204-0001")
    with pytest.raises(CommandRejected) as err:
        create_order(world, "o2", number="SO-A1-20261204-0001")
    assert err.value.code == "duplicate_number"
    assert err.value.params["number"] == "SO-A1-20261204-0001"


def test_create_foreign_warehouse_out_of_scope(world):
    with pytest.raises(OutOfScope):
        create_order(world, warehouse="w_other")


def test_keeper_may_not_create_orders(world):
    with pytest.raises(NotAuthorized):
        world.run("order.create", order_payload("k", [{"product": "p1", "quantity": "1", "unit_price": "1"}]), who="keeper")


def test_update_replaces_lines_and_deletes_removed(world):
    outcome = create_order(world)
    payload = order_payload("o1", [dict(line) for line in THREE_LINES[:1]], note="改单")
    result = world.run("order.update", payload, who="clerk").result
    assert result["lines_removed"] == 2
    lines = world.session.execute(select(m.SalesOrderLine).where(m.SalesOrderLine.order_id == outcome.result["id"])).scalars().all()
    assert [line.id for line in lines] == [fixed_id("order:o1:line:0")]
    order = world.get(m.SalesOrder, outcome.result["id"])
    assert str(order.total_amount) == "61.73"
    assert order.note == "改单"


def test_update_rejects_non_draft(world):
    stock_up(world)
    create_order(world)
    world.run("order.confirm", {"id": fixed_id("order:o1")}, who="clerk")
    with pytest.raises(CommandRejected) as err:
        world.run("order.update", order_payload("o1", [dict(THREE_LINES[0])]), who="clerk")
    assert err.value.code == "order_not_draft"
    assert err.value.params["status"] == "approved"


def test_confirm_approves_and_reserves(world):
    stock_up(world)
    create_order(world)
    result = world.run("order.confirm", {"id": fixed_id("order:o1")}, who="clerk").result
    assert result["status"] == "approved"
    assert result["approval_reasons"] == []
    assert str(world.balance("p1", "w_block").reserved) == "29.000"  # 5 bags + 2 boxes of 12
    assert str(world.balance("p4", "w_block").reserved) == "3.000"
    assert str(world.balance("p1", "w_block").on_hand) == "100.000"


def test_confirm_block_policy_rejects_shortage(any_world):
    world = any_world
    stock_up(world, p1="20")
    create_order(world)
    with pytest.raises(CommandRejected) as err:
        world.run("order.confirm", {"id": fixed_id("order:o1")}, who="clerk")
    assert err.value.code == "insufficient_stock"
    assert err.value.params["product_code"] == "P001"
    assert err.value.params["requested"] == "29.000"
    assert err.value.params["available"] == "20.000"
    assert world.get(m.SalesOrder, fixed_id("order:o1")).status == "draft"
    assert str(world.balance("p1", "w_block").reserved) == "0.000"


def test_confirm_counts_other_reservations(world):
    stock_up(world, p1="40")
    create_order(world, "o1")
    world.run("order.confirm", {"id": fixed_id("order:o1")}, who="clerk")  # reserves 29 of 40
    create_order(world, "o2", lines=[{"product": "p1", "quantity": "12", "unit_price": "10"}])
    with pytest.raises(CommandRejected) as err:
        world.run("order.confirm", {"id": fixed_id("order:o2")}, who="clerk")
    assert err.value.params["available"] == "11.000"


def test_confirm_warn_policy_approves_with_warning(world):
    create_order(world, warehouse="w_warn")
    result = world.run("order.confirm", {"id": fixed_id("order:o1")}, who="clerk").result
    assert result["status"] == "approved"
    assert [w["code"] for w in result["warnings"]] == ["insufficient_stock", "insufficient_stock"]
    assert result["warnings"][0]["params"] == {"product_code": "P001", "requested": "29.000", "available": "0.000",
                                                  "unit": "袋"}
    assert str(world.balance("p1", "w_warn").reserved) == "29.000"


def test_confirm_allow_policy_approves_silently(world):
    create_order(world, warehouse="w_allow")
    result = world.run("order.confirm", {"id": fixed_id("order:o1")}, who="clerk").result
    assert result["status"] == "approved"
    assert result["warnings"] == []


def test_confirm_over_credit_limit_needs_approval(world):
    stock_up(world)
    customer = world.get(m.Customer, ID["cust"])
    customer.credit_limit = Decimal("200.00")
    world.session.commit()
    create_order(world)
    result = world.run("order.confirm", {"id": fixed_id("order:o1")}, who="clerk").result
    assert result["status"] == "submitted"
    assert result["approval_reasons"] == [{
        "code": "credit_limit_exceeded",
        "params": {"credit_limit": "200.00", "credit_used": "0.00", "order_amount": "290.72"},
    }]
    order = world.get(m.SalesOrder, fixed_id("order:o1"))
    assert json.loads(order.approval_reasons)[0]["code"] == "credit_limit_exceeded"
    assert str(world.balance("p1", "w_block").reserved) == "0.000"

    with pytest.raises(NotAuthorized):
        world.run("order.approve", {"id": order.id}, who="clerk")
    approved = world.run("order.approve", {"id": order.id, "comment": "老客户"}, who="manager").result
    assert approved["status"] == "approved"
    assert str(world.balance("p1", "w_block").reserved) == "29.000"
    assert world.get(m.SalesOrder, order.id).approved_by == ID["manager"]


def test_credit_check_warn_setting_approves(world):
    stock_up(world)
    customer = world.get(m.Customer, ID["cust"])
    customer.credit_limit = Decimal("200.00")
    world.session.commit()
    world.settings["credit_check"] = "warn"
    create_order(world)
    result = world.run("order.confirm", {"id": fixed_id("order:o1")}, who="clerk").result
    assert result["status"] == "approved"
    assert [w["code"] for w in result["warnings"]] == ["credit_limit_exceeded"]


def test_confirm_with_overdue_receivables_needs_approval(world):
    stock_up(world)
    # cust2 has 10-day terms; a delivery 30 days ago is overdue today.
    world.run("delivery.ship", delivery_payload(
        "old", [{"product": "p1", "quantity": "1", "unit_price": "50.00"}], customer="cust2",
        document_date=TODAY - dt.timedelta(days=30)), who="keeper")
    create_order(world, customer="cust2")
    result = world.run("order.confirm", {"id": fixed_id("order:o1")}, who="clerk").result
    assert result["status"] == "submitted"
    assert result["approval_reasons"] == [{"code": "overdue_receivables", "params": {"overdue_amount": "50.00"}}]


def test_price_below_lowest_needs_approval(world):
    stock_up(world)
    create_order(world, lines=[{"product": "p4", "quantity": "1", "unit_price": "4.50"}])
    result = world.run("order.confirm", {"id": fixed_id("order:o1")}, who="clerk").result
    assert result["status"] == "submitted"
    assert result["approval_reasons"][0]["code"] == "price_below_lowest"
    assert result["approval_reasons"][0]["params"]["lowest_price"] == "5.0000"


def test_discount_below_lowest_needs_approval(world):
    stock_up(world)
    # 6.00 is above the lowest price of 5.00, but 6.00 less 50 % is 3.00 a unit.
    create_order(world, lines=[{"product": "p4", "quantity": "2", "unit_price": "6.00", "discount_percent": "0.5"}])
    result = world.run("order.confirm", {"id": fixed_id("order:o1")}, who="clerk").result
    assert result["status"] == "submitted"
    assert result["approval_reasons"][0]["code"] == "price_below_lowest"
    assert result["approval_reasons"][0]["params"]["unit_price"] == "3.0000"


def test_small_discount_above_lowest_approved(world):
    stock_up(world)
    create_order(world, lines=[{"product": "p4", "quantity": "2", "unit_price": "6.00", "discount": "1.00"}])
    result = world.run("order.confirm", {"id": fixed_id("order:o1")}, who="clerk").result
    assert result["status"] == "approved"


def test_approve_requires_submitted(world):
    create_order(world)
    with pytest.raises(CommandRejected) as err:
        world.run("order.approve", {"id": fixed_id("order:o1")}, who="manager")
    assert err.value.code == "order_not_submitted"


def test_cancel_releases_reservation(any_world):
    world = any_world
    stock_up(world)
    create_order(world)
    world.run("order.confirm", {"id": fixed_id("order:o1")}, who="clerk")
    result = world.run("order.cancel", {"id": fixed_id("order:o1"), "reason": "客户取消"}, who="clerk").result
    assert result["status"] == "cancelled"
    order = world.get(m.SalesOrder, fixed_id("order:o1"))
    assert order.cancel_reason == "客户取消"
    assert str(world.balance("p1", "w_block").reserved) == "0.000"
    assert str(world.balance("p4", "w_block").reserved) == "0.000"
    with pytest.raises(CommandRejected) as err:
        world.run("order.cancel", {"id": order.id, "reason": "again"}, who="clerk")
    assert err.value.code == "order_cancelled"


def test_cancel_after_delivery_rejected(world):
    stock_up(world)
    create_order(world)
    world.run("order.confirm", {"id": fixed_id("order:o1")}, who="clerk")
    world.run("delivery.ship", delivery_payload(
        "d1", [{"order_line_id": fixed_id("order:o1:line:0"), "quantity": "1"}]), who="keeper")
    with pytest.raises(CommandRejected) as err:
        world.run("order.cancel", {"id": fixed_id("order:o1"), "reason": "太晚"}, who="clerk")
    assert err.value.code == "order_has_deliveries"
    assert err.value.params["status"] == "partly_delivered"


def test_cancel_requires_reason(world):
    from domain.commands.framework import InvalidPayload

    create_order(world)
    with pytest.raises(InvalidPayload):
        world.run("order.cancel", {"id": fixed_id("order:o1"), "reason": ""}, who="clerk")
