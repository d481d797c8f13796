"""Commands whose payloads changed between schema 1 and 2, for the mixed-version tests.

The test server imports this module with --import, as it would a plug-in.
Schema-1 clients sent test.label.create as {"id", "code", "title"}; schema 2
renamed "title" to "name", and the registered step converts old payloads.
test.label.rename changed meaning in schema 2 (a code instead of a name), so
its schema-1 payloads cannot be converted and are rejected as too old. Both
write sales_region rows, which every user receives.
"""

from __future__ import annotations

from typing import Any

import pydantic

from domain.commands.framework import CommandKind, CommandRejected, command
from domain.commands.upgrades import REGISTRY, upgrade
from domain.models import SalesRegion

ROLES = ["clerk", "manager", "admin"]


class LabelCreate(pydantic.BaseModel):
    model_config = pydantic.ConfigDict(extra="forbid")

    id: str
    code: str
    name: str


class LabelRename(pydantic.BaseModel):
    model_config = pydantic.ConfigDict(extra="forbid")

    id: str
    code: str


@command("test.label.create", kind=CommandKind.INTENTION, roles=ROLES, payload=LabelCreate)
def create_label(ctx, payload: LabelCreate) -> dict[str, Any]:
    ctx.session.add(SalesRegion(id=payload.id, code=payload.code, name=payload.name))
    return {"id": payload.id}


@upgrade("test.label.create", 1)
def rename_title_to_name(payload: dict[str, Any]) -> dict[str, Any]:
    payload["name"] = payload.pop("title")
    return payload


@command("test.label.rename", kind=CommandKind.INTENTION, roles=ROLES, payload=LabelRename)
def rename_label(ctx, payload: LabelRename) -> dict[str, Any]:
    region = ctx.session.get(SalesRegion, payload.id)
    if region is None:
        raise CommandRejected("not_found", id=payload.id)
    region.code = payload.code
    return {"id": payload.id}


REGISTRY.require_at_least("test.label.rename", 2)
