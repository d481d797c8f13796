"""Posting steps that shipping a delivery note and taking a sales return back share.

Both documents move each line's goods through one stock movement, total
their lines the same way, and post one receivable entry for the customer.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from domain.commands.framework import CommandContext
from domain.models import StockBalance
from domain.money import ZERO
from domain.posting import receivables, stock
from domain.posting.periods import PostingDates


@dataclasses.dataclass(frozen=True)
class SalesPosting:
    """The header values every movement and receivable entry of one posted sales document carries."""

    document_type: str
    document_id: str
    document_number: str
    warehouse_id: str
    dates: PostingDates


def post_line_movement(ctx: CommandContext, posting: SalesPosting, line: Any, quantity: Decimal) -> StockBalance:
    """Post the stock movement of one document line and return the balance it changed.

    `quantity` is signed and in base units: negative for goods leaving, positive
    for goods coming back. The movement carries the line's product, batch,
    expiry and cost, which are None on the client because only the server costs.
    """
    _movement, balance = stock.post_movement(
        ctx.session,
        movement_id=ctx.derived_id("movement", line.id),
        product_id=line.product_id,
        warehouse_id=posting.warehouse_id,
        quantity=quantity,
        document_type=posting.document_type,
        document_id=posting.document_id,
        document_line_id=line.id,
        document_number=posting.document_number,
        document_date=posting.dates.document_date,
        posting_date=posting.dates.posting_date,
        batch_no=line.batch_no,
        expiry_date=line.expiry_date,
        unit_cost=line.unit_cost,
        cost_amount=line.cost_amount,
    )
    return balance


def document_total(lines_amount: Decimal, tax_amount: Decimal, prices_include_tax: bool,
                   extra_amount: Decimal = ZERO) -> Decimal:
    """Return a document's total: its line amounts and `extra_amount`, plus the tax when prices exclude it."""
    total = lines_amount + extra_amount
    return total if prices_include_tax else total + tax_amount


def total_lines(ctx: CommandContext, document: Any, lines: Sequence[Any], *, prices_include_tax: bool,
                extra_amount: Decimal = ZERO) -> None:
    """Set the document's tax, total (see document_total) and cost amounts from its lines.

    `extra_amount` is the freight of a delivery. Only the server costs goods,
    so the cost amount is set there only.
    """
    lines_amount = sum((line.amount for line in lines), ZERO)
    document.tax_amount = sum((line.tax_amount for line in lines), ZERO)
    document.total_amount = document_total(lines_amount, document.tax_amount, prices_include_tax, extra_amount)
    if ctx.authoritative:
        document.cost_amount = sum((line.cost_amount for line in lines), ZERO)


def post_receivable(ctx: CommandContext, posting: SalesPosting, document: Any, *, entry_type: str, amount: Decimal,
                    department_id: str | None, due=None, note: str | None = None) -> None:
    """Post the document's one receivable entry: positive for a delivery, negative for a return's credit."""
    receivables.post_entry(
        ctx.session,
        entry_id=ctx.derived_id("receivable"),
        customer_id=document.customer_id,
        entry_type=entry_type,
        amount=amount,
        document_type=posting.document_type,
        document_id=posting.document_id,
        document_number=posting.document_number,
        dates=posting.dates,
        due=due,
        department_id=department_id,
        salesperson_id=document.salesperson_id,
        note=note,
    )
