"""Whether the signed-in user's role may run a command, so views hide what the server would reject.

Every view checks through `may_run`, so the rule changes in this module only.
The rule is domain.permissions: the administrator's RolePermission rows, else
the roles a command is registered with. The rows are read from the replica
once per window and again in the background when a sync or a save changes
them; `changed` signals the views that show or hide actions by role, and also
fires when the role's cost visibility (role_profile) changes.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal

from domain.permissions import allowed_commands, default_roles, role_sees_cost

log = logging.getLogger(__name__)

# role_profile contains each role's cost visibility, which the views that show cost fields follow too.
PERMISSION_TABLES = frozenset({"role_permission", "role_profile"})


class CommandAccess(QObject):
    """The commands the signed-in user's role may run, as last read from the replica."""

    # Emitted in the GUI thread when a reread found a different set of commands.
    changed = Signal()

    def __init__(self, context) -> None:
        super().__init__(context)
        self._context = context
        self._role: str | None = None
        self._allowed: frozenset[str] | None = None
        self._sees_cost: bool | None = None
        context.tasks.changed.connect(self._on_changed)

    def load(self) -> None:
        """Read the role's allowed commands now; called once while the window is being built."""
        role = self._context.user.role
        if role is None:
            return
        with self._context.read_session() as session:
            self._allowed = allowed_commands(session, role)
            self._sees_cost = role_sees_cost(session, role)
        self._role = role
        log.info("role %s may run %d commands", role, len(self._allowed))

    def may_run(self, command: str) -> bool:
        role = self._context.user.role
        if role is None:
            return False
        if self._allowed is None or role != self._role:
            # Not read yet (or the role changed by a rebuild): the registered roles decide.
            return role in default_roles(command)
        return command in self._allowed

    def _on_changed(self, changes) -> None:
        if not (changes.tables & PERMISSION_TABLES):
            return
        role = self._context.user.role
        if role is None:
            return

        def work(_handle):
            with self._context.read_session() as session:
                return allowed_commands(session, role), role_sees_cost(session, role)

        def loaded(result: tuple[frozenset[str], bool]) -> None:
            allowed, sees_cost = result
            if role == self._role and allowed == self._allowed and sees_cost == self._sees_cost:
                return
            self._role, self._allowed, self._sees_cost = role, allowed, sees_cost
            log.info("permissions changed: role %s may run %d commands, sees cost: %s", role, len(allowed), sees_cost)
            self.changed.emit()

        def failed(exc: BaseException) -> None:
            log.warning("could not reread the permissions of role %s: %s", role, exc)

        self._context.tasks.run(work, on_result=loaded, on_error=failed)


def may_run(context, command: str) -> bool:
    """Return whether the signed-in user's role may run `command` (see domain.permissions.may_run)."""
    access = getattr(context, "command_access", None)
    if access is None:
        role = context.user.role
        return role is not None and role in default_roles(command)
    return access.may_run(command)
