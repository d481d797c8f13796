"""Gift lines of buy-N-get-M promotions (买N送M) in the entry grid.

The grid keeps the rules in force for the document's customer and date,
read once in a task (`load_gift_rules`), and computes the gift lines with
domain.promotion_gifts.gift_lines after every change. The order pricing
runs the same function on the client and on the server, so the grid shows
the gift lines the saved document gets, with the same ids.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable, Mapping, Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.models.order_lines import OrderLine, ProductChoice
from domain.models import Customer, Promotion, PromotionKind
from domain.money import ZERO, round_quantity
from domain.price_lookup import PriceRule
from domain.promotion_gifts import BoughtLine, GiftRule, gift_lines, gift_rules_on

log = logging.getLogger(__name__)


def load_gift_rules(session: Session, customer_id: str | None, on_date: dt.date) -> list[GiftRule]:
    """Return the buy-N-get-M rules in force on the date for the customer's category, over all products."""
    customer = session.get(Customer, customer_id) if customer_id is not None else None
    category_id = customer.category_id if customer is not None else None
    product_ids = session.scalars(
        select(Promotion.product_id).distinct().where(
            Promotion.kind == PromotionKind.BUY_N_GET_M.value,
            Promotion.active.is_(True),
            Promotion.deleted_at.is_(None),
            Promotion.start_date <= on_date,
            Promotion.end_date >= on_date,
        )
    ).all()
    return gift_rules_on(session, product_ids, category_id, on_date)


def bought_lines(lines: Iterable[OrderLine]) -> list[BoughtLine]:
    """Return the complete lines that are not gifts, with their quantity in base units, as the order pricing counts them."""
    bought = []
    for line in lines:
        if line.is_gift or not line.is_complete:
            continue
        unit = line.product.unit(line.unit_name)
        factor = unit.factor if unit is not None else 1
        # Rounded to the quantity scale, as order_pricing's base_quantity does.
        bought.append(BoughtLine(line.id, line.product.id, round_quantity(line.quantity * factor)))
    return bought


def gift_order_lines(lines: Sequence[OrderLine], rules: Sequence[GiftRule],
                     products: Mapping[str, ProductChoice]) -> list[OrderLine]:
    """Return the gift lines the lines earn under the rules, as read-only grid lines with price zero.

    A gift whose product the grid's catalog lacks is left out and logged;
    the server still adds it when the document is saved.
    """
    gifts = []
    for gift in gift_lines(bought_lines(lines), rules):
        product = products.get(gift.product_id)
        if product is None:
            log.warning("gift product %s of promotion %s is not in the entry form's catalog",
                        gift.product_id, gift.promotion_id)
            continue
        gifts.append(OrderLine(
            gift.id, product, gift.unit_name, gift.quantity, ZERO, price_rule=PriceRule.PROMOTION.value,
            promotion_id=gift.promotion_id, is_gift=True, gift_for_line_id=gift.gift_for_line_id,
        ))
    return gifts
