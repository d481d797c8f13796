"""The verification (核准) form's data: a completed order's lines, their corrections and the order.verify payload.

The amounts follow domain.commands.handlers.order_verification, which
computes them again on the client and on the server: a line's discount
scales with a corrected quantity and every amount is rounded half-up to the
fen. The functions that read the replica run inside a task, off the GUI thread.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal
from typing import Any, Callable

from sqlalchemy.orm import Session

from desktop.i18n import translate
from desktop.models.order_format import format_money, parse_decimal
from desktop.models.document_lines import lines_with_products
from domain.commands.handlers.order_pricing import line_tax
from domain.commands.handlers.order_verification import corrected_amount, receivable_change
from domain.models import Customer, OrderStatus, SalesOrder, SalesOrderLine
from domain.money import ZERO, round_price, round_quantity



@dataclasses.dataclass(frozen=True)
class VerifyLine:
    """One order line as the replica stores it before the verification."""

    order_line_id: str
    line_no: int
    product_code: str
    product_name: str
    unit_name: str
    quantity: Decimal
    unit_price: Decimal
    discount_amount: Decimal
    amount: Decimal
    tax_rate: Decimal
    tax_amount: Decimal


@dataclasses.dataclass(frozen=True)
class VerifyOrder:
    """A completed order with its lines, as the verification dialog shows it."""

    id: str
    number: str
    status: str
    customer_name: str
    prices_include_tax: bool
    total_amount: Decimal
    lines: tuple[VerifyLine, ...]

    @property
    def is_completed(self) -> bool:
        return self.status == OrderStatus.COMPLETED.value


def load_verify_order(session: Session, order_id: str) -> VerifyOrder:
    """Read order `order_id` and its lines; raises LookupError when the replica lacks it."""
    order = session.get(SalesOrder, order_id)
    if order is None:
        raise LookupError(f"order {order_id} not found in the replica")
    customer = session.get(Customer, order.customer_id)
    rows = lines_with_products(session, SalesOrderLine, SalesOrderLine.order_id, order_id)
    lines = tuple(
        VerifyLine(line.id, line.line_no, code, name, line.unit_name, line.quantity, line.unit_price,
                   line.discount_amount, line.amount, line.tax_rate, line.tax_amount)
        for line, code, name in rows
    )
    return VerifyOrder(order.id, order.number, order.status, customer.name if customer else "",
                       order.prices_include_tax, order.total_amount, lines)


class CorrectionError(ValueError):
    """A correction the server would reject; the message is translated and names the line and the fix."""


@dataclasses.dataclass
class Correction:
    """The corrected quantity and price of one line as typed; an empty text keeps the line's value."""

    line: VerifyLine
    quantity_text: str = ""
    price_text: str = ""

    def quantity(self) -> Decimal:
        """Return the corrected quantity; raises CorrectionError when the text is not a quantity above zero."""
        return self._typed(
            self.quantity_text, self.line.quantity, round_quantity, lambda value: value > ZERO,
            translate("OrderVerification",
                      "Line {line_no}: \"{text}\" is not a valid quantity; enter a number with at most 3 decimals."),
            translate("OrderVerification", "Line {line_no}: the corrected quantity must be above zero, not {text}."),
        )

    def unit_price(self) -> Decimal:
        """Return the corrected unit price; raises CorrectionError when the text is not a price of zero or more."""
        return self._typed(
            self.price_text, self.line.unit_price, round_price, lambda value: value >= ZERO,
            translate("OrderVerification",
                      "Line {line_no}: \"{text}\" is not a valid price; enter a number with at most 4 decimals."),
            translate("OrderVerification", "Line {line_no}: the corrected price must be zero or more, not {text}."),
        )

    def _typed(self, text: str, current: Decimal, rounded: Callable[[Decimal], Decimal],
               in_range: Callable[[Decimal], bool], invalid: str, out_of_range: str) -> Decimal:
        """Parse a typed value: `current` when empty, else a number `rounded` leaves unchanged and `in_range` accepts."""
        typed = text.strip()
        if not typed:
            return current
        value = parse_decimal(typed)
        if value is None or rounded(value) != value:
            raise CorrectionError(invalid.format(line_no=self.line.line_no, text=typed))
        if not in_range(value):
            raise CorrectionError(out_of_range.format(line_no=self.line.line_no, text=typed))
        return value

    def is_changed(self) -> bool:
        """Return whether the typed values differ from the line's; raises CorrectionError on invalid text."""
        return self.quantity() != self.line.quantity or self.unit_price() != self.line.unit_price

    def amount(self) -> Decimal:
        """Return the corrected line amount (after the scaled discount); raises CorrectionError on invalid text."""
        if not self.is_changed():
            return self.line.amount
        _discount, amount = corrected_amount(self.line.quantity, self.line.discount_amount,
                                             self.quantity(), self.unit_price())
        return amount

    def check_amount(self) -> None:
        """Raise CorrectionError when the line discount would exceed the corrected amount."""
        if not self.is_changed():
            return
        discount, amount = corrected_amount(self.line.quantity, self.line.discount_amount,
                                            self.quantity(), self.unit_price())
        if amount < ZERO:
            raise CorrectionError(translate(
                "OrderVerification",
                "Line {line_no}: the line discount {discount} is larger than the corrected amount; "
                "raise the quantity or the price."
            ).format(line_no=self.line.line_no, discount=format_money(discount)))

    def payload_line(self) -> dict[str, Any]:
        """Return the order.verify line of a changed line, with only the values that change."""
        line: dict[str, Any] = {"order_line_id": self.line.order_line_id}
        if self.quantity() != self.line.quantity:
            line["quantity"] = str(self.quantity())
        if self.unit_price() != self.line.unit_price:
            line["unit_price"] = str(self.unit_price())
        return line


def amount_change(order: VerifyOrder, corrections: list[Correction]) -> Decimal:
    """Return how much more the customer will owe, as order.verify posts it; raises CorrectionError on invalid text."""
    lines_change = tax_change = ZERO
    for correction in corrections:
        if not correction.is_changed():
            continue
        amount = correction.amount()
        lines_change += amount - correction.line.amount
        tax_change += line_tax(amount, correction.line.tax_rate, order.prices_include_tax) - correction.line.tax_amount
    return receivable_change(lines_change, tax_change, order.prices_include_tax)


def validation_error(corrections: list[Correction], reason: str) -> tuple[str, str] | None:
    """Return ("lines" or "reason", the translated message) when the verification cannot be sent as typed, else None."""
    try:
        for correction in corrections:
            correction.check_amount()
        if not any(correction.is_changed() for correction in corrections):
            return "lines", translate("OrderVerification", "Nothing is corrected: change the quantity or the price of at least one line.")
    except CorrectionError as error:
        return "lines", str(error)
    if not reason.strip():
        return "reason", translate("OrderVerification", "Enter the reason for the verification, for example what the customer confirmed.")
    return None


def verify_payload(order: VerifyOrder, corrections: list[Correction], reason: str, verification_id: str,
                   number: str, document_date: dt.date) -> dict[str, Any]:
    """Build the order.verify payload of the changed lines; call validation_error first."""
    return {
        "id": order.id,
        "verification_id": verification_id,
        "number": number,
        "document_date": document_date.isoformat(),
        "reason": reason.strip(),
        "lines": [correction.payload_line() for correction in corrections if correction.is_changed()],
    }
