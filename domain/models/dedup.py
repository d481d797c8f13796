"""Duplicate and merge tasks for customers and suppliers entered twice (撞单).

When two offline clerks create the same party, the server either folds the
second into the first and opens a merge task for a user to review, or keeps
both and opens a duplicate task for a user to decide.
"""

from __future__ import annotations

import datetime as dt
import enum
from decimal import Decimal

from sqlalchemy import JSON, Boolean, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from domain.models.base import Base, Replicated, Replication, fk
from domain.types import Rate, UTCDateTime


class MatchField(str, enum.Enum):
    PHONE = "phone"
    USCC = "uscc"
    NAME = "name"


class TaskStatus(str, enum.Enum):
    OPEN = "open"
    DONE = "done"
    DISMISSED = "dismissed"


class DuplicateTask(Replicated, Base):
    """Two records that look like the same party, kept apart until a user decides."""

    __tablename__ = "duplicate_task"
    __replication__ = Replication("department", column="department_id")

    record_table: Mapped[str] = mapped_column(String(60))  # "customer" or "supplier"
    record_id: Mapped[str] = mapped_column(String(36), index=True)
    other_record_id: Mapped[str] = mapped_column(String(36), index=True)
    match_field: Mapped[str] = mapped_column(String(20))
    match_value: Mapped[str | None] = mapped_column(String(200), nullable=True)
    # Name similarity from 0 to 1 when match_field is "name".
    similarity: Mapped[Decimal | None] = mapped_column(Rate(), nullable=True)
    status: Mapped[str] = mapped_column(String(20), default=TaskStatus.OPEN.value, index=True)
    department_id: Mapped[str | None] = fk("department.id", nullable=True, index=True)
    detected_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    mutation_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    resolved_by: Mapped[str | None] = fk("app_user.id", nullable=True)
    resolved_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    # "merged" or "not_duplicate" once resolved.
    resolution: Mapped[str | None] = mapped_column(String(20), nullable=True)
    merge_task_id: Mapped[str | None] = fk("merge_task.id", nullable=True)
    note: Mapped[str | None] = mapped_column(Text, nullable=True)


class MergeTask(Replicated, Base):
    """A merge of a duplicate party into a surviving one.

    The merge re-points contacts and open documents to the survivor and moves
    the duplicate's balance by new transfer entries. `moved` maps each table
    name to the ids that were re-pointed, so a reviewer can check them.
    """

    __tablename__ = "merge_task"
    __replication__ = Replication("department", column="department_id")

    record_table: Mapped[str] = mapped_column(String(60))
    survivor_id: Mapped[str] = mapped_column(String(36), index=True)
    duplicate_id: Mapped[str] = mapped_column(String(36), index=True)
    match_field: Mapped[str | None] = mapped_column(String(20), nullable=True)
    status: Mapped[str] = mapped_column(String(20), default=TaskStatus.OPEN.value, index=True)
    # True when the server merged on its own (same USCC or phone from two offline clients).
    automatic: Mapped[bool] = mapped_column(Boolean, default=False)
    department_id: Mapped[str | None] = fk("department.id", nullable=True, index=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    mutation_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    moved: Mapped[dict | None] = mapped_column(JSON, nullable=True)
    resolved_by: Mapped[str | None] = fk("app_user.id", nullable=True)
    resolved_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    note: Mapped[str | None] = mapped_column(Text, nullable=True)
