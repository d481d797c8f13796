"""The Duplicates page for managers, on a real server: list open tasks, merge two customers, dismiss with a note."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from desktop.context import AppContext
from desktop.views.duplicates_view import DuplicatesView
from desktop.views.main_window import DUPLICATES, visible_pages
from domain.ids import new_id
from domain.models import Customer, DuplicateTask
from sync.client import open_replica, submit, sync
from tests.desktop.conftest import PASSWORD
from tests.desktop.server_rows import read
from tests.server.server_process import add_user

pytestmark = pytest.mark.timeout(180)

SHARED_PHONE = "13700001111"


@pytest.fixture
def boss_replica(tmp_path, server, server_db):
    """A manager's replica in D1 where two customers share a phone, synced so the server has the task too."""
    url, _ids = server_db
    add_user(url, "boss", "manager", PASSWORD, "D1", create_department=False)
    replica = open_replica(tmp_path / "boss")
    sync(replica, server.url, "boss", PASSWORD)
    ids = {"first": new_id(), "second": new_id()}
    submit(replica, "customer.create", {"id": ids["first"], "code": "M1", "name": "大理茶叶店",
                                        "fields": {"phone": SHARED_PHONE}})
    submit(replica, "customer.create", {"id": ids["second"], "code": "M2", "name": "洱海茶行",
                                        "fields": {"phone": SHARED_PHONE}})
    result = sync(replica, server.url, "boss", PASSWORD)
    assert result.push.rejected == 0
    replica.ids = ids
    yield replica
    replica.close()


@pytest.fixture
def view(qtbot, english, boss_replica, server):
    context = AppContext(boss_replica, server.url, "boss")
    view = DuplicatesView(context)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: view.model.rowCount() == 1 and not view.model.loading, timeout=15_000)
    yield view
    context.tasks.cancel_all()
    context.tasks.wait_idle()


def cells(view) -> dict[str, str]:
    return {column.key: view.model.index(0, number).data() for number, column in enumerate(view.model.columns)}


def test_page_only_for_managers():
    assert DUPLICATES in [page[0] for page in visible_pages("manager")]
    assert DUPLICATES not in [page[0] for page in visible_pages("clerk")]


def test_lists_both_customers_side_by_side(qtbot, view):
    shown = cells(view)
    assert shown["reason"] == f"Same phone: {SHARED_PHONE}"
    customers = {shown["first"].splitlines()[0], shown["second"].splitlines()[0]}
    assert customers == {"M1 大理茶叶店", "M2 洱海茶行"}
    assert SHARED_PHONE in shown["first"]
    qtbot.waitUntil(lambda: view.open_count == 1, timeout=10_000)
    assert view.merge_button.isEnabled()
    assert view.merge_button.shortcut().toString() == "Ctrl+M"
    assert view.dismiss_button.shortcut().toString() == "Ctrl+D"


def test_merge_keeps_chosen_customer(qtbot, view, boss_replica, server, server_db):
    row = view.selected_row()
    with qtbot.waitSignal(view.count_changed, timeout=15_000, check_params_cb=lambda count: count == 0):
        dialog = view.merge_selected()
        assert view.dialog is dialog
        dialog.keep_second.setChecked(True)
        qtbot.keyClicks(dialog.note_edit, "same shop, two clerks")
        qtbot.keyClick(dialog.note_edit, Qt.Key.Key_Return)
    survivor = row["second"]["id"]
    duplicate = row["first"]["id"]
    merges = [entry.payload for entry in boss_replica.outbox() if entry.name == "customer.merge"]
    assert merges == [{"task_id": row["id"], "survivor_id": survivor, "note": "same shop, two clerks"}]
    qtbot.waitUntil(lambda: view.model.rowCount() == 0 and not view.model.loading, timeout=15_000)
    assert view.empty_label.isVisible()
    assert view.message_label.text() == f"Merged into {row['second']['code']} {row['second']['name']}."

    view.context.sync.stop()
    result = sync(boss_replica, server.url, "boss", PASSWORD)
    assert result.push.rejected == 0
    url, _ids = server_db
    assert read(url, Customer, duplicate, "merged_into_id")["merged_into_id"] == survivor
    assert read(url, DuplicateTask, row["id"], "resolution") == {"resolution": "merged"}


def test_dismiss_needs_note(qtbot, view, boss_replica):
    row = view.selected_row()
    dialog = view.dismiss_selected()
    assert view.dialog is dialog
    assert not dialog.ok_button.isEnabled()
    qtbot.keyClicks(dialog.note_edit, "   ")
    assert not dialog.ok_button.isEnabled()
    qtbot.keyClicks(dialog.note_edit, "two shops of the same owner")
    assert dialog.ok_button.isEnabled()
    with qtbot.waitSignal(view.count_changed, timeout=15_000, check_params_cb=lambda count: count == 0):
        dialog.ok_button.click()
    dismissals = [entry.payload for entry in boss_replica.outbox() if entry.name == "duplicate_task.dismiss"]
    assert dismissals == [{"task_id": row["id"], "note": "two shops of the same owner"}]
