"""The default print templates of the sales documents and the warehouse documents, as data.

A template is the JSON-ready dict that the `print_template.save` command
stores in a PrintTemplate row: the paper in millimetres, the margins, placed
fields and table columns in millimetres, fonts in points, rows per page and
the dot-matrix text mode. The desktop prints with these defaults when its
replica holds no saved template for a document type and paper, and an
administrator saves them to the server to start editing.

Field texts and column titles are English source strings with {placeholders}
for the document's values. The desktop translates them before filling them
in (context "PrintTemplate"), so a text an administrator types in Chinese
prints unchanged. No Qt here: the server and the command handlers use it.
"""

from __future__ import annotations

import dataclasses
import math
from decimal import Decimal
from typing import Any

from domain.ids import key_id
from domain.models.printing import Orientation, PaperSize, PrintTemplate

MM_PER_INCH = 25.4

DOCUMENT_TYPES = ("delivery_note", "sales_return", "quotation", "sales_order", "goods_receipt", "stock_transfer")

# Paper sizes in millimetres, portrait. Continuous forms are 241 mm wide pin-feed
# paper: 11 inches per page whole, 5.5 inches halved (二等分), a third (三等分).
PAPER_MM: dict[str, tuple[float, float]] = {
    PaperSize.A4.value: (210.0, 297.0),
    PaperSize.A5.value: (148.0, 210.0),
    PaperSize.CONTINUOUS_FULL.value: (241.0, 279.4),
    PaperSize.CONTINUOUS_HALF.value: (241.0, 139.7),
    PaperSize.CONTINUOUS_THIRD.value: (241.0, 93.1),
}

FIELD_KINDS = ("text", "qr_code", "table")
ALIGNMENTS = ("left", "center", "right")
# The pages a field prints on.
PAGE_SETS = ("all", "first", "last")
# The table cells a column can show; "no" is the line number, "batch" and "expiry" a warehouse line's batch
# number and expiry date.
COLUMN_FIELDS = ("no", "product", "unit", "quantity", "price", "discount", "amount", "batch", "expiry")
# Rows under the table's lines: the page subtotal on every page, the freight and
# document discount row and the total with the amount in capitals on the last page.
SUMMARY_ROWS = ("page_subtotal", "charges", "total")

_TITLES = {
    "delivery_note": "Delivery note",
    "sales_return": "Sales return note",
    "quotation": "Quotation",
    "sales_order": "Sales order",
    "goods_receipt": "Goods receipt",
    "stock_transfer": "Stock transfer",
}

# Header lines under the title: (text, share of the printable width, alignment) per cell.
_HEADER_LINES = {
    "delivery_note": (
        (("Customer: {customer_name}", 0.5, "left"), ("No.: {number}", 0.5, "right")),
        (("Address: {address}", 0.5, "left"), ("Phone: {phone}", 0.25, "left"), ("Date: {date}", 0.25, "right")),
    ),
    "sales_return": (
        (("Customer: {customer_name}", 0.5, "left"), ("No.: {number}", 0.5, "right")),
        (("Returned from delivery note: {delivery_number}", 0.5, "left"), ("Date: {date}", 0.5, "right")),
        (("Into warehouse: {warehouse_name}", 0.5, "left"), ("Reason: {reason}", 0.5, "right")),
    ),
    "quotation": (
        (("Customer: {customer_name}", 0.5, "left"), ("No.: {number}", 0.5, "right")),
        (("Address: {address}", 0.5, "left"), ("Date: {date}", 0.5, "right")),
        (("Phone: {phone}", 0.5, "left"), ("Valid until: {valid_until}", 0.5, "right")),
    ),
    "sales_order": (
        (("Customer: {customer_name}", 0.5, "left"), ("No.: {number}", 0.5, "right")),
        (("Address: {address}", 0.5, "left"), ("Phone: {phone}", 0.25, "left"), ("Date: {date}", 0.25, "right")),
        (("Delivery date wanted: {delivery_date_wanted}", 0.5, "left"), ("Salesperson: {salesperson}", 0.5, "right")),
    ),
    "goods_receipt": (
        (("Supplier: {supplier_name}", 0.5, "left"), ("No.: {number}", 0.5, "right")),
        (("Warehouse: {warehouse_name}", 0.5, "left"), ("Date: {date}", 0.5, "right")),
        (("Note: {note}", 1.0, "left"),),
    ),
    "stock_transfer": (
        (("From warehouse: {from_warehouse}", 0.5, "left"), ("No.: {number}", 0.5, "right")),
        (("To warehouse: {to_warehouse}", 0.5, "left"), ("Date: {date}", 0.5, "right")),
        (("Note: {note}", 1.0, "left"),),
    ),
}

