"""Category prices, agreed prices and price adjustment documents (intentions).

Dated price rows (`CategoryPrice`, `AgreedPrice`) are valid from
`effective_from` to `effective_to`, both inclusive, and NULL at either end is
open. Setting a price from a date ends the earlier row for the same target
the day before, so one row is in force at a time. `domain.price_lookup`
reads these rows in the precedence it documents.

A price adjustment (调价单) is entered as a draft and takes effect when a
manager approves it: category and agreed prices become new dated rows, and
list prices are read from the approved lines by date. An effective date in
the past at approval is moved to the approval date, because orders already
priced on earlier dates must not change.
"""

from __future__ import annotations

import datetime as dt
import logging
from decimal import Decimal
from typing import Any, Literal

from pydantic import Field, model_validator
from sqlalchemy import select

from domain.commands.framework import CommandContext, CommandKind, CommandRejected, ScopeRef, command
from domain.commands.handlers.common import require, unit_factor
from domain.commands.handlers.fields import DocumentNumber, Id, Payload, Price
from domain.commands.handlers.products import check_not_below_lowest, existing_product
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
)
from domain.price_lookup import list_price_on, resolve_unit

log = logging.getLogger(__name__)

# Clerks enter orders at these prices but may not change them.
PRICE_ROLES = ("manager", "admin")

ONE_DAY = dt.timedelta(days=1)


class CategoryPriceSet(Payload):
    id: Id
    product_id: Id
    unit_name: str | None = Field(default=None, max_length=20)  # None: the base unit
    # Exactly one of the two: a category's own price, or a price level's.
    customer_category_id: Id | None = None
    price_level: str | None = Field(default=None, min_length=1, max_length=40)
    price: Price
    effective_from: dt.date | None = None  # None: since ever
    effective_to: dt.date | None = None  # None: until changed

    @model_validator(mode="after")
    def _one_target(self) -> "CategoryPriceSet":
        if (self.customer_category_id is None) == (self.price_level is None):
            raise ValueError("give either customer_category_id or price_level")
        return self


class AgreedPriceSet(Payload):
    id: Id
    customer_id: Id
    product_id: Id
    unit_name: str | None = Field(default=None, max_length=20)  # None: the base unit
    price: Price
    effective_from: dt.date | None = None
    effective_to: dt.date | None = None
    note: str | None = Field(default=None, max_length=400)


class AgreedPriceEnd(Payload):
    id: Id
    effective_to: dt.date  # the last day the price applies


class AdjustmentLineIn(Payload):
    id: Id
    product_id: Id
    unit_name: str | None = Field(default=None, max_length=20)  # None: the base unit
    price_kind: Literal["list", "category", "agreed"]
    customer_category_id: Id | None = None
    price_level: str | None = Field(default=None, min_length=1, max_length=40)
    customer_id: Id | None = None
    new_price: Price

    @model_validator(mode="after")
    def _target_matches_kind(self) -> "AdjustmentLineIn":
        has_category = self.customer_category_id is not None
        has_level = self.price_level is not None
        has_customer = self.customer_id is not None
        if self.price_kind == "list" and (has_category or has_level or has_customer):
            raise ValueError("a list price line names no category, price level or customer")
        if self.price_kind == "category" and (has_customer or has_category == has_level):
            raise ValueError("a category price line names either customer_category_id or price_level")
        if self.price_kind == "agreed" and (not has_customer or has_category or has_level):
            raise ValueError("an agreed price line names customer_id only")
        return self


class AdjustmentCreate(Payload):
    id: Id
    number: DocumentNumber
    document_date: dt.date
    effective_date: dt.date
    reason: str | None = Field(default=None, max_length=400)
    note: str | None = None
    department_id: Id | None = None
    lines: list[AdjustmentLineIn] = Field(min_length=1, max_length=2000)

    @model_validator(mode="after")
    def _unique_lines(self) -> "AdjustmentCreate":
        ids = [line.id for line in self.lines]
        if len(set(ids)) != len(ids):
            raise ValueError("line ids must be unique")
        targets = [_target_key(line) for line in self.lines]
        if len(set(targets)) != len(targets):
            raise ValueError("each price may appear on one line only")
        return self


