"""The client engine against a real server process (SQLite and PostgreSQL server databases)."""

from __future__ import annotations

import sqlite3
import subprocess

import pytest

from domain.ids import new_id
from sync.client import open_replica, sign_in, submit, sync
from sync.engine import SyncEngine
from sync.local_tables import OutboxEntry
from tests.server.server_process import add_user
from tests.sync.cli_runner import REPO_ROOT, kaidan_command, kaidan_env, run_kaidan, status_json

PASSWORD = "correct horse 42"


@pytest.fixture
def clerk(server):
    add_user(server.database_url, "clerk1", "clerk", PASSWORD, "D1")
    return "clerk1"


def _create_region(replica, code: str) -> str:
    """Queue the server tests' "test.region.create" command (the test server imports it too)."""
    region_id = new_id()
    submit(replica, "test.region.create", {"id": region_id, "code": code, "name": f"Region {code}"})
    return region_id


def _synced_replica(tmp_path, server, user, name):
    replica = open_replica(tmp_path / name)
    sync(replica, server.url, user, PASSWORD)
    return replica


def _region_codes(replica) -> list[str]:
    with replica.transaction() as session:
        return sorted(session.connection().exec_driver_sql("SELECT code FROM sales_region").scalars())


def test_sync_from_zero_and_back(tmp_path, server, clerk, memory_keyring):
    replica_a = _synced_replica(tmp_path, server, clerk, "a")
    first = replica_a.read_state()
    assert first.device_id is not None
    assert first.device_code
    assert first.database_id is not None

    ids = [_create_region(replica_a, code) for code in ("C1", "C2", "C3")]
    result = sync(replica_a, server.url, clerk)  # the refresh token from the keyring signs in

    assert result.push.acknowledged == 3
    assert replica_a.outbox() == []
    with replica_a.transaction() as session:
        journal = session.connection().exec_driver_sql("SELECT device_seq FROM journal ORDER BY device_seq").scalars().all()
    assert journal == [1, 2, 3]
    assert replica_a.read_state().cursor > 0

    replica_b = _synced_replica(tmp_path, server, clerk, "b")
    assert _region_codes(replica_b) == ["C1", "C2", "C3"]
    with replica_b.transaction() as session:
        versions = session.connection().exec_driver_sql(
            "SELECT id, version, change_seq IS NOT NULL FROM sales_region ORDER BY code"
        ).all()
    assert [tuple(row) for row in versions] == [(i, 1, 1) for i in ids]
    assert replica_b.read_state().device_id != first.device_id


def test_push_twice_changes_nothing(tmp_path, server, clerk, memory_keyring):
    replica = _synced_replica(tmp_path, server, clerk, "a")
    _create_region(replica, "C1")
    _create_region(replica, "C2")

    connection = sign_in(replica, server.url, clerk, PASSWORD)
    try:
        engine = SyncEngine(replica, connection.transport)
        assert engine.push().acknowledged == 2
        server_seq_after_first = connection.transport.info().server_seq
        # The first response was lost: the entries look unsent again.
        with replica.transaction() as session:
            for entry in session.query(OutboxEntry):
                entry.status = "pending"
                entry.change_seq = None
        second = engine.push()
        assert second.acknowledged == 2
        assert connection.transport.info().server_seq == server_seq_after_first
        engine.pull()
    finally:
        connection.close()

    assert replica.outbox() == []
    fresh = _synced_replica(tmp_path, server, clerk, "fresh")
    assert _region_codes(fresh) == ["C1", "C2"]


def test_second_process_drains_same_outbox(tmp_path, server, clerk):
    data_dir = tmp_path / "shared"
    replica = open_replica(data_dir)
    replica.close()
    first = run_kaidan("sync", "--server", server.url, "--user", clerk, "--data-dir", str(data_dir), password=PASSWORD)
    assert first.returncode == 0, first.stderr

    replica = open_replica(data_dir)
    for code in ("C1", "C2", "C3"):
        _create_region(replica, code)
    replica.close()

    processes = [
        subprocess.Popen(
            kaidan_command("sync", "--server", server.url, "--user", clerk, "--data-dir", str(data_dir)),
            cwd=REPO_ROOT, env=kaidan_env(), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.PIPE, text=True,
        )
        for _ in range(2)
    ]
    outputs = [process.communicate(PASSWORD + "\n", timeout=300) for process in processes]
    for process, (stdout, stderr) in zip(processes, outputs):
        assert process.returncode == 0, stderr

    status = status_json(data_dir)
    assert status["unsynced"] == 0
    assert status["rows"]["sales_region"] == 3
    fresh = _synced_replica(tmp_path, server, clerk, "fresh")
    assert _region_codes(fresh) == ["C1", "C2", "C3"]


def test_cli_verify_passes_then_names_tampered_row(tmp_path, server, clerk):
    data_dir = tmp_path / "a"
    replica = open_replica(data_dir)
    replica.close()
    first = run_kaidan("sync", "--server", server.url, "--user", clerk, "--data-dir", str(data_dir), password=PASSWORD)
    assert first.returncode == 0, first.stderr
    replica = open_replica(data_dir)
    region_id = _create_region(replica, "C1")
    _create_region(replica, "C2")
    replica.close()
    synced = run_kaidan("sync", "--server", server.url, "--user", clerk, "--data-dir", str(data_dir), password=PASSWORD)
    assert synced.returncode == 0, synced.stderr
    assert "sync complete" in synced.stdout

    passed = run_kaidan("verify", "--server", server.url, "--user", clerk, "--data-dir", str(data_dir), password=PASSWORD)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "verify passed" in passed.stdout

    database = sqlite3.connect(data_dir / "replica.sqlite3")
    with database:
        database.execute("UPDATE sales_region SET name = 'tampered' WHERE id = ?", (region_id,))
    database.close()

    failed = run_kaidan("verify", "--server", server.url, "--user", clerk, "--data-dir", str(data_dir), password=PASSWORD)
    assert failed.returncode == 1, failed.stdout + failed.stderr
    # A table without a user name keeps its database name; the row is named by its code and name, not its id.
    assert "differences in sales_region: 2 rows here, 2 on the server" in failed.stdout
    assert "  C1 tampered: different" in failed.stdout
    assert region_id not in failed.stdout


