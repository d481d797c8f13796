"""Paint a PrintDocument through a print template on a printer or PDF writer, in millimetres and points.

Every page gets the template's fields (texts with {placeholders}, the QR code
of the document number), the table's column titles, a fixed number of line
rows (blank rows fill the last page when the template sets fill_blank_rows), the page
subtotal, and on the last page the charges row and the total with the amount
in Chinese capitals. Field texts and column titles are translated in context
"PrintTemplate" before the values are filled in. A template for a pre-printed
form (套打) prints only the values: no labels, titles, lines or blank rows.
"""

from __future__ import annotations

import logging
import string
from collections.abc import Mapping

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QPagedPaintDevice, QPainter, QPen

from desktop.models.order_format import format_money
from desktop.printing.barcode import draw_qr_code
from desktop.printing.capitals import amount_in_capitals
from desktop.printing.layout import Canvas, print_font_family
from desktop.printing.pagination import Page, PrintDocument, paginate, summary_rows, visible_columns
from desktop.printing.template_model import ColumnSpec, FieldSpec, TemplateSpec

log = logging.getLogger(__name__)

CONTEXT = "PrintTemplate"
ALIGN = {
    "left": Qt.AlignmentFlag.AlignLeft,
    "center": Qt.AlignmentFlag.AlignHCenter,
    "right": Qt.AlignmentFlag.AlignRight,
}
CELL_PADDING_MM = 1.5
PEN_WIDTH_MM = 0.25


class _Values(dict):
    """Placeholder values; a placeholder the document does not fill prints empty instead of failing."""

    def __missing__(self, key: str) -> str:
        return ""


def fill_text(text: str, values: Mapping[str, str]) -> str:
    """Translate a template text and fill in its {placeholders}.

    A text an administrator typed with a stray brace prints as typed, because
    a layout mistake must not stop a delivery from being printed.
    """
    translated = QCoreApplication.translate(CONTEXT, text) if text else ""
    try:
        return string.Formatter().vformat(translated, (), _Values(values))
    except (ValueError, IndexError, AttributeError) as error:
        log.warning("print template text %r has invalid placeholders (%s); printing it as written", text, error)
        return translated


def fill_values_only(text: str, values: Mapping[str, str]) -> str:
    """Return the values of the {placeholders} in `text`, space separated, without its other words.

    A pre-printed form (套打) already carries the labels, such as 客户： or
    the column titles, so only the values go on the paper.
    """
    try:
        names = [name for _literal, name, _spec, _conversion in string.Formatter().parse(text) if name]
    except ValueError as error:
        log.warning("print template text %r has invalid placeholders (%s); printing nothing for it", text, error)
        return ""
    return " ".join(filled for filled in (str(values.get(name, "")) for name in names) if filled)


def page_values(document: PrintDocument, page: Page) -> dict[str, str]:
    """Return the document's values plus those of `page`: its number, the page count and the page subtotal."""
    values = dict(document.values)
    values.update(
        page=str(page.index + 1),
        pages=str(page.count),
        page_subtotal=format_money(page.subtotal),
        total=format_money(document.total),
        total_capitals=amount_in_capitals(document.total),
    )
    return values


def paint_document(device: QPagedPaintDevice, dpi: float, template: TemplateSpec, document: PrintDocument,
                   offset_mm: tuple[float, float] = (0.0, 0.0)) -> int:
    """Paint every page of `document` on `device` through `template`; return the page count.

    The device must print the full page at the template's paper size.
    `offset_mm` shifts everything right and down to correct a printer that
    feeds or prints off centre.
    """
    pages = paginate(document.rows, template.rows_per_page)
    columns = visible_columns(template.columns, document.rows)
    painter = QPainter()
    if not painter.begin(device):
        raise RuntimeError("could not start painting on the printer or PDF file")
    try:
        canvas = Canvas(painter, dpi, print_font_family())
        pen = QPen(Qt.GlobalColor.black)
        pen.setWidthF(PEN_WIDTH_MM * canvas.scale)
        painter.setPen(pen)
        painter.translate(offset_mm[0] * canvas.scale, offset_mm[1] * canvas.scale)
        for page in pages:
            if page.index > 0:
                device.newPage()
            _paint_page(canvas, template, document, page, columns)
    finally:
        painter.end()
    log.debug("painted %s %s with template %s on %d pages", document.document_type, document.number,
              template.id, len(pages))
    return len(pages)


