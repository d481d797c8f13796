"""Products, their units and categories."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import Boolean, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from domain.models.base import HIDDEN_COST, Base, Replicated, Replication, fk
from domain.types import Price, Quantity, Rate, UTCDateTime


class ProductCategory(Replicated, Base):
    __tablename__ = "product_category"

    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    parent_id: Mapped[str | None] = fk("product_category.id", nullable=True)
    # Soft delete: documents keep pointing at deleted master data.
    deleted_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime(), nullable=True)


class Brand(Replicated, Base):
    __tablename__ = "brand"

    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    # Soft delete: documents keep pointing at deleted master data.
    deleted_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime(), nullable=True)


class Product(Replicated, Base):
    """A sellable item (商品); one row per variant (规格)."""

    __tablename__ = "product"

    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200), index=True)
    variant: Mapped[str | None] = mapped_column(String(200), nullable=True)
    mnemonic: Mapped[str | None] = mapped_column(String(80), nullable=True, index=True)
    category_id: Mapped[str | None] = fk("product_category.id", nullable=True, index=True)
    brand_id: Mapped[str | None] = fk("brand.id", nullable=True, index=True)
    base_unit: Mapped[str] = mapped_column(String(20))
    barcode: Mapped[str | None] = mapped_column(String(40), nullable=True, index=True)
    tax_rate: Mapped[Decimal] = mapped_column(Rate(), default=Decimal("0.13"))
    list_price: Mapped[Decimal] = mapped_column(Price(), default=Decimal(0))
    lowest_price: Mapped[Decimal | None] = mapped_column(Price(), nullable=True)
    purchase_price: Mapped[Decimal | None] = mapped_column(Price(), nullable=True, info=HIDDEN_COST)
    min_order_quantity: Mapped[Decimal | None] = mapped_column(Quantity(), nullable=True)
    max_order_quantity: Mapped[Decimal | None] = mapped_column(Quantity(), nullable=True)
    batch_tracked: Mapped[bool] = mapped_column(Boolean, default=False)
    expiry_tracked: Mapped[bool] = mapped_column(Boolean, default=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    default_supplier_id: Mapped[str | None] = fk("supplier.id", nullable=True)
    # The product row that stands for the whole product when this row is one
    # of its variants (规格); NULL for a product without variants.
    variant_group_id: Mapped[str | None] = fk("product.id", nullable=True, index=True)
    # Soft delete: documents keep pointing at deleted master data.
    deleted_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime(), nullable=True)


class ProductUnit(Replicated, Base):
    """A pack unit: `factor` base units, with its own barcode and price."""

    __tablename__ = "product_unit"
    __replication__ = Replication("parent", column="product_id", parent="product")
    __table_args__ = (UniqueConstraint("product_id", "unit_name"),)

    product_id: Mapped[str] = fk("product.id", index=True)
    unit_name: Mapped[str] = mapped_column(String(20))
    factor: Mapped[Decimal] = mapped_column(Quantity())
    barcode: Mapped[str | None] = mapped_column(String(40), nullable=True, index=True)
    price: Mapped[Decimal | None] = mapped_column(Price(), nullable=True)


class ProductBarcode(Replicated, Base):
    """A further barcode of a product unit, beyond the one on the product or unit row.

    Suppliers relabel goods, so one unit can be scanned under several codes.
    """

    __tablename__ = "product_barcode"
    __replication__ = Replication("parent", column="product_id", parent="product")

    product_id: Mapped[str] = fk("product.id", index=True)
    unit_name: Mapped[str] = mapped_column(String(20))
    barcode: Mapped[str] = mapped_column(String(40), index=True)
    note: Mapped[str | None] = mapped_column(String(200), nullable=True)
