"""The printed quotation (报价单), A4 portrait by default: content read from the replica, PDF and preview.

It prints through its print template (desktop.printing.template_engine).
Gift lines print with amount zero and the word for gift after the product.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import pathlib
from decimal import Decimal

from PySide6.QtCore import QCoreApplication, QSizeF
from PySide6.QtGui import QPagedPaintDevice
from PySide6.QtPrintSupport import QPrintPreviewDialog
from PySide6.QtWidgets import QWidget
from sqlalchemy.orm import Session

from desktop.models.document_lines import lines_with_products
from desktop.printing.delivery_note import PrintLine, company_name, print_line
from desktop.printing.documents import quotation_document
from desktop.printing.render import choose_template, open_template_preview, paint_on_device, write_template_pdf
from desktop.printing.template_model import TemplateSpec, load_preferred_template
from domain.models import Customer, Quotation, QuotationLine

log = logging.getLogger(__name__)

A4_PORTRAIT_MM = QSizeF(210.0, 297.0)


@dataclasses.dataclass(frozen=True)
class QuotationPrint:
    company: str
    number: str
    document_date: dt.date
    valid_until: dt.date | None
    customer_name: str
    address: str
    phone: str
    lines: tuple[PrintLine, ...]
    prices_include_tax: bool
    tax_amount: Decimal
    total: Decimal
    gift_rows: frozenset[int] = frozenset()  # indexes into `lines` of gift lines
    # "补打 第N次" on a reprint, printed at the top right of each page; empty on the first print.
    reprint_mark: str = ""
    # The replica's print template for quotations (None: the built-in A4 default).
    template: TemplateSpec | None = None


def load_quotation_print(session: Session, quotation_id: str) -> QuotationPrint:
    """Read quotation `quotation_id` and its lines; raises LookupError when it is not in the replica."""
    quotation = session.get(Quotation, quotation_id)
    if quotation is None:
        raise LookupError(f"quotation {quotation_id} not found in the replica")
    customer = session.get(Customer, quotation.customer_id)
    rows = lines_with_products(session, QuotationLine, QuotationLine.quotation_id, quotation_id)
    lines = tuple(print_line(*row) for row in rows)
    return QuotationPrint(
        company=company_name(session, quotation.department_id),
        number=quotation.number,
        document_date=quotation.document_date,
        valid_until=quotation.valid_until,
        customer_name=customer.name if customer else "",
        address=(customer.address if customer else "") or "",
        phone=(customer.phone if customer else "") or "",
        lines=lines,
        prices_include_tax=quotation.prices_include_tax,
        tax_amount=quotation.tax_amount,
        total=quotation.total_amount,
        gift_rows=frozenset(index for index, (line, _code, _name) in enumerate(rows) if line.is_gift),
        template=load_preferred_template(session, "quotation"),
    )


def quotation_template(quotation: QuotationPrint, page_mm: QSizeF | None = None) -> TemplateSpec:
    return choose_template("quotation", quotation.template, page_mm, A4_PORTRAIT_MM)


def paint_quotation(device: QPagedPaintDevice, dpi: float, quotation: QuotationPrint) -> int:
    """Paint every page of the quotation on a QPrinter or QPdfWriter; returns the page count."""
    return paint_on_device(device, dpi, quotation_template(quotation), quotation_document(quotation))


def write_quotation_pdf(quotation: QuotationPrint, path: str | pathlib.Path, page_mm: QSizeF | None = None) -> int:
    """Write the quotation to the PDF file `path`; returns the page count."""
    title = QCoreApplication.translate("QuotationLayout", "Quotation {number}").format(number=quotation.number)
    return write_template_pdf(quotation_template(quotation, page_mm), quotation_document(quotation), title, path)


def open_quotation_preview(parent: QWidget | None, quotation: QuotationPrint) -> QPrintPreviewDialog:
    """Open the print preview of the quotation without blocking; its Print button prints or saves a PDF."""
    title = QCoreApplication.translate("QuotationLayout", "Print preview: quotation {number}").format(
        number=quotation.number)
    return open_template_preview(parent, quotation_template(quotation), quotation_document(quotation), title)
