"""The template designer driven by keyboard and mouse: moving, typing millimetres, checks, saving and closing."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF, Qt, QTimer
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop.views.admin_print_templates import PrintTemplatesTab
from domain.print_templates import template_id
from domain.models import PrintTemplate
from tests.desktop_orders.conftest import bundled_font, memory_keyring, qapp_args, sales_server  # noqa: F401
from tests.desktop_orders.conftest import _sales_template  # noqa: F401
from tests.desktop_orders.keyboard import press, type_text
from tests.printing.designer_steps import admin_context, drag, open_designer

pytestmark = pytest.mark.timeout(180)


@pytest.fixture
def tab(qtbot, tmp_path, sales_server, memory_keyring):
    context = admin_context(tmp_path / "admin", sales_server)
    tab = PrintTemplatesTab(context)
    qtbot.addWidget(tab)
    tab.show()
    qtbot.waitUntil(lambda: "Built-in default" in tab.table.item(0, 2).text(), timeout=5_000)
    yield tab
    if tab.designer is not None:
        tab.designer.design.mark_saved()
        tab.designer.close()
    context.close()


def saved_templates(context) -> list[dict]:
    """Return the replica's print_template rows as dicts; print_template.save writes them when it is queued."""
    with context.replica.transaction() as session:
        return [{"id": row.id, "fields": row.fields, "revision": row.revision}
                for row in session.query(PrintTemplate).all()]


def choose_field(qtbot, designer, name: str) -> None:
    """Pick `name` in the panel's field list by keyboard, as a user without a mouse would."""
    combo = designer.panel.field_combo
    combo.setFocus()
    qtbot.waitUntil(combo.hasFocus, timeout=5_000)
    index = combo.findData(name)
    while combo.currentIndex() != index:
        press(qtbot, Qt.Key.Key_Down if combo.currentIndex() < index else Qt.Key.Key_Up)


