"""Replica files made by earlier schemas migrate to the latest one with their outbox intact."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from domain.ids import new_id
from sync import migrate
from sync.client import open_replica, submit
from tests.sync.cli_runner import status_json

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def _raw(path: Path, sql: str) -> list[tuple]:
    connection = sqlite3.connect(path)
    try:
        return connection.execute(sql).fetchall()
    finally:
        connection.close()


# replica_v1: the initial schema. replica_v2: the schema with the search index's
# progress table, before sales_order.delivery_date_wanted had an index.
# replica_v3: before stock_movement had the stock summary's covering index.
# replica_v4: before delivery_note had discount_amount.
@pytest.mark.parametrize("fixture", ["replica_v1.sqlite3", "replica_v2.sqlite3", "replica_v3.sqlite3", "replica_v4.sqlite3"])
def test_fixture_migrates_with_outbox(tmp_path, fixture):
    path = tmp_path / "replica.sqlite3"
    shutil.copy(FIXTURES / fixture, path)
    outbox_sql = "SELECT mutation_id, device_seq, name, payload, status, base_versions, depends_on FROM outbox ORDER BY device_seq"
    outbox_before = _raw(path, outbox_sql)
    undo_before = _raw(path, "SELECT mutation_id, ordinal, table_name, row_id, before FROM undo_log ORDER BY id")
    customers_before = _raw(path, "SELECT id, code, name FROM customer ORDER BY id")
    assert len(outbox_before) == 2
    assert len(customers_before) == 5

    replica = open_replica(path)
    try:
        assert _raw(path, "SELECT version_num FROM alembic_version") == [(migrate.head_revision(),)]
        assert _raw(path, outbox_sql) == outbox_before
        assert _raw(path, "SELECT mutation_id, ordinal, table_name, row_id, before FROM undo_log ORDER BY id") == undo_before
        assert _raw(path, "SELECT id, code, name FROM customer ORDER BY id") == customers_before
        assert json.loads(outbox_before[0][3])["code"] == "Q1"
        indexes = _raw(path, "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'sales_order'")
        assert ("ix_sales_order_delivery_date_wanted",) in indexes
        movement_indexes = _raw(path, "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'stock_movement'")
        assert ("ix_stock_movement_summary",) in movement_indexes
        delivery_columns = [row[1] for row in _raw(path, "PRAGMA table_info(delivery_note)")]
        assert "discount_amount" in delivery_columns
        state = replica.read_state()
        assert (state.cursor, state.device_code, state.last_device_seq) == (3, "A1", 2)

        queued = submit(replica, "customer.create", {"id": new_id(), "code": "Q3", "name": "After migration"})
        assert queued.device_seq == 3
    finally:
        replica.close()


def test_status_json_shape(tmp_path):
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    shutil.copy(FIXTURES / "replica_v1.sqlite3", data_dir / "replica.sqlite3")

    status = status_json(data_dir)

    assert set(status) == {
        "cursor", "unsynced", "refused", "rows", "server", "user", "device", "last_sync", "last_error",
    }
    assert status["cursor"] == 3
    assert status["unsynced"] == 2
    assert status["rows"]["customer"] == 5
    assert all(isinstance(count, int) for count in status["rows"].values())
    assert "outbox" not in status["rows"]


def test_migrations_match_models(tmp_path):
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from domain.models.base import Base
    from sync.local_tables import LocalBase
    from sync.migrate import include_name

    replica = open_replica(tmp_path / "data")
    try:
        with replica.engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True, "include_name": include_name})
            differences = compare_metadata(context, [Base.metadata, LocalBase.metadata])
    finally:
        replica.close()

    assert differences == [], (
        "the replica migrations do not create the current models; add a revision with "
        "`.venv/bin/python -m sync.migrate revision -m MESSAGE` (see sync/migrate.py)"
    )
