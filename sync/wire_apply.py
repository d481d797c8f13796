"""Writing pulled rows and tombstones into the replica, in bulk."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from sqlalchemy import Integer, String, delete
from sqlalchemy.types import TypeDecorator
from sqlalchemy.orm import Session

from domain.models.base import Base
from domain.types import UTCDateTime
from sync import protocol
from sync.killpoints import kill_point
from sync.rows import wire_value_decoder

log = logging.getLogger(__name__)

# Ids per DELETE, well under SQLite's limit on bound parameters.
DELETE_CHUNK = 500


def apply_changes(
    session: Session,
    changes: Mapping[str, list[dict[str, Any]]],
    tombstones: Iterable[protocol.Tombstone],
) -> tuple[int, int]:
    """Upsert the page's rows (parents first) and delete its tombstoned rows.

    Returns (rows written, rows deleted). Tables this client does not know
    (a newer server) are skipped with a warning.
    """
    connection = session.connection()
    known = Base.metadata.tables
    for name in changes:
        if name not in known:
            log.warning("pulled %d row(s) of unknown table %r; skipped", len(changes[name]), name)
    written = 0
    for table in Base.metadata.sorted_tables:
        wire_rows = changes.get(table.name)
        if not wire_rows:
            continue
        written += _upsert(connection, table, wire_rows)
        kill_point("mid_pull_page")
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
    return written, deleted


def _column_converter(column, dialect) -> Callable[[Any], Any] | None:
    """Return a function from a wire value to the stored value, or None when they are the same."""
    if isinstance(column.type, (String, Integer)) and not isinstance(column.type, TypeDecorator):
        return None  # text and integers travel as they are stored (Text and BigInteger included)
    processor = column.type.dialect_impl(dialect).bind_processor(dialect)
    decoder = wire_value_decoder(column)
    if processor is None:
        return decoder

    def convert(value):
        # None stays SQL NULL: the JSON type would otherwise store the text 'null'.
        return None if value is None else processor(decoder(value))

    if dialect.name == "sqlite" and isinstance(column.type, UTCDateTime):
        return _fast_utc_datetime(convert)
    return convert


def _fast_utc_datetime(convert: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """Wrap `convert` for a UTCDateTime column with a shortcut for the wire's usual form.

    rows._encode sends "YYYY-MM-DDTHH:MM:SS.ffffff+00:00", and SQLite stores
    "YYYY-MM-DD HH:MM:SS.ffffff" (SQLAlchemy's DATETIME storage format), so
    that form is cut into the stored text without parsing it. Any other form
    goes through `convert`.
    """

    def convert_utc(value):
        if value is not None and len(value) == 32 and value[10] == "T" and value.endswith("+00:00"):
            return f"{value[:10]} {value[11:26]}"
        return convert(value)

    return convert_utc


def _upsert(connection, table, wire_rows: list[dict[str, Any]]) -> int:
    """Insert or replace rows with one executemany of plain SQL.

    Values go through each column type's own bind processor, so they are
    stored exactly as an ORM write would store them, while SQLAlchemy's
    per-row statement handling is skipped.
    """
    dialect = connection.dialect
    quote = dialect.identifier_preparer.quote
    columns = list(table.columns)
    converters = [(column.name, _column_converter(column, dialect)) for column in columns]
    # OR REPLACE inserts a row or replaces it whole. A page is a consistent
    # server state, so a row that REPLACE removes for a unique value comes back in the same page.
    sql = (
        f"INSERT OR REPLACE INTO {quote(table.name)} ({', '.join(quote(c.name) for c in columns)}) "
        f"VALUES ({', '.join('?' for _ in columns)})"
    )
    values = [
        tuple(
            wire_row.get(name) if convert is None else convert(wire_row.get(name))
            for name, convert in converters
        )
        for wire_row in wire_rows
    ]
    connection.exec_driver_sql(sql, values)
    return len(values)
