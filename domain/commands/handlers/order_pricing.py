"""Order lines and totals: the rounding rule applied to an order payload.

Each line amount is quantity × unit price − line discount, rounded half-up
to the fen. A percentage discount becomes an amount the same way. Tax is
computed per line (contained in the amount when prices include tax, added
on top otherwise) and summed. The order total is the sum of the line
amounts plus freight minus the document discount, plus the summed tax when
prices exclude tax.

Gift lines of buy-N-get-M promotions are computed here, on the client and
on the server alike: lines a promotion added (is_gift with a promotion_id)
are dropped from the payload and computed again from the bought lines, so
the server never trusts the client's gift quantities. A gift line has unit
price and amount zero and follows the line that earned it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal
from typing import Any

from pydantic import Field, model_validator

from domain.commands.framework import CommandContext, CommandRejected, InvalidPayload
from domain.commands.handlers.common import base_quantity, require, unit_factor
from domain.commands.handlers.fields import DocumentNumber, Id, Money, Payload, Price, Quantity, Rate
from domain.models import Customer, CustomerCategory, Product, Promotion, Quotation
from domain.money import ZERO, line_amount, round_fen, tax_included
from domain.price_lookup import PriceRule
from domain.promotion_gifts import BoughtLine, gift_lines_for_customer


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
    # The promotion behind a special price or a gift. price_lines drops gift lines
    # that carry one and computes them again.
    promotion_id: Id | None = None
    note: str | None = Field(default=None, max_length=400)

    @model_validator(mode="after")
    def _one_discount_form(self) -> "OrderLineIn":
        if self.discount and self.discount_percent:
            raise ValueError("give the line discount as an amount or as a percentage, not both")
        if self.discount_percent > 1:
            raise ValueError("discount_percent is a fraction between 0 and 1")
        return self


class PricedFields(Payload):
    """The fields of a document that price_lines reads; orders and quotations share them."""

    customer_id: Id
    document_date: dt.date
    prices_include_tax: bool = True
    freight_amount: Money = Decimal(0)
    discount_amount: Money = Decimal(0)  # document discount
    lines: list[OrderLineIn] = Field(min_length=1, max_length=2000)

    @model_validator(mode="after")
    def _unique_line_ids(self) -> "PricedFields":
        ids = [line.id for line in self.lines]
        if len(set(ids)) != len(ids):
            raise ValueError("line ids must be unique")
        return self


class OrderFields(PricedFields):
    number: DocumentNumber
    warehouse_id: Id
    department_id: Id | None = None  # None: the warehouse's department
    salesperson_id: Id | None = None
    delivery_date_wanted: dt.date | None = None
    carrier: str | None = Field(default=None, max_length=100)
    tracking_number: str | None = Field(default=None, max_length=100)
    shipping_address: str | None = Field(default=None, max_length=400)
    note: str | None = None
    quotation_id: Id | None = None


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
    # For a promotion's gift line: the line that earned it.
    gift_for_line_id: str | None = None


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


def is_promotion_gift(line: OrderLineIn) -> bool:
    return line.is_gift and line.promotion_id is not None


def price_lines(ctx: CommandContext, fields: PricedFields) -> PricedOrder:
    """Check each line's product and quantity limits, add the promotions' gift lines, and compute the totals.

    Lines are numbered in document order, each gift line right after the
    line that earned it. A rejection names the line by its position in the
    payload, the line number of the clerk's grid.
    """
    bought: list[PricedLine] = []
    for index, line in enumerate(fields.lines):
        if not is_promotion_gift(line):
            bought.append(_price_line(ctx, fields, index, line))
    if not bought:
        raise InvalidPayload(errors=[{"field": "lines", "message": "only promotion gift lines were given"}])

    gifts_by_line: dict[str, list[PricedLine]] = {}
    for gift in _gift_lines(ctx, fields, bought):
        gifts_by_line.setdefault(gift.gift_for_line_id or "", []).append(gift)
    priced: list[PricedLine] = []
    for line in bought:
        priced.append(line)
        priced.extend(gifts_by_line.get(line.source.id, []))
    for line_no, line in enumerate(priced, start=1):
        line.line_no = line_no

    lines_amount = sum((p.amount for p in priced), ZERO)
    tax_amount = sum((p.tax_amount for p in priced), ZERO)
    total = lines_amount + fields.freight_amount - fields.discount_amount
    if not fields.prices_include_tax:
        total += tax_amount
    if total < ZERO:
        raise CommandRejected("discount_exceeds_amount", line_no=0, discount=str(fields.discount_amount))
    return PricedOrder(priced, lines_amount, tax_amount, total)


def _price_line(ctx: CommandContext, fields: PricedFields, index: int, line: OrderLineIn) -> PricedLine:
    where = f"lines.{index}"
    product = require(ctx.session, Product, line.product_id, f"{where}.product_id")
    if line.promotion_id is not None:
        require(ctx.session, Promotion, line.promotion_id, f"{where}.promotion_id")
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
    return PricedLine(
        line, product, index + 1, unit_name, factor, base_qty, discount, rate, amount,
        line_tax(amount, rate, fields.prices_include_tax),
    )


def promotion_date(ctx: CommandContext, fields: PricedFields) -> dt.date:
    """Return the date whose promotions apply: the quotation's date for an order made from one, else the document's.

    The customer accepted the quotation with the gifts it listed, so an order
    made from it keeps them after the promotion ends. A quotation of another
    customer, or one that became another order, does not count.
    """
    quotation_id = getattr(fields, "quotation_id", None)
    if quotation_id is None:
        return fields.document_date
    quotation = ctx.session.get(Quotation, quotation_id)
    if quotation is None or quotation.customer_id != fields.customer_id:
        return fields.document_date
    if quotation.order_id is not None and quotation.order_id != getattr(fields, "id", None):
        return fields.document_date
    return quotation.document_date


def _gift_lines(ctx: CommandContext, fields: PricedFields, bought: list[PricedLine]) -> list[PricedLine]:
    """Return the gift lines the promotions in force give for the bought (non-gift) lines, priced at zero."""
    paid = [BoughtLine(line.source.id, line.product.id, line.base_quantity) for line in bought
            if not line.source.is_gift]
    gifts = gift_lines_for_customer(ctx.session, fields.customer_id, promotion_date(ctx, fields), paid)
    priced = []
    for gift in gifts:
        product = ctx.session.get(Product, gift.product_id)
        source = OrderLineIn(
            id=gift.id, product_id=gift.product_id, unit_name=gift.unit_name, quantity=gift.quantity,
            unit_price=ZERO, is_gift=True, promotion_id=gift.promotion_id, price_rule=PriceRule.PROMOTION.value,
        )
        priced.append(PricedLine(
            source, product, 0, gift.unit_name, gift.unit_factor, gift.base_quantity, ZERO, product.tax_rate,
            ZERO, ZERO, gift_for_line_id=gift.gift_for_line_id,
        ))
    return priced


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


def apply_priced_header(ctx: CommandContext, document: Any, fields: PricedFields, customer: Customer,
                        priced: PricedOrder, salesperson_id: str | None) -> None:
    """Set the header columns that orders and quotations share from `fields` and the priced lines.

    The customer's category and its price level are recorded at entry, so a
    later change to the category does not rewrite the document.
    """
    category = ctx.session.get(CustomerCategory, customer.category_id) if customer.category_id else None
    document.customer_id = customer.id
    document.salesperson_id = salesperson_id or customer.owner_id
    document.document_date = fields.document_date
    document.customer_category_id = customer.category_id
    document.price_level = category.price_level if category is not None else None
    document.prices_include_tax = fields.prices_include_tax
    document.freight_amount = fields.freight_amount
    document.discount_amount = fields.discount_amount
    document.lines_amount = priced.lines_amount
    document.tax_amount = priced.tax_amount
    document.total_amount = priced.total_amount
