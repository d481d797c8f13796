"""Goods receipts (入库单, a fact): stock in and, on the server, the moving average cost.

Cost of a line without a unit price: a keeper whose role may not see costs
enters quantities only, and the server costs the line, because the keeper's
replica has no cost data. The rule, per base unit, under the receipt
warehouse's cost key (costing.cost_warehouse_key):

1. the product's moving average cost while stock is on hand at that key,
   so the receipt leaves the average unchanged;
2. else the product's purchase price;
3. else the last average the key had (all its stock has gone out);
4. else zero, and the receipt is flagged "receipt_uncosted" for a manager.

The line's unit price is that cost × the unit factor, rounded half-up to
0.0001; its amount is quantity × unit price, rounded half-up to the fen. A
line sent with a unit price keeps it, from any role, so the payloads of
clients that required a cost on every line stay valid. On the client
(non-authoritative run) an uncosted line stays without price and amount
until the server's version arrives.
"""

from __future__ import annotations

import datetime as dt
import logging
from decimal import Decimal
from typing import Any

from pydantic import Field, model_validator

from domain.commands.framework import CommandContext, CommandKind, ScopeRef, command
from domain.commands.handlers.batches import check_batch
from domain.commands.handlers.common import base_quantity, require, unit_factor
from domain.commands.handlers.facts import FACT_DOCUMENT_STATUS, flag_late, reject_existing
from domain.commands.handlers.fields import BatchNo, DocumentNumber, Id, Payload, Price, Quantity
from domain.ids import key_id
from domain.models import GoodsReceipt, GoodsReceiptLine, Product, StockCost, Supplier, Warehouse
from domain.money import ZERO, line_amount, round_cost, round_price
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
    # Purchase price per unit_name: the cost the goods enter stock at. None: the server costs the line (see above).
    unit_price: Price | None = None
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
    costed_all = True
    for index, line_in in enumerate(payload.lines):
        where = f"lines.{index}"
        product = require(ctx.session, Product, line_in.product_id, f"{where}.product_id")
        batch_no = check_batch(product, line_in.batch_no, line_in.expiry_date, index)
        unit_name, factor = unit_factor(ctx.session, product, line_in.unit_name, f"{where}.unit_name")
        base_qty = base_quantity(line_in.quantity, factor)
        unit_price, rule_cost = line_in.unit_price, None
        if unit_price is None and ctx.authoritative:
            rule_cost = _rule_cost(ctx, product, cost_key, receipt, department_id, index)
            unit_price = round_price(rule_cost * factor)
        amount = line_amount(line_in.quantity, unit_price) if unit_price is not None else None
        if amount is None:
            costed_all = False
        else:
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
            unit_price=unit_price,
            amount=amount,
            batch_no=batch_no,
            expiry_date=line_in.expiry_date,
        )
        ctx.session.add(line)
        unit_cost = cost_amount = None
        if ctx.authoritative:
            # Cost per base unit; a pack unit's price is spread over its base units. A line costed by the rule
            # enters at the rule's cost itself, so receiving at the average leaves the average exactly unchanged.
            in_cost = rule_cost if rule_cost is not None else unit_price / factor
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
            batch_no=batch_no,
            expiry_date=line_in.expiry_date,
            unit_cost=unit_cost,
            cost_amount=cost_amount,
        )
    receipt.total_amount = total if costed_all else None
    result = {
        "id": receipt.id,
        "number": receipt.number,
        "posting_date": dates.posting_date.isoformat(),
        "late": dates.late,
    }
    # The stored result goes back to the sending device, so it carries costs only for a role that sees them.
    if ctx.actor.sees_cost and receipt.total_amount is not None:
        result["total_amount"] = str(receipt.total_amount)
    return result


def _rule_cost(ctx: CommandContext, product: Product, cost_key: str, receipt: GoodsReceipt,
               department_id: str | None, index: int) -> Decimal:
    """Return the cost per base unit of a line sent without a unit price, by the rule in the module docstring."""
    row = ctx.session.get(StockCost, key_id("stock_cost", product.id, cost_key))
    if row is not None and row.quantity > ZERO:
        base_cost = row.average_cost
    elif product.purchase_price is not None:
        base_cost = product.purchase_price
    elif row is not None and row.average_cost > ZERO:
        base_cost = row.average_cost
    else:
        base_cost = ZERO
        log.info("goods receipt %s line %d: %s has no stock cost and no purchase price; costed at zero",
                 receipt.number, index + 1, product.code)
        ctx.flag("receipt_uncosted", DOCUMENT_TYPE, receipt.id, document_number=receipt.number,
                 department_id=department_id, product_code=product.code, line_no=index + 1)
    return base_cost
