"""Customer master data: create, field-merged update, soft delete (intentions)."""

from __future__ import annotations

import logging
from typing import Any

from pydantic import Field

from domain.commands.framework import CommandContext, CommandKind, CommandRejected, ScopeRef, command
from domain.commands.handlers.common import author, require
from domain.commands.handlers.duplicates import compact_uscc, flag_possible_duplicates
from domain.commands.handlers.field_merge import (
    check_code_free,
    check_new_id_and_code,
    live_record,
    merge_fields,
    reject_cleared_code_or_name,
    split_create_fields,
)
from domain.commands.handlers.fields import FieldSet, Id, Money, Payload
from domain.models import Customer, CustomerCategory, Department, SalesRegion, Supplier, User, Warehouse
from domain.validation import normalized_phone, normalized_uscc, parse_phone, required_text

log = logging.getLogger(__name__)

CUSTOMER_ROLES = ("clerk", "manager", "admin", "finance")
DELETE_ROLES = ("manager", "admin")

# Referenced rows that must exist, per id field.
REFERENCES = {
    "category_id": CustomerCategory,
    "sales_region_id": SalesRegion,
    "owner_id": User,
    "department_id": Department,
    "default_warehouse_id": Warehouse,
    "supplier_id": Supplier,
}


class CustomerFields(FieldSet):
    """The editable fields of a customer; an update sends only the ones it changes."""

    code: str | None = Field(default=None, min_length=1, max_length=40)
    name: str | None = Field(default=None, min_length=1, max_length=200)
    mnemonic: str | None = Field(default=None, max_length=80)
    category_id: Id | None = None
    sales_region_id: Id | None = None
    owner_id: Id | None = None
    department_id: Id | None = None
    default_warehouse_id: Id | None = None
    phone: str | None = Field(default=None, max_length=40)
    address: str | None = Field(default=None, max_length=400)
    uscc: str | None = Field(default=None, max_length=18)
    credit_limit: Money | None = None
    payment_terms_days: int | None = Field(default=None, ge=0, le=3650)
    supplier_id: Id | None = None
    notes: str | None = None
    active: bool | None = None


class CustomerCreate(Payload):
    id: Id
    code: str = Field(min_length=1, max_length=40)
    name: str = Field(min_length=1, max_length=200)
    fields: CustomerFields = CustomerFields()


class CustomerUpdate(Payload):
    id: Id
    fields: CustomerFields
    # The values the client saw when it edited, per field in `fields`. A field
    # missing here is set without a conflict check.
    base: CustomerFields = CustomerFields()


class CustomerDelete(Payload):
    id: Id


# Fields whose change runs the duplicate check again on an edit.
DUPLICATE_CHECK_FIELDS = frozenset({"name", "uscc", "phone"})


def _validated(values: dict[str, Any], table: str = "customer") -> dict[str, Any]:
    """Return `values` with the USCC and phone in their stored forms, or raise CommandRejected naming the field.

    Suppliers have the same fields and checks; `table` names the table in a rejection.
    """
    values = dict(values)
    if "uscc" in values:
        values["uscc"] = normalized_uscc(values["uscc"])
    if "phone" in values:
        values["phone"] = normalized_phone(values["phone"], "phone")
    for field in ("code", "name"):
        if values.get(field) is not None:
            values[field] = required_text(values[field], field, table)
    return values


def _base_in_stored_form(base: dict[str, Any]) -> dict[str, Any]:
    """Return the base values as they are stored, so a base typed differently still compares equal.

    A base value that does not parse is kept as sent: it may be a phone
    stored before validation existed.
    """
    base = dict(base)
    if base.get("uscc") is not None:
        base["uscc"] = compact_uscc(base["uscc"])
    if base.get("phone") is not None:
        parsed = parse_phone(base["phone"])
        if parsed is not None:
            base["phone"] = parsed.text
    return base


