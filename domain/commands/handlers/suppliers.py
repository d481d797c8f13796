"""Supplier master data (供应商) and supplier contacts: create, field-merged update, contact delete (intentions).

Suppliers reach every user (Replication "all"), so the commands carry no
department scope. Whoever posts goods receipts may keep suppliers, besides
managers and administrators.
"""

from __future__ import annotations

import logging
from typing import Any

from pydantic import Field

from domain.commands.framework import CommandContext, CommandKind, command
from domain.commands.handlers.common import require
from domain.commands.handlers.contacts import ContactFields, validated_contact
from domain.commands.handlers.customers import _base_in_stored_form
from domain.commands.handlers.customers import _validated as validated_party_fields
from domain.commands.handlers.field_merge import (
    check_code_free,
    check_new_id,
    clear_other_primaries,
    live_record,
    merge_fields,
    reject_cleared_code_or_name,
    set_changed,
    split_create_fields,
)
from domain.commands.handlers.fields import FieldSet, Id, Payload
from domain.commands.handlers.receipts import STOCK_ROLES
from domain.mnemonic import mnemonic_for
from domain.models import Customer, Supplier, SupplierContact
from domain.validation import international_phone_text, normalized_supplier_phone

log = logging.getLogger(__name__)

SUPPLIER_ROLES = tuple(dict.fromkeys((*STOCK_ROLES, "manager", "admin")))


class SupplierFields(FieldSet):
    """The editable fields of a supplier; an update sends only the ones it changes."""

    code: str | None = Field(default=None, min_length=1, max_length=40)
    name: str | None = Field(default=None, min_length=1, max_length=200)
    mnemonic: str | None = Field(default=None, max_length=80)
    phone: str | None = Field(default=None, max_length=40)
    address: str | None = Field(default=None, max_length=400)
    uscc: str | None = Field(default=None, max_length=18)
    payment_terms_days: int | None = Field(default=None, ge=0, le=3650)
    customer_id: Id | None = None
    notes: str | None = None
    active: bool | None = None


class SupplierCreate(Payload):
    id: Id
    code: str = Field(min_length=1, max_length=40)
    name: str = Field(min_length=1, max_length=200)
    fields: SupplierFields = SupplierFields()


class SupplierUpdate(Payload):
    id: Id
    fields: SupplierFields
    # The values the client saw when it edited, per field in `fields`. A field
    # missing here is set without a conflict check.
    base: SupplierFields = SupplierFields()


class SupplierContactCreate(Payload):
    id: Id
    supplier_id: Id
    name: str = Field(max_length=100)
    fields: ContactFields = ContactFields()


class SupplierContactUpdate(Payload):
    id: Id
    fields: ContactFields


class SupplierContactDelete(Payload):
    id: Id


def validated_supplier_fields(values: dict[str, Any]) -> dict[str, Any]:
    """Return `values` with the USCC and phone in stored form, or raise CommandRejected naming the field.

    A supplier's phone may be a number abroad with "+" and its country code,
    because many suppliers of an importing distributor are foreign. The editor
    runs this before its duplicate check, so a format error shows first.
    """
    values = dict(values)
    has_phone = "phone" in values
    phone = values.pop("phone", None)
    values = validated_party_fields(values, "supplier")
    if has_phone:
        values["phone"] = normalized_supplier_phone(phone, "phone")
    return values


def _check_customer(ctx: CommandContext, values: dict[str, Any]) -> None:
    # The same party as a customer, for offsetting payables against receivables.
    if values.get("customer_id") is not None:
        require(ctx.session, Customer, values["customer_id"], "fields.customer_id")


