"""Resolving a duplicate task: merge two customers into one (customer.merge) or dismiss the task (intentions).

The merge keeps the surviving customer and folds the duplicate into it.
Contacts, addresses, invoicing details, follow-ups and open documents move
to the survivor. Posted documents and ledger entries stay where they are,
and the duplicate's receivable balance moves by two new transfer entries.
Every row the merge creates has a derived id, so the client's optimistic
run and the server's run write the same rows.
"""

from __future__ import annotations

import logging
from decimal import Decimal
from typing import Any

from pydantic import Field
from sqlalchemy import or_, select

from domain.commands.framework import CommandContext, CommandKind, CommandRejected, ScopeRef, command
from domain.commands.handlers.common import author, require
from domain.commands.handlers.duplicates import POSSIBLE_DUPLICATE
from domain.commands.handlers.flags import OPEN as OPEN_FLAG
from domain.commands.handlers.flags import RESOLVED as RESOLVED_FLAG
from domain.commands.handlers.fields import Id, Payload
from domain.models import (
    Customer,
    CustomerContact,
    DuplicateTask,
    Flag,
    FollowUp,
    InvoicingDetails,
    MergeTask,
    OrderStatus,
    Quotation,
    QuotationStatus,
    ReceivableEntryType,
    SalesOrder,
    ShippingAddress,
    TaskStatus,
)
from domain.money import ZERO
from domain.posting.periods import posting_dates
from domain.posting.receivables import balance, post_entry

log = logging.getLogger(__name__)

MERGE_ROLES = ("manager", "admin")
MERGED = "merged"
NOT_DUPLICATE = "not_duplicate"
# The ledger entries of a merge name the duplicate task as their document.
MERGE_DOCUMENT_TYPE = "duplicate_task"

# Orders that still change: a delivery against them after the merge must post to the survivor.
OPEN_ORDER_STATUSES = (
    OrderStatus.DRAFT.value, OrderStatus.SUBMITTED.value, OrderStatus.APPROVED.value,
    OrderStatus.PARTLY_DELIVERED.value,
)
OPEN_QUOTATION_STATUSES = (QuotationStatus.DRAFT.value, QuotationStatus.SENT.value)
# Rows that belong to the party rather than to a document, moved whatever their state.
PARTY_DETAIL_MODELS = (CustomerContact, ShippingAddress, InvoicingDetails, FollowUp)


class CustomerMerge(Payload):
    task_id: Id
    # One of the task's two customers; the other one is folded into it.
    survivor_id: Id
    note: str | None = Field(default=None, max_length=2000)


class DuplicateDismiss(Payload):
    task_id: Id
    # Why the two are different parties, for the next reader; blank notes are invalid.
    note: str = Field(min_length=1, max_length=2000, pattern=r"\S")


def _scope(ctx: CommandContext, payload: CustomerMerge | DuplicateDismiss) -> list[ScopeRef]:
    task = ctx.session.get(DuplicateTask, payload.task_id)
    if task is None:
        return []
    refs = [ScopeRef("department", task.department_id)]
    for customer_id in (task.record_id, task.other_record_id):
        customer = ctx.session.get(Customer, customer_id)
        if customer is not None:
            refs.append(ScopeRef("department", customer.department_id))
    return refs


def _open_task(ctx: CommandContext, task_id: str) -> DuplicateTask:
    task = require(ctx.session, DuplicateTask, task_id, "task_id")
    if task.status != TaskStatus.OPEN.value:
        raise CommandRejected("task_already_resolved", id=task.id, status=task.status,
                              resolution=task.resolution or "")
    return task


def _live_customer(ctx: CommandContext, customer_id: str) -> Customer:
    customer = require(ctx.session, Customer, customer_id, "survivor_id")
    if customer.deleted_at is not None:
        raise CommandRejected("record_deleted", table="customer", id=customer.id, name=customer.name)
    return customer


