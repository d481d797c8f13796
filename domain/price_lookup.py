"""The default selling price of a product unit for a customer on a date, and the rule that gave it.

Precedence, first match wins:

1. `agreed`: the customer's agreed price (协议价) valid on the date.
2. `category`: the price for the customer's category (客户分类) valid on the date.
3. `price_level`: the price for the category's price level (价格等级) valid on the date.
4. `adjustment`: the list price set by the latest approved price adjustment
   (调价单) effective on or before the date.
5. `list`: the product's own list price, or a pack unit's own price.

Then a special-price promotion (`promotion`, 特价) valid on the date for the
customer's category, or for all categories, replaces the price found only
when it is lower, and the quote keeps the price found as `original_price`
for the order line's list price. A promotion never raises a price, so a
customer whose agreed price is below the special price keeps the agreed
price. Of several promotions in force the lowest special price wins.

At each step a row for the requested unit wins over a row for the base unit.
A base-unit price stands for a pack unit as base price × factor, rounded
half-up to the price scale (0.0001). Among several rows valid on the date,
the one with the latest `effective_from` wins (a row without one is valid
since ever). Validity is inclusive at both ends.

The module only reads; the price commands in
`domain.commands.handlers.prices` write the rows it reads.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import logging
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from domain.commands.framework import CommandRejected
from domain.models import (
    AgreedPrice,
    CategoryPrice,
    Customer,
    CustomerCategory,
    PriceAdjustment,
    PriceAdjustmentLine,
    PriceAdjustmentStatus,
    PriceKind,
    Product,
    ProductUnit,
    PromotionKind,
)
from domain.money import round_price, round_quantity
from domain.promotion_gifts import promotions_in_force

log = logging.getLogger(__name__)

# Adjustment states whose prices count: approved ones wait for their date, applied ones reached it.
IN_FORCE = (PriceAdjustmentStatus.APPROVED.value, PriceAdjustmentStatus.APPLIED.value)


class PriceRule(str, enum.Enum):
    """Which rule gave a quoted price; stored on order lines as `price_rule` and translated by the desktop."""

    AGREED = "agreed"
    CATEGORY = "category"
    PRICE_LEVEL = "price_level"
    ADJUSTMENT = "adjustment"
    LIST = "list"
    PROMOTION = "promotion"


@dataclasses.dataclass(frozen=True)
class PriceQuote:
    """A price per `unit_name`, with the rule and row behind it.

    `source_id` is the id of the agreed price, category price, price
    adjustment, product unit or product row that gave the price. `detail`
    names the base unit when the price was converted from it
    (`converted_from`), and the adjustment number or price level.
    `below_lowest` compares the price per base unit with the product's lowest
    price, which the order editor shows as a warning. `quantity_issue` is
    "quantity_below_minimum" or "quantity_above_maximum" when a quantity was
    given and breaks the product's order quantity limits. For a promotion's
    special price, `source_id` is the promotion's id and `original_price` the
    price without the promotion; `original_price` is None otherwise.
    """

    price: Decimal
    rule: PriceRule
    source_id: str
    unit_name: str
    factor: Decimal
    detail: dict[str, str]
    lowest_price: Decimal | None
    below_lowest: bool
    quantity_issue: str | None = None
    original_price: Decimal | None = None


@dataclasses.dataclass(frozen=True)
class _Found:
    price: Decimal
    rule: PriceRule
    source_id: str
    detail: dict[str, str]


def valid_on(model: Any, on_date: dt.date) -> Any:
    """Return the SQL condition that a dated price row is valid on `on_date`, both ends inclusive."""
    return (
        or_(model.effective_from.is_(None), model.effective_from <= on_date),
        or_(model.effective_to.is_(None), model.effective_to >= on_date),
    )


def latest_start(rows: Iterable[Any]) -> Any | None:
    """Return the row that started last; a row without a start date counts as the earliest."""
    ordered = sorted(rows, key=lambda row: (row.effective_from or dt.date.min, row.id))
    return ordered[-1] if ordered else None


def resolve_unit(session: Session, product: Product, unit_name: str | None) -> tuple[str, Decimal, ProductUnit | None]:
    """Return (unit name, base units per unit, pack unit row or None for the base unit)."""
    if unit_name is None or unit_name == product.base_unit:
        return product.base_unit, Decimal(1), None
    unit = session.execute(
        select(ProductUnit).where(ProductUnit.product_id == product.id, ProductUnit.unit_name == unit_name)
    ).scalar_one_or_none()
    if unit is None:
        raise CommandRejected("unit_not_found", product_code=product.code, unit_name=unit_name)
    return unit.unit_name, unit.factor, unit


def convert_from_base(found: _Found, base_unit: str, factor: Decimal) -> _Found:
    """Return a base-unit price as the price of a pack unit of `factor` base units.

    Rounding rule: base price × factor, rounded half-up to 0.0001.
    """
    detail = dict(found.detail, converted_from=base_unit)
    return _Found(round_price(found.price * factor), found.rule, found.source_id, detail)


def _by_unit(rows: list[Any], unit_name: str, base_unit: str, factor: Decimal, rule: PriceRule,
             detail: dict[str, str]) -> _Found | None:
    """Return the price of the requested unit's row, else the base unit's row converted by factor."""
    exact = latest_start(row for row in rows if row.unit_name == unit_name)
    if exact is not None:
        return _Found(exact.price, rule, exact.id, dict(detail))
    if unit_name == base_unit:
        return None
    base = latest_start(row for row in rows if row.unit_name == base_unit)
    if base is None:
        return None
    return convert_from_base(_Found(base.price, rule, base.id, dict(detail)), base_unit, factor)


def agreed_price_on(session: Session, customer_id: str, product: Product, unit_name: str, factor: Decimal,
                    on_date: dt.date) -> _Found | None:
    rows = session.execute(
        select(AgreedPrice).where(
            AgreedPrice.customer_id == customer_id,
            AgreedPrice.product_id == product.id,
            AgreedPrice.unit_name.in_([unit_name, product.base_unit]),
            *valid_on(AgreedPrice, on_date),
        )
    ).scalars().all()
    return _by_unit(list(rows), unit_name, product.base_unit, factor, PriceRule.AGREED, {})


def category_price_on(session: Session, category: CustomerCategory, product: Product, unit_name: str,
                      factor: Decimal, on_date: dt.date) -> _Found | None:
    """Return the category's own price, else the price of its price level."""
    rows = session.execute(
        select(CategoryPrice).where(
            CategoryPrice.product_id == product.id,
            CategoryPrice.unit_name.in_([unit_name, product.base_unit]),
            or_(
                CategoryPrice.customer_category_id == category.id,
                *([CategoryPrice.price_level == category.price_level] if category.price_level else []),
            ),
            *valid_on(CategoryPrice, on_date),
        )
    ).scalars().all()
    own = [row for row in rows if row.customer_category_id == category.id]
    found = _by_unit(own, unit_name, product.base_unit, factor, PriceRule.CATEGORY, {"category": category.code})
    if found is not None or not category.price_level:
        return found
    level = [row for row in rows if row.customer_category_id is None and row.price_level == category.price_level]
    return _by_unit(level, unit_name, product.base_unit, factor, PriceRule.PRICE_LEVEL,
                    {"price_level": category.price_level})


