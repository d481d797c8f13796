"""Customers from the replica, a page at a time, filtered by name, code, phone or mnemonic."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP
from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from desktop.models.paged_model import Column, PagedTableModel
from desktop.tasks import Changes
from domain.models import Customer

CONTEXT = "CustomerModel"


def like_pattern(text: str, *, prefix_only: bool = False) -> str:
    """Return a LIKE pattern matching `text` literally (escape character "\\")."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"{escaped}%" if prefix_only else f"%{escaped}%"


class CustomerModel(PagedTableModel):
    columns = (
        Column("code", CONTEXT, QT_TRANSLATE_NOOP("CustomerModel", "Code"), width=110),
        Column("name", CONTEXT, QT_TRANSLATE_NOOP("CustomerModel", "Name"), width=320),
        Column("phone", CONTEXT, QT_TRANSLATE_NOOP("CustomerModel", "Phone"), width=150),
        Column("address", CONTEXT, QT_TRANSLATE_NOOP("CustomerModel", "Address")),
    )
    tables = frozenset({"customer"})

    def load_page(self, session: Session, filter_value: Any, after: dict[str, Any] | None, limit: int) -> list[dict[str, Any]]:
        query = select(Customer.id, Customer.code, Customer.name, Customer.phone, Customer.address).where(
            Customer.deleted_at.is_(None), Customer.merged_into_id.is_(None)
        )
        text = (filter_value or "").strip()
        if text:
            pattern = like_pattern(text)
            query = query.where(
                or_(
                    Customer.name.like(pattern, escape="\\"),
                    Customer.code.like(pattern, escape="\\"),
                    Customer.phone.like(pattern, escape="\\"),
                    Customer.mnemonic.like(like_pattern(text.lower(), prefix_only=True), escape="\\"),
                )
            )
        if after is not None:
            query = query.where(Customer.code > after["code"])
        query = query.order_by(Customer.code).limit(limit)
        return [dict(row._mapping) for row in session.execute(query)]

    def load_ids(self, session: Session, ids: set[str]) -> dict[str, dict[str, Any]]:
        query = select(Customer.id, Customer.code, Customer.name, Customer.phone, Customer.address).where(
            and_(Customer.id.in_(ids), Customer.deleted_at.is_(None), Customer.merged_into_id.is_(None))
        )
        return {row.id: dict(row._mapping) for row in session.execute(query)}

    def changed_row_ids(self, session: Session, changes: Changes) -> set[str] | None:
        ids = changes.ids_of("customer")
        return None if ids is None else set(ids)
