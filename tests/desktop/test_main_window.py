"""The main window's sync status: offline on an existing replica, online when the server returns."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.desktop.conftest import FAST_SYNC
from tests.desktop.helpers import close_window, open_window


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
