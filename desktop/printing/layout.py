"""The delivery note's layout, painted with QPainter in millimetres on the printer's page.

Every position and size is in millimetres from the paper's top-left corner
and converted with the device's resolution, and fonts are sized in points,
so the preview, the PDF and the paper agree whatever the screen scaling.
The device must print the full page (QPrinter.setFullPage(True) or zero
margins on a QPdfWriter), because the layout sets its own margins.
"""

from __future__ import annotations

import dataclasses
import logging
import math

from PySide6.QtCore import QCoreApplication, QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import QFont, QFontDatabase, QPageLayout, QPageSize, QPagedPaintDevice, QPainter, QPen

from desktop.models.order_models import format_money, format_price, format_quantity
from desktop.printing.capitals import amount_in_capitals
from desktop.printing.delivery_note import DeliveryNoteData, PrintLine

log = logging.getLogger(__name__)

CONTEXT = "DeliveryNoteLayout"
MM_PER_INCH = 25.4
# 241 mm continuous form torn in half (二等分), the usual delivery note paper.
DELIVERY_NOTE_PAGE_MM = QSizeF(241.0, 139.7)
CJK_FAMILY = "WenQuanYi Micro Hei"


@dataclasses.dataclass(frozen=True)
class Geometry:
    """Millimetre measures of the layout; the table takes the height that is left."""

    margin_left: float = 10.0
    margin_right: float = 10.0
    margin_top: float = 8.0
    margin_bottom: float = 8.0
    title_height: float = 16.0
    header_height: float = 13.0
    row_height: float = 6.5
    footer_height: float = 16.0
    # Column widths as shares of the table width: No., product, unit, quantity, price, amount.
    column_shares: tuple[float, ...] = (0.06, 0.40, 0.08, 0.13, 0.15, 0.18)
    # The same with a discount column before the amount, used when any line has a discount.
    discount_column_shares: tuple[float, ...] = (0.06, 0.32, 0.07, 0.12, 0.13, 0.12, 0.18)


def page_layout(page_mm: QSizeF = DELIVERY_NOTE_PAGE_MM) -> QPageLayout:
    """Return the page layout to give the printer: the custom paper size, portrait, no margins."""
    size = QPageSize(page_mm, QPageSize.Unit.Millimeter, "", QPageSize.SizeMatchPolicy.ExactMatch)
    return QPageLayout(size, QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter)


def print_font_family() -> str:
    """Return the bundled CJK font family, registering the font file when the app has not yet."""
    if CJK_FAMILY not in QFontDatabase.families():
        from desktop.i18n import register_fonts

        families = register_fonts()
        if CJK_FAMILY not in families:
            # Chinese would vanish from the printout without an error, so say it loudly.
            log.error("the CJK font %r is not available; Chinese text will not print", CJK_FAMILY)
    return CJK_FAMILY