def _paint_page(canvas: Canvas, template: TemplateSpec, document: PrintDocument, page: Page,
                columns: list[ColumnSpec]) -> None:
    values = page_values(document, page)
    fill = fill_values_only if template.preprinted_form else fill_text
    for field in template.fields:
        if not field.prints_on(page.index, page.count):
            continue
        if field.kind == "table":
            _paint_table(canvas, template, field, document, page, columns, values)
        elif field.kind == "qr_code":
            data = fill_text(field.text, values)  # a code's text is its value on any paper
            draw_qr_code(canvas.painter, canvas.rect(field.x_mm, field.y_mm, field.width_mm, field.height_mm), data)
        else:
            text = fill(field.text, values)
            if text:
                canvas.font(field.font_pt, field.bold)
                canvas.text(field.x_mm, field.y_mm, field.width_mm, field.height_mm, text,
                            ALIGN.get(field.align, Qt.AlignmentFlag.AlignLeft))


def _paint_table(canvas: Canvas, template: TemplateSpec, table: FieldSpec, document: PrintDocument, page: Page,
                 columns: list[ColumnSpec], values: Mapping[str, str]) -> None:
    """Paint the table of `page`; on a pre-printed form only the cell values, without titles, lines or labels."""
    preprinted = template.preprinted_form
    row_height = table.row_height_mm
    y = table.y_mm
    canvas.font(table.font_pt, bold=True)
    if not preprinted:
        _row(canvas, table.x_mm, y, row_height, columns, [fill_text(column.title, values) for column in columns])
    y += row_height

    canvas.font(table.font_pt)
    for offset, row in enumerate(page.rows):
        cells = [str(page.first_line_no + offset + 1) if column.field == "no" else row.cells.get(column.field, "")
                 for column in columns]
        _row(canvas, table.x_mm, y, row_height, columns, cells, borders=not preprinted)
        y += row_height
    blank_rows = template.rows_per_page - len(page.rows) if template.fill_blank_rows and not preprinted else 0
    for _ in range(blank_rows):
        _row(canvas, table.x_mm, y, row_height, columns, [""] * len(columns))
        y += row_height
    y = table.y_mm + row_height * (1 + template.rows_per_page) if preprinted else y

    fill = fill_values_only if preprinted else fill_text
    width = sum(column.width_mm for column in columns)
    for kind in summary_rows(table.summary, document):
        left_text = right_text = ""
        if kind == "page_subtotal":
            right_text = fill("Page subtotal: ¥{page_subtotal}", values)
        elif kind == "charges":
            # The row is reserved on every page so the table keeps its height, and filled on the last.
            right_text = "    ".join(document.charges) if page.is_last else ""
        elif kind == "total" and page.is_last:
            canvas.font(table.font_pt, bold=True)
            left_text = fill("Total (in capitals): {total_capitals}", values)
            right_text = fill("Total: ¥{total}", values)
        elif kind == "total" and not preprinted:
            right_text = fill_text("Continued on the next page", values)
        _summary_row(canvas, table, y, width, left_text, right_text, borders=not preprinted)
        canvas.font(table.font_pt)
        y += row_height


def _row(canvas: Canvas, x: float, y: float, height: float, columns: list[ColumnSpec], cells: list[str],
         borders: bool = True) -> None:
    for column, text in zip(columns, cells):
        if borders:
            canvas.painter.drawRect(canvas.rect(x, y, column.width_mm, height))
        if text:
            canvas.text(x + CELL_PADDING_MM, y, column.width_mm - 2 * CELL_PADDING_MM, height, text,
                        ALIGN.get(column.align, Qt.AlignmentFlag.AlignLeft))
        x += column.width_mm


def _summary_row(canvas: Canvas, table: FieldSpec, y: float, width: float, left_text: str, right_text: str,
                 borders: bool = True) -> None:
    height = table.row_height_mm
    if borders:
        canvas.painter.drawRect(canvas.rect(table.x_mm, y, width, height))
    inner = width - 2 * CELL_PADDING_MM
    if left_text:
        canvas.text(table.x_mm + CELL_PADDING_MM, y, inner * 0.7, height, left_text)
    if right_text:
        canvas.text(table.x_mm + CELL_PADDING_MM, y, inner, height, right_text, Qt.AlignmentFlag.AlignRight)
