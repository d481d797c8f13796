"""Rules checked when an order is confirmed or approved: stock, credit, prices, discounts.

Company settings read from `ctx.settings`:
- "credit_check": with "approval" (the default) an order over the credit
  limit or with overdue receivables goes to a manager. With "warn" it is
  approved with a warning, and "off" skips the check.
- "max_discount_percent": a line discount above this fraction (0.2 = 20 %)
  needs approval; absent means no limit.
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from typing import Any

from sqlalchemy import select

from domain.commands.framework import CommandContext
from domain.models import RESERVING_STATUSES, Customer, CustomerCategory, Product, SalesOrder, SalesOrderLine
from domain.money import ZERO, round_fen, round_price, round_quantity
from domain.posting import receivables, stock

CREDIT_CHECK_SETTING = "credit_check"
MAX_DISCOUNT_SETTING = "max_discount_percent"


@dataclasses.dataclass(frozen=True)
class Shortage:
    product_id: str
    product_code: str
    requested: Decimal
    available: Decimal
    # The product's base unit, the unit of both quantities; clients older than this parameter ignore it.
    unit: str = ""

    def params(self) -> dict[str, Any]:
        return {
            "product_code": self.product_code,
            "requested": str(round_quantity(self.requested)),
            "available": str(round_quantity(self.available)),
            "unit": self.unit,
        }


def order_lines(ctx: CommandContext, order: SalesOrder) -> list[SalesOrderLine]:
    ctx.session.flush()
    return list(
        ctx.session.execute(
            select(SalesOrderLine).where(SalesOrderLine.order_id == order.id).order_by(SalesOrderLine.line_no)
        ).scalars()
    )


def remaining_by_product(lines: list[SalesOrderLine]) -> dict[str, Decimal]:
    """Return the undelivered base quantity per product, in first-line order."""
    remaining: dict[str, Decimal] = {}
    for line in lines:
        open_quantity = line.base_quantity - line.delivered_quantity
        if open_quantity > ZERO:
            remaining[line.product_id] = remaining.get(line.product_id, ZERO) + open_quantity
    return remaining


def stock_shortages(ctx: CommandContext, order: SalesOrder, lines: list[SalesOrderLine]) -> list[Shortage]:
    """Return the products whose undelivered quantity exceeds available stock (on hand − reserved)."""
    shortages = []
    for product_id, requested in remaining_by_product(lines).items():
        free = stock.available(ctx.session, product_id, order.warehouse_id)
        if requested > free:
            product = ctx.session.get(Product, product_id)
            code, unit = (product.code, product.base_unit) if product else (product_id, "")
            shortages.append(Shortage(product_id, code, requested, free, unit))
    return shortages


def credit_limit(ctx: CommandContext, customer: Customer) -> Decimal | None:
    if customer.credit_limit is not None:
        return customer.credit_limit
    if customer.category_id is not None:
        category = ctx.session.get(CustomerCategory, customer.category_id)
        if category is not None:
            return category.default_credit_limit
    return None


def open_order_amount(ctx: CommandContext, customer_id: str, exclude_order_id: str) -> Decimal:
    """Return what the customer will owe for its other approved or partly delivered orders (see order_open_amount)."""
    in_scope = (
        SalesOrder.customer_id == customer_id,
        SalesOrder.id != exclude_order_id,
        SalesOrder.status.in_(sorted(RESERVING_STATUSES)),
    )
    orders = ctx.session.execute(select(SalesOrder).where(*in_scope)).scalars().all()
    lines: dict[str, list[SalesOrderLine]] = {}
    for line in ctx.session.execute(
        select(SalesOrderLine).join(SalesOrder, SalesOrder.id == SalesOrderLine.order_id).where(*in_scope)
    ).scalars():
        lines.setdefault(line.order_id, []).append(line)
    return sum((order_open_amount(order, lines.get(order.id, [])) for order in orders), ZERO)


def order_open_amount(order: SalesOrder, lines: list[SalesOrderLine]) -> Decimal:
    """Return what the customer will owe for the undelivered part of an order, the credit it uses.

    A customer owes an order's document total (`SalesOrder.total_amount`):
    the lines after their line discounts, minus the document discount, plus
    freight, plus the tax when the prices exclude tax. What was delivered is
    owed through the delivery notes' receivables instead. So a partly
    delivered order counts the undelivered share of its total: the total ×
    (undelivered line amounts / all line amounts), rounded half-up to the fen.
    A line's undelivered amount is its amount × open quantity / quantity, so
    freight and the document discount are spread over the lines by amount.
    An order whose lines add up to zero (gifts only) counts its whole total
    until every line is delivered.
    """
    lines_amount = ZERO
    open_amount = ZERO
    has_open_quantity = False
    for line in lines:
        lines_amount += line.amount
        if line.base_quantity > ZERO and line.delivered_quantity < line.base_quantity:
            has_open_quantity = True
            open_amount += line.amount * (line.base_quantity - line.delivered_quantity) / line.base_quantity
    if not has_open_quantity:
        return ZERO
    if lines_amount == ZERO:
        return order.total_amount
    return round_fen(order.total_amount * open_amount / lines_amount)


def credit_reasons(ctx: CommandContext, order: SalesOrder) -> list[dict[str, Any]]:
    """Return the credit rules the order breaks: over the limit, overdue receivables."""
    customer = ctx.session.get(Customer, order.customer_id)
    reasons: list[dict[str, Any]] = []
    limit = credit_limit(ctx, customer)
    if limit is not None:
        used = receivables.balance(ctx.session, customer.id) + open_order_amount(ctx, customer.id, order.id)
        if used + order.total_amount > limit:
            reasons.append({
                "code": "credit_limit_exceeded",
                "params": {
                    "credit_limit": str(limit),
                    "credit_used": str(round_fen(used)),
                    "order_amount": str(order.total_amount),
                },
            })
    overdue = receivables.overdue_amount(ctx.session, customer.id, ctx.today)
    if overdue > ZERO:
        reasons.append({"code": "overdue_receivables", "params": {"overdue_amount": str(overdue)}})
    return reasons


def price_reasons(ctx: CommandContext, lines: list[SalesOrderLine]) -> list[dict[str, Any]]:
    """Return lines priced below the product's lowest price or discounted beyond the limit."""
    reasons: list[dict[str, Any]] = []
    max_discount = ctx.settings.get(MAX_DISCOUNT_SETTING)
    for line in lines:
        if line.is_gift:
            continue
        product = ctx.session.get(Product, line.product_id)
        # The lowest price is per base unit, so a pack unit's price is compared per base unit. The line's
        # discount counts: the price compared is the line amount (after the discount) per base unit,
        # rounded half-up to 0.0001, or the unit price when the line has no quantity.
        if line.base_quantity:
            base_price = round_price(line.amount / line.base_quantity)
        else:
            base_price = round_price(line.unit_price / line.unit_factor) if line.unit_factor else line.unit_price
        if product.lowest_price is not None and base_price < product.lowest_price:
            reasons.append({
                "code": "price_below_lowest",
                "params": {"product_code": product.code, "unit_price": str(base_price), "lowest_price": str(product.lowest_price)},
            })
        if max_discount is not None:
            gross = line.quantity * line.unit_price
            percent = line.discount_amount / gross if gross else ZERO
            if percent > Decimal(str(max_discount)):
                reasons.append({
                    "code": "discount_above_limit",
                    "params": {
                        "product_code": product.code,
                        "discount_percent": str(round_price(percent)),
                        "max_discount_percent": str(max_discount),
                    },
                })
    return reasons
