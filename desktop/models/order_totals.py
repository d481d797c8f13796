"""The totals of an order as the entry form shows them: lines, tax by rate, freight, document discount.

The rule is the one domain.commands.handlers.order_pricing.price_lines
applies when the order is saved, so the form's total is the order's total:

- tax is computed per line and summed. With tax-inclusive prices it is the
  tax contained in the line amount, amount × rate / (1 + rate); otherwise it
  is amount × rate. Both are rounded half-up to the fen.
- total = sum of line amounts + freight − document discount, plus the
  summed tax when prices exclude tax. Sums of rounded amounts are exact.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from decimal import Decimal

from desktop.models.order_lines import OrderLine
from domain.money import ZERO, round_fen, tax_included


@dataclasses.dataclass(frozen=True)
class TaxBand:
    """The lines of one tax rate: their summed amount and summed tax."""

    rate: Decimal
    amount: Decimal
    tax: Decimal


@dataclasses.dataclass(frozen=True)
class OrderTotals:
    lines_amount: Decimal = ZERO
    tax_amount: Decimal = ZERO
    freight: Decimal = ZERO
    document_discount: Decimal = ZERO
    prices_include_tax: bool = True
    bands: tuple[TaxBand, ...] = ()

    @property
    def total(self) -> Decimal:
        total = self.lines_amount + self.freight - self.document_discount
        return total if self.prices_include_tax else total + self.tax_amount

    @property
    def amount_before_tax(self) -> Decimal:
        """Return the lines' amount without tax."""
        return self.lines_amount - self.tax_amount if self.prices_include_tax else self.lines_amount


def line_tax(amount: Decimal, rate: Decimal, prices_include_tax: bool) -> Decimal:
    """Return one line's tax, rounded half-up to the fen."""
    if prices_include_tax:
        return tax_included(amount, rate)
    return round_fen(amount * rate)


def compute_totals(lines: Iterable[OrderLine], freight: Decimal = ZERO, document_discount: Decimal = ZERO,
                   prices_include_tax: bool = True) -> OrderTotals:
    """Return the totals of the complete lines among `lines`."""
    by_rate: dict[Decimal, tuple[Decimal, Decimal]] = {}
    for line in lines:
        if not line.is_complete:
            continue
        amount = line.amount
        rate = line.effective_tax_rate
        tax = line_tax(amount, rate, prices_include_tax)
        band_amount, band_tax = by_rate.get(rate, (ZERO, ZERO))
        by_rate[rate] = (band_amount + amount, band_tax + tax)
    bands = tuple(TaxBand(rate, amount, tax) for rate, (amount, tax) in sorted(by_rate.items(), reverse=True))
    return OrderTotals(
        lines_amount=sum((band.amount for band in bands), ZERO),
        tax_amount=sum((band.tax for band in bands), ZERO),
        freight=freight,
        document_discount=document_discount,
        prices_include_tax=prices_include_tax,
        bands=bands,
    )
