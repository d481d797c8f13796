"""A user's scope: the departments and warehouses they may read and write."""

from __future__ import annotations

from sqlalchemy import ColumnElement, Table, and_, false, or_, select
from sqlalchemy.orm import Session

from domain.commands.framework import Actor
from domain.models import Base, Department, Replication, Role, User, Warehouse, hidden_columns

# Roles that see every department and warehouse.
ALL_SCOPE_ROLES = frozenset({Role.ADMIN.value, Role.MANAGER.value})
# Roles that may see cost and purchase prices.
COST_ROLES = frozenset({Role.ADMIN.value, Role.MANAGER.value, Role.FINANCE.value})


def department_subtree(session: Session, root_id: str | None) -> frozenset[str]:
    """Return `root_id` and every department below it."""
    if root_id is None:
        return frozenset()
    children: dict[str, list[str]] = {}
    for dept_id, parent_id in session.execute(select(Department.id, Department.parent_id)):
        if parent_id is not None:
            children.setdefault(parent_id, []).append(dept_id)
    found = {root_id}
    pending = [root_id]
    while pending:
        for child in children.get(pending.pop(), ()):
            if child not in found:
                found.add(child)
                pending.append(child)
    return frozenset(found)


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
        sees_cost=user.role in COST_ROLES,
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
