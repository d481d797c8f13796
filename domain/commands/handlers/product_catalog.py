"""Product categories (a tree) and brands (intentions)."""

from __future__ import annotations

import logging
from typing import Any

from pydantic import Field

from domain.commands.framework import CommandContext, CommandKind, CommandRejected, command
from domain.commands.handlers.common import require
from domain.commands.handlers.fields import Id, Payload
from domain.commands.handlers.products import PRODUCT_ROLES, check_code_free
from domain.models import Brand, ProductCategory

log = logging.getLogger(__name__)


class CategoryCreate(Payload):
    id: Id
    code: str = Field(min_length=1, max_length=40)
    name: str = Field(min_length=1, max_length=200)
    parent_id: Id | None = None


class CategoryUpdate(Payload):
    id: Id
    code: str | None = Field(default=None, min_length=1, max_length=40)
    name: str | None = Field(default=None, min_length=1, max_length=200)
    parent_id: Id | None = None  # sent as null: a top-level category


class BrandCreate(Payload):
    id: Id
    code: str = Field(min_length=1, max_length=40)
    name: str = Field(min_length=1, max_length=200)


class BrandUpdate(Payload):
    id: Id
    code: str | None = Field(default=None, min_length=1, max_length=40)
    name: str | None = Field(default=None, min_length=1, max_length=200)


@command("product_category.create", kind=CommandKind.INTENTION, roles=PRODUCT_ROLES, payload=CategoryCreate)
def create_category(ctx: CommandContext, payload: CategoryCreate) -> dict[str, Any]:
    if ctx.session.get(ProductCategory, payload.id) is not None:
        raise CommandRejected("record_exists", table="product_category", id=payload.id)
    check_code_free(ctx, ProductCategory, payload.code, payload.id)
    if payload.parent_id is not None:
        _existing_category(ctx, payload.parent_id, "parent_id")
    ctx.session.add(ProductCategory(id=payload.id, code=payload.code, name=payload.name, parent_id=payload.parent_id))
    return {"id": payload.id}


@command("product_category.update", kind=CommandKind.INTENTION, roles=PRODUCT_ROLES, payload=CategoryUpdate)
def update_category(ctx: CommandContext, payload: CategoryUpdate) -> dict[str, Any]:
    category = _existing_category(ctx, payload.id, "id")
    given = payload.model_fields_set
    if "code" in given and payload.code is not None:
        check_code_free(ctx, ProductCategory, payload.code, category.id)
        category.code = payload.code
    if "name" in given and payload.name is not None:
        category.name = payload.name
    if "parent_id" in given:
        if payload.parent_id is not None:
            _check_no_cycle(ctx, category, payload.parent_id)
        category.parent_id = payload.parent_id
    return {"id": category.id}


def _existing_category(ctx: CommandContext, category_id: str, field: str) -> ProductCategory:
    category = require(ctx.session, ProductCategory, category_id, field)
    if category.deleted_at is not None:
        raise CommandRejected("record_deleted", table="product_category", id=category.id, name=category.name)
    return category


def _check_no_cycle(ctx: CommandContext, category: ProductCategory, parent_id: str) -> None:
    """Reject a parent that is the category itself or one of its descendants."""
    seen: set[str] = set()
    current: str | None = _existing_category(ctx, parent_id, "parent_id").id
    while current is not None and current not in seen:
        if current == category.id:
            raise CommandRejected("category_cycle", category_code=category.code)
        seen.add(current)
        row = ctx.session.get(ProductCategory, current)
        current = row.parent_id if row is not None else None


@command("brand.create", kind=CommandKind.INTENTION, roles=PRODUCT_ROLES, payload=BrandCreate)
def create_brand(ctx: CommandContext, payload: BrandCreate) -> dict[str, Any]:
    if ctx.session.get(Brand, payload.id) is not None:
        raise CommandRejected("record_exists", table="brand", id=payload.id)
    check_code_free(ctx, Brand, payload.code, payload.id)
    ctx.session.add(Brand(id=payload.id, code=payload.code, name=payload.name))
    return {"id": payload.id}


@command("brand.update", kind=CommandKind.INTENTION, roles=PRODUCT_ROLES, payload=BrandUpdate)
def update_brand(ctx: CommandContext, payload: BrandUpdate) -> dict[str, Any]:
    brand = require(ctx.session, Brand, payload.id, "id")
    if brand.deleted_at is not None:
        raise CommandRejected("record_deleted", table="brand", id=brand.id, name=brand.name)
    if payload.code is not None:
        check_code_free(ctx, Brand, payload.code, brand.id)
        brand.code = payload.code
    if payload.name is not None:
        brand.name = payload.name
    return {"id": brand.id}