@command("customer.merge", kind=CommandKind.INTENTION, roles=MERGE_ROLES, payload=CustomerMerge, scope=_scope)
def merge_customers(ctx: CommandContext, payload: CustomerMerge) -> dict[str, Any]:
    """Fold the task's other customer into `survivor_id` and close the task as merged."""
    task = _open_task(ctx, payload.task_id)
    if task.record_table != "customer":
        raise CommandRejected("task_not_customer", id=task.id, table=task.record_table)
    pair = (task.record_id, task.other_record_id)
    if payload.survivor_id not in pair:
        raise CommandRejected("survivor_not_in_task", id=task.id, survivor_id=payload.survivor_id)
    duplicate_id = pair[1] if payload.survivor_id == pair[0] else pair[0]
    survivor = _live_customer(ctx, payload.survivor_id)
    duplicate = _live_customer(ctx, duplicate_id)

    moved: dict[str, list[str]] = {}
    for model in PARTY_DETAIL_MODELS:
        moved[model.__tablename__] = _repoint(ctx, model, duplicate.id, survivor.id)
    moved["sales_order"] = _repoint(ctx, SalesOrder, duplicate.id, survivor.id,
                                    SalesOrder.status.in_(OPEN_ORDER_STATUSES))
    moved["quotation"] = _repoint(ctx, Quotation, duplicate.id, survivor.id,
                                  Quotation.status.in_(OPEN_QUOTATION_STATUSES))
    _keep_one_primary_contact(ctx, survivor.id, moved["customer_contact"])
    amount = _move_balance(ctx, task, duplicate, survivor)

    merge_task = MergeTask(
        id=ctx.derived_id("merge_task"),
        record_table="customer",
        survivor_id=survivor.id,
        duplicate_id=duplicate.id,
        match_field=task.match_field,
        status=TaskStatus.DONE.value,
        automatic=False,
        department_id=task.department_id,
        created_at=ctx.now,
        mutation_id=ctx.mutation_id,
        moved={table: ids for table, ids in moved.items() if ids},
        resolved_by=ctx.actor.user_id,
        resolved_at=ctx.now,
        note=payload.note,
    )
    ctx.session.add(merge_task)
    ctx.session.flush()

    duplicate.merged_into_id = survivor.id
    duplicate.deleted_at = ctx.now
    authors = dict(duplicate.field_authors or {})
    authors["deleted_at"] = author(ctx)
    authors["merged_into_id"] = author(ctx)
    duplicate.field_authors = authors

    _close(ctx, task, MERGED, payload.note, merge_task.id)
    _resolve_duplicate_flags(ctx, task, payload.note)
    redirected = _redirect_other_tasks(ctx, task.id, duplicate.id, survivor.id)
    log.info("customer %s merged into %s (task %s): moved %s, balance %s, %d other tasks redirected",
             duplicate.id, survivor.id, task.id, {t: len(ids) for t, ids in moved.items()}, amount, len(redirected))
    return {
        "task_id": task.id,
        "merge_task_id": merge_task.id,
        "survivor_id": survivor.id,
        "duplicate_id": duplicate.id,
        "moved": {table: len(ids) for table, ids in moved.items()},
        "balance_moved": str(amount),
    }


@command("duplicate_task.dismiss", kind=CommandKind.INTENTION, roles=MERGE_ROLES, payload=DuplicateDismiss,
         scope=_scope)
def dismiss_duplicate(ctx: CommandContext, payload: DuplicateDismiss) -> dict[str, Any]:
    """Close the task as "not a duplicate"; the duplicate check then no longer pairs the two."""
    task = _open_task(ctx, payload.task_id)
    _close(ctx, task, NOT_DUPLICATE, payload.note.strip(), None)
    _resolve_duplicate_flags(ctx, task, payload.note.strip())
    log.info("duplicate task %s dismissed by %s", task.id, ctx.actor.user_id)
    return {"task_id": task.id, "status": task.status}


def _repoint(ctx: CommandContext, model: type, from_id: str, to_id: str, *conditions) -> list[str]:
    """Set customer_id to `to_id` on the rows of `model` that point at `from_id`; return their ids.

    Rows are loaded and changed through the ORM, because the change tracker
    records the rows a command wrote from the session's flushes.
    """
    rows = ctx.session.scalars(
        select(model).where(model.customer_id == from_id, *conditions).order_by(model.id)
    ).all()
    for row in rows:
        row.customer_id = to_id
    return [row.id for row in rows]


