"""Every default template on every paper, rendered to PDF and compared with its golden image and text."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QImage

from desktop.models.order_format import format_money
from desktop.printing.capitals import amount_in_capitals
from desktop.printing.output import pdf_page_sizes, pdf_page_texts
from domain.print_templates import PAPER_MM
from tests.desktop_orders.conftest import bundled_font, qapp_args  # noqa: F401  (fixtures)
from tests.printing import sample_documents
from tests.printing.golden_images import (
    CASES,
    MAX_DIFFERING_SHARE,
    differing_share,
    golden_path,
    rasterise,
    render_pdf,
    sample_document,
)

POINTS_PER_MM = 72 / 25.4
TITLES = {"delivery_note": "Delivery note", "sales_return": "Sales return note", "quotation": "Quotation"}


@pytest.mark.parametrize(("document_type", "paper"), CASES)
def test_template_matches_golden_image(qapp, tmp_path, document_type, paper):
    pdf = tmp_path / "page.pdf"
    render_pdf(document_type, paper, pdf)
    expected = QImage(str(golden_path(document_type, paper)))
    assert not expected.isNull(), "missing golden image; run python -m tests.printing.golden_images"

    actual = rasterise(pdf)
    share = differing_share(actual, expected)

    if share > MAX_DIFFERING_SHARE:
        actual.save(str(tmp_path / "actual.png"))
    assert share <= MAX_DIFFERING_SHARE, f"{share:.4%} of pixels differ; see {tmp_path / 'actual.png'}"


# The sales documents' texts; the order, receipt and transfer are read in test_order_stock_print.
@pytest.mark.parametrize(("document_type", "paper"), [case for case in CASES if case[0] in TITLES])
def test_template_text_and_page_size(qapp, tmp_path, document_type, paper):
    pdf = tmp_path / "page.pdf"
    render_pdf(document_type, paper, pdf)
    document = sample_document(document_type)
    texts = pdf_page_texts(pdf)
    width, height = pdf_page_sizes(pdf)[0]

    assert len(texts) == 1
    assert abs(width - PAPER_MM[paper][0] * POINTS_PER_MM) <= 0.5
    assert abs(height - PAPER_MM[paper][1] * POINTS_PER_MM) <= 0.5
    text = texts[0]
    for expected in (sample_documents.COMPANY, sample_documents.CUSTOMER, document.number, TITLES[document_type],
                     "普洱茶饼", "2026-03-18", amount_in_capitals(document.total), "¥" + format_money(document.total),
                     "Page subtotal: ¥" + format_money(document.total), "Page 1 of 1"):
        assert expected in text, expected
    for row in document.rows:
        assert row.cells["amount"] in text


def test_quotation_prints_gift_and_tax(qapp, tmp_path):
    pdf = tmp_path / "quotation.pdf"
    render_pdf("quotation", "a4", pdf)
    text = pdf_page_texts(pdf)[0]
    quotation = sample_documents.quotation()

    assert "P003 茶具套装 (gift)" in text
    assert "Price incl. tax" in text
    assert "Of which tax: ¥" + format_money(quotation.tax_amount) in text
    assert "Valid until: 2026-04-17" in text


def test_custom_paper_gets_sized_default(qapp, tmp_path):
    from PySide6.QtCore import QSizeF

    from desktop.printing.output import write_pdf

    note = sample_documents.delivery_note(30)
    path = tmp_path / "custom.pdf"
    pages = write_pdf(note, path, QSizeF(210, 140))

    width, height = pdf_page_sizes(path)[0]
    assert abs(width - 210 * POINTS_PER_MM) <= 0.5
    assert abs(height - 140 * POINTS_PER_MM) <= 0.5
    assert pages == len(pdf_page_texts(path)) == 3
    assert amount_in_capitals(note.total) in pdf_page_texts(path)[-1]