def rows_per_page(page_mm: QSizeF, geometry: Geometry = Geometry()) -> int:
    table_height = (
        page_mm.height() - geometry.margin_top - geometry.margin_bottom
        - geometry.title_height - geometry.header_height - geometry.footer_height
    )
    # One row is the table's column header, one the total on the last page.
    return max(1, int(table_height // geometry.row_height) - 2)


def page_count(line_count: int, page_mm: QSizeF, geometry: Geometry = Geometry()) -> int:
    return max(1, math.ceil(line_count / rows_per_page(page_mm, geometry)))


class _Canvas:
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
        flags = int(align | Qt.AlignmentFlag.AlignVCenter)
        self.painter.drawText(self.rect(x, y, width, height), flags, text)

    def line(self, x1: float, y1: float, x2: float, y2: float) -> None:
        s = self.scale
        self.painter.drawLine(round(x1 * s), round(y1 * s), round(x2 * s), round(y2 * s))


def paint_delivery_note(device: QPagedPaintDevice, dpi: float, page_mm: QSizeF, note: DeliveryNoteData,
                        geometry: Geometry = Geometry()) -> int:
    """Paint every page of `note` on `device` (a QPrinter or QPdfWriter) and return the page count."""
    def paint_page(canvas: _Canvas, lines: tuple[PrintLine, ...], page_index: int, pages: int, first_line_no: int) -> None:
        _paint_page(canvas, page_mm, geometry, note, lines, page_index, pages, first_line_no)

    # The freight and discount row sits above the total on the last page, so it takes one table row.
    per_page = max(1, rows_per_page(page_mm, geometry) - (1 if has_charges(note) else 0))
    return paint_pages(device, dpi, note.lines, per_page, paint_page)


def paint_pages(device: QPagedPaintDevice, dpi: float, lines: tuple[PrintLine, ...], per_page: int, paint_page) -> int:
    """Split `lines` into pages of `per_page` and call `paint_page` for each; return the page count.

    `paint_page(canvas, page_lines, page_index, pages, first_line_no)` paints one
    page with the bundled CJK font and a 0.25 mm black pen already set.
    """
    pages = [lines[start:start + per_page] for start in range(0, len(lines), per_page)] or [()]
    painter = QPainter()
    if not painter.begin(device):
        raise RuntimeError("could not start painting on the printer or PDF file")
    try:
        canvas = _Canvas(painter, dpi, print_font_family())
        pen = QPen(Qt.GlobalColor.black)
        pen.setWidthF(0.25 * canvas.scale)
        painter.setPen(pen)
        for page_index, page_lines in enumerate(pages):
            if page_index > 0:
                device.newPage()
            paint_page(canvas, page_lines, page_index, len(pages), page_index * per_page)
    finally:
        painter.end()
    return len(pages)


def _paint_page(canvas: _Canvas, page_mm: QSizeF, g: Geometry, note: DeliveryNoteData, lines: tuple[PrintLine, ...],
                page_index: int, pages: int, first_line_no: int) -> None:
    translate = QCoreApplication.translate
    left = g.margin_left
    width = page_mm.width() - g.margin_left - g.margin_right
    y = paint_title(canvas, page_mm, g, note.company, translate("DeliveryNoteLayout", "Delivery note"))

    canvas.font(9)
    half = width / 2
    canvas.text(left, y, half, 5, translate("DeliveryNoteLayout", "Customer: {name}").format(name=note.customer_name))
    canvas.text(left + half, y, half, 5, translate("DeliveryNoteLayout", "No.: {number}").format(number=note.number),
                Qt.AlignmentFlag.AlignRight)
    canvas.text(left, y + 5, half, 5, translate("DeliveryNoteLayout", "Address: {address}").format(address=note.address))
    canvas.text(left + half, y + 5, half / 2, 5, translate("DeliveryNoteLayout", "Phone: {phone}").format(phone=note.phone))
    canvas.text(left + half * 1.5, y + 5, half / 2, 5,
                translate("DeliveryNoteLayout", "Date: {date}").format(date=note.document_date.isoformat()),
                Qt.AlignmentFlag.AlignRight)
    y += g.header_height
    y = paint_lines_table(canvas, page_mm, g, note, lines, y, first_line_no)
    if page_index == pages - 1:
        if has_charges(note):
            y = paint_charges(canvas, page_mm, g, y, note)
        paint_total(canvas, page_mm, g, y, note.total)
    paint_footer(canvas, page_mm, g, page_index, pages, (
        translate("DeliveryNoteLayout", "Shipped by:"),
        translate("DeliveryNoteLayout", "Received by (signature):"),
    ))


def paint_title(canvas: _Canvas, page_mm: QSizeF, g: Geometry, company: str, title: str) -> float:
    """Paint the company name and the document's title, centred; return the y below them."""
    left = g.margin_left
    width = page_mm.width() - g.margin_left - g.margin_right
    y = g.margin_top
    canvas.font(13, bold=True)
    canvas.text(left, y, width, 7, company, Qt.AlignmentFlag.AlignHCenter)
    canvas.font(12, bold=True)
    canvas.text(left, y + 7, width, 7, title, Qt.AlignmentFlag.AlignHCenter)
    return y + g.title_height


def paint_lines_table(canvas: _Canvas, page_mm: QSizeF, g: Geometry, note, lines: tuple[PrintLine, ...], y: float,
                      first_line_no: int) -> float:
    """Paint the column titles and `lines` of `note` from `y` down; return the y below the last row."""
    translate = QCoreApplication.translate
    left = g.margin_left
    width = page_mm.width() - g.margin_left - g.margin_right
    # Every page of one note has the same columns: the discount column shows
    # when any line of the note has a discount, so each row reads
    # quantity × price − discount = amount.
    with_discount = has_discount(note)
    columns = _columns(left, width, g, with_discount)
    titles = [
        translate("DeliveryNoteLayout", "No."),
        translate("DeliveryNoteLayout", "Product"),
        translate("DeliveryNoteLayout", "Unit"),
        translate("DeliveryNoteLayout", "Quantity"),
        translate("DeliveryNoteLayout", "Price"),
        translate("DeliveryNoteLayout", "Amount"),
    ]
    if with_discount:
        titles.insert(5, translate("DeliveryNoteLayout", "Discount"))
    canvas.font(9, bold=True)
    _table_row(canvas, columns, y, g.row_height, titles)
    y += g.row_height
    canvas.font(9)
    for offset, line in enumerate(lines):
        cells = [
            str(first_line_no + offset + 1),
            line.product,
            line.unit,
            format_quantity(line.quantity),
            format_price(line.unit_price),
            format_money(line.amount),
        ]
        if with_discount:
            cells.insert(5, format_money(line.discount) if line.discount else "")
        _table_row(canvas, columns, y, g.row_height, cells)
        y += g.row_height
    return y


def paint_total(canvas: _Canvas, page_mm: QSizeF, g: Geometry, y: float, total) -> None:
    """Paint the total row at `y`: the amount in Chinese capitals on the left, in figures on the right."""
    translate = QCoreApplication.translate
    left = g.margin_left
    width = page_mm.width() - g.margin_left - g.margin_right
    canvas.font(9, bold=True)
    canvas.painter.drawRect(canvas.rect(left, y, width, g.row_height))
    label = translate("DeliveryNoteLayout", "Total (in capitals): {capitals}").format(
        capitals=amount_in_capitals(total)
    )
    canvas.text(left + 1.5, y, width * 0.7, g.row_height, label)
    canvas.text(left + width * 0.7, y, width * 0.3 - 1.5, g.row_height,
                translate("DeliveryNoteLayout", "Total: ¥{amount}").format(amount=format_money(total)),
                Qt.AlignmentFlag.AlignRight)


def paint_charges(canvas: _Canvas, page_mm: QSizeF, g: Geometry, y: float, note: DeliveryNoteData) -> float:
    """Paint the nonzero freight and document discount in one row at `y`; return the y below it."""
    translate = QCoreApplication.translate
    left = g.margin_left
    width = page_mm.width() - g.margin_left - g.margin_right
    parts = []
    if note.freight:
        parts.append(translate("DeliveryNoteLayout", "Freight: ¥{amount}").format(amount=format_money(note.freight)))
    if note.document_discount:
        parts.append(translate("DeliveryNoteLayout", "Document discount: −¥{amount}").format(
            amount=format_money(note.document_discount)))
    canvas.font(9)
    canvas.painter.drawRect(canvas.rect(left, y, width, g.row_height))
    canvas.text(left + 1.5, y, width - 3, g.row_height, "    ".join(parts), Qt.AlignmentFlag.AlignRight)
    return y + g.row_height


def paint_footer(canvas: _Canvas, page_mm: QSizeF, g: Geometry, page_index: int, pages: int,
                 signatures: tuple[str, ...]) -> None:
    """Paint up to three signature labels side by side and the page number at the foot of the page."""
    translate = QCoreApplication.translate
    left = g.margin_left
    width = page_mm.width() - g.margin_left - g.margin_right
    footer_y = page_mm.height() - g.margin_bottom - g.footer_height
    canvas.font(9)
    third = width / 3
    for index, label in enumerate(signatures[:3]):
        canvas.text(left + third * index, footer_y + 4, third, 5, label)
    canvas.text(left, footer_y + 10, width, 5,
                translate("DeliveryNoteLayout", "Page {page} of {pages}").format(page=page_index + 1, pages=pages),
                Qt.AlignmentFlag.AlignHCenter)


def has_charges(note: DeliveryNoteData) -> bool:
    """Return whether `note` bills freight or a document discount, which print in a row above the total."""
    return bool(note.freight or note.document_discount)


def has_discount(note: DeliveryNoteData) -> bool:
    """Return whether any line of `note` has a discount, so the note prints a discount column."""
    return any(line.discount for line in note.lines)


def _columns(left: float, width: float, g: Geometry, with_discount: bool) -> list[tuple[float, float, Qt.AlignmentFlag]]:
    aligns = [
        Qt.AlignmentFlag.AlignHCenter, Qt.AlignmentFlag.AlignLeft, Qt.AlignmentFlag.AlignHCenter,
        Qt.AlignmentFlag.AlignRight, Qt.AlignmentFlag.AlignRight, Qt.AlignmentFlag.AlignRight,
    ]
    shares = g.column_shares
    if with_discount:
        aligns.append(Qt.AlignmentFlag.AlignRight)
        shares = g.discount_column_shares
    columns = []
    x = left
    for share, align in zip(shares, aligns):
        columns.append((x, width * share, align))
        x += width * share
    return columns


def _table_row(canvas: _Canvas, columns, y: float, height: float, cells) -> None:
    padding = 1.5
    for (x, width, align), text in zip(columns, cells):
        canvas.painter.drawRect(canvas.rect(x, y, width, height))
        canvas.text(x + padding, y, width - 2 * padding, height, text, align)
