"""A customer's follow-ups, shipping addresses and invoicing details (intentions).

Follow-ups are only added: a logged call or visit is a record of what
happened, and a correction is a new follow-up. Addresses and invoicing
details are created, updated (the last update wins per field, as for
contacts) and soft-deleted. Each customer keeps at most one default
address and one default set of invoicing details.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from typing import Any

from pydantic import Field
from sqlalchemy import select

from domain.commands.framework import CommandContext, CommandKind, CommandRejected, ScopeRef, command
from domain.commands.handlers.common import require
from domain.commands.handlers.customers import CUSTOMER_ROLES
from domain.commands.handlers.fields import FieldSet, Id, Payload
from domain.models import (
    Customer,
    CustomerContact,
    FollowUp,
    FollowUpChannel,
    InvoiceType,
    InvoicingDetails,
    ShippingAddress,
)
from domain.validation import normalized_phone, normalized_uscc, required_text

log = logging.getLogger(__name__)

# A mainland postal code (邮政编码) has six digits.
POSTAL_CODE = re.compile(r"\d{6}")


class FollowUpAdd(Payload):
    id: Id
    customer_id: Id
    channel: FollowUpChannel = FollowUpChannel.PHONE
    content: str = Field(max_length=4000)
    # The day the call or visit happened, as the clerk enters it (it may be earlier than today).
    follow_up_date: dt.date
    next_follow_up_date: dt.date | None = None
    contact_id: Id | None = None


class AddressFields(FieldSet):
    """The editable fields of a shipping address; an update sends only the ones it changes."""

    label: str | None = Field(default=None, max_length=100)
    recipient_name: str | None = Field(default=None, max_length=100)
    phone: str | None = Field(default=None, max_length=40)
    province: str | None = Field(default=None, max_length=40)
    city: str | None = Field(default=None, max_length=40)
    district: str | None = Field(default=None, max_length=40)
    address: str | None = Field(default=None, max_length=400)
    postal_code: str | None = Field(default=None, max_length=10)
    is_default: bool | None = None


class AddressCreate(Payload):
    id: Id
    customer_id: Id
    fields: AddressFields


class InvoicingFields(FieldSet):
    """The editable fields of a customer's invoicing details."""

    title: str | None = Field(default=None, max_length=200)
    tax_number: str | None = Field(default=None, max_length=20)
    bank_name: str | None = Field(default=None, max_length=200)
    bank_account: str | None = Field(default=None, max_length=60)
    address: str | None = Field(default=None, max_length=400)
    phone: str | None = Field(default=None, max_length=40)
    default_invoice_type: InvoiceType | None = None
    email: str | None = Field(default=None, max_length=200)
    is_default: bool | None = None


class InvoicingCreate(Payload):
    id: Id
    customer_id: Id
    fields: InvoicingFields


class AddressUpdate(Payload):
    id: Id
    fields: AddressFields


class InvoicingUpdate(Payload):
    id: Id
    fields: InvoicingFields


class DetailDelete(Payload):
    id: Id


def _live_customer(ctx: CommandContext, customer_id: str) -> Customer:
    customer = require(ctx.session, Customer, customer_id, "customer_id")
    if customer.deleted_at is not None:
        raise CommandRejected("record_deleted", table="customer", id=customer.id, name=customer.name)
    return customer


def _live_row(ctx: CommandContext, model: type, row_id: str, name_field: str):
    """Return the row, or raise record_deleted naming it by its `name_field` (the address or the invoice title)."""
    row = require(ctx.session, model, row_id, "id")
    if row.deleted_at is not None:
        raise CommandRejected("record_deleted", table=model.__tablename__, id=row.id, name=getattr(row, name_field))
    return row


def _customer_scope(ctx: CommandContext, customer_id: str | None) -> list[ScopeRef]:
    customer = ctx.session.get(Customer, customer_id) if customer_id else None
    return [ScopeRef("department", customer.department_id)] if customer is not None else []


def _scope_new(ctx: CommandContext, payload: FollowUpAdd | AddressCreate | InvoicingCreate) -> list[ScopeRef]:
    return _customer_scope(ctx, payload.customer_id)


def _scope_of(model: type):
    def scope(ctx: CommandContext, payload: Any) -> list[ScopeRef]:
        row = ctx.session.get(model, payload.id)
        return _customer_scope(ctx, row.customer_id if row is not None else None)

    return scope


def _clear_other_defaults(ctx: CommandContext, model: type, row: Any) -> None:
    """Make `row` the only default of its customer among the rows of `model`."""
    ctx.session.flush()
    others = ctx.session.scalars(select(model).where(
        model.customer_id == row.customer_id,
        model.id != row.id,
        model.is_default.is_(True),
    ))
    for other in others:
        other.is_default = False