class AdjustmentRef(Payload):
    id: Id


class ApplyDue(Payload):
    pass


def _target_key(line: AdjustmentLineIn) -> tuple:
    return (line.product_id, line.unit_name, line.price_kind, line.customer_category_id, line.price_level,
            line.customer_id)


def _check_range(effective_from: dt.date | None, effective_to: dt.date | None) -> None:
    if effective_from is not None and effective_to is not None and effective_to < effective_from:
        raise CommandRejected(
            "invalid_date_range", effective_from=effective_from.isoformat(), effective_to=effective_to.isoformat()
        )


def _existing_category(ctx: CommandContext, category_id: str, field: str) -> CustomerCategory:
    category = require(ctx.session, CustomerCategory, category_id, field)
    if category.deleted_at is not None:
        raise CommandRejected("record_deleted", table="customer_category", id=category.id, name=category.name)
    return category


def _existing_customer(ctx: CommandContext, customer_id: str, field: str) -> Customer:
    customer = require(ctx.session, Customer, customer_id, field)
    if customer.deleted_at is not None:
        raise CommandRejected("record_deleted", table="customer", id=customer.id, name=customer.name)
    return customer


def place_dated_price(ctx: CommandContext, rows: list[Any], new_row: Any) -> Any:
    """Write `new_row` among the target's dated `rows`; return the row that now has the price.

    A row that starts on the same date is changed in place. A row that starts
    earlier and is still valid on the new start date ends the day before. A
    row that starts later stays, and wins from its own start date, because
    the lookup takes the row that started last.
    """
    start = new_row.effective_from
    for row in rows:
        if row.effective_from == start:
            row.price = new_row.price
            row.effective_to = new_row.effective_to
            row.price_adjustment_id = new_row.price_adjustment_id
            return row
    if start is not None:
        for row in rows:
            started_before = row.effective_from is None or row.effective_from < start
            still_valid = row.effective_to is None or row.effective_to >= start
            if started_before and still_valid:
                row.effective_to = start - ONE_DAY
    ctx.session.add(new_row)
    return new_row


def _category_rows(ctx: CommandContext, product_id: str, unit_name: str, category_id: str | None,
                   price_level: str | None) -> list[CategoryPrice]:
    query = select(CategoryPrice).where(CategoryPrice.product_id == product_id, CategoryPrice.unit_name == unit_name)
    if category_id is not None:
        query = query.where(CategoryPrice.customer_category_id == category_id)
    else:
        query = query.where(CategoryPrice.customer_category_id.is_(None), CategoryPrice.price_level == price_level)
    return list(ctx.session.execute(query).scalars())


def _agreed_rows(ctx: CommandContext, customer_id: str, product_id: str, unit_name: str) -> list[AgreedPrice]:
    return list(ctx.session.execute(
        select(AgreedPrice).where(
            AgreedPrice.customer_id == customer_id, AgreedPrice.product_id == product_id,
            AgreedPrice.unit_name == unit_name,
        )
    ).scalars())


# ---------------------------------------------------------------------------
# Category and agreed prices


