"""Stock balances, movements and reservations.

Balances are keyed by (product, warehouse, batch) with ids from
`domain.ids.key_id`, so the client and the server create the same row for a
key wherever it appears first. Reservations of approved orders are held on
the batch-less row ("") of a product and warehouse, because an order does
not choose a batch.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from domain.ids import key_id
from domain.models import StockBalance, StockMovement
from domain.money import ZERO

NO_BATCH = ""


def balance_id(product_id: str, warehouse_id: str, batch_no: str = NO_BATCH) -> str:
    return key_id("stock_balance", product_id, warehouse_id, batch_no)


def get_balance(session: Session, product_id: str, warehouse_id: str, batch_no: str = NO_BATCH) -> StockBalance:
    """Return the balance row of the key, creating it (flushed) at zero when it does not exist yet."""
    row_id = balance_id(product_id, warehouse_id, batch_no)
    balance = session.get(StockBalance, row_id)
    if balance is None:
        balance = StockBalance(
            id=row_id,
            product_id=product_id,
            warehouse_id=warehouse_id,
            batch_no=batch_no,
            on_hand=Decimal("0.000"),
            reserved=Decimal("0.000"),
        )
        session.add(balance)
        session.flush()
    return balance


def balances_of(session: Session, product_id: str, warehouse_id: str) -> list[StockBalance]:
    """Return every batch's balance row of a product in a warehouse, pending rows included."""
    session.flush()
    return list(
        session.execute(
            select(StockBalance)
            .where(StockBalance.product_id == product_id, StockBalance.warehouse_id == warehouse_id)
            .order_by(StockBalance.batch_no)
        ).scalars()
    )


def on_hand(session: Session, product_id: str, warehouse_id: str) -> Decimal:
    """Return the on-hand quantity of a product in a warehouse over all batches."""
    return sum((row.on_hand for row in balances_of(session, product_id, warehouse_id)), ZERO)


def available(session: Session, product_id: str, warehouse_id: str) -> Decimal:
    """Return on hand minus reserved over all batches of a product in a warehouse."""
    return sum((row.on_hand - row.reserved for row in balances_of(session, product_id, warehouse_id)), ZERO)


def reserve(session: Session, product_id: str, warehouse_id: str, quantity: Decimal) -> StockBalance:
    """Add `quantity` (negative to release) to the reservation of a product in a warehouse."""
    balance = get_balance(session, product_id, warehouse_id, NO_BATCH)
    balance.reserved = balance.reserved + quantity
    return balance


def post_movement(
    session: Session,
    *,
    movement_id: str,
    product_id: str,
    warehouse_id: str,
    quantity: Decimal,
    document_type: str,
    document_id: str,
    document_line_id: str | None,
    document_number: str | None,
    document_date: dt.date,
    posting_date: dt.date,
    batch_no: str = NO_BATCH,
    expiry_date: dt.date | None = None,
    unit_cost: Decimal | None = None,
    cost_amount: Decimal | None = None,
) -> tuple[StockMovement, StockBalance]:
    """Append one signed movement (base units) and apply it to the balance's on hand."""
    movement = StockMovement(
        id=movement_id,
        product_id=product_id,
        warehouse_id=warehouse_id,
        batch_no=batch_no,
        expiry_date=expiry_date,
        quantity=quantity,
        unit_cost=unit_cost,
        cost_amount=cost_amount,
        document_type=document_type,
        document_id=document_id,
        document_line_id=document_line_id,
        document_number=document_number,
        document_date=document_date,
        posting_date=posting_date,
    )
    session.add(movement)
    balance = get_balance(session, product_id, warehouse_id, batch_no)
    balance.on_hand = balance.on_hand + quantity
    if expiry_date is not None and balance.expiry_date is None:
        balance.expiry_date = expiry_date
    return movement, balance
