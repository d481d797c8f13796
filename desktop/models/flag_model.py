"""Flags on posted facts for managers: open ones first, newest first; resolved ones on request."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.models.paged_model import Column, PagedTableModel
from desktop.tasks import Changes
from domain.models import Customer, Flag, User

CONTEXT = "FlagModel"
OPEN = "open"
# Roles that see the Flags page and may run flag.resolve.
MANAGER_ROLES = frozenset({"manager", "admin"})


class FlagModel(PagedTableModel):
    """`filter` is True to include resolved flags, False for open ones only."""

    # "What to do" is a sentence, so it comes last and takes the free width.
    columns = (
        Column("raised_at", CONTEXT, QT_TRANSLATE_NOOP("FlagModel", "Raised"), width=125),
        Column("document", CONTEXT, QT_TRANSLATE_NOOP("FlagModel", "Document"), width=235),
        Column("rule", CONTEXT, QT_TRANSLATE_NOOP("FlagModel", "Rule broken"), width=270),
        Column("state", CONTEXT, QT_TRANSLATE_NOOP("FlagModel", "State"), width=130),
        Column("advice", CONTEXT, QT_TRANSLATE_NOOP("FlagModel", "What to do")),
    )
    tables = frozenset({"flag"})

    def load_page(self, session: Session, filter_value: Any, after: dict[str, Any] | None, limit: int) -> list[dict[str, Any]]:
        query = select(Flag)
        if not filter_value:
            query = query.where(Flag.status == OPEN)
        if after is not None:
            query = query.where(
                (Flag.raised_at < after["raised_at_raw"])
                | ((Flag.raised_at == after["raised_at_raw"]) & (Flag.id < after["id"]))
            )
        query = query.order_by(Flag.raised_at.desc(), Flag.id.desc()).limit(limit)
        return [_row(session, flag) for flag in session.scalars(query)]

    def load_ids(self, session: Session, ids: set[str]) -> dict[str, dict[str, Any]]:
        query = select(Flag).where(Flag.id.in_(ids))
        if not self.filter:
            query = query.where(Flag.status == OPEN)
        return {flag.id: _row(session, flag) for flag in session.scalars(query)}

    def changed_row_ids(self, session: Session, changes: Changes) -> set[str] | None:
        ids = changes.ids_of("flag")
        return None if ids is None else set(ids)

    def data(self, index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # The whole sentence as a tooltip, for a cell narrower than its wrapped text.
        if role == Qt.ItemDataRole.ToolTipRole:
            return super().data(index, Qt.ItemDataRole.DisplayRole)
        return super().data(index, role)

    def display(self, row: dict[str, Any], column: Column) -> str:
        from desktop.i18n import translate
        from desktop.messages import flag_advice, message_for

        if column.key == "rule":
            return message_for(row["code"], row["params"])
        if column.key == "advice":
            return flag_advice(row["code"])
        if column.key == "document":
            return document_label(row["record_table"], row["document_number"] or row["record_label"])
        if column.key == "state":
            if row["status"] == OPEN:
                return translate("FlagModel", "Open")
            if not row["resolution_note"]:
                # A merge without a note resolves the customer's duplicate flag.
                return translate("FlagModel", "Resolved by {user}").format(user=row["resolved_by"])
            return translate("FlagModel", "Resolved by {user}: {note}").format(
                user=row["resolved_by"], note=row["resolution_note"]
            )
        return super().display(row, column)


def count_open_flags(session: Session) -> int:
    """Count the flags of the replica still open (the replica holds only the user's departments' flags)."""
    return session.scalar(select(func.count()).select_from(Flag).where(Flag.status == OPEN)) or 0


def document_label(table: str, number: str) -> str:
    """Return "Delivery note DN-..." for a flagged record, in the current language."""
    from desktop.i18n import translate

    kinds = {
        "delivery_note": translate("FlagModel", "Delivery note {number}"),
        "goods_receipt": translate("FlagModel", "Goods receipt {number}"),
        "payment_received": translate("FlagModel", "Payment {number}"),
        "stock_transfer": translate("FlagModel", "Stock transfer {number}"),
        "receipt_confirmation": translate("FlagModel", "Receipt confirmation {number}"),
        "sales_order": translate("FlagModel", "Order {number}"),
        "customer": translate("FlagModel", "Customer {number}"),
    }
    return kinds.get(table, "{number}").format(number=number)


def record_label(session: Session, flag: Flag) -> str:
    """Return what identifies a flagged record without a document number: a customer's code and name, else the id."""
    if flag.record_table == "customer":
        customer = session.get(Customer, flag.record_id)
        if customer is not None:
            return f"{customer.code} {customer.name}"
        # Outside the replica (another department, or purged): the names the flag was raised with.
        params = flag.params or {}
        if params.get("customer_code"):
            return f"{params['customer_code']} {params.get('name', '')}".strip()
    return flag.record_id


def _row(session: Session, flag: Flag) -> dict[str, Any]:
    resolver = session.get(User, flag.resolved_by) if flag.resolved_by else None
    return {
        "id": flag.id,
        "raised_at_raw": flag.raised_at,
        "raised_at": flag.raised_at.astimezone().strftime("%Y-%m-%d %H:%M"),
        "code": flag.code,
        "params": dict(flag.params or {}),
        "record_table": flag.record_table,
        "record_id": flag.record_id,
        "record_label": record_label(session, flag),
        "document_number": flag.document_number,
        "status": flag.status,
        "resolved_by": resolver.display_name if resolver is not None else "",
        "resolution_note": flag.resolution_note,
    }
