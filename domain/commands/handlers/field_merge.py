"""Field-level merge of master data edits, and checks shared by the master data handlers.

An update carries the changed fields and, as `base`, their values when the
client read them. A field still equal to its base takes the new value. A
field someone else changed since the base is still set, because server
order decides and this command is the later one, and the value it
overwrites goes to a conflict record.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from sqlalchemy import bindparam, or_, select

from domain.commands.framework import CommandContext, CommandRejected
from domain.commands.handlers.common import author, json_value, require
from domain.commands.handlers.fields import FieldSet
from domain.models import ConflictRecord
from domain.validation import required_text

log = logging.getLogger(__name__)


def same_value(left: Any, right: Any) -> bool:
    """Return whether two field values are equal, comparing decimals by value ("5.0" equals "5.00")."""
    if isinstance(left, Decimal) or isinstance(right, Decimal):
        if left is None or right is None:
            return left is right
        return Decimal(left) == Decimal(right)
    return left == right


def merge_fields(ctx: CommandContext, record: Any, table: str, changes: dict[str, Any], base: dict[str, Any],
                 authors: dict[str, Any] | None = None) -> tuple[list[str], list[dict[str, Any]]]:
    """Set the changed fields on `record`; return (applied field names, conflicts for the command's result).

    `authors` is the record's field_authors map, updated in place, or None for
    a table without one: its conflict records then name no losing user.
    """
    applied: list[str] = []
    conflicts: list[dict[str, Any]] = []
    for field, new_value in changes.items():
        current = getattr(record, field)
        base_value = base.get(field, current)
        if same_value(current, new_value):
            continue
        if not same_value(current, base_value):
            loser = (authors.get(field) or authors.get("*") or {}) if authors is not None else {}
            ctx.session.add(ConflictRecord(
                id=ctx.derived_id("conflict", table, record.id, field),
                record_table=table,
                record_id=record.id,
                field=field,
                base_value=json_value(base_value),
                losing_value=json_value(current),
                winning_value=json_value(new_value),
                losing_user_id=loser.get("user_id"),
                winning_user_id=ctx.actor.user_id,
                losing_mutation_id=loser.get("mutation_id"),
                winning_mutation_id=ctx.mutation_id,
                occurred_at=ctx.now,
                resolved=False,
            ))
            conflicts.append(
                {"field": field, "losing_value": json_value(current), "winning_value": json_value(new_value)}
            )
            log.info("%s %s field %s: overwrote a concurrent change (conflict kept)", table, record.id, field)
        setattr(record, field, new_value)
        if authors is not None:
            authors[field] = author(ctx)
        applied.append(field)
    return applied, conflicts


# Look-ups are built once per model and run with bound parameters, because
# building a select and its cache key costs more than running it.
_LOOKUPS: dict[tuple[str, type], Any] = {}


def _lookup(kind: str, model: type) -> Any:
    statement = _LOOKUPS.get((kind, model))
    if statement is None:
        if kind == "id":
            statement = select(model.id).where(model.id == bindparam("record_id"))
        else:
            statement = select(model.id).where(model.code == bindparam("code"), model.id != bindparam("record_id"))
        _LOOKUPS[(kind, model)] = statement
    return statement


def check_code_free(ctx: CommandContext, model: type, table: str, code: str, record_id: str) -> None:
    """Raise CommandRejected("duplicate_code") when another row of `model` has `code`."""
    other = ctx.session.execute(_lookup("code", model), {"code": code, "record_id": record_id}).scalar_one_or_none()
    if other is not None:
        raise CommandRejected("duplicate_code", table=table, value=code)


def check_new_id_and_code(ctx: CommandContext, model: type, record_id: str, code: str | None) -> bool:
    """Raise CommandRejected("record_exists") as check_new_id does; return whether another row has `code` (stripped).

    One statement instead of check_new_id and check_code_free, because each
    is a round trip to a PostgreSQL server, and a create runs both. The
    caller raises duplicate_code itself where its other checks come first.
    """
    code = code.strip() if code else ""
    statement = _LOOKUPS.get(("id_or_code", model))
    if statement is None:
        statement = select(model.id).where(or_(model.id == bindparam("record_id"), model.code == bindparam("code"))).limit(2)
        _LOOKUPS[("id_or_code", model)] = statement
    found = ctx.session.execute(statement, {"record_id": record_id, "code": code}).scalars().all()
    if record_id in found:
        raise CommandRejected("record_exists", table=model.__tablename__, id=record_id)
    return bool(found) and bool(code)


def check_new_id(ctx: CommandContext, model: type, record_id: str) -> None:
    """Raise CommandRejected("record_exists") when a row of `model` already has the id a create sends."""
    # A SELECT of the id, not session.get: a new id is never in the identity
    # map, so session.get would run the ORM's whole load path to find nothing.
    if ctx.session.execute(_lookup("id", model), {"record_id": record_id}).first() is not None:
        raise CommandRejected("record_exists", table=model.__tablename__, id=record_id)


def live_record(ctx: CommandContext, model: type, record_id: str, field: str = "id") -> Any:
    """Return the row of `model`, or raise CommandRejected("record_deleted") when it is soft-deleted.

    A row that does not exist raises InvalidPayload naming `field` (common.require).
    """
    record = require(ctx.session, model, record_id, field)
    if record.deleted_at is not None:
        raise CommandRejected("record_deleted", table=model.__tablename__, id=record.id, name=record.name)
    return record


def checked_new_code_and_name(ctx: CommandContext, model: type, table: str, payload: Any) -> tuple[str, str]:
    """Return the stripped code and name of a create, after checking that its id is new and its code is free."""
    code_taken = check_new_id_and_code(ctx, model, payload.id, payload.code)
    code = required_text(payload.code, "code", table)
    name = required_text(payload.name, "name", table)
    if code_taken:
        raise CommandRejected("duplicate_code", table=table, value=code)
    return code, name


def stripped_code_and_name(values: dict[str, Any], table: str) -> dict[str, Any]:
    """Return `values` with a given code and name stripped, or raise CommandRejected("required_field") for a blank or null one."""
    values = dict(values)
    for field in ("code", "name"):
        if field in values:
            values[field] = required_text(values[field], field, table)
    return values


def reject_cleared_code_or_name(fields: FieldSet, table: str) -> None:
    """Raise CommandRejected("required_field") when an update sends the code or name as null."""
    for field in ("code", "name"):
        if field in fields.model_fields_set and getattr(fields, field) is None:
            raise CommandRejected("required_field", table=table, field=field)


def split_create_fields(code: str, name: str, fields: FieldSet, table: str,
                        validate: Callable[[dict[str, Any]], dict[str, Any]]) -> tuple[str, str, dict[str, Any]]:
    """Return the stripped code and name of a create and its other given fields after `validate`.

    The payload's own code and name win over any sent again in `fields`.
    `validate` runs first, so its rejection comes before a blank code or name.
    """
    values = fields.given()
    values.pop("code", None)
    values.pop("name", None)
    values = validate(values)
    return required_text(code, "code", table), required_text(name, "name", table), values


def set_changed(record: Any, values: dict[str, Any]) -> list[str]:
    """Set the values that differ from the record's; return the names of the fields set (last update wins)."""
    applied = []
    for field, value in values.items():
        if getattr(record, field) != value:
            setattr(record, field, value)
            applied.append(field)
    return applied


def clear_other_primaries(ctx: CommandContext, contact: Any, parent_column: str) -> None:
    """Make `contact` the only primary contact among the rows with its value of `parent_column`."""
    model = type(contact)
    parent = getattr(model, parent_column)
    others = ctx.session.scalars(select(model).where(
        parent == getattr(contact, parent_column),
        model.id != contact.id,
        model.is_primary.is_(True),
    ))
    for other in others:
        other.is_primary = False
