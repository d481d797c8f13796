"""Product master data: products, pack units and barcodes (intentions); categories and brands are in product_catalog.

A product counts stock and quantities in its base unit (`Product.base_unit`,
factor 1). Pack units (`ProductUnit`) hold `factor` base units each and may
carry their own barcode and price. Further barcodes of a unit live in
`ProductBarcode`. A barcode is unique across all three tables, over products
that are not deleted, so a scan finds one product unit.
"""

from __future__ import annotations

import logging
from decimal import Decimal
from typing import Any

from pydantic import Field
from sqlalchemy import select
from stdnum import ean

from domain.commands.framework import CommandContext, CommandKind, CommandRejected, command
from domain.commands.handlers.common import json_value, require, unit_factor
from domain.commands.handlers.fields import FieldSet, Id, Payload, Price, Quantity, Rate
from domain.models import (
    Brand,
    ConflictRecord,
    PriceAdjustment,
    PriceAdjustmentLine,
    PriceAdjustmentStatus,
    PriceKind,
    Product,
    ProductBarcode,
    ProductCategory,
    ProductUnit,
    Supplier,
)
from domain.money import round_price, round_quantity

log = logging.getLogger(__name__)

# Products carry list and lowest prices, so the roles that set prices manage them.
PRODUCT_ROLES = ("manager", "admin")

# Referenced rows that must exist, per id field.
REFERENCES = {
    "category_id": ProductCategory,
    "brand_id": Brand,
    "default_supplier_id": Supplier,
    "variant_group_id": Product,
}

# Fields an update may not set to null, because the column has no null meaning.
REQUIRED_FIELDS = ("code", "name", "tax_rate", "list_price", "batch_tracked", "expiry_tracked", "active")

UnitName = Field(min_length=1, max_length=20)


class ProductFields(FieldSet):
    """The editable fields of a product; an update sends only the ones it changes.

    The base unit is not among them: stock and posted quantities are counted in
    it, so it is fixed when the product is created.
    """

    code: str | None = Field(default=None, min_length=1, max_length=40)
    name: str | None = Field(default=None, min_length=1, max_length=200)
    variant: str | None = Field(default=None, max_length=200)
    mnemonic: str | None = Field(default=None, max_length=80)
    category_id: Id | None = None
    brand_id: Id | None = None
    barcode: str | None = Field(default=None, max_length=40)  # of the base unit
    tax_rate: Rate | None = Field(default=None, le=Decimal(1))
    list_price: Price | None = None  # per base unit
    lowest_price: Price | None = None  # per base unit
    min_order_quantity: Quantity | None = None  # in base units
    max_order_quantity: Quantity | None = None  # in base units
    batch_tracked: bool | None = None
    expiry_tracked: bool | None = None
    default_supplier_id: Id | None = None
    variant_group_id: Id | None = None
    active: bool | None = None


class UnitIn(Payload):
    id: Id
    unit_name: str = UnitName
    factor: Quantity  # base units per pack unit
    barcode: str | None = Field(default=None, max_length=40)
    price: Price | None = None  # None: list price × factor


class BarcodeIn(Payload):
    id: Id
    unit_name: str | None = Field(default=None, max_length=20)  # None: the base unit
    barcode: str = Field(min_length=1, max_length=40)
    note: str | None = Field(default=None, max_length=200)


class ProductCreate(Payload):
    id: Id
    code: str = Field(min_length=1, max_length=40)
    name: str = Field(min_length=1, max_length=200)
    base_unit: str = UnitName
    fields: ProductFields = ProductFields()
    units: list[UnitIn] = Field(default_factory=list, max_length=20)
    barcodes: list[BarcodeIn] = Field(default_factory=list, max_length=100)


class ProductUpdate(Payload):
    id: Id
    fields: ProductFields
    # The values the client saw when it edited, per field in `fields`. A field
    # missing here is set without a conflict check.
    base: ProductFields = ProductFields()


class ProductRef(Payload):
    id: Id


class UnitSet(UnitIn):
    product_id: Id


class UnitRemove(Payload):
    product_id: Id
    unit_name: str = UnitName


