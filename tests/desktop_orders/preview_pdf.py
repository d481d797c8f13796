"""Print an open print preview to a PDF file, the way its "Print to file" does, and read the text back."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog, QPrintPreviewWidget

from desktop.printing.output import pdf_text


def print_preview_to_pdf(preview: QPrintPreviewDialog, path: Path) -> str:
    """Print `preview` to the PDF file `path`, close the preview and return the PDF's text."""
    printer: QPrinter = preview.kaidan_printer
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    preview.findChild(QPrintPreviewWidget).print_()
    preview.close()
    return pdf_text(path)
