"""A lost quotation: a wide reason dialog, the reason shown in the form and the list, keys that explain themselves."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop.context import AppContext
from desktop.models.quotation_list_model import QuotationListModel
from desktop.models.quotation_queries import search_quotations
from desktop.views.quotation_editor import QuotationEditor
from sync.client import open_replica, sync
from tests.desktop_orders.conftest import MANAGER, PASSWORD
from tests.desktop_orders.keyboard import press
from tests.desktop_orders.test_quotation_keys import CTRL_SHIFT, answer_modal, enter_quotation

pytestmark = pytest.mark.timeout(240)

REASON = "客户选了别家，价格高出 3%"


@pytest.fixture
def offline_context(tmp_path, sales_server, memory_keyring):
    """The manager's app context on a synced replica, with its sync stopped; closed at the end."""
    replica = open_replica(tmp_path / "client")
    sync(replica, sales_server.url, MANAGER, PASSWORD)
    context = AppContext(replica, sales_server.url, MANAGER)
    context.sync.stop()
    yield context
    context.close()


def test_lost_quotation_reason_and_keys(qtbot, offline_context):
    context = offline_context
    editor = enter_quotation(qtbot, context, [("P002", "2")])
    # A draft is edited, so the last order's lines can be added.
    assert editor.repeat_last.action.isEnabled()
    assert editor.repeat_last.button.isEnabled()

    widths = []

    def answer(dialog) -> None:
        widths.append(dialog.width())
        dialog.setTextValue(REASON)
        dialog.accept()

    answer_modal(answer)
    press(qtbot, Qt.Key.Key_L, CTRL_SHIFT)
    qtbot.waitUntil(lambda: editor.draft.status == "lost" and not editor.busy, timeout=15_000)
    assert widths and widths[0] >= 400
    assert editor.state_label.text() == f"Lost: {REASON}"
    assert not editor.repeat_last.action.isEnabled()
    assert not editor.repeat_last.button.isEnabled()

    # The keys of the disabled state actions say why nothing happened. The offscreen platform
    # gives no window the focus back after a dialog closes, as a desktop would.
    editor.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is editor, timeout=5_000)
    for key in (Qt.Key.Key_X, Qt.Key.Key_L, Qt.Key.Key_S):
        editor.message_label.clear()
        press(qtbot, key, CTRL_SHIFT)
        assert editor.message_label.text() == (
            f"Quotation {editor.draft.number} is marked lost, so its state can no longer change.")
    assert editor.draft.status == "lost"

    # The quotation list shows the reason as the state's tooltip.
    with context.read_session() as session:
        rows = search_quotations(session, editor.draft.number)
    model = QuotationListModel()
    model.set_rows(rows)
    state = model.index(0, model.COLUMNS.index("state"))
    assert state.data(Qt.ItemDataRole.ToolTipRole) == f"Lost: {REASON}"
    total = model.index(0, model.COLUMNS.index("total"))
    assert total.data(Qt.ItemDataRole.ToolTipRole) is None

    editor.close()


def test_reopened_lost_quotation_shows_reason(qtbot, offline_context):
    context = offline_context
    editor = enter_quotation(qtbot, context, [("P002", "2")])
    answer_modal(lambda dialog: (dialog.setTextValue(REASON), dialog.accept()))
    press(qtbot, Qt.Key.Key_L, CTRL_SHIFT)
    qtbot.waitUntil(lambda: editor.draft.status == "lost" and not editor.busy, timeout=15_000)
    quotation_id = editor.draft.id
    editor.close()

    reopened = QuotationEditor(context, quotation_id=quotation_id)
    qtbot.addWidget(reopened)
    qtbot.waitUntil(lambda: reopened.catalog is not None and reopened.draft.status == "lost", timeout=15_000)
    assert reopened.state_label.text() == f"Lost: {REASON}"
    assert not reopened.repeat_last.action.isEnabled()
    reopened.close()
