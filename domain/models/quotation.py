"""Sales quotations (报价单) and their lines; a quotation becomes an order in one step."""

from __future__ import annotations

import datetime as dt
import enum
from decimal import Decimal

from sqlalchemy import Boolean, Date, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from domain.models.base import Base, Replicated, Replication, fk
from domain.models.mixins import DocumentColumns
from domain.types import Money, Price, Quantity, Rate, UTCDateTime


class QuotationStatus(str, enum.Enum):
    DRAFT = "draft"
    SENT = "sent"
    ORDERED = "ordered"
    EXPIRED = "expired"
    LOST = "lost"
    CANCELLED = "cancelled"


class Quotation(DocumentColumns, Replicated, Base):
    __tablename__ = "quotation"
    __replication__ = Replication("department", column="department_id")

    status: Mapped[str] = mapped_column(String(20), default=QuotationStatus.DRAFT.value, index=True)
    customer_id: Mapped[str] = fk("customer.id", index=True)
    contact_id: Mapped[str | None] = fk("customer_contact.id", nullable=True)
    department_id: Mapped[str | None] = fk("department.id", nullable=True, index=True)
    salesperson_id: Mapped[str | None] = fk("app_user.id", nullable=True, index=True)
    warehouse_id: Mapped[str | None] = fk("warehouse.id", nullable=True)
    valid_until: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    customer_category_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    price_level: Mapped[str | None] = mapped_column(String(40), nullable=True)
    prices_include_tax: Mapped[bool] = mapped_column(Boolean, default=True)
    lines_amount: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0))
    discount_amount: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0))
    freight_amount: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0))
    tax_amount: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0))
    total_amount: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0))
    # The order this quotation became (the sales funnel follows it to deliveries and payments).
    order_id: Mapped[str | None] = fk("sales_order.id", nullable=True, index=True)
    ordered_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    lost_reason: Mapped[str | None] = mapped_column(String(400), nullable=True)


class QuotationLine(Replicated, Base):
    __tablename__ = "quotation_line"
    __replication__ = Replication("parent", column="quotation_id", parent="quotation")

    quotation_id: Mapped[str] = fk("quotation.id", index=True)
    line_no: Mapped[int] = mapped_column(Integer)
    product_id: Mapped[str] = fk("product.id", index=True)
    unit_name: Mapped[str] = mapped_column(String(20))
    unit_factor: Mapped[Decimal] = mapped_column(Quantity(), default=Decimal(1))
    quantity: Mapped[Decimal] = mapped_column(Quantity())
    base_quantity: Mapped[Decimal] = mapped_column(Quantity())
    unit_price: Mapped[Decimal] = mapped_column(Price())
    list_price: Mapped[Decimal | None] = mapped_column(Price(), nullable=True)
    price_rule: Mapped[str | None] = mapped_column(String(40), nullable=True)
    discount_percent: Mapped[Decimal] = mapped_column(Rate(), default=Decimal(0))
    discount_amount: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0))
    tax_rate: Mapped[Decimal] = mapped_column(Rate(), default=Decimal(0))
    amount: Mapped[Decimal] = mapped_column(Money())
    tax_amount: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0))
    is_gift: Mapped[bool] = mapped_column(Boolean, default=False)
    promotion_id: Mapped[str | None] = fk("promotion.id", nullable=True)
    note: Mapped[str | None] = mapped_column(String(400), nullable=True)
