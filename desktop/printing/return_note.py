"""The printed sales return note (退货单): content read from the replica, PDF and preview through its template.

It prints on the delivery note's paper, the 241 mm continuous form by
default, or A4. Its header also names the delivery note the goods came back
from, the warehouse that took them in and the reason, and its signature
lines are the customer's and the warehouse keeper's.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import pathlib
from decimal import Decimal

from PySide6.QtCore import QCoreApplication, QSizeF
from PySide6.QtPrintSupport import QPrintPreviewDialog
from PySide6.QtWidgets import QWidget
from sqlalchemy.orm import Session

from desktop.models.return_reason import confirmation_numbers, reason_label
from desktop.printing.delivery_note import PrintLine, company_name, load_print_lines
from desktop.printing.documents import return_document
from desktop.printing.layout import DELIVERY_NOTE_PAGE_MM
from desktop.printing.render import choose_template, open_template_preview, paint_on_device, write_template_pdf
from desktop.printing.template_model import TemplateSpec, load_preferred_template
from domain.models import Customer, DeliveryNote, SalesReturn, SalesReturnLine, Warehouse


@dataclasses.dataclass(frozen=True)
class ReturnNoteData:
    company: str
    number: str
    document_date: dt.date
    customer_name: str
    delivery_number: str
    warehouse_name: str
    reason: str
    lines: tuple[PrintLine, ...]
    total: Decimal
    # "补打 第N次" on a reprint, printed at the top right of each page; empty on the first print.
    reprint_mark: str = ""
    # The replica's print template for return notes (None: the built-in default for the paper).
    template: TemplateSpec | None = None


def load_return_note(session: Session, return_id: str) -> ReturnNoteData:
    """Read sales return `return_id` and its lines; raises LookupError when it is not in the replica."""
    document = session.get(SalesReturn, return_id)
    if document is None:
        raise LookupError(f"sales return {return_id} not found in the replica")
    customer = session.get(Customer, document.customer_id)
    delivery = session.get(DeliveryNote, document.delivery_id) if document.delivery_id else None
    warehouse = session.get(Warehouse, document.warehouse_id)
    lines = load_print_lines(session, SalesReturnLine, SalesReturnLine.return_id, return_id)
    return ReturnNoteData(
        company=company_name(session, document.department_id),
        number=document.number,
        document_date=document.document_date,
        customer_name=customer.name if customer else "",
        delivery_number=delivery.number if delivery else "",
        warehouse_name=warehouse.name if warehouse else "",
        reason=reason_label(document.reason, confirmation_numbers(session, [return_id]).get(return_id)),
        lines=lines,
        total=document.total_amount,
        template=load_preferred_template(session, "sales_return"),
    )


def return_template(note: ReturnNoteData, page_mm: QSizeF | None = None) -> TemplateSpec:
    return choose_template("sales_return", note.template, page_mm, DELIVERY_NOTE_PAGE_MM)


def paint_return_note(device, dpi: float, page_mm: QSizeF | None, note: ReturnNoteData) -> int:
    """Paint every page of `note` on `device` (a QPrinter or QPdfWriter) and return the page count."""
    return paint_on_device(device, dpi, return_template(note, page_mm), return_document(note))


def write_return_pdf(note: ReturnNoteData, path: str | pathlib.Path, page_mm: QSizeF | None = None) -> int:
    """Write `note` to the PDF file `path`; return the page count."""
    title = QCoreApplication.translate("ReturnNoteLayout", "Sales return note {number}").format(number=note.number)
    return write_template_pdf(return_template(note, page_mm), return_document(note), title, path)


def open_return_preview(parent: QWidget | None, note: ReturnNoteData,
                        page_mm: QSizeF | None = None) -> QPrintPreviewDialog:
    """Open the print preview of `note` without blocking; its Print button prints or saves a PDF."""
    title = QCoreApplication.translate("ReturnNoteLayout", "Print preview: sales return note {number}").format(
        number=note.number)
    return open_template_preview(parent, return_template(note, page_mm), return_document(note), title)
