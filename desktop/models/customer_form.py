"""The data behind the customer editor: choices, the loaded values, field checks and the changed fields.

Nothing here touches a widget, so the checks and the field diff are the
same whether a test or the dialog calls them. Field checks call the
functions the command handlers use (domain.validation), so a value the
editor accepts is one the command accepts.
"""

from __future__ import annotations

import dataclasses
import logging
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from domain.commands.framework import CommandRejected
from domain.customer_checks import CustomerMatch, SupplierMatch, find_duplicate_customers
from domain.models import Customer, CustomerCategory, Department, SalesRegion, User, Warehouse
from domain.validation import normalized_phone, normalized_uscc, required_text

log = logging.getLogger(__name__)

# The customer fields the editor shows, in tab order; all of them travel in customer.create/update.
TEXT_FIELDS = ("code", "name", "mnemonic", "phone", "address", "uscc", "credit_limit", "payment_terms_days", "notes")
CHOICE_FIELDS = ("category_id", "sales_region_id", "owner_id", "department_id", "default_warehouse_id")
EDITOR_FIELDS = TEXT_FIELDS + CHOICE_FIELDS + ("active",)
# A changed value in one of these runs the duplicate check before saving an edit.
DUPLICATE_CHECK_FIELDS = frozenset({"name", "uscc", "phone"})
MAX_PAYMENT_TERMS_DAYS = 3650


@dataclasses.dataclass(frozen=True)
class Choice:
    """One entry of a drop-down: the row id and its "code name" text."""

    id: str
    text: str


@dataclasses.dataclass(frozen=True)
class EditorData:
    """Drop-down entries and, for an edit, the stored values, read before the editor opens."""

    choices: dict[str, tuple[Choice, ...]]
    # The customer's stored values per EDITOR_FIELDS name, or None for a new customer.
    values: dict[str, Any] | None
    # Category id -> its default credit limit (None: no limit), which applies while the customer's own is blank.
    category_credit_limits: dict[str, Decimal | None] = dataclasses.field(default_factory=dict)


@dataclasses.dataclass(frozen=True)
class FieldError:
    """A check that failed on one field: the code and params that desktop.messages translates."""

    field: str
    code: str
    params: dict[str, Any]


def load_editor_data(session: Session, customer_id: str | None) -> EditorData:
    """Read the drop-down entries and the customer's values (None for a new one) from the replica."""
    choices = {
        "category_id": _choices(session, CustomerCategory, CustomerCategory.deleted_at.is_(None)),
        "sales_region_id": _choices(session, SalesRegion, SalesRegion.deleted_at.is_(None)),
        "department_id": _choices(session, Department, Department.deleted_at.is_(None)),
        "default_warehouse_id": _choices(session, Warehouse, Warehouse.deleted_at.is_(None)),
        "owner_id": tuple(
            Choice(user.id, f"{user.display_name} ({user.username})")
            for user in session.scalars(select(User).where(User.deleted_at.is_(None)).order_by(User.username))
        ),
    }
    values = None
    if customer_id is not None:
        customer = session.get(Customer, customer_id)
        if customer is None:
            raise LookupError(f"customer {customer_id} not found in the replica")
        values = {field: getattr(customer, field) for field in EDITOR_FIELDS}
    limits = dict(session.execute(
        select(CustomerCategory.id, CustomerCategory.default_credit_limit).where(CustomerCategory.deleted_at.is_(None))
    ).all())
    return EditorData(choices, values, limits)


def _choices(session: Session, model: type, *conditions) -> tuple[Choice, ...]:
    rows = session.scalars(select(model).where(*conditions).order_by(model.code))
    return tuple(Choice(row.id, f"{row.code} {row.name}") for row in rows)


def checked_value(field: str, text: str) -> Any:
    """Return the value of an editor field in the form the command stores, or raise CommandRejected.

    Blank optional fields give None. Credit limit is a Decimal with at most
    two places and is never rounded: a third place is an input error, not
    a cent to round away.
    """
    text = text.strip()
    if field in ("code", "name"):
        return required_text(text, field, "customer")
    if field == "phone":
        return normalized_phone(text, "phone")
    if field == "uscc":
        return normalized_uscc(text, "uscc")
    if field == "credit_limit":
        return _money(text, field)
    if field == "payment_terms_days":
        return _days(text, field)
    return text or None


def _money(text: str, field: str) -> Decimal | None:
    if not text:
        return None
    try:
        value = Decimal(text.replace(",", ""))
    except InvalidOperation:
        raise CommandRejected("invalid_number", field=field, value=text) from None
    if not value.is_finite():
        raise CommandRejected("invalid_number", field=field, value=text)
    if value < 0:
        raise CommandRejected("value_negative", field=field, value=text)
    if value != value.quantize(Decimal("0.01")):
        raise CommandRejected("too_many_decimal_places", field=field, places=2, value=text)
    return value.quantize(Decimal("0.01"))


def _days(text: str, field: str) -> int | None:
    if not text:
        return None
    if not text.isdigit():
        raise CommandRejected("invalid_number", field=field, value=text)
    days = int(text)
    if days > MAX_PAYMENT_TERMS_DAYS:
        raise CommandRejected("value_out_of_range", field=field, minimum=0, maximum=MAX_PAYMENT_TERMS_DAYS, value=text)
    return days


def check_fields(texts: dict[str, str]) -> tuple[dict[str, Any], list[FieldError]]:
    """Check every text field; return the checked values and the errors, one per failing field."""
    values: dict[str, Any] = {}
    errors: list[FieldError] = []
    for field, text in texts.items():
        try:
            values[field] = checked_value(field, text)
        except CommandRejected as error:
            errors.append(FieldError(field, error.code, dict(error.params)))
    return values, errors


def changed_fields(original: dict[str, Any], current: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Return (fields, base) for customer.update: the values that differ, and what they were when the editor opened."""
    fields: dict[str, Any] = {}
    base: dict[str, Any] = {}
    for field, value in current.items():
        before = original.get(field)
        if _same(before, value):
            continue
        fields[field] = value
        base[field] = before
    return fields, base


def _same(left: Any, right: Any) -> bool:
    if isinstance(left, Decimal) or isinstance(right, Decimal):
        if left is None or right is None:
            return left is right
        return Decimal(left) == Decimal(right)
    return left == right


@dataclasses.dataclass(frozen=True)
class DuplicateCandidate:
    """A possible duplicate shown before saving: the match and the existing record's phone."""

    match: CustomerMatch | SupplierMatch
    phone: str | None


def find_duplicates(session: Session, values: dict[str, Any], exclude_id: str | None) -> list[DuplicateCandidate]:
    """Run the duplicate check (domain.customer_checks) on the values about to be saved."""
    matches = find_duplicate_customers(
        session, name=values.get("name"), uscc=values.get("uscc"), phones=[values.get("phone")],
        exclude_id=exclude_id,
    )
    phones = {}
    if matches:
        phones = dict(session.execute(
            select(Customer.id, Customer.phone).where(Customer.id.in_([match.customer_id for match in matches]))
        ).all())
    log.info("duplicate check found %d possible duplicates", len(matches))
    return [DuplicateCandidate(match, phones.get(match.customer_id)) for match in matches]
