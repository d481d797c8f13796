"""The shared product picker on a synced replica: search by code, barcode and pinyin, pick by keyboard."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop.models import product_picker_model as columns
from desktop.views.product_picker import ProductPickerDialog, pick_product
from tests.desktop.product_rows import AGREED_PRICE, CAKE_BARCODE, CAKE_PACK_BARCODE
from tests.desktop.product_rows import server_db  # noqa: F401 (a fixture)

pytestmark = pytest.mark.timeout(120)


def open_picker(qtbot, context, **options) -> ProductPickerDialog:
    dialog = ProductPickerDialog(context, **options)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitActive(dialog)
    wait_searched(qtbot, dialog)
    return dialog


def wait_searched(qtbot, dialog: ProductPickerDialog) -> None:
    qtbot.waitUntil(lambda: dialog.model.result is not None and dialog.model.result.text == dialog.search.text()
                    and not dialog._timer.isActive(), timeout=10000)


def search(qtbot, dialog: ProductPickerDialog, text: str) -> list[str]:
    dialog.search.selectAll()
    if text.isascii():
        qtbot.keyClicks(dialog.search, text)
    else:
        # QTest types ASCII only; an input method delivers Chinese as one edit.
        dialog.search.insert(text)
    wait_searched(qtbot, dialog)
    return [row.code for row in dialog.model.rows]


def cell(dialog: ProductPickerDialog, row: int, column: int) -> str:
    return dialog.model.index(row, column).data()


def test_picker_searches_code_barcode_pinyin(qtbot, context):
    dialog = open_picker(qtbot, context)

    assert search(qtbot, dialog, "T101") == ["T101"]
    assert search(qtbot, dialog, CAKE_BARCODE) == ["T100"]
    assert search(qtbot, dialog, "pecb") == ["T100"]
    assert sorted(search(qtbot, dialog, "pe")) == ["T100", "T101"]
    assert search(qtbot, dialog, "滇红") == ["T102"]
    assert search(qtbot, dialog, "no such tea") == []
    assert "No active product" in dialog.status.text()


def test_picker_shows_stock_per_warehouse(qtbot, context, seeded_ids):
    dialog = open_picker(qtbot, context, warehouse_id=seeded_ids["W1"], text="T100")

    assert cell(dialog, 0, columns.AVAILABLE) == "15"
    assert cell(dialog, 0, columns.WAREHOUSES) == "W1 15 · W1A 8"
    assert "W1A 8" in dialog.model.index(0, columns.AVAILABLE).data(Qt.ItemDataRole.ToolTipRole)


def test_enter_picks_current_row(qtbot, context, seeded_ids):
    dialog = open_picker(qtbot, context)
    search(qtbot, dialog, "pe")
    first, second = (row.code for row in dialog.model.rows)

    qtbot.keyClick(dialog.search, Qt.Key.Key_Down)
    assert dialog.search.hasFocus()
    assert dialog.table.currentIndex().row() == 1
    qtbot.keyClick(dialog.search, Qt.Key.Key_Return)

    assert dialog.result() == dialog.DialogCode.Accepted
    assert dialog.picked is not None
    assert dialog.picked.code == second
    assert dialog.picked.code != first


def test_escape_cancels(qtbot, context):
    dialog = open_picker(qtbot, context, text="T100")

    qtbot.keyClick(dialog.search, Qt.Key.Key_Escape)

    assert dialog.result() == dialog.DialogCode.Rejected
    assert dialog.picked is None


def test_scan_picks_pack_unit(qtbot, context):
    dialog = open_picker(qtbot, context)
    dialog.search.clear()

    # A scanner types the code and Enter faster than the search delay.
    qtbot.keyClicks(dialog.search, CAKE_PACK_BARCODE)
    qtbot.keyClick(dialog.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.picked is not None, timeout=10000)

    assert dialog.picked.code == "T100"
    assert dialog.picked.unit_name == "提"
    assert dialog.picked.price == Decimal("600.0000")
    assert dialog.picked.rule == "list"


def test_price_rule_shown_for_customer(qtbot, context, seeded_ids):
    dialog = open_picker(qtbot, context, customer_id=seeded_ids["K001"], on_date=dt.date(2026, 3, 2), text="T10")

    rows = {row.code: row for row in dialog.model.rows}
    assert rows["T100"].price == AGREED_PRICE
    assert rows["T100"].rule == "agreed"
    assert rows["T102"].rule == "category"
    assert rows["T101"].rule == "list"
    number = [row.code for row in dialog.model.rows].index("T100")
    assert cell(dialog, number, columns.PRICE) == "80.00"
    assert cell(dialog, number, columns.RULE) == "agreed price"
    assert not dialog.table.isColumnHidden(columns.RULE)


def test_rule_hidden_without_customer(qtbot, context):
    dialog = open_picker(qtbot, context, text="T100")

    assert dialog.table.isColumnHidden(columns.RULE)
    assert cell(dialog, 0, columns.PRICE) == "88.50"


def test_pick_product_returns_choice(qtbot, context, seeded_ids):
    def drive() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, ProductPickerDialog)
        qtbot.waitUntil(lambda: dialog.model.rowCount() == 1, timeout=10000)
        qtbot.keyClick(dialog.search, Qt.Key.Key_Return)

    QTimer.singleShot(0, drive)
    picked = pick_product(None, context, customer_id=seeded_ids["K001"], on_date=dt.date(2026, 3, 2), text="T100")

    assert picked is not None
    assert picked.product_id == seeded_ids["T100"]
    assert picked.unit_name == "饼"
    assert picked.price == AGREED_PRICE
    assert picked.rule == "agreed"


def when_picker_opens(qtbot, action) -> None:
    """Run `action(dialog)` once a product picker is the modal window; its exec() blocks the test's own code."""
    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, ProductPickerDialog):
            QTimer.singleShot(50, poll)
            return
        wait_searched(qtbot, dialog)
        action(dialog)

    QTimer.singleShot(50, poll)


