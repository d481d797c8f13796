"""The document number's QR code: drawn in its field's millimetre box, module for module as segno builds it."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QImage, QPainter
from PySide6.QtPdf import QPdfDocument

from desktop.printing.barcode import QUIET_ZONE_MODULES, qr_matrix
from desktop.printing.documents import delivery_document
from desktop.printing.render import write_template_pdf
from desktop.printing.template_model import default_spec
from tests.desktop_orders.conftest import bundled_font, qapp_args  # noqa: F401  (fixtures)
from tests.printing import sample_documents

DPI = 400


def _render(path, dpi: int) -> QImage:
    document = QPdfDocument()
    document.load(str(path))
    points = document.pagePointSize(0)
    image = document.render(0, QSize(round(points.width() / 72 * dpi), round(points.height() / 72 * dpi)))
    document.close()
    flat = QImage(image.size(), QImage.Format.Format_RGB32)
    flat.fill(0xFFFFFF)
    painter = QPainter(flat)
    painter.drawImage(0, 0, image)
    painter.end()
    return flat.convertToFormat(QImage.Format.Format_Grayscale8)


def test_qr_code_matches_matrix(qapp, tmp_path):
    template = default_spec("delivery_note", "continuous_half")
    field = next(field for field in template.fields if field.kind == "qr_code")
    note = sample_documents.delivery_note()
    path = tmp_path / "qr.pdf"
    write_template_pdf(template, delivery_document(note), "qr", path)

    image = _render(path, DPI)
    matrix = qr_matrix(note.number)
    modules = len(matrix) + 2 * QUIET_ZONE_MODULES
    pixels_per_mm = DPI / 25.4
    module_px = field.width_mm * pixels_per_mm / modules
    left = field.x_mm * pixels_per_mm + QUIET_ZONE_MODULES * module_px
    top = field.y_mm * pixels_per_mm + QUIET_ZONE_MODULES * module_px

    assert module_px > 4  # enough pixels per module to sample its centre
    wrong = []
    for row_index, row in enumerate(matrix):
        for column_index, dark in enumerate(row):
            x = int(left + (column_index + 0.5) * module_px)
            y = int(top + (row_index + 0.5) * module_px)
            if (image.pixelColor(x, y).value() < 128) != dark:
                wrong.append((row_index, column_index))
    assert wrong == []


def test_qr_matrix_size_for_document_numbers():
    # Capitals, digits and "-" encode in alphanumeric mode, and version 1 (21 × 21) fits 19 of them at level M.
    assert len(qr_matrix("DN-A3-20260318-0007")) == 21
    assert all(len(row) == 21 for row in qr_matrix("DN-A3-20260318-0007"))
    # A longer number takes a larger version; the module count grows, the field's millimetre size does not.
    assert len(qr_matrix("DN-A3-20260318-0007-RETURN-0001")) == 25
