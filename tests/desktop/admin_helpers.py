"""Fixtures and helpers of the Administration page tests: an administrator's synced replica and its context."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop.context import AppContext
from sync.client import open_replica, sync
from tests.desktop.conftest import PASSWORD
from tests.server.server_process import add_user


@pytest.fixture
def admin_replica(tmp_path, server, server_db):
    """The replica of administrator admin1 (department D1), synced once."""
    url, _ids = server_db
    add_user(url, "admin1", "admin", PASSWORD, "D1", create_department=False)
    replica = open_replica(tmp_path / "admin")
    sync(replica, server.url, "admin1", PASSWORD)
    yield replica
    replica.close()


@pytest.fixture
def admin_context(admin_replica, server):
    context = AppContext(admin_replica, server.url, "admin1")
    yield context
    context.sync.stop()
    context.tasks.cancel_all()
    context.tasks.wait_idle()


def queued(replica, name: str) -> list[dict]:
    """Return the payloads of the pending outbox entries of command `name`, oldest first."""
    return [entry.payload for entry in replica.outbox() if entry.name == name and entry.status == "pending"]


def answer_message_box(qtbot, button: QMessageBox.StandardButton | str) -> None:
    """Wait for the modal message box that the next step opens and press `button` (a standard button or its text)."""
    def press() -> bool:
        boxes = [widget for widget in QApplication.topLevelWidgets()
                 if isinstance(widget, QMessageBox) and widget.isVisible()]
        if not boxes:
            return False
        box = boxes[0]
        if isinstance(button, str):
            target = next(item for item in box.buttons() if item.text() == button)
        else:
            target = box.button(button)
        target.click()
        return True

    from PySide6.QtCore import QTimer

    def poll() -> None:
        if not press():
            QTimer.singleShot(20, poll)

    QTimer.singleShot(0, poll)