# Lines printed under the table on the last page only.
_CLOSING_LINES = {
    "delivery_note": (),
    "sales_return": (),
    "quotation": (
        "Of which tax: ¥{tax_amount}",
        "These prices hold until {valid_until}. Sign and return this quotation to place the order.",
    ),
    "sales_order": (),
    "goods_receipt": (),
    "stock_transfer": (),
}

_SIGNATURES = {
    "delivery_note": ("Shipped by:", "Received by (signature):"),
    "sales_return": ("Returned by (customer):", "Received into stock by:", "Prepared by:"),
    "quotation": ("Quoted by:", "Accepted by (signature and stamp):"),
    "sales_order": ("Prepared by:", "Warehouse keeper:", "Customer confirmation (signature):"),
    # The deliverer is the supplier's driver or courier who brought the goods.
    "goods_receipt": ("Prepared by:", "Warehouse keeper:", "Delivered by:"),
    "stock_transfer": ("Prepared by:", "Warehouse keeper:", "Received by:"),
}

# (field, title, share of the table width, alignment, hidden when no line has a value).
_SALES_COLUMNS = (
    ("no", "No.", 0.06, "center", False),
    ("product", "Product", 0.32, "left", False),
    ("unit", "Unit", 0.07, "center", False),
    ("quantity", "Quantity", 0.12, "right", False),
    ("price", "Price", 0.13, "right", False),
    ("discount", "Discount", 0.12, "right", True),
    ("amount", "Amount", 0.18, "right", False),
)
# A receipt's unit cost and amount cells are empty for a role that may not see costs, so both columns hide then.
_RECEIPT_COLUMNS = (
    ("no", "No.", 0.06, "center", False),
    ("product", "Product", 0.28, "left", False),
    ("unit", "Unit", 0.07, "center", False),
    ("quantity", "Quantity", 0.11, "right", False),
    ("batch", "Batch", 0.14, "left", False),
    ("expiry", "Expiry date", 0.12, "center", False),
    ("price", "Unit cost", 0.10, "right", True),
    ("amount", "Amount", 0.12, "right", True),
)
# A transfer prints quantities only: it has no price of its own.
_TRANSFER_COLUMNS = (
    ("no", "No.", 0.06, "center", False),
    ("product", "Product", 0.42, "left", False),
    ("unit", "Unit", 0.08, "center", False),
    ("quantity", "Quantity", 0.14, "right", False),
    ("batch", "Batch", 0.16, "left", False),
    ("expiry", "Expiry date", 0.14, "center", False),
)
_COLUMNS = {
    "delivery_note": _SALES_COLUMNS,
    "sales_return": _SALES_COLUMNS,
    "quotation": _SALES_COLUMNS,
    "sales_order": _SALES_COLUMNS,
    "goods_receipt": _RECEIPT_COLUMNS,
    "stock_transfer": _TRANSFER_COLUMNS,
}

# The summary rows under each table; a document without money (a transfer) has none.
_SUMMARY = {
    "delivery_note": SUMMARY_ROWS,
    "sales_return": ("page_subtotal", "total"),
    "quotation": ("page_subtotal", "total"),
    "sales_order": SUMMARY_ROWS,
    "goods_receipt": ("page_subtotal", "total"),
    "stock_transfer": (),
}


