"""A template edited in the designer on one client prints the same on another, synced through the real server."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRectF, Qt
from PySide6.QtPdf import QPdfDocument

from desktop.printing.delivery_note import load_delivery_note
from desktop.printing.output import pdf_page_sizes, pdf_page_texts, write_pdf
from desktop.views.admin_print_templates import PrintTemplatesTab
from domain.models import PrintTemplate
from domain.print_templates import template_id
from sync.client import open_replica, sync
from tests.desktop_orders.conftest import MANAGER, PASSWORD, bundled_font, memory_keyring, qapp_args, sales_server  # noqa: F401
from tests.desktop_orders.conftest import _sales_template  # noqa: F401
from tests.desktop_orders.keyboard import press, type_text
from tests.desktop_orders.return_data import read_server, ship_order
from tests.printing.designer_steps import ADMIN, admin_context, open_designer

pytestmark = pytest.mark.timeout(240)

POINTS_PER_MM = 72 / 25.4
TITLE = "Delivery note"


def text_box(path, text: str) -> QRectF:
    """Return the bounding box in points of the first `text` on page 1 of the PDF at `path`."""
    document = QPdfDocument()
    assert document.load(str(path)) == QPdfDocument.Error.None_
    try:
        page_text = document.getAllText(0).text()
        start = page_text.index(text)
        return document.getSelectionAtIndex(0, start, len(text)).boundingRectangle()
    finally:
        document.close()


def print_on_b(replica, delivery_id: str, path) -> None:
    with replica.transaction() as session:
        note = load_delivery_note(session, delivery_id)
    assert write_pdf(note, path) == 1


def test_designer_edit_prints_same_on_other_client(qtbot, tmp_path, sales_server, memory_keyring):
    # B, a sales manager's PC, ships a delivery and prints it with the built-in layout.
    client_b = open_replica(tmp_path / "b")
    sync(client_b, sales_server.url, MANAGER, PASSWORD)
    _number, delivery_id = ship_order(client_b, sales_server.ids)
    assert sync(client_b, sales_server.url, MANAGER, PASSWORD).push.rejected == 0
    before_pdf = tmp_path / "before.pdf"
    print_on_b(client_b, delivery_id, before_pdf)
    before = text_box(before_pdf, TITLE)

    # A, the administrator's PC, moves the title 10 mm right and 1 mm down by keyboard and sets 16 pt.
    context = admin_context(tmp_path / "a", sales_server)
    tab = PrintTemplatesTab(context)
    qtbot.addWidget(tab)
    tab.show()
    try:
        designer = open_designer(qtbot, tab, "delivery_note", "continuous_half")
        designer.canvas.select("title")
        designer.canvas.setFocus()
        qtbot.waitUntil(designer.canvas.hasFocus, timeout=5_000)
        press(qtbot, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
        press(qtbot, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
        press(qtbot, Qt.Key.Key_Down)
        press(qtbot, Qt.Key.Key_Down)
        designer.panel.font_box.setFocus()
        designer.panel.font_box.selectAll()
        type_text(qtbot, "16")
        press(qtbot, Qt.Key.Key_Tab)
        designer.canvas.setFocus()
        press(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: not designer.design.is_modified(), timeout=10_000)
        context.tasks.wait_idle()
        assert sync(context.replica, sales_server.url, ADMIN, PASSWORD).push.rejected == 0
    finally:
        designer.close()
        context.close()

    stored = read_server(sales_server.database_url, PrintTemplate,
                         PrintTemplate.id == template_id("delivery_note", "continuous_half"))
    assert len(stored) == 1
    title = next(field for field in stored[0].fields if field["name"] == "title")
    assert title["font_pt"] == 16

    # B syncs and prints the same delivery again: the title moved and grew as edited.
    assert sync(client_b, sales_server.url, MANAGER, PASSWORD).push.rejected == 0
    after_pdf = tmp_path / "after.pdf"
    print_on_b(client_b, delivery_id, after_pdf)
    after = text_box(after_pdf, TITLE)
    client_b.close()

    # The title is centred in its box, so moving the box 10 mm moves the text's centre 10 mm.
    assert after.center().x() - before.center().x() == pytest.approx(10 * POINTS_PER_MM, abs=0.5)
    # Vertically the glyphs of a larger font sit a fraction of a point differently in the centred line.
    assert after.center().y() - before.center().y() == pytest.approx(1 * POINTS_PER_MM, abs=1.0)
    # 16 pt instead of 12 pt: the text is a third taller and wider.
    assert after.height() / before.height() == pytest.approx(16 / 12, rel=0.1)
    assert after.width() / before.width() == pytest.approx(16 / 12, rel=0.1)
    assert pdf_page_sizes(after_pdf)[0] == pytest.approx((241 * POINTS_PER_MM, 139.7 * POINTS_PER_MM), abs=0.5)
    assert TITLE in pdf_page_texts(after_pdf)[0]
