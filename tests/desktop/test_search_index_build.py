"""The search index built in the background after a first sync, with progress in the main window's status bar."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bench.master_data import CustomerRows, load_customers
from domain.models import Department
from server_stub.db import Database
from sync import search_index
from sync.client import open_replica, sign_in
from sync.search import search_customers
from tests.desktop.conftest import PASSWORD
from tests.desktop.helpers import close_window, open_window
from tests.server.server_process import ServerProcess, add_user, migrate

# More customers than a pull indexes inline, so the first sync leaves the build to the background.
CUSTOMERS = search_index.INLINE_REFRESH_MAX + 200


@pytest.fixture
def loaded_server(tmp_path):
    database_url = f"sqlite:///{tmp_path / 'server.sqlite3'}"
    migrate(database_url)
    manager_id = add_user(database_url, "manager1", "manager", PASSWORD, "HQ")
    db = Database(database_url)
    try:
        with db.read() as session:
            department_ids = list(session.scalars(select(Department.id)))
    finally:
        db.dispose()
    load_customers(database_url, CustomerRows(department_ids, manager_id), CUSTOMERS, str(tmp_path / "raw.sqlite3"))
    process = ServerProcess(database_url, tmp_path / "server.log", imports=()).start()
    yield process
    process.stop()


def test_first_sync_builds_index_in_background(qtbot, english, tmp_path, loaded_server):
    replica = open_replica(tmp_path / "fresh")
    sign_in(replica, loaded_server.url, "manager1", PASSWORD).close()
    try:
        context, window = open_window(qtbot, replica, loaded_server.url, "manager1", online=True)
        try:
            messages: list[str] = []
            context.sync.message_changed.connect(messages.append)
            progress: list[tuple[int, int]] = []
            context.sync.search_index_progress.connect(lambda done, total: progress.append((done, total)))
            with qtbot.waitSignal(context.sync.search_index_built, timeout=120_000):
                pass

            assert context.sync.last_result.pull.search_index_pending
            building = [message for message in messages if message.startswith("Building the search index: ")]
            assert building, messages
            assert building[-1].endswith("records (100 %)")
            assert progress[-1][0] == progress[-1][1] >= CUSTOMERS
            # The build's end replaces the progress note with the sync's own note (none here).
            assert window.message_label.text() == ""

            with replica.transaction() as session:
                assert not search_index.needs_refresh(session)
                name = session.connection().exec_driver_sql("SELECT name FROM customer LIMIT 1").scalar_one()
                result = search_customers(session, name)
                # The search ran on the index: it wrote nothing and found the customer.
                assert not search_index.needs_refresh(session)
            assert result.total >= 1
            assert name in [row["name"] for row in result.rows]
        finally:
            close_window(context, window)
    finally:
        replica.close()
