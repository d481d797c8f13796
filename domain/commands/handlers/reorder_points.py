"""Reorder points (补货点) per product and warehouse, set by warehouse keepers (an intention).

The low-stock list suggests a purchase when a product's available stock in a
warehouse falls below its reorder point, so a point of zero lists the
product only when its available stock is negative. The row id comes from
the product and the warehouse, so two offline edits of the same pair meet on
one row and the later one wins.
"""

from __future__ import annotations

import logging
from typing import Any

from domain.commands.framework import CommandContext, CommandKind, CommandRejected, ScopeRef, command
from domain.commands.handlers.common import require
from domain.commands.handlers.fields import Id, Payload, Quantity, StockLevel
from domain.commands.handlers.receipts import STOCK_ROLES
from domain.ids import key_id
from domain.models import Product, ReorderPoint, Warehouse

log = logging.getLogger(__name__)

class ReorderPointSet(Payload):
    product_id: Id
    warehouse_id: Id
    reorder_point: StockLevel
    reorder_quantity: Quantity | None = None  # None: order up to max_quantity, or the shortfall
    max_quantity: Quantity | None = None


def _scope(ctx: CommandContext, payload: ReorderPointSet) -> list[ScopeRef]:
    return [ScopeRef("warehouse", payload.warehouse_id)]


@command("reorder_point.set", kind=CommandKind.INTENTION, roles=STOCK_ROLES, payload=ReorderPointSet, scope=_scope)
def set_reorder_point(ctx: CommandContext, payload: ReorderPointSet) -> dict[str, Any]:
    """Create or change the reorder point of one product in one warehouse."""
    product = require(ctx.session, Product, payload.product_id, "product_id")
    require(ctx.session, Warehouse, payload.warehouse_id, "warehouse_id")
    if payload.max_quantity is not None and payload.max_quantity < payload.reorder_point:
        raise CommandRejected("max_below_reorder_point", product_code=product.code,
                              max_quantity=str(payload.max_quantity), reorder_point=str(payload.reorder_point))
    row_id = key_id("reorder_point", payload.product_id, payload.warehouse_id)
    row = ctx.session.get(ReorderPoint, row_id)
    if row is None:
        row = ReorderPoint(id=row_id, product_id=payload.product_id, warehouse_id=payload.warehouse_id)
        ctx.session.add(row)
    row.reorder_point = payload.reorder_point
    row.reorder_quantity = payload.reorder_quantity
    row.max_quantity = payload.max_quantity
    log.info("reorder point of %s in warehouse %s set to %s by %s", product.code, payload.warehouse_id,
             payload.reorder_point, ctx.actor.user_id)
    return {"id": row_id, "product_id": payload.product_id, "warehouse_id": payload.warehouse_id}
