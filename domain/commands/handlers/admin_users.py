"""Users: create and update (administrator intentions).

A user created here has no password and cannot sign in until an
administrator sets one online (the server's admin password endpoint), because
a password never travels in a queued command. A change of role or department
raises the user's scope version, so their replicas rebuild.
"""

from __future__ import annotations

import logging
from typing import Any

from pydantic import Field
from sqlalchemy import func, select

from domain.commands.framework import CommandContext, CommandKind, CommandRejected, command
from domain.commands.handlers.admin_org import ADMIN_ROLES, usable_department
from domain.commands.handlers.common import require
from domain.commands.handlers.fields import FieldSet, Id, Payload
from domain.models import Role, User
from domain.org_scope import raise_scope_version
from domain.permissions import ROLE_NAMES
from domain.validation import normalized_phone, required_text

log = logging.getLogger(__name__)


class UserCreateFields(FieldSet):
    phone: str | None = Field(default=None, max_length=40)


class UserFields(FieldSet):
    """The editable fields of a user; an update sends only the ones it changes."""

    display_name: str | None = Field(default=None, max_length=200)
    role: str | None = Field(default=None, max_length=20)
    department_id: Id | None = None
    phone: str | None = Field(default=None, max_length=40)
    active: bool | None = None


class UserCreate(Payload):
    id: Id
    username: str = Field(max_length=80)
    display_name: str = Field(max_length=200)
    role: str = Field(max_length=20)
    department_id: Id | None = None
    fields: UserCreateFields = UserCreateFields()


class UserUpdate(Payload):
    id: Id
    fields: UserFields


def check_role(role: str | None) -> str:
    if role is None:
        raise CommandRejected("required_field", table="app_user", field="role")
    if role not in ROLE_NAMES:
        raise CommandRejected("unknown_role", role=role)
    return role


def _check_department(ctx: CommandContext, role: str, department_id: str | None, field: str, *, new: bool) -> None:
    """Reject a missing department for every role but admin, and a `new` department that is deleted or inactive."""
    if department_id is None:
        if role != Role.ADMIN.value:
            raise CommandRejected("department_required", role=role)
        return
    if new:
        usable_department(ctx, department_id, field)


def _check_username_free(ctx: CommandContext, username: str, user_id: str) -> None:
    other = ctx.session.execute(
        select(User.id).where(User.username == username, User.id != user_id)
    ).scalar_one_or_none()
    if other is not None:
        raise CommandRejected("duplicate_username", value=username)


def _check_not_last_admin(ctx: CommandContext, user: User) -> None:
    """Reject a change that would leave no active administrator to sign in."""
    others = ctx.session.scalar(
        select(func.count()).select_from(User).where(
            User.role == Role.ADMIN.value, User.active.is_(True), User.deleted_at.is_(None), User.id != user.id,
        )
    )
    if not others:
        raise CommandRejected("last_admin", username=user.username)


@command("user.create", kind=CommandKind.INTENTION, roles=ADMIN_ROLES, payload=UserCreate)
def create_user(ctx: CommandContext, payload: UserCreate) -> dict[str, Any]:
    if ctx.session.get(User, payload.id) is not None:
        raise CommandRejected("record_exists", table="app_user", id=payload.id)
    username = required_text(payload.username, "username", "app_user")
    display_name = required_text(payload.display_name, "display_name", "app_user")
    role = check_role(payload.role)
    _check_department(ctx, role, payload.department_id, "department_id", new=True)
    _check_username_free(ctx, username, payload.id)
    phone = normalized_phone(payload.fields.phone, "fields.phone")
    user = User(
        id=payload.id, username=username, display_name=display_name, role=role,
        department_id=payload.department_id, phone=phone, active=True, scope_version=1,
    )
    ctx.session.add(user)
    log.info("user %s (%s) created with role %s", username, user.id, role)
    return {"id": user.id}


@command("user.update", kind=CommandKind.INTENTION, roles=ADMIN_ROLES, payload=UserUpdate)
def update_user(ctx: CommandContext, payload: UserUpdate) -> dict[str, Any]:
    """Set the given fields; a new role or department raises the user's scope version."""
    user = require(ctx.session, User, payload.id, "id")
    if user.deleted_at is not None:
        raise CommandRejected("record_deleted", table="app_user", id=user.id, name=user.display_name)
    values = payload.fields.given()
    if "display_name" in values:
        values["display_name"] = required_text(values["display_name"], "display_name", "app_user")
    if "active" in values and values["active"] is None:
        raise CommandRejected("required_field", table="app_user", field="active")
    if "phone" in values:
        values["phone"] = normalized_phone(values["phone"], "fields.phone")
    role = check_role(values["role"]) if "role" in values else user.role
    department_id = values.get("department_id", user.department_id)
    if role != user.role or department_id != user.department_id:
        _check_department(ctx, role, department_id, "fields.department_id", new=department_id != user.department_id)
    leaves_admins = role != Role.ADMIN.value or values.get("active", user.active) is False
    if user.role == Role.ADMIN.value and user.active and leaves_admins:
        _check_not_last_admin(ctx, user)

    scope_changed = role != user.role or department_id != user.department_id
    applied = []
    for field, value in values.items():
        if getattr(user, field) != value:
            setattr(user, field, value)
            applied.append(field)
    if scope_changed:
        raise_scope_version(user)
        log.info("user %s (%s): role %s, department %s", user.username, user.id, role, department_id or "-")
    return {"id": user.id, "applied": applied}
