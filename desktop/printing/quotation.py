"""The printed quotation (报价单) on A4 portrait: content read from the replica, layout, PDF and preview.

The layout follows the delivery note's (desktop.printing.layout): millimetres
from the paper's top-left corner, fonts in points, the bundled CJK font, and
the full page owned by the layout. Gift lines print with amount zero and
the word for gift after the product.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import pathlib
from decimal import Decimal

from PySide6.QtCore import QCoreApplication, QSizeF, Qt
from PySide6.QtGui import QPagedPaintDevice, QPainter, QPdfWriter, QPen
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QWidget
from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.models.order_format import format_money, format_price, format_quantity
from desktop.printing.capitals import amount_in_capitals
from desktop.printing.delivery_note import PrintLine, company_name, line_discount
from desktop.printing.layout import _Canvas, _table_row, page_layout, print_font_family
from desktop.printing.output import PDF_DPI
from domain.models import Customer, Product, Quotation, QuotationLine

log = logging.getLogger(__name__)

CONTEXT = "QuotationLayout"
A4_PORTRAIT_MM = QSizeF(210.0, 297.0)
MARGIN_MM = 15.0
ROW_MM = 7.0
# Column shares of the table width: No., product, unit, quantity, price, discount, amount.
COLUMN_SHARES = (0.06, 0.36, 0.08, 0.11, 0.13, 0.12, 0.14)
# Rows that fit below the header and above the totals and footer on one A4 page.
ROWS_PER_PAGE = 28


@dataclasses.dataclass(frozen=True)
class QuotationPrint:
    company: str
    number: str
    document_date: dt.date
    valid_until: dt.date | None
    customer_name: str
    address: str
    phone: str
    lines: tuple[PrintLine, ...]
    prices_include_tax: bool
    tax_amount: Decimal
    total: Decimal
    gift_rows: frozenset[int] = frozenset()  # indexes into `lines` of gift lines


def load_quotation_print(session: Session, quotation_id: str) -> QuotationPrint:
    """Read quotation `quotation_id` and its lines; raises LookupError when it is not in the replica."""
    quotation = session.get(Quotation, quotation_id)
    if quotation is None:
        raise LookupError(f"quotation {quotation_id} not found in the replica")
    customer = session.get(Customer, quotation.customer_id)
    rows = session.execute(
        select(QuotationLine, Product.code, Product.name)
        .join(Product, Product.id == QuotationLine.product_id)
        .where(QuotationLine.quotation_id == quotation_id)
        .order_by(QuotationLine.line_no)
    ).all()
    lines = tuple(
        PrintLine(f"{code} {name}", line.unit_name, line.quantity, line.unit_price, line.amount,
                  line_discount(line.quantity, line.unit_price, line.amount))
        for line, code, name in rows
    )
    return QuotationPrint(
        company=company_name(session, quotation.department_id),
        number=quotation.number,
        document_date=quotation.document_date,
        valid_until=quotation.valid_until,
        customer_name=customer.name if customer else "",
        address=(customer.address if customer else "") or "",
        phone=(customer.phone if customer else "") or "",
        lines=lines,
        prices_include_tax=quotation.prices_include_tax,
        tax_amount=quotation.tax_amount,
        total=quotation.total_amount,
        gift_rows=frozenset(index for index, (line, _code, _name) in enumerate(rows) if line.is_gift),
    )


def paint_quotation(device: QPagedPaintDevice, dpi: float, quotation: QuotationPrint) -> int:
    """Paint every page of the quotation on a QPrinter or QPdfWriter; returns the page count."""
    pages = [quotation.lines[start:start + ROWS_PER_PAGE]
             for start in range(0, len(quotation.lines), ROWS_PER_PAGE)] or [()]
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
            _paint_page(canvas, quotation, page_lines, page_index, len(pages))
    finally:
        painter.end()
    return len(pages)


def _paint_page(canvas: _Canvas, quotation: QuotationPrint, lines: tuple[PrintLine, ...], page_index: int,
                pages: int) -> None:
    translate = QCoreApplication.translate
    left, width = MARGIN_MM, A4_PORTRAIT_MM.width() - 2 * MARGIN_MM
    y = MARGIN_MM
    canvas.font(15, bold=True)
    canvas.text(left, y, width, 9, quotation.company, Qt.AlignmentFlag.AlignHCenter)
    canvas.font(14, bold=True)
    canvas.text(left, y + 9, width, 9, translate("QuotationLayout", "Quotation"), Qt.AlignmentFlag.AlignHCenter)
    y += 22

    canvas.font(10)
    half = width / 2
    valid_until = quotation.valid_until.isoformat() if quotation.valid_until else ""
    header = (
        (translate("QuotationLayout", "Customer: {name}").format(name=quotation.customer_name),
         translate("QuotationLayout", "No.: {number}").format(number=quotation.number)),
        (translate("QuotationLayout", "Address: {address}").format(address=quotation.address),
         translate("QuotationLayout", "Date: {date}").format(date=quotation.document_date.isoformat())),
        (translate("QuotationLayout", "Phone: {phone}").format(phone=quotation.phone),
         translate("QuotationLayout", "Valid until: {date}").format(date=valid_until)),
    )
    for left_text, right_text in header:
        canvas.text(left, y, half, 6, left_text)
        canvas.text(left + half, y, half, 6, right_text, Qt.AlignmentFlag.AlignRight)
        y += 6
    y += 3

    columns = []
    x = left
    aligns = (Qt.AlignmentFlag.AlignHCenter, Qt.AlignmentFlag.AlignLeft, Qt.AlignmentFlag.AlignHCenter) + (
        Qt.AlignmentFlag.AlignRight,) * 4
    for share, align in zip(COLUMN_SHARES, aligns):
        columns.append((x, width * share, align))
        x += width * share
    price_title = (translate("QuotationLayout", "Price incl. tax") if quotation.prices_include_tax
                   else translate("QuotationLayout", "Price excl. tax"))
    titles = [translate("QuotationLayout", "No."), translate("QuotationLayout", "Product"), translate("QuotationLayout", "Unit"),
              translate("QuotationLayout", "Quantity"), price_title, translate("QuotationLayout", "Discount"), translate("QuotationLayout", "Amount")]
    canvas.font(9.5, bold=True)
    _table_row(canvas, columns, y, ROW_MM, titles)
    y += ROW_MM
    canvas.font(9.5)
    first = page_index * ROWS_PER_PAGE
    for offset, line in enumerate(lines):
        product = line.product
        if first + offset in quotation.gift_rows:
            product = translate("QuotationLayout", "{product} (gift)").format(product=product)
        cells = [str(first + offset + 1), product, line.unit, format_quantity(line.quantity),
                 format_price(line.unit_price), format_money(line.discount) if line.discount else "",
                 format_money(line.amount)]
        _table_row(canvas, columns, y, ROW_MM, cells)
        y += ROW_MM

    if page_index == pages - 1:
        canvas.font(10, bold=True)
        canvas.painter.drawRect(canvas.rect(left, y, width, ROW_MM))
        canvas.text(left + 1.5, y, width * 0.7, ROW_MM, translate("QuotationLayout", "Total (in capitals): {capitals}").format(
            capitals=amount_in_capitals(quotation.total)))
        canvas.text(left + width * 0.7, y, width * 0.3 - 1.5, ROW_MM,
                    translate("QuotationLayout", "Total: ¥{amount}").format(amount=format_money(quotation.total)),
                    Qt.AlignmentFlag.AlignRight)
        y += ROW_MM + 2
        canvas.font(9.5)
        canvas.text(left, y, width, 6, translate("QuotationLayout", "Of which tax: ¥{amount}").format(
            amount=format_money(quotation.tax_amount)))
        validity = translate("QuotationLayout", "These prices hold until {date}. Sign and return this quotation to place the order.")
        canvas.text(left, y + 6, width, 6, validity.format(date=valid_until))

    footer_y = A4_PORTRAIT_MM.height() - MARGIN_MM - 12
    canvas.font(9.5)
    canvas.text(left, footer_y, half, 6, translate("QuotationLayout", "Quoted by:"))
    canvas.text(left + half, footer_y, half, 6, translate("QuotationLayout", "Accepted by (signature and stamp):"))
    canvas.text(left, footer_y + 6, width, 6,
                translate("QuotationLayout", "Page {page} of {pages}").format(page=page_index + 1, pages=pages),
                Qt.AlignmentFlag.AlignHCenter)


def write_quotation_pdf(quotation: QuotationPrint, path: str | pathlib.Path) -> int:
    """Write the quotation to the PDF file `path`; returns the page count."""
    writer = QPdfWriter(str(path))
    writer.setResolution(PDF_DPI)
    writer.setPageLayout(page_layout(A4_PORTRAIT_MM))
    writer.setTitle(QCoreApplication.translate("QuotationLayout", "Quotation {number}").format(number=quotation.number))
    writer.setCreator("Kaidan")
    pages = paint_quotation(writer, writer.resolution(), quotation)
    del writer  # the file is complete only once the writer is destroyed
    log.info("wrote quotation %s to %s (%d pages)", quotation.number, path, pages)
    return pages


def open_quotation_preview(parent: QWidget | None, quotation: QuotationPrint) -> QPrintPreviewDialog:
    """Open the print preview of the quotation without blocking; its Print button prints or saves a PDF."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setFullPage(True)
    if not printer.setPageLayout(page_layout(A4_PORTRAIT_MM)):
        log.warning("the printer %r did not accept the A4 page", printer.printerName())
    printer.setDocName(quotation.number)
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle(QCoreApplication.translate("QuotationLayout", "Print preview: quotation {number}").format(
        number=quotation.number))
    dialog.paintRequested.connect(lambda target: paint_quotation(target, target.resolution(), quotation))
    # The dialog does not own the printer: keep it alive as long as the dialog.
    dialog.kaidan_printer = printer
    dialog.open()
    return dialog
