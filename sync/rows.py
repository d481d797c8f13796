"""Rows on the wire and their digests, identical on client and server.

Wire form: a dict of column name to JSON value. Decimals travel as strings
with the column's full scale ("12.50"), dates as "YYYY-MM-DD", datetimes as
ISO 8601 in UTC, JSON columns as they are. Both sides compute row digests
from the wire form, so `kaidan verify` compares like with like.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from decimal import Decimal
from typing import Any, Callable, Iterable, Mapping

from sqlalchemy import Boolean, Date, Table
from sqlalchemy.types import JSON

from domain.types import ScaledDecimal, UTCDateTime


def _encode(column, value: Any) -> Any:
    if value is None:
        return None
    ctype = column.type
    if isinstance(ctype, ScaledDecimal):
        return str(Decimal(value).quantize(ctype.quantum))
    if isinstance(ctype, UTCDateTime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=dt.timezone.utc)
        return value.astimezone(dt.timezone.utc).isoformat(timespec="microseconds")
    if isinstance(ctype, Date):
        return value.isoformat()
    if isinstance(ctype, Boolean):
        return bool(value)
    return value


def _decode(column, value: Any) -> Any:
    if value is None:
        return None
    ctype = column.type
    if isinstance(ctype, ScaledDecimal):
        return Decimal(value)
    if isinstance(ctype, UTCDateTime):
        return dt.datetime.fromisoformat(value)
    if isinstance(ctype, Date):
        return dt.date.fromisoformat(value)
    if isinstance(ctype, Boolean):
        return bool(value)
    return value


def column_encoder(column) -> Callable[[Any], Any] | None:
    """Return the function _encode applies to a non-null value of `column`, or None when values travel as they are."""
    ctype = column.type
    if isinstance(ctype, ScaledDecimal):
        quantum = ctype.quantum
        return lambda value: str(Decimal(value).quantize(quantum))
    if isinstance(ctype, UTCDateTime):
        return lambda value: _encode(column, value)
    if isinstance(ctype, Date):
        return lambda value: value.isoformat()
    if isinstance(ctype, Boolean):
        return bool
    return None


# Table -> (column name, encoder or None) for every column, built on first use.
_ENCODERS: dict[Table, tuple[tuple[str, Callable[[Any], Any] | None], ...]] = {}


def _table_encoders(table: Table) -> tuple[tuple[str, Callable[[Any], Any] | None], ...]:
    encoders = _ENCODERS.get(table)
    if encoders is None:
        encoders = tuple((column.name, column_encoder(column)) for column in table.columns)
        _ENCODERS[table] = encoders
    return encoders


def row_to_wire(table: Table, row: Mapping[str, Any], hidden: Iterable[str] = ()) -> dict[str, Any]:
    """Encode a row (a mapping of column name to Python value) for the wire.

    Columns named in `hidden` are sent as None.
    """
    hidden_set = set(hidden)
    out: dict[str, Any] = {}
    for name, encode in _table_encoders(table):
        if name in hidden_set:
            out[name] = None
            continue
        value = row.get(name)
        out[name] = value if encode is None or value is None else encode(value)
    return out


def wire_to_row(table: Table, data: Mapping[str, Any]) -> dict[str, Any]:
    """Decode a wire row into Python values for an insert into `table`.

    Unknown keys (columns a newer server added) are dropped; missing columns
    become None.
    """
    return {column.name: _decode(column, data.get(column.name)) for column in table.columns}


def row_digest(wire_row: Mapping[str, Any]) -> str:
    """SHA-256 of the canonical JSON of a wire row."""
    text = json.dumps(wire_row, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def table_checksum(digests: Mapping[str, str]) -> str:
    """Checksum of a table from its row digests: SHA-256 over (id, digest) in id order."""
    hasher = hashlib.sha256()
    for row_id in sorted(digests):
        hasher.update(row_id.encode())
        hasher.update(b"=")
        hasher.update(digests[row_id].encode())
        hasher.update(b"\n")
    return hasher.hexdigest()


def wire_value_decoder(column):
    """Return a function that decodes one wire value of `column` (as wire_to_row does, per column)."""
    return lambda value: _decode(column, value)


def json_column(column) -> bool:
    return isinstance(column.type, JSON)
