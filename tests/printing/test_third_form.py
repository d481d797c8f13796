"""A 60-line delivery note on 三等分 paper (241 × 93.1 mm): pages, headers, subtotals, capitals and text mode."""

from __future__ import annotations

import math
import re
from decimal import Decimal

from PySide6.QtCore import QSizeF

from desktop.models.order_format import format_money
from desktop.printing.capitals import amount_in_capitals
from desktop.printing.documents import delivery_document
from desktop.printing.output import pdf_page_sizes, pdf_page_texts, write_pdf
from desktop.printing.template_model import default_spec
from desktop.printing.text_mode import FORM_FEED, LINE_END, display_width, escp_bytes, render_text, text_pages
from tests.desktop_orders.conftest import bundled_font, qapp_args  # noqa: F401  (fixtures)
from tests.printing import sample_documents

THIRD_MM = QSizeF(241, 93.1)
POINTS_PER_MM = 72 / 25.4
SUBTOTAL = re.compile(r"Page subtotal: ¥([\d,]+\.\d{2})")


def _money(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))


def test_sixty_lines_paginate_with_subtotals(qapp, tmp_path):
    note = sample_documents.delivery_note(60)
    template = default_spec("delivery_note", "continuous_third")
    path = tmp_path / "third.pdf"

    pages = write_pdf(note, path, THIRD_MM)
    texts = pdf_page_texts(path)

    assert template.rows_per_page == 9
    assert pages == math.ceil(60 / template.rows_per_page) == 7
    assert len(texts) == 7
    for index, text in enumerate(texts):
        for header in (note.company, "Delivery note", note.number, note.customer_name, "No.", "Product", "Amount"):
            assert header in text, (index, header)
        assert f"Page {index + 1} of 7" in text
    # Line numbers run on across pages: page 2 starts at line 10, the second of the four products.
    assert "10 P002 滇红工夫 250克" in texts[1]
    assert "10 P002" not in texts[0]

    subtotals = []
    for text in texts:
        found = SUBTOTAL.findall(text)
        assert len(found) == 1
        subtotals.append(_money(found[0]))
    assert sum(subtotals) == note.total
    for page_index, subtotal in enumerate(subtotals):
        page_lines = note.lines[page_index * 9:(page_index + 1) * 9]
        assert subtotal == sum(line.amount for line in page_lines)

    capitals = amount_in_capitals(note.total)
    assert all(capitals not in text for text in texts[:-1])
    assert capitals in texts[-1]
    assert "Total: ¥" + format_money(note.total) in texts[-1]
    assert all("Continued on the next page" in text for text in texts[:-1])


def test_third_form_page_size(qapp, tmp_path):
    path = tmp_path / "third.pdf"
    write_pdf(sample_documents.delivery_note(60, reprint_mark="补打 第3次"), path, THIRD_MM)
    sizes = pdf_page_sizes(path)

    assert len(sizes) == 7
    for width, height in sizes:
        assert abs(width - 241 * POINTS_PER_MM) <= 0.5
        assert abs(height - 93.1 * POINTS_PER_MM) <= 0.5
    assert all("补打 第3次" in text for text in pdf_page_texts(path))


def test_third_form_text_mode_lines(qapp):
    note = sample_documents.delivery_note(60)
    template = default_spec("delivery_note", "continuous_third")
    document = delivery_document(note)
    settings = template.text_mode

    forms = render_text(template, document).split(FORM_FEED)
    pages = text_pages(template, document)

    assert settings.form_lines == 22  # 93.1 mm at 6 lines per inch
    assert forms[-1] == ""  # every form, the last one too, ends with a form feed
    assert len(forms) - 1 == len(pages) == 7
    for form in forms[:-1]:
        assert len(form.split(LINE_END)) == 22
    for index, lines in enumerate(pages):
        assert all(display_width(line) <= settings.line_width for line in lines)
        assert note.number in "".join(lines)
        assert f"Page {index + 1} of 7" in "".join(lines)
    capitals = amount_in_capitals(note.total)
    assert all(capitals not in "".join(lines) for lines in pages[:-1])
    assert capitals in "".join(pages[-1])
    subtotals = [_money(SUBTOTAL.search("".join(lines)).group(1)) for lines in pages]
    assert sum(subtotals) == note.total


def test_escp_bytes_set_form_length(qapp):
    template = default_spec("delivery_note", "continuous_third")
    data = escp_bytes(template, delivery_document(sample_documents.delivery_note(60)))

    # ESC @ resets, ESC 2 sets 1/6 inch lines, ESC C 22 sets a 22-line form.
    assert data.startswith(b"\x1b@\x1b2\x1bC\x16")
    assert data.count(b"\f") == 7
    assert sample_documents.CUSTOMER.encode("gb18030") in data


def test_cjk_counts_two_columns():
    assert display_width("普洱茶饼") == 8
    assert display_width("P001 茶") == 7
    assert display_width("¥12.00") == 6