@command("category_price.set", kind=CommandKind.INTENTION, roles=PRICE_ROLES, payload=CategoryPriceSet)
def set_category_price(ctx: CommandContext, payload: CategoryPriceSet) -> dict[str, Any]:
    """Set a category's or a price level's price of a product unit from a date."""
    product = existing_product(ctx, payload.product_id, "product_id")
    unit_name, factor = unit_factor(ctx.session, product, payload.unit_name, "unit_name")
    if payload.customer_category_id is not None:
        _existing_category(ctx, payload.customer_category_id, "customer_category_id")
    _check_range(payload.effective_from, payload.effective_to)
    check_not_below_lowest(product, unit_name, factor, payload.price)
    if ctx.session.get(CategoryPrice, payload.id) is not None:
        raise CommandRejected("record_exists", table="category_price", id=payload.id)
    rows = _category_rows(ctx, product.id, unit_name, payload.customer_category_id, payload.price_level)
    row = place_dated_price(ctx, rows, CategoryPrice(
        id=payload.id, product_id=product.id, unit_name=unit_name,
        customer_category_id=payload.customer_category_id, price_level=payload.price_level,
        price=payload.price, effective_from=payload.effective_from, effective_to=payload.effective_to,
    ))
    return {"id": row.id}


@command("agreed_price.set", kind=CommandKind.INTENTION, roles=PRICE_ROLES, payload=AgreedPriceSet)
def set_agreed_price(ctx: CommandContext, payload: AgreedPriceSet) -> dict[str, Any]:
    """Set the price agreed with a customer (协议价) for a product unit from a date."""
    customer = _existing_customer(ctx, payload.customer_id, "customer_id")
    product = existing_product(ctx, payload.product_id, "product_id")
    unit_name, factor = unit_factor(ctx.session, product, payload.unit_name, "unit_name")
    _check_range(payload.effective_from, payload.effective_to)
    check_not_below_lowest(product, unit_name, factor, payload.price)
    if ctx.session.get(AgreedPrice, payload.id) is not None:
        raise CommandRejected("record_exists", table="agreed_price", id=payload.id)
    rows = _agreed_rows(ctx, customer.id, product.id, unit_name)
    row = place_dated_price(ctx, rows, AgreedPrice(
        id=payload.id, customer_id=customer.id, product_id=product.id, unit_name=unit_name, price=payload.price,
        effective_from=payload.effective_from, effective_to=payload.effective_to, note=payload.note,
    ))
    if row is not None and row.id != payload.id:
        row.note = payload.note
    return {"id": row.id}


@command("agreed_price.end", kind=CommandKind.INTENTION, roles=PRICE_ROLES, payload=AgreedPriceEnd)
def end_agreed_price(ctx: CommandContext, payload: AgreedPriceEnd) -> dict[str, Any]:
    """Set the last day an agreed price applies; after it the category or list price applies."""
    row = require(ctx.session, AgreedPrice, payload.id, "id")
    _check_range(row.effective_from, payload.effective_to)
    row.effective_to = payload.effective_to
    return {"id": row.id}


# ---------------------------------------------------------------------------
# Price adjustment documents


def _adjustment_scope(ctx: CommandContext, payload: AdjustmentCreate | AdjustmentRef) -> list[ScopeRef]:
    refs = []
    department_id = getattr(payload, "department_id", None)
    if department_id is not None:
        refs.append(ScopeRef("department", department_id))
    existing = ctx.session.get(PriceAdjustment, payload.id)
    if existing is not None:
        refs.append(ScopeRef("department", existing.department_id))
    return refs


def _current_price(ctx: CommandContext, line: PriceAdjustmentLine, product: Product, on_date: dt.date) -> Decimal | None:
    """Return the price a line replaces on `on_date`: the same kind of price for the same target, or None."""
    if line.price_kind == PriceKind.LIST.value:
        unit_name, factor, unit = resolve_unit(ctx.session, product, line.unit_name)
        return list_price_on(ctx.session, product, unit_name, factor, unit, on_date).price
    if line.price_kind == PriceKind.CATEGORY.value:
        rows = _category_rows(ctx, product.id, line.unit_name, line.customer_category_id, line.price_level)
    else:
        rows = _agreed_rows(ctx, line.customer_id, product.id, line.unit_name)
    valid = [row for row in rows if _valid(row, on_date)]
    valid.sort(key=lambda row: (row.effective_from or dt.date.min, row.id))
    return valid[-1].price if valid else None


