"""The content of a printed delivery note (送货单), read from the replica."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from domain.models import Customer, DeliveryLine, DeliveryNote, Department
from domain.models.admin import CompanySetting
from desktop.printing.template_model import TemplateSpec, load_preferred_template
from desktop.models.document_lines import lines_with_products
from domain.money import ZERO, line_amount

# The company setting whose value is printed as the company name; without
# it the delivery's department name is printed.
COMPANY_NAME_SETTING = "company_name"


@dataclasses.dataclass(frozen=True)
class PrintLine:
    product: str
    unit: str
    quantity: Decimal
    unit_price: Decimal
    amount: Decimal
    # The line discount in yuan, so quantity × price − discount = amount on paper.
    discount: Decimal = ZERO


@dataclasses.dataclass(frozen=True)
class DeliveryNoteData:
    company: str
    number: str
    document_date: dt.date
    customer_name: str
    address: str
    phone: str
    lines: tuple[PrintLine, ...]
    total: Decimal
    # The order freight and document discount this delivery bills. The total is the
    # line amounts plus freight minus discount, plus the tax when prices exclude it.
    freight: Decimal = ZERO
    document_discount: Decimal = ZERO
    # "补打 第N次" on a reprint, printed at the top right of each page; empty on the first print.
    reprint_mark: str = ""
    # The replica's print template for delivery notes (None: the built-in default for the paper).
    template: TemplateSpec | None = None


def load_delivery_note(session: Session, delivery_id: str) -> DeliveryNoteData:
    """Read delivery note `delivery_id` and its lines; raises LookupError when it is not in the replica."""
    note = session.get(DeliveryNote, delivery_id)
    if note is None:
        raise LookupError(f"delivery note {delivery_id} not found in the replica")
    customer = session.get(Customer, note.customer_id)
    lines = load_print_lines(session, DeliveryLine, DeliveryLine.delivery_id, delivery_id)
    return DeliveryNoteData(
        company=company_name(session, note.department_id),
        number=note.number,
        document_date=note.document_date,
        customer_name=customer.name if customer else "",
        address=note.shipping_address or (customer.address if customer else "") or "",
        phone=(customer.phone if customer else "") or "",
        lines=lines,
        total=note.total_amount if note.total_amount is not None else sum((l.amount for l in lines), ZERO),
        freight=note.freight_amount or ZERO,
        document_discount=note.discount_amount or ZERO,
        template=load_preferred_template(session, "delivery_note"),
    )


def load_print_lines(session: Session, line_model: type, parent_column, parent_id: str) -> tuple[PrintLine, ...]:
    """Read the goods lines of one document (those whose `parent_column` is `parent_id`) as they print, in line order."""
    return tuple(print_line(*row) for row in lines_with_products(session, line_model, parent_column, parent_id))


def print_line(line, code: str, name: str) -> PrintLine:
    """Return a goods line (of an order, quotation or delivery) with its product's code and name as it prints."""
    return PrintLine(
        product=f"{code} {name}",
        unit=line.unit_name,
        quantity=line.quantity,
        unit_price=line.unit_price,
        amount=line.amount,
        discount=line_discount(line.quantity, line.unit_price, line.amount),
    )


def line_discount(quantity: Decimal, unit_price: Decimal, amount: Decimal) -> Decimal:
    """Return the discount a delivery line's amount already contains: quantity × price − amount.

    A delivery line stores only its net amount. Deriving the discount from the
    printed figures, rather than from the order line, keeps every printed row
    reconciled also on a partial delivery of a discounted order line.
    """
    return line_amount(quantity, unit_price) - amount


def company_name(session: Session, department_id: str | None) -> str:
    value = session.scalar(select(CompanySetting.value).where(CompanySetting.key == COMPANY_NAME_SETTING))
    if isinstance(value, str) and value.strip():
        return value.strip()
    if department_id is not None:
        department = session.get(Department, department_id)
        if department is not None:
            return department.name
    return ""
