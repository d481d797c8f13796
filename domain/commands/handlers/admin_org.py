"""Departments and warehouses: create and update (administrator intentions).

An update sends only the fields it changes, so two administrators editing
different fields of one record offline both keep their edit. Changes that
move data into or out of a user's scope (a department's parent, a
warehouse's department) raise the scope version of the users affected, so
their replicas rebuild.
"""

from __future__ import annotations

import logging
from typing import Any, Literal

from pydantic import Field
from sqlalchemy import func, select

from domain.commands.framework import CommandContext, CommandKind, CommandRejected, command
from domain.commands.handlers.field_merge import (
    check_code_free,
    checked_new_code_and_name,
    live_record,
    set_changed,
    stripped_code_and_name,
)
from domain.commands.handlers.fields import CodeNameCreate, FieldSet, Id, Payload
from domain.models import Department, User, Warehouse
from domain.org_scope import department_ancestors, move_warehouse, raise_scope_versions_in

log = logging.getLogger(__name__)

ADMIN_ROLES = ("admin",)

NegativeStockPolicyName = Literal["block", "warn", "allow"]


class DepartmentCreateFields(FieldSet):
    parent_id: Id | None = None


class DepartmentFields(FieldSet):
    """The editable fields of a department; an update sends only the ones it changes."""

    code: str | None = Field(default=None, max_length=40)
    name: str | None = Field(default=None, max_length=200)
    parent_id: Id | None = None
    active: bool | None = None


class DepartmentCreate(CodeNameCreate):
    fields: DepartmentCreateFields = DepartmentCreateFields()


class DepartmentUpdate(Payload):
    id: Id
    fields: DepartmentFields


class WarehouseCreateFields(FieldSet):
    negative_stock_policy: NegativeStockPolicyName | None = None
    address: str | None = Field(default=None, max_length=400)


class WarehouseFields(FieldSet):
    """The editable fields of a warehouse; an update sends only the ones it changes."""

    code: str | None = Field(default=None, max_length=40)
    name: str | None = Field(default=None, max_length=200)
    department_id: Id | None = None
    negative_stock_policy: NegativeStockPolicyName | None = None
    address: str | None = Field(default=None, max_length=400)
    active: bool | None = None


class WarehouseCreate(CodeNameCreate):
    department_id: Id
    fields: WarehouseCreateFields = WarehouseCreateFields()


class WarehouseUpdate(Payload):
    id: Id
    fields: WarehouseFields


def _required_flag(values: dict[str, Any], field: str, table: str) -> None:
    if field in values and values[field] is None:
        raise CommandRejected("required_field", table=table, field=field)


def usable_department(ctx: CommandContext, department_id: str, field: str) -> Department:
    """Return the department, or reject it when it is deleted or inactive (InvalidPayload when it does not exist)."""
    department = live_record(ctx, Department, department_id, field)
    if not department.active:
        raise CommandRejected("department_inactive", department_code=department.code)
    return department


# ---------------------------------------------------------------------------
# Departments


def _check_parent(ctx: CommandContext, department_id: str, code: str, parent_id: str) -> None:
    """Reject a parent that is the department itself or one below it."""
    usable_department(ctx, parent_id, "fields.parent_id")
    if parent_id == department_id or department_id in department_ancestors(ctx.session, parent_id):
        raise CommandRejected("department_cycle", department_code=code)


def _check_not_in_use(ctx: CommandContext, department: Department) -> None:
    """Reject deactivating a department that active users or warehouses still belong to."""
    users = ctx.session.scalar(
        select(func.count()).select_from(User).where(
            User.department_id == department.id, User.active.is_(True), User.deleted_at.is_(None),
        )
    )
    warehouses = ctx.session.scalar(
        select(func.count()).select_from(Warehouse).where(
            Warehouse.department_id == department.id, Warehouse.active.is_(True), Warehouse.deleted_at.is_(None),
        )
    )
    if users or warehouses:
        raise CommandRejected("department_in_use", department_code=department.code, users=users, warehouses=warehouses)


