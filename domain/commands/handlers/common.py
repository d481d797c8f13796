"""Look-ups and conversions the handlers share."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from domain.commands.framework import CommandContext, InvalidPayload
from domain.models import Product, ProductUnit, Warehouse
from domain.money import round_quantity

T = TypeVar("T")


def require(session: Session, model: type[T], row_id: str, field: str) -> T:
    """Return the row, or raise InvalidPayload naming `field` when it does not exist.

    A reference to a row that does not exist makes the payload malformed,
    which is the one reason a fact may be rejected.
    """
    row = session.get(model, row_id)
    if row is None:
        raise InvalidPayload(errors=[{"field": field, "message": f"{model.__tablename__} {row_id} not found"}])
    return row


def unit_factor(session: Session, product: Product, unit_name: str | None, field: str) -> tuple[str, Decimal]:
    """Return (unit name, base units per unit): the base unit has factor 1, pack units their own."""
    if unit_name is None or unit_name == product.base_unit:
        return product.base_unit, Decimal(1)
    unit = session.execute(
        select(ProductUnit).where(ProductUnit.product_id == product.id, ProductUnit.unit_name == unit_name)
    ).scalar_one_or_none()
    if unit is None:
        raise InvalidPayload(
            errors=[{"field": field, "message": f"unit {unit_name!r} not found for product {product.code}"}]
        )
    return unit.unit_name, unit.factor


def base_quantity(quantity: Decimal, factor: Decimal) -> Decimal:
    return round_quantity(quantity * factor)


def warehouse_department(session: Session, warehouse_id: str | None) -> str | None:
    if warehouse_id is None:
        return None
    warehouse = session.get(Warehouse, warehouse_id)
    return warehouse.department_id if warehouse is not None else None


def json_value(value: Any) -> Any:
    """Return `value` in a JSON-safe form: decimals as strings, dates in ISO 8601."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def author(ctx: CommandContext) -> dict[str, str]:
    return {"user_id": ctx.actor.user_id, "mutation_id": ctx.mutation_id}
