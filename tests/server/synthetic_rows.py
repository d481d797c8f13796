"""Rows of every replicated table with values of every column type, for tests of the wire form."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import JSON, BigInteger, Boolean, Date, Integer, String, Text, text
from sqlalchemy.engine import Engine

from domain.models.base import Base
from domain.types import ScaledDecimal, UTCDateTime

MOMENTS = [
    dt.datetime(2026, 3, 1, 8, 30, 0, tzinfo=dt.timezone.utc),
    dt.datetime(2026, 12, 31, 23, 59, 59, 999999, tzinfo=dt.timezone.utc),
    dt.datetime(2025, 1, 2, 3, 4, 5, 6, tzinfo=dt.timezone.utc),
]
AMOUNTS = [Decimal("0"), Decimal("-1234.5"), Decimal("99.99")]
INTEGERS = [42, -3, 7]
DAYS = [dt.date(2026, 2, 1), dt.date(2026, 2, 28), dt.date(2024, 2, 29)]


def column_value(column, variant: int):
    """A value of the column's type, different in each of the three variants; variant 2 is NULL where allowed."""
    ctype = column.type
    if column.name == "id":
        return f"row-{variant}"
    if variant == 2 and column.nullable:
        return None
    if isinstance(ctype, ScaledDecimal):
        return AMOUNTS[variant].quantize(ctype.quantum, rounding="ROUND_DOWN")
    if isinstance(ctype, UTCDateTime):
        return MOMENTS[variant]
    if isinstance(ctype, Date):
        return DAYS[variant]
    if isinstance(ctype, Boolean):
        return bool(variant % 2)
    if isinstance(ctype, JSON):
        return {"k": [1, "二", None], "variant": variant}
    if isinstance(ctype, (Integer, BigInteger)):
        return INTEGERS[variant]
    if isinstance(ctype, (String, Text)):
        length = getattr(ctype, "length", None) or 20
        return f"v{variant}重庆"[:length]
    raise AssertionError(f"no test value for {column} of type {ctype!r}")


def fill_every_table(engine: Engine) -> None:
    """Insert three rows into every replicated table: edge values (negative, microseconds) and NULLs where allowed."""
    with engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            # The rows are synthetic: their foreign keys point nowhere.
            connection.execute(text("SET session_replication_role = replica"))
        for table in Base.metadata.sorted_tables:
            rows = [{column.name: column_value(column, variant) for column in table.columns} for variant in range(3)]
            connection.execute(table.insert(), rows)