class BarcodeAdd(BarcodeIn):
    product_id: Id


class BarcodeRemove(Payload):
    id: Id


# ---------------------------------------------------------------------------
# Checks


def normalized_barcode(value: str | None) -> str | None:
    """Return the barcode without spaces, or None for an empty one."""
    if value is None:
        return None
    compact = "".join(value.split())
    return compact or None


def check_barcode_digits(value: str) -> None:
    """Reject a 13-digit (EAN-13) or 8-digit (EAN-8) barcode whose check digit is wrong.

    Other barcodes (store codes, Code 128 labels, other lengths) carry no
    check digit that this code can verify, so they pass.
    """
    if value.isdigit() and len(value) in (8, 13) and not ean.is_valid(value):
        raise CommandRejected("invalid_barcode", value=value)


def check_barcode_free(ctx: CommandContext, value: str, *, exclude_table: str, exclude_id: str) -> None:
    """Reject `value` when another product unit of a product that is not deleted has it.

    The row being written (`exclude_table`, `exclude_id`) does not count.
    """
    session = ctx.session
    session.flush()
    live = Product.deleted_at.is_(None)
    owners = [
        select(Product.code).where(Product.barcode == value, live,
                                   *([Product.id != exclude_id] if exclude_table == "product" else [])),
        select(Product.code).join(ProductUnit, ProductUnit.product_id == Product.id).where(
            ProductUnit.barcode == value, live,
            *([ProductUnit.id != exclude_id] if exclude_table == "product_unit" else []),
        ),
        select(Product.code).join(ProductBarcode, ProductBarcode.product_id == Product.id).where(
            ProductBarcode.barcode == value, live,
            *([ProductBarcode.id != exclude_id] if exclude_table == "product_barcode" else []),
        ),
    ]
    for query in owners:
        other = session.execute(query.limit(1)).scalar_one_or_none()
        if other is not None:
            raise CommandRejected("duplicate_barcode", value=value, product_code=other)


def check_barcode(ctx: CommandContext, value: str | None, *, table: str, row_id: str) -> str | None:
    """Normalize, check the digits and the uniqueness of a barcode; return the value to store."""
    value = normalized_barcode(value)
    if value is None:
        return None
    check_barcode_digits(value)
    check_barcode_free(ctx, value, exclude_table=table, exclude_id=row_id)
    return value


def check_not_below_lowest(product: Product, unit_name: str, factor: Decimal, price: Decimal | None) -> None:
    """Reject a unit price below the product's lowest price, compared per base unit.

    A pack unit's price is divided by its factor and rounded half-up to the
    price scale (0.0001) before the comparison, as order approval does.
    """
    if price is None or product.lowest_price is None:
        return
    per_base_unit = round_price(price / factor)
    if per_base_unit < product.lowest_price:
        raise CommandRejected(
            "price_below_lowest", product_code=product.code, unit_name=unit_name,
            unit_price=str(per_base_unit), lowest_price=str(round_price(product.lowest_price)),
        )


def check_product_limits(ctx: CommandContext, product: Product) -> None:
    """Check the lowest price against the list price and every pack unit price, and min against max quantity.

    Values are formatted at their column's scale, because a product created in
    this command still contains the payload's decimals.
    """
    if product.lowest_price is not None and product.lowest_price > product.list_price:
        raise CommandRejected(
            "lowest_above_list", product_code=product.code,
            lowest_price=str(round_price(product.lowest_price)), list_price=str(round_price(product.list_price)),
        )
    for unit in product_units(ctx, product.id):
        check_not_below_lowest(product, unit.unit_name, unit.factor, unit.price)
    minimum, maximum = product.min_order_quantity, product.max_order_quantity
    if minimum is not None and maximum is not None and minimum > maximum:
        raise CommandRejected(
            "min_above_max", product_code=product.code,
            minimum=str(round_quantity(minimum)), maximum=str(round_quantity(maximum)),
        )


