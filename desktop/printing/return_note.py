"""The printed sales return note (退货单): content read from the replica, its layout, PDF and preview.

The layout is the delivery note's (desktop.printing.layout), on the same
paper: the 241 mm continuous form by default, or A4. Its header also names
the delivery note the goods came back from, the warehouse that took them in
and the reason, and its signature lines are the customer's and the
warehouse keeper's.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import pathlib
from decimal import Decimal

from PySide6.QtCore import QCoreApplication, QSizeF, Qt
from PySide6.QtPrintSupport import QPrintPreviewDialog
from PySide6.QtWidgets import QWidget
from sqlalchemy.orm import Session

from desktop.printing.delivery_note import PrintLine, company_name, load_print_lines
from desktop.printing.layout import (
    DELIVERY_NOTE_PAGE_MM,
    Geometry,
    _Canvas,
    paint_footer,
    paint_lines_table,
    paint_pages,
    paint_title,
    paint_total,
    rows_per_page,
)
from desktop.printing.output import open_document_preview, write_document_pdf
from domain.models import Customer, DeliveryNote, SalesReturn, SalesReturnLine, Warehouse

# One header row more than the delivery note's, for the warehouse and the reason.
RETURN_NOTE_GEOMETRY = Geometry(header_height=18.0)


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
        reason=document.reason or "",
        lines=lines,
        total=document.total_amount,
    )


def paint_return_note(device, dpi: float, page_mm: QSizeF, note: ReturnNoteData,
                      geometry: Geometry = RETURN_NOTE_GEOMETRY) -> int:
    """Paint every page of `note` on `device` (a QPrinter or QPdfWriter) and return the page count."""
    def paint_page(canvas: _Canvas, lines: tuple[PrintLine, ...], page_index: int, pages: int, first_line_no: int) -> None:
        translate = QCoreApplication.translate
        y = paint_title(canvas, page_mm, geometry, note.company, translate("ReturnNoteLayout", "Sales return note"))
        _paint_header(canvas, page_mm, geometry, note, y)
        y = paint_lines_table(canvas, page_mm, geometry, note, lines, y + geometry.header_height, first_line_no)
        if page_index == pages - 1:
            paint_total(canvas, page_mm, geometry, y, note.total)
        paint_footer(canvas, page_mm, geometry, page_index, pages, (
            translate("ReturnNoteLayout", "Returned by (customer):"),
            translate("ReturnNoteLayout", "Received into stock by:"),
            translate("ReturnNoteLayout", "Prepared by:"),
        ))

    return paint_pages(device, dpi, note.lines, rows_per_page(page_mm, geometry), paint_page)


def _paint_header(canvas: _Canvas, page_mm: QSizeF, g: Geometry, note: ReturnNoteData, y: float) -> None:
    translate = QCoreApplication.translate
    left = g.margin_left
    width = page_mm.width() - g.margin_left - g.margin_right
    half = width / 2
    right = Qt.AlignmentFlag.AlignRight
    canvas.font(9)
    canvas.text(left, y, half, 5, translate("ReturnNoteLayout", "Customer: {name}").format(name=note.customer_name))
    canvas.text(left + half, y, half, 5, translate("ReturnNoteLayout", "No.: {number}").format(number=note.number), right)
    canvas.text(left, y + 5, half, 5,
                translate("ReturnNoteLayout", "Returned from delivery note: {number}").format(number=note.delivery_number))
    canvas.text(left + half, y + 5, half, 5,
                translate("ReturnNoteLayout", "Date: {date}").format(date=note.document_date.isoformat()), right)
    canvas.text(left, y + 10, half, 5,
                translate("ReturnNoteLayout", "Into warehouse: {name}").format(name=note.warehouse_name))
    canvas.text(left + half, y + 10, half, 5, translate("ReturnNoteLayout", "Reason: {reason}").format(reason=note.reason),
                right)


def write_return_pdf(note: ReturnNoteData, path: str | pathlib.Path, page_mm: QSizeF = DELIVERY_NOTE_PAGE_MM) -> int:
    """Write `note` to the PDF file `path`; return the page count."""
    title = QCoreApplication.translate("ReturnNoteLayout", "Sales return note {number}").format(number=note.number)
    return write_document_pdf(lambda device, dpi: paint_return_note(device, dpi, page_mm, note), title, path, page_mm)


def open_return_preview(parent: QWidget | None, note: ReturnNoteData,
                        page_mm: QSizeF = DELIVERY_NOTE_PAGE_MM) -> QPrintPreviewDialog:
    """Open the print preview of `note` without blocking; its Print button prints or saves a PDF."""
    title = QCoreApplication.translate("ReturnNoteLayout", "Print preview: sales return note {number}").format(
        number=note.number)
    return open_document_preview(parent, lambda device, dpi: paint_return_note(device, dpi, page_mm, note),
                                 title, note.number, page_mm)
