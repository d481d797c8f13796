"""Stocktakes (盘点): the count sheet while counting, and cancelling it.

A stocktake lives as a count sheet in status "counting" while the keeper
counts: `stocktake.save` (an intention) writes the whole sheet again each
time, and `stocktake.cancel` drops it. `stocktake.post` (a fact, in
stocktake_posting) sends the whole sheet once more and sets book stock to the
counted stock. Because every command carries the whole sheet, a count made
offline can be posted without an earlier save, and a post whose save the
server rejected still posts.

Line quantities are in base units. The book quantity stored on a line is
the book stock of its product, warehouse and batch on the side that ran the
command, when it ran. The payload's `book_quantity` is what the count sheet
showed while counting. It is used only to notice movements posted between
the count and the posting (see stocktake_posting).

NOTE: a batch-less line of a product tracked by batch is accepted, because
stock from before tracking began may sit on the batch-less row and must be
countable. The desktop editor asks for a batch line before goods are added.
"""

from __future__ import annotations

import datetime as dt
import logging
from decimal import Decimal
from typing import Any

from pydantic import Field, model_validator
from sqlalchemy import select

from domain.commands.framework import CommandContext, CommandKind, CommandRejected, InvalidPayload, ScopeRef, command
from domain.commands.handlers.common import require
from domain.commands.handlers.fields import BatchNo, DocumentNumber, Id, Payload, SignedQuantity, StockLevel
from domain.commands.handlers.receipts import STOCK_ROLES
from domain.models import Product, ProductCategory, StockBalance, Stocktake, StocktakeLine, StocktakeStatus, Warehouse
from domain.money import ZERO
from domain.posting import stock

log = logging.getLogger(__name__)

DOCUMENT_TYPE = "stocktake"
MAX_LINES = 5000


class StocktakeLineIn(Payload):
    id: Id
    product_id: Id
    batch_no: BatchNo = ""
    expiry_date: dt.date | None = None
    book_quantity: SignedQuantity  # the book stock the count sheet showed, in base units
    counted_quantity: StockLevel  # what was counted, in base units
    reason: str | None = Field(default=None, max_length=400)


class StocktakeSheet(Payload):
    """The whole count sheet, as stocktake.save and stocktake.post send it."""

    id: Id
    number: DocumentNumber
    warehouse_id: Id
    product_category_id: Id | None = None  # None: the sheet counts every product
    document_date: dt.date  # the day of the count
    note: str | None = None
    lines: list[StocktakeLineIn] = Field(default_factory=list, max_length=MAX_LINES)

    @model_validator(mode="after")
    def _unique_lines(self) -> "StocktakeSheet":
        ids = [line.id for line in self.lines]
        if len(set(ids)) != len(ids):
            raise ValueError("line ids must be unique")
        keys = [(line.product_id, line.batch_no) for line in self.lines]
        if len(set(keys)) != len(keys):
            raise ValueError("each product and batch may appear on one line only")
        return self


class StocktakeCancel(Payload):
    id: Id


def sheet_scope(ctx: CommandContext, payload: StocktakeSheet) -> list[ScopeRef]:
    """Return the sheet's warehouse, and the stored stocktake's warehouse when it differs."""
    refs = [ScopeRef("warehouse", payload.warehouse_id)]
    stored = ctx.session.get(Stocktake, payload.id)
    if stored is not None and stored.warehouse_id != payload.warehouse_id:
        refs.append(ScopeRef("warehouse", stored.warehouse_id))
    return refs


def _cancel_scope(ctx: CommandContext, payload: StocktakeCancel) -> list[ScopeRef]:
    stored = ctx.session.get(Stocktake, payload.id)
    return [ScopeRef("warehouse", stored.warehouse_id)] if stored is not None else []


def book_quantity(ctx: CommandContext, product_id: str, warehouse_id: str, batch_no: str) -> Decimal:
    """Return the on-hand quantity of one balance key, zero when no row exists (none is created)."""
    ctx.session.flush()
    balance = ctx.session.get(StockBalance, stock.balance_id(product_id, warehouse_id, batch_no))
    return balance.on_hand if balance is not None else ZERO


