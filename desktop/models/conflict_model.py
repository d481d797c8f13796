"""The conflict log: master-data fields where another user's later change replaced this user's value.

The server keeps each losing value in a conflict record that replicates to
its author only. A record counts as applied again once the field contains the
losing value again, so the list needs no extra state of its own.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP
from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.models.paged_model import Column, PagedTableModel
from desktop.tasks import Changes
from domain.models import ConflictRecord, Customer, User

CONTEXT = "ConflictModel"

# Record tables whose fields can be applied again, with the command that updates them.
UPDATE_COMMANDS = {"customer": "customer.update"}


@dataclasses.dataclass(frozen=True)
class ApplyAgain:
    """The command that writes a losing value back, with the value it is based on."""

    command: str
    payload: dict[str, Any]


def same_value(left: Any, right: Any) -> bool:
    """Compare two field values as the server's merge does: money and quantities by number."""
    if left is None or right is None:
        return left is None and right is None
    try:
        return Decimal(str(left)) == Decimal(str(right))
    except (InvalidOperation, ValueError):
        return str(left) == str(right)


def apply_again_command(row: dict[str, Any]) -> ApplyAgain | None:
    """Return the update that sets the field back to the losing value, or None when no command updates that table.

    The base is the value shown now, so the server records a new conflict
    only when someone changed the field again after this list was loaded.
    """
    command = UPDATE_COMMANDS.get(row["record_table"])
    if command is None or not row["record_exists"]:
        return None
    field = row["field"]
    payload = {"id": row["record_id"], "fields": {field: row["losing_value"]}, "base": {field: row["current_value"]}}
    return ApplyAgain(command, payload)


class ConflictModel(PagedTableModel):
    """Conflict records of the signed-in user, newest first."""

    columns = (
        Column("occurred_at", CONTEXT, QT_TRANSLATE_NOOP("ConflictModel", "When"), width=125),
        Column("record", CONTEXT, QT_TRANSLATE_NOOP("ConflictModel", "Record"), width=190),
        Column("field", CONTEXT, QT_TRANSLATE_NOOP("ConflictModel", "Field"), width=90),
        Column("losing_value", CONTEXT, QT_TRANSLATE_NOOP("ConflictModel", "Your value"), width=150),
        Column("winning_value", CONTEXT, QT_TRANSLATE_NOOP("ConflictModel", "Value kept"), width=150),
        Column("winner", CONTEXT, QT_TRANSLATE_NOOP("ConflictModel", "Changed by"), width=100),
        Column("state", CONTEXT, QT_TRANSLATE_NOOP("ConflictModel", "State")),
    )
    tables = frozenset({"conflict_record", "customer"})

    def load_page(self, session: Session, filter_value: Any, after: dict[str, Any] | None, limit: int) -> list[dict[str, Any]]:
        query = select(ConflictRecord)
        if after is not None:
            query = query.where(
                (ConflictRecord.occurred_at < after["occurred_at_raw"])
                | ((ConflictRecord.occurred_at == after["occurred_at_raw"]) & (ConflictRecord.id < after["id"]))
            )
        query = query.order_by(ConflictRecord.occurred_at.desc(), ConflictRecord.id.desc()).limit(limit)
        return [_row(session, record) for record in session.scalars(query)]

    def load_ids(self, session: Session, ids: set[str]) -> dict[str, dict[str, Any]]:
        records = session.scalars(select(ConflictRecord).where(ConflictRecord.id.in_(ids)))
        return {record.id: _row(session, record) for record in records}

    def changed_row_ids(self, session: Session, changes: Changes) -> set[str] | None:
        if changes.touches("customer"):
            # The state column follows the customer's current value.
            return None
        ids = changes.ids_of("conflict_record")
        return None if ids is None else set(ids)

    def display(self, row: dict[str, Any], column) -> str:
        from desktop.i18n import translate

        if column.key == "field":
            return field_label(row["field"])
        if column.key == "state":
            if row["applied_again"]:
                return translate("ConflictModel", "Your value is back")
            if not row["record_exists"]:
                return translate("ConflictModel", "Record deleted")
            return translate("ConflictModel", "Not applied again")
        if column.key in ("losing_value", "winning_value"):
            value = row[column.key]
            return translate("ConflictModel", "(empty)") if value in (None, "") else str(value)
        return super().display(row, column)


def field_label(field: str) -> str:
    """Return the translated name of a customer field; an unknown field shows its column name."""
    from desktop.i18n import translate

    labels = {
        "code": translate("ConflictModel", "Code"),
        "name": translate("ConflictModel", "Name"),
        "phone": translate("ConflictModel", "Phone"),
        "address": translate("ConflictModel", "Address"),
        "notes": translate("ConflictModel", "Notes"),
        "credit_limit": translate("ConflictModel", "Credit limit"),
        "payment_terms_days": translate("ConflictModel", "Payment terms (days)"),
        "uscc": translate("ConflictModel", "Unified social credit code"),
        "mnemonic": translate("ConflictModel", "Mnemonic"),
        "active": translate("ConflictModel", "Active"),
    }
    return labels.get(field, field)


def _row(session: Session, record: ConflictRecord) -> dict[str, Any]:
    current: Any = None
    record_label = record.record_id
    exists = False
    if record.record_table == "customer":
        customer = session.get(Customer, record.record_id)
        if customer is not None:
            exists = customer.deleted_at is None
            record_label = f"{customer.code} {customer.name}"
            current = getattr(customer, record.field, None)
    if isinstance(current, Decimal):
        current = str(current)
    winner = session.get(User, record.winning_user_id) if record.winning_user_id else None
    occurred: dt.datetime = record.occurred_at
    return {
        "id": record.id,
        "occurred_at_raw": occurred,
        "occurred_at": occurred.astimezone().strftime("%Y-%m-%d %H:%M"),
        "record_table": record.record_table,
        "record_id": record.record_id,
        "record": record_label,
        "field": record.field,
        "losing_value": record.losing_value,
        "winning_value": record.winning_value,
        "current_value": current,
        "winner": winner.display_name if winner is not None else "",
        "record_exists": exists,
        "applied_again": exists and same_value(current, record.losing_value),
    }
