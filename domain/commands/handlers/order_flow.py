"""An order's life after entry: confirm, approve, send back, cancel (intentions).

Approved and partly delivered orders reserve their undelivered base quantity
in `stock_balance.reserved`; cancelling releases it, deliveries consume it.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from pydantic import Field

from domain.commands.framework import CommandContext, CommandKind, CommandRejected, ScopeRef, command
from domain.commands.handlers import order_history
from domain.commands.handlers.common import require
from domain.commands.handlers.fields import Id, Payload
from domain.commands.handlers.order_rules import (
    CREDIT_CHECK_SETTING,
    credit_reasons,
    order_lines,
    price_reasons,
    stock_shortages,
)
from domain.commands.handlers.orders import ORDER_ROLES, existing_order_scope
from domain.models import (
    RESERVING_STATUSES,
    ApprovalDecision,
    NegativeStockPolicy,
    OrderApproval,
    OrderEvent,
    OrderStatus,
    SalesOrder,
    SalesOrderLine,
    Warehouse,
)
from domain.money import ZERO
from domain.posting import stock

log = logging.getLogger(__name__)

APPROVER_ROLES = ("manager", "admin")


class OrderRef(Payload):
    id: Id


class OrderApprove(Payload):
    id: Id
    comment: str | None = Field(default=None, max_length=2000)


class OrderSendBack(Payload):
    id: Id
    comment: str = Field(min_length=1, max_length=2000)


class OrderCancel(Payload):
    id: Id
    reason: str = Field(min_length=1, max_length=2000)


def _scope(ctx: CommandContext, payload: OrderRef) -> list[ScopeRef]:
    order = ctx.session.get(SalesOrder, payload.id)
    return existing_order_scope(order) if order is not None else []


def _load(ctx: CommandContext, order_id: str) -> SalesOrder:
    return require(ctx.session, SalesOrder, order_id, "id")


def reserve_order(ctx: CommandContext, order: SalesOrder, lines: list[SalesOrderLine], sign: int) -> None:
    """Reserve (sign 1) or release (sign −1) every line's undelivered base quantity."""
    for line in lines:
        open_quantity = line.base_quantity - line.delivered_quantity
        if open_quantity > ZERO:
            stock.reserve(ctx.session, line.product_id, order.warehouse_id, open_quantity * sign)


def _stock_warnings(ctx: CommandContext, order: SalesOrder, lines: list[SalesOrderLine]) -> list[dict[str, Any]]:
    """Apply the warehouse's negative-stock policy: block rejects, warn returns warnings, allow passes."""
    warehouse = ctx.session.get(Warehouse, order.warehouse_id)
    policy = warehouse.negative_stock_policy if warehouse is not None else NegativeStockPolicy.BLOCK.value
    if policy == NegativeStockPolicy.ALLOW.value:
        return []
    shortages = stock_shortages(ctx, order, lines)
    if not shortages:
        return []
    if policy == NegativeStockPolicy.BLOCK.value:
        first = shortages[0]
        raise CommandRejected(
            "insufficient_stock", **first.params(), shortages=[s.params() for s in shortages]
        )
    return [{"code": "insufficient_stock", "params": s.params()} for s in shortages]


def _approve(ctx: CommandContext, order: SalesOrder, lines: list[SalesOrderLine]) -> None:
    status_before = order.status
    order.status = OrderStatus.APPROVED.value
    order.approved_by = ctx.actor.user_id
    order.approved_at = ctx.now
    reserve_order(ctx, order, lines, 1)
    order_history.status_change(ctx, order, OrderEvent.APPROVED, status_before)


def _broken_rules(order: SalesOrder) -> list[dict[str, Any]]:
    """Return the rules that sent the order to approval, as stored when it was confirmed."""
    return json.loads(order.approval_reasons) if order.approval_reasons else []


def _record_decision(ctx: CommandContext, order: SalesOrder, decision: ApprovalDecision, comment: str | None) -> None:
    ctx.session.add(OrderApproval(
        id=ctx.derived_id("order_approval", order.id),
        order_id=order.id,
        decision=decision.value,
        rules=_broken_rules(order),
        comment=comment,
        decided_by=ctx.actor.user_id,
        decided_at=ctx.now,
    ))


