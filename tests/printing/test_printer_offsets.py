"""Per-printer offsets: stored in local settings, measured from the test page, applied to the painted page."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, QSizeF
from PySide6.QtGui import QImage, QPdfWriter

from desktop.printing.documents import delivery_document
from desktop.printing.layout import page_layout
from desktop.printing.printer_offsets import (
    TEST_MARK_MM,
    load_offset,
    offset_from_test_page,
    paint_test_page,
    store_offset,
)
from desktop.printing.template_engine import paint_document
from desktop.printing.template_model import default_spec
from tests.desktop_orders.conftest import bundled_font, qapp_args  # noqa: F401  (fixtures)
from tests.printing import sample_documents
from tests.printing.golden_images import DPI, rasterise

HALF_MM = QSizeF(241, 139.7)
PIXELS_PER_MM = DPI / 25.4


@pytest.fixture
def settings(tmp_path):
    return QSettings(str(tmp_path / "printers.ini"), QSettings.Format.IniFormat)


def _first_dark_column(image: QImage) -> int:
    """Return the x of the leftmost pixel darker than mid grey anywhere on the page."""
    width = image.width()
    best = width
    for y in range(image.height()):
        row = bytes(image.constScanLine(y))[:width]
        for x, level in enumerate(row[:best]):
            if level < 128:
                best = x
                break
    return best


def test_offset_round_trips_per_printer(settings):
    store_offset("EPSON LQ-630K", 1.5, -2.25, settings)
    store_offset("\\\\server\\针式打印机", -0.5, 0.75, settings)

    assert load_offset("EPSON LQ-630K", settings) == (1.5, -2.25)
    assert load_offset("\\\\server\\针式打印机", settings) == (-0.5, 0.75)
    assert load_offset("Other printer", settings) == (0.0, 0.0)


def test_offset_too_large_rejected(settings):
    with pytest.raises(ValueError, match="larger than"):
        store_offset("EPSON LQ-630K", 25, 0, settings)
    assert load_offset("EPSON LQ-630K", settings) == (0.0, 0.0)


def test_offset_from_measured_crosshair():
    # The crosshair came out 21.5 mm from the left edge and 18.75 mm from the top.
    assert offset_from_test_page(21.5, 18.75) == (-1.5, 1.25)


def test_test_page_crosshair_at_marks(qapp, tmp_path):
    path = tmp_path / "test-page.pdf"
    writer = QPdfWriter(str(path))
    writer.setResolution(1200)
    writer.setPageLayout(page_layout(HALF_MM))
    paint_test_page(writer, writer.resolution(), HALF_MM)
    del writer

    image = rasterise(path)
    # The crosshair's horizontal arm starts 10 mm left of the mark, so the leftmost ink is at 10 mm.
    assert abs(_first_dark_column(image) - (TEST_MARK_MM - 10) * PIXELS_PER_MM) <= 1.5


def test_offset_shifts_painted_page(qapp, tmp_path):
    template = default_spec("delivery_note", "continuous_half")
    document = delivery_document(sample_documents.delivery_note())
    columns = []
    for name, offset in (("plain.pdf", (0.0, 0.0)), ("shifted.pdf", (2.0, 1.0))):
        path = tmp_path / name
        writer = QPdfWriter(str(path))
        writer.setResolution(1200)
        writer.setPageLayout(page_layout(HALF_MM))
        paint_document(writer, writer.resolution(), template, document, offset)
        del writer
        columns.append(_first_dark_column(rasterise(path)))

    assert abs((columns[1] - columns[0]) - 2.0 * PIXELS_PER_MM) <= 1.5
