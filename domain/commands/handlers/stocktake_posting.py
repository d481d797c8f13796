"""Posting a stocktake (a fact): book stock becomes the counted stock.

The counted quantity is what the keeper saw on the shelf. The server posts,
per product, warehouse and batch of the sheet,

    adjustment = counted quantity - book stock when the server posts it

so after posting, book stock equals the count whatever posted since. The
line stores that book stock and that adjustment (on the client both are
provisional until the server's rows arrive). A movement posted between the
count and the posting is therefore absorbed by the adjustment. When the
book stock at posting differs from the book stock the sheet showed, the
stocktake is flagged `stocktake_book_changed` so a manager can check those
products. Products not on the sheet keep their stock.

A surplus enters stock and a shortage leaves it at the current moving
average cost, so the average does not change. A surplus of a product whose
average is zero (never received, or received free) is costed at its
purchase price, or at zero without one. Costs are computed on the server
only.

The server never rejects a posting for a business rule. A stocktake that
was cancelled meanwhile still posts, flagged `stocktake_cancelled`, and one
dated in a closed period posts in the open period, flagged late. Posting a
stocktake that is already posted is a malformed duplicate.
"""

from __future__ import annotations

import logging
from decimal import Decimal
from typing import Any

from domain.commands.framework import CommandContext, CommandKind, InvalidPayload, command
from domain.commands.handlers.facts import flag_late
from domain.commands.handlers.receipts import STOCK_ROLES
from domain.commands.handlers.stocktakes import DOCUMENT_TYPE, StocktakeSheet, sheet_scope, write_sheet
from domain.models import Product, Stocktake, StocktakeLine, StocktakeStatus, Warehouse
from domain.money import ZERO, round_cost, round_fen
from domain.posting import costing, stock
from domain.posting.periods import PostingDates, posting_dates

log = logging.getLogger(__name__)

# How many product codes a stocktake_book_changed flag names; the count covers the rest.
FLAGGED_CODES_SHOWN = 5


@command("stocktake.post", kind=CommandKind.FACT, roles=STOCK_ROLES, payload=StocktakeSheet, scope=sheet_scope)
def post_stocktake(ctx: CommandContext, payload: StocktakeSheet) -> dict[str, Any]:
    """Write the sheet and post one adjustment movement per line whose count differs from book stock."""
    stored = ctx.session.get(Stocktake, payload.id)
    if stored is not None and stored.status == StocktakeStatus.POSTED.value:
        raise InvalidPayload(errors=[{"field": "id", "message": f"stocktake {stored.number} is already posted; count again in a new stocktake"}])
    was_cancelled = stored is not None and stored.status == StocktakeStatus.CANCELLED.value

    dates = posting_dates(ctx.session, payload.document_date, ctx.today)
    stocktake, warehouse, lines = write_sheet(ctx, payload, status=StocktakeStatus.POSTED.value)
    stocktake.posting_date = dates.posting_date
    department_id = warehouse.department_id
    flag_late(ctx, dates, DOCUMENT_TYPE, stocktake.id, stocktake.number, department_id)
    if was_cancelled:
        ctx.flag("stocktake_cancelled", DOCUMENT_TYPE, stocktake.id, document_number=stocktake.number,
                 department_id=department_id, warehouse_code=warehouse.code)

    seen_book = {line.id: line.book_quantity for line in payload.lines}
    changed_codes: list[str] = []
    total = ZERO
    for line in lines:
        product = ctx.session.get(Product, line.product_id)
        if line.book_quantity != seen_book[line.id]:
            changed_codes.append(product.code)
        if line.difference_quantity != ZERO:
            _post_adjustment(ctx, stocktake, warehouse, product, line, dates)
            total += line.cost_amount or ZERO
    if changed_codes:
        ctx.flag("stocktake_book_changed", DOCUMENT_TYPE, stocktake.id, document_number=stocktake.number,
                 department_id=department_id, warehouse_code=warehouse.code, count=len(changed_codes),
                 product_codes=", ".join(changed_codes[:FLAGGED_CODES_SHOWN]))
    stocktake.difference_amount = total if ctx.authoritative else None

    differing = sum(1 for line in lines if line.difference_quantity != ZERO)
    log.info("stocktake %s posted in warehouse %s: %d lines, %d adjusted, difference %s", stocktake.number,
             warehouse.code, len(lines), differing, stocktake.difference_amount)
    return {
        "id": stocktake.id,
        "number": stocktake.number,
        "differing_lines": differing,
        "difference_amount": str(total) if ctx.authoritative else None,
        "posting_date": dates.posting_date.isoformat(),
        "late": dates.late,
    }


def _post_adjustment(ctx: CommandContext, stocktake: Stocktake, warehouse: Warehouse, product: Product,
                     line: StocktakeLine, dates: PostingDates) -> None:
    """Post the line's difference as one stock movement, costed at the current average on the server."""
    quantity = line.difference_quantity
    if ctx.authoritative:
        unit_cost, cost_amount = _adjust_cost(ctx, product, warehouse, quantity)
        line.unit_cost, line.cost_amount = unit_cost, cost_amount
    stock.post_movement(
        ctx.session,
        movement_id=ctx.derived_id("movement", line.id),
        product_id=product.id,
        warehouse_id=warehouse.id,
        quantity=quantity,
        document_type=DOCUMENT_TYPE,
        document_id=stocktake.id,
        document_line_id=line.id,
        document_number=stocktake.number,
        document_date=dates.document_date,
        posting_date=dates.posting_date,
        batch_no=line.batch_no,
        expiry_date=line.expiry_date,
        unit_cost=line.unit_cost,
        cost_amount=line.cost_amount,
    )


def _adjust_cost(ctx: CommandContext, product: Product, warehouse: Warehouse, quantity: Decimal) -> tuple[Decimal, Decimal]:
    """Move the cost row by `quantity` base units; return the unit cost and the signed cost amount.

    The amount is quantity × unit cost rounded half-up to the fen, negative
    for a shortage.
    """
    cost_key = costing.cost_warehouse_key(ctx.settings, warehouse.id)
    if quantity < ZERO:
        costed = costing.issue(ctx.session, product.id, cost_key, -quantity)
        return costed.unit_cost, -costed.cost_amount
    row = costing.get_cost(ctx.session, product.id, cost_key)
    unit_cost = row.average_cost
    if unit_cost == ZERO and product.purchase_price is not None:
        unit_cost = round_cost(product.purchase_price)
    costed = costing.receive(ctx.session, product.id, cost_key, quantity, unit_cost)
    return costed.unit_cost, round_fen(costed.cost_amount)
