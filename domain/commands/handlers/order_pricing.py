"""Order lines and totals: the rounding rule applied to an order payload.

Each line amount is quantity × unit price − line discount, rounded half-up
to the fen. A percentage discount becomes an amount the same way. Tax is
computed per line (contained in the amount when prices include tax, added
on top otherwise) and summed. The order total is the sum of the line
amounts plus freight minus the document discount, plus the summed tax when
prices exclude tax.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

from pydantic import Field, model_validator

from domain.commands.framework import CommandContext, CommandRejected
from domain.commands.handlers.common import base_quantity, require, unit_factor
from domain.commands.handlers.fields import DocumentNumber, Id, Money, Payload, Price, Quantity, Rate
from domain.models import Product
from domain.money import ZERO, line_amount, round_fen, tax_included


class OrderLineIn(Payload):
    id: Id
    product_id: Id
    unit_name: str | None = Field(default=None, max_length=20)
    quantity: Quantity
    unit_price: Price
    # Line discount as an amount; or as a fraction (0.05 = 5 %) in discount_percent.
    discount: Money = Decimal(0)
    discount_percent: Rate = Decimal(0)
    tax_rate: Rate | None = None  # None: the product's tax rate
    list_price: Price | None = None
    price_rule: str | None = Field(default=None, max_length=40)
    is_gift: bool = False
    note: str | None = Field(default=None, max_length=400)

    @model_validator(mode="after")
    def _one_discount_form(self) -> "OrderLineIn":
        if self.discount and self.discount_percent:
            raise ValueError("give the line discount as an amount or as a percentage, not both")
        if self.discount_percent > 1:
            raise ValueError("discount_percent is a fraction between 0 and 1")
        return self


class OrderFields(Payload):
    number: DocumentNumber
    customer_id: Id
    warehouse_id: Id
    department_id: Id | None = None  # None: the warehouse's department
    salesperson_id: Id | None = None
    document_date: dt.date
    delivery_date_wanted: dt.date | None = None
    prices_include_tax: bool = True
    freight_amount: Money = Decimal(0)
    discount_amount: Money = Decimal(0)  # document discount
    carrier: str | None = Field(default=None, max_length=100)
    tracking_number: str | None = Field(default=None, max_length=100)
    shipping_address: str | None = Field(default=None, max_length=400)
    note: str | None = None
    quotation_id: Id | None = None
    lines: list[OrderLineIn] = Field(min_length=1, max_length=2000)

    @model_validator(mode="after")
    def _unique_line_ids(self) -> "OrderFields":
        ids = [line.id for line in self.lines]
        if len(set(ids)) != len(ids):
            raise ValueError("line ids must be unique")
        return self


@dataclasses.dataclass
class PricedLine:
    source: OrderLineIn
    product: Product
    line_no: int
    unit_name: str
    unit_factor: Decimal
    base_quantity: Decimal
    discount_amount: Decimal
    tax_rate: Decimal
    amount: Decimal
    tax_amount: Decimal


@dataclasses.dataclass
class PricedOrder:
    lines: list[PricedLine]
    lines_amount: Decimal
    tax_amount: Decimal
    total_amount: Decimal


def line_tax(amount: Decimal, rate: Decimal, prices_include_tax: bool) -> Decimal:
    if prices_include_tax:
        return tax_included(amount, rate)
    return round_fen(amount * rate)


def price_lines(ctx: CommandContext, fields: OrderFields) -> PricedOrder:
    """Check each line's product and quantity limits and compute amounts and totals."""
    priced: list[PricedLine] = []
    for index, line in enumerate(fields.lines):
        where = f"lines.{index}"
        product = require(ctx.session, Product, line.product_id, f"{where}.product_id")
        if not product.active or product.deleted_at is not None:
            raise CommandRejected("product_inactive", product_code=product.code, line_no=index + 1)
        unit_name, factor = unit_factor(ctx.session, product, line.unit_name, f"{where}.unit_name")
        base_qty = base_quantity(line.quantity, factor)
        if not line.is_gift:
            _check_order_quantity(product, base_qty, index + 1)
        discount = line.discount
        if line.discount_percent:
            discount = round_fen(line.quantity * line.unit_price * line.discount_percent)
        amount = line_amount(line.quantity, line.unit_price, discount)
        if amount < ZERO:
            raise CommandRejected("discount_exceeds_amount", line_no=index + 1, discount=str(discount))
        rate = line.tax_rate if line.tax_rate is not None else product.tax_rate
        priced.append(
            PricedLine(
                line, product, index + 1, unit_name, factor, base_qty, discount, rate, amount,
                line_tax(amount, rate, fields.prices_include_tax),
            )
        )
    lines_amount = sum((p.amount for p in priced), ZERO)
    tax_amount = sum((p.tax_amount for p in priced), ZERO)
    total = lines_amount + fields.freight_amount - fields.discount_amount
    if not fields.prices_include_tax:
        total += tax_amount
    if total < ZERO:
        raise CommandRejected("discount_exceeds_amount", line_no=0, discount=str(fields.discount_amount))
    return PricedOrder(priced, lines_amount, tax_amount, total)


def _check_order_quantity(product: Product, base_qty: Decimal, line_no: int) -> None:
    """Check the minimum and maximum order quantity (起订量 / 限定量), both in base units."""
    if product.min_order_quantity is not None and base_qty < product.min_order_quantity:
        raise CommandRejected(
            "quantity_below_minimum", product_code=product.code, line_no=line_no,
            quantity=str(base_qty), minimum=str(product.min_order_quantity),
        )
    if product.max_order_quantity is not None and base_qty > product.max_order_quantity:
        raise CommandRejected(
            "quantity_above_maximum", product_code=product.code, line_no=line_no,
            quantity=str(base_qty), maximum=str(product.max_order_quantity),
        )
