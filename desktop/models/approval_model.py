"""The managers' approval queue: submitted orders that broke a rule, oldest submission first."""

from __future__ import annotations

import json
import logging
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.models.order_format import format_money
from desktop.models.paged_model import Column, PagedTableModel
from desktop.tasks import Changes
from domain.models import Customer, OrderStatus, SalesOrder, User
from sync.local_tables import OutboxEntry

log = logging.getLogger(__name__)

CONTEXT = "ApprovalModel"
SUBMITTED = OrderStatus.SUBMITTED.value


class ApprovalModel(PagedTableModel):
    """Orders in state "submitted", each with the rules that sent it to a manager."""

    # The broken rules are sentences, so they come last and take the free width.
    columns = (
        Column("number", CONTEXT, QT_TRANSLATE_NOOP("ApprovalModel", "Number"), width=190),
        Column("submitted", CONTEXT, QT_TRANSLATE_NOOP("ApprovalModel", "Submitted"), width=125),
        Column("customer", CONTEXT, QT_TRANSLATE_NOOP("ApprovalModel", "Customer"), width=200),
        Column("entered_by", CONTEXT, QT_TRANSLATE_NOOP("ApprovalModel", "Entered by"), width=110),
        Column("total", CONTEXT, QT_TRANSLATE_NOOP("ApprovalModel", "Total"), align_right=True, width=100),
        Column("reasons", CONTEXT, QT_TRANSLATE_NOOP("ApprovalModel", "Rule broken")),
    )
    tables = frozenset({"sales_order", "customer"})

    def load_page(self, session: Session, filter_value: Any, after: dict[str, Any] | None,
                  limit: int) -> list[dict[str, Any]]:
        # The status index finds the few submitted orders, so sorting them needs no index.
        query = _query().where(SalesOrder.status == SUBMITTED)
        if after is not None:
            query = query.where(
                (SalesOrder.submitted_at > after["submitted_raw"])
                | ((SalesOrder.submitted_at == after["submitted_raw"]) & (SalesOrder.id > after["id"]))
            )
        query = query.order_by(SalesOrder.submitted_at, SalesOrder.id).limit(limit)
        return [_row(values) for values in session.execute(query)]

    def load_ids(self, session: Session, ids: set[str]) -> dict[str, dict[str, Any]]:
        query = _query().where(SalesOrder.status == SUBMITTED, SalesOrder.id.in_(ids))
        return {row["id"]: row for row in (_row(values) for values in session.execute(query))}

    def changed_row_ids(self, session: Session, changes: Changes) -> set[str] | None:
        if changes.touches("customer"):
            return None
        ids = changes.ids_of("sales_order")
        return None if ids is None else set(ids)

    def data(self, index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Several broken rules show one per line, and the tooltip shows them all in a narrow column.
        if role == Qt.ItemDataRole.ToolTipRole:
            return super().data(index, Qt.ItemDataRole.DisplayRole)
        return super().data(index, role)

    def display(self, row: dict[str, Any], column: Column) -> str:
        from desktop.messages import messages_for

        if column.key == "reasons":
            return "\n".join(messages_for(row["reasons"]))
        if column.key == "total":
            return format_money(row["total"])
        return super().display(row, column)


def _query():
    return (
        select(SalesOrder.id, SalesOrder.number, SalesOrder.submitted_at, Customer.name, User.display_name,
               SalesOrder.total_amount, SalesOrder.approval_reasons)
        .join(Customer, Customer.id == SalesOrder.customer_id, isouter=True)
        .join(User, User.id == SalesOrder.created_by, isouter=True)
    )


def _row(values) -> dict[str, Any]:
    order_id, number, submitted_at, customer, entered_by, total, reasons = values
    return {
        "id": order_id,
        "number": number,
        "submitted_raw": submitted_at,
        "submitted": submitted_at.astimezone().strftime("%Y-%m-%d %H:%M") if submitted_at else "",
        "customer": customer or "",
        "entered_by": entered_by or "",
        "total": total,
        "reasons": parse_reasons(reasons),
    }


def parse_reasons(stored: str | None) -> list[dict[str, Any]]:
    """Return the [{"code", "params"}] list stored in sales_order.approval_reasons, or [] for text that is not a list."""
    if not stored:
        return []
    try:
        reasons = json.loads(stored)
    except ValueError:
        log.warning("approval reasons are not JSON: %r", stored[:200])
        return []
    return reasons if isinstance(reasons, list) else []


def count_submitted(session: Session) -> int:
    """Count the replica's orders waiting for approval (the replica holds only the user's scope)."""
    return session.scalar(select(func.count()).select_from(SalesOrder).where(SalesOrder.status == SUBMITTED)) or 0


def count_unsent(session: Session, mutation_ids: set[str]) -> int:
    """Count which of `mutation_ids` are still in the outbox, so the server has not applied them yet."""
    if not mutation_ids:
        return 0
    query = select(func.count()).select_from(OutboxEntry).where(OutboxEntry.mutation_id.in_(mutation_ids))
    return session.scalar(query) or 0
