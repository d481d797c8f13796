"""Reading a pull page's rows from the server database straight into their wire form.

sync.rows.row_to_wire encodes Python values: a money column is read as an
integer, turned into a Decimal by its type, then back into text. Here the
columns whose stored value has a cheaper road to the wire form are read raw
(no result processor) and encoded from the stored value, which gives the
same wire row (tests/server/test_page_reader.py compares the two on every
table). The other columns keep their type's result processing and go
through row_to_wire's encoder.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from sqlalchemy import Boolean, Date, Table, select, type_coerce
from sqlalchemy.engine import Dialect
from sqlalchemy.types import NullType, TypeDecorator

from domain.types import ScaledDecimal, UTCDateTime
from sync.rows import column_encoder

Encoder = Callable[[Any], Any]


def scaled_text(scale: int) -> Encoder:
    """Return the encoder of a stored count of the smallest unit: 1250 at scale 2 -> "12.50"."""
    if scale == 0:
        return lambda count: str(int(count))

    def encode(count):
        digits = str(abs(int(count))).rjust(scale + 1, "0")
        sign = "-" if count < 0 else ""
        return f"{sign}{digits[:-scale]}.{digits[-scale:]}"

    return encode


def _sqlite_datetime(column) -> Encoder:
    """Stored "YYYY-MM-DD HH:MM:SS.ffffff" (naive UTC) -> "YYYY-MM-DDTHH:MM:SS.ffffff+00:00"."""
    slow = column_encoder(column)

    def encode(stored):
        if type(stored) is str and len(stored) == 26 and stored[10] == " ":
            return f"{stored[:10]}T{stored[11:]}+00:00"
        if isinstance(stored, str):
            stored = dt.datetime.fromisoformat(stored)
        return slow(stored)

    return encode


def _raw_encoder(column, dialect: Dialect) -> Encoder | None:
    """Return an encoder from the raw stored value of `column`, or None to read it through its type."""
    ctype = column.type
    if isinstance(ctype, ScaledDecimal):
        return scaled_text(ctype.scale)
    if isinstance(ctype, UTCDateTime):
        if dialect.name == "sqlite":
            return _sqlite_datetime(column)
        return None
    if isinstance(ctype, TypeDecorator):
        return None
    if isinstance(ctype, Boolean):
        return bool
    if isinstance(ctype, Date) and dialect.name == "sqlite":
        # SQLAlchemy stores a date in SQLite as "YYYY-MM-DD", the wire form.
        return lambda stored: stored
    return None


class TableReader:
    """The select and per-column encoders that read one table's rows into wire form."""

    def __init__(self, table: Table, dialect: Dialect) -> None:
        self.table = table
        self.names = [column.name for column in table.columns]
        selected = []
        self.encoders: list[tuple[int, Encoder]] = []
        for index, column in enumerate(table.columns):
            raw = _raw_encoder(column, dialect)
            if raw is not None:
                selected.append(type_coerce(column, NullType()).label(column.name))
                self.encoders.append((index, raw))
            else:
                selected.append(column)
                encoder = column_encoder(column)
                if encoder is not None:
                    self.encoders.append((index, encoder))
        self.columns = selected

    def select(self):
        return select(*self.columns)

    def wire_lists(self, result, hidden: list[str]) -> list[list[Any]]:
        """Encode every row of `result` (a select of self.columns) as a list in self.names order; `hidden` columns become None."""
        encoders = self.encoders
        hidden_indexes = [self.names.index(name) for name in hidden]
        rows = []
        for stored in result:
            values = list(stored)
            for index, encode in encoders:
                value = values[index]
                if value is not None:
                    values[index] = encode(value)
            for index in hidden_indexes:
                values[index] = None
            rows.append(values)
        return rows

    def wire_rows(self, result, hidden: list[str]) -> list[dict[str, Any]]:
        """Encode every row of `result` as a wire dict (sync.rows.row_to_wire's form)."""
        names = self.names
        return [dict(zip(names, values)) for values in self.wire_lists(result, hidden)]


_READERS: dict[tuple[str, str], TableReader] = {}


def table_reader(table: Table, dialect: Dialect) -> TableReader:
    key = (table.name, dialect.name)
    reader = _READERS.get(key)
    if reader is None:
        reader = _READERS[key] = TableReader(table, dialect)
    return reader