def _valid(row: Any, on_date: dt.date) -> bool:
    return (row.effective_from is None or row.effective_from <= on_date) and (
        row.effective_to is None or row.effective_to >= on_date
    )


@command("price_adjustment.create", kind=CommandKind.INTENTION, roles=PRICE_ROLES, payload=AdjustmentCreate,
         scope=_adjustment_scope)
def create_adjustment(ctx: CommandContext, payload: AdjustmentCreate) -> dict[str, Any]:
    """Enter a draft price adjustment; each line records the price it replaces on the effective date."""
    if ctx.session.get(PriceAdjustment, payload.id) is not None:
        raise CommandRejected("record_exists", table="price_adjustment", id=payload.id)
    taken = ctx.session.execute(
        select(PriceAdjustment.id).where(PriceAdjustment.number == payload.number)
    ).scalar_one_or_none()
    if taken is not None:
        raise CommandRejected("duplicate_number", number=payload.number, table="price_adjustment")
    adjustment = PriceAdjustment(
        id=payload.id, number=payload.number, document_date=payload.document_date,
        effective_date=payload.effective_date, status=PriceAdjustmentStatus.DRAFT.value, reason=payload.reason,
        note=payload.note, department_id=payload.department_id, created_by=ctx.actor.user_id,
        device_id=ctx.device_id, print_count=0,
    )
    ctx.session.add(adjustment)
    ctx.session.flush()
    for index, entry in enumerate(payload.lines):
        where = f"lines.{index}"
        product = existing_product(ctx, entry.product_id, f"{where}.product_id")
        unit_name, factor = unit_factor(ctx.session, product, entry.unit_name, f"{where}.unit_name")
        if entry.customer_category_id is not None:
            _existing_category(ctx, entry.customer_category_id, f"{where}.customer_category_id")
        if entry.customer_id is not None:
            _existing_customer(ctx, entry.customer_id, f"{where}.customer_id")
        if ctx.session.get(PriceAdjustmentLine, entry.id) is not None:
            raise CommandRejected("record_exists", table="price_adjustment_line", id=entry.id)
        check_not_below_lowest(product, unit_name, factor, entry.new_price)
        line = PriceAdjustmentLine(
            id=entry.id, adjustment_id=adjustment.id, line_no=index + 1, product_id=product.id,
            unit_name=unit_name, price_kind=entry.price_kind, customer_category_id=entry.customer_category_id,
            price_level=entry.price_level, customer_id=entry.customer_id, new_price=entry.new_price,
        )
        line.old_price = _current_price(ctx, line, product, payload.effective_date)
        ctx.session.add(line)
    return {"id": adjustment.id, "number": adjustment.number, "status": adjustment.status}


@command("price_adjustment.approve", kind=CommandKind.INTENTION, roles=PRICE_ROLES, payload=AdjustmentRef,
         scope=_adjustment_scope)
def approve_adjustment(ctx: CommandContext, payload: AdjustmentRef) -> dict[str, Any]:
    """Approve a draft adjustment: its prices apply from its effective date, or from today if that has passed."""
    adjustment = require(ctx.session, PriceAdjustment, payload.id, "id")
    if adjustment.status != PriceAdjustmentStatus.DRAFT.value:
        raise CommandRejected("adjustment_not_draft", number=adjustment.number, status=adjustment.status)
    requested = adjustment.effective_date
    effective = max(requested, ctx.today)
    adjustment.effective_date = effective
    lines = ctx.session.execute(
        select(PriceAdjustmentLine).where(PriceAdjustmentLine.adjustment_id == adjustment.id)
        .order_by(PriceAdjustmentLine.line_no)
    ).scalars().all()
    for line in lines:
        product = existing_product(ctx, line.product_id, f"lines.{line.line_no - 1}.product_id")
        _unit_name, factor, _unit = resolve_unit(ctx.session, product, line.unit_name)
        check_not_below_lowest(product, line.unit_name, factor, line.new_price)
        # The price the line replaces is taken again now: it may have changed since the draft.
        line.old_price = _current_price(ctx, line, product, effective)
        _apply_dated_line(ctx, adjustment, line, effective)

    adjustment.approved_by = ctx.actor.user_id
    adjustment.approved_at = ctx.now
    if effective <= ctx.today:
        _apply_list_lines(ctx, adjustment, lines)
    else:
        adjustment.status = PriceAdjustmentStatus.APPROVED.value
    if effective != requested:
        log.info("price adjustment %s dated %s applies from its approval on %s", adjustment.number, requested, effective)
    return {"id": adjustment.id, "status": adjustment.status, "effective_date": effective.isoformat()}


