"""Ctrl+N in the main window: a new stock document on the Stock page's document tabs, a new order elsewhere."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop.app import create_application
from desktop.context import AppContext
from desktop.views.main_window import MainWindow, STOCK
from desktop.views.order_editor import OrderEditor
from sync.client import open_replica, sync
from tests.desktop_orders import conftest as order_fixtures
from tests.desktop_orders.conftest import MANAGER, PASSWORD
from tests.desktop_orders.keyboard import press

pytestmark = pytest.mark.timeout(240)

_sales_template = order_fixtures._sales_template
sales_server = order_fixtures.sales_server
memory_keyring = order_fixtures.memory_keyring
qapp_args = order_fixtures.qapp_args
bundled_font = order_fixtures.bundled_font


@pytest.fixture
def window(qtbot, qapp, tmp_path, sales_server, memory_keyring):
    """The manager's main window, whose window-wide Ctrl+N opens a new order."""
    create_application("en")
    replica = open_replica(tmp_path / "manager")
    sync(replica, sales_server.url, MANAGER, PASSWORD)
    context = AppContext(replica, "http://127.0.0.1:1", MANAGER)
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    yield window
    for editor in [w for w in QApplication.topLevelWidgets() if isinstance(w, OrderEditor)]:
        editor.dirty = False
        editor.close()
    window.close()
    context.close()


def _focus(qtbot, widget) -> None:
    widget.window().activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is widget.window(), timeout=5_000)
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus, timeout=5_000)


@pytest.mark.parametrize("tab_name", ["receipts", "transfers", "stocktakes"])
def test_ctrl_n_on_document_tab_opens_its_editor(qtbot, window, tab_name):
    assert window.new_order_action is not None and window.new_order_action.isEnabled()
    stock = window.show_page(STOCK)
    tab = getattr(stock, tab_name)
    stock.tabs.setCurrentWidget(tab)
    _focus(qtbot, tab.table)

    press(qtbot, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)

    qtbot.waitUntil(lambda: tab.editor is not None and tab.editor.isVisible(), timeout=10_000)
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, OrderEditor) and w.isVisible()]
    tab.editor.done(0)


def test_ctrl_n_elsewhere_still_opens_an_order(qtbot, window):
    stock = window.show_page(STOCK)
    stock.tabs.setCurrentWidget(stock.balances)
    _focus(qtbot, stock.balances_table if hasattr(stock, "balances_table") else stock.search)

    press(qtbot, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)

    qtbot.waitUntil(lambda: any(isinstance(w, OrderEditor) and w.isVisible() for w in QApplication.topLevelWidgets()),
                    timeout=10_000)
    assert stock.receipts.editor is None


@pytest.mark.parametrize("tab_name", ["receipts", "transfers"])
def test_enter_in_search_moves_to_list(qtbot, window, tab_name):
    stock = window.show_page(STOCK)
    tab = getattr(stock, tab_name)
    stock.tabs.setCurrentWidget(tab)
    _focus(qtbot, tab.search)

    qtbot.keyClicks(tab.search, "TR-")
    press(qtbot, Qt.Key.Key_Return)

    # The search may still run: the list takes the focus at once and no error escapes.
    qtbot.waitUntil(tab.table.hasFocus, timeout=5_000)
    qtbot.waitUntil(lambda: not tab.model.loading, timeout=10_000)
