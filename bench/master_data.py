"""Bulk customer rows for the bootstrap benchmark, and the raw SQLite insert they are compared with.

The rows go straight into the server database, stamped with change numbers
in batches as the demo builder stamps master data, so a client's first pull
receives them in pages. The same rows, converted to their stored SQLite form,
are inserted into bare tables (same columns, primary key only) to measure the
limit that the replica's indexes and the protocol must approach.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import random
import sqlite3
import time
import uuid
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from faker import Faker
from sqlalchemy import Table, insert
from sqlalchemy.dialects import sqlite as sqlite_dialect

from domain.models import Customer
from server_stub.changes import ensure_counter, next_change_seq
from server_stub.db import Database
from server_stub.demo.stamping import MASTER_BATCH_ROWS

log = logging.getLogger(__name__)

# Rows generated, inserted into the server and into the raw table per step,
# so memory stays bounded at a million rows.
CHUNK_ROWS = 30_000
# Distinct Faker values per field. Rows combine them with their index, so
# names and codes stay unique without calling Faker a million times.
POOL_SIZE = 400
SEED = 20261204


@dataclasses.dataclass
class LoadTimes:
    rows: int = 0
    server_insert_s: float = 0.0
    raw_insert_s: float = 0.0


class CustomerRows:
    """Deterministic, realistic customer rows (Chinese names, addresses, phones, credit limits)."""

    def __init__(self, department_ids: list[str], owner_id: str, seed: int = SEED) -> None:
        fake = Faker("zh_CN")
        fake.seed_instance(seed)
        self.companies = [fake.company() for _ in range(POOL_SIZE)]
        self.addresses = [fake.address().replace("\n", " ") for _ in range(POOL_SIZE)]
        self.notes = [fake.sentence() for _ in range(POOL_SIZE)]
        self.department_ids = department_ids
        self.owner_id = owner_id
        self.random = random.Random(seed)
        self.updated_at = dt.datetime(2026, 1, 5, 8, 30, tzinfo=dt.timezone.utc)

    def row(self, index: int) -> dict[str, Any]:
        pick = self.random.randrange
        return {
            "id": str(uuid.UUID(int=self.random.getrandbits(128), version=4)),
            "code": f"C{index:08d}",
            "name": f"{self.companies[index % POOL_SIZE]}{index}",
            "mnemonic": f"KH{index:08d}",
            "department_id": self.department_ids[index % len(self.department_ids)],
            "owner_id": self.owner_id,
            "phone": f"1{pick(30, 99)}{pick(10_000_000, 99_999_999)}",
            "address": self.addresses[pick(POOL_SIZE)],
            "uscc": f"91{pick(10**15, 10**16 - 1)}",
            "credit_limit": Decimal(pick(0, 500_000)) * 100,
            "payment_terms_days": (0, 30, 45, 60, 90)[index % 5],
            "notes": self.notes[index % POOL_SIZE] if index % 7 == 0 else None,
            "active": True,
            "version": 1,
            "updated_at": self.updated_at,
        }

    def chunks(self, total: int) -> Iterator[list[dict[str, Any]]]:
        for start in range(0, total, CHUNK_ROWS):
            yield [self.row(index) for index in range(start, min(total, start + CHUNK_ROWS))]


def raw_table_sql(table: Table) -> str:
    """Return CREATE TABLE for `table` with the same columns and its primary key only."""
    columns = ", ".join(f'"{column.name}"' for column in table.columns)
    keys = ", ".join(f'"{column.name}"' for column in table.primary_key.columns)
    return f'CREATE TABLE "{table.name}" ({columns}, PRIMARY KEY ({keys}))'


def _stored_converters(table: Table) -> list:
    """Return per column the function that gives the value SQLite stores, as the replica stores it."""
    dialect = sqlite_dialect.dialect()
    converters = []
    for column in table.columns:
        processor = column.type.dialect_impl(dialect).bind_processor(dialect)
        converters.append((column.name, processor))
    return converters


def _stored_tuples(converters, rows: list[dict[str, Any]]) -> list[tuple]:
    return [
        tuple(
            row.get(name) if convert is None or row.get(name) is None else convert(row.get(name))
            for name, convert in converters
        )
        for row in rows
    ]


class RawInsert:
    """One SQLite transaction of executemany calls into a bare copy of a table.

    The connection uses the replica's settings (WAL, synchronous=FULL), so the
    comparison measures indexes and protocol, not durability settings.
    """

    def __init__(self, path: str, table: Table) -> None:
        self.table = table
        self.converters = _stored_converters(table)
        self.connection = sqlite3.connect(path, isolation_level=None)
        self.connection.execute("PRAGMA journal_mode=WAL")
        self.connection.execute("PRAGMA synchronous=FULL")
        self.connection.execute(raw_table_sql(table))
        names = [name for name, _ in self.converters]
        quoted = ", ".join(f'"{name}"' for name in names)
        placeholders = ", ".join("?" for _ in names)
        self.sql = f'INSERT INTO "{table.name}" ({quoted}) VALUES ({placeholders})'
        self.seconds = 0.0
        self.connection.execute("BEGIN")

    def add(self, rows: list[dict[str, Any]]) -> None:
        values = _stored_tuples(self.converters, rows)
        started = time.perf_counter()
        self.connection.executemany(self.sql, values)
        self.seconds += time.perf_counter() - started

    def commit(self) -> float:
        started = time.perf_counter()
        self.connection.execute("COMMIT")
        self.seconds += time.perf_counter() - started
        self.connection.close()
        return self.seconds


def load_customers(database_url: str, rows: CustomerRows, total: int, raw_path: str) -> LoadTimes:
    """Insert `total` customers into the server database and, timed apart, into a raw SQLite table."""
    table = Customer.__table__
    times = LoadTimes()
    raw = RawInsert(raw_path, table)
    db = Database(database_url)
    try:
        for chunk in rows.chunks(total):
            started = time.perf_counter()
            with db.write() as session:
                ensure_counter(session)
                for start in range(0, len(chunk), MASTER_BATCH_ROWS):
                    batch = chunk[start : start + MASTER_BATCH_ROWS]
                    seq = next_change_seq(session)
                    for row in batch:
                        row["change_seq"] = seq
                    session.execute(insert(table), batch)
            times.server_insert_s += time.perf_counter() - started
            raw.add(chunk)
            times.rows += len(chunk)
            log.info("loaded %d of %d customers", times.rows, total)
        times.raw_insert_s = raw.commit()
    finally:
        db.dispose()
    return times
