"""`kaidan sync` after a first sync too large for an inline index refresh: the sync result first, then the index build."""

from __future__ import annotations

import shutil

import pytest
from sqlalchemy import select

from bench.master_data import CustomerRows, load_customers
from domain.models import Department
from server_stub.db import Database
from sync import search_index
from sync.client import open_replica
from tests.server.server_process import add_user
from tests.sync.cli_runner import run_kaidan

PASSWORD = "correct horse 42"
CUSTOMERS = search_index.INLINE_REFRESH_MAX + 200


@pytest.fixture
def loaded_server(tmp_path, _sqlite_template, make_server):
    """A server on a SQLite database with a manager and more customers than a pull indexes inline."""
    database_url = f"sqlite:///{tmp_path / 'server.sqlite3'}"
    shutil.copyfile(_sqlite_template, tmp_path / "server.sqlite3")
    manager_id = add_user(database_url, "manager1", "manager", PASSWORD, "HQ")
    db = Database(database_url)
    try:
        with db.read() as session:
            department_ids = list(session.scalars(select(Department.id)))
    finally:
        db.dispose()
    load_customers(database_url, CustomerRows(department_ids, manager_id), CUSTOMERS, str(tmp_path / "raw.sqlite3"))
    return make_server(database_url)


def test_sync_prints_result_then_builds_index(tmp_path, loaded_server):
    data_dir = tmp_path / "data"
    synced = run_kaidan("sync", "--server", loaded_server.url, "--user", "manager1", "--data-dir", str(data_dir),
                        password=PASSWORD)
    assert synced.returncode == 0, synced.stderr
    lines = synced.stdout.splitlines()
    complete = next(number for number, line in enumerate(lines) if line.startswith("sync complete:"))
    building = lines.index("building the search index")
    built = next(number for number, line in enumerate(lines) if line.startswith("search index built:"))
    assert complete < building < built
    progress = [line for line in lines[building:built] if line.startswith("search index: ")]
    assert progress, synced.stdout
    assert progress[-1].endswith("records (100 %)")

    replica = open_replica(data_dir)
    try:
        with replica.transaction() as session:
            assert not search_index.needs_refresh(session)
            entries = session.connection().exec_driver_sql(
                "SELECT count(*) FROM search_entry WHERE kind = 'customer'"
            ).scalar_one()
            customers = session.connection().exec_driver_sql("SELECT count(*) FROM customer").scalar_one()
    finally:
        replica.close()
    assert customers >= CUSTOMERS
    assert entries == customers


def test_index_progress_line():
    from desktop.cli_messages import CliMessages

    messages = CliMessages()
    assert messages.index_progress(0, 0, 0.0) == "search index: 0 of 0 records (100 %)"
    assert messages.index_progress(5000, 20000, 2.0) == "search index: 5,000 of 20,000 records (25 %), about 6 s left"
    assert messages.index_progress(20000, 20000, 8.0) == "search index: 20,000 of 20,000 records (100 %)"
