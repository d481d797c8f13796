"""Replica queries behind the Administration lists: one function per table, rows as plain dicts.

Soft-deleted rows are left out; inactive ones stay, because deactivating is
how an administrator retires a department, user or warehouse.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from domain.models import CustomerCategory, Department, User, Warehouse


@dataclasses.dataclass(frozen=True)
class DepartmentChoice:
    """A department as a drop-down entry: its id, "code name" text and whether it is active."""

    id: str
    text: str
    active: bool


def _department_texts(session: Session) -> dict[str, str]:
    return {row.id: f"{row.code} {row.name}" for row in session.scalars(select(Department))}


def department_choices(session: Session) -> list[DepartmentChoice]:
    """Return the departments that are not deleted, by code, for the department drop-downs."""
    rows = session.scalars(select(Department).where(Department.deleted_at.is_(None)).order_by(Department.code))
    return [DepartmentChoice(row.id, f"{row.code} {row.name}", bool(row.active)) for row in rows]


def load_departments(session: Session) -> list[dict[str, Any]]:
    texts = _department_texts(session)
    rows = session.scalars(select(Department).where(Department.deleted_at.is_(None)).order_by(Department.code))
    return [{
        "id": row.id, "code": row.code, "name": row.name, "parent_id": row.parent_id,
        "parent": texts.get(row.parent_id, "") if row.parent_id else "", "active": bool(row.active),
    } for row in rows]


def load_users(session: Session) -> list[dict[str, Any]]:
    texts = _department_texts(session)
    rows = session.scalars(select(User).where(User.deleted_at.is_(None)).order_by(User.username))
    return [{
        "id": row.id, "username": row.username, "display_name": row.display_name, "role": row.role,
        "department_id": row.department_id,
        "department": texts.get(row.department_id, "") if row.department_id else "",
        "phone": row.phone, "active": bool(row.active),
    } for row in rows]


def load_warehouses(session: Session) -> list[dict[str, Any]]:
    texts = _department_texts(session)
    rows = session.scalars(select(Warehouse).where(Warehouse.deleted_at.is_(None)).order_by(Warehouse.code))
    return [{
        "id": row.id, "code": row.code, "name": row.name, "department_id": row.department_id,
        "department": texts.get(row.department_id, row.department_id or ""),
        "negative_stock_policy": row.negative_stock_policy, "address": row.address, "active": bool(row.active),
    } for row in rows]


def load_categories(session: Session) -> list[dict[str, Any]]:
    rows = session.scalars(
        select(CustomerCategory).where(CustomerCategory.deleted_at.is_(None)).order_by(CustomerCategory.code)
    )
    return [{
        "id": row.id, "code": row.code, "name": row.name, "payment_terms_days": row.payment_terms_days,
        "price_level": row.price_level, "default_credit_limit": row.default_credit_limit,
    } for row in rows]
