"""Money and quantity arithmetic in Decimal.

Rounding rule: amounts are rounded half-up (ROUND_HALF_UP, as Chinese
invoices and statements round) to the fen, 0.01 yuan, at the point where an
amount is produced from a price and a quantity. Sums of rounded amounts are
exact and are never rounded again.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

FEN = Decimal("0.01")
PRICE_QUANTUM = Decimal("0.0001")
QUANTITY_QUANTUM = Decimal("0.001")
COST_QUANTUM = Decimal("0.000001")
RATE_QUANTUM = Decimal("0.0001")
ZERO = Decimal("0")


def to_decimal(value: object) -> Decimal:
    """Convert an int, str or Decimal to Decimal; floats are rejected."""
    if isinstance(value, Decimal):
        return value
    if isinstance(value, bool) or isinstance(value, float):
        raise TypeError(f"money and quantities must not be {type(value).__name__}: {value!r}")
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, str):
        try:
            return Decimal(value.strip())
        except InvalidOperation as exc:
            raise ValueError(f"not a decimal number: {value!r}") from exc
    raise TypeError(f"cannot convert {type(value).__name__} to Decimal: {value!r}")


def round_fen(value: Decimal) -> Decimal:
    """Round half-up to 0.01."""
    return to_decimal(value).quantize(FEN, rounding=ROUND_HALF_UP)


def round_price(value: Decimal) -> Decimal:
    """Round half-up to 0.0001, the precision of unit prices."""
    return to_decimal(value).quantize(PRICE_QUANTUM, rounding=ROUND_HALF_UP)


def round_quantity(value: Decimal) -> Decimal:
    """Round half-up to 0.001, the precision of quantities."""
    return to_decimal(value).quantize(QUANTITY_QUANTUM, rounding=ROUND_HALF_UP)


def round_cost(value: Decimal) -> Decimal:
    """Round half-up to 0.000001, the precision of moving average unit cost."""
    return to_decimal(value).quantize(COST_QUANTUM, rounding=ROUND_HALF_UP)


def line_amount(quantity: Decimal, unit_price: Decimal, discount: Decimal = ZERO) -> Decimal:
    """Return quantity × price − discount, rounded half-up to the fen."""
    return round_fen(to_decimal(quantity) * to_decimal(unit_price) - to_decimal(discount))


def tax_included(amount: Decimal, tax_rate: Decimal) -> Decimal:
    """Return the tax contained in a tax-inclusive amount, rounded half-up to the fen.

    tax = amount × rate / (1 + rate); computed per line and then summed.
    """
    rate = to_decimal(tax_rate)
    if rate == ZERO:
        return Decimal("0.00")
    return round_fen(to_decimal(amount) * rate / (Decimal(1) + rate))
