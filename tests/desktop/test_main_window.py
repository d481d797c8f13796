"""The main window's sync status: offline on an existing replica, online when the server returns."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction

from tests.desktop.conftest import FAST_SYNC
from tests.desktop.helpers import close_window, open_window
from tests.pg import backends
from tests.server.server_process import run_cli


def test_window_offline_then_online(qtbot, english, synced_replica, server):
    server.stop()
    context, window = open_window(qtbot, synced_replica, server.url, "clerk1", online=False, settings=FAST_SYNC)
    try:
        qtbot.waitUntil(lambda: context.sync.last_error is not None, timeout=15_000)
        assert window.status_label.text() == "Offline"
        assert context.sync.status.value == "offline"

        server.start()
        qtbot.waitUntil(lambda: window.status_label.text() == "Online", timeout=20_000)
        assert context.sync.connection is not None
        assert window.last_sync_label.text().startswith("Last sync:")
    finally:
        close_window(context, window)


def test_unreachable_server_opens_no_dialog(qtbot, english, synced_replica, server):
    server.stop()
    context, window = open_window(qtbot, synced_replica, server.url, "clerk1", online=False, settings=FAST_SYNC)
    try:
        qtbot.waitUntil(lambda: context.sync._retry_ms >= FAST_SYNC.max_retry_ms, timeout=20_000)
        from PySide6.QtWidgets import QApplication, QMessageBox

        boxes = [widget for widget in QApplication.topLevelWidgets() if isinstance(widget, QMessageBox) and widget.isVisible()]
        assert boxes == []
        assert window.message_label.text() != ""
    finally:
        close_window(context, window)


def test_f5_syncs_now(qtbot, english, synced_replica, server):
    context, window = open_window(qtbot, synced_replica, server.url, "clerk1", online=True, settings=FAST_SYNC)
    try:
        qtbot.waitUntil(lambda: window.status_label.text() == "Online" and not context.sync._running, timeout=15_000)
        before = context.sync.last_result
        with qtbot.waitSignal(context.sync.attempt_finished, timeout=15_000):
            qtbot.keyClick(window, Qt.Key.Key_F5)
        assert context.sync.last_result is not before
    finally:
        close_window(context, window)


@pytest.mark.parametrize("server_db", backends(postgres=True), indirect=True)
def test_rebuild_notice_survives_next_sync(qtbot, english, synced_replica, server, server_db):
    url, _ids = server_db
    context, window = open_window(qtbot, synced_replica, server.url, "clerk1", online=True, settings=FAST_SYNC)
    try:
        qtbot.waitUntil(lambda: window.status_label.text() == "Online" and not context.sync._running, timeout=15_000)
        # Moving a warehouse out of clerk1's department changes clerk1's access, so the next sync rebuilds.
        run_cli(["warehouse", "move", "W1A", "--to", "D2", "--yes", "--database-url", url])
        with qtbot.waitSignal(context.sync.attempt_finished, timeout=30_000):
            context.sync.sync_now()
        assert context.sync.last_result.pull.rebuilds
        label = window.notice_bar.label("rebuild")
        assert label is not None and label.isVisible()
        assert label.text().startswith("Your access changed, so Kaidan downloaded your data again")

        with qtbot.waitSignal(context.sync.attempt_finished, timeout=30_000):
            context.sync.sync_now()
        assert not context.sync.last_result.pull.rebuilds
        assert window.notice_bar.label("rebuild") is label
        assert label.isVisible()
        qtbot.mouseClick(window.notice_bar.close_button("rebuild"), Qt.MouseButton.LeftButton)
        assert window.notice_bar.label("rebuild") is None
    finally:
        close_window(context, window)


def test_new_order_visible_and_window_wide(qtbot, english, synced_replica, server):
    context, window = open_window(qtbot, synced_replica, "http://127.0.0.1:1", "clerk1", online=False)
    try:
        orders = window.show_page("orders")
        assert orders.new_button.isVisible()
        assert orders.new_button.text() == "New order..."
        menu_texts = [action.text() for action in window.file_menu.actions()]
        assert "&New order..." in menu_texts
        assert "Sync now" in menu_texts
        assert window.new_order_action.shortcut().toString() == "Ctrl+N"

        # Ctrl+N from another page opens the entry form.
        window.show_page("customers")
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow, timeout=5_000)
        window.navigation.setFocus()
        qtbot.keyClick(window.navigation, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: len(orders.editors) == 1, timeout=5_000)
        qtbot.mouseClick(orders.new_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: len(orders.editors) == 2, timeout=5_000)
        for editor in list(orders.editors):
            editor.dirty = False
            editor.close()
    finally:
        close_window(context, window)


def test_file_menu_opens_printer_calibration(qtbot, english, synced_replica, server):
    context, window = open_window(qtbot, synced_replica, server.url, "clerk1", online=True, settings=FAST_SYNC)
    try:
        action = window.findChild(QAction, "printerCalibrationAction")
        assert action in window.file_menu.actions()
        assert action.text() == "Printer &calibration..."

        action.trigger()
        dialog = window.calibration_dialog
        qtbot.waitUntil(lambda: dialog.isVisible(), timeout=5_000)
        assert dialog.objectName() == "PrinterCalibrationDialog"
        # A second trigger raises the open dialog instead of opening another one.
        action.trigger()
        assert window.calibration_dialog is dialog
        dialog.close()
    finally:
        close_window(context, window)