def _apply_dated_line(ctx: CommandContext, adjustment: PriceAdjustment, line: PriceAdjustmentLine,
                      effective: dt.date) -> None:
    """Write a category or agreed price line as a dated row starting on the effective date."""
    row_id = ctx.derived_id("price_adjustment_line", line.id)
    if line.price_kind == PriceKind.CATEGORY.value:
        rows = _category_rows(ctx, line.product_id, line.unit_name, line.customer_category_id, line.price_level)
        place_dated_price(ctx, rows, CategoryPrice(
            id=row_id, product_id=line.product_id, unit_name=line.unit_name,
            customer_category_id=line.customer_category_id, price_level=line.price_level, price=line.new_price,
            effective_from=effective, effective_to=None, price_adjustment_id=adjustment.id,
        ))
    elif line.price_kind == PriceKind.AGREED.value:
        rows = _agreed_rows(ctx, line.customer_id, line.product_id, line.unit_name)
        place_dated_price(ctx, rows, AgreedPrice(
            id=row_id, customer_id=line.customer_id, product_id=line.product_id, unit_name=line.unit_name,
            price=line.new_price, effective_from=effective, effective_to=None, price_adjustment_id=adjustment.id,
        ))


def _apply_list_lines(ctx: CommandContext, adjustment: PriceAdjustment, lines: list[PriceAdjustmentLine]) -> None:
    """Copy the list price lines into the product and pack unit rows and mark the adjustment applied.

    The lookup already reads list prices from approved lines by date. The copy
    keeps `Product.list_price` and `ProductUnit.price` current for the code
    that reads them directly (the order entry's unit choices).
    """
    for line in lines:
        if line.price_kind != PriceKind.LIST.value:
            continue
        product = ctx.session.get(Product, line.product_id)
        if line.unit_name == product.base_unit:
            product.list_price = line.new_price
            continue
        unit = ctx.session.execute(
            select(ProductUnit).where(ProductUnit.product_id == product.id, ProductUnit.unit_name == line.unit_name)
        ).scalar_one_or_none()
        if unit is not None:
            unit.price = line.new_price
    adjustment.status = PriceAdjustmentStatus.APPLIED.value
    adjustment.applied_at = ctx.now


@command("price_adjustment.apply_due", kind=CommandKind.INTENTION, roles=PRICE_ROLES, payload=ApplyDue)
def apply_due_adjustments(ctx: CommandContext, payload: ApplyDue) -> dict[str, Any]:
    """Apply every approved adjustment whose effective date has come, oldest first."""
    due = ctx.session.execute(
        select(PriceAdjustment).where(
            PriceAdjustment.status == PriceAdjustmentStatus.APPROVED.value,
            PriceAdjustment.effective_date <= ctx.today,
        ).order_by(PriceAdjustment.effective_date, PriceAdjustment.approved_at)
    ).scalars().all()
    for adjustment in due:
        lines = ctx.session.execute(
            select(PriceAdjustmentLine).where(PriceAdjustmentLine.adjustment_id == adjustment.id)
        ).scalars().all()
        _apply_list_lines(ctx, adjustment, list(lines))
        log.info("price adjustment %s applied (effective %s)", adjustment.number, adjustment.effective_date)
    return {"applied": [adjustment.number for adjustment in due]}
