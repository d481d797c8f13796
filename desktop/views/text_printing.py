"""Printing delivery notes as plain text on a dot-matrix printer, counted like any other print.

Impact printers print their own font far faster than a painted page, so a
keeper with a pin-feed printer can send the notes as ESC/P text built from
the same template (desktop.printing.text_mode). The job goes to the printer
raw (desktop.printing.raw_printer), so no driver changes the layout. The
reprint reason, the reprint mark and the print record work as in
DocumentPrinting. The text printer is remembered apart from the printer of
painted prints, because a PC often has a laser printer for A4 and a
dot-matrix printer for forms.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtPrintSupport import QPrinterInfo
from PySide6.QtWidgets import QInputDialog

from desktop.errors import user_message
from desktop.i18n import translate
from desktop.printing.documents import delivery_document
from desktop.printing.output import delivery_template
from desktop.printing.raw_printer import send_raw
from desktop.printing.text_mode import escp_bytes
from desktop.views.document_printing import DocumentPrinting, LoadedDocument

log = logging.getLogger(__name__)

# The printers.ini key of the printer that takes text jobs, apart from the painted prints' printer.
TEXT_PRINTER_SUFFIX = "_text"


def delivery_note_bytes(note) -> bytes:
    """Return the ESC/P bytes of a delivery note through its template's text mode."""
    return escp_bytes(delivery_template(note), delivery_document(note))


class TextPrinting:
    """Send documents as raw text to a dot-matrix printer and record each print through `printing`."""

    def __init__(self, printing: DocumentPrinting, to_bytes: Callable[[object], bytes] = delivery_note_bytes,
                 send: Callable[[str, bytes, str], None] = send_raw) -> None:
        self.printing = printing
        self.to_bytes = to_bytes
        self.send = send

    @property
    def memory_key(self) -> str:
        return self.printing.kind.document_type.value + TEXT_PRINTER_SUFFIX

    def print_documents(self, document_ids: list[str], printer_name: str | None = None) -> None:
        """Print the documents as text on `printer_name`, or on the printer the user picks; each print is counted."""
        printing = self.printing
        if not document_ids:
            printing.message.emit(translate("TextPrinting", "Select the documents to print first."))
            return

        def ready(documents: list[LoadedDocument], reason: str) -> None:
            name = printer_name or self.ask_printer()
            if name:
                self._send_all(documents, reason, name)

        printing.load_documents(list(document_ids), lambda documents: printing.with_reason(documents, ready))

    def ask_printer(self) -> str | None:
        """Ask which printer takes the text, offering the installed ones with the remembered one first."""
        names = QPrinterInfo.availablePrinterNames()
        remembered = self.printing.printers.printer_for(self.memory_key)
        if remembered in names:
            names.remove(remembered)
            names.insert(0, remembered)
        if not names:
            self.printing.message.emit(translate(
                "TextPrinting", "No printer is installed on this computer. Install the dot-matrix printer's driver "
                "or add it as a generic text printer, then print again."))
            return None
        name, accepted = QInputDialog.getItem(
            self.printing.owner, translate("TextPrinting", "Print as text"),
            translate("TextPrinting", "Dot-matrix &printer:"), names, 0, False)
        return name if accepted and name else None

    def _send_all(self, documents: list[LoadedDocument], reason: str, printer_name: str) -> None:
        printing = self.printing
        to_bytes, send = self.to_bytes, self.send
        # The document the job stopped at and the error, set by the worker thread before it returns.
        failure: list[tuple[LoadedDocument, BaseException]] = []

        def work(control) -> list[LoadedDocument]:
            sent = []
            for document in documents:
                control.check_cancelled()
                try:
                    send(printer_name, to_bytes(document.data), document.number)
                except Exception as error:  # noqa: BLE001 - reported below with what was already printed
                    failure.append((document, error))
                    break
                sent.append(document)
            return sent

        def done(sent: list[LoadedDocument]) -> None:
            if sent:
                printing.printers.remember(self.memory_key, printer_name)
                printing.record(sent, reason, 1)
            numbers = ", ".join(document.number for document in sent)
            if failure:
                document, error = failure[0]
                log.error("text print stopped at %s on %r: %s", document.number, printer_name, error)
                text = translate("TextPrinting", "Printing stopped at {number}: {reason}").format(
                    number=document.number, reason=user_message(error) or str(error))
                if sent:
                    text += "\n" + translate("TextPrinting", "Printed before it: {numbers}.").format(numbers=numbers)
                printing.message.emit(text)
            else:
                printing.message.emit(translate("TextPrinting", "Sent to {printer} as text: {numbers}.")
                                      .format(printer=printer_name, numbers=numbers))

        printing.context.tasks.run(work, on_result=done, parent=printing.owner,
                                   label=translate("TextPrinting", "Sending to the printer..."))
