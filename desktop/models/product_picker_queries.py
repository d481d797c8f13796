"""Replica reads of the product picker: matching products with their stock and the customer's price.

Runs inside a task, in a replica transaction, because sync.search brings
its index up to date before it searches (a write when rows changed since).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from decimal import Decimal

from sqlalchemy import select, union
from sqlalchemy.orm import Session

from domain.commands.framework import CommandRejected
from domain.models import Product, ProductBarcode, ProductUnit, Warehouse
from domain.price_lookup import quote_price
from sync.search import ProductFilters, search_products

log = logging.getLogger(__name__)

# The picker shows this many matches; typing more narrows them.
PICKER_LIMIT = 50


@dataclasses.dataclass(frozen=True)
class PickerRow:
    """One product offered by the picker, priced in `unit_name`."""

    product_id: str
    code: str
    name: str
    variant: str
    unit_name: str
    # None when the product cannot be priced (the price lookup rejected it).
    price: Decimal | None
    rule: str | None
    # Available (on hand - reserved) in base units per warehouse code, in code order.
    available: tuple[tuple[str, Decimal], ...]
    # Available in the document's warehouse, or over all warehouses without one.
    available_here: Decimal


@dataclasses.dataclass(frozen=True)
class PickerResult:
    text: str
    rows: tuple[PickerRow, ...]
    total: int
    total_capped: bool
    # True when `text` equals a barcode of exactly the products found.
    exact_barcode: bool


def scanned_units(session: Session, barcode: str) -> dict[str, str]:
    """Return product id -> unit name of the units whose barcode equals `barcode` exactly."""
    if not barcode:
        return {}
    query = union(
        select(Product.id.label("product_id"), Product.base_unit.label("unit_name")).where(Product.barcode == barcode),
        select(ProductUnit.product_id, ProductUnit.unit_name).where(ProductUnit.barcode == barcode),
        select(ProductBarcode.product_id, ProductBarcode.unit_name).where(ProductBarcode.barcode == barcode),
    )
    found: dict[str, str] = {}
    for product_id, unit_name in session.execute(query):
        # A product whose base and pack unit share a barcode is priced in the base unit.
        found.setdefault(product_id, unit_name)
    return found


def warehouse_codes(session: Session) -> dict[str, str]:
    return dict(session.execute(select(Warehouse.id, Warehouse.code)).all())


def find_products(session: Session, text: str, *, customer_id: str | None, warehouse_id: str | None,
                  on_date: dt.date, limit: int = PICKER_LIMIT) -> PickerResult:
    """Return the active products matching `text`, priced for the customer on `on_date`.

    A product found by the exact barcode of a pack unit is offered in that
    unit, every other one in its base unit.
    """
    result = search_products(session, text, ProductFilters(include_inactive=False), limit=limit)
    units = scanned_units(session, text.strip())
    codes = warehouse_codes(session)
    rows = []
    for found in result.rows:
        unit_name = units.get(found["id"], found["base_unit"])
        price, rule = _quote(session, customer_id, found["id"], unit_name, on_date)
        per_warehouse: dict[str, Decimal] = found["available"]
        available = tuple(sorted((codes.get(key, key), value) for key, value in per_warehouse.items()))
        if warehouse_id is None:
            here = sum(per_warehouse.values(), Decimal(0))
        else:
            here = per_warehouse.get(warehouse_id, Decimal(0))
        rows.append(PickerRow(found["id"], found["code"], found["name"], found["variant"] or "", unit_name,
                              price, rule, available, here))
    exact = bool(rows) and all(row.product_id in units for row in rows)
    return PickerResult(text, tuple(rows), result.total, result.total_capped, exact)


def _quote(session: Session, customer_id: str | None, product_id: str, unit_name: str,
           on_date: dt.date) -> tuple[Decimal | None, str | None]:
    try:
        quote = quote_price(session, customer_id, product_id, unit_name, on_date)
    except CommandRejected as error:
        log.info("no price for product %s unit %s: %s", product_id, unit_name, error)
        return None, None
    return quote.price, quote.rule.value
