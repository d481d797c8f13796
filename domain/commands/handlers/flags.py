"""A manager marks a flag on a posted fact as dealt with (an intention)."""

from __future__ import annotations

import logging
from typing import Any

from pydantic import Field

from domain.commands.framework import CommandContext, CommandKind, CommandRejected, ScopeRef, command
from domain.commands.handlers.common import require
from domain.commands.handlers.fields import Id, Payload
from domain.models import Flag

log = logging.getLogger(__name__)

RESOLVER_ROLES = ("manager", "admin")
OPEN, RESOLVED = "open", "resolved"


class FlagResolve(Payload):
    id: Id
    # What the manager did about it, kept on the flag for the next reader; blank notes are invalid.
    note: str = Field(min_length=1, max_length=2000, pattern=r"\S")


def _scope(ctx: CommandContext, payload: FlagResolve) -> list[ScopeRef]:
    flag = ctx.session.get(Flag, payload.id)
    return [ScopeRef("department", flag.department_id)] if flag is not None else []


@command("flag.resolve", kind=CommandKind.INTENTION, roles=RESOLVER_ROLES, payload=FlagResolve, scope=_scope)
def resolve_flag(ctx: CommandContext, payload: FlagResolve) -> dict[str, Any]:
    """Close an open flag with the manager's note; a flag already resolved is rejected, keeping the first note."""
    flag = require(ctx.session, Flag, payload.id, "id")
    if flag.status != OPEN:
        raise CommandRejected(
            "flag_already_resolved", id=flag.id, document_number=flag.document_number or "", status=flag.status
        )
    flag.status = RESOLVED
    flag.resolved_by = ctx.actor.user_id
    flag.resolved_at = ctx.now
    flag.resolution_note = payload.note.strip()
    log.info("flag %s (%s) resolved by %s", flag.id, flag.code, ctx.actor.user_id)
    return {"id": flag.id, "status": flag.status}
