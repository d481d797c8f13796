"""Gift lines that buy-N-get-M promotions (买N送M) add to an order or quotation.

A rule "buy N get M" on a product unit gives gifts for each document line
of that product. When the rule repeats, the line gets floor(bought / N) × M
of the gift unit. When it does not, a line that bought at least N gets M
once. The bought quantity is the line's base quantity divided by the base
units of the rule's unit, so a line in a pack unit counts the pack's
contents. Each line is counted on its own: two lines of the same product do
not add up.

`gift_lines` is pure. `gift_lines_for_customer` reads the rules in force
(`gift_rules_on`) from a session on the replica or the server database and
applies it, so the desktop's order grid and the order pricing compute the
same gift lines. A gift line's id comes from its source
line and promotion (`gift_line_id`), so the client's optimistic run and the
server's recomputation write the same row.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from collections.abc import Iterable, Sequence
from decimal import Decimal

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from domain.ids import key_id
from domain.models import Customer, Product, ProductUnit, Promotion, PromotionKind
from domain.money import round_quantity

log = logging.getLogger(__name__)


@dataclasses.dataclass(frozen=True)
class GiftRule:
    """A buy-N-get-M promotion in force, with its units resolved to base-unit factors."""

    promotion_id: str
    product_id: str
    buy_quantity: Decimal
    buy_unit_factor: Decimal  # base units per unit of `buy_quantity`
    gift_product_id: str
    gift_unit_name: str
    gift_unit_factor: Decimal
    gift_quantity: Decimal
    repeat: bool


@dataclasses.dataclass(frozen=True)
class BoughtLine:
    """A document line that may earn gifts: its id, product and quantity in base units."""

    line_id: str
    product_id: str
    base_quantity: Decimal


@dataclasses.dataclass(frozen=True)
class GiftLine:
    """A gift line to add after the line `gift_for_line_id`, with amount zero."""

    id: str
    gift_for_line_id: str
    promotion_id: str
    product_id: str
    unit_name: str
    unit_factor: Decimal
    quantity: Decimal
    base_quantity: Decimal


def gift_line_id(source_line_id: str, promotion_id: str) -> str:
    return key_id("gift_line", source_line_id, promotion_id)


def gift_count(bought_base: Decimal, rule: GiftRule) -> Decimal:
    """Return how many times a line of `bought_base` base units earns the rule's gift (0 when it does not)."""
    needed_base = rule.buy_quantity * rule.buy_unit_factor
    if needed_base <= 0:
        return Decimal(0)
    # Decimal // truncates toward zero, which is the floor for the positive quantities here.
    times = bought_base // needed_base
    if not rule.repeat:
        times = min(times, Decimal(1))
    return times


def gift_lines(bought: Sequence[BoughtLine], rules: Iterable[GiftRule]) -> list[GiftLine]:
    """Return the gift lines the bought lines earn, in the order of the bought lines, then of the rules."""
    by_product: dict[str, list[GiftRule]] = {}
    for rule in sorted(rules, key=lambda r: r.promotion_id):
        by_product.setdefault(rule.product_id, []).append(rule)
    gifts = []
    for line in bought:
        for rule in by_product.get(line.product_id, []):
            times = gift_count(line.base_quantity, rule)
            if times <= 0:
                continue
            quantity = round_quantity(times * rule.gift_quantity)
            gifts.append(GiftLine(
                id=gift_line_id(line.line_id, rule.promotion_id),
                gift_for_line_id=line.line_id,
                promotion_id=rule.promotion_id,
                product_id=rule.gift_product_id,
                unit_name=rule.gift_unit_name,
                unit_factor=rule.gift_unit_factor,
                quantity=quantity,
                base_quantity=round_quantity(quantity * rule.gift_unit_factor),
            ))
    return gifts


