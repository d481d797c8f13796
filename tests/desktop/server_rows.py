"""Read and write rows of the test server's database, as another user or an administrator would have."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from sqlalchemy import select

from domain.ids import new_id
from domain.models import Flag, StockBalance
from domain.posting.stock import balance_id
from server_stub.admin import server_change
from server_stub.db import Database


def set_on_hand(url: str, ids: dict[str, str], on_hand: str, product: str = "P1", warehouse: str = "W1") -> None:
    """Set a stock balance on the server as one change, so the next pull brings it."""
    db = Database(url)
    try:
        with db.write() as session, server_change(session):
            balance = session.get(StockBalance, balance_id(ids[product], ids[warehouse]))
            balance.on_hand = Decimal(on_hand)
    finally:
        db.dispose()


def add_flag(url: str, ids: dict[str, str], number: str = "DN-A1-20261204-0002") -> str:
    """Raise a negative-stock flag on a delivery note in D1, as a posted fact would; return its id."""
    flag_id = new_id()
    db = Database(url)
    try:
        with db.write() as session, server_change(session):
            session.add(Flag(
                id=flag_id, code="negative_stock",
                params={"product_code": "P1", "warehouse_code": "W1", "quantity": "15", "on_hand": "-5.000"},
                record_table="delivery_note", record_id=new_id(), document_number=number,
                department_id=ids["D1"], raised_at=dt.datetime.now(dt.timezone.utc), status="open",
            ))
    finally:
        db.dispose()
    return flag_id


def read(url: str, model: type, row_id: str, *columns: str) -> dict[str, Any] | None:
    """Return the named columns of one server row, or None when it does not exist."""
    db = Database(url)
    try:
        with db.write() as session:
            row = session.execute(select(model).where(model.id == row_id)).scalar_one_or_none()
            return None if row is None else {column: getattr(row, column) for column in columns}
    finally:
        db.dispose()
