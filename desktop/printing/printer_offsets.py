"""Per-printer X/Y offsets in millimetres, measured from a printed test page and kept on this PC.

Pin-feed forms rarely sit exactly where the driver thinks: the clerk prints
the test page, measures how far its crosshair landed from the printed 20 mm
marks and stores the difference. Offsets live in the user's QSettings (this
PC only), keyed by printer name, because they belong to one printer's feed.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QSettings, QSizeF, Qt
from PySide6.QtGui import QPagedPaintDevice, QPainter, QPen
from PySide6.QtPrintSupport import QPrinter

from desktop.printing.layout import Canvas, print_font_family

log = logging.getLogger(__name__)

# Largest correction accepted; more means the paper is loaded wrong, not a printer's tolerance.
MAX_OFFSET_MM = 20.0
# Where the test page's crosshair is printed, from the paper's top-left corner.
TEST_MARK_MM = 20.0


def _key(printer_name: str) -> str:
    # QSettings treats "/" and "\" as group separators, and Windows printer names hold "\\server\name".
    return "printer_offsets/" + printer_name.replace("/", "_").replace("\\", "_")


def load_offset(printer_name: str, settings: QSettings | None = None) -> tuple[float, float]:
    """Return the stored (x, y) offset of `printer_name` in millimetres; (0, 0) when none is stored."""
    settings = settings or QSettings()
    value = settings.value(_key(printer_name))
    if not value:
        return (0.0, 0.0)
    try:
        x, y = (float(part) for part in (value if isinstance(value, list) else str(value).split(",")))
    except ValueError:
        log.warning("ignoring the invalid printer offset %r stored for %r", value, printer_name)
        return (0.0, 0.0)
    return (x, y)


def store_offset(printer_name: str, x_mm: float, y_mm: float, settings: QSettings | None = None) -> None:
    """Store the (x, y) offset of `printer_name`; raises ValueError for an offset beyond MAX_OFFSET_MM."""
    for value in (x_mm, y_mm):
        if abs(value) > MAX_OFFSET_MM:
            raise ValueError(f"printer offset {value} mm is larger than {MAX_OFFSET_MM} mm; reload the paper and measure again")
    settings = settings or QSettings()
    settings.setValue(_key(printer_name), f"{x_mm:.2f},{y_mm:.2f}")
    settings.sync()
    log.info("printer offset of %r set to x %.2f mm, y %.2f mm", printer_name, x_mm, y_mm)


def offset_from_test_page(measured_x_mm: float, measured_y_mm: float) -> tuple[float, float]:
    """Return the offset that moves the crosshair measured at (x, y) back onto the 20 mm marks."""
    return (round(TEST_MARK_MM - measured_x_mm, 2), round(TEST_MARK_MM - measured_y_mm, 2))


def offset_for(printer: QPrinter, settings: QSettings | None = None) -> tuple[float, float]:
    return load_offset(printer.printerName(), settings) if printer.printerName() else (0.0, 0.0)


def paint_test_page(device: QPagedPaintDevice, dpi: float, page_mm: QSizeF) -> None:
    """Paint the calibration page: a crosshair 20 mm from the top and left edges and a 100 mm ruler.

    Printed without any offset, so the measured position is the printer's own error.
    """
    painter = QPainter()
    if not painter.begin(device):
        raise RuntimeError("could not start painting on the printer or PDF file")
    try:
        canvas = Canvas(painter, dpi, print_font_family())
        pen = QPen(Qt.GlobalColor.black)
        pen.setWidthF(0.2 * canvas.scale)
        painter.setPen(pen)
        mark = TEST_MARK_MM
        canvas.line(mark - 10, mark, mark + 10, mark)
        canvas.line(mark, mark - 10, mark, mark + 10)
        ruler_y = mark + 15
        canvas.line(mark, ruler_y, mark + 100, ruler_y)
        for step in range(0, 101, 10):
            canvas.line(mark + step, ruler_y - 2, mark + step, ruler_y)
        canvas.font(9)
        text = QCoreApplication.translate(
            "PrinterOffsets",
            "Measure the crosshair's distance from the left and top paper edges in mm; it should be {mark} mm.",
        ).format(mark=f"{mark:g}")
        canvas.text(mark, ruler_y + 3, page_mm.width() - 2 * mark, 6, text)
    finally:
        painter.end()