def check_price_not_adjusted(ctx: CommandContext, product: Product, unit_name: str) -> None:
    """Reject a direct change of a list price that a price adjustment document has set.

    The price lookup takes the list price from the latest approved adjustment
    effective on the date, so a direct edit made later would never be seen.
    """
    number = ctx.session.execute(
        select(PriceAdjustment.number)
        .join(PriceAdjustmentLine, PriceAdjustmentLine.adjustment_id == PriceAdjustment.id)
        .where(
            PriceAdjustmentLine.product_id == product.id,
            PriceAdjustmentLine.unit_name == unit_name,
            PriceAdjustmentLine.price_kind == PriceKind.LIST.value,
            PriceAdjustment.status.in_(
                [PriceAdjustmentStatus.APPROVED.value, PriceAdjustmentStatus.APPLIED.value]
            ),
        )
        .order_by(PriceAdjustment.effective_date.desc())
        .limit(1)
    ).scalar_one_or_none()
    if number is not None:
        raise CommandRejected("price_set_by_adjustment", product_code=product.code, unit_name=unit_name, number=number)


def _check_references(ctx: CommandContext, values: dict[str, Any]) -> None:
    for field, model in REFERENCES.items():
        if values.get(field) is None:
            continue
        row = require(ctx.session, model, values[field], f"fields.{field}")
        if getattr(row, "deleted_at", None) is not None:
            raise CommandRejected("record_deleted", table=model.__tablename__, id=row.id, name=row.name)


def check_code_free(ctx: CommandContext, model: type, code: str, row_id: str) -> None:
    other = ctx.session.execute(select(model.id).where(model.code == code, model.id != row_id)).scalar_one_or_none()
    if other is not None:
        raise CommandRejected("duplicate_code", table=model.__tablename__, value=code)


def existing_product(ctx: CommandContext, product_id: str, field: str = "id") -> Product:
    product = require(ctx.session, Product, product_id, field)
    if product.deleted_at is not None:
        raise CommandRejected("record_deleted", table="product", id=product.id, name=product.name)
    return product


def product_units(ctx: CommandContext, product_id: str) -> list[ProductUnit]:
    return list(
        ctx.session.execute(select(ProductUnit).where(ProductUnit.product_id == product_id)).scalars()
    )


# ---------------------------------------------------------------------------
# Products


def _add_unit(ctx: CommandContext, product: Product, unit: UnitIn, unit_id: str) -> ProductUnit:
    """Insert a pack unit after checking its name and factor; the caller checks prices."""
    if unit.unit_name == product.base_unit:
        raise CommandRejected("duplicate_unit", product_code=product.code, unit_name=unit.unit_name)
    # Exactly one unit, the base unit, has factor 1; a second one would count the same goods twice.
    if unit.factor == Decimal(1):
        raise CommandRejected(
            "invalid_unit_factor", product_code=product.code, unit_name=unit.unit_name, factor=str(unit.factor)
        )
    row = ProductUnit(id=unit_id, product_id=product.id, unit_name=unit.unit_name, factor=unit.factor,
                      price=unit.price)
    ctx.session.add(row)
    row.barcode = check_barcode(ctx, unit.barcode, table="product_unit", row_id=unit_id)
    return row


def _add_barcode(ctx: CommandContext, product: Product, entry: BarcodeIn) -> ProductBarcode:
    unit_name, _factor = unit_factor(ctx.session, product, entry.unit_name, "unit_name")
    if ctx.session.get(ProductBarcode, entry.id) is not None:
        raise CommandRejected("record_exists", table="product_barcode", id=entry.id)
    value = normalized_barcode(entry.barcode)
    if value is None:
        raise CommandRejected("required_field", table="product_barcode", field="barcode")
    row = ProductBarcode(id=entry.id, product_id=product.id, unit_name=unit_name, note=entry.note)
    row.barcode = check_barcode(ctx, value, table="product_barcode", row_id=entry.id)
    ctx.session.add(row)
    return row


