"""quotation.convert: a draft or sent quotation becomes a sales order in one step (intention).

The order keeps the quotation's unit prices, line discounts, tax rates,
freight and document discount, even where the price lookup would now give
other prices. Its lines get ids derived from the command, so the client's
optimistic run and the server's create the same rows. Gift lines are
computed again with the promotions in force on the quotation's date (see
order_pricing.promotion_date), which gives the gifts the quotation listed
unless a promotion was changed or deactivated since.

With `confirm` the order is confirmed in the same command, as order.confirm
does: approved and reserving stock unless a rule sends it to a manager. A
confirmation the stock policy blocks rejects the whole conversion, and the
quotation stays open.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from pydantic import Field
from sqlalchemy import select

from domain.commands.framework import CommandContext, CommandKind, CommandRejected, InvalidPayload, ScopeRef, command
from domain.commands.handlers.common import warehouse_department
from domain.commands.handlers.fields import DocumentNumber, Id, Payload
from domain.commands.handlers.order_flow import OrderRef, confirm_order
from domain.commands.handlers.order_pricing import OrderLineIn
from domain.commands.handlers.orders import ORDER_ROLES, OrderCreate, create_order
from domain.commands.handlers.quotations import existing_quotation_scope, load_quotation, require_open
from domain.models import Quotation, QuotationLine, QuotationStatus, SalesOrder, SalesOrderLine
from domain.promotion_gifts import gift_line_id

log = logging.getLogger(__name__)


class QuotationConvert(Payload):
    id: Id  # the quotation
    order_id: Id
    number: DocumentNumber  # the order's number
    document_date: dt.date  # the order's date, which must not be after the quotation's valid_until
    warehouse_id: Id | None = None  # None: the quotation's warehouse
    delivery_date_wanted: dt.date | None = None
    shipping_address: str | None = Field(default=None, max_length=400)  # None: the customer's address
    confirm: bool = False  # also confirm the order, as order.confirm does


def _scope(ctx: CommandContext, payload: QuotationConvert) -> list[ScopeRef]:
    refs = [ScopeRef("warehouse", payload.warehouse_id),
            ScopeRef("department", warehouse_department(ctx.session, payload.warehouse_id))]
    quotation = ctx.session.get(Quotation, payload.id)
    if quotation is not None:
        refs += existing_quotation_scope(quotation)
    return refs


def _quotation_lines(ctx: CommandContext, quotation: Quotation) -> list[QuotationLine]:
    return list(ctx.session.execute(
        select(QuotationLine).where(QuotationLine.quotation_id == quotation.id).order_by(QuotationLine.line_no)
    ).scalars())


def _order_line(ctx: CommandContext, line: QuotationLine) -> OrderLineIn:
    """Return the quotation line as an order line at the quotation's price, discount and tax rate."""
    # The percentage gives the same discount amount again, because quantity and price are unchanged.
    discount: dict[str, Any] = (
        {"discount_percent": line.discount_percent} if line.discount_percent else {"discount": line.discount_amount}
    )
    return OrderLineIn(
        id=ctx.derived_id("order_line", line.id),
        product_id=line.product_id,
        unit_name=line.unit_name,
        quantity=line.quantity,
        unit_price=line.unit_price,
        tax_rate=line.tax_rate,
        list_price=line.list_price,
        price_rule=line.price_rule,
        is_gift=line.is_gift,
        promotion_id=line.promotion_id,
        note=line.note,
        **discount,
    )


def _link_lines(ctx: CommandContext, order: SalesOrder, source_of: dict[str, str],
                quotation_lines: dict[str, QuotationLine]) -> None:
    """Point each order line at its quotation line, and each gift line at the quotation's gift for the same bought line."""
    order_lines = ctx.session.execute(select(SalesOrderLine).where(SalesOrderLine.order_id == order.id)).scalars()
    for line in order_lines:
        if line.id in source_of:
            line.quotation_line_id = source_of[line.id]
        elif line.gift_for_line_id in source_of and line.promotion_id is not None:
            quoted_gift = gift_line_id(source_of[line.gift_for_line_id], line.promotion_id)
            if quoted_gift in quotation_lines:
                line.quotation_line_id = quoted_gift


@command("quotation.convert", kind=CommandKind.INTENTION, roles=ORDER_ROLES, payload=QuotationConvert, scope=_scope)
def convert_quotation(ctx: CommandContext, payload: QuotationConvert) -> dict[str, Any]:
    """Create an order from the quotation at its prices, optionally confirm it, and mark the quotation ordered."""
    quotation = load_quotation(ctx, payload.id)
    require_open(quotation)
    if quotation.valid_until is not None and quotation.valid_until < payload.document_date:
        raise CommandRejected(
            "quotation_expired", number=quotation.number, valid_until=quotation.valid_until.isoformat(),
            document_date=payload.document_date.isoformat(),
        )
    warehouse_id = payload.warehouse_id or quotation.warehouse_id
    if warehouse_id is None:
        raise InvalidPayload(errors=[{"field": "warehouse_id", "message": "missing, because the quotation has no warehouse"}])

    quotation_lines = {line.id: line for line in _quotation_lines(ctx, quotation)}
    # Gift lines a promotion added are computed again by the order pricing.
    copied = [line for line in quotation_lines.values() if not (line.is_gift and line.promotion_id is not None)]
    order_lines = [_order_line(ctx, line) for line in copied]
    order_payload = OrderCreate(
        id=payload.order_id,
        number=payload.number,
        customer_id=quotation.customer_id,
        warehouse_id=warehouse_id,
        department_id=quotation.department_id,
        salesperson_id=quotation.salesperson_id,
        document_date=payload.document_date,
        delivery_date_wanted=payload.delivery_date_wanted,
        prices_include_tax=quotation.prices_include_tax,
        freight_amount=quotation.freight_amount,
        discount_amount=quotation.discount_amount,
        shipping_address=payload.shipping_address,
        note=quotation.note,
        quotation_id=quotation.id,
        lines=order_lines,
    )
    result = create_order(ctx, order_payload)
    order = ctx.session.get(SalesOrder, payload.order_id)
    order.contact_id = quotation.contact_id
    _link_lines(ctx, order, {new.id: old.id for new, old in zip(order_lines, copied)}, quotation_lines)

    quotation.status = QuotationStatus.ORDERED.value
    quotation.order_id = order.id
    quotation.ordered_at = ctx.now
    log.info("quotation %s became order %s", quotation.number, order.number)
    result["quotation_id"] = quotation.id
    if payload.confirm:
        confirmed = confirm_order(ctx, OrderRef(id=order.id))
        result.update(
            status=confirmed["status"], approval_reasons=confirmed["approval_reasons"], warnings=confirmed["warnings"]
        )
    return result
