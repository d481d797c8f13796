"""Mixed versions: a client built for an older schema returns after a week with queued commands.

The server runs the current schema (sync.protocol.SCHEMA_VERSION) and imports
tests.faults.versioned_commands, whose commands changed payload shape after
schema 1. The client's outbox contains schema-1 commands as an older build
queued them. Each is upgraded and applied, or rejected with a reason, and the
rest of the push goes on. A client whose schema the server no longer serves
gets "update required" before anything is applied.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from domain.commands.upgrades import CommandTooOld, UpgradeRegistry
from domain.ids import new_id
from domain.models import Customer, SalesRegion
from server_stub.db import Database
from server_stub.tables import CommandLog, DeviceState
from sync.client import run_sync, sign_in
from sync.errors import UpdateRequired
from sync.local_tables import OutboxEntry
from sync.protocol import MIN_CLIENT_SCHEMA_VERSION, SCHEMA_HEADER, SCHEMA_VERSION
from sync.replica import Replica
from tests.faults.proxy import FaultProxy
from tests.faults.world import FAST_RETRIES, PASSWORD, Client, assert_oracle, clients, seed_world
from tests.server.server_process import ServerProcess

PLUGIN = "tests.faults.versioned_commands"
PUSH_PATH = "/api/v1/sync/push"
INFO_PATH = "/api/v1/info"
OLD_SCHEMA = 1
A_WEEK_AGO = dt.timedelta(days=7)


@contextlib.contextmanager
def newer_server(database_url: str, tmp_path: Path) -> Iterator[FaultProxy]:
    server = ServerProcess(database_url, tmp_path / "server.log", imports=(PLUGIN,))
    proxy = FaultProxy(server.port)
    try:
        server.start()
        proxy.start()
        yield proxy
    finally:
        proxy.stop()
        server.stop()


def _queue_old(client: Client, name: str, payload: dict) -> str:
    """Write a schema-1 command into the outbox as the older build queued it a week ago."""
    mutation_id = new_id()
    with client.replica.transaction() as session:
        state = Replica.state(session)
        state.last_device_seq = (state.last_device_seq or 0) + 1
        session.add(OutboxEntry(
            mutation_id=mutation_id, device_seq=state.last_device_seq, name=name, payload=payload,
            base_versions={}, depends_on=[], schema_version=OLD_SCHEMA, user_id=state.user_id,
            created_at=dt.datetime.now(dt.timezone.utc) - A_WEEK_AGO, status="pending",
        ))
    client.submitted.append(mutation_id)
    return mutation_id


def _mark_old(client: Client, mutation_id: str) -> None:
    """Stamp a command the client ran locally with the old schema, as the older build would have."""
    with client.replica.transaction() as session:
        entry = session.get(OutboxEntry, mutation_id)
        entry.schema_version = OLD_SCHEMA
        entry.created_at = dt.datetime.now(dt.timezone.utc) - A_WEEK_AGO


def _device_marks(database_url: str, device_id: str) -> tuple[int, int]:
    """Return (command_log rows of the device, its high-water mark)."""
    db = Database(database_url)
    try:
        with db.read() as session:
            logged = session.scalar(select(func.count()).select_from(CommandLog).where(CommandLog.device_id == device_id))
            state = session.get(DeviceState, device_id)
            return int(logged), int(state.high_water) if state else 0
    finally:
        db.dispose()


def test_old_queue_upgraded_or_rejected(database_url, tmp_path):
    assert OLD_SCHEMA < SCHEMA_VERSION, "the test needs a server newer than the queued commands"
    world = seed_world(database_url, {"mgr_a": "manager"})
    with newer_server(database_url, tmp_path) as proxy, clients(tmp_path, "mgr_a") as (client,):
        client.sync(proxy.url)

        old_shape_id, renamed_id = new_id(), new_id()
        upgraded = _queue_old(client, "test.label.create", {"id": old_shape_id, "code": "L-OLD", "title": "Old label"})
        too_old = _queue_old(client, "test.label.rename", {"id": old_shape_id, "code": "L-RENAMED"})
        unchanged = client.submit("customer.update", {
            "id": world.customer_id, "fields": {"phone": "0871-5555555"}, "base": {"phone": None},
        })
        _mark_old(client, unchanged)
        current = _queue_current_label(client, renamed_id)

        result = client.sync(proxy.url)

        assert result.push.sent == 4
        assert result.push.acknowledged == 3
        assert result.push.rejected == 1
        outbox = client.outbox()
        assert outbox[too_old].status == "rejected"
        assert outbox[too_old].result_code == "command_too_old"
        assert outbox[too_old].result_params == {
            "command": "test.label.rename", "schema_version": OLD_SCHEMA, "min_schema_version": 2,
        }
        for accepted in (upgraded, unchanged, current):
            assert accepted not in outbox, f"command {accepted} was not accepted"

        db = Database(database_url)
        try:
            with db.read() as session:
                old_label = session.get(SalesRegion, old_shape_id)
                assert old_label.name == "Old label"
                assert old_label.code == "L-OLD", "the too-old rename was applied"
                assert session.get(SalesRegion, renamed_id).name == "New label"
                assert session.get(Customer, world.customer_id).phone == "0871-5555555"
        finally:
            db.dispose()
        assert_oracle(database_url, proxy.url, [client])


def _queue_current_label(client: Client, label_id: str) -> str:
    """Queue a test.label.create in the current shape; the test process does not load the plug-in's handlers."""
    mutation_id = _queue_old(client, "test.label.create", {"id": label_id, "code": "L-NEW", "name": "New label"})
    with client.replica.transaction() as session:
        session.get(OutboxEntry, mutation_id).schema_version = SCHEMA_VERSION
    return mutation_id


