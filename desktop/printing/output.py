"""Delivery notes to paper and PDF through their print template, and reading written PDFs back.

The return note and quotation modules follow the same pattern on the shared
helpers in desktop.printing.render. A `page_mm` given to these functions
picks the paper and that paper's template. Without it, the template the note
was loaded with decides, else the 二等分 continuous form.
"""

from __future__ import annotations

import logging
import pathlib

from PySide6.QtCore import QCoreApplication, QSizeF
from PySide6.QtGui import QPagedPaintDevice
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QWidget

from desktop.printing.delivery_note import DeliveryNoteData
from desktop.printing.documents import delivery_document
from desktop.printing.layout import DELIVERY_NOTE_PAGE_MM
from desktop.printing.render import (
    TemplateSpec,
    choose_template,
    configure_for_template,
    open_template_preview,
    paint_on_device,
    print_template,
    write_template_pdf,
)
from domain.print_templates import paper_size_of

log = logging.getLogger(__name__)


def delivery_template(note: DeliveryNoteData, page_mm: QSizeF | None = None) -> TemplateSpec:
    return choose_template("delivery_note", note.template, page_mm, DELIVERY_NOTE_PAGE_MM)


def paint_delivery_note(device: QPagedPaintDevice, dpi: float, page_mm: QSizeF | None, note: DeliveryNoteData) -> int:
    """Paint every page of `note` on `device` (a QPrinter or QPdfWriter) and return the page count."""
    return paint_on_device(device, dpi, delivery_template(note, page_mm), delivery_document(note))


def write_pdf(note: DeliveryNoteData, path: str | pathlib.Path, page_mm: QSizeF | None = None) -> int:
    """Write `note` to the PDF file `path`; return the page count."""
    title = QCoreApplication.translate("DeliveryNoteOutput", "Delivery note {number}").format(number=note.number)
    return write_template_pdf(delivery_template(note, page_mm), delivery_document(note), title, path)


def configure_printer(printer: QPrinter, page_mm: QSizeF = DELIVERY_NOTE_PAGE_MM) -> None:
    """Give `printer` the paper of `page_mm`, exact in millimetres, and let the template own the whole page."""
    configure_for_template(printer, choose_template("delivery_note", None, page_mm, DELIVERY_NOTE_PAGE_MM))


def ensure_paper(printer: QPrinter, template: TemplateSpec) -> None:
    """Give `printer` the template's paper when it has another, so the layout never lands on the wrong page size."""
    size = printer.pageLayout().fullRect().size()  # in the layout's unit, millimetres here
    if paper_size_of(size.width(), size.height()) != paper_size_of(template.paper_width_mm, template.paper_height_mm):
        configure_for_template(printer, template)


def print_note(printer: QPrinter, note: DeliveryNoteData, page_mm: QSizeF | None = None) -> int:
    """Paint `note` on a printer (the preview's or a real one), with the printer's stored offset."""
    template = delivery_template(note, page_mm)
    ensure_paper(printer, template)
    return print_template(printer, template, delivery_document(note))


def open_print_preview(parent: QWidget | None, note: DeliveryNoteData,
                       page_mm: QSizeF | None = None) -> QPrintPreviewDialog:
    """Open the print preview of `note` without blocking; its Print button prints or saves a PDF.

    The dialog and its printer are returned so the caller (or a test) can close it.
    """
    title = QCoreApplication.translate("DeliveryNoteOutput", "Print preview: delivery note {number}").format(number=note.number)
    return open_template_preview(parent, delivery_template(note, page_mm), delivery_document(note), title)


def pdf_text(path: str | pathlib.Path) -> str:
    """Return the text of every page of the PDF file `path`, read back with QtPdf."""
    return "\n".join(pdf_page_texts(path))


def pdf_page_texts(path: str | pathlib.Path) -> list[str]:
    """Return the text of each page of the PDF file `path`, read back with QtPdf."""
    document = QPdfDocument()
    error = document.load(str(path))
    if error != QPdfDocument.Error.None_:
        raise OSError(f"could not read the PDF {path}: {error}")
    try:
        return [document.getAllText(page).text() for page in range(document.pageCount())]
    finally:
        document.close()


def pdf_page_sizes(path: str | pathlib.Path) -> list[tuple[float, float]]:
    """Return each page's size in points (width, height) as stored in the PDF file."""
    document = QPdfDocument()
    error = document.load(str(path))
    if error != QPdfDocument.Error.None_:
        raise OSError(f"could not read the PDF {path}: {error}")
    try:
        sizes = []
        for page in range(document.pageCount()):
            size = document.pagePointSize(page)
            sizes.append((size.width(), size.height()))
        return sizes
    finally:
        document.close()


def save_pdf_start_path(documents_dir: str, number: str) -> str:
    """Return where the Save as PDF dialog starts: `number`.pdf in the user's Documents folder.

    Without a Documents folder (an empty `documents_dir`) the home folder is used,
    never the working directory, which is the program's folder.
    """
    folder = pathlib.Path(documents_dir) if documents_dir else pathlib.Path.home()
    return str(folder / f"{number}.pdf")
