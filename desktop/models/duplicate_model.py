"""Open duplicate tasks on customers, newest first, each with both customers side by side."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from desktop.i18n import translate
from desktop.models.paged_model import Column, PagedTableModel
from desktop.tasks import Changes
from domain.models import Customer, DuplicateTask, PaymentReceived, SalesOrder, TaskStatus
from domain.money import ZERO
from domain.posting.receivables import balance

CONTEXT = "DuplicateModel"
CUSTOMER_COLUMNS = ("id", "code", "name", "phone", "uscc", "address")


def _customer(session: Session, customer_id: str) -> dict[str, Any]:
    customer = session.get(Customer, customer_id)
    if customer is None:
        # Outside the replica's scope (another department): show the id so the task stays readable.
        return {"id": customer_id, "code": "", "name": customer_id, "phone": None, "uscc": None, "address": None,
                "orders": 0, "payments": 0, "balance": ZERO}
    values = {column: getattr(customer, column) for column in CUSTOMER_COLUMNS}
    values["orders"] = session.scalar(
        select(func.count()).select_from(SalesOrder).where(SalesOrder.customer_id == customer_id)) or 0
    values["payments"] = session.scalar(
        select(func.count()).select_from(PaymentReceived).where(PaymentReceived.customer_id == customer_id)) or 0
    values["balance"] = balance(session, customer_id)
    return values


def preferred_survivor(row: dict[str, Any]) -> str:
    """Return "first" or "second": the customer of a task that a merge should keep by default.

    The one with more history (orders and payments, then a balance) wins,
    because merging it away would move the most records. On a tie the older
    one wins: ids are UUIDv7, so the smaller id was created first.
    """
    def rank(key: str) -> tuple:
        customer = row[key]
        history = customer.get("orders", 0) + customer.get("payments", 0)
        has_balance = customer.get("balance", ZERO) != ZERO
        return (-history, not has_balance, customer["id"])

    return "first" if rank("first") <= rank("second") else "second"


def history_text(customer: dict[str, Any]) -> str:
    """Return "Orders: 3, payments: 1, balance: 120.00" for the merge dialog."""
    from desktop.models.order_models import format_money

    return translate("DuplicateModel", "Orders: {orders}, payments: {payments}, balance: {balance}").format(
        orders=customer.get("orders", 0), payments=customer.get("payments", 0),
        balance=format_money(customer.get("balance", ZERO)))


def _row(session: Session, task: DuplicateTask) -> dict[str, Any]:
    return {
        "id": task.id,
        "detected_at_raw": task.detected_at,
        "detected_at": task.detected_at.astimezone().strftime("%Y-%m-%d %H:%M"),
        "match_field": task.match_field,
        "match_value": task.match_value,
        "similarity": task.similarity,
        "first": _customer(session, task.record_id),
        "second": _customer(session, task.other_record_id),
    }


def count_open_tasks(session: Session) -> int:
    """Count the open duplicate tasks on customers in the replica (the user's departments only)."""
    return session.scalar(select(func.count()).select_from(DuplicateTask).where(
        DuplicateTask.status == TaskStatus.OPEN.value, DuplicateTask.record_table == "customer",
    )) or 0


def reason_text(reason: str, value: str) -> str:
    """Return why two customers matched, in words: "Same phone: 13912345678"."""
    if reason == "uscc":
        return translate("DuplicateModel", "Same unified social credit code: {value}").format(value=value)
    if reason == "phone":
        return translate("DuplicateModel", "Same phone: {value}").format(value=value)
    return translate("DuplicateModel", "Similar name: {value}").format(value=value)


def customer_text(customer: dict[str, Any]) -> str:
    """Return a customer as its lines: "code name", then phone, USCC and address when set."""
    lines = [f"{customer['code']} {customer['name']}".strip()]
    lines += [customer[key] for key in ("phone", "uscc", "address") if customer.get(key)]
    return "\n".join(lines)


class DuplicateModel(PagedTableModel):
    columns = (
        Column("detected_at", CONTEXT, QT_TRANSLATE_NOOP("DuplicateModel", "Detected"), width=125),
        Column("reason", CONTEXT, QT_TRANSLATE_NOOP("DuplicateModel", "Reason"), width=230),
        Column("first", CONTEXT, QT_TRANSLATE_NOOP("DuplicateModel", "Customer"), width=280),
        Column("second", CONTEXT, QT_TRANSLATE_NOOP("DuplicateModel", "Possible duplicate")),
    )
    tables = frozenset({"duplicate_task", "customer"})

    def load_page(self, session: Session, filter_value: Any, after: dict[str, Any] | None, limit: int) -> list[dict[str, Any]]:
        query = select(DuplicateTask).where(
            DuplicateTask.status == TaskStatus.OPEN.value, DuplicateTask.record_table == "customer",
        )
        if after is not None:
            query = query.where(
                (DuplicateTask.detected_at < after["detected_at_raw"])
                | ((DuplicateTask.detected_at == after["detected_at_raw"]) & (DuplicateTask.id < after["id"]))
            )
        query = query.order_by(DuplicateTask.detected_at.desc(), DuplicateTask.id.desc()).limit(limit)
        return [_row(session, task) for task in session.scalars(query)]

    def load_ids(self, session: Session, ids: set[str]) -> dict[str, dict[str, Any]]:
        query = select(DuplicateTask).where(DuplicateTask.id.in_(ids), DuplicateTask.status == TaskStatus.OPEN.value)
        return {task.id: _row(session, task) for task in session.scalars(query)}

    def changed_row_ids(self, session: Session, changes: Changes) -> set[str] | None:
        task_ids = changes.ids_of("duplicate_task")
        customer_ids = changes.ids_of("customer")
        if task_ids is None or customer_ids is None:
            return None
        ids = set(task_ids)
        if customer_ids:
            # An edited customer changes the text of the tasks that show it.
            ids.update(session.scalars(select(DuplicateTask.id).where(
                DuplicateTask.status == TaskStatus.OPEN.value,
                or_(DuplicateTask.record_id.in_(customer_ids), DuplicateTask.other_record_id.in_(customer_ids)),
            )))
        return ids

    def data(self, index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole:
            return super().data(index, Qt.ItemDataRole.DisplayRole)
        return super().data(index, role)

    def display(self, row: dict[str, Any], column: Column) -> str:
        if column.key in ("first", "second"):
            return customer_text(row[column.key])
        if column.key == "reason":
            return reason_text(row["match_field"], row["match_value"] or "")
        return super().display(row, column)
