"""Tab walks the order form's header in the order the fields appear, row by row, then enters the lines."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop.context import AppContext
from desktop.views.order_editor import OrderEditor
from sync.client import open_replica, sync
from tests.desktop_orders.conftest import MANAGER, PASSWORD

pytestmark = pytest.mark.timeout(120)

# The header's inputs as they appear: customer, warehouse, then the extras' first row
# (freight, document discount, delivery wanted) and second row (carrier, tracking no., tax mode).
HEADER_ORDER = ["customerEdit", "warehouseCombo", "freightEdit", "documentDiscountEdit", "deliveryDateEdit",
                "carrierEdit", "trackingEdit", "includeTaxCheck"]


def test_tab_follows_header_layout(qtbot, tmp_path, sales_server):
    replica = open_replica(tmp_path / "client")
    sync(replica, sales_server.url, MANAGER, PASSWORD)
    context = AppContext(replica, "http://127.0.0.1:1", MANAGER)
    editor = OrderEditor(context)
    qtbot.addWidget(editor)
    editor.show()
    editor.activateWindow()
    qtbot.waitActive(editor)
    qtbot.waitUntil(lambda: editor.catalog is not None and editor.customer_edit.hasFocus(), timeout=15_000)
    try:
        visited = [QApplication.focusWidget().objectName()]
        for _ in HEADER_ORDER:
            qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
            qtbot.wait(20)
            visited.append(QApplication.focusWidget().objectName())
        assert visited[:len(HEADER_ORDER)] == HEADER_ORDER
        # After the last header field, Tab enters the lines grid (or the cell editor inside it).
        focus = QApplication.focusWidget()
        assert focus is editor.grid or editor.grid.isAncestorOf(focus)
    finally:
        editor.close()
        context.close()
