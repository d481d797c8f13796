"""Client-only tables of the replica: outbox, journal, undo log and sync state.

They live on their own metadata so the server never creates them and the
replicated schema (domain.models.Base.metadata) stays identical on both sides.
"""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import JSON, BigInteger, Index, Integer, MetaData, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from domain.models.base import NAMING_CONVENTION
from domain.types import UTCDateTime, utcnow


class LocalBase(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class OutboxStatus(str, enum.Enum):
    PENDING = "pending"
    # The server applied it; kept until a pull brings its rows, then moved out.
    ACKNOWLEDGED = "acknowledged"
    REJECTED = "rejected"
    # Not applied because a command it depends on was rejected.
    HELD = "held"


class OutboxEntry(LocalBase):
    """One command the user ran on this device and the server has not yet brought back."""

    __tablename__ = "outbox"

    mutation_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    device_seq: Mapped[int] = mapped_column(BigInteger, unique=True)
    name: Mapped[str] = mapped_column(String(60))
    payload: Mapped[dict] = mapped_column(JSON)
    # "table:id" -> version the edit was based on.
    base_versions: Mapped[dict] = mapped_column(JSON, default=dict)
    depends_on: Mapped[list] = mapped_column(JSON, default=list)
    schema_version: Mapped[int] = mapped_column(Integer)
    user_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)
    status: Mapped[str] = mapped_column(String(20), default=OutboxStatus.PENDING.value, index=True)
    change_seq: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    result_code: Mapped[str | None] = mapped_column(String(80), nullable=True)
    result_params: Mapped[dict | None] = mapped_column(JSON, nullable=True)
    result_flags: Mapped[list | None] = mapped_column(JSON, nullable=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_sent_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime(), nullable=True)


class JournalEntry(LocalBase):
    """An acknowledged command, kept for a few days so it can be pushed again
    after the server is restored from a backup (the device high-water mark
    makes the replay harmless)."""

    __tablename__ = "journal"

    mutation_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    device_seq: Mapped[int] = mapped_column(BigInteger, unique=True)
    name: Mapped[str] = mapped_column(String(60))
    payload: Mapped[dict] = mapped_column(JSON)
    base_versions: Mapped[dict] = mapped_column(JSON, default=dict)
    depends_on: Mapped[list] = mapped_column(JSON, default=list)
    schema_version: Mapped[int] = mapped_column(Integer)
    user_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    change_seq: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    acknowledged_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), index=True)


class UndoRecord(LocalBase):
    """The state of one row before a command still in the outbox wrote it.

    `before` contains the raw SQLite column values, or NULL when the command
    inserted the row. Undo applies a mutation's records in descending `ordinal`.
    """

    __tablename__ = "undo_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    mutation_id: Mapped[str] = mapped_column(String(36), index=True)
    ordinal: Mapped[int] = mapped_column(Integer)
    table_name: Mapped[str] = mapped_column(String(60))
    row_id: Mapped[str] = mapped_column(String(36))
    before: Mapped[dict | None] = mapped_column(JSON, nullable=True)


class SyncState(LocalBase):
    """The single row (id 1) that records which server, user and device this replica belongs to."""

    __tablename__ = "sync_state"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    server_url: Mapped[str | None] = mapped_column(String(400), nullable=True)
    database_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    # The identity of the restored server database this replica was last
    # rebuilt for (see sync.rebuild); None when no restore was ever seen.
    restored_database_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    cursor: Mapped[int] = mapped_column(BigInteger, default=0)
    scope_version: Mapped[int | None] = mapped_column(Integer, nullable=True)
    user_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    username: Mapped[str | None] = mapped_column(String(80), nullable=True)
    role: Mapped[str | None] = mapped_column(String(20), nullable=True)
    department_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    device_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    device_code: Mapped[str | None] = mapped_column(String(8), nullable=True)
    # Document type -> last counter used in a document number on this device.
    counters: Mapped[dict] = mapped_column(JSON, default=dict)
    last_device_seq: Mapped[int] = mapped_column(BigInteger, default=0)
    last_sync_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    last_error: Mapped[str | None] = mapped_column(Text, nullable=True)


class SearchEntry(LocalBase):
    """One customer, product or supplier in the replica's search index (see sync.search_index).

    The id is also the rowid of the entry in the kind's FTS5 table.
    """

    __tablename__ = "search_entry"
    __table_args__ = (UniqueConstraint("kind", "row_id"), Index("ix_search_entry_kind_sort_key", "kind", "sort_key"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(10))
    row_id: Mapped[str] = mapped_column(String(36))
    # Normalized fields and initials strings, separated by spaces.
    haystack: Mapped[str] = mapped_column(Text, default="")
    # Per-character initials sets, only for names with too many readings to list.
    initials: Mapped[str] = mapped_column(Text, default="")
    # Positions in the name where a word starts, for ranking initials matches.
    word_starts: Mapped[str] = mapped_column(Text, default="", server_default="")
    # Pinyin of the name, then name and code: the name column's sort order.
    sort_key: Mapped[str] = mapped_column(Text, default="", server_default="")


class SearchDirty(LocalBase):
    """The id of a row written since its search entry was last computed; filled by triggers."""

    __tablename__ = "search_dirty"
    __table_args__ = {"sqlite_with_rowid": False}

    kind: Mapped[str] = mapped_column(String(10), primary_key=True)
    row_id: Mapped[str] = mapped_column(String(36), primary_key=True)


class SearchRebuild(LocalBase):
    """How far a rebuild of one kind's search entries has got, so it goes on in short transactions.

    The rebuild reads the kind's table in rowid order; rows up to
    `last_rowid` have their entries. The row is removed when the rebuild ends.
    """

    __tablename__ = "search_rebuild"

    kind: Mapped[str] = mapped_column(String(10), primary_key=True)
    last_rowid: Mapped[int] = mapped_column(Integer, default=0)


class SavedSearchFilter(LocalBase):
    """A named set of list filters a user saved on this device (see sync.search)."""

    __tablename__ = "saved_search_filter"
    __table_args__ = (UniqueConstraint("user_id", "view", "name"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    user_id: Mapped[str] = mapped_column(String(36))
    view: Mapped[str] = mapped_column(String(60))  # e.g. "customer_list"
    name: Mapped[str] = mapped_column(String(100))
    criteria: Mapped[dict] = mapped_column(JSON, default=dict)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)
