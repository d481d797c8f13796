"""Quotations by keyboard alone: entered, saved, marked sent, lost with a reason and cancelled, then synced."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox
from sqlalchemy import create_engine, text

from desktop.context import AppContext
from desktop.models.order_models import OrderLinesModel
from desktop.views.quotation_editor import QuotationEditor
from sync.client import open_replica, sync
from tests.desktop_orders.conftest import MANAGER, PASSWORD
from tests.desktop_orders.keyboard import press, type_text, wait_cell

pytestmark = pytest.mark.timeout(240)

PRODUCT, QUANTITY, UNIT, PRICE, DISCOUNT = (OrderLinesModel.PRODUCT, OrderLinesModel.QUANTITY, OrderLinesModel.UNIT,
                                            OrderLinesModel.PRICE, OrderLinesModel.DISCOUNT)
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def server_quotations(database_url: str) -> dict[str, tuple[str, str | None]]:
    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(text("SELECT number, status, lost_reason FROM quotation")).all()
    finally:
        engine.dispose()
    return {row.number: (row.status, row.lost_reason) for row in rows}


def answer_modal(answer, shown: list[str] | None = None) -> list[str]:
    """Run `answer(dialog)` on the next modal dialog, from the event loop the dialog runs.

    Appends the dialog's text to `shown` (a new list when None) once it appears, and returns that list.
    """
    shown = [] if shown is None else shown

    def act() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(50, act)
            return
        shown.append(dialog.labelText() if isinstance(dialog, QInputDialog) else dialog.text())
        answer(dialog)

    QTimer.singleShot(50, act)
    return shown


def enter_quotation(qtbot, context, lines: list[tuple[str, str]]) -> QuotationEditor:
    """Open a new quotation, pick customer C001 and type `lines` of (product code, quantity); save with Ctrl+S."""
    editor = QuotationEditor(context)
    qtbot.addWidget(editor, before_close_func=lambda widget: setattr(widget, "dirty", False))
    editor.show()
    editor.activateWindow()
    qtbot.waitActive(editor)
    qtbot.waitUntil(lambda: editor.catalog is not None and editor.customer_edit.hasFocus(), timeout=15_000)
    type_text(qtbot, "C001")
    press(qtbot, Qt.Key.Key_Return)
    wait_cell(qtbot, editor, 0, PRODUCT)
    for row, (code, quantity) in enumerate(lines):
        type_text(qtbot, code)
        press(qtbot, Qt.Key.Key_Return)
        wait_cell(qtbot, editor, row, QUANTITY)
        type_text(qtbot, quantity)
        for column in (UNIT, PRICE, DISCOUNT):
            press(qtbot, Qt.Key.Key_Return)
            wait_cell(qtbot, editor, row, column)
        press(qtbot, Qt.Key.Key_Return)
        wait_cell(qtbot, editor, row + 1, PRODUCT)
    press(qtbot, Qt.Key.Key_Escape)
    press(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: editor.draft.number is not None and not editor.busy and not editor.dirty, timeout=15_000)
    return editor


def test_quotation_states_by_keyboard(qtbot, tmp_path, sales_server, memory_keyring):
    data_dir = tmp_path / "client"
    replica = open_replica(data_dir)
    sync(replica, sales_server.url, MANAGER, PASSWORD)
    context = AppContext(replica, sales_server.url, MANAGER)
    context.sync.stop()

    sent = enter_quotation(qtbot, context, [("P001", "3"), ("P003", "5")])
    # 3 × 88.50 + 5 × 9.06
    assert sent.lines_model.total_amount() == Decimal("310.80")
    assert sent.send_action.isEnabled()
    press(qtbot, Qt.Key.Key_S, CTRL_SHIFT)
    qtbot.waitUntil(lambda: sent.draft.status == "sent" and not sent.busy, timeout=15_000)
    assert sent.message_label.text() == f"Quotation {sent.draft.number} is marked sent."
    # A sent quotation is no longer edited, and is sent only once.
    assert not sent.is_editable
    assert not sent.send_action.isEnabled()
    assert sent.lost_action.isEnabled()

    lost = enter_quotation(qtbot, context, [("P002", "2")])
    # An empty reason makes the dialog ask again, and the second reason typed is used.
    prompts = answer_modal(lambda dialog: (dialog.setTextValue("  "), dialog.accept()))
    QTimer.singleShot(400, lambda: answer_modal(
        lambda dialog: (dialog.setTextValue("客户选择了别家"), dialog.accept()), prompts))
    press(qtbot, Qt.Key.Key_L, CTRL_SHIFT)
    qtbot.waitUntil(lambda: lost.draft.status == "lost" and not lost.busy, timeout=15_000)
    assert len(prompts) == 2
    assert prompts[1] != prompts[0]

    cancelled = enter_quotation(qtbot, context, [("P003", "1")])
    # "No" keeps the quotation as it is.
    answer_modal(lambda box: box.button(QMessageBox.StandardButton.No).click())
    press(qtbot, Qt.Key.Key_X, CTRL_SHIFT)
    qtbot.wait(300)
    assert cancelled.draft.status == "draft"
    # The offscreen platform gives no window the focus back after a dialog closes, as a desktop would.
    cancelled.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is cancelled, timeout=5_000)
    questions = answer_modal(lambda box: box.button(QMessageBox.StandardButton.Yes).click())
    press(qtbot, Qt.Key.Key_X, CTRL_SHIFT)
    qtbot.waitUntil(lambda: cancelled.draft.status == "cancelled" and not cancelled.busy, timeout=15_000)
    assert cancelled.draft.number in questions[0]
    for action in (cancelled.send_action, cancelled.lost_action, cancelled.cancel_quotation_action):
        assert not action.isEnabled()
    assert not cancelled.confirm_action.isEnabled()

    numbers = {editor.draft.number: editor for editor in (sent, lost, cancelled)}
    for editor in numbers.values():
        editor.close()
    context.close()
    replica = open_replica(data_dir)
    try:
        result = sync(replica, sales_server.url, MANAGER, PASSWORD)
        assert result.push.rejected == 0
    finally:
        replica.close()

    on_server = server_quotations(sales_server.database_url)
    assert on_server[sent.draft.number] == ("sent", None)
    assert on_server[lost.draft.number] == ("lost", "客户选择了别家")
    assert on_server[cancelled.draft.number] == ("cancelled", None)


def test_quotation_list_pages_and_empty_text(qtbot, tmp_path, sales_server, memory_keyring):
    from desktop.models.quotation_queries import PAGE_SIZE
    from desktop.views.quotations_view import QuotationsView
    from domain.ids import new_id
    from domain.models import Quotation

    replica = open_replica(tmp_path / "client")
    sync(replica, sales_server.url, MANAGER, PASSWORD)
    context = AppContext(replica, sales_server.url, MANAGER)
    context.sync.stop()
    view = QuotationsView(context)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: view.empty_label.isVisible(), timeout=10_000)
    assert view.empty_label.text() == "No quotations yet. Press Insert to write the first one."
    assert not view.table.isVisible()

    # More quotations than one page; they are read-only rows of the replica, as a pull would leave them.
    count = PAGE_SIZE + 30
    with replica.transaction() as session:
        for number in range(count):
            session.add(Quotation(id=new_id(), number=f"QT-T{number:04d}", customer_id=sales_server.ids["C001"],
                                  document_date=dt.date(2026, 1, 1) + dt.timedelta(days=number % 300),
                                  valid_until=dt.date(2027, 1, 1), status="draft"))
    view.reload()
    qtbot.waitUntil(lambda: view.model.rowCount() == PAGE_SIZE, timeout=10_000)
    assert view.table.isVisible()
    assert not view.empty_label.isVisible()
    # A reload, as after a save or a sync, keeps the current row.
    view.table.setCurrentIndex(view.model.index(7, 0))
    chosen = view.model.row_at(7).id
    view.reload()
    qtbot.waitUntil(lambda: not view.loader.loading, timeout=10_000)
    assert view.model.row_at(view.table.currentIndex().row()).id == chosen
    view.table.scrollToBottom()
    qtbot.waitUntil(lambda: view.model.rowCount() == count, timeout=10_000)
    assert len({view.model.row_at(row).number for row in range(count)}) == count

    view.search_edit.setText("no such quotation")
    qtbot.waitUntil(lambda: view.empty_label.isVisible(), timeout=10_000)
    assert view.empty_label.text() == "No quotation matches the search or the state chosen."
    context.close()
