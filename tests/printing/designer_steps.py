"""Steps of the template designer tests: an administrator's app context, opening the designer, dragging a box."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication

from desktop.context import AppContext
from desktop.views.admin_print_templates import PrintTemplatesTab
from domain.print_templates import DOCUMENT_TYPES, PAPER_MM
from sync.client import open_replica, sync
from tests.desktop_orders.conftest import PASSWORD
from tests.desktop_orders.keyboard import press
from tests.server.server_process import add_user

ADMIN = "admin1"


def admin_context(folder, server) -> AppContext:
    """Return an app context of a new administrator whose replica has synced once."""
    add_user(server.database_url, ADMIN, "admin", PASSWORD, "D1", create_department=False)
    replica = open_replica(folder)
    assert sync(replica, server.url, ADMIN, PASSWORD).push.rejected == 0
    return AppContext(replica, server.url, ADMIN)


def open_designer(qtbot, tab: PrintTemplatesTab, document_type: str, paper: str):
    """Select the row of `document_type` on `paper` in the tab's list and press Enter; return the designer."""
    row = DOCUMENT_TYPES.index(document_type) * len(PAPER_MM) + list(PAPER_MM).index(paper)
    tab.table.setFocus()
    tab.table.selectRow(row)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is tab.table, timeout=5_000)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: tab.designer is not None and tab.designer.isVisible(), timeout=5_000)
    designer = tab.designer
    qtbot.waitUntil(lambda: designer.preview.image is not None, timeout=10_000)
    return designer


def drag(canvas, start_mm: QPointF, end_mm: QPointF) -> None:
    """Press the left button at `start_mm` on the page, move to `end_mm` in steps and release it there."""
    viewport = canvas.viewport()

    def send(kind, point_mm: QPointF, buttons) -> None:
        point = QPointF(canvas.mapFromScene(point_mm))
        global_point = QPointF(viewport.mapToGlobal(QPoint(round(point.x()), round(point.y()))))
        button = Qt.MouseButton.NoButton if kind == QEvent.Type.MouseMove else Qt.MouseButton.LeftButton
        event = QMouseEvent(kind, point, global_point, button, buttons, Qt.KeyboardModifier.NoModifier)
        QApplication.sendEvent(viewport, event)

    send(QEvent.Type.MouseButtonPress, start_mm, Qt.MouseButton.LeftButton)
    for step in range(1, 11):
        point = start_mm + (end_mm - start_mm) * (step / 10)
        send(QEvent.Type.MouseMove, point, Qt.MouseButton.LeftButton)
    send(QEvent.Type.MouseButtonRelease, end_mm, Qt.MouseButton.NoButton)
