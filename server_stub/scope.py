"""A user's scope: the departments and warehouses they may read and write."""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from typing import Any

from sqlalchemy import ColumnElement, Table, and_, false, func, or_, select
from sqlalchemy.orm import Session

from domain.commands.framework import Actor, ChangeTracker, CommandContext, CommandKind, CommandSpec, validate_payload
from domain.ids import new_id
from domain.models import Base, Flag, Replication, Role, User, Warehouse, hidden_columns
from domain.org_scope import WAREHOUSE_MOVED, department_subtree
from domain.org_scope import move_warehouse as move_warehouse_rows
from domain.permissions import role_sees_cost
from domain.types import utcnow
from server_stub.tables import CommandLog

log = logging.getLogger(__name__)

# Roles that see every department and warehouse.
ALL_SCOPE_ROLES = frozenset({Role.ADMIN.value, Role.MANAGER.value})


def build_actor(session: Session, user: User) -> Actor:
    """Build the Actor for `user` from the current departments and warehouses."""
    all_scope = user.role in ALL_SCOPE_ROLES
    departments = department_subtree(session, user.department_id)
    if departments:
        warehouses = frozenset(
            session.execute(select(Warehouse.id).where(Warehouse.department_id.in_(departments))).scalars()
        )
    else:
        warehouses = frozenset()
    return Actor(
        user_id=user.id,
        role=user.role,
        department_ids=departments,
        warehouse_ids=warehouses,
        sees_cost=role_sees_cost(session, user.role),
        all_scope=all_scope,
    )


# ---------------------------------------------------------------------------
# Row filters: which rows of a replicated table a user receives.


def _replication_by_table() -> dict[str, Replication]:
    found: dict[str, Replication] = {}
    for mapper in Base.registry.mappers:
        table = mapper.local_table
        if table is not None and table.name in Base.metadata.tables:
            found[table.name] = mapper.class_.__replication__
    return found


REPLICATION: dict[str, Replication] = {}


def replication_of(table_name: str) -> Replication:
    if not REPLICATION:
        REPLICATION.update(_replication_by_table())
    return REPLICATION.get(table_name, Replication("all"))


def _in_scope(columns: list[ColumnElement], allowed: frozenset[str]) -> ColumnElement:
    """A row passes when one of `columns` is in `allowed`, or all of them are NULL."""
    values = sorted(allowed)
    if len(columns) == 1:
        return or_(columns[0].is_(None), columns[0].in_(values))
    return or_(and_(*[column.is_(None) for column in columns]), *[column.in_(values) for column in columns])


def row_filter(table_name: str, actor: Actor) -> ColumnElement | None:
    """Return the WHERE clause that limits `table_name` to `actor`'s scope; None for no limit."""
    replication = replication_of(table_name)
    table = Base.metadata.tables[table_name]
    kind = replication.kind
    if kind == "all":
        return None
    if kind == "cost":
        return None if actor.sees_cost else false()
    if kind == "admin":
        return None if actor.all_scope else false()
    if kind == "self":
        return None if actor.all_scope else table.c[replication.column] == actor.user_id
    if actor.all_scope:
        return None
    if kind == "warehouse":
        columns = [table.c[replication.column]] + [table.c[name] for name in replication.any_of]
        return _in_scope(columns, actor.warehouse_ids)
    if kind == "department":
        return _in_scope([table.c[replication.column]], actor.department_ids)
    if kind == "parent":
        parent_filter = row_filter(replication.parent, actor)
        if parent_filter is None:
            return None
        parent = Base.metadata.tables[replication.parent]
        return table.c[replication.column].in_(select(parent.c.id).where(parent_filter))
    raise ValueError(f"unknown replication kind {kind!r} on table {table_name}")


def hidden_for(table: Table, actor: Actor) -> list[str]:
    """Return the columns of `table` sent as NULL to `actor`."""
    return [] if actor.sees_cost else hidden_columns(table)


