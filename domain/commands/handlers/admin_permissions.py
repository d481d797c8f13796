"""Role permissions and role profiles (administrator intentions).

`role_permission.set` decides whether a role may run one command;
`role_profile.update` sets whether a role sees cost and purchase prices and
its discount limit. Both rows have ids derived from their natural key, so two
administrators who set the same pair offline write one row, and the later
command wins.
"""

from __future__ import annotations

import logging
from decimal import Decimal
from typing import Annotated, Any

from pydantic import BeforeValidator, Field
from sqlalchemy import select

from domain.commands.framework import REGISTRY, CommandContext, CommandKind, CommandRejected, command
from domain.commands.handlers.admin_org import ADMIN_ROLES
from domain.commands.handlers.admin_users import check_role
from domain.commands.handlers.fields import FieldSet, Payload, _reject_float
from domain.models import RolePermission, RoleProfile, User
from domain.org_scope import raise_scope_version
from domain.permissions import (
    DEFAULT_COST_ROLES, drop_permission_cache, is_locked_for_admin, role_permission_id, role_profile_id,
)

log = logging.getLogger(__name__)

# Rate columns store four decimal places (domain.types.Rate).
RATE_PLACES = Decimal("0.0001")
# A discount limit is a fraction of the line amount, as the company setting
# max_discount_percent is: 0.2 means 20 %.
MAX_DISCOUNT_LIMIT = Decimal(1)

AnyDecimal = Annotated[Decimal, BeforeValidator(_reject_float)]


class RolePermissionSet(Payload):
    role: str = Field(max_length=20)
    command: str = Field(max_length=80)
    allowed: bool


class RoleProfileFields(FieldSet):
    """The editable fields of a role profile; an update sends only the ones it changes."""

    sees_cost: bool | None = None
    discount_limit: AnyDecimal | None = None


class RoleProfileUpdate(Payload):
    role: str = Field(max_length=20)
    fields: RoleProfileFields


@command("role_permission.set", kind=CommandKind.INTENTION, roles=ADMIN_ROLES, payload=RolePermissionSet)
def set_role_permission(ctx: CommandContext, payload: RolePermissionSet) -> dict[str, Any]:
    role = check_role(payload.role)
    if payload.command not in REGISTRY:
        raise CommandRejected("unknown_command_name", command=payload.command)
    if is_locked_for_admin(role, payload.command) and not payload.allowed:
        raise CommandRejected("admin_command_locked", command=payload.command)
    row = ctx.session.execute(
        select(RolePermission).where(RolePermission.role == role, RolePermission.command == payload.command)
    ).scalar_one_or_none()
    if row is None:
        row = RolePermission(id=role_permission_id(role, payload.command), role=role, command=payload.command,
                             allowed=payload.allowed)
        ctx.session.add(row)
    elif row.allowed != payload.allowed:
        row.allowed = payload.allowed
    # Later commands of the same push read the new row. Nothing reads the
    # cache again before this command's savepoint ends, so a rollback of
    # this write leaves no stale entry behind.
    ctx.session.flush()
    drop_permission_cache(ctx.session)
    log.info("role %s %s run %s", role, "may" if payload.allowed else "may not", payload.command)
    return {"id": row.id}


def _validated_limit(limit: Decimal | None) -> Decimal | None:
    if limit is None:
        return None
    if not limit.is_finite() or not 0 <= limit <= MAX_DISCOUNT_LIMIT:
        raise CommandRejected("value_out_of_range", field="discount_limit", value=str(limit),
                              minimum="0", maximum=str(MAX_DISCOUNT_LIMIT))
    if limit != limit.quantize(RATE_PLACES):
        raise CommandRejected("too_many_decimal_places", field="discount_limit", value=str(limit), places=4)
    return limit


@command("role_profile.update", kind=CommandKind.INTENTION, roles=ADMIN_ROLES, payload=RoleProfileUpdate)
def update_role_profile(ctx: CommandContext, payload: RoleProfileUpdate) -> dict[str, Any]:
    """Set the given fields; a change of sees_cost raises the scope version of every user with the role."""
    role = check_role(payload.role)
    values = payload.fields.given()
    if "sees_cost" in values and values["sees_cost"] is None:
        raise CommandRejected("required_field", table="role_profile", field="sees_cost")
    if "discount_limit" in values:
        values["discount_limit"] = _validated_limit(values["discount_limit"])
    profile = ctx.session.execute(select(RoleProfile).where(RoleProfile.role == role)).scalar_one_or_none()
    if profile is None:
        # A new profile keeps the role's default cost visibility unless the command sets it.
        profile = RoleProfile(id=role_profile_id(role), role=role, sees_cost=role in DEFAULT_COST_ROLES,
                              discount_limit=None)
        ctx.session.add(profile)
    sees_cost_before = profile.sees_cost
    applied = []
    for field, value in values.items():
        if getattr(profile, field) != value:
            setattr(profile, field, value)
            applied.append(field)
    if profile.sees_cost != sees_cost_before:
        # Their replicas must gain or drop the cost tables and columns.
        for user in ctx.session.scalars(select(User).where(User.role == role)):
            raise_scope_version(user)
        log.info("role %s: sees cost %s; users of the role rebuild their replicas", role, profile.sees_cost)
    return {"id": profile.id, "applied": applied}
