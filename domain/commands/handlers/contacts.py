"""A customer's contacts (联系人): create, update, soft delete (intentions).

A contact's phone and mobile take part in the duplicate check, so every
write validates them and runs the check for the contact's customer.
"""

from __future__ import annotations

import logging
from typing import Any

from pydantic import Field

from domain.commands.framework import CommandContext, CommandKind, CommandRejected, ScopeRef, command
from domain.commands.handlers.common import require
from domain.commands.handlers.customers import CUSTOMER_ROLES
from domain.commands.handlers.duplicates import flag_possible_duplicates
from domain.commands.handlers.field_merge import clear_other_primaries, set_changed
from domain.commands.handlers.fields import FieldSet, Id, Payload
from domain.models import Customer, CustomerContact
from domain.validation import normalized_phone_or_abroad, required_text

log = logging.getLogger(__name__)


class ContactFields(FieldSet):
    """The editable fields of a contact; an update sends only the ones it changes."""

    name: str | None = Field(default=None, max_length=100)
    position: str | None = Field(default=None, max_length=100)
    mobile: str | None = Field(default=None, max_length=40)
    phone: str | None = Field(default=None, max_length=40)
    email: str | None = Field(default=None, max_length=200)
    wechat: str | None = Field(default=None, max_length=100)
    is_primary: bool | None = None
    note: str | None = Field(default=None, max_length=2000)


class ContactCreate(Payload):
    id: Id
    customer_id: Id
    name: str = Field(max_length=100)
    fields: ContactFields = ContactFields()


class ContactUpdate(Payload):
    id: Id
    fields: ContactFields


class ContactDelete(Payload):
    id: Id


def validated_contact(values: dict[str, Any], table: str = "customer_contact") -> dict[str, Any]:
    """Return the contact fields with phones in their stored form, or raise CommandRejected naming the field.

    `table` names the contact table in a rejection; supplier contacts are checked the same way.
    """
    values = dict(values)
    if "name" in values:
        values["name"] = required_text(values["name"], "name", table)
    # Contacts of customers and suppliers may be abroad, so both fields take a number with "+" and its
    # country code. A mainland number in the mobile field must be a mobile: a landline there would be
    # found by the duplicate check all the same, but SMS and WeChat need a mobile.
    if "phone" in values:
        values["phone"] = normalized_phone_or_abroad(values["phone"], "phone", "invalid_contact_phone")
    if values.get("mobile") is not None:
        values["mobile"] = normalized_phone_or_abroad(values["mobile"], "mobile", "invalid_contact_mobile",
                                                      mobile=True)
    return values


def _live_customer(ctx: CommandContext, customer_id: str, field: str) -> Customer:
    customer = require(ctx.session, Customer, customer_id, field)
    if customer.deleted_at is not None:
        raise CommandRejected("record_deleted", table="customer", id=customer.id, name=customer.name)
    return customer


def _live_contact(ctx: CommandContext, contact_id: str) -> CustomerContact:
    contact = require(ctx.session, CustomerContact, contact_id, "id")
    if contact.deleted_at is not None:
        raise CommandRejected("record_deleted", table="customer_contact", id=contact.id, name=contact.name)
    return contact


def _clear_other_primaries(ctx: CommandContext, contact: CustomerContact) -> None:
    """Make `contact` the customer's only primary contact."""
    clear_other_primaries(ctx, contact, "customer_id")


def _scope_create(ctx: CommandContext, payload: ContactCreate) -> list[ScopeRef]:
    customer = ctx.session.get(Customer, payload.customer_id)
    return [ScopeRef("department", customer.department_id)] if customer is not None else []


def _scope_existing(ctx: CommandContext, payload: ContactUpdate | ContactDelete) -> list[ScopeRef]:
    contact = ctx.session.get(CustomerContact, payload.id)
    customer = ctx.session.get(Customer, contact.customer_id) if contact is not None else None
    return [ScopeRef("department", customer.department_id)] if customer is not None else []


@command("customer_contact.create", kind=CommandKind.INTENTION, roles=CUSTOMER_ROLES, payload=ContactCreate,
         scope=_scope_create)
def create_contact(ctx: CommandContext, payload: ContactCreate) -> dict[str, Any]:
    if ctx.session.get(CustomerContact, payload.id) is not None:
        raise CommandRejected("record_exists", table="customer_contact", id=payload.id)
    customer = _live_customer(ctx, payload.customer_id, "customer_id")
    values = validated_contact({**payload.fields.given(), "name": payload.name})
    contact = CustomerContact(id=payload.id, customer_id=customer.id, is_primary=False)
    for field, value in values.items():
        setattr(contact, field, value)
    if contact.is_primary is None:
        contact.is_primary = False
    ctx.session.add(contact)
    ctx.session.flush()
    if contact.is_primary:
        _clear_other_primaries(ctx, contact)
    duplicates = flag_possible_duplicates(ctx, customer) if contact.phone or contact.mobile else []
    return {"id": contact.id, "possible_duplicates": duplicates}


@command("customer_contact.update", kind=CommandKind.INTENTION, roles=CUSTOMER_ROLES, payload=ContactUpdate,
         scope=_scope_existing)
def update_contact(ctx: CommandContext, payload: ContactUpdate) -> dict[str, Any]:
    """Set the given fields; the last update wins per field, as contacts carry no conflict records."""
    contact = _live_contact(ctx, payload.id)
    customer = _live_customer(ctx, contact.customer_id, "id")
    values = validated_contact(payload.fields.given())
    if values.get("is_primary") is None:
        values.pop("is_primary", None)
    applied = set_changed(contact, values)
    ctx.session.flush()
    if contact.is_primary and "is_primary" in applied:
        _clear_other_primaries(ctx, contact)
    duplicates = []
    if {"phone", "mobile"}.intersection(applied):
        duplicates = flag_possible_duplicates(ctx, customer)
    return {"id": contact.id, "applied": applied, "possible_duplicates": duplicates}


@command("customer_contact.delete", kind=CommandKind.INTENTION, roles=CUSTOMER_ROLES, payload=ContactDelete,
         scope=_scope_existing)
def delete_contact(ctx: CommandContext, payload: ContactDelete) -> dict[str, Any]:
    contact = _live_contact(ctx, payload.id)
    contact.deleted_at = ctx.now
    contact.is_primary = False
    log.info("contact %s of customer %s deleted", contact.id, contact.customer_id)
    return {"id": contact.id}
