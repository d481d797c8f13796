"""Stock transfers between warehouses (调拨单, a fact), moved at the current average cost."""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from pydantic import Field, model_validator

from domain.commands.framework import CommandContext, CommandKind, ScopeRef, command
from domain.commands.handlers.batches import check_batch
from domain.commands.handlers.common import base_quantity, require, unit_factor
from domain.commands.handlers.facts import FACT_DOCUMENT_STATUS, flag_late, flag_negative_stock, reject_existing
from domain.commands.handlers.fields import BatchNo, DocumentNumber, Id, Payload, Quantity
from domain.commands.handlers.receipts import STOCK_ROLES
from domain.models import Product, StockTransfer, StockTransferLine, Warehouse
from domain.money import round_fen
from domain.posting import costing, stock
from domain.posting.periods import posting_dates

log = logging.getLogger(__name__)

DOCUMENT_TYPE = "stock_transfer"


class TransferLineIn(Payload):
    id: Id
    product_id: Id
    unit_name: str | None = Field(default=None, max_length=20)
    quantity: Quantity
    batch_no: BatchNo = ""
    expiry_date: dt.date | None = None


class TransferPost(Payload):
    id: Id
    number: DocumentNumber
    from_warehouse_id: Id
    to_warehouse_id: Id
    document_date: dt.date
    note: str | None = None
    lines: list[TransferLineIn] = Field(min_length=1, max_length=2000)

    @model_validator(mode="after")
    def _check(self) -> "TransferPost":
        if self.from_warehouse_id == self.to_warehouse_id:
            raise ValueError("from_warehouse_id and to_warehouse_id must differ")
        ids = [line.id for line in self.lines]
        if len(set(ids)) != len(ids):
            raise ValueError("line ids must be unique")
        return self


def _scope(ctx: CommandContext, payload: TransferPost) -> list[ScopeRef]:
    # Only the source is checked: the keeper who sends the goods records the transfer.
    return [ScopeRef("warehouse", payload.from_warehouse_id)]


@command("stock_transfer.post", kind=CommandKind.FACT, roles=STOCK_ROLES, payload=TransferPost, scope=_scope)
def post_transfer(ctx: CommandContext, payload: TransferPost) -> dict[str, Any]:
    reject_existing(ctx, StockTransfer, payload.id)
    source = require(ctx.session, Warehouse, payload.from_warehouse_id, "from_warehouse_id")
    target = require(ctx.session, Warehouse, payload.to_warehouse_id, "to_warehouse_id")
    dates = posting_dates(ctx.session, payload.document_date, ctx.today)
    source_key = costing.cost_warehouse_key(ctx.settings, source.id)
    target_key = costing.cost_warehouse_key(ctx.settings, target.id)

    transfer = StockTransfer(
        id=payload.id,
        number=payload.number,
        from_warehouse_id=source.id,
        to_warehouse_id=target.id,
        document_date=payload.document_date,
        posting_date=dates.posting_date,
        status=FACT_DOCUMENT_STATUS,
        note=payload.note,
        print_count=0,
        created_by=ctx.actor.user_id,
        device_id=ctx.device_id,
    )
    ctx.session.add(transfer)
    ctx.session.flush()
    flag_late(ctx, dates, DOCUMENT_TYPE, transfer.id, transfer.number, source.department_id)

    for index, line_in in enumerate(payload.lines):
        where = f"lines.{index}"
        product = require(ctx.session, Product, line_in.product_id, f"{where}.product_id")
        batch_no = check_batch(product, line_in.batch_no, line_in.expiry_date, index, expiry_needed=False)
        expiry_date = line_in.expiry_date
        if expiry_date is None and batch_no:
            # The batch keeps the expiry date it was received with when it moves.
            expiry_date = stock.get_balance(ctx.session, product.id, source.id, batch_no).expiry_date
        unit_name, factor = unit_factor(ctx.session, product, line_in.unit_name, f"{where}.unit_name")
        base_qty = base_quantity(line_in.quantity, factor)
        line = StockTransferLine(
            id=line_in.id,
            transfer_id=transfer.id,
            line_no=index + 1,
            product_id=product.id,
            unit_name=unit_name,
            unit_factor=factor,
            quantity=line_in.quantity,
            base_quantity=base_qty,
            batch_no=batch_no,
            expiry_date=expiry_date,
        )
        ctx.session.add(line)

        unit_cost = cost_amount = None
        if ctx.authoritative:
            if source_key == target_key:
                # Costed per product: the goods stay in the same cost pool at the same average.
                unit_cost = costing.get_cost(ctx.session, product.id, source_key).average_cost
                cost_amount = round_fen(base_qty * unit_cost)
            else:
                costed = costing.issue(ctx.session, product.id, source_key, base_qty)
                costing.receive(ctx.session, product.id, target_key, base_qty, costed.unit_cost)
                unit_cost, cost_amount = costed.unit_cost, costed.cost_amount
        common = dict(
            product_id=product.id,
            document_type=DOCUMENT_TYPE,
            document_id=transfer.id,
            document_line_id=line.id,
            document_number=transfer.number,
            document_date=dates.document_date,
            posting_date=dates.posting_date,
            batch_no=batch_no,
            expiry_date=expiry_date,
            unit_cost=unit_cost,
            cost_amount=cost_amount,
        )
        _out, source_balance = stock.post_movement(
            ctx.session, movement_id=ctx.derived_id("movement", "out", line.id),
            warehouse_id=source.id, quantity=-base_qty, **common,
        )
        stock.post_movement(
            ctx.session, movement_id=ctx.derived_id("movement", "in", line.id),
            warehouse_id=target.id, quantity=base_qty, **common,
        )
        flag_negative_stock(
            ctx, source, product, source_balance, base_qty, DOCUMENT_TYPE, transfer.id, transfer.number, source.department_id
        )
    return {
        "id": transfer.id,
        "number": transfer.number,
        "posting_date": dates.posting_date.isoformat(),
        "late": dates.late,
    }