@command("department.create", kind=CommandKind.INTENTION, roles=ADMIN_ROLES, payload=DepartmentCreate)
def create_department(ctx: CommandContext, payload: DepartmentCreate) -> dict[str, Any]:
    code, name = checked_new_code_and_name(ctx, Department, "department", payload)
    parent_id = payload.fields.parent_id
    if parent_id is not None:
        _check_parent(ctx, payload.id, code, parent_id)
    department = Department(id=payload.id, code=code, name=name, parent_id=parent_id, active=True)
    ctx.session.add(department)
    log.info("department %s (%s) created", department.code, department.id)
    return {"id": department.id}


@command("department.update", kind=CommandKind.INTENTION, roles=ADMIN_ROLES, payload=DepartmentUpdate)
def update_department(ctx: CommandContext, payload: DepartmentUpdate) -> dict[str, Any]:
    """Set the given fields; a new parent raises the scope version of the users above the old and new place."""
    department = live_record(ctx, Department, payload.id)
    values = stripped_code_and_name(payload.fields.given(), "department")
    _required_flag(values, "active", "department")
    if "code" in values:
        check_code_free(ctx, Department, "department", values["code"], department.id)
    code = values.get("code", department.code)
    if values.get("parent_id") is not None and values["parent_id"] != department.parent_id:
        _check_parent(ctx, department.id, code, values["parent_id"])
    if values.get("active") is False and department.active:
        _check_not_in_use(ctx, department)

    applied = []
    if "parent_id" in values and values["parent_id"] != department.parent_id:
        # Users of a department above the old place lose this subtree, and users
        # above the new place gain it. Users of a common ancestor keep it.
        before = department_ancestors(ctx.session, department.id)
        department.parent_id = values["parent_id"]
        ctx.session.flush()
        after = department_ancestors(ctx.session, department.id)
        raise_scope_versions_in(ctx.session, before ^ after)
        applied.append("parent_id")
    applied += set_changed(department, {field: value for field, value in values.items() if field != "parent_id"})
    return {"id": department.id, "applied": sorted(applied)}


# ---------------------------------------------------------------------------
# Warehouses


def _clean_address(value: str | None) -> str | None:
    return value.strip() if value is not None and value.strip() else None


@command("warehouse.create", kind=CommandKind.INTENTION, roles=ADMIN_ROLES, payload=WarehouseCreate)
def create_warehouse(ctx: CommandContext, payload: WarehouseCreate) -> dict[str, Any]:
    code, name = checked_new_code_and_name(ctx, Warehouse, "warehouse", payload)
    usable_department(ctx, payload.department_id, "department_id")
    fields = payload.fields.given()
    _required_flag(fields, "negative_stock_policy", "warehouse")
    warehouse = Warehouse(
        id=payload.id, code=code, name=name, department_id=payload.department_id,
        negative_stock_policy=fields.get("negative_stock_policy", "block"),
        address=_clean_address(fields.get("address")), active=True,
    )
    ctx.session.add(warehouse)
    log.info("warehouse %s (%s) created in department %s", warehouse.code, warehouse.id, warehouse.department_id)
    return {"id": warehouse.id}


@command("warehouse.update", kind=CommandKind.INTENTION, roles=ADMIN_ROLES, payload=WarehouseUpdate)
def update_warehouse(ctx: CommandContext, payload: WarehouseUpdate) -> dict[str, Any]:
    """Set the given fields; a new department moves the warehouse as `kaidan-server warehouse move` does."""
    warehouse = live_record(ctx, Warehouse, payload.id)
    values = stripped_code_and_name(payload.fields.given(), "warehouse")
    for field in ("department_id", "negative_stock_policy", "active"):
        _required_flag(values, field, "warehouse")
    if "address" in values:
        values["address"] = _clean_address(values["address"])
    if "code" in values:
        check_code_free(ctx, Warehouse, "warehouse", values["code"], warehouse.id)
    new_department = values.pop("department_id", warehouse.department_id)
    if new_department != warehouse.department_id:
        usable_department(ctx, new_department, "fields.department_id")

    applied = set_changed(warehouse, values)
    if new_department != warehouse.department_id:
        move_warehouse(ctx.session, warehouse, new_department, flag_id=ctx.derived_id("warehouse_moved"), now=ctx.now)
        applied.append("department_id")
    return {"id": warehouse.id, "applied": sorted(applied)}