@dataclasses.dataclass(frozen=True)
class _Metrics:
    """Millimetre measures and point sizes of a default layout; small paper gets the compact set."""

    margin_top: float
    margin_bottom: float
    margin_side: float
    company_height: float
    company_pt: float
    title_height: float
    title_pt: float
    line_height: float
    font_pt: float
    row_height: float
    qr_size: float
    footer_on_one_line: bool


_NORMAL = _Metrics(8.0, 8.0, 10.0, 7.0, 13.0, 7.0, 12.0, 5.0, 9.0, 6.0, 14.0, False)
# 三等分 paper is 93.1 mm high: one footer line and 4.5 mm rows leave room for nine lines.
_COMPACT = _Metrics(4.0, 4.0, 10.0, 5.5, 11.0, 5.0, 10.0, 4.5, 8.0, 4.5, 11.0, True)


def template_id(document_type: str, paper_size: str) -> str:
    """Return the id of the default template of a document type and paper, the same on every client."""
    return key_id("print_template", f"{document_type}:{paper_size}")


def paper_size_of(width_mm: float, height_mm: float) -> str:
    """Return the PaperSize value whose portrait size is within 0.5 mm of the given size, else "custom"."""
    for name, (width, height) in PAPER_MM.items():
        if abs(width - width_mm) <= 0.5 and abs(height - height_mm) <= 0.5:
            return name
    return PaperSize.CUSTOM.value


def _field(name: str, text: str, x: float, y: float, width: float, height: float, font_pt: float, *,
           bold: bool = False, align: str = "left", pages: str = "all", kind: str = "text") -> dict[str, Any]:
    return {
        "name": name, "kind": kind, "text": text,
        "x_mm": round(x, 2), "y_mm": round(y, 2), "width_mm": round(width, 2), "height_mm": round(height, 2),
        "font_pt": font_pt, "bold": bold, "align": align, "pages": pages,
    }


