"""The form table's keys: Enter past the last editable cell moves the focus on to the next widget."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QStandardItem, QStandardItemModel  # noqa: E402
from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget  # noqa: E402

from desktop.views.cell_table import CellTable  # noqa: E402


def _form(qtbot):
    form = QWidget()
    model = QStandardItemModel(1, 2, form)
    for column in range(2):
        item = QStandardItem(f"cell {column}")
        item.setEditable(column == 1)
        model.setItem(0, column, item)
    table = CellTable(model, editable_columns=[1], stretch_column=0, parent=form)
    after = QLineEdit(form)
    layout = QVBoxLayout(form)
    layout.addWidget(table)
    layout.addWidget(after)
    qtbot.addWidget(form)
    form.show()
    form.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is form, timeout=5_000)
    table.setFocus()
    table.setCurrentIndex(model.index(0, 1))
    qtbot.waitUntil(table.hasFocus, timeout=5_000)
    return form, table, after


def test_enter_on_last_cell_moves_focus_on(qtbot):
    _form_widget, table, after = _form(qtbot)

    qtbot.keyClick(table, Qt.Key.Key_Return)

    qtbot.waitUntil(after.hasFocus, timeout=5_000)


def test_tab_on_last_cell_moves_focus_on(qtbot):
    _form_widget, table, after = _form(qtbot)

    qtbot.keyClick(table, Qt.Key.Key_Tab)

    qtbot.waitUntil(after.hasFocus, timeout=5_000)
