"""A user's own saved settings that follow them from PC to PC."""

from __future__ import annotations

from sqlalchemy import JSON, Boolean, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from domain.models.base import Base, Replicated, Replication, fk


class SavedFilter(Replicated, Base):
    """A named filter of a list view; `criteria` contains the field values as JSON."""

    __tablename__ = "saved_filter"
    __replication__ = Replication("self", column="user_id")
    __table_args__ = (UniqueConstraint("user_id", "view", "name"),)

    user_id: Mapped[str] = fk("app_user.id", index=True)
    view: Mapped[str] = mapped_column(String(60))  # e.g. "customer_list"
    name: Mapped[str] = mapped_column(String(100))
    criteria: Mapped[dict] = mapped_column(JSON, default=dict)
    is_default: Mapped[bool] = mapped_column(Boolean, default=False)


class ImportMapping(Replicated, Base):
    """Column mapping of a spreadsheet import, saved per kind of import and reused."""

    __tablename__ = "import_mapping"
    __replication__ = Replication("self", column="user_id")
    __table_args__ = (UniqueConstraint("user_id", "import_kind", "name"),)

    user_id: Mapped[str] = fk("app_user.id", index=True)
    import_kind: Mapped[str] = mapped_column(String(40))  # e.g. "customers", "opening_stock"
    name: Mapped[str] = mapped_column(String(100))
    # Source header text to target field name.
    columns: Mapped[dict] = mapped_column(JSON, default=dict)
