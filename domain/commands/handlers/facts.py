"""Flags that several fact handlers raise in the same way."""

from __future__ import annotations

from decimal import Decimal

from domain.commands.framework import CommandContext, InvalidPayload
from domain.models import NegativeStockPolicy, Product, StockBalance, Warehouse
from domain.posting.periods import PostingDates

FACT_DOCUMENT_STATUS = "posted"


def reject_existing(ctx: CommandContext, model: type, row_id: str) -> None:
    """A fact whose id already exists is malformed (the server returns the stored result of a replay before the handler runs)."""
    if ctx.session.get(model, row_id) is not None:
        raise InvalidPayload(errors=[{"field": "id", "message": f"{model.__tablename__} {row_id} already exists"}])


def flag_late(ctx: CommandContext, dates: PostingDates, table: str, record_id: str, number: str, department_id: str | None) -> None:
    if dates.late:
        ctx.flag(
            "late_closed_period", table, record_id, document_number=number, department_id=department_id,
            document_date=dates.document_date.isoformat(), posting_date=dates.posting_date.isoformat(),
            period=dates.closed_period,
        )


def flag_negative_stock(
    ctx: CommandContext,
    warehouse: Warehouse,
    product: Product,
    balance: StockBalance,
    quantity: Decimal,
    table: str,
    record_id: str,
    number: str,
    department_id: str | None,
) -> bool:
    """Flag a movement out that left on hand below zero in a warehouse whose policy blocks that.

    Returns True when the balance went negative under any policy, so the
    handler can report a warning for "warn".
    """
    if balance.on_hand >= 0:
        return False
    if warehouse.negative_stock_policy == NegativeStockPolicy.BLOCK.value:
        ctx.flag(
            "negative_stock", table, record_id, document_number=number, department_id=department_id,
            product_code=product.code, warehouse_code=warehouse.code, batch_no=balance.batch_no,
            quantity=str(quantity), on_hand=str(balance.on_hand),
        )
    return True