def _apply(row: Any, values: dict[str, Any]) -> list[str]:
    """Set the values that differ from the row's; return the names of the fields set."""
    applied = []
    for field, value in values.items():
        if getattr(row, field) != value:
            setattr(row, field, value)
            applied.append(field)
    return applied


def _optional_text(value: str | None) -> str | None:
    if value is None or not value.strip():
        return None
    return value.strip()


# Follow-ups.

@command("customer_follow_up.add", kind=CommandKind.INTENTION, roles=CUSTOMER_ROLES, payload=FollowUpAdd,
         scope=_scope_new)
def add_follow_up(ctx: CommandContext, payload: FollowUpAdd) -> dict[str, Any]:
    """Record a follow-up and move the customer's last follow-up date forward to it."""
    if ctx.session.get(FollowUp, payload.id) is not None:
        raise CommandRejected("record_exists", table="follow_up", id=payload.id)
    customer = _live_customer(ctx, payload.customer_id)
    content = required_text(payload.content, "content", "follow_up")

    if payload.next_follow_up_date is not None and payload.next_follow_up_date < payload.follow_up_date:
        raise CommandRejected("next_follow_up_before_date", field="next_follow_up_date",
                              follow_up_date=payload.follow_up_date.isoformat(),
                              next_follow_up_date=payload.next_follow_up_date.isoformat())
    if payload.contact_id is not None:
        contact = require(ctx.session, CustomerContact, payload.contact_id, "contact_id")
        if contact.customer_id != customer.id:
            raise CommandRejected("contact_not_of_customer", field="contact_id", name=contact.name)

    follow_up = FollowUp(
        id=payload.id,
        customer_id=customer.id,
        contact_id=payload.contact_id,
        user_id=ctx.actor.user_id,
        channel=payload.channel.value,
        content=content,
        follow_up_date=payload.follow_up_date,
        next_follow_up_date=payload.next_follow_up_date,
        created_at=ctx.now,
        device_id=ctx.device_id,
    )
    ctx.session.add(follow_up)

    # A follow-up entered late for an earlier day must not move the date
    # back: the "days since follow-up" filter reads the latest one.
    if customer.last_follow_up_date is None or payload.follow_up_date > customer.last_follow_up_date:
        customer.last_follow_up_date = payload.follow_up_date
    log.info("follow-up %s added to customer %s by %s", follow_up.id, customer.id, ctx.actor.user_id)
    return {"id": follow_up.id, "last_follow_up_date": customer.last_follow_up_date.isoformat()}


# Shipping addresses.

def _address_values(values: dict[str, Any]) -> dict[str, Any]:
    """Return the address fields in their stored form, or raise CommandRejected naming the field."""
    values = dict(values)
    if "address" in values:
        values["address"] = required_text(values["address"], "address", "shipping_address")
    if "phone" in values:
        values["phone"] = normalized_phone(values["phone"], "phone")
    if "postal_code" in values:
        postal_code = _optional_text(values["postal_code"])
        if postal_code is not None and not POSTAL_CODE.fullmatch(postal_code):
            raise CommandRejected("invalid_postal_code", field="postal_code", value=values["postal_code"])
        values["postal_code"] = postal_code
    for field in ("label", "recipient_name", "province", "city", "district"):
        if field in values:
            values[field] = _optional_text(values[field])
    if values.get("is_default") is None:
        values.pop("is_default", None)
    return values


@command("shipping_address.create", kind=CommandKind.INTENTION, roles=CUSTOMER_ROLES, payload=AddressCreate,
         scope=_scope_new)
def create_address(ctx: CommandContext, payload: AddressCreate) -> dict[str, Any]:
    if ctx.session.get(ShippingAddress, payload.id) is not None:
        raise CommandRejected("record_exists", table="shipping_address", id=payload.id)
    customer = _live_customer(ctx, payload.customer_id)
    values = _address_values({"address": None, **payload.fields.given()})
    has_default = ctx.session.execute(select(ShippingAddress.id).where(
        ShippingAddress.customer_id == customer.id,
        ShippingAddress.deleted_at.is_(None),
        ShippingAddress.is_default.is_(True),
    ).limit(1)).first() is not None
    # A customer's first address is its default, so orders always find one.
    values.setdefault("is_default", not has_default)
    address = ShippingAddress(id=payload.id, customer_id=customer.id)
    _apply(address, values)
    ctx.session.add(address)
    if address.is_default:
        _clear_other_defaults(ctx, ShippingAddress, address)
    return {"id": address.id}