@command("order.confirm", kind=CommandKind.INTENTION, roles=ORDER_ROLES, payload=OrderRef, scope=_scope)
def confirm_order(ctx: CommandContext, payload: OrderRef) -> dict[str, Any]:
    """Send a draft on: approved at once (reserving stock) unless a rule needs a manager."""
    order = _load(ctx, payload.id)
    if order.status != OrderStatus.DRAFT.value:
        raise CommandRejected("order_not_draft", number=order.number, status=order.status)
    lines = order_lines(ctx, order)
    warnings = _stock_warnings(ctx, order, lines)

    credit_mode = ctx.settings.get(CREDIT_CHECK_SETTING, "approval")
    reasons = price_reasons(ctx, lines)
    if credit_mode != "off":
        credit = credit_reasons(ctx, order)
        if credit_mode == "warn":
            warnings += credit
        else:
            reasons += credit

    order.submitted_at = ctx.now
    order.status = OrderStatus.SUBMITTED.value
    order_history.status_change(ctx, order, OrderEvent.SUBMITTED, OrderStatus.DRAFT.value, approval_reasons=reasons)
    if reasons:
        order.approval_reasons = json.dumps(reasons, ensure_ascii=False, sort_keys=True)
        log.info("order %s submitted for approval: %s", order.number, [r["code"] for r in reasons])
    else:
        order.approval_reasons = None
        _approve(ctx, order, lines)
    return {"id": order.id, "number": order.number, "status": order.status, "approval_reasons": reasons, "warnings": warnings}


@command("order.approve", kind=CommandKind.INTENTION, roles=APPROVER_ROLES, payload=OrderApprove, scope=_scope)
def approve_order(ctx: CommandContext, payload: OrderApprove) -> dict[str, Any]:
    """Approve a submitted order (managers), checking the stock policy again."""
    order = _load(ctx, payload.id)
    if order.status != OrderStatus.SUBMITTED.value:
        raise CommandRejected("order_not_submitted", number=order.number, status=order.status)
    lines = order_lines(ctx, order)
    warnings = _stock_warnings(ctx, order, lines)
    _record_decision(ctx, order, ApprovalDecision.APPROVED, payload.comment)
    _approve(ctx, order, lines)
    if payload.comment:
        order.note = f"{order.note}\n{payload.comment}" if order.note else payload.comment
    return {"id": order.id, "number": order.number, "status": order.status, "warnings": warnings}


@command("order.send_back", kind=CommandKind.INTENTION, roles=APPROVER_ROLES, payload=OrderSendBack, scope=_scope)
def send_back_order(ctx: CommandContext, payload: OrderSendBack) -> dict[str, Any]:
    """Return a submitted order to its clerk as a draft, with the manager's comment.

    The broken rules stay in `approval_reasons` so the clerk sees them. The
    next confirm checks the rules again and replaces them.
    """
    order = _load(ctx, payload.id)
    if order.status != OrderStatus.SUBMITTED.value:
        raise CommandRejected("order_not_submitted", number=order.number, status=order.status)
    _record_decision(ctx, order, ApprovalDecision.SENT_BACK, payload.comment)
    order.status = OrderStatus.DRAFT.value
    order_history.status_change(ctx, order, OrderEvent.SENT_BACK, OrderStatus.SUBMITTED.value,
                                reason=payload.comment, approval_reasons=_broken_rules(order))
    log.info("order %s sent back to draft by %s", order.number, ctx.actor.user_id)
    return {"id": order.id, "number": order.number, "status": order.status}


@command("order.cancel", kind=CommandKind.INTENTION, roles=ORDER_ROLES, payload=OrderCancel, scope=_scope)
def cancel_order(ctx: CommandContext, payload: OrderCancel) -> dict[str, Any]:
    """Cancel an order that nothing has been delivered from, releasing its reservation."""
    order = _load(ctx, payload.id)
    if order.status == OrderStatus.CANCELLED.value:
        raise CommandRejected("order_cancelled", number=order.number)
    lines = order_lines(ctx, order)
    if order.status in (OrderStatus.PARTLY_DELIVERED.value, OrderStatus.COMPLETED.value) or any(
        line.delivered_quantity > ZERO for line in lines
    ):
        raise CommandRejected("order_has_deliveries", number=order.number, status=order.status)
    if order.status in RESERVING_STATUSES:
        reserve_order(ctx, order, lines, -1)
    status_before = order.status
    order.status = OrderStatus.CANCELLED.value
    order.cancel_reason = payload.reason
    order_history.status_change(ctx, order, OrderEvent.CANCELLED, status_before, reason=payload.reason)
    return {"id": order.id, "number": order.number, "status": order.status}
