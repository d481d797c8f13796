"""Goods receipts (入库单, a fact): stock in and, on the server, the moving average cost."""

from __future__ import annotations

import datetime as dt
import logging
from decimal import Decimal
from typing import Any

from pydantic import Field, model_validator

from domain.commands.framework import CommandContext, CommandKind, ScopeRef, command
from domain.commands.handlers.common import base_quantity, require, unit_factor
from domain.commands.handlers.facts import FACT_DOCUMENT_STATUS, flag_late, reject_existing
from domain.commands.handlers.fields import BatchNo, DocumentNumber, Id, Payload, Price, Quantity
from domain.models import GoodsReceipt, GoodsReceiptLine, Product, Supplier, Warehouse
from domain.money import ZERO, line_amount, round_cost
from domain.posting import costing, stock
from domain.posting.periods import posting_dates

log = logging.getLogger(__name__)

STOCK_ROLES = ("warehouse", "manager", "admin")
DOCUMENT_TYPE = "goods_receipt"


class ReceiptLineIn(Payload):
    id: Id
    product_id: Id
    unit_name: str | None = Field(default=None, max_length=20)
    quantity: Quantity
    unit_price: Price  # purchase price per unit_name: the cost the goods enter stock at
    batch_no: BatchNo = ""
    expiry_date: dt.date | None = None
    purchase_order_line_id: Id | None = None


class ReceiptPost(Payload):
    id: Id
    number: DocumentNumber
    warehouse_id: Id
    supplier_id: Id | None = None
    purchase_order_id: Id | None = None
    department_id: Id | None = None  # None: the warehouse's department
    document_date: dt.date
    note: str | None = None
    lines: list[ReceiptLineIn] = Field(min_length=1, max_length=2000)

    @model_validator(mode="after")
    def _unique_line_ids(self) -> "ReceiptPost":
        ids = [line.id for line in self.lines]
        if len(set(ids)) != len(ids):
            raise ValueError("line ids must be unique")
        return self


def _scope(ctx: CommandContext, payload: ReceiptPost) -> list[ScopeRef]:
    return [ScopeRef("warehouse", payload.warehouse_id)]


@command("goods_receipt.post", kind=CommandKind.FACT, roles=STOCK_ROLES, payload=ReceiptPost, scope=_scope)
def post_receipt(ctx: CommandContext, payload: ReceiptPost) -> dict[str, Any]:
    reject_existing(ctx, GoodsReceipt, payload.id)
    warehouse = require(ctx.session, Warehouse, payload.warehouse_id, "warehouse_id")
    supplier = require(ctx.session, Supplier, payload.supplier_id, "supplier_id") if payload.supplier_id else None
    department_id = payload.department_id or warehouse.department_id
    dates = posting_dates(ctx.session, payload.document_date, ctx.today)
    cost_key = costing.cost_warehouse_key(ctx.settings, warehouse.id)

    receipt = GoodsReceipt(
        id=payload.id,
        number=payload.number,
        supplier_id=payload.supplier_id,
        warehouse_id=warehouse.id,
        purchase_order_id=payload.purchase_order_id,
        department_id=department_id,
        document_date=payload.document_date,
        posting_date=dates.posting_date,
        status=FACT_DOCUMENT_STATUS,
        note=payload.note,
        print_count=0,
        created_by=ctx.actor.user_id,
        device_id=ctx.device_id,
    )
    ctx.session.add(receipt)
    ctx.session.flush()
    flag_late(ctx, dates, DOCUMENT_TYPE, receipt.id, receipt.number, department_id)
    if supplier is not None and supplier.deleted_at is not None:
        ctx.flag("supplier_deleted", DOCUMENT_TYPE, receipt.id, document_number=receipt.number,
                 department_id=department_id, supplier_code=supplier.code, name=supplier.name)

    total = ZERO
    for index, line_in in enumerate(payload.lines):
        where = f"lines.{index}"
        product = require(ctx.session, Product, line_in.product_id, f"{where}.product_id")
        unit_name, factor = unit_factor(ctx.session, product, line_in.unit_name, f"{where}.unit_name")
        base_qty = base_quantity(line_in.quantity, factor)
        amount = line_amount(line_in.quantity, line_in.unit_price)
        total += amount
        line = GoodsReceiptLine(
            id=line_in.id,
            receipt_id=receipt.id,
            line_no=index + 1,
            purchase_order_line_id=line_in.purchase_order_line_id,
            product_id=product.id,
            unit_name=unit_name,
            unit_factor=factor,
            quantity=line_in.quantity,
            base_quantity=base_qty,
            unit_price=line_in.unit_price,
            amount=amount,
            batch_no=line_in.batch_no,
            expiry_date=line_in.expiry_date,
        )
        ctx.session.add(line)
        unit_cost = cost_amount = None
        if ctx.authoritative:
            # Cost per base unit; a pack unit's price is spread over its base units.
            in_cost = line_in.unit_price / factor
            costing.receive(ctx.session, product.id, cost_key, base_qty, in_cost)
            unit_cost, cost_amount = round_cost(in_cost), amount
        stock.post_movement(
            ctx.session,
            movement_id=ctx.derived_id("movement", line.id),
            product_id=product.id,
            warehouse_id=warehouse.id,
            quantity=base_qty,
            document_type=DOCUMENT_TYPE,
            document_id=receipt.id,
            document_line_id=line.id,
            document_number=receipt.number,
            document_date=dates.document_date,
            posting_date=dates.posting_date,
            batch_no=line_in.batch_no,
            expiry_date=line_in.expiry_date,
            unit_cost=unit_cost,
            cost_amount=cost_amount,
        )
    receipt.total_amount = total
    return {
        "id": receipt.id,
        "number": receipt.number,
        "total_amount": str(total),
        "posting_date": dates.posting_date.isoformat(),
        "late": dates.late,
    }
