"""Purchase orders (采购订单) and purchase returns (采购退货).

Purchase prices and amounts are hidden from roles that may not see cost.
"""

from __future__ import annotations

import datetime as dt
import enum
from decimal import Decimal

from sqlalchemy import Boolean, Date, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from domain.models.base import HIDDEN_COST, Base, Replicated, Replication, fk
from domain.models.mixins import DocumentColumns, GoodsLineColumns
from domain.types import Money, Price, Quantity, Rate, UnitCost, UTCDateTime


class PurchaseOrderStatus(str, enum.Enum):
    DRAFT = "draft"
    APPROVED = "approved"
    PARTLY_RECEIVED = "partly_received"
    COMPLETED = "completed"
    CANCELLED = "cancelled"


class PurchaseOrder(DocumentColumns, Replicated, Base):
    __tablename__ = "purchase_order"
    __replication__ = Replication("department", column="department_id")

    status: Mapped[str] = mapped_column(String(20), default=PurchaseOrderStatus.DRAFT.value, index=True)
    supplier_id: Mapped[str] = fk("supplier.id", index=True)
    warehouse_id: Mapped[str | None] = fk("warehouse.id", nullable=True, index=True)
    department_id: Mapped[str | None] = fk("department.id", nullable=True, index=True)
    buyer_id: Mapped[str | None] = fk("app_user.id", nullable=True, index=True)
    expected_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    prices_include_tax: Mapped[bool] = mapped_column(Boolean, default=True)
    lines_amount: Mapped[Decimal | None] = mapped_column(Money(), nullable=True, info=HIDDEN_COST)
    freight_amount: Mapped[Decimal | None] = mapped_column(Money(), nullable=True, info=HIDDEN_COST)
    tax_amount: Mapped[Decimal | None] = mapped_column(Money(), nullable=True, info=HIDDEN_COST)
    total_amount: Mapped[Decimal | None] = mapped_column(Money(), nullable=True, info=HIDDEN_COST)
    approved_by: Mapped[str | None] = fk("app_user.id", nullable=True)
    approved_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    cancel_reason: Mapped[str | None] = mapped_column(Text, nullable=True)


class PurchaseOrderLine(Replicated, Base):
    __tablename__ = "purchase_order_line"
    __replication__ = Replication("parent", column="order_id", parent="purchase_order")

    order_id: Mapped[str] = fk("purchase_order.id", index=True)
    line_no: Mapped[int] = mapped_column(Integer)
    product_id: Mapped[str] = fk("product.id", index=True)
    unit_name: Mapped[str] = mapped_column(String(20))
    unit_factor: Mapped[Decimal] = mapped_column(Quantity(), default=Decimal(1))
    quantity: Mapped[Decimal] = mapped_column(Quantity())
    base_quantity: Mapped[Decimal] = mapped_column(Quantity())
    unit_price: Mapped[Decimal | None] = mapped_column(Price(), nullable=True, info=HIDDEN_COST)
    tax_rate: Mapped[Decimal] = mapped_column(Rate(), default=Decimal(0))
    amount: Mapped[Decimal | None] = mapped_column(Money(), nullable=True, info=HIDDEN_COST)
    tax_amount: Mapped[Decimal | None] = mapped_column(Money(), nullable=True, info=HIDDEN_COST)
    received_quantity: Mapped[Decimal] = mapped_column(Quantity(), default=Decimal(0))
    returned_quantity: Mapped[Decimal] = mapped_column(Quantity(), default=Decimal(0))
    note: Mapped[str | None] = mapped_column(String(400), nullable=True)


class PurchaseReturn(DocumentColumns, Replicated, Base):
    """Goods sent back to a supplier. A fact; lowers stock and the payable."""

    __tablename__ = "purchase_return"
    __replication__ = Replication("warehouse", column="warehouse_id")

    status: Mapped[str] = mapped_column(String(20), default="posted", index=True)
    supplier_id: Mapped[str] = fk("supplier.id", index=True)
    warehouse_id: Mapped[str] = fk("warehouse.id", index=True)
    department_id: Mapped[str | None] = fk("department.id", nullable=True, index=True)
    goods_receipt_id: Mapped[str | None] = fk("goods_receipt.id", nullable=True, index=True)
    purchase_order_id: Mapped[str | None] = fk("purchase_order.id", nullable=True, index=True)
    posting_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True, index=True)
    reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    total_amount: Mapped[Decimal | None] = mapped_column(Money(), nullable=True, info=HIDDEN_COST)
    tax_amount: Mapped[Decimal | None] = mapped_column(Money(), nullable=True, info=HIDDEN_COST)
    cost_amount: Mapped[Decimal | None] = mapped_column(Money(), nullable=True, info=HIDDEN_COST)


class PurchaseReturnLine(GoodsLineColumns, Replicated, Base):
    __tablename__ = "purchase_return_line"
    __replication__ = Replication("parent", column="return_id", parent="purchase_return")

    return_id: Mapped[str] = fk("purchase_return.id", index=True)
    goods_receipt_line_id: Mapped[str | None] = fk("goods_receipt_line.id", nullable=True, index=True)
    purchase_order_line_id: Mapped[str | None] = fk("purchase_order_line.id", nullable=True)
    unit_price: Mapped[Decimal | None] = mapped_column(Price(), nullable=True, info=HIDDEN_COST)
    tax_rate: Mapped[Decimal] = mapped_column(Rate(), default=Decimal(0))
    amount: Mapped[Decimal | None] = mapped_column(Money(), nullable=True, info=HIDDEN_COST)
    tax_amount: Mapped[Decimal | None] = mapped_column(Money(), nullable=True, info=HIDDEN_COST)
    unit_cost: Mapped[Decimal | None] = mapped_column(UnitCost(), nullable=True, info=HIDDEN_COST)
    cost_amount: Mapped[Decimal | None] = mapped_column(Money(), nullable=True, info=HIDDEN_COST)
