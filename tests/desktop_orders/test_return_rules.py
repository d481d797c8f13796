"""The return form's local checks and credits: over-return, missing input, a second return after a first."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop.models.return_lines_model import ReturnLinesModel
from desktop.views.return_editor import ReturnEditor
from domain.ids import new_id
from domain.models import SalesOrderLine, SalesReturn
from sync.client import submit, sync
from sync.local_commands import next_document_number
from tests.desktop_orders.conftest import MANAGER
from tests.desktop_orders.return_data import read_server

pytestmark = pytest.mark.timeout(180)

P001, P002, P003 = 0, 1, 2  # rows of the return form, in delivery line order


def open_editor(qtbot, context, delivery_id: str) -> ReturnEditor:
    editor = ReturnEditor(context, delivery_id)
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitUntil(lambda: editor.delivery is not None and editor.lines_model.rowCount() == 3, timeout=10_000)
    return editor


def cell(editor: ReturnEditor, row: int, column: int) -> str:
    return editor.lines_model.index(row, column).data()


def test_over_return_names_product_and_maximum(qtbot, shipped_context):
    context, delivery_id = shipped_context
    editor = open_editor(qtbot, context, delivery_id)
    queued = context.replica.unsynced_count()

    editor.lines_model.set_quantity(P001, Decimal("4"))
    assert cell(editor, P001, ReturnLinesModel.CREDIT) == ""
    assert "¥0.00" in editor.total_label.text()
    editor.reason_edit.setText("包装破损")
    editor.post()

    message = editor.message_label.text()
    assert "P001 普洱茶饼 357克" in message
    assert "4 饼" in message
    assert "at most 3 饼" in message
    assert editor.isVisible()
    assert context.replica.unsynced_count() == queued


def test_nothing_typed_and_missing_reason(qtbot, shipped_context):
    context, delivery_id = shipped_context
    editor = open_editor(qtbot, context, delivery_id)
    queued = context.replica.unsynced_count()

    editor.post()
    assert editor.message_label.text() == "Type the quantity to return on at least one line."

    editor.lines_model.set_quantity(P002, Decimal("1"))
    editor.post()
    assert editor.message_label.text() == "Enter the reason for the return."

    editor.reason_edit.setText("   ")
    editor.post()
    assert editor.message_label.text() == "Enter the reason for the return."
    assert context.replica.unsynced_count() == queued


def test_invalid_quantity_text_is_named(qtbot, shipped_context):
    context, delivery_id = shipped_context
    editor = open_editor(qtbot, context, delivery_id)
    model = editor.lines_model

    assert not model.setData(model.index(P001, ReturnLinesModel.QUANTITY), "abc")
    assert editor.message_label.text().startswith("abc is not a valid quantity")
    assert not model.setData(model.index(P001, ReturnLinesModel.QUANTITY), "1.2345")
    assert not model.setData(model.index(P001, ReturnLinesModel.QUANTITY), "-1")
    assert model.quantity_at(P001) is None


def test_second_return_limited_by_first(qtbot, shipped_context, sales_server):
    context, delivery_id = shipped_context
    replica = context.replica
    # The first return takes 2 of the 7 P003 back: 62.99 × 2 / 7 = 17.997, credited 18.00.
    editor = open_editor(qtbot, context, delivery_id)
    first_line = editor.lines_model.line_at(P003).delivery_line_id
    editor.close()
    first = submit(replica, "sales_return.post", {
        "id": new_id(), "number": next_document_number(replica, "sales_return", dt.date.today()),
        "customer_id": sales_server.ids["C001"], "delivery_id": delivery_id, "warehouse_id": sales_server.ids["W1"],
        "document_date": dt.date.today().isoformat(), "reason": "破损",
        "lines": [{"id": new_id(), "delivery_line_id": first_line, "quantity": "2"}],
    })
    assert first.result["total_amount"] == "18.00"

    editor = open_editor(qtbot, context, delivery_id)
    assert cell(editor, P003, ReturnLinesModel.DELIVERED) == "7"
    assert cell(editor, P003, ReturnLinesModel.RETURNED) == "2"
    assert cell(editor, P003, ReturnLinesModel.RETURNABLE) == "5"

    editor.lines_model.set_quantity(P003, Decimal("6"))
    editor.reason_edit.setText("客户多订")
    editor.post()
    assert "6 套" in editor.message_label.text()
    assert "at most 5 套" in editor.message_label.text()

    # 3 more: round(62.99 × 5 / 7) − 18.00 = 44.99 − 18.00 = 26.99, where 3/7 of the line alone would be 27.00.
    editor.lines_model.set_quantity(P003, Decimal("3"))
    assert cell(editor, P003, ReturnLinesModel.CREDIT) == "26.99"
    assert "¥26.99" in editor.total_label.text()
    posted = []
    editor.posted.connect(lambda return_id, number, total: posted.append((number, total)))
    qtbot.keyClick(editor.reason_edit, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: len(posted) == 1, timeout=10_000)
    assert posted[0][1] == Decimal("26.99")

    sales_server.start()
    context.sync.stop()
    result = sync(replica, sales_server.url, MANAGER)
    assert result.push.rejected == 0
    returns = read_server(sales_server.database_url, SalesReturn)
    assert sorted(row.total_amount for row in returns) == [Decimal("18.00"), Decimal("26.99")]
    order_lines = read_server(sales_server.database_url, SalesOrderLine, SalesOrderLine.returned_quantity > 0)
    assert [line.returned_quantity for line in order_lines] == [Decimal("5")]


def answer_question(button: QMessageBox.StandardButton, answers: list[str]) -> None:
    """Click `button` in the question box once it is open, recording its text."""
    def click() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, click)
            return
        answers.append(box.text())
        box.button(button).click()

    QTimer.singleShot(20, click)


def test_escape_asks_before_dropping_quantities(qtbot, shipped_context):
    context, delivery_id = shipped_context
    editor = open_editor(qtbot, context, delivery_id)
    editor.lines_model.set_quantity(P002, Decimal("1"))

    answers: list[str] = []
    answer_question(QMessageBox.StandardButton.Cancel, answers)
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert len(answers) == 1
    assert "not saved" in answers[0]
    assert editor.isVisible()
    assert editor.lines_model.quantity_at(P002) == Decimal("1")

    answer_question(QMessageBox.StandardButton.Discard, answers)
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert len(answers) == 2
    assert not editor.isVisible()


def test_escape_closes_untouched_form_at_once(qtbot, shipped_context):
    context, delivery_id = shipped_context
    editor = open_editor(qtbot, context, delivery_id)
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert not editor.isVisible()
