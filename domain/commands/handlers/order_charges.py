"""The part of an order's freight and document discount that one delivery bills.

Each delivery of an order bills the part of the order's freight and
document discount that earlier deliveries of the order have not billed,
in proportion to the delivered line amounts:

    billed after = round_fen(charge × min(delivered amount / order lines amount, 1))
    part         = billed after − billed before

with rounding half-up to the fen. The delivery that completes the order
(every line delivered in full) bills the rest, charge − billed before, so
the parts of a fully delivered order sum to its freight and discount
exactly and its receivable equals the order total. A delivery against an
order that was already completed bills nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from domain.models import DeliveryLine, OrderStatus, SalesOrder
from domain.money import ZERO, round_fen


@dataclass(frozen=True)
class OrderCharges:
    """Freight and document discount billed by one delivery."""

    freight: Decimal = ZERO
    discount: Decimal = ZERO

    def __add__(self, other: "OrderCharges") -> "OrderCharges":
        return OrderCharges(self.freight + other.freight, self.discount + other.discount)


def _billed(charge: Decimal, delivered: Decimal, lines_amount: Decimal) -> Decimal:
    """Return the part of `charge` billed once `delivered` of the order's line amounts were delivered."""
    if lines_amount <= ZERO or delivered <= ZERO:
        return ZERO
    return round_fen(charge * min(delivered / lines_amount, Decimal(1)))


def delivery_charges(session: Session, order: SalesOrder, delivery_id: str, status_before: str) -> OrderCharges:
    """Return the order's freight and discount that delivery `delivery_id` bills.

    Call it after the delivery's lines are flushed and the order's status
    is updated. `status_before` is the order's status before this delivery.
    """
    if not order.freight_amount and not order.discount_amount:
        return OrderCharges()
    if status_before == OrderStatus.COMPLETED.value:
        return OrderCharges()
    rows = session.execute(
        select(DeliveryLine.delivery_id, DeliveryLine.amount).where(DeliveryLine.order_id == order.id)
    ).all()
    earlier = sum((amount for delivery, amount in rows if delivery != delivery_id), ZERO)
    current = sum((amount for delivery, amount in rows if delivery == delivery_id), ZERO)
    # NOTE: "billed before" is recomputed from the earlier deliveries' line amounts, not read from
    # their notes. A delivery posted before notes billed these charges billed none, and that part
    # is never billed.
    completes = order.status == OrderStatus.COMPLETED.value

    def part(charge: Decimal) -> Decimal:
        before = _billed(charge, earlier, order.lines_amount)
        if completes:
            return charge - before
        return _billed(charge, earlier + current, order.lines_amount) - before

    return OrderCharges(part(order.freight_amount), part(order.discount_amount))