@command("shipping_address.update", kind=CommandKind.INTENTION, roles=CUSTOMER_ROLES, payload=AddressUpdate,
         scope=_scope_of(ShippingAddress))
def update_address(ctx: CommandContext, payload: AddressUpdate) -> dict[str, Any]:
    address = _live_row(ctx, ShippingAddress, payload.id, "address")
    _live_customer(ctx, address.customer_id)
    applied = _apply(address, _address_values(payload.fields.given()))
    if address.is_default and "is_default" in applied:
        _clear_other_defaults(ctx, ShippingAddress, address)
    return {"id": address.id, "applied": applied}


@command("shipping_address.delete", kind=CommandKind.INTENTION, roles=CUSTOMER_ROLES, payload=DetailDelete,
         scope=_scope_of(ShippingAddress))
def delete_address(ctx: CommandContext, payload: DetailDelete) -> dict[str, Any]:
    address = _live_row(ctx, ShippingAddress, payload.id, "address")
    address.deleted_at = ctx.now
    address.is_default = False
    log.info("shipping address %s of customer %s deleted", address.id, address.customer_id)
    return {"id": address.id}


# Invoicing details.

def _invoicing_values(values: dict[str, Any]) -> dict[str, Any]:
    """Return the invoicing fields in their stored form, or raise CommandRejected naming the field.

    A company's tax number (纳税人识别号) is its unified social credit code,
    so the tax number gets the same check character test.
    """
    values = dict(values)
    if "title" in values:
        values["title"] = required_text(values["title"], "title", "invoicing_details")
    if "tax_number" in values:
        # NOTE: older 15- and 20-character tax numbers are rejected here.
        values["tax_number"] = normalized_uscc(values["tax_number"], "tax_number")
    if "phone" in values:
        values["phone"] = normalized_phone(values["phone"], "phone")
    if "bank_account" in values:
        # Bank cards and accounts are printed in groups of four digits; the stored form has no spaces.
        account = _optional_text(values["bank_account"])
        values["bank_account"] = re.sub(r"\s+", "", account) if account is not None else None
    for field in ("bank_name", "address", "email"):
        if field in values:
            values[field] = _optional_text(values[field])
    if values.get("default_invoice_type") is not None:
        values["default_invoice_type"] = values["default_invoice_type"].value
    else:
        values.pop("default_invoice_type", None)
    if values.get("is_default") is None:
        values.pop("is_default", None)
    return values


@command("invoicing_details.create", kind=CommandKind.INTENTION, roles=CUSTOMER_ROLES, payload=InvoicingCreate,
         scope=_scope_new)
def create_invoicing(ctx: CommandContext, payload: InvoicingCreate) -> dict[str, Any]:
    if ctx.session.get(InvoicingDetails, payload.id) is not None:
        raise CommandRejected("record_exists", table="invoicing_details", id=payload.id)
    customer = _live_customer(ctx, payload.customer_id)
    values = _invoicing_values({"title": None, **payload.fields.given()})
    values.setdefault("is_default", True)
    details = InvoicingDetails(
        id=payload.id, customer_id=customer.id, default_invoice_type=InvoiceType.VAT_GENERAL.value,
    )
    _apply(details, values)
    ctx.session.add(details)
    if details.is_default:
        _clear_other_defaults(ctx, InvoicingDetails, details)
    return {"id": details.id}


@command("invoicing_details.update", kind=CommandKind.INTENTION, roles=CUSTOMER_ROLES, payload=InvoicingUpdate,
         scope=_scope_of(InvoicingDetails))
def update_invoicing(ctx: CommandContext, payload: InvoicingUpdate) -> dict[str, Any]:
    details = _live_row(ctx, InvoicingDetails, payload.id, "title")
    _live_customer(ctx, details.customer_id)
    applied = _apply(details, _invoicing_values(payload.fields.given()))
    if details.is_default and "is_default" in applied:
        _clear_other_defaults(ctx, InvoicingDetails, details)
    return {"id": details.id, "applied": applied}


@command("invoicing_details.delete", kind=CommandKind.INTENTION, roles=CUSTOMER_ROLES, payload=DetailDelete,
         scope=_scope_of(InvoicingDetails))
def delete_invoicing(ctx: CommandContext, payload: DetailDelete) -> dict[str, Any]:
    details = _live_row(ctx, InvoicingDetails, payload.id, "title")
    details.deleted_at = ctx.now
    details.is_default = False
    log.info("invoicing details %s of customer %s deleted", details.id, details.customer_id)
    return {"id": details.id}
