"""Column types that keep money, quantities and timestamps exact on SQLite and PostgreSQL.

SQLite gives a NUMERIC column REAL affinity, so a decimal stored there comes
back as a float. Every decimal column is therefore stored as a BIGINT of its
smallest unit (fen for money, 1/10000 for prices) on both databases, and SQL
sums over it stay exact.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import BigInteger, DateTime, String
from sqlalchemy.types import TypeDecorator


class ScaledDecimal(TypeDecorator):
    """A Decimal stored as an integer count of 10**-scale units.

    Binding a value with more decimals than `scale` raises ValueError rather
    than rounding silently: callers round with the rule that applies
    (see domain.money) before storing.
    """

    impl = BigInteger
    cache_ok = True

    def __init__(self, scale: int) -> None:
        super().__init__()
        self.scale = scale
        self.quantum = Decimal(1).scaleb(-scale)
        self.factor = 10**scale

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if isinstance(value, float):
            raise TypeError(f"float value {value!r} bound to a decimal column; use Decimal")
        number = Decimal(value) if not isinstance(value, Decimal) else value
        scaled = number * self.factor
        if scaled != scaled.to_integral_value():
            raise ValueError(f"{number} has more than {self.scale} decimal places")
        return int(scaled)

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        return (Decimal(int(value)) / self.factor).quantize(self.quantum, rounding=ROUND_HALF_UP)

    @property
    def python_type(self):
        return Decimal


def Money() -> ScaledDecimal:
    """Amount in yuan with 2 decimals (stored in fen)."""
    return ScaledDecimal(2)


def Price() -> ScaledDecimal:
    """Unit price with 4 decimals."""
    return ScaledDecimal(4)


def Quantity() -> ScaledDecimal:
    """Quantity with 3 decimals (kilograms, metres; whole units for most goods)."""
    return ScaledDecimal(3)


def UnitCost() -> ScaledDecimal:
    """Moving average unit cost with 6 decimals."""
    return ScaledDecimal(6)


def Rate() -> ScaledDecimal:
    """A rate such as a tax rate or a discount percentage, 0.1300 = 13 %."""
    return ScaledDecimal(4)


class UTCDateTime(TypeDecorator):
    """An aware UTC datetime; naive values are rejected, loaded values are aware."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r}; use an aware UTC datetime")
        value = value.astimezone(dt.timezone.utc)
        if dialect.name == "sqlite":
            return value.replace(tzinfo=None)
        return value

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=dt.timezone.utc)
        return value.astimezone(dt.timezone.utc)


def IdColumnType() -> String:
    """Type of every id and foreign key column: UUID text."""
    return String(36)


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)
