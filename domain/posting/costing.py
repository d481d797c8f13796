"""Moving weighted average cost (移动加权平均), computed by the server at posting.

Receipts recompute the average in posting order:

    new_avg = (old_qty × old_avg + in_qty × in_cost) / (old_qty + in_qty)

rounded half-up to 6 decimals. When the quantity on hand at cost is zero or
negative before a receipt, the average restarts at the receipt's cost.
Issues (deliveries, transfers out) take the current average and leave it
unchanged. A back-dated fact is costed at the average current when it posts,
so earlier entries are never recomputed.

The cost key is the product, or the product and warehouse when the company
setting `cost_per_warehouse` is true; `stock_cost.warehouse_id` is "" for
per-product costing.
"""

from __future__ import annotations

import dataclasses
import logging
from decimal import Decimal
from typing import Any, Mapping

from sqlalchemy.orm import Session

from domain.ids import key_id
from domain.models import StockCost
from domain.money import ZERO, round_cost, round_fen

log = logging.getLogger(__name__)

COST_PER_WAREHOUSE_SETTING = "cost_per_warehouse"


def cost_warehouse_key(settings: Mapping[str, Any], warehouse_id: str) -> str:
    """Return the `stock_cost.warehouse_id` a movement in `warehouse_id` is costed under."""
    return warehouse_id if settings.get(COST_PER_WAREHOUSE_SETTING) else ""


def get_cost(session: Session, product_id: str, cost_warehouse_id: str) -> StockCost:
    """Return the cost row of a key, creating it at zero quantity and zero average."""
    row_id = key_id("stock_cost", product_id, cost_warehouse_id)
    row = session.get(StockCost, row_id)
    if row is None:
        row = StockCost(
            id=row_id,
            product_id=product_id,
            warehouse_id=cost_warehouse_id,
            quantity=Decimal("0.000"),
            average_cost=Decimal("0.000000"),
            stock_value=Decimal("0.00"),
        )
        session.add(row)
        session.flush()
    return row


def moving_average(old_quantity: Decimal, old_average: Decimal, in_quantity: Decimal, in_cost: Decimal) -> Decimal:
    """Return the average after receiving `in_quantity` at `in_cost` per base unit."""
    if old_quantity <= ZERO:
        return round_cost(in_cost)
    total_quantity = old_quantity + in_quantity
    if total_quantity <= ZERO:
        # Only a negative receipt can get here; keep the average rather than divide by zero.
        return old_average
    return round_cost((old_quantity * old_average + in_quantity * in_cost) / total_quantity)


@dataclasses.dataclass(frozen=True)
class CostedQuantity:
    unit_cost: Decimal
    cost_amount: Decimal


def receive(session: Session, product_id: str, cost_warehouse_id: str, quantity: Decimal, unit_cost: Decimal) -> CostedQuantity:
    """Add `quantity` base units at `unit_cost` to the cost row and move its average."""
    row = get_cost(session, product_id, cost_warehouse_id)
    old_quantity = row.quantity
    row.average_cost = moving_average(old_quantity, row.average_cost, quantity, unit_cost)
    row.quantity = old_quantity + quantity
    row.stock_value = round_fen(row.quantity * row.average_cost)
    log.debug(
        "cost of %s/%s: received %s at %s, average now %s",
        product_id, cost_warehouse_id or "*", quantity, unit_cost, row.average_cost,
    )
    return CostedQuantity(round_cost(unit_cost), round_fen(quantity * unit_cost))


def issue(session: Session, product_id: str, cost_warehouse_id: str, quantity: Decimal) -> CostedQuantity:
    """Take `quantity` base units out at the current average; the average does not change."""
    row = get_cost(session, product_id, cost_warehouse_id)
    unit_cost = row.average_cost
    row.quantity = row.quantity - quantity
    row.stock_value = round_fen(row.quantity * unit_cost)
    return CostedQuantity(unit_cost, round_fen(quantity * unit_cost))
