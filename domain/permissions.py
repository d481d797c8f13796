"""Which commands a role may run, and whether a role sees cost and purchase prices.

Both answers come from replicated rows an administrator edits (RolePermission,
RoleProfile), with the code's defaults where no row exists. The server checks
them authoritatively; the client reads the same rows from its replica, so the
desktop can hide what the server would reject. Nothing here imports Qt or
server code.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from domain.ids import key_id
from domain.models import ALL_ROLES, Role, RolePermission, RoleProfile

ROLE_NAMES = frozenset(role.value for role in ALL_ROLES)

# Roles that see cost and purchase prices unless a RoleProfile row sets otherwise.
DEFAULT_COST_ROLES = frozenset({Role.ADMIN.value, Role.MANAGER.value, Role.FINANCE.value})

# Commands that role admin always keeps: without them no one could give the
# rights back, so a RolePermission row cannot take them away.
ADMIN_COMMANDS = frozenset({"user.create", "user.update", "role_permission.set", "role_profile.update"})

# Key in Session.info of a per-role cache of RolePermission rows, present only
# while a caller (the server's push of one batch) has turned caching on.
_PERMISSION_CACHE = "role_permission_cache"


def role_permission_id(role: str, command: str) -> str:
    """Return the id of the (role, command) row, the same on every client that sets it."""
    return key_id("role_permission", f"{role}:{command}")


def role_profile_id(role: str) -> str:
    return key_id("role_profile", role)


def is_locked_for_admin(role: str, command: str) -> bool:
    """Return True for a command that `role` keeps whatever its RolePermission row contains."""
    return role == Role.ADMIN.value and command in ADMIN_COMMANDS


def default_roles(command: str) -> frozenset[str]:
    """Return the roles the command's registration allows; empty for an unknown command."""
    from domain.commands.framework import REGISTRY, load_handlers

    load_handlers()
    spec = REGISTRY.get(command)
    return spec.roles if spec is not None else frozenset()


def cache_permissions(session: Session) -> None:
    """Read each role's RolePermission rows once per session, until drop_permission_cache.

    For a caller that checks many commands in one transaction. A change to a
    RolePermission row must call drop_permission_cache, as role_permission.set
    does, so a later command in the same transaction sees it.
    """
    session.info[_PERMISSION_CACHE] = {}


def drop_permission_cache(session: Session) -> None:
    """Forget the cached rows; the next check reads them again, if caching is on."""
    cache = session.info.get(_PERMISSION_CACHE)
    if cache is not None:
        cache.clear()


def stop_caching_permissions(session: Session) -> None:
    session.info.pop(_PERMISSION_CACHE, None)


def _role_rows(session: Session, role: str) -> dict[str, bool]:
    rows = session.execute(
        select(RolePermission.command, RolePermission.allowed).where(RolePermission.role == role)
    ).all()
    return {name: bool(allowed) for name, allowed in rows}


def may_run(session: Session, role: str, command: str) -> bool:
    """Return whether `role` may run `command`.

    A RolePermission row for the pair decides; without one the roles the
    command was registered with decide. Role admin always keeps ADMIN_COMMANDS.
    Costs one lookup on the unique (role, command) index, or none while
    cache_permissions is on and the role's rows were read.
    """
    if is_locked_for_admin(role, command):
        return True
    cache = session.info.get(_PERMISSION_CACHE)
    if cache is not None:
        if role not in cache:
            cache[role] = _role_rows(session, role)
        allowed = cache[role].get(command)
    else:
        allowed = session.execute(
            select(RolePermission.allowed).where(RolePermission.role == role, RolePermission.command == command)
        ).scalar_one_or_none()
    if allowed is not None:
        return bool(allowed)
    return role in default_roles(command)


def allowed_commands(session: Session, role: str) -> frozenset[str]:
    """Return every registered command `role` may run, in one query (for enabling a whole menu)."""
    from domain.commands.framework import REGISTRY, load_handlers

    load_handlers()
    rows = _role_rows(session, role)
    allowed = set()
    for name, spec in REGISTRY.items():
        decided = rows.get(name)
        if is_locked_for_admin(role, name) or (role in spec.roles if decided is None else bool(decided)):
            allowed.add(name)
    return frozenset(allowed)


def role_sees_cost(session: Session, role: str) -> bool:
    """Return whether `role` sees cost and purchase prices: its RoleProfile row, else DEFAULT_COST_ROLES."""
    sees_cost = session.execute(select(RoleProfile.sees_cost).where(RoleProfile.role == role)).scalar_one_or_none()
    if sees_cost is None:
        return role in DEFAULT_COST_ROLES
    return bool(sees_cost)
