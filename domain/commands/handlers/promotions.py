"""Promotions (促销): special prices for a date range and buy-N-get-M gift rules (intentions, managers).

A special price is for one product unit. The price lookup (domain.price_lookup)
offers it while it is in force and lower than the customer's price. A
buy-N-get-M rule makes the order pricing add gift lines
(domain.promotion_gifts). Both apply from `start_date` to `end_date`, both
inclusive, to one customer category or, without one, to every customer.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any, Literal

from pydantic import Field, model_validator

from domain.commands.framework import CommandContext, CommandKind, CommandRejected, command
from domain.commands.handlers.common import require, unit_factor
from domain.commands.handlers.field_merge import check_code_free, check_new_id, live_record
from domain.commands.handlers.fields import Id, Payload, Price, Quantity
from domain.commands.handlers.prices import PRICE_ROLES
from domain.commands.handlers.products import check_not_below_lowest, existing_product
from domain.models import CustomerCategory, Promotion, PromotionKind
from domain.validation import required_text

log = logging.getLogger(__name__)


class PromotionFields(Payload):
    id: Id
    code: str = Field(max_length=40)
    name: str = Field(max_length=200)
    kind: Literal["special_price", "buy_n_get_m"]
    product_id: Id
    unit_name: str | None = Field(default=None, max_length=20)  # None: the base unit
    start_date: dt.date
    end_date: dt.date
    customer_category_id: Id | None = None  # None: every customer
    # For kind special_price: the price per `unit_name`.
    special_price: Price | None = None
    # For kind buy_n_get_m: buying `buy_quantity` of `unit_name` gives `gift_quantity` of the gift unit.
    buy_quantity: Quantity | None = None
    gift_product_id: Id | None = None  # None: the product itself
    gift_unit_name: str | None = Field(default=None, max_length=20)  # None: the gift product's base unit
    gift_quantity: Quantity | None = None
    repeat: bool = True  # False: one gift per line at most, however much the line buys
    active: bool = True
    note: str | None = Field(default=None, max_length=2000)

    @model_validator(mode="after")
    def _fields_of_kind(self) -> "PromotionFields":
        if self.kind == PromotionKind.SPECIAL_PRICE.value:
            if self.special_price is None:
                raise ValueError("a special price promotion needs special_price")
            if self.buy_quantity is not None or self.gift_quantity is not None or self.gift_product_id is not None:
                raise ValueError("a special price promotion takes no buy or gift fields")
        else:
            if self.buy_quantity is None or self.gift_quantity is None:
                raise ValueError("a buy-N-get-M promotion needs buy_quantity and gift_quantity")
            if self.special_price is not None:
                raise ValueError("a buy-N-get-M promotion takes no special_price")
        return self


class PromotionEnd(Payload):
    id: Id
    end_date: dt.date | None = None  # the last day it applies (None: today)


def _check_and_apply(ctx: CommandContext, promotion: Promotion, payload: PromotionFields) -> None:
    table = Promotion.__tablename__
    code = required_text(payload.code, "code", table)
    name = required_text(payload.name, "name", table)
    check_code_free(ctx, Promotion, table, code, payload.id)
    if payload.end_date < payload.start_date:
        raise CommandRejected(
            "invalid_date_range", effective_from=payload.start_date.isoformat(), effective_to=payload.end_date.isoformat()
        )
    product = existing_product(ctx, payload.product_id, "product_id")
    unit_name, factor = unit_factor(ctx.session, product, payload.unit_name, "unit_name")
    check_not_below_lowest(product, unit_name, factor, payload.special_price)
    gift_unit_name = None
    if payload.kind == PromotionKind.BUY_N_GET_M.value:
        gift_product = existing_product(ctx, payload.gift_product_id or product.id, "gift_product_id")
        gift_unit_name, _gift_factor = unit_factor(ctx.session, gift_product, payload.gift_unit_name, "gift_unit_name")
    if payload.customer_category_id is not None:
        live_record(ctx, CustomerCategory, payload.customer_category_id, "customer_category_id")

    promotion.code = code
    promotion.name = name
    promotion.kind = payload.kind
    promotion.product_id = product.id
    promotion.unit_name = unit_name
    promotion.start_date = payload.start_date
    promotion.end_date = payload.end_date
    promotion.customer_category_id = payload.customer_category_id
    promotion.special_price = payload.special_price
    promotion.buy_quantity = payload.buy_quantity
    promotion.gift_product_id = (payload.gift_product_id or product.id) if gift_unit_name is not None else None
    promotion.gift_unit_name = gift_unit_name
    promotion.gift_quantity = payload.gift_quantity
    promotion.repeat = payload.repeat
    promotion.active = payload.active
    promotion.note = payload.note


def _result(promotion: Promotion) -> dict[str, Any]:
    return {"id": promotion.id, "code": promotion.code, "end_date": promotion.end_date.isoformat(),
            "active": promotion.active}


@command("promotion.create", kind=CommandKind.INTENTION, roles=PRICE_ROLES, payload=PromotionFields)
def create_promotion(ctx: CommandContext, payload: PromotionFields) -> dict[str, Any]:
    check_new_id(ctx, Promotion, payload.id)
    promotion = Promotion(id=payload.id)
    _check_and_apply(ctx, promotion, payload)
    ctx.session.add(promotion)
    return _result(promotion)


@command("promotion.update", kind=CommandKind.INTENTION, roles=PRICE_ROLES, payload=PromotionFields)
def update_promotion(ctx: CommandContext, payload: PromotionFields) -> dict[str, Any]:
    """Replace every field of a promotion; orders already entered keep their prices and gift lines."""
    promotion = require(ctx.session, Promotion, payload.id, "id")
    if promotion.deleted_at is not None:
        raise CommandRejected("record_deleted", table="promotion", id=promotion.id, name=promotion.name)
    _check_and_apply(ctx, promotion, payload)
    return _result(promotion)


@command("promotion.end", kind=CommandKind.INTENTION, roles=PRICE_ROLES, payload=PromotionEnd)
def end_promotion(ctx: CommandContext, payload: PromotionEnd) -> dict[str, Any]:
    """Bring a promotion's last day forward to `end_date` (default today).

    A later date than the current end changes nothing (promotion.update
    extends a promotion). Ending before the start date deactivates the
    promotion, because it never applied.
    """
    promotion = require(ctx.session, Promotion, payload.id, "id")
    last_day = payload.end_date or ctx.today
    if last_day < promotion.start_date:
        promotion.active = False
    elif last_day < promotion.end_date:
        promotion.end_date = last_day
    log.info("promotion %s ends %s (active: %s)", promotion.code, promotion.end_date, promotion.active)
    return _result(promotion)