def test_pending_command_survives_verify(tmp_path, server, clerk, memory_keyring):
    replica = _synced_replica(tmp_path, server, clerk, "a")
    _create_region(replica, "C1")
    sync(replica, server.url, clerk)
    _create_region(replica, "PENDING")

    connection = sign_in(replica, server.url, clerk)
    try:
        from sync.verify import verify

        report = verify(replica, connection.transport)
    finally:
        connection.close()

    assert report.ok, report.differences
    assert _region_codes(replica) == ["C1", "PENDING"]


def test_cli_sync_wrong_password_fails(tmp_path, server, clerk):
    completed = run_kaidan(
        "sync", "--server", server.url, "--user", clerk, "--data-dir", str(tmp_path / "a"), password="wrong"
    )
    assert completed.returncode == 2
    assert completed.stderr.strip().splitlines()[-1] == (
        "kaidan: sync failed: Sign-in failed: check the user name and password, then sign in again."
    )


def test_server_rejection_is_kept_visible(tmp_path, server, clerk, memory_keyring):
    replica = _synced_replica(tmp_path, server, clerk, "a")
    kept_id = _create_region(replica, "GOOD")
    rejected_id = new_id()
    submit(replica, "test.region.server_rejects", {"id": rejected_id, "code": "LATE"})

    result = sync(replica, server.url, clerk)

    assert result.push.rejected == 1
    assert result.push.acknowledged == 1
    entries = replica.outbox()
    assert [(e.status, e.result_code) for e in entries] == [("rejected", "duplicate_code")]
    with replica.transaction() as session:
        ids = set(session.connection().exec_driver_sql("SELECT id FROM sales_region").scalars())
    assert kept_id in ids
    assert rejected_id not in ids
    assert status_json(tmp_path / "a")["unsynced"] == 1


def test_replayed_rejection_stays_rejected(tmp_path, server, clerk, memory_keyring):
    replica = _synced_replica(tmp_path, server, clerk, "a")
    submit(replica, "test.region.server_rejects", {"id": new_id(), "code": "LATE"})
    sync(replica, server.url, clerk)
    with replica.transaction() as session:
        for entry in session.query(OutboxEntry):
            entry.status = "pending"

    # The server returns its stored result for the replayed command.
    result = sync(replica, server.url, clerk)

    assert result.push.rejected == 1
    assert result.push.acknowledged == 0
    assert [e.status for e in replica.outbox()] == ["rejected"]


def test_other_database_id_rebuilds_replica(tmp_path, server, clerk, memory_keyring):
    replica = _synced_replica(tmp_path, server, clerk, "a")
    real_database_id = replica.read_state().database_id
    with replica.transaction() as session:
        replica.state(session).database_id = "01900000-0000-7000-8000-00000000dead"
    _create_region(replica, "KEPT")

    result = sync(replica, server.url, clerk)

    state = replica.read_state()
    assert state.database_id == real_database_id
    assert state.restored_database_id == real_database_id
    assert any("restored from a backup" in rebuilt.note for rebuilt in result.pull.rebuilds)
    assert result.push.acknowledged == 1
    assert _region_codes(replica) == ["KEPT"]


def test_discard_rejected_command(tmp_path, server, clerk, memory_keyring):
    from sync.client import discard

    replica = _synced_replica(tmp_path, server, clerk, "a")
    queued = submit(replica, "test.region.server_rejects", {"id": new_id(), "code": "LATE"})
    pending = _create_region(replica, "AFTER")
    with pytest.raises(ValueError, match="only rejected or held"):
        discard(replica, replica.outbox()[-1].mutation_id)
    sync(replica, server.url, clerk)

    discard(replica, queued.mutation_id)

    assert replica.outbox() == []
    assert status_json(tmp_path / "a")["unsynced"] == 0
    with replica.transaction() as session:
        ids = set(session.connection().exec_driver_sql("SELECT id FROM sales_region").scalars())
    assert pending in ids


def test_cli_sync_reports_rejected_commands(tmp_path, server, clerk):
    data_dir = tmp_path / "a"
    first = run_kaidan("sync", "--server", server.url, "--user", clerk, "--data-dir", str(data_dir), password=PASSWORD)
    assert first.returncode == 0, first.stderr
    replica = open_replica(data_dir)
    _create_region(replica, "GOOD")
    submit(replica, "test.region.server_rejects", {"id": new_id(), "code": "LATE"})
    replica.close()

    synced = run_kaidan("sync", "--server", server.url, "--user", clerk, "--data-dir", str(data_dir), password=PASSWORD)

    assert synced.returncode == 3, synced.stdout + synced.stderr
    assert "sync complete" not in synced.stdout
    assert "sync finished with problems: pushed 2 commands: 1 accepted, 1 rejected, 0 held" in synced.stdout
    assert "the server rejected 1 command. It was not applied." in synced.stderr
    assert "Open Sync problems (同步问题) in the desktop app" in synced.stderr
