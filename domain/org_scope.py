"""Changes to the department tree and warehouses that change what users may see.

A user's scope is their department's subtree and the warehouses in it. When a
change moves data into or out of a user's scope, the user's scope_version is
raised, so their clients rebuild the replica at the next pull. The admin
commands and `kaidan-server warehouse move` both go through this module.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from domain.models import Department, Flag, User, Warehouse

log = logging.getLogger(__name__)

# Flag code raised for the old department when a warehouse moves away.
WAREHOUSE_MOVED = "warehouse_moved"


def _children(session: Session) -> dict[str, list[str]]:
    children: dict[str, list[str]] = {}
    for dept_id, parent_id in session.execute(select(Department.id, Department.parent_id)):
        if parent_id is not None:
            children.setdefault(parent_id, []).append(dept_id)
    return children


def _subtree(children: dict[str, list[str]], root_id: str) -> frozenset[str]:
    found = {root_id}
    pending = [root_id]
    while pending:
        for child in children.get(pending.pop(), ()):
            if child not in found:
                found.add(child)
                pending.append(child)
    return frozenset(found)


def department_subtree(session: Session, root_id: str | None) -> frozenset[str]:
    """Return `root_id` and every department below it."""
    if root_id is None:
        return frozenset()
    return _subtree(_children(session), root_id)


def department_ancestors(session: Session, department_id: str | None) -> frozenset[str]:
    """Return the departments above `department_id`, not including it; stops at a cycle."""
    parents = dict(session.execute(select(Department.id, Department.parent_id)).all())
    found: set[str] = set()
    current = parents.get(department_id) if department_id is not None else None
    while current is not None and current not in found:
        found.add(current)
        current = parents.get(current)
    return frozenset(found)


def raise_scope_version(user: User) -> None:
    user.scope_version = (user.scope_version or 1) + 1


def raise_scope_versions(session: Session, department_ids: Iterable[str]) -> int:
    """Raise the scope version of every user whose subtree contains one of `department_ids`; return how many."""
    touched = frozenset(department_ids)
    if not touched:
        return 0
    children = _children(session)
    raised = 0
    for user in session.scalars(select(User).where(User.department_id.is_not(None))):
        if _subtree(children, user.department_id) & touched:
            raise_scope_version(user)
            raised += 1
    return raised


def move_warehouse(
    session: Session, warehouse: Warehouse, department_id: str, *, flag_id: str, now: dt.datetime,
) -> Flag:
    """Move a warehouse to another department, raise the scope version of every user it affects, and record the move.

    The returned flag (id `flag_id`), raised for the old department, shows its
    keepers why the warehouse left their replica. It is also the record that
    lets a fact they recorded there before the move still post. Raises
    ValueError when the department does not exist or is the current one.
    """
    old_id = warehouse.department_id
    old, new = session.get(Department, old_id), session.get(Department, department_id)
    if new is None:
        raise ValueError(f"department {department_id} not found")
    if old_id == department_id:
        raise ValueError(f"warehouse {warehouse.code} is already in department {new.code}")
    warehouse.department_id = department_id
    raise_scope_versions(session, {old_id, department_id})
    flag = Flag(
        id=flag_id, code=WAREHOUSE_MOVED, record_table="warehouse", record_id=warehouse.id,
        department_id=old_id, raised_at=now, status="open",
        params={
            "warehouse_code": warehouse.code,
            "from_department_id": old_id, "from_department": old.code if old else None,
            "to_department_id": department_id, "to_department": new.code,
        },
    )
    session.add(flag)
    session.flush()
    log.info("warehouse %s (%s) moved from department %s to %s", warehouse.code, warehouse.id, old_id, department_id)
    return flag


def raise_scope_versions_in(session: Session, department_ids: Iterable[str]) -> int:
    """Raise the scope version of every user whose own department is one of `department_ids`; return how many."""
    ids = sorted(set(department_ids))
    if not ids:
        return 0
    users = session.scalars(select(User).where(User.department_id.in_(ids))).all()
    for user in users:
        raise_scope_version(user)
    return len(users)
