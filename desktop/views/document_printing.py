"""Printing a document with its print count: the reprint reason, the remembered printer and the print record.

Every print path of a counted document goes through DocumentPrinting: the
preview (Ctrl+P), Save as PDF and the batch print of selected documents.
A document printed before requires a reprint reason first (ReprintDialog),
and its pages carry the reprint mark ("补打 第N次") with N = the replica's
print count + 1. The mark is the client's guess: a print made on another
client that has not synced yet is not counted in it, and the server numbers
prints in the order they arrive (see domain.commands.handlers.print_records).

A print is recorded (document.record_print) only when pages went to a printer
or a PDF file, never when the preview merely shows them. The hook is the
preview's paintRequested signal. QPrintPreviewWidget emits it to draw the
preview while the printer is switched to Qt's preview paint engine, whose
type is QPaintEngine.Picture. It emits it again from print(), which the
dialog's Print button calls to send the pages out, and then the printer
paints with its own engine (type Pdf for a
PDF file). A slot connected after the layout's paint slot therefore finds a
non-Picture engine once per real print. Checked with PySide6 6.11 offscreen,
where only PDF output exists.
NOTE: printing to a native printer (CUPS, Windows) was not tried. The check
relies only on its engine not being the preview's Picture engine.
"""

from __future__ import annotations

import dataclasses
import logging
import pathlib
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QSettings, QSizeF, Signal
from PySide6.QtGui import QPaintEngine
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrinterInfo, QPrintPreviewDialog, QPrintPreviewWidget
from PySide6.QtWidgets import QDialog, QWidget
from sqlalchemy.orm import Session

from desktop.errors import show_error
from desktop.i18n import translate
from desktop.printing.delivery_note import load_delivery_note
from desktop.printing.documents import return_document
from desktop.printing.layout import DELIVERY_NOTE_PAGE_MM
from desktop.printing.order_document import (
    load_sales_order_print,
    open_sales_order_preview,
    print_sales_order,
    write_sales_order_pdf,
)
from desktop.printing.output import configure_printer, ensure_paper, open_print_preview, print_note, write_pdf
from desktop.printing.quotation import load_quotation_print, open_quotation_preview, write_quotation_pdf
from desktop.printing.render import print_template
from desktop.printing.return_note import load_return_note, open_return_preview, return_template, write_return_pdf
from desktop.printing.stock_documents import (
    load_receipt_print,
    load_transfer_print,
    open_stock_preview,
    print_stock_document,
    write_stock_pdf,
)
from desktop.views.reprint_dialog import ReprintDialog, reprint_mark
from domain.commands.handlers.print_records import MODELS, PrintedDocument
from domain.ids import new_id
from domain.types import utcnow

log = logging.getLogger(__name__)

# Printer chosen per document type, kept in the data folder of this installation only.
PRINTER_SETTINGS_FILE = "printers.ini"


@dataclasses.dataclass(frozen=True)
class PrintableKind:
    """The load, preview, print and PDF functions of one document type, whose data class has `number` and `reprint_mark`."""

    document_type: PrintedDocument
    load: Callable[[Session, str], Any]
    open_preview: Callable[[QWidget | None, Any], QPrintPreviewDialog]
    write_pdf: Callable[[Any, str], int]
    # Paints the document on a printer already given the page of `page_mm`; returns the page count.
    paint: Callable[[QPrinter, Any], int] | None
    page_mm: QSizeF
    # The loader takes the user's role as a third argument, because what prints depends on it (a receipt's costs).
    loads_with_role: bool = False


DELIVERY_NOTE = PrintableKind(PrintedDocument.DELIVERY_NOTE, load_delivery_note, open_print_preview, write_pdf,
                              print_note, DELIVERY_NOTE_PAGE_MM)


def print_return_note(printer: QPrinter, note: Any) -> int:
    """Paint a return note on a printer through its template, as print_note does for a delivery note."""
    template = return_template(note)
    ensure_paper(printer, template)
    return print_template(printer, template, return_document(note))


SALES_RETURN = PrintableKind(PrintedDocument.SALES_RETURN, load_return_note, open_return_preview, write_return_pdf,
                             print_return_note, DELIVERY_NOTE_PAGE_MM)
QUOTATION = PrintableKind(PrintedDocument.QUOTATION, load_quotation_print, open_quotation_preview, write_quotation_pdf,
                          None, QSizeF(210, 297))
SALES_ORDER = PrintableKind(PrintedDocument.SALES_ORDER, load_sales_order_print, open_sales_order_preview,
                            write_sales_order_pdf, print_sales_order, QSizeF(210, 297))
GOODS_RECEIPT = PrintableKind(PrintedDocument.GOODS_RECEIPT, load_receipt_print, open_stock_preview, write_stock_pdf,
                              print_stock_document, DELIVERY_NOTE_PAGE_MM, loads_with_role=True)
STOCK_TRANSFER = PrintableKind(PrintedDocument.STOCK_TRANSFER, load_transfer_print, open_stock_preview,
                               write_stock_pdf, print_stock_document, DELIVERY_NOTE_PAGE_MM, loads_with_role=True)


