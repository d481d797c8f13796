"""An order's history: approvals, state changes and verifications (核准)."""

from __future__ import annotations

import datetime as dt
import enum
from decimal import Decimal

from sqlalchemy import JSON, Date, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from domain.models.base import Base, Replicated, Replication, fk
from domain.types import Money, Price, Quantity, UTCDateTime


class ApprovalDecision(str, enum.Enum):
    APPROVED = "approved"
    SENT_BACK = "sent_back"


class OrderApproval(Replicated, Base):
    """A manager's decision on an order that broke a rule (credit, discount, price, stock)."""

    __tablename__ = "order_approval"
    __replication__ = Replication("parent", column="order_id", parent="sales_order")

    order_id: Mapped[str] = fk("sales_order.id", index=True)
    decision: Mapped[str] = mapped_column(String(20))
    # The rule codes and figures that required the approval.
    rules: Mapped[list | None] = mapped_column(JSON, nullable=True)
    comment: Mapped[str | None] = mapped_column(Text, nullable=True)
    decided_by: Mapped[str] = fk("app_user.id")
    decided_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())


class OrderEvent(str, enum.Enum):
    CREATED = "created"
    EDITED = "edited"
    SUBMITTED = "submitted"
    APPROVED = "approved"
    SENT_BACK = "sent_back"
    REFUSED = "refused"  # the server rejected the intention at sync
    CANCELLED = "cancelled"
    DELIVERED = "delivered"
    COMPLETED = "completed"
    VERIFIED = "verified"
    PRINTED = "printed"


class OrderHistory(Replicated, Base):
    """One event in an order's life, with the values it changed."""

    __tablename__ = "order_history"
    __replication__ = Replication("parent", column="order_id", parent="sales_order")

    order_id: Mapped[str] = fk("sales_order.id", index=True)
    event: Mapped[str] = mapped_column(String(20))
    user_id: Mapped[str | None] = fk("app_user.id", nullable=True)
    occurred_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    before: Mapped[dict | None] = mapped_column(JSON, nullable=True)
    after: Mapped[dict | None] = mapped_column(JSON, nullable=True)
    mutation_id: Mapped[str | None] = mapped_column(String(36), nullable=True)


class OrderVerification(Replicated, Base):
    """A correction of a completed order's quantities or prices (订单核准).

    Its amount change flows to the receivable as a verification entry.
    """

    __tablename__ = "order_verification"
    __replication__ = Replication("department", column="department_id")

    number: Mapped[str] = mapped_column(String(40), unique=True)
    order_id: Mapped[str] = fk("sales_order.id", index=True)
    customer_id: Mapped[str] = fk("customer.id", index=True)
    department_id: Mapped[str | None] = fk("department.id", nullable=True, index=True)
    salesperson_id: Mapped[str | None] = fk("app_user.id", nullable=True, index=True)
    reason: Mapped[str] = mapped_column(Text)
    verified_by: Mapped[str] = fk("app_user.id")
    verified_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    document_date: Mapped[dt.date] = mapped_column(Date, index=True)
    posting_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True, index=True)
    amount_change: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0))
    status: Mapped[str] = mapped_column(String(20), default="posted")
    device_id: Mapped[str | None] = mapped_column(String(36), nullable=True)


class OrderVerificationLine(Replicated, Base):
    """Before and after values of one corrected order line."""

    __tablename__ = "order_verification_line"
    __replication__ = Replication("parent", column="verification_id", parent="order_verification")

    verification_id: Mapped[str] = fk("order_verification.id", index=True)
    line_no: Mapped[int] = mapped_column(Integer)
    order_line_id: Mapped[str] = fk("sales_order_line.id", index=True)
    delivery_line_id: Mapped[str | None] = fk("delivery_line.id", nullable=True)
    product_id: Mapped[str] = fk("product.id")
    quantity_before: Mapped[Decimal] = mapped_column(Quantity())
    quantity_after: Mapped[Decimal] = mapped_column(Quantity())
    unit_price_before: Mapped[Decimal] = mapped_column(Price())
    unit_price_after: Mapped[Decimal] = mapped_column(Price())
    amount_before: Mapped[Decimal] = mapped_column(Money())
    amount_after: Mapped[Decimal] = mapped_column(Money())
    amount_change: Mapped[Decimal] = mapped_column(Money())
