"""Suppliers and goods receipts."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import Boolean, Date, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from domain.models.base import HIDDEN_COST, Base, Replicated, Replication, fk
from domain.types import Money, Price, Quantity, UTCDateTime


class Supplier(Replicated, Base):
    __tablename__ = "supplier"

    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200), index=True)
    mnemonic: Mapped[str | None] = mapped_column(String(80), nullable=True, index=True)
    phone: Mapped[str | None] = mapped_column(String(40), nullable=True)
    address: Mapped[str | None] = mapped_column(String(400), nullable=True)
    uscc: Mapped[str | None] = mapped_column(String(18), nullable=True)
    payment_terms_days: Mapped[int] = mapped_column(Integer, default=30)
    # The same party as a customer, for offsetting payables against receivables.
    customer_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    notes: Mapped[str | None] = mapped_column(Text, nullable=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    deleted_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    merged_into_id: Mapped[str | None] = fk("supplier.id", nullable=True)
    created_by: Mapped[str | None] = fk("app_user.id", nullable=True)


class GoodsReceipt(Replicated, Base):
    """Stock coming in (入库单), against a purchase order or not. A fact."""

    __tablename__ = "goods_receipt"
    __replication__ = Replication("warehouse", column="warehouse_id")

    number: Mapped[str] = mapped_column(String(40), unique=True)
    supplier_id: Mapped[str | None] = fk("supplier.id", nullable=True, index=True)
    warehouse_id: Mapped[str] = fk("warehouse.id", index=True)
    purchase_order_id: Mapped[str | None] = mapped_column(String(36), nullable=True, index=True)
    department_id: Mapped[str | None] = fk("department.id", nullable=True, index=True)
    # Due date of the payable this receipt raises (document date + supplier's terms).
    due_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    document_date: Mapped[dt.date] = mapped_column(Date, index=True)
    posting_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True, index=True)
    total_amount: Mapped[Decimal | None] = mapped_column(Money(), nullable=True, info=HIDDEN_COST)
    status: Mapped[str] = mapped_column(String(20), default="posted")
    note: Mapped[str | None] = mapped_column(Text, nullable=True)
    print_count: Mapped[int] = mapped_column(Integer, default=0)
    created_by: Mapped[str | None] = fk("app_user.id", nullable=True)
    device_id: Mapped[str | None] = mapped_column(String(36), nullable=True)


class GoodsReceiptLine(Replicated, Base):
    __tablename__ = "goods_receipt_line"
    __replication__ = Replication("parent", column="receipt_id", parent="goods_receipt")

    receipt_id: Mapped[str] = fk("goods_receipt.id", index=True)
    line_no: Mapped[int] = mapped_column(Integer)
    purchase_order_line_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    product_id: Mapped[str] = fk("product.id", index=True)
    unit_name: Mapped[str] = mapped_column(String(20))
    unit_factor: Mapped[Decimal] = mapped_column(Quantity(), default=Decimal(1))
    quantity: Mapped[Decimal] = mapped_column(Quantity())
    base_quantity: Mapped[Decimal] = mapped_column(Quantity())
    unit_price: Mapped[Decimal | None] = mapped_column(Price(), nullable=True, info=HIDDEN_COST)
    amount: Mapped[Decimal | None] = mapped_column(Money(), nullable=True, info=HIDDEN_COST)
    batch_no: Mapped[str] = mapped_column(String(60), default="")
    expiry_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
