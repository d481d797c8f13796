"""A document to print, in the form every template takes, and its split into pages with page subtotals.

No Qt here: the painted layout and the dot-matrix text mode paginate the
same way, so both print the same lines on the same page.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from decimal import Decimal

from domain.money import ZERO


@dataclasses.dataclass(frozen=True)
class PrintRow:
    """One goods line: its formatted cells by column field, and its amount for the page subtotal."""

    cells: Mapping[str, str]
    amount: Decimal


@dataclasses.dataclass(frozen=True)
class PrintDocument:
    """What a template prints: header values for the {placeholders}, the lines and the figures under them.

    `values` maps placeholder names (company, number, date, customer_name …)
    to formatted texts. `charges` contains the formatted freight and document
    discount texts of the charges row, and is empty when there is no such row.
    `shows_amounts` is False when the reader may not see the document's
    amounts (a goods receipt's costs), and then no summary row prints.
    """

    document_type: str
    number: str
    values: Mapping[str, str]
    rows: tuple[PrintRow, ...]
    total: Decimal
    charges: tuple[str, ...] = ()
    shows_amounts: bool = True


@dataclasses.dataclass(frozen=True)
class Page:
    index: int
    count: int
    rows: tuple[PrintRow, ...]
    first_line_no: int
    # The sum of the amounts of this page's lines, rounded as the line amounts are (to the fen).
    subtotal: Decimal

    @property
    def is_last(self) -> bool:
        return self.index == self.count - 1


def paginate(rows: tuple[PrintRow, ...], rows_per_page: int) -> list[Page]:
    """Split `rows` into pages of `rows_per_page` lines; a document without lines still prints one page."""
    per_page = max(1, rows_per_page)
    chunks = [rows[start:start + per_page] for start in range(0, len(rows), per_page)] or [()]
    return [
        Page(index, len(chunks), chunk, index * per_page, sum((row.amount for row in chunk), ZERO))
        for index, chunk in enumerate(chunks)
    ]


def summary_rows(summary: tuple[str, ...], document: PrintDocument) -> tuple[str, ...]:
    """Return the table's summary rows to print for `document`: every row sums money, so none when it hides amounts."""
    return tuple(summary) if document.shows_amounts else ()


def visible_columns(columns, rows: tuple[PrintRow, ...]):
    """Return the columns to print: a hide_when_empty column without a value on any line is left out.

    The document decides, not the page, so every page of one document has
    the same columns. The width of a left-out column goes to the product
    column, or to the widest remaining column when there is none.
    """
    shown = [column for column in columns
             if not column.hide_when_empty or any(row.cells.get(column.field) for row in rows)]
    freed = sum(column.width_mm for column in columns) - sum(column.width_mm for column in shown)
    if not shown or freed <= 0:
        return list(shown)
    target = next((column for column in shown if column.field == "product"), None)
    if target is None:
        target = max(shown, key=lambda column: column.width_mm)
    return [dataclasses.replace(column, width_mm=column.width_mm + freed) if column is target else column
            for column in shown]
