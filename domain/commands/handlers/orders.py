"""Sales order entry: create and edit drafts (intentions)."""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy import select

from domain.commands.framework import CommandContext, CommandKind, CommandRejected, ScopeRef, command
from domain.commands.handlers.common import require, warehouse_department
from domain.commands.handlers import order_history
from domain.commands.handlers.fields import Id
from domain.commands.handlers.order_pricing import OrderFields, PricedOrder, apply_priced_header, price_lines
from domain.models import Customer, OrderEvent, OrderStatus, SalesOrder, SalesOrderLine, User, Warehouse

log = logging.getLogger(__name__)

ORDER_ROLES = ("clerk", "manager", "admin")


class OrderCreate(OrderFields):
    id: Id


class OrderUpdate(OrderFields):
    id: Id


def order_department(ctx: CommandContext, fields: OrderFields) -> str | None:
    """Return the order's department: the payload's, else the warehouse's."""
    return fields.department_id or warehouse_department(ctx.session, fields.warehouse_id)


def _scope_fields(ctx: CommandContext, payload: OrderFields) -> list[ScopeRef]:
    refs = [ScopeRef("warehouse", payload.warehouse_id), ScopeRef("department", order_department(ctx, payload))]
    existing = ctx.session.get(SalesOrder, getattr(payload, "id", None) or "")
    if existing is not None:
        refs += existing_order_scope(existing)
    return refs


def existing_order_scope(order: SalesOrder) -> list[ScopeRef]:
    return [ScopeRef("warehouse", order.warehouse_id), ScopeRef("department", order.department_id)]


def _check_header(ctx: CommandContext, fields: OrderFields, order_id: str) -> tuple[Customer, Warehouse]:
    customer = require(ctx.session, Customer, fields.customer_id, "customer_id")
    if customer.deleted_at is not None:
        raise CommandRejected("record_deleted", table="customer", id=customer.id, name=customer.name)
    if not customer.active:
        raise CommandRejected("customer_inactive", customer_code=customer.code, name=customer.name)
    warehouse = require(ctx.session, Warehouse, fields.warehouse_id, "warehouse_id")
    if not warehouse.active or warehouse.deleted_at is not None:
        raise CommandRejected("warehouse_inactive", warehouse_code=warehouse.code)
    if fields.salesperson_id is not None:
        require(ctx.session, User, fields.salesperson_id, "salesperson_id")
    taken = ctx.session.execute(
        select(SalesOrder.id).where(SalesOrder.number == fields.number, SalesOrder.id != order_id)
    ).scalar_one_or_none()
    if taken is not None:
        raise CommandRejected("duplicate_number", number=fields.number, table="sales_order")
    return customer, warehouse


def _apply_header(ctx: CommandContext, order: SalesOrder, fields: OrderFields, customer: Customer, priced: PricedOrder) -> None:
    apply_priced_header(ctx, order, fields, customer, priced, fields.salesperson_id)
    order.number = fields.number
    order.warehouse_id = fields.warehouse_id
    order.department_id = order_department(ctx, fields)
    order.delivery_date_wanted = fields.delivery_date_wanted
    order.carrier = fields.carrier
    order.tracking_number = fields.tracking_number
    order.shipping_address = fields.shipping_address or customer.address
    order.note = fields.note
    order.quotation_id = fields.quotation_id


def _write_lines(ctx: CommandContext, order: SalesOrder, priced: PricedOrder) -> int:
    """Insert or update the priced lines; delete the order's other lines. Returns the number deleted."""
    existing = {
        line.id: line
        for line in ctx.session.execute(select(SalesOrderLine).where(SalesOrderLine.order_id == order.id)).scalars()
    }
    for p in priced.lines:
        line = existing.pop(p.source.id, None)
        if line is None:
            other = ctx.session.get(SalesOrderLine, p.source.id)
            if other is not None:
                raise CommandRejected("record_exists", table="sales_order_line", id=p.source.id)
            line = SalesOrderLine(id=p.source.id, order_id=order.id, delivered_quantity=0, returned_quantity=0)
            ctx.session.add(line)
        line.line_no = p.line_no
        line.product_id = p.product.id
        line.unit_name = p.unit_name
        line.unit_factor = p.unit_factor
        line.quantity = p.source.quantity
        line.base_quantity = p.base_quantity
        line.unit_price = p.source.unit_price
        line.list_price = p.source.list_price if p.source.list_price is not None else p.product.list_price
        line.price_rule = p.source.price_rule
        line.discount_percent = p.source.discount_percent
        line.discount_amount = p.discount_amount
        line.tax_rate = p.tax_rate
        line.amount = p.amount
        line.tax_amount = p.tax_amount
        line.is_gift = p.source.is_gift
        line.promotion_id = p.source.promotion_id
        line.gift_for_line_id = p.gift_for_line_id
        line.note = p.source.note
    for removed in existing.values():
        ctx.session.delete(removed)
    return len(existing)


def _result(order: SalesOrder) -> dict[str, Any]:
    return {
        "id": order.id,
        "number": order.number,
        "status": order.status,
        "lines_amount": str(order.lines_amount),
        "tax_amount": str(order.tax_amount),
        "total_amount": str(order.total_amount),
    }


@command("order.create", kind=CommandKind.INTENTION, roles=ORDER_ROLES, payload=OrderCreate, scope=_scope_fields)
def create_order(ctx: CommandContext, payload: OrderCreate) -> dict[str, Any]:
    if ctx.session.get(SalesOrder, payload.id) is not None:
        raise CommandRejected("record_exists", table="sales_order", id=payload.id)
    customer, _warehouse = _check_header(ctx, payload, payload.id)
    priced = price_lines(ctx, payload)
    order = SalesOrder(
        id=payload.id,
        status=OrderStatus.DRAFT.value,
        created_by=ctx.actor.user_id,
        device_id=ctx.device_id,
        print_count=0,
    )
    _apply_header(ctx, order, payload, customer, priced)
    ctx.session.add(order)
    ctx.session.flush()
    _write_lines(ctx, order, priced)
    order_history.record(ctx, order, OrderEvent.CREATED, after={"status": order.status, "total_amount": order.total_amount})
    return _result(order)


@command("order.update", kind=CommandKind.INTENTION, roles=ORDER_ROLES, payload=OrderUpdate, scope=_scope_fields)
def update_order(ctx: CommandContext, payload: OrderUpdate) -> dict[str, Any]:
    """Replace a draft's header and lines; lines left out are deleted."""
    order = require(ctx.session, SalesOrder, payload.id, "id")
    if order.status != OrderStatus.DRAFT.value:
        raise CommandRejected("order_not_draft", number=order.number, status=order.status)
    customer, _warehouse = _check_header(ctx, payload, payload.id)
    priced = price_lines(ctx, payload)
    before = order_history.snapshot(ctx, order)
    _apply_header(ctx, order, payload, customer, priced)
    removed = _write_lines(ctx, order, priced)
    order_history.record_edit(ctx, order, before)
    result = _result(order)
    result["lines_removed"] = removed
    return result
