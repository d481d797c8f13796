"""Customer statements (对账单) and supplier statements.

A draft statement is recomputed from the ledger whenever it is opened.
Sending it freezes its lines and totals here, with a SHA-256 of their
content, so a later correction shows on the next statement and never
changes one already sent.
"""

from __future__ import annotations

import datetime as dt
import enum
from decimal import Decimal

from sqlalchemy import Boolean, Date, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from domain.models.base import Base, Replicated, Replication, fk
from domain.types import Money, UTCDateTime


class StatementStatus(str, enum.Enum):
    DRAFT = "draft"
    SENT = "sent"
    CONFIRMED = "confirmed"
    DISPUTED = "disputed"


class StatementColumns:
    """Header columns shared by customer and supplier statements."""

    number: Mapped[str] = mapped_column(String(40), unique=True)
    status: Mapped[str] = mapped_column(String(20), default=StatementStatus.DRAFT.value, index=True)
    # The period by posting date, both ends included.
    period_start: Mapped[dt.date] = mapped_column(Date, index=True)
    period_end: Mapped[dt.date] = mapped_column(Date, index=True)
    opening_balance: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0))
    debit_amount: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0))
    credit_amount: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0))
    closing_balance: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0))
    content_hash: Mapped[str | None] = mapped_column(String(64), nullable=True)
    sent_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    sent_by: Mapped[str | None] = fk("app_user.id", nullable=True)
    # The person at the other party who confirmed, and who recorded it.
    confirmed_by: Mapped[str | None] = mapped_column(String(100), nullable=True)
    confirmed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    confirmation_recorded_by: Mapped[str | None] = fk("app_user.id", nullable=True)
    disputed_amount: Mapped[Decimal | None] = mapped_column(Money(), nullable=True)
    dispute_note: Mapped[str | None] = mapped_column(Text, nullable=True)
    disputed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    print_count: Mapped[int] = mapped_column(Integer, default=0)
    created_by: Mapped[str | None] = fk("app_user.id", nullable=True)
    device_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    note: Mapped[str | None] = mapped_column(Text, nullable=True)


class StatementLineColumns:
    """One frozen ledger entry on a sent statement, with its running balance."""

    line_no: Mapped[int] = mapped_column(Integer)
    entry_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    entry_type: Mapped[str] = mapped_column(String(30))
    document_type: Mapped[str] = mapped_column(String(30))
    document_id: Mapped[str] = mapped_column(String(36))
    document_number: Mapped[str | None] = mapped_column(String(40), nullable=True)
    document_date: Mapped[dt.date] = mapped_column(Date)
    posting_date: Mapped[dt.date] = mapped_column(Date)
    description: Mapped[str | None] = mapped_column(String(400), nullable=True)
    debit_amount: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0))
    credit_amount: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0))
    running_balance: Mapped[Decimal] = mapped_column(Money())
    disputed: Mapped[bool] = mapped_column(Boolean, default=False)
    disputed_amount: Mapped[Decimal | None] = mapped_column(Money(), nullable=True)
    dispute_note: Mapped[str | None] = mapped_column(Text, nullable=True)


class CustomerStatement(StatementColumns, Replicated, Base):
    __tablename__ = "customer_statement"
    __replication__ = Replication("department", column="department_id")

    customer_id: Mapped[str] = fk("customer.id", index=True)
    department_id: Mapped[str | None] = fk("department.id", nullable=True, index=True)


class CustomerStatementLine(StatementLineColumns, Replicated, Base):
    __tablename__ = "customer_statement_line"
    __replication__ = Replication("parent", column="statement_id", parent="customer_statement")

    statement_id: Mapped[str] = fk("customer_statement.id", index=True)


class SupplierStatement(StatementColumns, Replicated, Base):
    """A statement of the payable ledger; reaches only roles that may see cost."""

    __tablename__ = "supplier_statement"
    __replication__ = Replication("cost")

    supplier_id: Mapped[str] = fk("supplier.id", index=True)


class SupplierStatementLine(StatementLineColumns, Replicated, Base):
    __tablename__ = "supplier_statement_line"
    __replication__ = Replication("parent", column="statement_id", parent="supplier_statement")

    statement_id: Mapped[str] = fk("supplier_statement.id", index=True)
