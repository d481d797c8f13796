"""Receipt confirmations (收货记录) and sales returns (退单): goods the customer did not keep."""

from __future__ import annotations

import datetime as dt
import enum
from decimal import Decimal

from sqlalchemy import Date, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from domain.models.base import HIDDEN_COST, Base, Replicated, Replication, fk
from domain.models.mixins import DocumentColumns, GoodsLineColumns
from domain.types import Money, Price, Quantity, Rate, UnitCost


class DifferenceReason(str, enum.Enum):
    SHORT = "short"
    DAMAGED = "damaged"
    WRONG_ITEM = "wrong_item"
    REJECTED = "rejected"
    EXCESS = "excess"
    OTHER = "other"


class DifferenceResolution(str, enum.Enum):
    NONE = "none"
    RETURN = "return"  # the goods come back on a sales return
    CREDIT = "credit"  # the customer is credited, no goods move


class ReceiptConfirmation(DocumentColumns, Replicated, Base):
    """The quantities a customer signed for against one delivery note. A fact."""

    __tablename__ = "receipt_confirmation"
    __replication__ = Replication("warehouse", column="warehouse_id")

    status: Mapped[str] = mapped_column(String(20), default="posted", index=True)
    delivery_id: Mapped[str] = fk("delivery_note.id", index=True)
    customer_id: Mapped[str] = fk("customer.id", index=True)
    warehouse_id: Mapped[str] = fk("warehouse.id", index=True)
    department_id: Mapped[str | None] = fk("department.id", nullable=True, index=True)
    posting_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True, index=True)
    signed_by: Mapped[str | None] = mapped_column(String(100), nullable=True)
    # Value of the differences credited to the customer (the receivable's receipt_difference entry).
    difference_amount: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0))


class ReceiptConfirmationLine(Replicated, Base):
    __tablename__ = "receipt_confirmation_line"
    __replication__ = Replication("parent", column="confirmation_id", parent="receipt_confirmation")

    confirmation_id: Mapped[str] = fk("receipt_confirmation.id", index=True)
    line_no: Mapped[int] = mapped_column(Integer)
    delivery_line_id: Mapped[str] = fk("delivery_line.id", index=True)
    product_id: Mapped[str] = fk("product.id", index=True)
    unit_name: Mapped[str] = mapped_column(String(20))
    delivered_quantity: Mapped[Decimal] = mapped_column(Quantity())
    received_quantity: Mapped[Decimal] = mapped_column(Quantity())
    # received - delivered, in the line's unit; negative when goods are missing.
    difference_quantity: Mapped[Decimal] = mapped_column(Quantity(), default=Decimal(0))
    difference_reason: Mapped[str | None] = mapped_column(String(20), nullable=True)
    reason_note: Mapped[str | None] = mapped_column(Text, nullable=True)
    resolution: Mapped[str] = mapped_column(String(10), default=DifferenceResolution.NONE.value)
    unit_price: Mapped[Decimal] = mapped_column(Price())
    difference_amount: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0))
    sales_return_id: Mapped[str | None] = fk("sales_return.id", nullable=True)


class SalesReturn(DocumentColumns, Replicated, Base):
    """Goods coming back from a customer into a chosen warehouse. A fact; credits the receivable."""

    __tablename__ = "sales_return"
    __replication__ = Replication("warehouse", column="warehouse_id")

    status: Mapped[str] = mapped_column(String(20), default="posted", index=True)
    customer_id: Mapped[str] = fk("customer.id", index=True)
    warehouse_id: Mapped[str] = fk("warehouse.id", index=True)
    department_id: Mapped[str | None] = fk("department.id", nullable=True, index=True)
    salesperson_id: Mapped[str | None] = fk("app_user.id", nullable=True, index=True)
    delivery_id: Mapped[str | None] = fk("delivery_note.id", nullable=True, index=True)
    order_id: Mapped[str | None] = fk("sales_order.id", nullable=True, index=True)
    posting_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True, index=True)
    reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    total_amount: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0))
    tax_amount: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0))
    cost_amount: Mapped[Decimal | None] = mapped_column(Money(), nullable=True, info=HIDDEN_COST)


class SalesReturnLine(GoodsLineColumns, Replicated, Base):
    __tablename__ = "sales_return_line"
    __replication__ = Replication("parent", column="return_id", parent="sales_return")

    return_id: Mapped[str] = fk("sales_return.id", index=True)
    delivery_line_id: Mapped[str | None] = fk("delivery_line.id", nullable=True, index=True)
    order_line_id: Mapped[str | None] = fk("sales_order_line.id", nullable=True, index=True)
    unit_price: Mapped[Decimal] = mapped_column(Price())
    tax_rate: Mapped[Decimal] = mapped_column(Rate(), default=Decimal(0))
    amount: Mapped[Decimal] = mapped_column(Money())
    tax_amount: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0))
    reason: Mapped[str | None] = mapped_column(String(400), nullable=True)
    unit_cost: Mapped[Decimal | None] = mapped_column(UnitCost(), nullable=True, info=HIDDEN_COST)
    cost_amount: Mapped[Decimal | None] = mapped_column(Money(), nullable=True, info=HIDDEN_COST)