# ---------------------------------------------------------------------------
# Warehouses that change department, and facts recorded in them before the move.

RECORDED_BEFORE_MOVE = "recorded_before_move"


def move_warehouse(session: Session, warehouse_id: str, department_id: str, *, now: dt.datetime | None = None) -> Flag:
    """Move a warehouse to another department as domain.org_scope.move_warehouse does; return the move's flag.

    Call inside `server_change`, so the warehouse, the users and the flag are
    stamped together. Raises ValueError when the warehouse or the department
    does not exist, or the warehouse is already there.
    """
    warehouse = session.get(Warehouse, warehouse_id)
    if warehouse is None:
        raise ValueError(f"warehouse {warehouse_id} not found")
    return move_warehouse_rows(session, warehouse, department_id, flag_id=new_id(), now=now or utcnow())


@dataclasses.dataclass
class FactScope:
    """The actor a fact runs with: the user's scope plus the warehouses that left it since the device last pushed.

    A keeper who recorded a transfer offline in a warehouse of their
    department still gets it posted after the warehouse moved away, with a
    flag for a manager. "Since the device last pushed" approximates "while
    the device was offline", because a device that pulled after the move has rebuilt
    its replica without the warehouse, so it can no longer record facts there.
    """

    actor: Actor
    # Warehouse id -> the move that took it out of the user's scope.
    moves: dict[str, Flag] = dataclasses.field(default_factory=dict)

    def flag_used(self, ctx: CommandContext, spec: CommandSpec, payload: dict[str, Any],
                  tracker: ChangeTracker, result: dict[str, Any]) -> None:
        """Flag the fact once for each moved warehouse it touched."""
        if not self.moves or spec.scope is None:
            return
        model = validate_payload(spec, payload)
        touched = [ref.id for ref in spec.scope(ctx, model) if ref.kind == "warehouse" and ref.id in self.moves]
        record_id = result.get("id")
        record_table = next(
            (row.table for row in tracker.rows.values() if row.row_id == record_id and row.op == "insert"), spec.name,
        )
        for warehouse_id in dict.fromkeys(touched):
            move = self.moves[warehouse_id]
            ctx.flag(
                RECORDED_BEFORE_MOVE, record_table, str(record_id), document_number=result.get("number"),
                department_id=move.params.get("from_department_id"),
                warehouse_code=move.params.get("warehouse_code"),
                from_department=move.params.get("from_department"), to_department=move.params.get("to_department"),
            )


def fact_scope(session: Session, spec: CommandSpec, actor: Actor, device_id: str, batch_started: dt.datetime) -> FactScope:
    """Return the actor for one command of a push: for a fact, widened by the warehouses moved away since the device last pushed."""
    if spec.kind is not CommandKind.FACT or actor.all_scope:
        return FactScope(actor)
    moves: dict[str, Flag] = {}
    for move in session.scalars(select(Flag).where(Flag.code == WAREHOUSE_MOVED).order_by(Flag.raised_at)):
        left_from = (move.params or {}).get("from_department_id")
        if left_from in actor.department_ids and move.record_id not in actor.warehouse_ids:
            moves[move.record_id] = move
    if not moves:
        return FactScope(actor)
    # Pushes before this one; this push's own commands are logged as they run.
    last_push = session.scalar(
        select(func.max(CommandLog.received_at)).where(
            CommandLog.device_id == device_id, CommandLog.received_at < batch_started,
        )
    )
    # NOTE: a device that never pushed before keeps every earlier move of its
    # departments' warehouses; the flag on each such fact is the only check.
    if last_push is not None:
        moves = {warehouse_id: move for warehouse_id, move in moves.items() if move.raised_at > last_push}
    if not moves:
        return FactScope(actor)
    widened = dataclasses.replace(actor, warehouse_ids=actor.warehouse_ids | frozenset(moves))
    return FactScope(widened, moves)
