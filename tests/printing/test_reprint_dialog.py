"""The reprint dialog: the reason is required, the keyboard drives it, and it shows how often the document was printed."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QDialog  # noqa: E402

from desktop.views.reprint_dialog import ReprintDialog, reprint_mark  # noqa: E402
from tests.desktop_orders.chinese_ui import chinese_from_ts  # noqa: E402
from tests.desktop_orders.keyboard import press, type_text  # noqa: E402


def open_dialog(qtbot, documents) -> ReprintDialog:
    dialog = ReprintDialog(documents)
    qtbot.addWidget(dialog)
    dialog.open()
    with qtbot.waitActive(dialog):
        dialog.activateWindow()
    qtbot.waitUntil(lambda: dialog.reason_edit.hasFocus(), timeout=5_000)
    return dialog


def test_blank_reason_keeps_dialog_open(qtbot):
    dialog = open_dialog(qtbot, [("DN-A1-20261206-0001", 1)])
    assert not dialog.ok_button.isEnabled()

    press(qtbot, Qt.Key.Key_Return)
    assert dialog.isVisible()
    type_text(qtbot, "   ")
    assert not dialog.ok_button.isEnabled()
    press(qtbot, Qt.Key.Key_Return)
    assert dialog.isVisible()


def test_typed_reason_accepts_with_enter(qtbot):
    dialog = open_dialog(qtbot, [("DN-A1-20261206-0001", 2)])
    type_text(qtbot, " jammed ")
    assert dialog.ok_button.isEnabled()

    press(qtbot, Qt.Key.Key_Return)

    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.reason == "jammed"


def test_escape_cancels(qtbot):
    dialog = open_dialog(qtbot, [("DN-A1-20261206-0001", 1)])
    type_text(qtbot, "lost")
    press(qtbot, Qt.Key.Key_Escape)
    assert dialog.result() == QDialog.DialogCode.Rejected


def test_chinese_summary_names_count_and_mark(qtbot, tmp_path):
    with chinese_from_ts(tmp_path):
        dialog = open_dialog(qtbot, [("DN-A1-20261206-0001", 2)])
        summary = dialog.summary.text()
        title = dialog.windowTitle()
        mark = reprint_mark(5)
    assert "DN-A1-20261206-0001 已打印 2 次" in summary
    assert "补打 第3次" in summary
    assert title == "补打"
    assert mark == "补打 第5次"


def test_batch_summary_lists_each_mark(qtbot, tmp_path):
    with chinese_from_ts(tmp_path):
        dialog = open_dialog(qtbot, [("DN-1", 1), ("DN-2", 3)])
        summary = dialog.summary.text()
    assert "2 张已打印过" in summary
    assert "DN-1：补打 第2次" in summary
    assert "DN-2：补打 第4次" in summary


def test_first_print_has_no_mark():
    assert reprint_mark(1) == ""
    assert reprint_mark(2) == "Reprint no. 2"


def test_reprint_flag_message_names_document():
    from desktop.messages import flag_advice, message_for

    text = message_for("reprint_without_reason", {"number": "DN-A1-20261206-0001", "print_number": 3})
    assert text.startswith("DN-A1-20261206-0001 was printed again (print 3) without a reprint reason")
    assert "why it was printed again" in flag_advice("reprint_without_reason")
