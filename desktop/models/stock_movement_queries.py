"""Movement detail (出入库明细) of one product from the replica, with a running balance.

Rows sort by (posting_date, id); movement ids are UUIDv7, so movements of
one day keep the order they were created in. The balance before a page is
one SQL sum over every movement that sorts before the page's first row, so
the running balance stays right however many pages were loaded.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal
from typing import Any

from sqlalchemy import func, literal, select, tuple_, type_coerce
from sqlalchemy.orm import Session

from domain.models import Product, StockMovement, Warehouse
from domain.money import ZERO

OPENING_ID = "opening"
CLOSING_ID = "closing"


@dataclasses.dataclass(frozen=True)
class MovementFilter:
    product_id: str
    date_from: dt.date
    date_to: dt.date
    # None shows the movements of every warehouse in the replica.
    warehouse_id: str | None = None


def _scoped(query, movement_filter: MovementFilter):
    query = query.where(StockMovement.product_id == movement_filter.product_id)
    if movement_filter.warehouse_id:
        query = query.where(StockMovement.warehouse_id == movement_filter.warehouse_id)
    return query


def balance_before(session: Session, movement_filter: MovementFilter, after: dict[str, Any] | None) -> Decimal:
    """Return the on-hand sum of the movements before the range, plus those up to the row `after` within it."""
    total = type_coerce(func.sum(StockMovement.quantity), StockMovement.quantity.type)
    query = _scoped(select(total), movement_filter)
    if after is None:
        query = query.where(StockMovement.posting_date < movement_filter.date_from)
    else:
        query = query.where(
            tuple_(StockMovement.posting_date, StockMovement.id)
            <= tuple_(literal(after["posting_date"]), literal(after["movement_id"]))
        )
    return session.execute(query).scalar_one() or ZERO


def load_movements(session: Session, movement_filter: MovementFilter, after: dict[str, Any] | None,
                   limit: int) -> list[dict[str, Any]]:
    """Return up to `limit` rows: the opening row first, movements, and the closing row after the last movement.

    Each movement row carries `balance`, the on-hand quantity after it. A
    page may hold one row more than `limit` (the closing row); the paged
    model then requests one more page and gets nothing after the closing row.
    """
    if after is not None and after["id"] == CLOSING_ID:
        return []
    rows: list[dict[str, Any]] = []
    balance = balance_before(session, movement_filter, after)
    wanted = limit
    if after is None:
        rows.append({"id": OPENING_ID, "kind": OPENING_ID, "balance": balance})
        wanted = max(limit - 1, 1)

    query = _scoped(
        select(
            StockMovement.id.label("movement_id"),
            StockMovement.posting_date,
            StockMovement.document_date,
            StockMovement.document_type,
            StockMovement.document_number,
            StockMovement.batch_no,
            StockMovement.expiry_date,
            StockMovement.quantity,
            Warehouse.code.label("warehouse_code"),
            Warehouse.name.label("warehouse_name"),
        ).join(Warehouse, Warehouse.id == StockMovement.warehouse_id),
        movement_filter,
    ).where(StockMovement.posting_date >= movement_filter.date_from, StockMovement.posting_date <= movement_filter.date_to)
    if after is not None:
        query = query.where(
            tuple_(StockMovement.posting_date, StockMovement.id)
            > tuple_(literal(after["posting_date"]), literal(after["movement_id"]))
        )
    # One row more than wanted shows whether the closing row belongs on this page.
    found = session.execute(query.order_by(StockMovement.posting_date, StockMovement.id).limit(wanted + 1)).all()

    for row in found[:wanted]:
        values = dict(row._mapping)
        quantity = values.pop("quantity")
        balance += quantity
        values.update(
            id=values["movement_id"], kind="movement",
            quantity_in=quantity if quantity > 0 else None,
            quantity_out=-quantity if quantity < 0 else None,
            balance=balance,
        )
        rows.append(values)
    if len(found) <= wanted:
        rows.append({"id": CLOSING_ID, "kind": CLOSING_ID, "balance": balance})
    return rows


def movement_totals(session: Session, movement_filter: MovementFilter) -> tuple[Decimal, Decimal]:
    """Return (total in, total out) of the range, both positive."""
    quantity = StockMovement.quantity
    query = _scoped(
        select(
            type_coerce(func.sum(quantity).filter(quantity > 0), quantity.type),
            type_coerce(func.sum(-quantity).filter(quantity < 0), quantity.type),
        ),
        movement_filter,
    ).where(StockMovement.posting_date >= movement_filter.date_from, StockMovement.posting_date <= movement_filter.date_to)
    total_in, total_out = session.execute(query).one()
    return total_in or ZERO, total_out or ZERO


def product_label(session: Session, product_id: str) -> str | None:
    """Return "code  name variant" of a product, or None when the replica lacks it."""
    row = session.execute(select(Product.code, Product.name, Product.variant).where(Product.id == product_id)).first()
    if row is None:
        return None
    name = f"{row.name} {row.variant}" if row.variant else row.name
    return f"{row.code}  {name}"