@command("product.create", kind=CommandKind.INTENTION, roles=PRODUCT_ROLES, payload=ProductCreate)
def create_product(ctx: CommandContext, payload: ProductCreate) -> dict[str, Any]:
    if ctx.session.get(Product, payload.id) is not None:
        raise CommandRejected("record_exists", table="product", id=payload.id)
    values = payload.fields.given()
    for fixed in ("code", "name"):
        values.pop(fixed, None)
    for required in REQUIRED_FIELDS:
        if required in values and values[required] is None:
            values.pop(required)
    _check_references(ctx, values)
    check_code_free(ctx, Product, payload.code, payload.id)

    product = Product(
        id=payload.id, code=payload.code, name=payload.name, base_unit=payload.base_unit,
        tax_rate=Decimal("0.13"), list_price=Decimal(0), batch_tracked=False, expiry_tracked=False, active=True,
    )
    barcode = values.pop("barcode", None)
    for field, value in values.items():
        setattr(product, field, value)
    ctx.session.add(product)
    # Parents first: these models have no relationships, so the unit of work
    # would not order the product's insert before its units'.
    ctx.session.flush()
    product.barcode = check_barcode(ctx, barcode, table="product", row_id=product.id)

    seen = set()
    for unit in payload.units:
        if unit.unit_name in seen:
            raise CommandRejected("duplicate_unit", product_code=product.code, unit_name=unit.unit_name)
        seen.add(unit.unit_name)
        if ctx.session.get(ProductUnit, unit.id) is not None:
            raise CommandRejected("record_exists", table="product_unit", id=unit.id)
        _add_unit(ctx, product, unit, unit.id)
    ctx.session.flush()
    for entry in payload.barcodes:
        _add_barcode(ctx, product, entry)
    check_product_limits(ctx, product)
    log.info("product %s %s created by %s", product.id, product.code, ctx.actor.user_id)
    return {"id": product.id}


@command("product.update", kind=CommandKind.INTENTION, roles=PRODUCT_ROLES, payload=ProductUpdate)
def update_product(ctx: CommandContext, payload: ProductUpdate) -> dict[str, Any]:
    """Merge the changed fields against the base the client saw.

    As for customers, a field someone else changed since the base is still
    set, because server order decides and this command is the later one. The
    overwritten value goes to a conflict record.
    """
    product = existing_product(ctx, payload.id)
    changes = payload.fields.given()
    base = payload.base.given()
    for required in REQUIRED_FIELDS:
        if required in changes and changes[required] is None:
            raise CommandRejected("required_field", table="product", field=required)
    _check_references(ctx, changes)
    if "code" in changes:
        check_code_free(ctx, Product, changes["code"], product.id)
    if "barcode" in changes:
        changes["barcode"] = normalized_barcode(changes["barcode"])
        base["barcode"] = normalized_barcode(base.get("barcode", product.barcode))
    if "list_price" in changes and not _same(changes["list_price"], product.list_price):
        check_price_not_adjusted(ctx, product, product.base_unit)

    applied: list[str] = []
    conflicts: list[dict[str, Any]] = []
    for field, new_value in changes.items():
        current = getattr(product, field)
        base_value = base.get(field, current)
        if _same(current, new_value):
            continue
        if field == "barcode" and new_value is not None:
            check_barcode(ctx, new_value, table="product", row_id=product.id)
        if not _same(current, base_value):
            _record_conflict(ctx, product, field, base_value, current, new_value)
            conflicts.append(
                {"field": field, "losing_value": json_value(current), "winning_value": json_value(new_value)}
            )
        setattr(product, field, new_value)
        applied.append(field)
    check_product_limits(ctx, product)
    return {"id": product.id, "applied": applied, "conflicts": conflicts}


def _record_conflict(ctx: CommandContext, product: Product, field: str, base_value: Any, current: Any,
                     new_value: Any) -> None:
    # NOTE: product rows keep no per-field authors (customers do), so the losing
    # user is unknown. A record with no losing user replicates to administrators.
    ctx.session.add(
        ConflictRecord(
            id=ctx.derived_id("conflict", "product", product.id, field),
            record_table="product",
            record_id=product.id,
            field=field,
            base_value=json_value(base_value),
            losing_value=json_value(current),
            winning_value=json_value(new_value),
            losing_user_id=None,
            winning_user_id=ctx.actor.user_id,
            losing_mutation_id=None,
            winning_mutation_id=ctx.mutation_id,
            occurred_at=ctx.now,
            resolved=False,
        )
    )
    log.info("product %s field %s: overwrote a concurrent change (conflict kept)", product.id, field)


