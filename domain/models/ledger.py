"""Receivable ledger, payments received and their allocation to deliveries."""

from __future__ import annotations

import datetime as dt
import enum
from decimal import Decimal

from sqlalchemy import Boolean, Date, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from domain.models.base import LEDGER, Base, Replicated, fk
from domain.types import Money, UTCDateTime


class ReceivableEntryType(str, enum.Enum):
    OPENING = "opening"
    DELIVERY = "delivery"
    RETURN = "return"
    PAYMENT = "payment"
    PAYMENT_REVERSAL = "payment_reversal"
    RECEIPT_DIFFERENCE = "receipt_difference"
    VERIFICATION = "verification"
    ADJUSTMENT = "adjustment"
    TRANSFER = "transfer"
    ROUNDING_OFF = "rounding_off"
    BAD_DEBT_WRITE_OFF = "bad_debt_write_off"
    PREPAYMENT_REFUND = "prepayment_refund"
    PAYABLE_OFFSET = "payable_offset"


class ReceivableEntry(Replicated, Base):
    """One append-only change of what a customer owes (应收账款).

    `amount` is signed: positive raises the receivable (a delivery), negative
    lowers it (a payment, a return). A correction is a new entry.
    """

    __tablename__ = "receivable_entry"
    __table_args__ = {"info": LEDGER}

    customer_id: Mapped[str] = fk("customer.id", index=True)
    entry_type: Mapped[str] = mapped_column(String(30))
    amount: Mapped[Decimal] = mapped_column(Money())
    document_type: Mapped[str] = mapped_column(String(30))
    document_id: Mapped[str] = mapped_column(String(36), index=True)
    document_number: Mapped[str | None] = mapped_column(String(40), nullable=True)
    document_date: Mapped[dt.date] = mapped_column(Date)
    posting_date: Mapped[dt.date] = mapped_column(Date, index=True)
    due_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    # Set when the fact arrived for a period already closed and posted in the open one.
    late: Mapped[bool] = mapped_column(Boolean, default=False)
    note: Mapped[str | None] = mapped_column(Text, nullable=True)
    # Copied from the document so reports and overdue lists filter without joins.
    department_id: Mapped[str | None] = fk("department.id", nullable=True, index=True)
    salesperson_id: Mapped[str | None] = fk("app_user.id", nullable=True, index=True)


class PaymentMethod(str, enum.Enum):
    BANK_TRANSFER = "bank_transfer"
    CASH = "cash"
    WECHAT_PAY = "wechat_pay"
    ALIPAY = "alipay"
    ACCEPTANCE_BILL = "acceptance_bill"


class PaymentReceived(Replicated, Base):
    """Money received from a customer (收款单). A fact."""

    __tablename__ = "payment_received"

    number: Mapped[str] = mapped_column(String(40), unique=True)
    customer_id: Mapped[str] = fk("customer.id", index=True)
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
    note: Mapped[str | None] = mapped_column(Text, nullable=True)


class PaymentAllocation(Replicated, Base):
    """The part of a payment matched to one delivery (核销)."""

    __tablename__ = "payment_allocation"

    payment_id: Mapped[str] = fk("payment_received.id", index=True)
    delivery_id: Mapped[str] = fk("delivery_note.id", index=True)
    amount: Mapped[Decimal] = mapped_column(Money())
    posting_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    reversed: Mapped[bool] = mapped_column(Boolean, default=False)


class MoneyAccount(Replicated, Base):
    """A bank or cash account money is received into or paid from (资金账户)."""

    __tablename__ = "money_account"

    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    account_type: Mapped[str] = mapped_column(String(20), default="bank")
    bank_account_number: Mapped[str | None] = mapped_column(String(60), nullable=True)
    opening_balance: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # Soft delete: documents keep pointing at deleted master data.
    deleted_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime(), nullable=True)
