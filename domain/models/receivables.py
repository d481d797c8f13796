"""Receivable adjustments, customer opening balances and money account entries."""

from __future__ import annotations

import datetime as dt
import enum
from decimal import Decimal

from sqlalchemy import Boolean, Date, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from domain.models.base import LEDGER, Base, Replicated, Replication, fk
from domain.models.mixins import DocumentColumns
from domain.types import Money


class ReceivableAdjustmentKind(str, enum.Enum):
    ROUNDING_OFF = "rounding_off"  # 抹零
    BAD_DEBT_WRITE_OFF = "bad_debt_write_off"
    PREPAYMENT_REFUND = "prepayment_refund"
    PAYABLE_OFFSET = "payable_offset"  # against the same party's payables


class ReceivableAdjustment(DocumentColumns, Replicated, Base):
    """A change of what a customer owes that no goods or payment explain, with its reason.

    `amount` lowers the receivable when positive. A prepayment refund raises
    it back (money leaves `account_id`); a payable offset also posts a
    payable entry for `supplier_id`.
    """

    __tablename__ = "receivable_adjustment"
    __replication__ = Replication("department", column="department_id")

    status: Mapped[str] = mapped_column(String(20), default="posted", index=True)
    kind: Mapped[str] = mapped_column(String(30))
    customer_id: Mapped[str] = fk("customer.id", index=True)
    amount: Mapped[Decimal] = mapped_column(Money())
    reason: Mapped[str] = mapped_column(Text)
    delivery_id: Mapped[str | None] = fk("delivery_note.id", nullable=True)
    supplier_id: Mapped[str | None] = fk("supplier.id", nullable=True)
    account_id: Mapped[str | None] = fk("money_account.id", nullable=True)
    department_id: Mapped[str | None] = fk("department.id", nullable=True, index=True)
    posting_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True, index=True)
    approved_by: Mapped[str | None] = fk("app_user.id", nullable=True)


class CustomerOpeningKind(str, enum.Enum):
    RECEIVABLE = "receivable"
    PREPAYMENT = "prepayment"


class CustomerOpeningBalance(Replicated, Base):
    """A customer's receivable or prepayment at go-live (期初应收 / 期初预收)."""

    __tablename__ = "customer_opening_balance"
    __replication__ = Replication("department", column="department_id")

    customer_id: Mapped[str] = fk("customer.id", index=True)
    kind: Mapped[str] = mapped_column(String(20), default=CustomerOpeningKind.RECEIVABLE.value)
    amount: Mapped[Decimal] = mapped_column(Money())
    # Number of the old system's document, for aging by its own due date.
    source_number: Mapped[str | None] = mapped_column(String(40), nullable=True)
    due_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    department_id: Mapped[str | None] = fk("department.id", nullable=True, index=True)
    document_date: Mapped[dt.date] = mapped_column(Date)
    posting_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    created_by: Mapped[str | None] = fk("app_user.id", nullable=True)
    note: Mapped[str | None] = mapped_column(Text, nullable=True)


class MoneyAccountEntryType(str, enum.Enum):
    OPENING = "opening"
    PAYMENT_RECEIVED = "payment_received"
    PAYMENT_MADE = "payment_made"
    REFUND = "refund"
    TRANSFER = "transfer"
    ADJUSTMENT = "adjustment"


class MoneyAccountEntry(Replicated, Base):
    """One signed movement of a bank or cash account (资金账户流水). Append-only."""

    __tablename__ = "money_account_entry"
    __table_args__ = {"info": LEDGER}

    account_id: Mapped[str] = fk("money_account.id", index=True)
    entry_type: Mapped[str] = mapped_column(String(30))
    amount: Mapped[Decimal] = mapped_column(Money())
    document_type: Mapped[str] = mapped_column(String(30))
    document_id: Mapped[str] = mapped_column(String(36), index=True)
    document_number: Mapped[str | None] = mapped_column(String(40), nullable=True)
    document_date: Mapped[dt.date] = mapped_column(Date)
    posting_date: Mapped[dt.date] = mapped_column(Date, index=True)
    late: Mapped[bool] = mapped_column(Boolean, default=False)
    note: Mapped[str | None] = mapped_column(String(400), nullable=True)
