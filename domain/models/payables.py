"""Payable ledger, payments made to suppliers and their allocation to goods receipts.

What is owed to suppliers reveals purchase prices, so these tables reach only
roles that may see cost.
"""

from __future__ import annotations

import datetime as dt
import enum
from decimal import Decimal

from sqlalchemy import Boolean, Date, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from domain.models.base import LEDGER, Base, Replicated, Replication, fk
from domain.types import Money


class PayableEntryType(str, enum.Enum):
    OPENING = "opening"
    RECEIPT = "receipt"
    PURCHASE_RETURN = "purchase_return"
    PAYMENT = "payment"
    PAYMENT_REVERSAL = "payment_reversal"
    ADJUSTMENT = "adjustment"
    RECEIVABLE_OFFSET = "receivable_offset"
    TRANSFER = "transfer"


class PayableEntry(Replicated, Base):
    """One append-only change of what is owed to a supplier (应付账款).

    `amount` is signed: positive raises the payable (a goods receipt),
    negative lowers it (a payment, a purchase return).
    """

    __tablename__ = "payable_entry"
    __replication__ = Replication("cost")
    __table_args__ = {"info": LEDGER}

    supplier_id: Mapped[str] = fk("supplier.id", index=True)
    entry_type: Mapped[str] = mapped_column(String(30))
    amount: Mapped[Decimal] = mapped_column(Money())
    document_type: Mapped[str] = mapped_column(String(30))
    document_id: Mapped[str] = mapped_column(String(36), index=True)
    document_number: Mapped[str | None] = mapped_column(String(40), nullable=True)
    document_date: Mapped[dt.date] = mapped_column(Date)
    posting_date: Mapped[dt.date] = mapped_column(Date, index=True)
    due_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    late: Mapped[bool] = mapped_column(Boolean, default=False)
    department_id: Mapped[str | None] = fk("department.id", nullable=True)
    note: Mapped[str | None] = mapped_column(Text, nullable=True)


class PaymentMade(Replicated, Base):
    """Money paid to a supplier (付款单). A fact; the unallocated part is a prepayment."""

    __tablename__ = "payment_made"
    __replication__ = Replication("cost")

    number: Mapped[str] = mapped_column(String(40), unique=True)
    supplier_id: Mapped[str] = fk("supplier.id", index=True)
    amount: Mapped[Decimal] = mapped_column(Money())
    method: Mapped[str] = mapped_column(String(20))
    account_id: Mapped[str | None] = fk("money_account.id", nullable=True)
    reference: Mapped[str | None] = mapped_column(String(100), nullable=True)
    document_date: Mapped[dt.date] = mapped_column(Date, index=True)
    posting_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True, index=True)
    allocated_amount: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0))
    status: Mapped[str] = mapped_column(String(20), default="posted")
    reversal_reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    department_id: Mapped[str | None] = fk("department.id", nullable=True)
    created_by: Mapped[str | None] = fk("app_user.id", nullable=True)
    device_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    print_count: Mapped[int] = mapped_column(default=0)
    note: Mapped[str | None] = mapped_column(Text, nullable=True)


class PaymentMadeAllocation(Replicated, Base):
    """The part of a supplier payment matched to one goods receipt."""

    __tablename__ = "payment_made_allocation"
    __replication__ = Replication("parent", column="payment_id", parent="payment_made")

    payment_id: Mapped[str] = fk("payment_made.id", index=True)
    receipt_id: Mapped[str] = fk("goods_receipt.id", index=True)
    amount: Mapped[Decimal] = mapped_column(Money())
    posting_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    reversed: Mapped[bool] = mapped_column(Boolean, default=False)


class SupplierOpeningKind(str, enum.Enum):
    PAYABLE = "payable"
    PREPAYMENT = "prepayment"


class SupplierOpeningBalance(Replicated, Base):
    """A supplier's payable or prepayment at go-live (期初应付 / 期初预付)."""

    __tablename__ = "supplier_opening_balance"
    __replication__ = Replication("cost")

    supplier_id: Mapped[str] = fk("supplier.id", index=True)
    kind: Mapped[str] = mapped_column(String(20), default=SupplierOpeningKind.PAYABLE.value)
    amount: Mapped[Decimal] = mapped_column(Money())
    source_number: Mapped[str | None] = mapped_column(String(40), nullable=True)
    due_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    document_date: Mapped[dt.date] = mapped_column(Date)
    posting_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    created_by: Mapped[str | None] = fk("app_user.id", nullable=True)
    note: Mapped[str | None] = mapped_column(Text, nullable=True)