def test_keys_and_typed_millimetres_save(qtbot, tab):
    designer = open_designer(qtbot, tab, "delivery_note", "continuous_half")
    design = designer.design
    title = dict(design.field("title"))

    choose_field(qtbot, designer, "title")
    assert designer.canvas.selected_name() == "title"
    designer.canvas.setFocus()
    qtbot.waitUntil(designer.canvas.hasFocus, timeout=5_000)
    press(qtbot, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    press(qtbot, Qt.Key.Key_Down)
    assert design.field("title")["x_mm"] == pytest.approx(title["x_mm"] + 5)
    assert design.field("title")["y_mm"] == pytest.approx(title["y_mm"] + 0.5)
    assert designer.panel.x_box.value() == pytest.approx(title["x_mm"] + 5)

    designer.panel.font_box.setFocus()
    designer.panel.font_box.selectAll()
    type_text(qtbot, "16")
    press(qtbot, Qt.Key.Key_Tab)
    assert design.field("title")["font_pt"] == 16
    designer.panel.width_box.setFocus()
    designer.panel.width_box.selectAll()
    type_text(qtbot, "120")
    press(qtbot, Qt.Key.Key_Tab)
    assert design.field("title")["width_mm"] == 120

    assert design.is_modified()
    designer.activateWindow()
    designer.canvas.setFocus()
    press(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: len(saved_templates(tab.context)) == 1, timeout=10_000)
    payload = saved_templates(tab.context)[0]
    assert payload["id"] == template_id("delivery_note", "continuous_half")
    saved_title = next(field for field in payload["fields"] if field["name"] == "title")
    assert (saved_title["x_mm"], saved_title["width_mm"], saved_title["font_pt"]) == (title["x_mm"] + 5, 120, 16)
    qtbot.waitUntil(lambda: not design.is_modified(), timeout=5_000)
    qtbot.waitUntil(lambda: "revision 1" in tab.table.item(3, 2).text(), timeout=10_000)


def test_mouse_drag_moves_and_resizes(qtbot, tab):
    designer = open_designer(qtbot, tab, "delivery_note", "continuous_half")
    field = dict(designer.design.field("header_2_1"))
    start = QPointF(field["x_mm"] + 10, field["y_mm"] + field["height_mm"] / 2)
    drag(designer.canvas, start, start + QPointF(20, 0))
    moved = dict(designer.design.field("header_2_1"))
    # The drop snaps to the 0.5 mm grid, and the screen's pixels may round the pointer by a fraction of a mm.
    assert moved["x_mm"] == pytest.approx(field["x_mm"] + 20, abs=0.6)
    assert moved["x_mm"] * 2 == round(moved["x_mm"] * 2)
    assert designer.panel.current == "header_2_1"

    corner = QPointF(moved["x_mm"] + moved["width_mm"] - 0.5, moved["y_mm"] + moved["height_mm"] - 0.5)
    drag(designer.canvas, corner, corner + QPointF(-30, 3))
    resized = designer.design.field("header_2_1")
    assert resized["width_mm"] == pytest.approx(moved["width_mm"] - 30, abs=0.6)
    assert resized["height_mm"] == pytest.approx(moved["height_mm"] + 3, abs=0.6)
    assert resized["x_mm"] == moved["x_mm"]


def test_problems_block_save(qtbot, tab):
    designer = open_designer(qtbot, tab, "delivery_note", "continuous_half")
    table = designer.design.table()
    designer.canvas.select("header_1_1")
    designer.panel.y_box.setValue(table["y_mm"] + 12)
    assert "header_1_1" in designer.problems_label.text()
    designer.save()
    qtbot.wait(300)
    assert saved_templates(tab.context) == []
    assert designer.canvas.selected_name() == "header_1_1"

    # A column typed wider than the table is named too; Reset to default clears both.
    cell = designer.panel.columns_table.item(1, 1)
    cell.setText("400")
    assert designer.design.columns[1]["width_mm"] == 400
    assert "The columns are" in designer.problems_label.text()
    designer.reset_button.click()
    assert designer.problems_label.text() == ""
    assert designer.design.is_modified() is False

    designer.canvas.setFocus()
    zoom = designer.canvas.zoom
    press(qtbot, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert designer.canvas.zoom == pytest.approx(zoom * 1.25)


def test_preprinted_background_and_preview(qtbot, tab, tmp_path):
    designer = open_designer(qtbot, tab, "delivery_note", "continuous_half")
    scan = QImage(482, 279, QImage.Format.Format_RGB32)
    scan.fill(QColor(250, 235, 200))
    scan_path = tmp_path / "form.png"
    assert scan.save(str(scan_path))

    before = designer.preview.image
    designer.preprinted_check.click()
    assert designer.design.preprinted_form
    designer.set_background(scan_path)
    assert designer.design.background_sha256 is not None
    assert not designer.canvas.background.pixmap().isNull()
    box = designer.canvas.background.sceneBoundingRect()
    assert (box.width(), box.height()) == pytest.approx((241, 139.7))
    qtbot.waitUntil(lambda: designer.preview.image is not before, timeout=10_000)
    # The preview paints only the layout: the scan's colour is nowhere in it.
    image = designer.preview.image
    assert image.pixelColor(image.width() // 2, 3) == QColor(Qt.GlobalColor.white)


def test_close_asks_about_unsaved_changes(qtbot, tab):
    designer = open_designer(qtbot, tab, "quotation", "a4")
    designer.design.move_by("title", 1, 0)

    def answer(button) -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        box.button(button).click()

    QTimer.singleShot(200, lambda: answer(QMessageBox.StandardButton.Cancel))
    designer.close()
    assert designer.isVisible()
    QTimer.singleShot(200, lambda: answer(QMessageBox.StandardButton.Discard))
    designer.close()
    qtbot.waitUntil(lambda: tab.designer is None, timeout=5_000)