def write_sheet(ctx: CommandContext, payload: StocktakeSheet, *, status: str) -> tuple[Stocktake, Warehouse, list[StocktakeLine]]:
    """Create or update the stocktake and its lines from the sheet, with the book stock of this side.

    Lines keep their ids from one save to the next, so a line is updated in
    place. Lines the sheet no longer has are deleted.
    """
    warehouse = require(ctx.session, Warehouse, payload.warehouse_id, "warehouse_id")
    if payload.product_category_id is not None:
        require(ctx.session, ProductCategory, payload.product_category_id, "product_category_id")
    _reject_line_ids_elsewhere(ctx, payload)
    stocktake = ctx.session.get(Stocktake, payload.id)
    if stocktake is None:
        stocktake = Stocktake(id=payload.id, number=payload.number, warehouse_id=warehouse.id, print_count=0,
                              created_by=ctx.actor.user_id, device_id=ctx.device_id)
        ctx.session.add(stocktake)
    elif stocktake.warehouse_id != warehouse.id:
        raise InvalidPayload(errors=[{
            "field": "warehouse_id",
            "message": f"stocktake {stocktake.number} counts warehouse {stocktake.warehouse_id}, not {warehouse.id}; "
                       "count another warehouse in a new stocktake",
        }])
    stocktake.number = payload.number
    stocktake.status = status
    stocktake.document_date = payload.document_date
    stocktake.product_category_id = payload.product_category_id
    stocktake.note = payload.note
    stocktake.counted_by = ctx.actor.user_id
    ctx.session.flush()

    existing = {
        line.id: line
        for line in ctx.session.execute(
            select(StocktakeLine).where(StocktakeLine.stocktake_id == stocktake.id)
        ).scalars()
    }
    wanted = {line.id for line in payload.lines}
    for line_id, line in existing.items():
        if line_id not in wanted:
            ctx.session.delete(line)
    ctx.session.flush()

    lines = []
    for index, line_in in enumerate(payload.lines):
        product = require(ctx.session, Product, line_in.product_id, f"lines.{index}.product_id")
        # Read before the new line is added: the read flushes, and a half-filled line cannot be inserted.
        book = book_quantity(ctx, product.id, warehouse.id, line_in.batch_no)
        line = existing.get(line_in.id)
        if line is None:
            line = StocktakeLine(id=line_in.id, stocktake_id=stocktake.id)
            ctx.session.add(line)
        line.line_no = index + 1
        line.product_id = product.id
        line.batch_no = line_in.batch_no
        line.expiry_date = line_in.expiry_date
        line.book_quantity = book
        line.counted_quantity = line_in.counted_quantity
        line.difference_quantity = line_in.counted_quantity - book
        line.reason = line_in.reason
        lines.append(line)
    return stocktake, warehouse, lines


def _check_counting(stocktake: Stocktake) -> None:
    if stocktake.status != StocktakeStatus.COUNTING.value:
        raise CommandRejected("stocktake_not_counting", number=stocktake.number, status=stocktake.status)


def _reject_line_ids_elsewhere(ctx: CommandContext, payload: StocktakeSheet) -> None:
    """Raise InvalidPayload when a line id already belongs to another stocktake (a malformed sheet)."""
    ids = [line.id for line in payload.lines]
    if not ids:
        return
    clash = ctx.session.execute(
        select(StocktakeLine.id).where(StocktakeLine.id.in_(ids), StocktakeLine.stocktake_id != payload.id).limit(1)
    ).scalar_one_or_none()
    if clash is not None:
        raise InvalidPayload(errors=[{"field": "lines", "message": f"line {clash} belongs to another stocktake; give the line a new id"}])


@command("stocktake.save", kind=CommandKind.INTENTION, roles=STOCK_ROLES, payload=StocktakeSheet, scope=sheet_scope)
def save_stocktake(ctx: CommandContext, payload: StocktakeSheet) -> dict[str, Any]:
    """Create or replace the count sheet of a stocktake that is still counting; no stock moves."""
    stored = ctx.session.get(Stocktake, payload.id)
    if stored is not None:
        _check_counting(stored)
    stocktake, _warehouse, lines = write_sheet(ctx, payload, status=StocktakeStatus.COUNTING.value)
    differing = sum(1 for line in lines if line.difference_quantity != ZERO)
    log.info("stocktake %s saved with %d lines, %d differing, by %s", stocktake.number, len(lines), differing,
             ctx.actor.user_id)
    return {"id": stocktake.id, "number": stocktake.number, "lines": len(lines), "differing_lines": differing}


@command("stocktake.cancel", kind=CommandKind.INTENTION, roles=STOCK_ROLES, payload=StocktakeCancel,
         scope=_cancel_scope)
def cancel_stocktake(ctx: CommandContext, payload: StocktakeCancel) -> dict[str, Any]:
    """Cancel a stocktake that is still counting; a posted one is corrected by a new stocktake."""
    stocktake = require(ctx.session, Stocktake, payload.id, "id")
    _check_counting(stocktake)
    stocktake.status = StocktakeStatus.CANCELLED.value
    log.info("stocktake %s cancelled by %s", stocktake.number, ctx.actor.user_id)
    return {"id": stocktake.id, "number": stocktake.number, "status": stocktake.status}
