"""The Help menu (shortcuts, About) and the question before quitting with changes the server has not accepted."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from desktop.views.help_menu import SHORTCUTS, ShortcutsDialog
from desktop.views.local_keys import LocalKey
from sync.client import submit
from tests.desktop.helpers import close_window, open_window
from tests.desktop.screen_text import CJK
from tests.desktop_orders.chinese_ui import chinese_from_ts

# A closed loopback port keeps a window offline, so queued changes stay unsynced.
OFFLINE_URL = "http://127.0.0.1:1"


def press_in_quit_box(qtbot, label: str, seen: list[str]) -> None:
    """Click the button labelled `label` in the next quit question and keep its text in `seen`."""

    def press() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox) or box.objectName() != "quitGuardBox":
            QTimer.singleShot(50, press)
            return
        seen.append(box.text())
        seen.extend(button.text() for button in box.findChildren(QPushButton))
        [button] = [button for button in box.findChildren(QPushButton) if button.text() == label]
        button.click()

    QTimer.singleShot(50, press)


def queue_change(replica) -> None:
    submit(replica, "customer.create", {"id": "01900000-0000-7000-8000-00000000c0de", "code": "Q1", "name": "Quit Test"})


def test_quit_without_changes_closes(qtbot, english, synced_replica):
    context, window = open_window(qtbot, synced_replica, OFFLINE_URL, "clerk1", online=False)
    try:
        qtbot.waitUntil(lambda: window.unsynced_label.text() == "Unsynced changes: 0", timeout=10_000)
        window.quit_action.trigger()
        assert not window.isVisible()
    finally:
        close_window(context, window)


def test_quit_with_unsynced_asks_then_cancel(qtbot, english, synced_replica):
    queue_change(synced_replica)
    context, window = open_window(qtbot, synced_replica, OFFLINE_URL, "clerk1", online=False)
    try:
        qtbot.waitUntil(lambda: window.unsynced_label.text() == "Unsynced changes: 1", timeout=10_000)
        seen: list[str] = []
        press_in_quit_box(qtbot, "&Cancel", seen)
        window.quit_action.trigger()
        assert window.isVisible()
        assert "1 change saved on this computer has not reached the server yet" in seen[0]
        # Offline, syncing first cannot help, so the button is not offered.
        assert "&Sync now" not in seen

        seen.clear()
        press_in_quit_box(qtbot, "&Quit", seen)
        window.quit_action.trigger()
        assert not window.isVisible()
        assert [entry.status for entry in synced_replica.outbox()] == ["pending"]
    finally:
        close_window(context, window)


def test_quit_question_in_chinese(qtbot, chinese, synced_replica):
    queue_change(synced_replica)
    context, window = open_window(qtbot, synced_replica, OFFLINE_URL, "clerk1", online=False, language="zh_CN")
    try:
        qtbot.waitUntil(lambda: window._unsynced == 1, timeout=10_000)
        seen: list[str] = []
        press_in_quit_box(qtbot, "取消(&C)", seen)
        window.quit_action.trigger()
        assert window.isVisible()
        assert "本机有 1 项已保存的修改尚未提交到服务器" in seen[0]
        assert seen[0].endswith("现在退出开单吗？")
    finally:
        close_window(context, window)


def test_close_from_code_does_not_ask(qtbot, english, synced_replica):
    queue_change(synced_replica)
    context, window = open_window(qtbot, synced_replica, OFFLINE_URL, "clerk1", online=False)
    try:
        qtbot.waitUntil(lambda: window._unsynced == 1, timeout=10_000)
        window.close()
        assert not window.isVisible()
    finally:
        close_window(context, window)


def test_f1_opens_shortcuts(qtbot, english, synced_replica):
    context, window = open_window(qtbot, synced_replica, OFFLINE_URL, "clerk1", online=False)
    try:
        # Shortcuts reach only the active window.
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow, timeout=5_000)
        window.navigation.setFocus()
        qtbot.keyClick(window.navigation, Qt.Key.Key_F1)
        dialog = window.help_menu.dialog
        assert dialog is not None and dialog.objectName() == "shortcutsDialog"
        qtbot.waitUntil(dialog.isVisible, timeout=5_000)
        rows = shortcut_rows(dialog)
        assert rows["Everywhere", "F5"] == "Sync now"
        assert rows["Everywhere", "Ctrl+N"] == "New order"
        dialog.close()
    finally:
        close_window(context, window)


def shortcut_rows(dialog: ShortcutsDialog) -> dict[tuple[str, str], str]:
    """Return the dialog's table as {(screen, keys): action}."""
    table = dialog.table
    return {(table.item(row, 0).text(), table.item(row, 1).text()): table.item(row, 2).text()
            for row in range(table.rowCount())}