@dataclasses.dataclass(frozen=True)
class LoadedDocument:
    document_id: str
    data: Any
    print_count: int

    @property
    def number(self) -> str:
        return self.data.number


def load_document(session: Session, kind: PrintableKind, document_id: str, role: str | None = None) -> LoadedDocument:
    """Read the document's print data, as `role` may see it, and its print count.

    Raises LookupError when the document is not in the replica.
    """
    data = kind.load(session, document_id, role) if kind.loads_with_role else kind.load(session, document_id)
    row = session.get(MODELS[kind.document_type.value], document_id)
    return LoadedDocument(document_id, data, (row.print_count or 0) if row is not None else 0)


def is_real_output(device: Any) -> bool:
    """Return whether `device` prints to paper or a file, not to the print preview (see the module docstring)."""
    engine = device.paintEngine()
    return engine is not None and engine.type() != QPaintEngine.Type.Picture


def print_payload(kind: PrintableKind, document: LoadedDocument, reason: str, copies: int) -> dict[str, Any]:
    """Return the document.record_print payload of one print; a first print carries no reason."""
    # The print template the data was loaded with, where the printing modules attach one. A built-in
    # layout has no row id (a UUID of 36 characters), so the record names no template then.
    template = getattr(document.data, "template", None)
    template_id = getattr(template, "id", None)
    if not (isinstance(template_id, str) and len(template_id) == 36):
        template_id = None
    return {
        "template_id": template_id,
        "template_revision": getattr(template, "revision", None) if template_id else None,
        "id": new_id(),
        "document_type": kind.document_type.value,
        "document_id": document.document_id,
        "number": document.number,
        "reason": reason if document.print_count > 0 and reason else None,
        "copies": max(1, copies),
        "printed_at": utcnow().isoformat(),
    }


class PrinterMemory:
    """The printer last used for each document type, in this installation's printers.ini."""

    def __init__(self, data_dir: pathlib.Path) -> None:
        self.settings = QSettings(str(data_dir / PRINTER_SETTINGS_FILE), QSettings.Format.IniFormat)

    def printer_for(self, document_type: str) -> str:
        return str(self.settings.value(f"printer/{document_type}", "") or "")

    def remember(self, document_type: str, printer_name: str) -> None:
        if printer_name and printer_name != self.printer_for(document_type):
            self.settings.setValue(f"printer/{document_type}", printer_name)
            self.settings.sync()
            log.info("printer %r remembered for %s", printer_name, document_type)

    def apply(self, document_type: str, printer: QPrinter) -> bool:
        """Select the remembered printer on `printer` when it is still installed, keeping the page layout.

        Returns True when the printer changed.
        """
        name = self.printer_for(document_type)
        if not name or name == printer.printerName():
            return False
        if name not in QPrinterInfo.availablePrinterNames():
            log.info("remembered printer %r for %s is not installed; using %r", name, document_type, printer.printerName())
            return False
        layout = printer.pageLayout()
        printer.setPrinterName(name)
        # Selecting a printer resets the page to that printer's default paper.
        printer.setPageLayout(layout)
        return True


