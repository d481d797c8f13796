"""Plain-text printing for dot-matrix printers, laid out from the same template as the painted page.

Each field lands on a character grid: its millimetre position divided by the
template's pitch (characters per inch) gives its column, and fields that
share a y position share a line. CJK characters count as two columns, as a
dot-matrix printer prints them. Every page is padded to the form length and
ends with a form feed, so a torn-off form never shifts the next one. The
bytes sent start with ESC/P commands: reset, the line spacing and the form
length in lines (ESC C n), then GB18030 text.
"""

from __future__ import annotations

import logging
import unicodedata

from desktop.printing.pagination import Page, PrintDocument, paginate, summary_rows, visible_columns
from desktop.printing.template_engine import fill_text, page_values
from desktop.printing.template_model import FieldSpec, TemplateSpec, TextModeSpec

log = logging.getLogger(__name__)

ESC = b"\x1b"
FORM_FEED = "\f"
LINE_END = "\r\n"
# Lines per page besides the goods rows: the table's titles and two rules.
TABLE_FRAME_LINES = 3


class TextModeError(ValueError):
    """The template cannot print as text: no text mode settings, or its lines do not fit the form."""


def display_width(text: str) -> int:
    """Return the columns `text` takes on a dot-matrix printer: two for a wide (CJK) character, one otherwise."""
    return sum(2 if unicodedata.east_asian_width(char) in ("W", "F") else 1 for char in text)


def fit(text: str, width: int, align: str = "left") -> str:
    """Cut `text` to `width` columns without splitting a wide character, then pad it to exactly `width`."""
    kept = []
    used = 0
    for char in text:
        char_width = display_width(char)
        if used + char_width > width:
            break
        kept.append(char)
        used += char_width
    cut = "".join(kept)
    space = width - used
    if align == "right":
        return " " * space + cut
    if align == "center":
        return " " * (space // 2) + cut + " " * (space - space // 2)
    return cut + " " * space


class _Line:
    """One text line as a list of cells, one per column, so wide characters can be overlaid by column."""

    def __init__(self, width: int) -> None:
        self.cells: list[str] = [" "] * width

    def put(self, column: int, text: str) -> None:
        for char in text:
            char_width = display_width(char)
            if column < 0 or column + char_width > len(self.cells):
                return
            self.cells[column] = char
            # The second column of a wide character is empty, so joining the cells skips it.
            for extra in range(1, char_width):
                self.cells[column + extra] = ""
            column += char_width

    def text(self) -> str:
        return "".join(self.cells).rstrip()


def _settings(template: TemplateSpec) -> TextModeSpec:
    if template.text_mode is None:
        raise TextModeError(f"print template {template.name!r} has no text mode settings")
    return template.text_mode


def _field_lines(fields: list[FieldSpec], template: TemplateSpec, values, settings: TextModeSpec) -> list[str]:
    """Place text fields on lines: one line per distinct y (to 0.5 mm), each field at its column."""
    left = min((field.x_mm for field in template.fields), default=0.0)
    rows: dict[float, _Line] = {}
    for field in sorted(fields, key=lambda field: (field.y_mm, field.x_mm)):
        # An empty field still keeps its line, so the lines below it stay where the template puts them.
        line = rows.setdefault(round(field.y_mm * 2) / 2, _Line(settings.line_width))
        text = fill_text(field.text, values)
        if not text:
            continue
        column = settings.characters(field.x_mm - left)
        width = min(settings.characters(field.width_mm), settings.line_width - column)
        line.put(column, fit(text, width, field.align))
    return [rows[y].text() for y in sorted(rows)]


def _table_lines(template: TemplateSpec, document: PrintDocument, page: Page, rows: int, values,
                 settings: TextModeSpec) -> list[str]:
    columns = visible_columns(template.columns, document.rows)
    widths = [max(1, settings.characters(column.width_mm) - 1) for column in columns]
    table_width = min(settings.line_width, sum(width + 1 for width in widths))

    def row_text(cells: list[str], aligns: list[str]) -> str:
        return " ".join(fit(cell, width, align) for cell, width, align in zip(cells, widths, aligns)).rstrip()

    lines = [row_text([fill_text(column.title, values) for column in columns], [column.align for column in columns]),
             "-" * table_width]
    for offset, row in enumerate(page.rows):
        cells = [str(page.first_line_no + offset + 1) if column.field == "no" else row.cells.get(column.field, "")
                 for column in columns]
        lines.append(row_text(cells, [column.align for column in columns]))
    blank = rows - len(page.rows) if template.fill_blank_rows else 0
    lines.extend([""] * blank)
    lines.append("-" * table_width)
    for kind in summary_rows(template.table.summary, document):
        if kind == "page_subtotal":
            lines.append(fit(fill_text("Page subtotal: ¥{page_subtotal}", values), table_width, "right").rstrip())
        elif kind == "charges":
            charges = "    ".join(document.charges) if page.is_last else ""
            lines.append(fit(charges, table_width, "right").rstrip())
        elif kind == "total":
            if page.is_last:
                total = fill_text("Total: ¥{total}", values)
                room = max(0, table_width - display_width(total) - 1)
                capitals = fit(fill_text("Total (in capitals): {total_capitals}", values), room)
                lines.append(capitals + " " + fit(total, table_width - room - 1, "right"))
            else:
                lines.append(fit(fill_text("Continued on the next page", values), table_width, "right").rstrip())
    return lines


def text_rows_per_page(template: TemplateSpec) -> int:
    """Return the goods rows per form: the text mode's own count, else the template's, cut to fit the form."""
    settings = _settings(template)
    table = template.table
    fixed = TABLE_FRAME_LINES + len(table.summary) + len({
        round(field.y_mm * 2) for field in template.fields if field.kind == "text"
    })
    rows = min(settings.rows_per_page or template.rows_per_page, settings.form_lines - fixed)
    if rows < 1:
        raise TextModeError(
            f"print template {template.name!r} needs more than the form's {settings.form_lines} lines in text mode; "
            "raise form_lines or remove fields"
        )
    return rows


def text_pages(template: TemplateSpec, document: PrintDocument) -> list[list[str]]:
    """Return each form's lines, exactly form_lines of them per form."""
    settings = _settings(template)
    rows = text_rows_per_page(template)
    table_y = template.table.y_mm
    pages = []
    for page in paginate(document.rows, rows):
        values = page_values(document, page)
        shown = [field for field in template.fields if field.kind == "text" and field.prints_on(page.index, page.count)]
        above = _field_lines([field for field in shown if field.y_mm < table_y], template, values, settings)
        below = _field_lines([field for field in shown if field.y_mm >= table_y], template, values, settings)
        lines = above + _table_lines(template, document, page, rows, values, settings) + below
        lines = lines[:settings.form_lines] + [""] * (settings.form_lines - len(lines))
        pages.append(lines)
    return pages


def render_text(template: TemplateSpec, document: PrintDocument) -> str:
    """Return the whole document as text: each form's lines, the last one followed by a form feed."""
    return "".join(LINE_END.join(lines) + FORM_FEED for lines in text_pages(template, document))


def escp_bytes(template: TemplateSpec, document: PrintDocument) -> bytes:
    """Return the bytes for a dot-matrix printer: ESC @, the line spacing, ESC C form length, then the text."""
    settings = _settings(template)
    spacing = ESC + (b"0" if settings.lines_per_inch == 8 else b"2")  # ESC 0 is 1/8 inch, ESC 2 is 1/6 inch
    form_length = ESC + b"C" + bytes([settings.form_lines])
    return ESC + b"@" + spacing + form_length + render_text(template, document).encode(settings.encoding, "replace")