def test_shortcuts_list_warehouse_keys(qtbot, english):
    dialog = ShortcutsDialog()
    qtbot.addWidget(dialog)
    rows = shortcut_rows(dialog)
    expected = {
        ("Deliveries", "Ctrl+E"): "Ship the selected orders, choosing quantities and batches",
        ("Deliveries", "Ctrl+Shift+Enter"): "Ship the selected orders in full",
        ("Deliveries", "Ctrl+Shift+R"): "Record the receipt the customer signed for the selected delivery note",
        ("Deliveries", "Ctrl+Shift+P"): "Print the selected delivery notes or return notes",
        ("Deliveries", "Ctrl+Shift+T"): "Print the selected delivery notes as text on a dot-matrix printer",
        ("Deliveries", "Ctrl+Shift+S"): "Save the current delivery note or return note as PDF",
        ("Stock: Movement detail", "F4"): "Choose the product whose movements are shown",
        ("Stock: Goods receipts, Transfers", "Ctrl+N"): "New goods receipt or transfer",
        ("Stock: Goods receipts, Transfers", "Enter"): "Open the selected document read-only",
        ("Stock: Stocktakes", "Ctrl+N"): "New stocktake",
        ("Stock: Stocktakes", "Enter"): "Open the selected stocktake",
        ("Stock: Stocktakes", "Ctrl+Del"): "Cancel the selected stocktake while it is counting",
        ("Stocktake count", "Ctrl+B"): "Add a line for a batch the book stock does not list",
    }
    for keys, action in expected.items():
        assert rows.get(keys) == action, keys


def test_shortcuts_list_in_chinese(qtbot, qapp, tmp_path):
    with chinese_from_ts(tmp_path):
        dialog = ShortcutsDialog()
        qtbot.addWidget(dialog)
        rows = shortcut_rows(dialog)
    untranslated = [(screen, keys, action) for (screen, keys), action in rows.items()
                    if not CJK.search(screen) or not CJK.search(action)]
    assert untranslated == []
    assert rows["发货", "Ctrl+Shift+R"] == "为选中的送货单登记客户签收的收货记录"
    assert rows["库存：盘点", "Ctrl+Del"] == "作废选中的盘点单（仅限盘点中的）"


def bound_keys(page) -> set[str]:
    """Return the keys that the actions, shortcuts and local keys of `page` and its children bind."""
    portable = QKeySequence.SequenceFormat.PortableText
    keys = {sequence.toString(portable) for action in page.findChildren(QAction) for sequence in action.shortcuts()}
    keys |= {shortcut.key().toString(portable) for shortcut in page.findChildren(QShortcut)}
    keys |= {QKeySequence(local.keys).toString(portable) for local in page.findChildren(LocalKey)}
    return keys


def test_listed_page_shortcuts_exist(qtbot, english, synced_replica):
    context, window = open_window(qtbot, synced_replica, OFFLINE_URL, "clerk1", online=False)
    try:
        pages = {"Deliveries": window.pages["deliveries"], "Stock": window.pages["stock"]}
        bound = {screen: bound_keys(page) for screen, page in pages.items()}
        checked = 0
        for screen, keys, _action in SHORTCUTS:
            page_name = screen.split(":")[0]
            # clerk1 may not set reorder points, so the Stock page binds no Ctrl+E for this role.
            if page_name not in bound or (screen, keys) == ("Stock", "Ctrl+E"):
                continue
            for key in keys.split(" / "):
                # A plain Enter opens the current row through the view's activated signal, not a shortcut.
                if key == "Enter":
                    continue
                assert key.replace("Enter", "Return") in bound[page_name], (screen, key)
                checked += 1
        assert checked >= 12
    finally:
        close_window(context, window)


def test_listed_window_shortcuts_exist(qtbot, english, synced_replica):
    context, window = open_window(qtbot, synced_replica, OFFLINE_URL, "clerk1", online=False)
    try:
        bound = {action.shortcut().toString(QKeySequence.SequenceFormat.PortableText) for action in window.actions()}
        bound |= {action.shortcut().toString(QKeySequence.SequenceFormat.PortableText) for action in window.file_menu.actions()}
        for keys in ("F5", "Ctrl+N", "F1", "Ctrl+Q", "Ctrl+1"):
            assert keys in bound, keys
    finally:
        close_window(context, window)


def test_about_names_user_and_folder(qtbot, chinese, synced_replica):
    context, window = open_window(qtbot, synced_replica, OFFLINE_URL, "clerk1", online=False, language="zh_CN")
    try:
        assert window.help_menu.title() == "帮助(&H)"
        window.help_menu.about_action.trigger()
        box = window.help_menu.dialog
        assert box.objectName() == "aboutBox"
        text = box.text()
        assert "当前用户：clerk1" in text
        assert str(context.data_dir) in text
        assert "Apache License 2.0" in text
        box.close()
    finally:
        close_window(context, window)
