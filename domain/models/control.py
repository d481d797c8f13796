"""Flags on posted facts, conflict records, accounting periods and sales regions."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, Boolean, Date, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from domain.models.base import Base, Replicated, Replication, fk
from domain.types import UTCDateTime


class SalesRegion(Replicated, Base):
    __tablename__ = "sales_region"

    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    parent_id: Mapped[str | None] = fk("sales_region.id", nullable=True)
    # Soft delete: documents keep pointing at deleted master data.
    deleted_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime(), nullable=True)


class Flag(Replicated, Base):
    """A business rule a posted fact broke, for a manager to act on.

    `code` names the rule (negative_stock, credit_limit, closed_period,
    customer_deleted, order_refused, ...); `params` hold the figures the
    translated message needs.
    """

    __tablename__ = "flag"
    __replication__ = Replication("department", column="department_id")

    code: Mapped[str] = mapped_column(String(40), index=True)
    params: Mapped[dict] = mapped_column(JSON, default=dict)
    record_table: Mapped[str] = mapped_column(String(60))
    record_id: Mapped[str] = mapped_column(String(36), index=True)
    document_number: Mapped[str | None] = mapped_column(String(40), nullable=True)
    department_id: Mapped[str | None] = fk("department.id", nullable=True, index=True)
    mutation_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    raised_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    status: Mapped[str] = mapped_column(String(20), default="open")
    resolved_by: Mapped[str | None] = fk("app_user.id", nullable=True)
    resolved_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    resolution_note: Mapped[str | None] = mapped_column(Text, nullable=True)


class ConflictRecord(Replicated, Base):
    """A field both sides changed: the value that lost, kept so its author can apply it again."""

    __tablename__ = "conflict_record"
    __replication__ = Replication("self", column="losing_user_id")

    record_table: Mapped[str] = mapped_column(String(60))
    record_id: Mapped[str] = mapped_column(String(36), index=True)
    field: Mapped[str] = mapped_column(String(60))
    base_value: Mapped[object | None] = mapped_column(JSON, nullable=True)
    losing_value: Mapped[object | None] = mapped_column(JSON, nullable=True)
    winning_value: Mapped[object | None] = mapped_column(JSON, nullable=True)
    losing_user_id: Mapped[str | None] = fk("app_user.id", nullable=True, index=True)
    winning_user_id: Mapped[str | None] = fk("app_user.id", nullable=True)
    losing_mutation_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    winning_mutation_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    occurred_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    resolved: Mapped[bool] = mapped_column(Boolean, default=False)


class AccountingPeriod(Replicated, Base):
    """A month that can be closed (结账): nothing posts into a closed period."""

    __tablename__ = "accounting_period"
    __table_args__ = (UniqueConstraint("year", "month"),)

    year: Mapped[int] = mapped_column(Integer)
    month: Mapped[int] = mapped_column(Integer)
    start_date: Mapped[dt.date] = mapped_column(Date)
    end_date: Mapped[dt.date] = mapped_column(Date)
    closed: Mapped[bool] = mapped_column(Boolean, default=False)
    closed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    closed_by: Mapped[str | None] = fk("app_user.id", nullable=True)
    reopen_reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    reopened_by: Mapped[str | None] = fk("app_user.id", nullable=True)
    reopened_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime(), nullable=True)
