"""Replica reads behind sales returns (退货): what a delivery has left to return, and the posted returns."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from desktop.models.order_queries import _like
from desktop.models.return_reason import confirmation_numbers, reason_label
from desktop.models.document_lines import lines_with_products
from domain.commands.handlers.facts import FACT_DOCUMENT_STATUS
from domain.commands.handlers.return_credit import CreditBasis, credit_basis, credited_shortfall
from domain.commands.handlers.sales_returns import delivery_includes_tax
from domain.models import Customer, DeliveryLine, DeliveryNote, SalesReturn, SalesReturnLine, Warehouse
from domain.money import ZERO

PAGE_SIZE = 200


@dataclasses.dataclass(frozen=True)
class ReturnableLine:
    """One line of a delivery note with what posted returns already took back, in the line's unit."""

    delivery_line_id: str
    line_no: int
    product_code: str
    product_name: str
    unit_name: str
    delivered: Decimal
    returned: Decimal
    unit_price: Decimal
    amount: Decimal
    tax_amount: Decimal
    # The billed amount and quantity of the line, verifications included, which set the limit and the credit.
    basis: CreditBasis

    @property
    def returnable(self) -> Decimal:
        """Return the maximum quantity to return: what is left delivered or, after a verification, billed."""
        return self.basis.returnable

    @property
    def verified(self) -> bool:
        return self.basis.verified


@dataclasses.dataclass(frozen=True)
class WarehouseOption:
    id: str
    code: str
    name: str


@dataclasses.dataclass(frozen=True)
class DeliveryForReturn:
    """A delivery note as the return form needs it: header, lines and the warehouses goods may come back to."""

    id: str
    number: str
    customer_id: str
    customer_name: str
    warehouse_id: str
    prices_include_tax: bool
    lines: tuple[ReturnableLine, ...]
    warehouses: tuple[WarehouseOption, ...]


@dataclasses.dataclass(frozen=True)
class ReturnRow:
    id: str
    number: str
    document_date: dt.date
    customer_name: str
    delivery_number: str
    warehouse_name: str
    total_amount: Decimal
    reason: str


@dataclasses.dataclass(frozen=True)
class ReturnedLine:
    """One line of a posted return, for its detail view."""

    line_no: int
    product_code: str
    product_name: str
    unit_name: str
    quantity: Decimal
    unit_price: Decimal
    amount: Decimal


def load_delivery_for_return(session: Session, delivery_id: str) -> DeliveryForReturn:
    """Read delivery `delivery_id` for a return; raises LookupError when it is not in the replica."""
    note = session.get(DeliveryNote, delivery_id)
    if note is None:
        raise LookupError(f"delivery note {delivery_id} not found in the replica")
    customer = session.get(Customer, note.customer_id)
    returned = _returned_by_line(session, delivery_id)
    rows = lines_with_products(session, DeliveryLine, DeliveryLine.delivery_id, delivery_id)
    lines = tuple(
        ReturnableLine(
            delivery_line_id=line.id, line_no=line.line_no, product_code=code, product_name=name,
            unit_name=line.unit_name, delivered=line.quantity, returned=returned.get(line.id, ZERO),
            unit_price=line.unit_price, amount=line.amount, tax_amount=line.tax_amount,
            basis=credit_basis(session, line, returned.get(line.id, ZERO)),
        )
        for line, code, name in rows
    )
    warehouses = tuple(
        WarehouseOption(row.id, row.code, row.name)
        for row in session.execute(
            select(Warehouse.id, Warehouse.code, Warehouse.name)
            .where(Warehouse.active.is_(True), Warehouse.deleted_at.is_(None))
            .order_by(Warehouse.code)
        )
    )
    return DeliveryForReturn(
        id=note.id,
        number=note.number,
        customer_id=note.customer_id,
        customer_name=customer.name if customer else "",
        warehouse_id=note.warehouse_id,
        prices_include_tax=delivery_includes_tax(note.total_amount, note.freight_amount - note.discount_amount,
                                                 (l.amount for l in lines)),
        lines=lines,
        warehouses=warehouses,
    )


def _returned_by_line(session: Session, delivery_id: str) -> dict[str, Decimal]:
    """Return what posted returns took back per line of delivery `delivery_id`, returns waiting for sync included.

    Summed in Python, because the Quantity column stores scaled integers that an SQL SUM would not convert back.
    """
    quantities: dict[str, Decimal] = {}
    for line_id, quantity in session.execute(
        select(SalesReturnLine.delivery_line_id, SalesReturnLine.quantity)
        .join(SalesReturn, SalesReturn.id == SalesReturnLine.return_id)
        .join(DeliveryLine, DeliveryLine.id == SalesReturnLine.delivery_line_id)
        .where(DeliveryLine.delivery_id == delivery_id, SalesReturn.status == FACT_DOCUMENT_STATUS)
    ):
        quantities[line_id] = quantities.get(line_id, ZERO) + quantity
    # Goods a receipt confirmation credited as missing cannot be returned again.
    line_ids = session.execute(select(DeliveryLine.id).where(DeliveryLine.delivery_id == delivery_id)).scalars()
    for line_id, quantity in credited_shortfall(session, line_ids).items():
        quantities[line_id] = quantities.get(line_id, ZERO) + quantity
    return quantities


def search_returns(session: Session, text: str = "", offset: int = 0, limit: int = PAGE_SIZE) -> list[ReturnRow]:
    """Return one page of posted returns, newest first, whose number, customer or delivery note matches `text`."""
    query = (
        select(SalesReturn.id, SalesReturn.number, SalesReturn.document_date, Customer.name, DeliveryNote.number,
               Warehouse.name, SalesReturn.total_amount, SalesReturn.reason)
        .join(Customer, Customer.id == SalesReturn.customer_id, isouter=True)
        .join(DeliveryNote, DeliveryNote.id == SalesReturn.delivery_id, isouter=True)
        .join(Warehouse, Warehouse.id == SalesReturn.warehouse_id, isouter=True)
        .where(SalesReturn.status == FACT_DOCUMENT_STATUS)
    )
    if text.strip():
        pattern = _like(text.strip())
        query = query.where(or_(SalesReturn.number.ilike(pattern, escape="\\"), Customer.name.ilike(pattern, escape="\\"),
                                Customer.code.ilike(pattern, escape="\\"), DeliveryNote.number.ilike(pattern, escape="\\")))
    query = query.order_by(SalesReturn.document_date.desc(), SalesReturn.number.desc()).offset(offset).limit(limit)
    rows = session.execute(query).all()
    posted_by_confirmation = confirmation_numbers(session, (r[0] for r in rows))
    return [
        ReturnRow(r[0], r[1], r[2], r[3] or "", r[4] or "", r[5] or "", r[6],
                  reason_label(r[7], posted_by_confirmation.get(r[0])))
        for r in rows
    ]


def load_returned_lines(session: Session, return_id: str) -> list[ReturnedLine]:
    rows = lines_with_products(session, SalesReturnLine, SalesReturnLine.return_id, return_id)
    return [
        ReturnedLine(line.line_no, code, name, line.unit_name, line.quantity, line.unit_price, line.amount)
        for line, code, name in rows
    ]
