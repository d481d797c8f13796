"""Customer categories (客户分类): create and update (intentions).

A category sets the payment terms, price level and default credit limit of
its customers where a customer sets none of its own.
"""

from __future__ import annotations

import logging
from decimal import Decimal
from typing import Annotated, Any

from pydantic import BeforeValidator, Field

from domain.commands.framework import CommandContext, CommandKind, CommandRejected, command
from domain.commands.handlers.field_merge import (
    check_code_free,
    check_new_id,
    live_record,
    set_changed,
    stripped_code_and_name,
)
from domain.commands.handlers.fields import CodeNameCreate, FieldSet, Id, Payload, _reject_float
from domain.models import CustomerCategory

log = logging.getLogger(__name__)

CATEGORY_ROLES = ("manager", "admin")
# Ten years: longer terms are a typing error, not a credit agreement.
MAX_PAYMENT_TERMS_DAYS = 3650
# Money columns store two decimal places (domain.types.Money).
MONEY_PLACES = Decimal("0.01")

# Range checks happen in the handler rather than in pydantic, so a value out
# of range ends as a translated message that names the field.
AnyDecimal = Annotated[Decimal, BeforeValidator(_reject_float)]


class CategoryFields(FieldSet):
    """The editable fields of a category; an update sends only the ones it changes."""

    code: str | None = Field(default=None, max_length=40)
    name: str | None = Field(default=None, max_length=200)
    payment_terms_days: int | None = None
    price_level: str | None = Field(default=None, max_length=40)
    default_credit_limit: AnyDecimal | None = None


class CategoryCreate(CodeNameCreate):
    fields: CategoryFields = CategoryFields()


class CategoryUpdate(Payload):
    id: Id
    fields: CategoryFields


def _validated(values: dict[str, Any]) -> dict[str, Any]:
    """Return the category fields cleaned up, or raise CommandRejected naming the first invalid field."""
    values = stripped_code_and_name(values, "customer_category")
    if "payment_terms_days" in values:
        days = values["payment_terms_days"]
        if days is None:
            raise CommandRejected("required_field", table="customer_category", field="payment_terms_days")
        if not 0 <= days <= MAX_PAYMENT_TERMS_DAYS:
            raise CommandRejected("value_out_of_range", field="payment_terms_days", value=str(days),
                                  minimum="0", maximum=str(MAX_PAYMENT_TERMS_DAYS))
    if "price_level" in values:
        level = values["price_level"]
        # A blank level means none: the category then uses list prices.
        values["price_level"] = level.strip() if level is not None and level.strip() else None
    limit = values.get("default_credit_limit")
    if limit is not None:
        if not limit.is_finite() or limit < 0:
            raise CommandRejected("value_negative", field="default_credit_limit", value=str(limit))
        if limit != limit.quantize(MONEY_PLACES):
            raise CommandRejected("too_many_decimal_places", field="default_credit_limit", value=str(limit),
                                  places=2)
    return values


@command("customer_category.create", kind=CommandKind.INTENTION, roles=CATEGORY_ROLES, payload=CategoryCreate)
def create_category(ctx: CommandContext, payload: CategoryCreate) -> dict[str, Any]:
    check_new_id(ctx, CustomerCategory, payload.id)
    values = _validated({"payment_terms_days": 30, **payload.fields.given(),
                         "code": payload.code, "name": payload.name})
    check_code_free(ctx, CustomerCategory, "customer_category", values["code"], payload.id)
    category = CustomerCategory(id=payload.id)
    for field, value in values.items():
        setattr(category, field, value)
    ctx.session.add(category)
    log.info("customer category %s (%s) created", category.id, category.code)
    return {"id": category.id}


@command("customer_category.update", kind=CommandKind.INTENTION, roles=CATEGORY_ROLES, payload=CategoryUpdate)
def update_category(ctx: CommandContext, payload: CategoryUpdate) -> dict[str, Any]:
    """Set the given fields; orders already entered keep the price level they recorded."""
    category = live_record(ctx, CustomerCategory, payload.id)
    values = _validated(payload.fields.given())
    if values.get("code") is not None:
        check_code_free(ctx, CustomerCategory, "customer_category", values["code"], category.id)
    applied = set_changed(category, values)
    return {"id": category.id, "applied": applied}
