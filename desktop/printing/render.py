"""Print a PrintDocument through a template: to a PDF file, to a configured printer, or in a print preview.

The page size given to the printer or PDF writer is the template's paper in
millimetres, so the preview, the file and the paper agree.
"""

from __future__ import annotations

import logging
import pathlib

from PySide6.QtCore import QSizeF
from PySide6.QtGui import QPagedPaintDevice, QPdfWriter
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QWidget

from desktop.printing.layout import page_layout
from desktop.printing.pagination import PrintDocument
from desktop.printing.printer_offsets import offset_for
from desktop.printing.template_engine import paint_document
from desktop.printing.template_model import TemplateSpec, default_spec
from domain.print_templates import paper_size_of

log = logging.getLogger(__name__)

# Resolution of written PDFs: fine enough that rounding to device units moves
# nothing by more than 0.03 mm.
PDF_DPI = 1200


def template_page_mm(template: TemplateSpec) -> QSizeF:
    return QSizeF(template.paper_width_mm, template.paper_height_mm)


def choose_template(document_type: str, preferred: TemplateSpec | None, page_mm: QSizeF | None,
                    default_page_mm: QSizeF) -> TemplateSpec:
    """Return the template to print with: `preferred` when it fits the requested paper, else that paper's default.

    Without a requested paper (`page_mm` None) the preferred template decides
    the paper, and without one the document's usual paper `default_page_mm`.
    """
    if page_mm is None:
        if preferred is not None:
            return preferred
        page_mm = default_page_mm
    paper = paper_size_of(page_mm.width(), page_mm.height())
    if paper == "custom":
        # An unusual paper gets the default layout built for its size.
        return default_spec(document_type, paper, (page_mm.width(), page_mm.height()))
    if preferred is not None and paper_size_of(preferred.paper_width_mm, preferred.paper_height_mm) == paper:
        return preferred
    return default_spec(document_type, paper)


def configure_for_template(printer: QPrinter, template: TemplateSpec) -> None:
    """Give `printer` the template's paper, exact in millimetres, and let the template own the whole page."""
    printer.setFullPage(True)
    layout = page_layout(template_page_mm(template), template.orientation == "landscape")
    if not printer.setPageLayout(layout):
        log.warning("the printer %r did not accept the %s × %s mm page", printer.printerName(),
                    template.paper_width_mm, template.paper_height_mm)


def write_template_pdf(template: TemplateSpec, document: PrintDocument, title: str, path: str | pathlib.Path) -> int:
    """Write `document` through `template` to the PDF file `path` titled `title`; return the page count."""
    writer = QPdfWriter(str(path))
    writer.setResolution(PDF_DPI)
    writer.setPageLayout(page_layout(template_page_mm(template), template.orientation == "landscape"))
    writer.setTitle(title)
    writer.setCreator("Kaidan")
    pages = paint_document(writer, writer.resolution(), template, document)
    del writer  # the file is complete only once the writer is destroyed
    log.info("wrote %r to %s (%d pages, template %s revision %d)", title, path, pages, template.id, template.revision)
    return pages


def paint_on_device(device: QPagedPaintDevice, dpi: float, template: TemplateSpec, document: PrintDocument) -> int:
    """Paint `document` on `device`; on a real printer, shift it by that printer's calibrated offset.

    A PDF file (a QPdfWriter, or a QPrinter printing to a file) is never shifted.
    """
    offset = (0.0, 0.0)
    if isinstance(device, QPrinter) and device.outputFormat() == QPrinter.OutputFormat.NativeFormat:
        offset = offset_for(device)
    return paint_document(device, dpi, template, document, offset)


def print_template(printer: QPrinter, template: TemplateSpec, document: PrintDocument) -> int:
    """Paint `document` on a printer already given the template's paper, shifted by the printer's offset."""
    return paint_on_device(printer, printer.resolution(), template, document)


def open_template_preview(parent: QWidget | None, template: TemplateSpec, document: PrintDocument,
                          title: str) -> QPrintPreviewDialog:
    """Open a print preview of `document` without blocking; its Print button prints or saves a PDF.

    The dialog keeps its printer in `kaidan_printer`, because it does not own it.
    """
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    configure_for_template(printer, template)
    printer.setDocName(document.number)
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle(title)
    dialog.paintRequested.connect(lambda target: print_template(target, template, document))
    dialog.kaidan_printer = printer
    dialog.open()
    return dialog
