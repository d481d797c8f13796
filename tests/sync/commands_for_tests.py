"""Commands registered only by the client engine's tests (and the test server they start),
to exercise undo, rebase and rejections on real tables."""

from __future__ import annotations

import pydantic

from domain.commands.framework import REGISTRY, CommandKind, CommandRejected, command
from domain.models import Customer, SalesRegion

ROLES = ("clerk", "warehouse", "finance", "manager", "admin")


class CustomerFields(pydantic.BaseModel):
    id: str
    code: str
    name: str
    phone: str | None = None
    notes: str | None = None


class CustomerRef(pydantic.BaseModel):
    id: str


def _customer_put(ctx, payload: CustomerFields):
    customer = ctx.session.get(Customer, payload.id)
    if customer is None:
        customer = Customer(id=payload.id, code=payload.code, name=payload.name)
        ctx.session.add(customer)
    customer.code = payload.code
    customer.name = payload.name
    customer.phone = payload.phone
    customer.notes = payload.notes
    return {"id": customer.id}


def _customer_remove(ctx, payload: CustomerRef):
    customer = ctx.session.get(Customer, payload.id)
    if customer is None:
        raise CommandRejected("record_deleted", table="customer", id=payload.id)
    ctx.session.delete(customer)


def _always_rejected(ctx, payload: CustomerRef):
    raise CommandRejected("test_rejected", id=payload.id)


class RegionFields(pydantic.BaseModel):
    id: str
    code: str


def _region_server_rejects(ctx, payload: RegionFields):
    # Accepted optimistically, rejected authoritatively: what a client sees
    # when another client got there first.
    if ctx.authoritative:
        raise CommandRejected("duplicate_code", table="sales_region", value=payload.code)
    ctx.session.add(SalesRegion(id=payload.id, code=payload.code, name=payload.code))


def register() -> None:
    """Register the test commands once per process."""
    if "test.customer.put" in REGISTRY:
        return
    command("test.customer.put", kind=CommandKind.INTENTION, roles=ROLES, payload=CustomerFields)(_customer_put)
    command("test.customer.remove", kind=CommandKind.INTENTION, roles=ROLES, payload=CustomerRef)(_customer_remove)
    command("test.reject", kind=CommandKind.INTENTION, roles=ROLES, payload=CustomerRef)(_always_rejected)
    command("test.region.server_rejects", kind=CommandKind.INTENTION, roles=ROLES, payload=RegionFields)(
        _region_server_rejects
    )


# The test server imports this module with --import.
register()
