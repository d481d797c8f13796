"""Small helpers shared by the client engine's tests."""

from __future__ import annotations

import datetime as dt
from typing import Any

from domain.models import Customer
from sync import protocol
from sync.replica import Replica
from sync.rows import row_to_wire


def raw_tables(replica: Replica, tables=("customer",)) -> dict[str, list[tuple]]:
    """Return every stored row of `tables` as SQLite stores it, sorted, for exact comparisons."""
    snapshot = {}
    with replica.transaction() as session:
        connection = session.connection()
        for name in tables:
            snapshot[name] = sorted(tuple(row) for row in connection.exec_driver_sql(f'SELECT * FROM "{name}"'))
    return snapshot


def customer_wire(customer_id: str, code: str, name: str, *, version: int, change_seq: int, **fields: Any) -> dict:
    values = {
        "id": customer_id,
        "code": code,
        "name": name,
        "version": version,
        "change_seq": change_seq,
        "updated_at": dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc),
        "active": True,
        **fields,
    }
    return row_to_wire(Customer.__table__, values)


def page(next_cursor: int, changes: dict | None = None, tombstones=(), database_id: str = "db-1") -> protocol.PullResponse:
    return protocol.PullResponse(
        database_id=database_id,
        scope_version=1,
        next_cursor=next_cursor,
        server_seq=next_cursor,
        has_more=False,
        changes=changes or {},
        tombstones=[protocol.Tombstone(table=t, id=i) for t, i in tombstones],
        server_time="2026-01-01T00:00:00+00:00",
    )
