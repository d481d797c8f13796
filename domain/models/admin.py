"""Role permissions, company settings and the audit log."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import JSON, Boolean, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from domain.models.base import Base, Replicated, Replication, fk
from domain.types import Rate, UTCDateTime


class RoleProfile(Replicated, Base):
    """Visibility of cost and purchase prices for a role, and its discount limit.

    The server reads `sees_cost` to decide which replicas receive cost tables
    and the columns marked HIDDEN_COST.
    """

    __tablename__ = "role_profile"

    role: Mapped[str] = mapped_column(String(20), unique=True)
    sees_cost: Mapped[bool] = mapped_column(Boolean, default=False)
    # Largest line discount the role may give without approval; NULL uses the company setting.
    discount_limit: Mapped[Decimal | None] = mapped_column(Rate(), nullable=True)


class RolePermission(Replicated, Base):
    """Whether a role may run a command. Replicated so clients can disable what the server refuses."""

    __tablename__ = "role_permission"
    __table_args__ = (UniqueConstraint("role", "command"),)

    role: Mapped[str] = mapped_column(String(20), index=True)
    command: Mapped[str] = mapped_column(String(80))
    allowed: Mapped[bool] = mapped_column(Boolean, default=True)


class CompanySetting(Replicated, Base):
    """A company-wide setting, e.g. "cost_per_warehouse", "credit_policy", "discount_limit".

    The id is domain.ids.key_id("company_setting", key), so two clients that
    set the same key create the same row.
    """

    __tablename__ = "company_setting"

    key: Mapped[str] = mapped_column(String(80), unique=True)
    value: Mapped[object | None] = mapped_column(JSON, nullable=True)
    description: Mapped[str | None] = mapped_column(Text, nullable=True)


class AuditRecord(Replicated, Base):
    """One accepted command's change to one record: who, from which device, when, before and after."""

    __tablename__ = "audit_record"
    __replication__ = Replication("admin")

    occurred_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), index=True)
    user_id: Mapped[str | None] = fk("app_user.id", nullable=True, index=True)
    device_id: Mapped[str | None] = mapped_column(String(36), nullable=True, index=True)
    mutation_id: Mapped[str | None] = mapped_column(String(36), nullable=True, index=True)
    command: Mapped[str] = mapped_column(String(80), index=True)
    record_table: Mapped[str] = mapped_column(String(60))
    record_id: Mapped[str] = mapped_column(String(36), index=True)
    document_number: Mapped[str | None] = mapped_column(String(40), nullable=True, index=True)
    # Lets a manager search the log by customer without decoding the JSON.
    customer_id: Mapped[str | None] = mapped_column(String(36), nullable=True, index=True)
    # "insert", "update" or "delete".
    action: Mapped[str] = mapped_column(String(10))
    before: Mapped[dict | None] = mapped_column(JSON, nullable=True)
    after: Mapped[dict | None] = mapped_column(JSON, nullable=True)