class DocumentPrinting(QObject):
    """Preview, print, save as PDF and batch print documents of one kind, recording each print."""

    # The document id and the print number this client guessed, after the print is queued for sync.
    recorded = Signal(str, int)
    # A line for the view's message label.
    message = Signal(str)
    # The print preview just opened, so the view (or a test) can reach it.
    preview_opened = Signal(QPrintPreviewDialog)

    def __init__(self, context, kind: PrintableKind, owner: QWidget) -> None:
        super().__init__(owner)
        self.context = context
        self.kind = kind
        self.owner = owner
        self.printers = PrinterMemory(context.data_dir)
        self.preview: QPrintPreviewDialog | None = None
        self.reprint_dialog: ReprintDialog | None = None
        self.print_dialog: QPrintDialog | None = None

    # -- loading and the reprint reason ------------------------------------------

    def load_documents(self, document_ids: list[str], then: Callable[[list[LoadedDocument]], None]) -> None:
        context, kind = self.context, self.kind
        role = context.user.role

        def work(control) -> list[LoadedDocument]:
            with context.read_session() as session:
                return [load_document(session, kind, document_id, role) for document_id in document_ids]

        context.tasks.run(work, on_result=then, on_error=lambda error: show_error(self.owner, error))

    def with_reason(self, documents: list[LoadedDocument], then: Callable[[list[LoadedDocument], str], None]) -> None:
        """Call then(documents with their marks, reason), after the reprint dialog when any was printed before."""
        printed = [(document.number, document.print_count) for document in documents if document.print_count > 0]
        if not printed:
            then(documents, "")
            return
        dialog = ReprintDialog(printed, self.owner)
        self.reprint_dialog = dialog

        def accepted() -> None:
            marked = [dataclasses.replace(document, data=dataclasses.replace(
                document.data, reprint_mark=reprint_mark(document.print_count + 1))) for document in documents]
            then(marked, dialog.reason)

        dialog.accepted.connect(accepted)
        dialog.open()

    # -- one document -------------------------------------------------------------

    def preview_document(self, document_id: str) -> None:
        """Open the print preview; printing from it, to paper or a file, records the print."""
        self.load_documents([document_id], lambda documents: self.with_reason(documents, self._open_preview))

    def _open_preview(self, documents: list[LoadedDocument], reason: str) -> None:
        document = documents[0]
        preview = self.kind.open_preview(self.owner, document.data)
        printer: QPrinter = preview.kaidan_printer
        if self.printers.apply(self.kind.document_type.value, printer):
            preview.findChild(QPrintPreviewWidget).updatePreview()

        def painted(target: QPrinter) -> None:
            if not is_real_output(target):
                return
            if target.outputFormat() == QPrinter.OutputFormat.NativeFormat:
                self.printers.remember(self.kind.document_type.value, target.printerName())
            self.record([document], reason, target.copyCount())

        # Connected after the layout's paint slot, so it runs once the pages are out.
        preview.paintRequested.connect(painted)
        self.preview = preview
        self.preview_opened.emit(preview)

    def save_pdf(self, document_id: str, path: str) -> None:
        """Write the document to the PDF file `path` and record the print."""
        def write(documents: list[LoadedDocument], reason: str) -> None:
            document = documents[0]
            self.kind.write_pdf(document.data, path)
            self.message.emit(translate("DocumentPrinting", "Saved {path}.").format(path=path))
            self.record([document], reason, 1)

        self.load_documents([document_id], lambda documents: self.with_reason(documents, write))

    # -- several documents --------------------------------------------------------

    def print_batch(self, document_ids: list[str], printer: QPrinter | None = None) -> None:
        """Print every document in `document_ids` with one print dialog, each as its own job, and record each.

        With `printer` (already configured, as a test passes a PDF printer) the
        print dialog is skipped.
        """
        if not document_ids:
            self.message.emit(translate("DocumentPrinting", "Select the documents to print first."))
            return
        if self.kind.paint is None:
            raise ValueError(f"{self.kind.document_type.value} has no batch print")

        def ready(documents: list[LoadedDocument], reason: str) -> None:
            if printer is not None:
                self._print_all(documents, reason, printer)
                return
            chosen = QPrinter(QPrinter.PrinterMode.HighResolution)
            configure_printer(chosen, self.kind.page_mm)
            self.printers.apply(self.kind.document_type.value, chosen)
            dialog = QPrintDialog(chosen, self.owner)
            dialog.setWindowTitle(self.tr("Print %n document(s)", "", len(documents)))
            self.print_dialog = dialog
            dialog.kaidan_printer = chosen  # the dialog does not own its printer

            def finished(result: int) -> None:
                if result == QDialog.DialogCode.Accepted:
                    self._print_all(documents, reason, chosen)

            dialog.finished.connect(finished)
            # QPrintDialog.open in PySide6 requires a receiver and slot; the plain QDialog.open shows it window-modal.
            QDialog.open(dialog)

        self.load_documents(list(document_ids), lambda documents: self.with_reason(documents, ready))

    def _print_all(self, documents: list[LoadedDocument], reason: str, printer: QPrinter) -> None:
        configure_printer(printer, self.kind.page_mm)
        to_file = printer.outputFormat() == QPrinter.OutputFormat.PdfFormat
        base = pathlib.Path(printer.outputFileName()) if to_file else None
        printed: list[LoadedDocument] = []
        for document in documents:
            if base is not None:
                # Each document is its own job, so each goes to its own file next to the chosen one.
                printer.setOutputFileName(str(base.with_name(f"{base.stem}-{document.number}{base.suffix or '.pdf'}")))
            printer.setDocName(document.number)
            try:
                self.kind.paint(printer, document.data)
            except RuntimeError as error:
                # The layout raises RuntimeError when the printer or file does not start a job: count what went out.
                log.error("batch print stopped at %s on %r: %s", document.number, printer.printerName(), error)
                self.message.emit(self.tr(
                    "Printing stopped at {number}: {printer} did not start the job. "
                    "Check that the printer is on and ready, or that the file can be written, then print the rest again."
                ).format(number=document.number, printer=printer.printerName() or printer.outputFileName()))
                break
            printed.append(document)
        if printed and not to_file:
            self.printers.remember(self.kind.document_type.value, printer.printerName())
        if len(printed) == len(documents):
            self.message.emit(self.tr("Printed %n document(s).", "", len(printed)))
        self.record(printed, reason, printer.copyCount())

    # -- the record ---------------------------------------------------------------

    def record(self, documents: list[LoadedDocument], reason: str, copies: int) -> None:
        """Queue one document.record_print per document, one after another so each counts on top of the previous one."""
        waiting = list(documents)

        def next_one() -> None:
            if not waiting:
                return
            document = waiting.pop(0)
            payload = print_payload(self.kind, document, reason, copies)

            def done(submitted) -> None:
                self.recorded.emit(document.document_id, int(submitted.result.get("print_number", 0)))
                next_one()

            self.context.tasks.submit("document.record_print", payload, on_result=done,
                                      on_error=lambda error: show_error(self.owner, error))

        next_one()