def adjusted_list_price(session: Session, product: Product, unit_name: str, on_date: dt.date) -> _Found | None:
    """Return the list price of one unit set by the latest approved adjustment effective on or before the date.

    Of two adjustments effective on the same date, the one approved later wins.
    """
    row = session.execute(
        select(PriceAdjustmentLine.new_price, PriceAdjustment.id, PriceAdjustment.number)
        .join(PriceAdjustment, PriceAdjustment.id == PriceAdjustmentLine.adjustment_id)
        .where(
            PriceAdjustmentLine.product_id == product.id,
            PriceAdjustmentLine.unit_name == unit_name,
            PriceAdjustmentLine.price_kind == PriceKind.LIST.value,
            PriceAdjustmentLine.new_price.is_not(None),
            PriceAdjustment.status.in_(IN_FORCE),
            PriceAdjustment.effective_date <= on_date,
        )
        .order_by(PriceAdjustment.effective_date.desc(), PriceAdjustment.approved_at.desc(), PriceAdjustment.id.desc())
        .limit(1)
    ).first()
    if row is None:
        return None
    return _Found(row.new_price, PriceRule.ADJUSTMENT, row.id, {"number": row.number})


def price_before_adjustments(session: Session, product: Product, unit_name: str, on_date: dt.date) -> Decimal | None:
    """Return the list price a unit had before its first adjustment in force, for a date before that one.

    Applying an adjustment overwrites the product or unit row, so for earlier
    dates the first adjustment's old price is the list price. None when no
    adjustment in force starts after the date.
    """
    # NOTE: a pack unit's old price was taken at approval, so for dates before an
    # earlier adjustment of its base unit it is that later value, not the older one.
    return session.execute(
        select(PriceAdjustmentLine.old_price)
        .join(PriceAdjustment, PriceAdjustment.id == PriceAdjustmentLine.adjustment_id)
        .where(
            PriceAdjustmentLine.product_id == product.id,
            PriceAdjustmentLine.unit_name == unit_name,
            PriceAdjustmentLine.price_kind == PriceKind.LIST.value,
            PriceAdjustmentLine.old_price.is_not(None),
            PriceAdjustment.status.in_(IN_FORCE),
            PriceAdjustment.effective_date > on_date,
        )
        .order_by(PriceAdjustment.effective_date, PriceAdjustment.approved_at, PriceAdjustment.id)
        .limit(1)
    ).scalar_one_or_none()


