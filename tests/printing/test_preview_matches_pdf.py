"""The print preview paints the same pages as Save as PDF, on the template's paper."""

from __future__ import annotations

from PySide6.QtCore import QSizeF

from desktop.printing.output import open_print_preview, pdf_page_sizes, write_pdf
from desktop.printing.quotation import open_quotation_preview, write_quotation_pdf
from tests.desktop_orders.conftest import bundled_font, qapp_args  # noqa: F401  (fixtures)
from tests.desktop_orders.preview_pdf import print_preview_to_pdf
from tests.printing import sample_documents
from tests.printing.golden_images import differing_share, rasterise

THIRD_MM = QSizeF(241, 93.1)


def test_delivery_preview_matches_saved_pdf(qapp, tmp_path):
    note = sample_documents.delivery_note(12)
    saved = tmp_path / "saved.pdf"
    printed = tmp_path / "preview.pdf"
    write_pdf(note, saved, THIRD_MM)

    preview = open_print_preview(None, note, THIRD_MM)
    print_preview_to_pdf(preview, printed)

    assert pdf_page_sizes(printed) == pdf_page_sizes(saved)
    assert len(pdf_page_sizes(saved)) == 2
    for page in range(2):
        assert differing_share(rasterise(printed, page), rasterise(saved, page)) <= 0.0002


def test_quotation_preview_matches_saved_pdf(qapp, tmp_path):
    quotation = sample_documents.quotation()
    saved = tmp_path / "saved.pdf"
    printed = tmp_path / "preview.pdf"
    write_quotation_pdf(quotation, saved)

    preview = open_quotation_preview(None, quotation)
    print_preview_to_pdf(preview, printed)

    assert pdf_page_sizes(printed) == pdf_page_sizes(saved)
    assert differing_share(rasterise(printed), rasterise(saved)) <= 0.0002