def default_template(document_type: str, paper_size: str,
                     custom_mm: tuple[float, float] | None = None) -> dict[str, Any]:
    """Build the default template of `document_type` on `paper_size`, a PaperSize value.

    A "custom" paper needs its portrait (width, height) in `custom_mm`.
    Raises ValueError for an unknown document type or paper size.
    """
    if document_type not in DOCUMENT_TYPES:
        raise ValueError(f"unknown document type {document_type!r}; expected one of {', '.join(DOCUMENT_TYPES)}")
    if paper_size == PaperSize.CUSTOM.value and custom_mm is not None:
        paper_width, paper_height = (round(float(custom_mm[0]), 2), round(float(custom_mm[1]), 2))
    elif paper_size in PAPER_MM:
        paper_width, paper_height = PAPER_MM[paper_size]
    else:
        raise ValueError(f"no default template for paper {paper_size!r}; expected one of {', '.join(PAPER_MM)}, "
                         "or custom with its size")
    m = _COMPACT if paper_height < 100 else _NORMAL
    left = m.margin_side
    width = paper_width - 2 * m.margin_side
    top = m.margin_top

    fields = [
        _field("company", "{company}", left, top, width, m.company_height, m.company_pt, bold=True, align="center"),
        _field("title", _TITLES[document_type], left, top + m.company_height, width, m.title_height, m.title_pt,
               bold=True, align="center"),
        _field("reprint_mark", "{reprint_mark}", left + width - 50, top, 50, 5, m.font_pt, bold=True, align="right"),
        _field("number_code", "{number}", left, top, m.qr_size, m.qr_size, m.font_pt, kind="qr_code"),
    ]
    y = top + m.company_height + m.title_height + 1
    for row_index, line in enumerate(_HEADER_LINES[document_type]):
        x = left
        for cell_index, (text, share, align) in enumerate(line):
            fields.append(_field(f"header_{row_index + 1}_{cell_index + 1}", text, x, y, width * share,
                                 m.line_height, m.font_pt, align=align))
            x += width * share
        y += m.line_height
    table_y = y + 1

    footer_height = m.line_height if m.footer_on_one_line else 2 * m.line_height
    footer_y = paper_height - m.margin_bottom - footer_height
    closing = _CLOSING_LINES[document_type]
    summary = _SUMMARY[document_type]
    table_bottom = footer_y - len(closing) * m.line_height
    # The table's column titles take one row and the summary rows one each.
    rows = math.floor((table_bottom - table_y) / m.row_height + 1e-6) - 1 - len(summary)
    rows = max(1, rows)
    table = _field("table", "", left, table_y, width, (rows + 1 + len(summary)) * m.row_height, m.font_pt,
                   kind="table")
    table.update(row_height_mm=m.row_height, summary=list(summary))
    fields.append(table)

    y = table_y + table["height_mm"]
    for index, text in enumerate(closing):
        fields.append(_field(f"closing_{index + 1}", text, left, y, width, m.line_height, m.font_pt, pages="last"))
        y += m.line_height

    signatures = _SIGNATURES[document_type]
    if m.footer_on_one_line:
        cell = width / 4
        for index, text in enumerate(signatures[:3]):
            fields.append(_field(f"signature_{index + 1}", text, left + cell * index, footer_y, cell,
                                 m.line_height, m.font_pt))
        fields.append(_field("page_number", "Page {page} of {pages}", left + cell * 3, footer_y, cell,
                             m.line_height, m.font_pt, align="right"))
    else:
        cell = width / 3
        for index, text in enumerate(signatures[:3]):
            fields.append(_field(f"signature_{index + 1}", text, left + cell * index, footer_y, cell,
                                 m.line_height, m.font_pt))
        fields.append(_field("page_number", "Page {page} of {pages}", left, footer_y + m.line_height, width,
                             m.line_height, m.font_pt, align="center"))

    columns = []
    for field, title, share, align, hide_when_empty in _COLUMNS[document_type]:
        if document_type == "quotation" and field == "price":
            title = "{price_title}"
        columns.append({
            "field": field, "title": title, "width_mm": round(width * share, 2), "align": align,
            "hide_when_empty": hide_when_empty and document_type != "quotation",
        })

    chars_per_inch = 12
    return {
        "id": template_id(document_type, paper_size),
        "document_type": document_type,
        "name": f"{_TITLES[document_type]} {paper_size}",
        "paper_size": paper_size,
        "paper_width_mm": paper_width,
        "paper_height_mm": paper_height,
        "orientation": Orientation.PORTRAIT.value,
        "margin_top_mm": m.margin_top,
        "margin_bottom_mm": m.margin_bottom,
        "margin_left_mm": m.margin_side,
        "margin_right_mm": m.margin_side,
        "fields": fields,
        "columns": columns,
        "rows_per_page": rows,
        "fill_blank_rows": True,
        "preprinted_form": False,
        "text_mode": {
            "chars_per_inch": chars_per_inch,
            "lines_per_inch": 6,
            # The form length in lines at 6 lines per inch: 22 on 三等分 paper, 33 on 二等分.
            "form_lines": round(paper_height / MM_PER_INCH * 6),
            "line_width": math.floor(width / MM_PER_INCH * chars_per_inch),
            "encoding": "gb18030",
        },
        "is_default": True,
        "active": True,
    }


def all_default_templates() -> list[dict[str, Any]]:
    """Return the default template of every document type on every paper size."""
    return [default_template(document_type, paper) for document_type in DOCUMENT_TYPES for paper in PAPER_MM]


def template_row(data: dict[str, Any]) -> PrintTemplate:
    """Return a new PrintTemplate row holding the template `data` (the dict form), at revision 1.

    For seeding a fresh database; edits go through the `print_template.save` command.
    """
    columns = {column.key for column in PrintTemplate.__table__.columns}
    values = {key: value for key, value in data.items() if key in columns}
    for key in ("paper_width_mm", "paper_height_mm", "margin_top_mm", "margin_bottom_mm", "margin_left_mm",
                "margin_right_mm"):
        # str() first, so 139.7 becomes Decimal("139.7") and not its binary float expansion.
        values[key] = Decimal(str(values[key])).quantize(Decimal("0.01"))
    return PrintTemplate(revision=1, **values)
