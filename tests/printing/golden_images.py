"""Render each default template to PDF, rasterise its first page with QtPdf and compare it with a golden PNG.

Regenerate the golden images on purpose, after a deliberate layout change,
and review them before committing:

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m tests.printing.golden_images [DOCUMENT_TYPE ...]

Naming document types regenerates only their images.
Images are 100 dpi greyscale so the repository stays small.
"""

from __future__ import annotations

import pathlib
import sys

from PySide6.QtCore import QSize
from PySide6.QtGui import QImage, QPainter
from PySide6.QtPdf import QPdfDocument

from desktop.printing.documents import (
    delivery_document,
    quotation_document,
    receipt_document,
    return_document,
    sales_order_document,
    transfer_document,
)
from desktop.printing.render import write_template_pdf
from desktop.printing.template_model import default_spec
from domain.print_templates import DOCUMENT_TYPES, PAPER_MM
from tests.printing import sample_documents

GOLDEN_DIR = pathlib.Path(__file__).with_name("golden")
DPI = 100
# A pixel differs when its grey level moves by more than this (of 255); anti-aliasing moves edges by less.
PIXEL_TOLERANCE = 64
# Share of the page's pixels that may differ, for font rasteriser differences between machines. Moving
# one header field by 1 mm changes about 0.06 % of an A4 page's pixels, so that fails.
MAX_DIFFERING_SHARE = 0.0002

CASES = [(document_type, paper) for document_type in DOCUMENT_TYPES for paper in PAPER_MM]


def sample_document(document_type: str):
    if document_type == "delivery_note":
        return delivery_document(sample_documents.delivery_note())
    if document_type == "sales_return":
        return return_document(sample_documents.return_note())
    if document_type == "sales_order":
        return sales_order_document(sample_documents.sales_order())
    if document_type == "goods_receipt":
        return receipt_document(sample_documents.goods_receipt())
    if document_type == "stock_transfer":
        return transfer_document(sample_documents.stock_transfer())
    return quotation_document(sample_documents.quotation())


def golden_path(document_type: str, paper: str) -> pathlib.Path:
    return GOLDEN_DIR / f"{document_type}-{paper}.png"


def render_pdf(document_type: str, paper: str, path: pathlib.Path) -> None:
    write_template_pdf(default_spec(document_type, paper), sample_document(document_type), "golden", path)


def rasterise(pdf_path: pathlib.Path, page: int = 0) -> QImage:
    """Render one page of the PDF at DPI as an 8-bit greyscale image."""
    document = QPdfDocument()
    document.load(str(pdf_path))
    try:
        points = document.pagePointSize(page)
        size = QSize(round(points.width() / 72 * DPI), round(points.height() / 72 * DPI))
        image = document.render(page, size)
    finally:
        document.close()
    # Transparent page background becomes white before dropping the colour channels.
    flat = QImage(image.size(), QImage.Format.Format_RGB32)
    flat.fill(0xFFFFFF)
    painter = QPainter(flat)
    painter.drawImage(0, 0, image)
    painter.end()
    return flat.convertToFormat(QImage.Format.Format_Grayscale8)


def differing_share(actual: QImage, expected: QImage) -> float:
    """Return the share of pixels whose grey level differs by more than PIXEL_TOLERANCE; 1.0 for other sizes."""
    if actual.size() != expected.size():
        return 1.0
    actual = actual.convertToFormat(QImage.Format.Format_Grayscale8)
    expected = expected.convertToFormat(QImage.Format.Format_Grayscale8)
    width, height = actual.width(), actual.height()
    differing = 0
    for y in range(height):
        # Scan lines are padded to 4 bytes, so compare row by row without the padding.
        row_a = bytes(actual.constScanLine(y))[:width]
        row_b = bytes(expected.constScanLine(y))[:width]
        if row_a == row_b:
            continue
        differing += sum(1 for a, b in zip(row_a, row_b) if abs(a - b) > PIXEL_TOLERANCE)
    return differing / (width * height)


def regenerate(folder: pathlib.Path = GOLDEN_DIR,
               document_types: tuple[str, ...] = DOCUMENT_TYPES) -> list[pathlib.Path]:
    """Write the golden images of `document_types` again; return their paths."""
    import tempfile

    folder.mkdir(parents=True, exist_ok=True)
    written = []
    with tempfile.TemporaryDirectory() as scratch:
        for document_type, paper in CASES:
            if document_type not in document_types:
                continue
            pdf = pathlib.Path(scratch) / f"{document_type}-{paper}.pdf"
            render_pdf(document_type, paper, pdf)
            path = golden_path(document_type, paper)
            if not rasterise(pdf).save(str(path), "PNG", 9):
                raise OSError(f"could not write {path}")
            written.append(path)
    return written


def main() -> int:
    from PySide6.QtWidgets import QApplication

    from desktop.i18n import register_fonts

    # QtPdf and the font database need an application object for as long as they run.
    app = QApplication.instance() or QApplication(sys.argv)
    if not register_fonts():
        print("the bundled CJK font could not be registered", file=sys.stderr)
        return 1
    chosen = tuple(sys.argv[1:]) or DOCUMENT_TYPES
    unknown = [name for name in chosen if name not in DOCUMENT_TYPES]
    if unknown:
        print(f"unknown document types {', '.join(unknown)}; expected some of {', '.join(DOCUMENT_TYPES)}",
              file=sys.stderr)
        return 2
    for path in regenerate(document_types=chosen):
        print(f"{path.relative_to(pathlib.Path.cwd()) if path.is_relative_to(pathlib.Path.cwd()) else path}"
              f" {path.stat().st_size} bytes")
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
