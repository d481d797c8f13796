"""Writing pulled rows and tombstones into the replica, in bulk."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any

from sqlalchemy import Boolean, Date, Integer, String, delete
from sqlalchemy.types import TypeDecorator
from sqlalchemy.orm import Session

from domain.models.base import Base
from domain.types import ScaledDecimal, UTCDateTime
from sync import protocol
from sync.killpoints import kill_point
from sync.rows import wire_value_decoder

log = logging.getLogger(__name__)

# Ids per DELETE, well under SQLite's limit on bound parameters.
DELETE_CHUNK = 500


def apply_changes(session: Session, page: protocol.PullResponse) -> tuple[int, int]:
    """Upsert the page's rows (parents first) and delete its tombstoned rows.

    The rows may come in either form of the page (PullResponse.tables or
    .changes). Returns (rows written, rows deleted). Tables this client does
    not know (a newer server) are skipped with a warning.
    """
    connection = session.connection()
    known = Base.metadata.tables
    for name in [*page.changes, *page.tables]:
        if name not in known:
            log.warning("pulled rows of unknown table %r; skipped", name)
    written = 0
    for table in Base.metadata.sorted_tables:
        block = page.tables.get(table.name)
        wire_rows = page.changes.get(table.name)
        if block is not None and block.rows:
            written += _upsert(connection, table, block.columns, block.rows)
        elif wire_rows:
            written += _upsert(connection, table, None, wire_rows)
        else:
            continue
        kill_point("mid_pull_page")
    return written, _delete(connection, page.tombstones)


def _delete(connection, tombstones: Iterable[protocol.Tombstone]) -> int:
    known = Base.metadata.tables
    deleted = 0
    by_table: dict[str, list[str]] = {}
    for tombstone in tombstones:
        by_table.setdefault(tombstone.table, []).append(tombstone.id)
    for name, ids in by_table.items():
        table = known.get(name)
        if table is None:
            log.warning("tombstones for unknown table %r; skipped", name)
            continue
        for start in range(0, len(ids), DELETE_CHUNK):
            chunk = ids[start : start + DELETE_CHUNK]
            result = connection.execute(delete(table).where(table.c.id.in_(chunk)))
            deleted += result.rowcount or 0
    return deleted


def _column_converter(column, dialect) -> Callable[[Any], Any] | None:
    """Return a function from a non-null wire value to the stored value, or None when they are the same."""
    ctype = column.type
    if isinstance(ctype, (String, Integer)) and not isinstance(ctype, TypeDecorator):
        return None  # text and integers travel as they are stored (Text and BigInteger included)
    if dialect.name == "sqlite":
        if isinstance(ctype, (Boolean, Date)) and not isinstance(ctype, TypeDecorator):
            # The sqlite3 module stores True and False as 1 and 0, as SQLAlchemy
            # does, and SQLAlchemy stores a date as the wire's "YYYY-MM-DD".
            return None
        if isinstance(ctype, ScaledDecimal):
            return _fast_scaled(ctype)
        if isinstance(ctype, UTCDateTime):
            return _fast_utc_datetime(column, dialect)
    return _bind_converter(column, dialect)


def _bind_converter(column, dialect) -> Callable[[Any], Any]:
    """Decode the wire value and run the column type's own bind processor on it."""
    processor = column.type.dialect_impl(dialect).bind_processor(dialect)
    decoder = wire_value_decoder(column)
    if processor is None:
        return decoder
    return lambda value: processor(decoder(value))


def _fast_scaled(ctype: ScaledDecimal) -> Callable[[Any], Any]:
    """Convert a decimal's wire text to its stored count of the smallest unit.

    rows._encode sends every decimal with exactly the column's scale
    ("12.50" for scale 2), so dropping the point gives the stored integer
    without building a Decimal. Any other form goes through the bind processor,
    which refuses a value with more decimals than the scale.
    """
    scale = ctype.scale
    slow = lambda value: ctype.process_bind_param(Decimal(value), None)  # noqa: E731
    if scale == 0:
        return slow

    def convert(value):
        if type(value) is str and len(value) > scale and value[-scale - 1] == ".":
            return int(value[: -scale - 1] + value[-scale:])
        return slow(value)

    return convert


def _fast_utc_datetime(column, dialect) -> Callable[[Any], Any]:
    """Convert a UTCDateTime wire value to SQLite's stored text.

    rows._encode sends "YYYY-MM-DDTHH:MM:SS.ffffff+00:00", and SQLite stores
    "YYYY-MM-DD HH:MM:SS.ffffff" (SQLAlchemy's DATETIME storage format), so
    that form is cut into the stored text without parsing it. Any other form
    goes through the bind processor.
    """
    slow = _bind_converter(column, dialect)

    def convert(value):
        if len(value) == 32 and value[10] == "T" and value.endswith("+00:00"):
            return f"{value[:10]} {value[11:26]}"
        return slow(value)

    return convert


def _upsert(connection, table, wire_columns: list[str] | None, wire_rows: list) -> int:
    """Insert or replace rows with one executemany of plain SQL on the DBAPI cursor.

    `wire_rows` are lists of values in `wire_columns` order (a columnar
    page), or dicts when `wire_columns` is None. Values are stored exactly as
    an ORM write would store them (each column type's bind processor, or a
    shortcut that gives the same stored value), while SQLAlchemy's per-row
    statement handling is skipped.
    """
    dialect = connection.dialect
    quote = dialect.identifier_preparer.quote
    columns = list(table.columns)
    names = [column.name for column in columns]
    converters = [(index, convert) for index, column in enumerate(columns)
                  if (convert := _column_converter(column, dialect)) is not None]
    # OR REPLACE inserts a row or replaces it whole. A page is a consistent
    # server state, so a row that REPLACE removes for a unique value comes back in the same page.
    sql = (
        f"INSERT OR REPLACE INTO {quote(table.name)} ({', '.join(quote(name) for name in names)}) "
        f"VALUES ({', '.join('?' for _ in columns)})"
    )
    if wire_columns is None:
        rows = _rows_from_dicts(wire_rows, names)
    elif wire_columns == names:
        rows = wire_rows  # freshly decoded lists, converted in place below
    else:
        rows = _reordered(wire_columns, wire_rows, names)
    for row in rows:
        for index, convert in converters:
            value = row[index]
            if value is not None:
                row[index] = convert(value)
    cursor = connection.connection.cursor()
    try:
        cursor.executemany(sql, rows)
    finally:
        cursor.close()
    return len(rows)


def _rows_from_dicts(wire_rows: list[dict[str, Any]], names: list[str]) -> list[list[Any]]:
    """Return dict rows as lists in `names` order; a missing column becomes NULL, an unknown one is dropped."""
    return [[wire_row.get(name) for name in names] for wire_row in wire_rows]


def _reordered(wire_columns: list[str], wire_rows: list[list[Any]], names: list[str]) -> list[list[Any]]:
    """Return columnar rows of another server version in `names` order, as _rows_from_dicts does for dicts."""
    positions = {name: index for index, name in enumerate(wire_columns)}
    picks = [positions.get(name) for name in names]
    return [[None if pick is None else values[pick] for pick in picks] for values in wire_rows]
