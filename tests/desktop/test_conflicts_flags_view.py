"""Conflicts page (apply the losing value again) and Flags page (a manager resolves a flag), on a real server."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, Qt

from domain.ids import new_id
from domain.models import Customer, Flag
from sync.client import open_replica, submit, sync
from tests.desktop.conftest import PASSWORD
from tests.desktop.helpers import close_window, open_window
from tests.desktop.server_rows import add_flag, read
from tests.pg import backends
from tests.server.server_process import add_user


def make_lost_phone(tmp_path, replica, server, server_db) -> dict[str, str]:
    """clerk1 sets a phone first; a manager, editing from the same old value, sets another later and wins.

    Returns the customer id and the manager's replica folder.
    """
    url, _ids = server_db
    add_user(url, "boss", "manager", PASSWORD, "D1", create_department=False)
    customer_id = new_id()
    submit(replica, "customer.create", {"id": customer_id, "code": "K7", "name": "Dali Tea House",
                                        "fields": {"phone": "0872-1110000"}})
    sync(replica, server.url, "clerk1", PASSWORD)
    boss = open_replica(tmp_path / "boss")
    try:
        sync(boss, server.url, "boss", PASSWORD)
        submit(replica, "customer.update", {"id": customer_id, "fields": {"phone": "0872-3330000"},
                                            "base": {"phone": "0872-1110000"}})
        sync(replica, server.url, "clerk1", PASSWORD)
        submit(boss, "customer.update", {"id": customer_id, "fields": {"phone": "0872-2220000"},
                                         "base": {"phone": "0872-1110000"}})
        sync(boss, server.url, "boss", PASSWORD)
    finally:
        boss.close()
    sync(replica, server.url, "clerk1", PASSWORD)
    return {"customer": customer_id}


@pytest.mark.parametrize("server_db", backends(postgres=True), indirect=True)
def test_conflict_row_and_apply_mine_again(qtbot, english, tmp_path, synced_replica, server, server_db):
    queued = make_lost_phone(tmp_path, synced_replica, server, server_db)
    context, window = open_window(qtbot, synced_replica, "http://127.0.0.1:1", "clerk1", online=False)
    try:
        view = window.show_page("conflicts")
        qtbot.waitUntil(lambda: view.model.rowCount() == 1 and not view.model.loading, timeout=15_000)
        shown = {column.key: view.model.index(0, number).data() for number, column in enumerate(view.model.columns)}
        assert shown["record"] == "K7 Dali Tea House"
        assert shown["field"] == "Phone"
        assert shown["losing_value"] == "0872-3330000"
        assert shown["winning_value"] == "0872-2220000"
        assert shown["winner"] == "boss"
        assert shown["state"] == "Not applied again"
        assert view.apply_button.isEnabled()

        with qtbot.waitSignal(context.tasks.changed, timeout=15_000):
            view.apply_selected()
        pending = [entry for entry in synced_replica.outbox() if entry.status == "pending"]
        assert [entry.name for entry in pending] == ["customer.update"]
        assert pending[0].payload == {"id": queued["customer"], "fields": {"phone": "0872-3330000"},
                                      "base": {"phone": "0872-2220000"}}
        qtbot.waitUntil(lambda: view.model.index(0, 6).data() == "Your value is back", timeout=15_000)
        assert not view.apply_button.isEnabled()
        assert view.message_label.text() == "Phone of K7 Dali Tea House is set back to your value."
    finally:
        close_window(context, window)

    result = sync(synced_replica, server.url, "clerk1", PASSWORD)
    assert result.push.rejected == 0
    url, _ids = server_db
    assert read(url, Customer, queued["customer"], "phone") == {"phone": "0872-3330000"}


def test_conflicts_page_in_chinese(qtbot, chinese, tmp_path, synced_replica, server, server_db):
    make_lost_phone(tmp_path, synced_replica, server, server_db)
    context, window = open_window(qtbot, synced_replica, "http://127.0.0.1:1", "clerk1", online=False, language="zh_CN")
    try:
        view = window.show_page("conflicts")
        qtbot.waitUntil(lambda: view.model.rowCount() == 1 and not view.model.loading, timeout=15_000)
        assert view.model.index(0, 2).data() == "电话"
        assert view.model.index(0, 6).data() == "尚未重新应用"
        assert view.apply_button.text() == "重新应用我的值"
    finally:
        close_window(context, window)


def test_flags_page_only_for_managers(qtbot, english, synced_replica, server):
    context, window = open_window(qtbot, synced_replica, "http://127.0.0.1:1", "clerk1", online=False)
    try:
        assert "flags" not in window.pages
        titles = [window.navigation.item(row).text() for row in range(window.navigation.count())]
        assert "Flags" not in titles
        assert "Sync problems" in titles
    finally:
        close_window(context, window)


def test_manager_resolves_flag(qtbot, english, tmp_path, server, server_db):
    url, ids = server_db
    add_user(url, "boss", "manager", PASSWORD, "D1", create_department=False)
    flag_id = add_flag(url, ids)
    replica = open_replica(tmp_path / "boss")
    try:
        sync(replica, server.url, "boss", PASSWORD)
        context, window = open_window(qtbot, replica, "http://127.0.0.1:1", "boss", online=False)
        try:
            view = window.show_page("flags")
            qtbot.waitUntil(lambda: view.model.rowCount() == 1 and not view.model.loading, timeout=15_000)
            shown = {column.key: view.model.index(0, number).data() for number, column in enumerate(view.model.columns)}
            assert shown["document"] == "Delivery note DN-A1-20261204-0002"
            assert shown["rule"] == "Stock of P1 went below zero (on hand -5.000)"
            assert shown["advice"].startswith("Count the product in that warehouse")
            assert shown["state"] == "Open"
            # The advice is a sentence: its cell wraps into a row tall enough, and the tooltip holds it whole.
            advice = [column.key for column in view.model.columns].index("advice")
            index = view.model.index(0, advice)
            assert index.data(Qt.ItemDataRole.ToolTipRole) == shown["advice"]
            metrics = view.table.fontMetrics()
            needed = metrics.boundingRect(QRect(0, 0, view.table.columnWidth(advice) - 8, 10_000),
                                          int(Qt.TextFlag.TextWordWrap), shown["advice"]).height()
            assert view.table.rowHeight(0) >= needed
            # The navigation shows the open count, as it does for sync problems.
            titles = lambda: [window.navigation.item(row).text() for row in range(window.navigation.count())]  # noqa: E731
            qtbot.waitUntil(lambda: "Flags (1)" in titles(), timeout=10_000)

            with qtbot.waitSignal(context.tasks.changed, timeout=15_000):
                view.resolve_selected(note="Counted again: 5 boxes were in the back room")
            qtbot.waitUntil(lambda: view.model.rowCount() == 0 and not view.model.loading, timeout=15_000)
            assert view.empty_label.isVisible()
            qtbot.waitUntil(lambda: "Flags" in titles(), timeout=10_000)
            view.show_resolved.setChecked(True)
            qtbot.waitUntil(lambda: view.model.rowCount() == 1 and not view.model.loading, timeout=15_000)
            assert view.model.index(0, 3).data() == "Resolved by boss: Counted again: 5 boxes were in the back room"
            assert not view.resolve_button.isEnabled()
        finally:
            close_window(context, window)

        result = sync(replica, server.url, "boss", PASSWORD)
        assert result.push.rejected == 0
        stored = read(url, Flag, flag_id, "status", "resolution_note")
        assert stored == {"status": "resolved", "resolution_note": "Counted again: 5 boxes were in the back room"}
    finally:
        replica.close()
