"""Customers and their categories."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import JSON, Boolean, Date, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from domain.models.base import Base, Replicated, fk
from domain.types import Money, UTCDateTime


class CustomerCategory(Replicated, Base):
    """Sets payment terms, price level and default credit limit (客户分类)."""

    __tablename__ = "customer_category"

    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    payment_terms_days: Mapped[int] = mapped_column(Integer, default=30)
    price_level: Mapped[str | None] = mapped_column(String(40), nullable=True)
    default_credit_limit: Mapped[Decimal | None] = mapped_column(Money(), nullable=True)
    # Soft delete: documents keep pointing at deleted master data.
    deleted_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime(), nullable=True)


class Customer(Replicated, Base):
    __tablename__ = "customer"

    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200), index=True)
    mnemonic: Mapped[str | None] = mapped_column(String(80), nullable=True, index=True)
    category_id: Mapped[str | None] = fk("customer_category.id", nullable=True, index=True)
    sales_region_id: Mapped[str | None] = fk("sales_region.id", nullable=True, index=True)
    owner_id: Mapped[str | None] = fk("app_user.id", nullable=True, index=True)
    department_id: Mapped[str | None] = fk("department.id", nullable=True, index=True)
    default_warehouse_id: Mapped[str | None] = fk("warehouse.id", nullable=True)
    phone: Mapped[str | None] = mapped_column(String(40), nullable=True, index=True)
    address: Mapped[str | None] = mapped_column(String(400), nullable=True)
    uscc: Mapped[str | None] = mapped_column(String(18), nullable=True, index=True)
    credit_limit: Mapped[Decimal | None] = mapped_column(Money(), nullable=True)
    # NULL means the category's payment terms apply.
    payment_terms_days: Mapped[int | None] = mapped_column(Integer, nullable=True)
    # The same party as a supplier, for offsetting receivables against payables.
    supplier_id: Mapped[str | None] = fk("supplier.id", nullable=True)
    notes: Mapped[str | None] = mapped_column(Text, nullable=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # Soft delete: documents keep pointing at a deleted customer, and facts
    # that arrive for it still post (with a flag).
    deleted_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    created_by: Mapped[str | None] = fk("app_user.id", nullable=True)
    # Set when a merge task folded this customer into another one.
    merged_into_id: Mapped[str | None] = fk("customer.id", nullable=True)
    # Kept by the command that records a follow-up, so the "days since
    # follow-up" filter needs no aggregate over all follow-ups.
    last_follow_up_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True, index=True)
    # Who last set each field: {field: {"user_id": ..., "mutation_id": ...}}, with
    # "*" for the creator. A field-level merge names the user whose value it overwrote.
    field_authors: Mapped[dict | None] = mapped_column(JSON, nullable=True)
