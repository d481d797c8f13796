"""The sales order, goods receipt and stock transfer printed through their default templates: PDF text and text mode."""

from __future__ import annotations

import pytest

from desktop.models.order_format import format_money
from desktop.printing.capitals import amount_in_capitals
from desktop.printing.documents import receipt_document, transfer_document
from desktop.printing.output import pdf_page_sizes, pdf_page_texts
from desktop.printing.render import write_template_pdf
from desktop.printing.template_model import default_spec
from desktop.printing.text_mode import FORM_FEED, LINE_END, escp_bytes
from domain.print_templates import PAPER_MM
from tests.desktop_orders import conftest as order_fixtures
from tests.printing import sample_documents
from tests.printing.golden_images import render_pdf, sample_document

# The bundled CJK font and the application arguments of the order tests.
bundled_font = order_fixtures.bundled_font
qapp_args = order_fixtures.qapp_args

POINTS_PER_MM = 72 / 25.4


def page_text(document_type: str, paper: str, tmp_path) -> str:
    pdf = tmp_path / f"{document_type}.pdf"
    render_pdf(document_type, paper, pdf)
    texts = pdf_page_texts(pdf)
    width, height = pdf_page_sizes(pdf)[0]
    assert len(texts) == 1
    assert abs(width - PAPER_MM[paper][0] * POINTS_PER_MM) <= 0.5
    assert abs(height - PAPER_MM[paper][1] * POINTS_PER_MM) <= 0.5
    return texts[0]


@pytest.mark.parametrize("paper", list(PAPER_MM))
def test_sales_order_pdf_text(qapp, tmp_path, paper):
    text = page_text("sales_order", paper, tmp_path)
    document = sample_document("sales_order")
    lines_amount = sum(row.amount for row in document.rows)

    for expected in (sample_documents.COMPANY, "Sales order", "SO-A3-20260318-0011", "2026-03-18",
                     sample_documents.CUSTOMER, "0871-63100000", "Delivery date wanted: 2026-03-20",
                     "Salesperson: 李明", "P002 滇红工夫 250克", "18.00", "Freight: ¥20.00",
                     "Document discount: −¥5.00", "Page subtotal: ¥" + format_money(lines_amount),
                     amount_in_capitals(document.total), "Total: ¥" + format_money(document.total),
                     "Prepared by:", "Customer confirmation (signature):", "Page 1 of 1"):
        assert expected in text, expected


@pytest.mark.parametrize("paper", list(PAPER_MM))
def test_goods_receipt_pdf_text(qapp, tmp_path, paper):
    text = page_text("goods_receipt", paper, tmp_path)

    for expected in (sample_documents.COMPANY, "Goods receipt", "GR-W1-20260318-0004", "Supplier:", "勐海茶厂",
                     "Warehouse:", "昆明仓", "Note: 整车到货", "Batch", "Expiry date", "Unit cost", "B20260301",
                     "2028-02-29", "52.30", "6,276.00", "Page subtotal: ¥8,851.00", "Total: ¥8,851.00",
                     amount_in_capitals(sample_document("goods_receipt").total), "Warehouse keeper:",
                     "Delivered by:"):
        assert expected in text, expected


@pytest.mark.parametrize("paper", ["a4", "continuous_third"])
def test_receipt_without_costs_prints_no_money(qapp, tmp_path, paper):
    """A role that may not see costs gets the receipt without the cost columns and without totals."""
    pdf = tmp_path / "receipt.pdf"
    write_template_pdf(default_spec("goods_receipt", paper),
                       receipt_document(sample_documents.goods_receipt(sees_cost=False)), "receipt", pdf)
    text = pdf_page_texts(pdf)[0]

    for expected in ("Goods receipt", "GR-W1-20260318-0004", "B20260305", "2027-09-30", "120", "Warehouse keeper:"):
        assert expected in text, expected
    for hidden in ("Unit cost", "Amount", "¥", "52.30", "Page subtotal", "Total"):
        assert hidden not in text, hidden


@pytest.mark.parametrize("paper", list(PAPER_MM))
def test_stock_transfer_pdf_text(qapp, tmp_path, paper):
    text = page_text("stock_transfer", paper, tmp_path)

    for expected in (sample_documents.COMPANY, "Stock transfer", "TR-W1-20260318-0002", "From warehouse:",
                     "To warehouse:", "大理仓", "Note: 补大理门店库存", "Batch", "Expiry date", "B20260305",
                     "2027-09-30", "Prepared by:", "Warehouse keeper:", "Received by:", "Page 1 of 1"):
        assert expected in text, expected
    # A transfer prints quantities only: no prices, amounts or summary rows.
    for absent in ("Price", "Amount", "¥", "Page subtotal", "Total", "Continued on the next page"):
        assert absent not in text, absent


def test_transfer_text_mode_bytes(qapp):
    template = default_spec("stock_transfer", "continuous_third")
    data = escp_bytes(template, transfer_document(sample_documents.stock_transfer()))

    # ESC @ resets, ESC 2 sets 1/6 inch lines, ESC C 22 sets the form to 22 lines (93.1 mm at 6 lines per inch).
    assert data.startswith(b"\x1b@\x1b2\x1bC\x16")
    text = data[len(b"\x1b@\x1b2\x1bC\x16"):].decode("gb18030")
    assert text.endswith(FORM_FEED)
    assert text.count(FORM_FEED) == 1
    lines = text[:-len(FORM_FEED)].split(LINE_END)
    assert len(lines) == 22
    assert lines[0].strip() == sample_documents.COMPANY
    assert lines[1].strip() == "Stock transfer"
    assert lines[2].startswith("From warehouse: W1  昆明仓")
    assert lines[2].endswith("No.: TR-W1-20260318-0002")
    assert lines[3].startswith("To warehouse: W2  大理仓")
    assert lines[3].endswith("Date: 2026-03-18")
    assert lines[4] == "Note: 补大理门店库存"
    assert lines[5].split() == ["No.", "Product", "Unit", "Quantity", "Batch", "Expiry", "date"]
    assert lines[7].split() == ["1", "P001", "普洱茶饼", "357克", "饼", "120", "B20260301", "2028-02-29"]
    assert lines[9].split() == ["3", "P003", "茶具套装", "套", "10"]
    assert "¥" not in text
    assert lines[19].split()[:3] == ["Prepared", "by:", "Warehouse"]
    assert lines[19].endswith("Page 1 of 1")