@command("supplier.create", kind=CommandKind.INTENTION, roles=SUPPLIER_ROLES, payload=SupplierCreate)
def create_supplier(ctx: CommandContext, payload: SupplierCreate) -> dict[str, Any]:
    """Create a supplier; without a mnemonic code given, it gets the pinyin initials of the name."""
    check_new_id(ctx, Supplier, payload.id)
    code, name, values = split_create_fields(payload.code, payload.name, payload.fields, "supplier",
                                             validated_supplier_fields)
    _check_customer(ctx, values)
    check_code_free(ctx, Supplier, "supplier", code, payload.id)
    supplier = Supplier(id=payload.id, code=code, name=name, created_by=ctx.actor.user_id, active=True)
    for field, value in values.items():
        setattr(supplier, field, value)
    if "mnemonic" not in values:
        supplier.mnemonic = mnemonic_for(name) or None
    ctx.session.add(supplier)
    log.info("supplier %s (%s) created", supplier.code, supplier.id)
    return {"id": supplier.id}


@command("supplier.update", kind=CommandKind.INTENTION, roles=SUPPLIER_ROLES, payload=SupplierUpdate)
def update_supplier(ctx: CommandContext, payload: SupplierUpdate) -> dict[str, Any]:
    """Merge the changed fields against the base the client saw, as customer.update does.

    A field someone else changed since the base still takes the new value
    (server order decides), and the overwritten value goes to a conflict record.
    NOTE: suppliers store no field authors, so that record names no losing user.
    """
    supplier = live_record(ctx, Supplier, payload.id)
    reject_cleared_code_or_name(payload.fields, "supplier")
    changes = validated_supplier_fields(payload.fields.given())
    base = _base_in_stored_form(payload.base.given())
    if base.get("phone") is not None:
        # A base number abroad is compared in its stored form too, as _base_in_stored_form does for mainland ones.
        base["phone"] = international_phone_text(base["phone"]) or base["phone"]
    _check_customer(ctx, changes)
    if changes.get("code") is not None:
        check_code_free(ctx, Supplier, "supplier", changes["code"], supplier.id)

    applied, conflicts = merge_fields(ctx, supplier, "supplier", changes, base)
    return {"id": supplier.id, "applied": applied, "conflicts": conflicts}


@command("supplier_contact.create", kind=CommandKind.INTENTION, roles=SUPPLIER_ROLES, payload=SupplierContactCreate)
def create_supplier_contact(ctx: CommandContext, payload: SupplierContactCreate) -> dict[str, Any]:
    check_new_id(ctx, SupplierContact, payload.id)
    supplier = live_record(ctx, Supplier, payload.supplier_id, "supplier_id")
    values = validated_contact({**payload.fields.given(), "name": payload.name}, "supplier_contact")
    contact = SupplierContact(id=payload.id, supplier_id=supplier.id, is_primary=False)
    for field, value in values.items():
        setattr(contact, field, value)
    if contact.is_primary is None:
        contact.is_primary = False
    ctx.session.add(contact)
    ctx.session.flush()
    if contact.is_primary:
        clear_other_primaries(ctx, contact, "supplier_id")
    return {"id": contact.id}


@command("supplier_contact.update", kind=CommandKind.INTENTION, roles=SUPPLIER_ROLES, payload=SupplierContactUpdate)
def update_supplier_contact(ctx: CommandContext, payload: SupplierContactUpdate) -> dict[str, Any]:
    """Set the given fields; the last update wins per field, as contacts carry no conflict records."""
    contact = live_record(ctx, SupplierContact, payload.id)
    live_record(ctx, Supplier, contact.supplier_id, "id")
    values = validated_contact(payload.fields.given(), "supplier_contact")
    if values.get("is_primary") is None:
        values.pop("is_primary", None)
    applied = set_changed(contact, values)
    ctx.session.flush()
    if contact.is_primary and "is_primary" in applied:
        clear_other_primaries(ctx, contact, "supplier_id")
    return {"id": contact.id, "applied": applied}


@command("supplier_contact.delete", kind=CommandKind.INTENTION, roles=SUPPLIER_ROLES, payload=SupplierContactDelete)
def delete_supplier_contact(ctx: CommandContext, payload: SupplierContactDelete) -> dict[str, Any]:
    contact = live_record(ctx, SupplierContact, payload.id)
    contact.deleted_at = ctx.now
    contact.is_primary = False
    log.info("contact %s of supplier %s deleted", contact.id, contact.supplier_id)
    return {"id": contact.id}