@pytest.fixture
def order_editor(qtbot, context, seeded_ids, monkeypatch):
    from desktop.views.order_editor import OrderEditor
    from desktop.views.order_grid import ProductEditor

    editor = OrderEditor(context, customer_id=seeded_ids["K001"])
    qtbot.addWidget(editor)
    editor.show()
    editor.activateWindow()
    qtbot.waitActive(editor)
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), ProductEditor), timeout=10000)
    # Closing a changed order asks before dropping it, which would block the teardown.
    monkeypatch.setattr(QMessageBox, "question", lambda *args: QMessageBox.StandardButton.Discard)
    yield editor
    context.tasks.wait_idle()
    editor.close()


def test_order_line_gets_customer_price(qtbot, order_editor):
    qtbot.keyClicks(QApplication.focusWidget(), "T100")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)

    line = order_editor.lines_model.line(0)
    qtbot.waitUntil(lambda: line.unit_price == AGREED_PRICE, timeout=10000)
    assert line.product.code == "T100"
    assert "agreed price" in order_editor.message_label.text()


def test_order_f2_picks_product(qtbot, order_editor):
    def choose(dialog: ProductPickerDialog) -> None:
        assert dialog.customer_id is not None
        dialog.search.insert("滇红")
        wait_searched(qtbot, dialog)
        qtbot.keyClick(dialog.search, Qt.Key.Key_Return)

    when_picker_opens(qtbot, choose)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F2)

    line = order_editor.lines_model.line(0)
    qtbot.waitUntil(lambda: line.product is not None, timeout=10000)
    assert line.product.code == "T102"
    assert line.unit_price == Decimal("118.0000")
    grid = order_editor.grid
    qtbot.waitUntil(lambda: grid.currentIndex().column() == order_editor.lines_model.QUANTITY, timeout=5000)


def test_order_ambiguous_text_opens_picker(qtbot, order_editor):
    seen: list[str] = []

    def cancel(dialog: ProductPickerDialog) -> None:
        seen.append(dialog.search.text())
        qtbot.keyClick(dialog.search, Qt.Key.Key_Escape)

    when_picker_opens(qtbot, cancel)
    qtbot.keyClicks(QApplication.focusWidget(), "T10")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)

    qtbot.waitUntil(lambda: seen == ["T10"], timeout=10000)
    grid = order_editor.grid
    qtbot.waitUntil(lambda: grid.state() == grid.State.EditingState, timeout=5000)
    # Offscreen, no window is active after the dialog closes, so the cell's editor is asked directly.
    assert grid.indexWidget(grid.currentIndex()).text() == "T10"
    assert order_editor.lines_model.line(0).product is None
