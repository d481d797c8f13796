"""Helpers the server tests share: envelopes, seeding, direct database reads."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select

from domain.ids import new_id
from domain.models import Department, Product, SalesRegion, StockMovement, Warehouse
from server_stub.admin import server_change
from server_stub.db import Database
from sync.protocol import SCHEMA_VERSION


def envelope(seq: int, name: str, payload: dict[str, Any], *, depends_on: list[str] | None = None,
             mutation_id: str | None = None) -> dict[str, Any]:
    return {
        "mutation_id": mutation_id or new_id(),
        "device_seq": seq,
        "name": name,
        "payload": payload,
        "depends_on": depends_on or [],
        "schema_version": SCHEMA_VERSION,
        "created_at": dt.datetime.now(dt.timezone.utc).isoformat(),
    }


def region(seq: int, code: str, **extra: Any) -> dict[str, Any]:
    return envelope(seq, "test.region.create", {"id": new_id(), "code": code, **extra})


def count_regions(database_url: str) -> int:
    db = Database(database_url)
    try:
        with db.read() as session:
            return session.execute(select(func.count()).select_from(SalesRegion)).scalar_one()
    finally:
        db.dispose()


def seed_scope(database_url: str) -> dict[str, str]:
    """Create departments D1 (with child D1A) and D2, a warehouse in each, a product and a
    costed stock movement per warehouse; return their ids by name.

    Departments D1 and D2 must exist already (created with the users).
    """
    db = Database(database_url)
    ids: dict[str, str] = {}
    try:
        with db.write() as session:
            d1 = session.execute(select(Department).where(Department.code == "D1")).scalar_one()
            d2 = session.execute(select(Department).where(Department.code == "D2")).scalar_one()
            d1a = Department(id=new_id(), code="D1A", name="D1 child", parent_id=d1.id, active=True)
            w1 = Warehouse(id=new_id(), code="W1", name="W1", department_id=d1.id)
            w1a = Warehouse(id=new_id(), code="W1A", name="W1A", department_id=d1a.id)
            w2 = Warehouse(id=new_id(), code="W2", name="W2", department_id=d2.id)
            product = Product(id=new_id(), code="P1", name="Tea", base_unit="box", purchase_price=Decimal("7.5000"))
            movements: list[object] = []
            for warehouse in (w1, w1a, w2):
                movements.append(StockMovement(
                    id=new_id(), product_id=product.id, warehouse_id=warehouse.id, quantity=Decimal("10.000"),
                    unit_cost=Decimal("7.500000"), cost_amount=Decimal("75.00"), document_type="opening",
                    document_id=new_id(), document_date=dt.date(2026, 1, 1), posting_date=dt.date(2026, 1, 1),
                ))
            with server_change(session):
                # Parents first: the unit of work orders inserts by relationships, and these models have none.
                session.add(d1a)
                session.flush()
                session.add_all([w1, w1a, w2, product])
                session.flush()
                session.add_all(movements)
            ids.update(D1=d1.id, D2=d2.id, D1A=d1a.id, W1=w1.id, W1A=w1a.id, W2=w2.id, P1=product.id)
    finally:
        db.dispose()
    return ids
