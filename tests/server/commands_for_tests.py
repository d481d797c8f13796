"""Small commands the server tests push; the test server imports this module with --import.

They write sales_region rows, which every user receives, so the tests check
the executor (stamping, replays, rejections, flags, tombstones) without
depending on the business handlers.
"""

from __future__ import annotations

import pydantic

from domain.commands.framework import CommandKind, CommandRejected, ScopeRef, command
from domain.models import SalesRegion


class RegionPayload(pydantic.BaseModel):
    id: str
    code: str
    name: str = "region"
    # Checked against the user's scope, to test scope refusals.
    warehouse_id: str | None = None
    # Extra rows written by the same command, to test pages that never split one.
    extra_rows: int = 0
    number: str | None = None


def region_scope(ctx, payload: RegionPayload):
    return [ScopeRef("warehouse", payload.warehouse_id)]


@command("test.region.create", kind=CommandKind.INTENTION, roles=["clerk", "manager", "admin", "finance"],
         payload=RegionPayload, scope=region_scope)
def create_region(ctx, payload: RegionPayload):
    if payload.code.startswith("BAD"):
        raise CommandRejected("duplicate_code", region_code=payload.code)
    if payload.code == "CRASH":
        raise RuntimeError("crash requested by the test")
    ctx.session.add(SalesRegion(id=payload.id, code=payload.code, name=payload.name))
    if payload.code.startswith("WRITTEN"):
        # The row is already in the database when the command is rejected.
        ctx.session.flush()
        raise CommandRejected("rejected_after_write", region_code=payload.code)
    for index in range(payload.extra_rows):
        ctx.session.add(SalesRegion(id=ctx.derived_id("extra", index), code=f"{payload.code}-{index}", name="extra"))
    return {"id": payload.id}


@command("test.region.record", kind=CommandKind.FACT, roles=["clerk", "warehouse", "manager", "admin"],
         payload=RegionPayload, scope=region_scope)
def record_region(ctx, payload: RegionPayload):
    ctx.session.add(SalesRegion(id=payload.id, code=payload.code, name=payload.name))
    ctx.flag("negative_stock", "sales_region", payload.id, document_number=payload.number, on_hand="-5.000")
    return {"id": payload.id}


class DeletePayload(pydantic.BaseModel):
    id: str


@command("test.region.delete", kind=CommandKind.INTENTION, roles=["clerk", "manager", "admin"], payload=DeletePayload)
def delete_region(ctx, payload: DeletePayload):
    region = ctx.session.get(SalesRegion, payload.id)
    if region is None:
        raise CommandRejected("not_found", id=payload.id)
    ctx.session.delete(region)
    return {}
