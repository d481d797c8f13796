"""The data of the permissions matrix: which role may run which command, and each role's profile.

A cell's stored value is the RolePermission row of (role, command) when one
exists, else whether the command's registration lists the role
(domain.permissions.may_run decides the same way). Edits stay in the matrix
as pending until saved; saving sends one role_permission.set per changed
cell and one role_profile.update per changed role.
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.models.command_names import AREAS, area_of
from domain.commands.framework import REGISTRY, load_handlers
from domain.models import Role, RolePermission, RoleProfile
from domain.permissions import DEFAULT_COST_ROLES, is_locked_for_admin

# Matrix columns, from the narrowest rights to the widest.
ROLES = tuple(role.value for role in (Role.CLERK, Role.WAREHOUSE, Role.FINANCE, Role.MANAGER, Role.ADMIN))
AREA_ORDER = {area: number for number, (area, _title) in enumerate(AREAS)}


@dataclasses.dataclass(frozen=True)
class Profile:
    """A role's cost visibility and discount limit (a fraction: 0.2 is 20 %; None uses the company setting)."""

    sees_cost: bool
    discount_limit: Decimal | None


@dataclasses.dataclass
class PermissionData:
    """Matrix contents: commands grouped by area, stored cell values and role profiles."""

    # (area, command) in display order.
    commands: list[tuple[str, str]]
    # (role, command) -> allowed, for every role and command.
    stored: dict[tuple[str, str], bool]
    # (role, command) pairs whose value comes from the registration because no row exists.
    defaults: set[tuple[str, str]]
    profiles: dict[str, Profile]

    def locked(self, role: str, command: str) -> bool:
        """Return True for a cell that cannot change: role admin keeps the commands that grant rights."""
        return is_locked_for_admin(role, command)

    def mark_saved(self, cells: dict[tuple[str, str], bool], profiles: dict[str, Profile]) -> None:
        """Record cells and profiles whose commands were just queued as stored values.

        The local commands have already changed the replica, so this keeps the matrix
        in step with it until the reload that the change triggers replaces the data.
        """
        self.stored.update(cells)
        self.defaults.difference_update(cells)
        self.profiles.update(profiles)


def load_permissions(session: Session) -> PermissionData:
    """Read the permission rows and profiles from the replica and the registered commands."""
    load_handlers()
    names = sorted(REGISTRY, key=lambda name: (AREA_ORDER.get(area_of(name), len(AREA_ORDER)), name))
    rows = {(row.role, row.command): bool(row.allowed) for row in session.scalars(select(RolePermission))}
    stored: dict[tuple[str, str], bool] = {}
    defaults: set[tuple[str, str]] = set()
    for name in names:
        for role in ROLES:
            key = (role, name)
            if is_locked_for_admin(role, name):
                stored[key] = True
            elif key in rows:
                stored[key] = rows[key]
            else:
                stored[key] = role in REGISTRY[name].roles
                defaults.add(key)
    found = {row.role: row for row in session.scalars(select(RoleProfile))}
    profiles = {}
    for role in ROLES:
        row = found.get(role)
        if row is None:
            profiles[role] = Profile(role in DEFAULT_COST_ROLES, None)
        else:
            profiles[role] = Profile(bool(row.sees_cost), row.discount_limit)
    return PermissionData([(area_of(name), name) for name in names], stored, defaults, profiles)


def permission_commands(stored: dict[tuple[str, str], bool],
                        edited: dict[tuple[str, str], bool]) -> list[dict[str, Any]]:
    """Return the role_permission.set payloads of the cells whose edited value differs from the stored one."""
    return [{"role": role, "command": command, "allowed": allowed}
            for (role, command), allowed in sorted(edited.items()) if stored.get((role, command)) != allowed]


def profile_commands(stored: dict[str, Profile], edited: dict[str, Profile]) -> list[dict[str, Any]]:
    """Return the role_profile.update payloads with only the changed fields of each role."""
    payloads = []
    for role in ROLES:
        before, after = stored.get(role), edited.get(role)
        if before is None or after is None:
            continue
        fields: dict[str, Any] = {}
        if after.sees_cost != before.sees_cost:
            fields["sees_cost"] = after.sees_cost
        if after.discount_limit != before.discount_limit:
            fields["discount_limit"] = None if after.discount_limit is None else str(after.discount_limit)
        if fields:
            payloads.append({"role": role, "fields": fields})
    return payloads