def _same(left: Any, right: Any) -> bool:
    if isinstance(left, Decimal) or isinstance(right, Decimal):
        if left is None or right is None:
            return left is right
        return Decimal(left) == Decimal(right)
    return left == right


@command("product.deactivate", kind=CommandKind.INTENTION, roles=PRODUCT_ROLES, payload=ProductRef)
def deactivate_product(ctx: CommandContext, payload: ProductRef) -> dict[str, Any]:
    """Stop selling a product; documents and stock that refer to it stay as they are."""
    product = existing_product(ctx, payload.id)
    changed = product.active
    product.active = False
    return {"id": product.id, "changed": changed}


# ---------------------------------------------------------------------------
# Pack units and barcodes


@command("product_unit.set", kind=CommandKind.INTENTION, roles=PRODUCT_ROLES, payload=UnitSet)
def set_unit(ctx: CommandContext, payload: UnitSet) -> dict[str, Any]:
    """Add a pack unit, or change the factor, barcode and price of the one with this name.

    Posted documents keep the factor they were entered with, so changing a
    factor affects new documents only.
    """
    product = existing_product(ctx, payload.product_id, "product_id")
    unit = ctx.session.execute(
        select(ProductUnit).where(ProductUnit.product_id == product.id, ProductUnit.unit_name == payload.unit_name)
    ).scalar_one_or_none()
    if unit is None:
        if ctx.session.get(ProductUnit, payload.id) is not None:
            raise CommandRejected("record_exists", table="product_unit", id=payload.id)
        unit = _add_unit(ctx, product, payload, payload.id)
    else:
        if payload.factor == Decimal(1):
            raise CommandRejected(
                "invalid_unit_factor", product_code=product.code, unit_name=unit.unit_name, factor=str(payload.factor)
            )
        if not _same(unit.price, payload.price):
            check_price_not_adjusted(ctx, product, unit.unit_name)
        unit.factor = payload.factor
        unit.price = payload.price
        unit.barcode = check_barcode(ctx, payload.barcode, table="product_unit", row_id=unit.id)
    check_not_below_lowest(product, unit.unit_name, unit.factor, unit.price)
    return {"id": unit.id}


@command("product_unit.remove", kind=CommandKind.INTENTION, roles=PRODUCT_ROLES, payload=UnitRemove)
def remove_unit(ctx: CommandContext, payload: UnitRemove) -> dict[str, Any]:
    """Delete a pack unit and its further barcodes; posted lines keep their unit name and factor."""
    product = existing_product(ctx, payload.product_id, "product_id")
    unit = ctx.session.execute(
        select(ProductUnit).where(ProductUnit.product_id == product.id, ProductUnit.unit_name == payload.unit_name)
    ).scalar_one_or_none()
    if unit is None:
        raise CommandRejected("unit_not_found", product_code=product.code, unit_name=payload.unit_name)
    barcodes = ctx.session.execute(
        select(ProductBarcode).where(ProductBarcode.product_id == product.id, ProductBarcode.unit_name == unit.unit_name)
    ).scalars().all()
    for row in barcodes:
        ctx.session.delete(row)
    ctx.session.delete(unit)
    return {"id": unit.id, "barcodes_removed": len(barcodes)}


@command("product_barcode.add", kind=CommandKind.INTENTION, roles=PRODUCT_ROLES, payload=BarcodeAdd)
def add_barcode(ctx: CommandContext, payload: BarcodeAdd) -> dict[str, Any]:
    product = existing_product(ctx, payload.product_id, "product_id")
    row = _add_barcode(ctx, product, payload)
    return {"id": row.id, "barcode": row.barcode}


@command("product_barcode.remove", kind=CommandKind.INTENTION, roles=PRODUCT_ROLES, payload=BarcodeRemove)
def remove_barcode(ctx: CommandContext, payload: BarcodeRemove) -> dict[str, Any]:
    row = require(ctx.session, ProductBarcode, payload.id, "id")
    ctx.session.delete(row)
    return {"id": payload.id}


# ---------------------------------------------------------------------------
# Categories and brands
