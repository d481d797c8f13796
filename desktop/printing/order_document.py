"""The printed sales order (销售订单), A4 portrait by default: content read from the replica, PDF and preview.

It prints through its print template, with the freight and document discount
in the charges row and the total in Chinese capitals. Gift lines print with
the word for gift after the product, as on the quotation.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import pathlib
from decimal import Decimal

from PySide6.QtCore import QCoreApplication, QSizeF
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QWidget
from sqlalchemy.orm import Session

from desktop.models.document_lines import lines_with_products
from desktop.printing.delivery_note import PrintLine, company_name, print_line
from desktop.printing.documents import sales_order_document
from desktop.printing.output import ensure_paper
from desktop.printing.render import (
    choose_template,
    open_template_preview,
    print_template,
    write_template_pdf,
)
from desktop.printing.template_model import TemplateSpec, load_preferred_template
from domain.models import Customer, CustomerContact, SalesOrder, SalesOrderLine, User
from domain.money import ZERO

A4_PORTRAIT_MM = QSizeF(210.0, 297.0)


@dataclasses.dataclass(frozen=True)
class SalesOrderPrint:
    company: str
    number: str
    document_date: dt.date
    delivery_date_wanted: dt.date | None
    customer_name: str
    address: str
    phone: str
    salesperson: str
    note: str
    lines: tuple[PrintLine, ...]
    total: Decimal
    freight: Decimal = ZERO
    document_discount: Decimal = ZERO
    gift_rows: frozenset[int] = frozenset()  # indexes into `lines` of gift lines
    # "补打 第N次" on a reprint, printed at the top right of each page; empty on the first print.
    reprint_mark: str = ""
    # The replica's print template for sales orders (None: the built-in A4 default).
    template: TemplateSpec | None = None


def _phone(session: Session, order: SalesOrder, customer: Customer | None) -> str:
    """Return the order contact's phone or mobile, else the customer's phone."""
    contact = session.get(CustomerContact, order.contact_id) if order.contact_id else None
    if contact is not None and (contact.phone or contact.mobile):
        return contact.phone or contact.mobile or ""
    return (customer.phone if customer else "") or ""


def load_sales_order_print(session: Session, order_id: str) -> SalesOrderPrint:
    """Read sales order `order_id` and its lines; raises LookupError when it is not in the replica."""
    order = session.get(SalesOrder, order_id)
    if order is None:
        raise LookupError(f"sales order {order_id} not found in the replica")
    customer = session.get(Customer, order.customer_id)
    salesperson = session.get(User, order.salesperson_id) if order.salesperson_id else None
    rows = lines_with_products(session, SalesOrderLine, SalesOrderLine.order_id, order_id)
    lines = tuple(print_line(*row) for row in rows)
    return SalesOrderPrint(
        company=company_name(session, order.department_id),
        number=order.number,
        document_date=order.document_date,
        delivery_date_wanted=order.delivery_date_wanted,
        customer_name=customer.name if customer else "",
        address=order.shipping_address or (customer.address if customer else "") or "",
        phone=_phone(session, order, customer),
        salesperson=(salesperson.display_name or salesperson.username) if salesperson else "",
        note=order.note or "",
        lines=lines,
        total=order.total_amount,
        freight=order.freight_amount or ZERO,
        document_discount=order.discount_amount or ZERO,
        gift_rows=frozenset(index for index, (line, _code, _name) in enumerate(rows) if line.is_gift),
        template=load_preferred_template(session, "sales_order"),
    )


def sales_order_template(order: SalesOrderPrint, page_mm: QSizeF | None = None) -> TemplateSpec:
    return choose_template("sales_order", order.template, page_mm, A4_PORTRAIT_MM)


def print_sales_order(printer: QPrinter, order: SalesOrderPrint) -> int:
    """Paint the order on a printer through its template, giving the printer the template's paper first."""
    template = sales_order_template(order)
    ensure_paper(printer, template)
    return print_template(printer, template, sales_order_document(order))


def write_sales_order_pdf(order: SalesOrderPrint, path: str | pathlib.Path, page_mm: QSizeF | None = None) -> int:
    """Write the order to the PDF file `path`; returns the page count."""
    title = QCoreApplication.translate("SalesOrderLayout", "Sales order {number}").format(number=order.number)
    return write_template_pdf(sales_order_template(order, page_mm), sales_order_document(order), title, path)


def open_sales_order_preview(parent: QWidget | None, order: SalesOrderPrint) -> QPrintPreviewDialog:
    """Open the print preview of the order without blocking; its Print button prints or saves a PDF."""
    title = QCoreApplication.translate("SalesOrderLayout", "Print preview: sales order {number}").format(
        number=order.number)
    return open_template_preview(parent, sales_order_template(order), sales_order_document(order), title)
