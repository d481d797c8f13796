"""Drawing in millimetres and points on the printer's page, shared by every printed document.

Every position and size is in millimetres from the paper's top-left corner
and converted with the device's resolution, and fonts are sized in points,
so the preview, the PDF and the paper agree whatever the screen scaling.
The device must print the full page (QPrinter.setFullPage(True) or zero
margins on a QPdfWriter), because the template sets its own margins.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import QFont, QFontDatabase, QFontMetricsF, QPageLayout, QPageSize, QPainter

from desktop.printing.template_model import default_spec
from domain.print_templates import paper_size_of

log = logging.getLogger(__name__)

MM_PER_INCH = 25.4
# 241 mm continuous form torn in half (二等分), the usual delivery note paper.
DELIVERY_NOTE_PAGE_MM = QSizeF(241.0, 139.7)
CJK_FAMILY = "WenQuanYi Micro Hei"
# Smallest share of its point size a text shrinks to when it does not fit its box.
MIN_FONT_SHARE = 0.6


def page_layout(page_mm: QSizeF = DELIVERY_NOTE_PAGE_MM, landscape: bool = False) -> QPageLayout:
    """Return the page layout to give the printer: the exact paper size in millimetres, no margins."""
    size = QPageSize(page_mm, QPageSize.Unit.Millimeter, "", QPageSize.SizeMatchPolicy.ExactMatch)
    orientation = QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
    return QPageLayout(size, orientation, QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter)


def print_font_family() -> str:
    """Return the bundled CJK font family, registering the font file when the app has not yet."""
    if CJK_FAMILY not in QFontDatabase.families():
        from desktop.i18n import register_fonts

        families = register_fonts()
        if CJK_FAMILY not in families:
            # Chinese would vanish from the printout without an error, so say it loudly.
            log.error("the CJK font %r is not available; Chinese text will not print", CJK_FAMILY)
    return CJK_FAMILY


def rows_per_page(page_mm: QSizeF, document_type: str = "delivery_note") -> int:
    """Return the lines per page of the default template of `document_type` on the paper of `page_mm`."""
    size = (page_mm.width(), page_mm.height())
    return default_spec(document_type, paper_size_of(*size), size).rows_per_page


class Canvas:
    """A QPainter that takes millimetres and points."""

    def __init__(self, painter: QPainter, dpi: float, family: str) -> None:
        self.painter = painter
        self.scale = dpi / MM_PER_INCH
        self.family = family

    def rect(self, x: float, y: float, width: float, height: float) -> QRectF:
        return QRectF(x * self.scale, y * self.scale, width * self.scale, height * self.scale)

    def font(self, points: float, bold: bool = False) -> None:
        font = QFont(self.family)
        font.setPointSizeF(points)
        font.setBold(bold)
        self.painter.setFont(font)

    def text(self, x: float, y: float, width: float, height: float, text: str, align=Qt.AlignmentFlag.AlignLeft) -> None:
        """Draw `text` in the box, vertically centred, in a smaller font when it is wider than the box.

        The font shrinks down to MIN_FONT_SHARE of its size, so a long title in a narrow column
        stays whole. Text that still does not fit is clipped at the box's edge.
        """
        flags = int(align | Qt.AlignmentFlag.AlignVCenter)
        box = self.rect(x, y, width, height)
        font = self.painter.font()
        needed = QFontMetricsF(font, self.painter.device()).horizontalAdvance(text)
        if needed <= box.width() or needed <= 0:
            self.painter.drawText(box, flags, text)
            return
        smaller = QFont(font)
        smaller.setPointSizeF(font.pointSizeF() * max(MIN_FONT_SHARE, box.width() / needed * 0.98))
        self.painter.setFont(smaller)
        self.painter.drawText(box, flags, text)
        self.painter.setFont(font)

    def line(self, x1: float, y1: float, x2: float, y2: float) -> None:
        self.painter.drawLine(self.rect(x1, y1, 0, 0).topLeft(), self.rect(x2, y2, 0, 0).topLeft())