def _check_references(ctx: CommandContext, values: dict[str, Any]) -> None:
    for field, model in REFERENCES.items():
        if values.get(field) is not None:
            require(ctx.session, model, values[field], f"fields.{field}")


def _check_code_free(ctx: CommandContext, code: str, customer_id: str) -> None:
    check_code_free(ctx, Customer, "customer", code, customer_id)


def _existing(ctx: CommandContext, customer_id: str) -> Customer:
    return live_record(ctx, Customer, customer_id)


def _scope_create(ctx: CommandContext, payload: CustomerCreate) -> list[ScopeRef]:
    return [ScopeRef("department", payload.fields.department_id)]


def _scope_existing(ctx: CommandContext, payload: CustomerUpdate | CustomerDelete) -> list[ScopeRef]:
    refs = []
    customer = ctx.session.get(Customer, payload.id)
    if customer is not None:
        refs.append(ScopeRef("department", customer.department_id))
    fields = getattr(payload, "fields", None)
    if fields is not None and "department_id" in fields.model_fields_set:
        refs.append(ScopeRef("department", fields.department_id))
    return refs


@command("customer.create", kind=CommandKind.INTENTION, roles=CUSTOMER_ROLES, payload=CustomerCreate, scope=_scope_create)
def create_customer(ctx: CommandContext, payload: CustomerCreate) -> dict[str, Any]:
    code_taken = check_new_id_and_code(ctx, Customer, payload.id, payload.code)
    code, name, values = split_create_fields(payload.code, payload.name, payload.fields, "customer", _validated)
    _check_references(ctx, values)
    if code_taken:
        raise CommandRejected("duplicate_code", table="customer", value=code)
    customer = Customer(
        id=payload.id,
        code=code,
        name=name,
        created_by=ctx.actor.user_id,
        active=True,
        field_authors={"*": author(ctx)},
    )
    for field, value in values.items():
        setattr(customer, field, value)
    ctx.session.add(customer)
    ctx.session.flush()
    # Two offline users may enter the same party. Both records stay, each with
    # its own documents, and a manager decides whether to merge them.
    duplicates = flag_possible_duplicates(ctx, customer, created=True)
    return {"id": customer.id, "possible_duplicates": duplicates}


@command("customer.update", kind=CommandKind.INTENTION, roles=CUSTOMER_ROLES, payload=CustomerUpdate, scope=_scope_existing)
def update_customer(ctx: CommandContext, payload: CustomerUpdate) -> dict[str, Any]:
    """Merge the changed fields against the base the client saw.

    A field still equal to its base takes the new value. A field someone else
    changed since the base is still set, because server order decides and this
    command is the later one. The value it overwrites goes to a conflict
    record for the user who wrote it.
    """
    customer = _existing(ctx, payload.id)
    reject_cleared_code_or_name(payload.fields, "customer")
    changes = _validated(payload.fields.given())
    base = _base_in_stored_form(payload.base.given())
    _check_references(ctx, changes)
    if changes.get("code") is not None:
        _check_code_free(ctx, changes["code"], customer.id)

    authors = dict(customer.field_authors or {})
    applied, conflicts = merge_fields(ctx, customer, "customer", changes, base, authors)
    if applied:
        customer.field_authors = authors
    duplicates = []
    if DUPLICATE_CHECK_FIELDS.intersection(applied):
        ctx.session.flush()
        duplicates = flag_possible_duplicates(ctx, customer)
    return {"id": customer.id, "applied": applied, "conflicts": conflicts, "possible_duplicates": duplicates}


@command("customer.delete", kind=CommandKind.INTENTION, roles=DELETE_ROLES, payload=CustomerDelete, scope=_scope_existing)
def delete_customer(ctx: CommandContext, payload: CustomerDelete) -> dict[str, Any]:
    customer = _existing(ctx, payload.id)
    customer.deleted_at = ctx.now
    authors = dict(customer.field_authors or {})
    authors["deleted_at"] = author(ctx)
    customer.field_authors = authors
    return {"id": customer.id}