def test_too_old_client_applies_nothing(database_url, tmp_path):
    world = seed_world(database_url, {"mgr_a": "manager"})
    with newer_server(database_url, tmp_path) as proxy, clients(tmp_path, "mgr_a") as (client,):
        client.sync(proxy.url)
        client.create_order(world, "1")
        device_id = client.replica.read_state().device_id
        before = _device_marks(database_url, device_id)

        connection = sign_in(client.replica, proxy.url, "mgr_a", PASSWORD, transport_options=FAST_RETRIES)
        # What a build older than the oldest schema the server serves sends.
        connection.transport.http.headers[SCHEMA_HEADER] = str(MIN_CLIENT_SCHEMA_VERSION - 1)
        start = len(proxy.exchanges)
        try:
            with pytest.raises(UpdateRequired, match="update this client"):
                run_sync(connection)
        finally:
            connection.close()

        seen = [(e.path, e.response_status) for e in proxy.exchanges[start:] if e.path != INFO_PATH]
        assert seen == [(PUSH_PATH, 426)], seen
        assert _device_marks(database_url, device_id) == before
        assert client.outbox()[client.submitted[-1]].status == "pending"

        # Once updated, the client drains its queue.
        assert client.sync(proxy.url).push.acknowledged == 1
        assert_oracle(database_url, proxy.url, [client])


def test_newer_client_told_server_is_old(database_url, tmp_path):
    world = seed_world(database_url, {"mgr_a": "manager"})
    with newer_server(database_url, tmp_path) as proxy, clients(tmp_path, "mgr_a") as (client,):
        client.sync(proxy.url)
        client.create_order(world, "1")
        device_id = client.replica.read_state().device_id
        before = _device_marks(database_url, device_id)

        connection = sign_in(client.replica, proxy.url, "mgr_a", PASSWORD, transport_options=FAST_RETRIES)
        connection.transport.http.headers[SCHEMA_HEADER] = str(SCHEMA_VERSION + 1)
        try:
            with pytest.raises(UpdateRequired, match="update the server"):
                run_sync(connection)
        finally:
            connection.close()
        assert _device_marks(database_url, device_id) == before


# -- the upgrade registry ---------------------------------------------------


def _title_to_text(payload: dict) -> dict:
    payload["text"] = payload.pop("title")
    return payload


def _registry() -> UpgradeRegistry:
    registry = UpgradeRegistry()
    registry.register("note.add", 1)(_title_to_text)
    registry.register("note.add", 2)(lambda payload: {**payload, "tags": []})
    return registry


def test_upgrade_chains_steps():
    old = {"id": "n1", "title": "hello"}
    upgraded = _registry().upgrade("note.add", old, 1, to_version=3, min_version=1)
    assert upgraded == {"id": "n1", "text": "hello", "tags": []}
    assert old == {"id": "n1", "title": "hello"}, "the stored payload was modified"


def test_upgrade_without_step_is_copy():
    payload = {"id": "x"}
    upgraded = _registry().upgrade("other.command", payload, 1, to_version=3, min_version=1)
    assert upgraded == payload
    assert upgraded is not payload


def test_upgrade_below_minimum_rejected():
    registry = _registry()
    registry.require_at_least("note.add", 2)
    with pytest.raises(CommandTooOld) as raised:
        registry.upgrade("note.add", {"id": "n1", "title": "t"}, 1, to_version=3, min_version=1)
    assert raised.value.code == "command_too_old"
    assert raised.value.params == {"command": "note.add", "schema_version": 1, "min_schema_version": 2}
    with pytest.raises(CommandTooOld):
        registry.upgrade("other.command", {}, 1, to_version=3, min_version=2)


def test_upgrade_step_registered_twice():
    registry = _registry()
    with pytest.raises(RuntimeError):
        registry.register("note.add", 1)(lambda payload: payload)
