"""Departments, users, roles and devices."""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import Boolean, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from domain.models.base import Base, Replicated, Replication, fk
from domain.types import UTCDateTime


class Role(str, enum.Enum):
    CLERK = "clerk"
    WAREHOUSE = "warehouse"
    FINANCE = "finance"
    MANAGER = "manager"
    ADMIN = "admin"


ALL_ROLES = frozenset(Role)


class Department(Replicated, Base):
    __tablename__ = "department"

    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    parent_id: Mapped[str | None] = fk("department.id", nullable=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # Soft delete: documents keep pointing at deleted master data.
    deleted_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime(), nullable=True)


class User(Replicated, Base):
    """A person who signs in. The password hash is server-only (not replicated)."""

    __tablename__ = "app_user"

    username: Mapped[str] = mapped_column(String(80), unique=True)
    display_name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20))
    department_id: Mapped[str | None] = fk("department.id", nullable=True, index=True)
    phone: Mapped[str | None] = mapped_column(String(40), nullable=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # Incremented whenever the user's role or department changes, or a warehouse
    # of the department moves: a client with an older value rebuilds its replica.
    scope_version: Mapped[int] = mapped_column(Integer, default=1)
    # Soft delete: documents keep pointing at deleted master data.
    deleted_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime(), nullable=True)


class Device(Replicated, Base):
    """One installed client. `code` is the short code used in document numbers."""

    __tablename__ = "device"
    __replication__ = Replication("admin")

    code: Mapped[str] = mapped_column(String(8), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    user_id: Mapped[str | None] = fk("app_user.id", nullable=True)
    revoked: Mapped[bool] = mapped_column(Boolean, default=False)
