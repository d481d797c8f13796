"""A template for a pre-printed form (套打) prints the values only, where the plain template prints them."""

from __future__ import annotations

import dataclasses

from desktop.models.order_format import format_money
from desktop.printing.capitals import amount_in_capitals
from desktop.printing.documents import delivery_document
from desktop.printing.output import pdf_page_texts
from desktop.printing.render import write_template_pdf
from desktop.printing.template_engine import fill_values_only
from desktop.printing.template_model import default_spec
from tests.desktop_orders.conftest import bundled_font, qapp_args  # noqa: F401  (fixtures)
from tests.printing import sample_documents
from tests.printing.golden_images import rasterise


def test_values_only_drops_labels():
    values = {"customer_name": "昆明茶叶商行", "number": "SH-1"}

    assert fill_values_only("Customer: {customer_name}", values) == "昆明茶叶商行"
    assert fill_values_only("Shipped by:", values) == ""
    assert fill_values_only("{number} / {customer_name}", values) == "SH-1 昆明茶叶商行"
    assert fill_values_only("{missing}", values) == ""
    assert fill_values_only("Stray {brace", values) == ""


def test_preprinted_note_prints_values_only(qapp, tmp_path):
    note = sample_documents.delivery_note(12)
    plain = default_spec("delivery_note", "continuous_half")
    preprinted = dataclasses.replace(plain, preprinted_form=True)
    document = delivery_document(note)
    plain_path, form_path = tmp_path / "plain.pdf", tmp_path / "form.pdf"

    plain_pages = write_template_pdf(plain, document, note.number, plain_path)
    form_pages = write_template_pdf(preprinted, document, note.number, form_path)
    form_texts = pdf_page_texts(form_path)

    assert form_pages == plain_pages == len(form_texts)
    last = form_texts[-1]
    assert "P001" in form_texts[0]
    for value in (note.customer_name, note.number, note.address, note.lines[-1].product, format_money(note.total),
                  amount_in_capitals(note.total)):
        assert value in last, value
    for label in ("Customer:", "No.:", "Product", "Amount", "Page subtotal", "Total:", "Received by"):
        assert all(label not in text for text in form_texts), label
    assert all("Continued on the next page" not in text for text in form_texts)
    # Without the table's lines and the blank rows the page carries far less ink.
    assert _ink(rasterise(form_path)) < 0.6 * _ink(rasterise(plain_path))


def _ink(image) -> int:
    """Return how many pixels of a greyscale page are darker than mid grey."""
    return sum(1 for y in range(image.height()) for x in range(image.width()) if image.pixelColor(x, y).value() < 128)
