"""The document number as a QR code, drawn as filled squares with QPainter so it is exact in millimetres.

segno builds the symbol matrix; a vector drawing keeps the modules sharp on
any printer resolution, where a scaled bitmap would blur or change width.
"""

from __future__ import annotations

import logging

import segno
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QPainter

log = logging.getLogger(__name__)

# Light modules around the symbol that scanners need, in modules (ISO/IEC 18004 requires four).
QUIET_ZONE_MODULES = 4


def qr_matrix(data: str) -> tuple[tuple[bool, ...], ...]:
    """Return the QR code of `data` (error correction M) as rows of dark (True) modules, without the quiet zone."""
    symbol = segno.make_qr(data, error="m", boost_error=False)
    return tuple(tuple(bool(module) for module in row) for row in symbol.matrix)


def draw_qr_code(painter: QPainter, rect: QRectF, data: str) -> None:
    """Draw the QR code of `data` centred in `rect` (device units), quiet zone included, as black squares."""
    if not data:
        return
    matrix = qr_matrix(data)
    modules = len(matrix) + 2 * QUIET_ZONE_MODULES
    module = min(rect.width(), rect.height()) / modules
    left = rect.x() + (rect.width() - module * modules) / 2 + QUIET_ZONE_MODULES * module
    top = rect.y() + (rect.height() - module * modules) / 2 + QUIET_ZONE_MODULES * module
    painter.save()
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(Qt.GlobalColor.black)
    for row_index, row in enumerate(matrix):
        # Runs of dark modules become one rectangle: fewer PDF objects, no hairline gaps between modules.
        start = None
        for column_index, dark in enumerate(row + (False,)):
            if dark and start is None:
                start = column_index
            elif not dark and start is not None:
                painter.drawRect(QRectF(left + start * module, top + row_index * module,
                                        (column_index - start) * module, module))
                start = None
    painter.restore()
