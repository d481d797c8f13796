"""The delivery note PDF: page size, page count and the text read back."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

from PySide6.QtCore import QSizeF

from desktop.printing.capitals import amount_in_capitals
from desktop.printing.layout import DELIVERY_NOTE_PAGE_MM, rows_per_page
from desktop.printing.output import pdf_page_sizes, pdf_text, write_pdf
from desktop.printing.self_test import sample_note

POINTS_PER_MM = 72 / 25.4


def test_page_size_is_241_by_139_7_mm(qapp, tmp_path):
    path = tmp_path / "note.pdf"
    write_pdf(sample_note(), path)
    sizes = pdf_page_sizes(path)
    assert len(sizes) == 1
    width, height = sizes[0]
    assert abs(width - 241 * POINTS_PER_MM) <= 0.5
    assert abs(height - 139.7 * POINTS_PER_MM) <= 0.5


def test_a4_page_size(qapp, tmp_path):
    path = tmp_path / "a4.pdf"
    write_pdf(sample_note(), path, QSizeF(210, 297))
    width, height = pdf_page_sizes(path)[0]
    assert abs(width - 210 * POINTS_PER_MM) <= 0.5
    assert abs(height - 297 * POINTS_PER_MM) <= 0.5


def test_text_holds_chinese_fields(qapp, tmp_path):
    note = sample_note()
    path = tmp_path / "note.pdf"
    write_pdf(note, path)
    text = pdf_text(path)
    assert note.customer_name in text
    assert note.number in text
    assert note.company in text
    assert amount_in_capitals(note.total) in text
    assert "普洱茶饼" in text


def test_long_note_pages_and_capitals_on_last(qapp, tmp_path):
    note = sample_note()
    per_page = rows_per_page(DELIVERY_NOTE_PAGE_MM)
    long_note = dataclasses.replace(note, lines=note.lines * per_page)  # three pages of lines
    path = tmp_path / "long.pdf"
    pages = write_pdf(long_note, path)
    assert pages == 3
    assert len(pdf_page_sizes(path)) == 3
    from PySide6.QtPdf import QPdfDocument

    document = QPdfDocument()
    document.load(str(path))
    capitals = amount_in_capitals(long_note.total)
    page_texts = [document.getAllText(page).text() for page in range(3)]
    document.close()
    assert capitals not in page_texts[0]
    assert capitals in page_texts[2]
    assert all(note.number in page for page in page_texts)


def _discounted_note():
    from desktop.printing.delivery_note import PrintLine, line_discount

    quantity, price, amount = Decimal("42"), Decimal("9.50"), Decimal("379.05")
    discounted = PrintLine("NW001 茉莉花茶 100克", "袋", quantity, price, amount, line_discount(quantity, price, amount))
    plain = sample_note().lines[0]
    lines = (discounted, plain)
    return dataclasses.replace(sample_note(), lines=lines, total=sum((line.amount for line in lines), Decimal(0)))


def test_discount_column_reconciles_each_line(qapp, tmp_path):
    from domain.money import line_amount

    note = _discounted_note()
    path = tmp_path / "discount.pdf"
    write_pdf(note, path)
    text = pdf_text(path)

    assert "Discount" in text
    discounted = note.lines[0]
    assert discounted.discount == Decimal("19.95")
    for line in note.lines:
        assert line_amount(line.quantity, line.unit_price) - line.discount == line.amount
    for printed in ("42", "9.50", "19.95", "379.05"):
        assert printed in text


def test_no_discount_column_without_discounts(qapp, tmp_path):
    path = tmp_path / "plain.pdf"
    write_pdf(sample_note(), path)
    assert "Discount" not in pdf_text(path)


def test_freight_and_discount_rows_above_total(qapp, tmp_path):
    note = sample_note()
    charged = dataclasses.replace(note, freight=Decimal("8.00"), document_discount=Decimal("2.00"),
                                  total=note.total + Decimal("6.00"))
    path = tmp_path / "charged.pdf"
    write_pdf(charged, path)
    text = pdf_text(path)

    assert "Freight: ¥8.00" in text
    assert "Document discount: −¥2.00" in text
    assert amount_in_capitals(charged.total) in text
    assert text.index("Freight") < text.index("Total (in capitals)")


def test_no_charges_row_without_freight_or_discount(qapp, tmp_path):
    path = tmp_path / "plain.pdf"
    write_pdf(sample_note(), path)
    text = pdf_text(path)

    assert "Freight" not in text
    assert "Document discount" not in text


def test_charges_row_keeps_long_note_on_its_pages(qapp, tmp_path):
    note = sample_note()
    per_page = rows_per_page(DELIVERY_NOTE_PAGE_MM)
    # The template reserves a row for the charges under the lines, so a full page of lines stays on one page.
    full = dataclasses.replace(note, lines=(note.lines * per_page)[:per_page], freight=Decimal("8.00"))
    path = tmp_path / "full.pdf"

    assert write_pdf(full, path) == 1
    assert "Freight: ¥8.00" in pdf_text(path)

    one_more = dataclasses.replace(full, lines=(note.lines * (per_page + 1))[:per_page + 1])
    assert write_pdf(one_more, path) == 2
    assert "Freight: ¥8.00" in pdf_text(path)
