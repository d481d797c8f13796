"""Order lines as the entry grid edits them: products, units, discounts, and the rule that prices a line.

Rounding rule, the same as domain.commands.handlers.order_pricing applies
on the client and on the server: a percentage discount becomes an amount as
quantity × price × percentage, rounded half-up to the fen. The line amount
is quantity × price − discount amount, rounded half-up to the fen
(domain.money.line_amount).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

from desktop.models.order_format import format_money, format_quantity, parse_decimal
from domain.money import FEN, ZERO, line_amount, round_fen, round_price

# The percentage of a line discount keeps at most 2 decimals (12.25 %), so its fraction fits the 0.0001 rate scale.
PERCENT_QUANTUM = Decimal("0.01")


@dataclasses.dataclass(frozen=True)
class UnitChoice:
    name: str
    factor: Decimal
    price: Decimal


@dataclasses.dataclass(frozen=True)
class ProductChoice:
    """A product as the entry grid offers it: code, name and its units with their prices.

    `lowest_price` is per base unit; `mnemonic` contains the pinyin initials of the name (助记码).
    """

    id: str
    code: str
    name: str
    base_unit: str
    units: tuple[UnitChoice, ...]
    tax_rate: Decimal = Decimal("0.13")
    lowest_price: Decimal | None = None
    mnemonic: str = ""

    def unit(self, name: str) -> UnitChoice | None:
        for unit in self.units:
            if unit.name == name:
                return unit
        return None


@dataclasses.dataclass(frozen=True)
class LastPrice:
    """The net unit price (after the line discount) a customer paid for a product unit on its latest confirmed order."""

    price: Decimal
    document_date: dt.date
    order_number: str


def parse_discount(text: str) -> tuple[Decimal, Decimal] | None:
    """Parse a typed line discount into (amount, fraction); exactly one of them is non-zero, or both are zero.

    "5%" (or "5％") is a percentage of the line, 0 to 100 with at most 2
    decimals. A plain number is an amount in yuan with at most 2 decimals.
    An empty text is no discount. Returns None for anything else.
    """
    typed = text.strip()
    if not typed:
        return ZERO, ZERO
    if typed.endswith(("%", "％")):
        percent = parse_decimal(typed[:-1])
        if percent is None or not ZERO <= percent <= 100 or percent.quantize(PERCENT_QUANTUM) != percent:
            return None
        return ZERO, percent / 100
    amount = parse_decimal(typed)
    if amount is None or amount < ZERO or amount.quantize(FEN) != amount:
        return None
    return amount, ZERO


def format_discount(amount: Decimal, fraction: Decimal) -> str:
    if fraction:
        return f"{format_quantity(fraction * 100)}%"
    return format_money(amount) if amount else ""


def format_rate(rate: Decimal) -> str:
    """Show a tax rate fraction as a percentage: 0.13 → "13%", 0.015 → "1.5%"."""
    return f"{format_quantity(rate * 100)}%"


@dataclasses.dataclass
class OrderLine:
    id: str
    product: ProductChoice | None = None
    unit_name: str = ""
    quantity: Decimal | None = None
    unit_price: Decimal | None = None
    # The line discount as an amount or as a fraction (0.05 = 5 %); at most one of them is non-zero.
    discount: Decimal = ZERO
    discount_percent: Decimal = ZERO
    # None: the product's tax rate.
    tax_rate: Decimal | None = None
    # The rule that gave the price (domain.price_lookup.PriceRule value), None when typed by the clerk.
    price_rule: str | None = None
    # For a special price: the price without the promotion, sent as the line's list price.
    original_price: Decimal | None = None
    # The special-price promotion behind the price, or the buy-N-get-M promotion of a gift line.
    promotion_id: str | None = None
    is_gift: bool = False
    # For a gift line a promotion added: the id of the line that earned it.
    gift_for_line_id: str | None = None

    @property
    def is_promotion_gift(self) -> bool:
        """Return whether a promotion added this line; the server computes such lines again, so they are not sent."""
        return self.is_gift and self.promotion_id is not None

    @property
    def has_special_price(self) -> bool:
        return self.promotion_id is not None and not self.is_gift and self.original_price is not None

    def clear_price_basis(self) -> None:
        """Forget the rule and promotion behind the price, once the price no longer comes from them."""
        self.price_rule = None
        self.original_price = None
        self.promotion_id = None

    @property
    def discount_amount(self) -> Decimal:
        """Return the discount in yuan; a percentage is quantity × price × fraction, rounded half-up to the fen."""
        if self.discount_percent and self.quantity is not None and self.unit_price is not None:
            return round_fen(self.quantity * self.unit_price * self.discount_percent)
        return self.discount

    @property
    def amount(self) -> Decimal | None:
        if self.product is None or self.quantity is None or self.unit_price is None:
            return None
        return line_amount(self.quantity, self.unit_price, self.discount_amount)

    @property
    def effective_tax_rate(self) -> Decimal:
        if self.tax_rate is not None:
            return self.tax_rate
        return self.product.tax_rate if self.product is not None else ZERO

    @property
    def net_base_price(self) -> Decimal | None:
        """The price per base unit after the line discount, or None without a product or a price."""
        product = self.product
        if product is None or self.unit_price is None:
            return None
        unit = product.unit(self.unit_name)
        factor = unit.factor if unit is not None and unit.factor else Decimal(1)
        amount = self.amount
        if self.quantity and amount is not None:
            # The line amount per base unit, rounded half-up to 0.0001, as order approval compares it.
            return round_price(amount / (self.quantity * factor))
        return round_price(self.unit_price / factor)

    @property
    def below_lowest(self) -> bool:
        """Return whether the price per base unit after the line discount is below the product's lowest price
        (confirming the order then needs a manager's approval)."""
        net_price = self.net_base_price
        if net_price is None or self.product.lowest_price is None:
            return False
        return net_price < self.product.lowest_price

    @property
    def discount_too_large(self) -> bool:
        amount = self.amount
        return amount is not None and amount < ZERO

    @property
    def is_blank(self) -> bool:
        return self.product is None and self.quantity is None and self.unit_price is None

    @property
    def is_complete(self) -> bool:
        return self.product is not None and self.quantity is not None and self.quantity > ZERO and self.unit_price is not None