def list_price_on(session: Session, product: Product, unit_name: str, factor: Decimal, unit: ProductUnit | None,
                  on_date: dt.date) -> _Found:
    """Return the list price of a unit on a date: adjusted, else the unit's own, else base × factor.

    A date before every adjustment in force gets the price the first of them replaced.
    """
    adjusted = adjusted_list_price(session, product, unit_name, on_date)
    if adjusted is not None:
        return adjusted
    earlier = price_before_adjustments(session, product, unit_name, on_date)
    if earlier is not None:
        return _Found(earlier, PriceRule.LIST, unit.id if unit is not None else product.id, {})
    if unit is not None and unit.price is not None:
        return _Found(unit.price, PriceRule.LIST, unit.id, {})
    if unit is None:
        return _Found(product.list_price, PriceRule.LIST, product.id, {})
    base = list_price_on(session, product, product.base_unit, Decimal(1), None, on_date)
    return convert_from_base(base, product.base_unit, factor)


def sellable_product(session: Session, product_id: str) -> Product:
    """Return the product, or raise when it does not exist, is deleted or inactive."""
    product = session.get(Product, product_id)
    if product is None:
        raise CommandRejected("record_not_found", table="product", id=product_id)
    if product.deleted_at is not None or not product.active:
        raise CommandRejected("product_not_sellable", product_code=product.code)
    return product


def quote_price(session: Session, customer_id: str | None, product_id: str, unit_name: str | None,
                on_date: dt.date, quantity: Decimal | None = None) -> PriceQuote:
    """Return the default price of `unit_name` (None: the base unit) for the customer on `on_date`.

    A customer of None (a walk-in sale) skips the agreed and category prices.
    Raises CommandRejected "product_not_sellable" for an inactive or deleted
    product and "unit_not_found" for a unit the product does not have.
    """
    product = sellable_product(session, product_id)
    unit_name, factor, unit = resolve_unit(session, product, unit_name)
    found = None
    customer = session.get(Customer, customer_id) if customer_id is not None else None
    if customer is not None:
        found = agreed_price_on(session, customer.id, product, unit_name, factor, on_date)
        category = session.get(CustomerCategory, customer.category_id) if customer.category_id else None
        if found is None and category is not None and category.deleted_at is None:
            found = category_price_on(session, category, product, unit_name, factor, on_date)
    if found is None:
        found = list_price_on(session, product, unit_name, factor, unit, on_date)
    original_price = None
    special = special_price_on(session, product, unit_name, factor, customer, on_date)
    if special is not None and special.price < found.price:
        original_price = found.price
        found = special

    # The lowest price is per base unit, so a pack unit's price is compared per
    # base unit, rounded half-up to 0.0001 as order approval does.
    below = product.lowest_price is not None and round_price(found.price / factor) < product.lowest_price
    return PriceQuote(
        price=found.price,
        rule=found.rule,
        source_id=found.source_id,
        unit_name=unit_name,
        factor=factor,
        detail=found.detail,
        lowest_price=product.lowest_price,
        below_lowest=below,
        quantity_issue=_quantity_issue(product, quantity, factor),
        original_price=original_price,
    )


def special_price_on(session: Session, product: Product, unit_name: str, factor: Decimal,
                     customer: Customer | None, on_date: dt.date) -> _Found | None:
    """Return the lowest special price of the unit in force on the date for the customer's category.

    A promotion on the requested unit wins over one on the base unit, whose
    price is converted by the factor as other base-unit prices are.
    """
    category_id = customer.category_id if customer is not None else None
    rows = [
        row for row in promotions_in_force(session, PromotionKind.SPECIAL_PRICE, [product.id], category_id, on_date)
        if row.special_price is not None and row.unit_name in (unit_name, product.base_unit)
    ]
    exact = [row for row in rows if row.unit_name == unit_name]
    if exact:
        best = min(exact, key=lambda row: (row.special_price, row.id))
        return _Found(best.special_price, PriceRule.PROMOTION, best.id, {"promotion": best.name})
    if unit_name == product.base_unit or not rows:
        return None
    best = min(rows, key=lambda row: (row.special_price, row.id))
    found = _Found(best.special_price, PriceRule.PROMOTION, best.id, {"promotion": best.name})
    return convert_from_base(found, product.base_unit, factor)


def _quantity_issue(product: Product, quantity: Decimal | None, factor: Decimal) -> str | None:
    """Return the order-quantity rule a quantity breaks; the limits are in base units."""
    if quantity is None:
        return None
    base_quantity = round_quantity(quantity * factor)
    if product.min_order_quantity is not None and base_quantity < product.min_order_quantity:
        return "quantity_below_minimum"
    if product.max_order_quantity is not None and base_quantity > product.max_order_quantity:
        return "quantity_above_maximum"
    return None