def _keep_one_primary_contact(ctx: CommandContext, survivor_id: str, moved_ids: list[str]) -> None:
    """Keep the survivor's own primary contact; moved contacts lose the primary mark if it has one."""
    ctx.session.flush()
    has_primary = ctx.session.execute(select(CustomerContact.id).where(
        CustomerContact.customer_id == survivor_id,
        CustomerContact.is_primary.is_(True),
        CustomerContact.id.not_in(moved_ids),
    ).limit(1)).first() is not None
    if not has_primary:
        return
    for contact in ctx.session.scalars(select(CustomerContact).where(
        CustomerContact.id.in_(moved_ids), CustomerContact.is_primary.is_(True),
    )):
        contact.is_primary = False


def _move_balance(ctx: CommandContext, task: DuplicateTask, duplicate: Customer, survivor: Customer) -> Decimal:
    """Post the duplicate's balance out of it and into the survivor; return the amount moved.

    The amount is the sum of the duplicate's entries (negative for a
    prepayment), already in cents, so no rounding happens here. Entries
    already posted stay untouched.
    """
    amount = balance(ctx.session, duplicate.id)
    if amount == ZERO:
        return ZERO
    dates = posting_dates(ctx.session, ctx.today, ctx.today)
    note = f"{duplicate.code} → {survivor.code}"
    post_entry(
        ctx.session, entry_id=ctx.derived_id("merge_entry", "out"), customer_id=duplicate.id,
        entry_type=ReceivableEntryType.TRANSFER.value, amount=-amount,
        document_type=MERGE_DOCUMENT_TYPE, document_id=task.id, document_number=None, dates=dates,
        department_id=duplicate.department_id, note=note,
    )
    post_entry(
        ctx.session, entry_id=ctx.derived_id("merge_entry", "in"), customer_id=survivor.id,
        entry_type=ReceivableEntryType.TRANSFER.value, amount=amount,
        document_type=MERGE_DOCUMENT_TYPE, document_id=task.id, document_number=None, dates=dates,
        department_id=survivor.department_id, note=note,
    )
    return amount


def _close(ctx: CommandContext, task: DuplicateTask, resolution: str, note: str | None,
           merge_task_id: str | None) -> None:
    task.status = TaskStatus.DONE.value if resolution == MERGED else TaskStatus.DISMISSED.value
    task.resolution = resolution
    task.resolved_by = ctx.actor.user_id
    task.resolved_at = ctx.now
    task.merge_task_id = merge_task_id
    if note:
        task.note = note


def _resolve_duplicate_flags(ctx: CommandContext, task: DuplicateTask, note: str | None) -> list[str]:
    """Resolve the open possible_duplicate flags raised with the task, because deciding the task settles them.

    The flag names one customer of the pair as its record and the other in
    its params (domain.commands.handlers.duplicates). Returns the flag ids.
    """
    pair = {task.record_id, task.other_record_id}
    flags = ctx.session.scalars(select(Flag).where(
        Flag.code == POSSIBLE_DUPLICATE,
        Flag.status == OPEN_FLAG,
        Flag.record_table == "customer",
        Flag.record_id.in_(sorted(pair)),
    ).order_by(Flag.id)).all()
    resolved = []
    for flag in flags:
        if (flag.params or {}).get("other_id") not in pair:
            continue
        flag.status = RESOLVED_FLAG
        flag.resolved_by = ctx.actor.user_id
        flag.resolved_at = ctx.now
        flag.resolution_note = note or None
        resolved.append(flag.id)
    return resolved


def _redirect_other_tasks(ctx: CommandContext, task_id: str, duplicate_id: str, survivor_id: str) -> list[str]:
    """Point the other open tasks that name the duplicate at the survivor.

    A task that then pairs the survivor with itself is closed as merged.
    """
    tasks = ctx.session.scalars(select(DuplicateTask).where(
        DuplicateTask.id != task_id,
        DuplicateTask.status == TaskStatus.OPEN.value,
        or_(DuplicateTask.record_id == duplicate_id, DuplicateTask.other_record_id == duplicate_id),
    ).order_by(DuplicateTask.id)).all()
    for other in tasks:
        if other.record_id == duplicate_id:
            other.record_id = survivor_id
        if other.other_record_id == duplicate_id:
            other.other_record_id = survivor_id
        if other.record_id == other.other_record_id:
            _close(ctx, other, MERGED, None, None)
    return [other.id for other in tasks]
