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


def find_user(session: Session, username: str) -> User | None:
    return session.execute(select(User).where(User.username == username)).scalar_one_or_none()


def _check_role(role: str, department_code: str | None) -> None:
    if role not in ROLE_NAMES:
        raise AdminError(f"invalid role {role!r}; expected one of {', '.join(ROLE_NAMES)}")
    if department_code is None and role != Role.ADMIN.value:
        raise AdminError(f"role {role!r} needs --department; only an admin may have none")


def _department_id(session: Session, department_code: str | None, create_department: bool) -> str | None:
    if department_code is None:
        return None
    department = find_department(session, department_code)
    if department is None:
        if not create_department:
            raise AdminError(f"department {department_code!r} not found; pass --create-department to create it")
        department = Department(code=department_code, name=department_code, active=True)
        session.add(department)
        session.flush()
        log.info("created department %s (%s)", department.code, department.id)
    return department.id


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
    """Create a user with a password; raise AdminError when the user name is taken."""
    _check_role(role, department_code)
    if not password:
        raise AdminError("the password is empty")
    if find_user(session, username) is not None:
        raise AdminError(
            f"user {username!r} already exists; use `kaidan-server user set-password {username}` "
            f"or `kaidan-server user set-role {username}` to change it"
        )
    with server_change(session):
        department_id = _department_id(session, department_code, create_department)
        user = User(
            username=username, display_name=display_name or username, role=role,
            department_id=department_id, active=True, scope_version=1,
        )
        session.add(user)
        session.flush()
        log.info("created user %s (%s) with role %s", username, user.id, role)
        set_password(session, user.id, password)
    return user


def set_user_role(
    session: Session, username: str, role: str, *, department_code: str | None = None, create_department: bool = False,
) -> User:
    """Change a user's role and department; a change raises the scope version, so replicas rebuild."""
    _check_role(role, department_code)
    user = find_user(session, username)
    if user is None:
        raise AdminError(f"user {username!r} not found; create it with `kaidan-server user add {username}`")
    with server_change(session):
        department_id = _department_id(session, department_code, create_department)
        if user.role != role or user.department_id != department_id:
            user.scope_version = (user.scope_version or 1) + 1
        user.role = role
        user.department_id = department_id
        log.info("user %s (%s): role %s, department %s", username, user.id, role, department_code or "-")
    return user


def reset_password(session: Session, username: str, password: str) -> User:
    """Set a new password for an existing user and clear its failed sign-in lock."""
    if not password:
        raise AdminError("the password is empty")
    user = find_user(session, username)
    if user is None:
        raise AdminError(f"user {username!r} not found; create it with `kaidan-server user add {username}`")
    set_password(session, user.id, password)
    log.info("password of user %s (%s) reset", username, user.id)
    return user


def set_password_of(session: Session, user: User, password: str) -> None:
    """Set a new password for `user`, clear its failed sign-in lock and revoke its tokens (auth.set_password)."""
    if not password:
        raise AdminError("the password is empty")
    set_password(session, user.id, password)
    log.info("password of user %s (%s) set by an administrator", user.username, user.id)