def gift_lines_for_customer(session: Session, customer_id: str | None, on_date: dt.date,
                            bought: Sequence[BoughtLine]) -> list[GiftLine]:
    """Return the gift lines the bought lines earn for the customer with the promotions in force on the date.

    Pass only lines that are not gifts themselves. For an order made from a
    quotation, `on_date` is the quotation's date (order_pricing.promotion_date).
    """
    if not bought:
        return []
    customer = session.get(Customer, customer_id) if customer_id is not None else None
    category_id = customer.category_id if customer is not None else None
    rules = gift_rules_on(session, [line.product_id for line in bought], category_id, on_date)
    return gift_lines(bought, rules)


def promotions_in_force(session: Session, kind: PromotionKind, product_ids: Iterable[str],
                        customer_category_id: str | None, on_date: dt.date) -> list[Promotion]:
    """Return the active, undeleted promotions of `kind` on the products, valid on the date (both ends inclusive).

    A promotion without a customer category applies to every customer; one
    with a category applies to that category's customers only.
    """
    ids = sorted(set(product_ids))
    if not ids:
        return []
    category_match = Promotion.customer_category_id.is_(None)
    if customer_category_id is not None:
        category_match = or_(category_match, Promotion.customer_category_id == customer_category_id)
    return list(session.execute(
        select(Promotion)
        .where(
            Promotion.kind == kind.value,
            Promotion.product_id.in_(ids),
            Promotion.active.is_(True),
            Promotion.deleted_at.is_(None),
            Promotion.start_date <= on_date,
            Promotion.end_date >= on_date,
            category_match,
        )
        .order_by(Promotion.id)
    ).scalars())


def unit_factor_of(session: Session, product: Product, unit_name: str) -> Decimal | None:
    """Return the base units per `unit_name` of the product, or None when it has no such unit."""
    if unit_name == product.base_unit:
        return Decimal(1)
    return session.execute(
        select(ProductUnit.factor).where(ProductUnit.product_id == product.id, ProductUnit.unit_name == unit_name)
    ).scalar_one_or_none()


def gift_rules_on(session: Session, product_ids: Iterable[str], customer_category_id: str | None,
                  on_date: dt.date) -> list[GiftRule]:
    """Return the buy-N-get-M rules in force on the date for the products and customer category.

    A rule whose gift product is inactive or deleted, or whose unit no longer
    exists, is skipped and logged, so an outdated promotion does not block
    order entry.
    """
    rules = []
    for promotion in promotions_in_force(session, PromotionKind.BUY_N_GET_M, product_ids, customer_category_id, on_date):
        rule = _rule(session, promotion)
        if rule is not None:
            rules.append(rule)
    return rules


def _rule(session: Session, promotion: Promotion) -> GiftRule | None:
    product = session.get(Product, promotion.product_id)
    gift_product = session.get(Product, promotion.gift_product_id or promotion.product_id)
    if product is None or gift_product is None or promotion.buy_quantity is None or promotion.gift_quantity is None:
        log.warning("promotion %s skipped: product, gift product or quantities missing", promotion.code)
        return None
    if not gift_product.active or gift_product.deleted_at is not None:
        log.warning("promotion %s skipped: gift product %s is inactive", promotion.code, gift_product.code)
        return None
    gift_unit = promotion.gift_unit_name or gift_product.base_unit
    buy_factor = unit_factor_of(session, product, promotion.unit_name)
    gift_factor = unit_factor_of(session, gift_product, gift_unit)
    if buy_factor is None or gift_factor is None:
        log.warning("promotion %s skipped: unit %s or %s not found", promotion.code, promotion.unit_name, gift_unit)
        return None
    return GiftRule(
        promotion_id=promotion.id,
        product_id=promotion.product_id,
        buy_quantity=promotion.buy_quantity,
        buy_unit_factor=buy_factor,
        gift_product_id=gift_product.id,
        gift_unit_name=gift_unit,
        gift_unit_factor=gift_factor,
        gift_quantity=promotion.gift_quantity,
        repeat=bool(promotion.repeat),
    )
