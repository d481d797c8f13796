"""Order history (OrderHistory rows): who did what to an order, when, why, and what changed.

The handlers of orders, their approval, deliveries and verification call
`record` for each event. A row's id is derived from the command's mutation
id, the order and the event, so the client's optimistic run and the
server's run write the same row. A command must therefore record each event
at most once per order, because a second row would reuse the id.

Rows one command writes share `occurred_at` (and, on the server,
`change_seq`). Their events are declared in OrderEvent in the order they
happen, so that order sorts them (submitted before approved, delivered
before completed).
"""

from __future__ import annotations

import logging
from decimal import Decimal
from typing import Any

from sqlalchemy import select

from domain.commands.framework import CommandContext
from domain.commands.handlers.common import json_value
from domain.models import OrderEvent, OrderHistory, SalesOrder, SalesOrderLine

log = logging.getLogger(__name__)

# Header fields an edit of a draft can change, compared before and after.
EDITABLE_FIELDS = (
    "number", "customer_id", "warehouse_id", "department_id", "salesperson_id", "document_date",
    "delivery_date_wanted", "prices_include_tax", "freight_amount", "discount_amount", "total_amount",
    "carrier", "tracking_number", "shipping_address", "note",
)
LINE_FIELDS = ("id", "product_id", "unit_name", "quantity", "unit_price", "discount_amount", "amount", "is_gift")


def record(
    ctx: CommandContext,
    order: SalesOrder,
    event: OrderEvent,
    *,
    reason: str | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> OrderHistory:
    """Add one history row for `order`, authored by the command's user."""
    row = OrderHistory(
        id=ctx.derived_id("order_history", order.id, event.value),
        order_id=order.id,
        event=event.value,
        user_id=ctx.actor.user_id,
        occurred_at=ctx.now,
        reason=reason,
        before=_json_safe(before),
        after=_json_safe(after),
        mutation_id=ctx.mutation_id,
    )
    ctx.session.add(row)
    log.debug("order %s: %s by %s", order.number, event.value, ctx.actor.user_id)
    return row


def status_change(ctx: CommandContext, order: SalesOrder, event: OrderEvent, status_before: str, *,
                  reason: str | None = None, **after: Any) -> OrderHistory:
    """Record an event that moved the order from `status_before` to its current status."""
    return record(ctx, order, event, reason=reason, before={"status": status_before},
                  after={"status": order.status, **after})


def snapshot(ctx: CommandContext, order: SalesOrder) -> dict[str, Any]:
    """Return the order's editable header fields and its lines, to compare around an edit."""
    ctx.session.flush()
    lines = ctx.session.execute(
        select(SalesOrderLine).where(SalesOrderLine.order_id == order.id).order_by(SalesOrderLine.line_no)
    ).scalars()
    values: dict[str, Any] = {name: _column_value(order, name) for name in EDITABLE_FIELDS}
    values["lines"] = [{name: _column_value(line, name) for name in LINE_FIELDS} for line in lines]
    return values


def record_edit(ctx: CommandContext, order: SalesOrder, before: dict[str, Any]) -> OrderHistory:
    """Record an edit with the fields that changed, comparing with `before` (the snapshot taken before the edit)."""
    after = snapshot(ctx, order)
    changed = sorted(name for name in after if after[name] != before.get(name))
    return record(
        ctx, order, OrderEvent.EDITED,
        before={name: before.get(name) for name in changed},
        after={name: after[name] for name in changed},
    )


def _column_value(row: Any, name: str) -> Any:
    """Return a column's value in JSON form, decimals at the column's scale.

    A value the handler just assigned ("0") and one read back ("0.00") then
    compare and print alike.
    """
    value = getattr(row, name)
    if isinstance(value, Decimal):
        quantum = getattr(row.__table__.c[name].type, "quantum", None)
        if quantum is not None:
            value = value.quantize(quantum)
    return json_value(value)


def _json_safe(values: dict[str, Any] | None) -> dict[str, Any] | None:
    if values is None:
        return None
    return {key: json_value(value) for key, value in values.items()}
