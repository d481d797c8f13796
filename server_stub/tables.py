"""Server-only tables: never replicated to clients."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, BigInteger, Boolean, Integer, MetaData, String, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from domain.models.base import NAMING_CONVENTION
from domain.types import UTCDateTime


class ServerBase(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class ChangeCounter(ServerBase):
    """Row 1: `value` is the last change number handed out.

    Row 2 is the retention mark (server_stub.retention.PRUNED_THROUGH_ROW_ID).

    Taking a number is an UPDATE of this row as the last step of a command's
    transaction, so its row lock is held only from the stamp to the commit,
    and change numbers become visible in commit order.
    """

    __tablename__ = "change_counter"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    value: Mapped[int] = mapped_column(BigInteger, nullable=False, default=0)


class ServerIdentity(ServerBase):
    """The database identity; a restore from a backup gives the database a new one."""

    __tablename__ = "server_identity"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    database_id: Mapped[str] = mapped_column(String(36))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())


class Tombstone(ServerBase):
    """A hard-deleted replicated row, so that replicas delete it too."""

    __tablename__ = "tombstone"

    # SQLite numbers a primary key automatically only when it is INTEGER, not BIGINT.
    id: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer(), "sqlite"), primary_key=True, autoincrement=True
    )
    change_seq: Mapped[int] = mapped_column(BigInteger, index=True)
    table_name: Mapped[str] = mapped_column(String(60))
    row_id: Mapped[str] = mapped_column(String(36))
    deleted_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())


class Credential(ServerBase):
    """A user's argon2 password hash and sign-in failure state."""

    __tablename__ = "credential"

    user_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    password_hash: Mapped[str] = mapped_column(String(200))
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[dt.datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    changed_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())


class AuthToken(ServerBase):
    """An access or refresh token, stored as its SHA-256 so a database leak reveals none."""

    __tablename__ = "auth_token"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    kind: Mapped[str] = mapped_column(String(10))  # "access" | "refresh"
    user_id: Mapped[str] = mapped_column(String(36), index=True)
    device_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    issued_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    expires_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    revoked: Mapped[bool] = mapped_column(Boolean, default=False)


class DeviceState(ServerBase):
    """Per device: the last applied device sequence number and the document counters."""

    __tablename__ = "device_state"

    device_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    high_water: Mapped[int] = mapped_column(BigInteger, default=0)
    counters: Mapped[dict] = mapped_column(JSON, default=dict)


class CommandLog(ServerBase):
    """The stored result of every command a device pushed, kept for the retention horizon."""

    __tablename__ = "command_log"
    __table_args__ = (UniqueConstraint("device_id", "device_seq"),)

    mutation_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    device_id: Mapped[str] = mapped_column(String(36))
    device_seq: Mapped[int] = mapped_column(BigInteger)
    user_id: Mapped[str] = mapped_column(String(36), index=True)
    name: Mapped[str] = mapped_column(String(60))
    status: Mapped[str] = mapped_column(String(24))
    change_seq: Mapped[int | None] = mapped_column(BigInteger, nullable=True, index=True)
    response: Mapped[dict] = mapped_column(JSON)
    received_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), index=True)
