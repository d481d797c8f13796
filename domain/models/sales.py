"""Sales orders, delivery notes and their lines."""

from __future__ import annotations

import datetime as dt
import enum
from decimal import Decimal

from sqlalchemy import Boolean, Date, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from domain.models.base import HIDDEN_COST, Base, Replicated, Replication, fk
from domain.types import Money, Price, Quantity, Rate, UnitCost, UTCDateTime


class OrderStatus(str, enum.Enum):
    DRAFT = "draft"
    SUBMITTED = "submitted"  # waiting for a manager's approval
    APPROVED = "approved"
    PARTLY_DELIVERED = "partly_delivered"
    COMPLETED = "completed"
    CANCELLED = "cancelled"


RESERVING_STATUSES = frozenset({OrderStatus.APPROVED.value, OrderStatus.PARTLY_DELIVERED.value})


class SalesOrder(Replicated, Base):
    __tablename__ = "sales_order"
    __replication__ = Replication("department", column="department_id")

    number: Mapped[str] = mapped_column(String(40), unique=True)
    customer_id: Mapped[str] = fk("customer.id", index=True)
    department_id: Mapped[str | None] = fk("department.id", nullable=True, index=True)
    salesperson_id: Mapped[str | None] = fk("app_user.id", nullable=True, index=True)
    warehouse_id: Mapped[str | None] = fk("warehouse.id", nullable=True, index=True)
    quotation_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    status: Mapped[str] = mapped_column(String(20), default=OrderStatus.DRAFT.value, index=True)
    document_date: Mapped[dt.date] = mapped_column(Date, index=True)
    delivery_date_wanted: Mapped[dt.date | None] = mapped_column(Date, nullable=True, index=True)
    # Recorded at entry so later changes to the category do not rewrite old orders.
    customer_category_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    price_level: Mapped[str | None] = mapped_column(String(40), nullable=True)
    prices_include_tax: Mapped[bool] = mapped_column(Boolean, default=True)
    lines_amount: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0))
    discount_amount: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0))
    freight_amount: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0))
    total_amount: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0))
    tax_amount: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0))
    carrier: Mapped[str | None] = mapped_column(String(100), nullable=True)
    tracking_number: Mapped[str | None] = mapped_column(String(100), nullable=True)
    shipping_address: Mapped[str | None] = mapped_column(String(400), nullable=True)
    note: Mapped[str | None] = mapped_column(Text, nullable=True)
    cancel_reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    approval_reasons: Mapped[str | None] = mapped_column(Text, nullable=True)
    approved_by: Mapped[str | None] = fk("app_user.id", nullable=True)
    created_by: Mapped[str | None] = fk("app_user.id", nullable=True)
    device_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    print_count: Mapped[int] = mapped_column(Integer, default=0)
    shipping_address_id: Mapped[str | None] = fk("shipping_address.id", nullable=True)
    contact_id: Mapped[str | None] = fk("customer_contact.id", nullable=True)
    submitted_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    approved_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime(), nullable=True)


class SalesOrderLine(Replicated, Base):
    __tablename__ = "sales_order_line"
    __replication__ = Replication("parent", column="order_id", parent="sales_order")

    order_id: Mapped[str] = fk("sales_order.id", index=True)
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
    delivered_quantity: Mapped[Decimal] = mapped_column(Quantity(), default=Decimal(0))
    returned_quantity: Mapped[Decimal] = mapped_column(Quantity(), default=Decimal(0))
    is_gift: Mapped[bool] = mapped_column(Boolean, default=False)
    note: Mapped[str | None] = mapped_column(String(400), nullable=True)
    quotation_line_id: Mapped[str | None] = fk("quotation_line.id", nullable=True)
    promotion_id: Mapped[str | None] = fk("promotion.id", nullable=True)
    # For a gift line a buy-N-get-M promotion added: the line that earned it.
    gift_for_line_id: Mapped[str | None] = mapped_column(String(36), nullable=True)


class DeliveryNote(Replicated, Base):
    """Goods that left a warehouse for a customer (送货单). A fact; creates the receivable."""

    __tablename__ = "delivery_note"
    __replication__ = Replication("warehouse", column="warehouse_id")

    number: Mapped[str] = mapped_column(String(40), unique=True)
    customer_id: Mapped[str] = fk("customer.id", index=True)
    warehouse_id: Mapped[str] = fk("warehouse.id", index=True)
    department_id: Mapped[str | None] = fk("department.id", nullable=True, index=True)
    salesperson_id: Mapped[str | None] = fk("app_user.id", nullable=True, index=True)
    status: Mapped[str] = mapped_column(String(20), default="posted")
    document_date: Mapped[dt.date] = mapped_column(Date, index=True)
    posting_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True, index=True)
    due_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    total_amount: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0))
    tax_amount: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0))
    freight_amount: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0))
    # The share of its orders' document discounts that this delivery bills (see ship_delivery).
    discount_amount: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0))
    cost_amount: Mapped[Decimal | None] = mapped_column(Money(), nullable=True, info=HIDDEN_COST)
    shipping_address: Mapped[str | None] = mapped_column(String(400), nullable=True)
    carrier: Mapped[str | None] = mapped_column(String(100), nullable=True)
    tracking_number: Mapped[str | None] = mapped_column(String(100), nullable=True)
    note: Mapped[str | None] = mapped_column(Text, nullable=True)
    print_count: Mapped[int] = mapped_column(Integer, default=0)
    created_by: Mapped[str | None] = fk("app_user.id", nullable=True)
    device_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    shipping_address_id: Mapped[str | None] = fk("shipping_address.id", nullable=True)


class DeliveryLine(Replicated, Base):
    __tablename__ = "delivery_line"
    __replication__ = Replication("parent", column="delivery_id", parent="delivery_note")

    delivery_id: Mapped[str] = fk("delivery_note.id", index=True)
    line_no: Mapped[int] = mapped_column(Integer)
    order_id: Mapped[str | None] = fk("sales_order.id", nullable=True, index=True)
    order_line_id: Mapped[str | None] = fk("sales_order_line.id", nullable=True, index=True)
    product_id: Mapped[str] = fk("product.id", index=True)
    unit_name: Mapped[str] = mapped_column(String(20))
    unit_factor: Mapped[Decimal] = mapped_column(Quantity(), default=Decimal(1))
    quantity: Mapped[Decimal] = mapped_column(Quantity())
    base_quantity: Mapped[Decimal] = mapped_column(Quantity())
    unit_price: Mapped[Decimal] = mapped_column(Price())
    tax_rate: Mapped[Decimal] = mapped_column(Rate(), default=Decimal(0))
    amount: Mapped[Decimal] = mapped_column(Money())
    tax_amount: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0))
    batch_no: Mapped[str] = mapped_column(String(60), default="")
    expiry_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    unit_cost: Mapped[Decimal | None] = mapped_column(UnitCost(), nullable=True, info=HIDDEN_COST)
    cost_amount: Mapped[Decimal | None] = mapped_column(Money(), nullable=True, info=HIDDEN_COST)
