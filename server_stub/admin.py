"""Server-side changes made outside a pushed command: users, departments, seed data.

Every replicated row written here is stamped with a change number like a
command's rows, so replicas receive it.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterable, Iterator

from sqlalchemy import select
from sqlalchemy.orm import Session

from domain.commands.framework import ChangeTracker
from domain.models import ALL_ROLES, Department, Role, User
from domain.types import utcnow
from server_stub.auth import set_password
from server_stub.changes import finish_command

log = logging.getLogger(__name__)

ROLE_NAMES = sorted(role.value for role in ALL_ROLES)


class AdminError(Exception):
    """An administrative request that cannot be carried out as given."""


@contextlib.contextmanager
def server_change(session: Session) -> Iterator[ChangeTracker]:
    """Track the replicated rows written in the block and stamp them with one change number.

    Call inside a write transaction. The stamp is the last step of the block,
    so commit right after it.
    """
    tracker = ChangeTracker(session)
    try:
        yield tracker
        finish_command(session, tracker, utcnow())
    finally:
        tracker.close()


def write_rows(session: Session, rows: Iterable[object]) -> None:
    """Add replicated rows as one server change (seed data, demo data, tests)."""
    with server_change(session):
        session.add_all(list(rows))


def find_department(session: Session, code: str) -> Department | None:
    return session.execute(select(Department).where(Department.code == code)).scalar_one_or_none()


def add_user(
    session: Session,
    username: str,
    role: str,
    password: str,
    *,
    department_code: str | None = None,
    display_name: str | None = None,
    create_department: bool = False,
) -> User:
    """Create a user with a password, or reset the role, department and password of an existing one."""
    if role not in ROLE_NAMES:
        raise AdminError(f"invalid role {role!r}; expected one of {', '.join(ROLE_NAMES)}")
    if department_code is None and role != Role.ADMIN.value:
        raise AdminError(f"role {role!r} needs --department; only an admin may have none")
    if not password:
        raise AdminError("the password is empty")
    with server_change(session):
        department = None
        if department_code is not None:
            department = find_department(session, department_code)
            if department is None:
                if not create_department:
                    raise AdminError(
                        f"department {department_code!r} not found; "
                        "pass --create-department to create it"
                    )
                department = Department(code=department_code, name=department_code, active=True)
                session.add(department)
                session.flush()
                log.info("created department %s (%s)", department.code, department.id)
        user = session.execute(select(User).where(User.username == username)).scalar_one_or_none()
        department_id = department.id if department is not None else None
        if user is None:
            user = User(
                username=username, display_name=display_name or username, role=role,
                department_id=department_id, active=True, scope_version=1,
            )
            session.add(user)
            session.flush()
            log.info("created user %s (%s) with role %s", username, user.id, role)
        else:
            if user.role != role or user.department_id != department_id:
                user.scope_version = (user.scope_version or 1) + 1
            user.role = role
            user.department_id = department_id
            user.active = True
            if display_name:
                user.display_name = display_name
            log.info("updated user %s (%s): role %s", username, user.id, role)
        set_password(session, user.id, password)
    return user
