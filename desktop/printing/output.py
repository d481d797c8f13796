"""Delivery notes and other printed documents to paper and PDF: the print preview, the printer and the PDF file."""

from __future__ import annotations

import logging
import pathlib
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QSizeF
from PySide6.QtGui import QPagedPaintDevice, QPdfWriter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QWidget

from desktop.printing.delivery_note import DeliveryNoteData
from desktop.printing.layout import DELIVERY_NOTE_PAGE_MM, page_layout, paint_delivery_note

log = logging.getLogger(__name__)

# Paints a whole document on a printer or PDF writer at the given dots per inch; returns the page count.
PaintDocument = Callable[[QPagedPaintDevice, float], int]

# Resolution of written PDFs: fine enough that rounding to device units moves
# nothing by more than 0.03 mm.
PDF_DPI = 1200


def write_pdf(note: DeliveryNoteData, path: str | pathlib.Path, page_mm: QSizeF = DELIVERY_NOTE_PAGE_MM) -> int:
    """Write `note` to the PDF file `path`; return the page count."""
    title = QCoreApplication.translate("DeliveryNoteOutput", "Delivery note {number}").format(number=note.number)
    return write_document_pdf(lambda device, dpi: paint_delivery_note(device, dpi, page_mm, note), title, path, page_mm)


def write_document_pdf(paint: PaintDocument, title: str, path: str | pathlib.Path, page_mm: QSizeF) -> int:
    """Write the pages `paint(device, dpi)` paints to the PDF file `path` with the document title `title`; return the page count."""
    writer = QPdfWriter(str(path))
    writer.setResolution(PDF_DPI)
    writer.setPageLayout(page_layout(page_mm))
    writer.setTitle(title)
    writer.setCreator("Kaidan")
    pages = paint(writer, writer.resolution())
    del writer  # the file is complete only once the writer is destroyed
    log.info("wrote %r to %s (%d pages)", title, path, pages)
    return pages


def configure_printer(printer: QPrinter, page_mm: QSizeF = DELIVERY_NOTE_PAGE_MM) -> None:
    """Give `printer` the delivery note's paper and let the layout own the whole page."""
    printer.setFullPage(True)
    if not printer.setPageLayout(page_layout(page_mm)):
        log.warning("the printer %r did not accept the %s × %s mm page", printer.printerName(), page_mm.width(), page_mm.height())


def print_note(printer: QPrinter, note: DeliveryNoteData, page_mm: QSizeF = DELIVERY_NOTE_PAGE_MM) -> int:
    """Paint `note` on an already configured printer (the preview's or a real one)."""
    return paint_delivery_note(printer, printer.resolution(), page_mm, note)


def open_print_preview(parent: QWidget | None, note: DeliveryNoteData,
                       page_mm: QSizeF = DELIVERY_NOTE_PAGE_MM) -> QPrintPreviewDialog:
    """Open the print preview of `note` without blocking; its Print button prints or saves a PDF.

    The dialog and its printer are returned so the caller (or a test) can close it.
    """
    title = QCoreApplication.translate("DeliveryNoteOutput", "Print preview: delivery note {number}").format(number=note.number)
    return open_document_preview(parent, lambda device, dpi: paint_delivery_note(device, dpi, page_mm, note),
                                 title, note.number, page_mm)


def open_document_preview(parent: QWidget | None, paint: PaintDocument, title: str, number: str,
                          page_mm: QSizeF) -> QPrintPreviewDialog:
    """Open a print preview titled `title` of the pages `paint(device, dpi)` paints, without blocking."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    configure_printer(printer, page_mm)
    printer.setDocName(number)
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle(title)
    dialog.paintRequested.connect(lambda target: paint(target, target.resolution()))
    # The dialog does not own the printer: keep it alive as long as the dialog.
    dialog.kaidan_printer = printer
    dialog.open()
    return dialog


def pdf_text(path: str | pathlib.Path) -> str:
    """Return the text of every page of the PDF file `path`, read back with QtPdf."""
    document = QPdfDocument()
    error = document.load(str(path))
    if error != QPdfDocument.Error.None_:
        raise OSError(f"could not read the PDF {path}: {error}")
    try:
        return "\n".join(document.getAllText(page).text() for page in range(document.pageCount()))
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
