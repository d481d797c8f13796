"""The dot-matrix text mode: column widths with CJK characters, forms that do not fit, and raw sending."""

from __future__ import annotations

import dataclasses

import pytest

from desktop.printing.documents import delivery_document, quotation_document
from desktop.printing.template_model import default_spec
from desktop.printing.raw_printer import RawPrintError, send_raw
from desktop.printing.text_mode import TextModeError, display_width, fit, text_pages
from tests.desktop_orders.conftest import bundled_font, qapp_args  # noqa: F401  (fixtures)
from tests.printing import sample_documents


@pytest.mark.parametrize(("text", "width", "align", "expected"), [
    ("茶饼", 6, "left", "茶饼  "),
    ("茶饼", 6, "right", "  茶饼"),
    ("茶饼", 7, "center", " 茶饼  "),
    # A wide character that would straddle the last column is dropped, and a space pads the column.
    ("普洱茶饼", 5, "left", "普洱 "),
    ("12.50", 3, "left", "12."),
])
def test_fit_counts_cjk_as_two_columns(text, width, align, expected):
    assert fit(text, width, align) == expected
    assert display_width(fit(text, width, align)) == width


@pytest.mark.parametrize("paper", ["a4", "a5", "continuous_full", "continuous_half", "continuous_third"])
def test_every_form_fills_its_lines(qapp, paper):
    template = default_spec("quotation", paper)
    pages = text_pages(template, quotation_document(sample_documents.quotation(30)))

    for lines in pages:
        assert len(lines) == template.text_mode.form_lines
        assert all(display_width(line) <= template.text_mode.line_width for line in lines)
    assert "P003 茶具套装" in "".join(pages[0])
    assert sample_documents.quotation().number in "".join(pages[0])


def test_form_too_short_rejected(qapp):
    template = default_spec("delivery_note", "continuous_third")
    short = dataclasses.replace(template, text_mode=dataclasses.replace(template.text_mode, form_lines=8))

    with pytest.raises(TextModeError, match="form_lines"):
        text_pages(short, delivery_document(sample_documents.delivery_note()))


def test_template_without_text_mode_rejected(qapp):
    template = dataclasses.replace(default_spec("delivery_note", "a4"), text_mode=None)

    with pytest.raises(TextModeError, match="no text mode"):
        text_pages(template, delivery_document(sample_documents.delivery_note()))


def test_send_raw_without_lp_fails(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))

    with pytest.raises(RawPrintError) as raised:
        send_raw("EPSON LQ-630K", b"\x1b@")

    assert raised.value.printer_name == "EPSON LQ-630K"
    assert "lp command of CUPS is not installed" in raised.value.user_message()
