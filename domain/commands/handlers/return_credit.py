"""Limits and credits of a sales return on one delivery line.

The customer was billed for a delivered order line the delivery amount plus
the verification changes of that order line. A return credits at the billed
net unit price and takes back at most the quantity billed and not yet
returned, and never more than the delivery line has left.

An order line that no verification changed is billed what its delivery
lines record, so each delivery line is its own basis: its amount and tax are
shared by its quantity. A verified order line is billed its verified amount
and tax for its verified quantity, so the basis is the order line, counted
in base units over all its delivery lines. In both cases the shares are
rounded so that returning everything credits the billed amount exactly.

Goods a receipt confirmation credited as missing count as returned, so a
later return cannot credit them again (see credited_shortfall).

The server (sales_return.post) and the desktop return form both read the
basis with credit_basis, so the form shows the credit the server posts.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from decimal import ROUND_DOWN, Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from domain.commands.handlers.common import base_quantity
from domain.commands.handlers.facts import FACT_DOCUMENT_STATUS
from domain.models import (
    DeliveryLine,
    DifferenceResolution,
    OrderVerificationLine,
    ReceiptConfirmation,
    ReceiptConfirmationLine,
    SalesOrderLine,
    SalesReturn,
    SalesReturnLine,
)
from domain.money import ZERO, round_fen

QUANTITY_STEP = Decimal("0.001")


def share(value: Decimal, taken_before: Decimal, taken_after: Decimal, whole: Decimal) -> Decimal:
    """Return the part of `value` that belongs to the quantity between `taken_before` and `taken_after` of `whole`.

    Both ends are rounded half-up to the fen and subtracted, so the parts of
    a line returned in several steps sum to `value` exactly.
    """
    return round_fen(value * taken_after / whole) - round_fen(value * taken_before / whole)


def line_credit(delivered_amount: Decimal, delivered_tax: Decimal, delivered_quantity: Decimal,
                returned_before: Decimal, quantity: Decimal) -> tuple[Decimal, Decimal]:
    """Return the (amount, tax) a return of `quantity` credits on a line that had `returned_before` back.

    All quantities are in one unit, that of `delivered_quantity`.
    """
    returned_after = returned_before + quantity
    return (
        share(delivered_amount, returned_before, returned_after, delivered_quantity),
        share(delivered_tax, returned_before, returned_after, delivered_quantity),
    )


@dataclasses.dataclass(frozen=True)
class CreditBasis:
    """The billed amount, tax and quantity a return of one delivery line is credited against.

    `billed_quantity` and `returned` are in the delivery line's unit when the
    basis is the delivery line, and in base units when it is a verified order
    line. `unit_factor` converts a quantity in the delivery line's unit to
    that unit (1 for a delivery-line basis).
    """

    amount: Decimal
    tax_amount: Decimal
    billed_quantity: Decimal
    returned: Decimal
    unit_factor: Decimal
    delivery_left: Decimal  # of the delivery line, in its unit
    verified: bool

    @property
    def returnable(self) -> Decimal:
        """Return the maximum quantity a return may take back from the delivery line, in its unit."""
        return max(min(self.delivery_left, self.billed_left), ZERO)

    @property
    def billed_left(self) -> Decimal:
        """Return the billed quantity not yet returned, in the delivery line's unit."""
        return max((self.billed_quantity - self.returned) / self.unit_factor, ZERO).quantize(
            QUANTITY_STEP, rounding=ROUND_DOWN)

    def credit(self, quantity: Decimal) -> tuple[Decimal, Decimal]:
        """Return the (amount, tax) a return of `quantity`, in the delivery line's unit, credits."""
        if self.billed_quantity == ZERO:
            return ZERO, ZERO
        quantity_in_basis = quantity if self.unit_factor == 1 else base_quantity(quantity, self.unit_factor)
        return line_credit(self.amount, self.tax_amount, self.billed_quantity, self.returned, quantity_in_basis)


def credit_basis(session: Session, delivered: DeliveryLine, returned_on_line: Decimal) -> CreditBasis:
    """Read the basis of returns on `delivered`, which posted returns took `returned_on_line` back from.

    Returns posted in `session` and not yet flushed are not counted, so the
    handler flushes before calling.
    """
    delivery_left = delivered.quantity - returned_on_line
    order_line = session.get(SalesOrderLine, delivered.order_line_id) if delivered.order_line_id else None
    if order_line is None or not _verified(session, order_line.id):
        return CreditBasis(delivered.amount, delivered.tax_amount, delivered.quantity, returned_on_line,
                           Decimal(1), delivery_left, verified=False)
    return CreditBasis(order_line.amount, order_line.tax_amount, order_line.base_quantity,
                       _returned_on_order_line(session, order_line.id), delivered.unit_factor, delivery_left,
                       verified=True)


def _verified(session: Session, order_line_id: str) -> bool:
    found = session.execute(
        select(OrderVerificationLine.id).where(OrderVerificationLine.order_line_id == order_line_id).limit(1)
    ).first()
    return found is not None


def _returned_on_order_line(session: Session, order_line_id: str) -> Decimal:
    """Return the base quantity posted returns took back from the order line, over all its delivery lines.

    Summed in Python, because the Quantity column stores scaled integers that an SQL SUM would not convert back.
    """
    quantities = session.execute(
        select(SalesReturnLine.base_quantity)
        .join(SalesReturn, SalesReturn.id == SalesReturnLine.return_id)
        .where(SalesReturnLine.order_line_id == order_line_id, SalesReturn.status == FACT_DOCUMENT_STATUS)
    ).scalars()
    return sum(quantities, ZERO) + _credited_on_order_line(session, order_line_id)


def credited_shortfall(session: Session, delivery_line_ids: Iterable[str]) -> dict[str, Decimal]:
    """Return, per delivery line, the quantity receipt confirmations credited with no goods coming back.

    Quantities are in each delivery line's unit. Such a credit settles the
    goods like a return does, so returns count it as taken back: otherwise
    the same missing goods could be credited twice.
    """
    ids = list(delivery_line_ids)
    credited: dict[str, Decimal] = {}
    if not ids:
        return credited
    for line_id, difference in session.execute(
        select(ReceiptConfirmationLine.delivery_line_id, ReceiptConfirmationLine.difference_quantity)
        .join(ReceiptConfirmation, ReceiptConfirmation.id == ReceiptConfirmationLine.confirmation_id)
        .where(ReceiptConfirmationLine.delivery_line_id.in_(ids),
               ReceiptConfirmationLine.resolution == DifferenceResolution.CREDIT.value,
               ReceiptConfirmation.status == FACT_DOCUMENT_STATUS)
    ):
        credited[line_id] = credited.get(line_id, ZERO) - difference
    return credited


def _credited_on_order_line(session: Session, order_line_id: str) -> Decimal:
    """Return the base quantity receipt confirmations credited on the order line, over all its delivery lines."""
    total = ZERO
    for difference, factor in session.execute(
        select(ReceiptConfirmationLine.difference_quantity, DeliveryLine.unit_factor)
        .join(ReceiptConfirmation, ReceiptConfirmation.id == ReceiptConfirmationLine.confirmation_id)
        .join(DeliveryLine, DeliveryLine.id == ReceiptConfirmationLine.delivery_line_id)
        .where(DeliveryLine.order_line_id == order_line_id,
               ReceiptConfirmationLine.resolution == DifferenceResolution.CREDIT.value,
               ReceiptConfirmation.status == FACT_DOCUMENT_STATUS)
    ):
        total -= base_quantity(difference, factor)
    return total
