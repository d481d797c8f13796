"""Token refresh: an expired access token is refreshed once, then the user must sign in; sync never loops on 401.

The server issues short-lived access tokens (KAIDAN_SERVER_ACCESS_TOKEN_TTL_S)
and every request goes through the fault proxy, which records each exchange
with the server's status, so the tests count refresh attempts and 401s.
"""

from __future__ import annotations

import time

import pytest
from sqlalchemy import select, update

from server_stub.db import Database
from server_stub.tables import AuthToken, CommandLog, DeviceState
from sync.client import run_sync, sign_in
from sync.credentials import load_refresh_token
from sync.errors import AuthRequired
from tests.faults.proxy import FaultProxy
from tests.faults.world import FAST_RETRIES, PASSWORD, Client, assert_oracle, clients, running_server, seed_world
from tests.server.server_process import run_cli

PUSH_PATH = "/api/v1/sync/push"
PULL_PATH = "/api/v1/sync/pull"
REFRESH_PATH = "/api/v1/auth/refresh"
# Needs no token, so it plays no part in the refresh.
INFO_PATH = "/api/v1/info"
TTL_VARIABLE = "KAIDAN_SERVER_ACCESS_TOKEN_TTL_S"
NEW_PASSWORD = "battery staple 7"


def _exchanges_since(proxy: FaultProxy, start: int) -> list[tuple[str, int | None]]:
    """Return (path, status) of the exchanges after the first `start`, except the token-free /info."""
    return [(exchange.path, exchange.response_status) for exchange in proxy.exchanges[start:] if exchange.path != INFO_PATH]


def _count(exchanges: list[tuple[str, int | None]], path: str, status: int | None = None) -> int:
    return sum(1 for seen_path, seen_status in exchanges if seen_path == path and (status is None or seen_status == status))


def _device_state(database_url: str, client: Client) -> tuple[int, int]:
    """Return (command_log rows of the client's device, the device's high-water mark)."""
    device_id = client.replica.read_state().device_id
    db = Database(database_url)
    try:
        with db.read() as session:
            logged = len(session.scalars(select(CommandLog.mutation_id).where(CommandLog.device_id == device_id)).all())
            state = session.get(DeviceState, device_id)
            return logged, int(state.high_water) if state else 0
    finally:
        db.dispose()


def _revoke_refresh_tokens(database_url: str) -> None:
    db = Database(database_url)
    try:
        with db.write() as session:
            session.execute(update(AuthToken).where(AuthToken.kind == "refresh").values(revoked=True))
    finally:
        db.dispose()


def test_expired_token_refreshed_once(database_url, tmp_path, monkeypatch):
    monkeypatch.setenv(TTL_VARIABLE, "2")
    world = seed_world(database_url, {"mgr_a": "manager"})
    with running_server(database_url, tmp_path) as (_server, proxy), clients(tmp_path, "mgr_a") as (client,):
        client.sync(proxy.url)
        client.create_order(world, "1")
        connection = sign_in(client.replica, proxy.url, "mgr_a", PASSWORD, transport_options=FAST_RETRIES)
        first_refresh_token = connection.transport.refresh_token
        try:
            time.sleep(2.5)
            start = len(proxy.exchanges)
            result = run_sync(connection)
        finally:
            connection.close()

        seen = _exchanges_since(proxy, start)
        assert seen[:3] == [(PUSH_PATH, 401), (REFRESH_PATH, 200), (PUSH_PATH, 200)], seen
        assert _count(seen, REFRESH_PATH) == 1
        assert sum(1 for _, status in seen if status == 401) == 1
        assert _count(seen, PULL_PATH, 200) >= 1
        assert result.push.acknowledged == 1
        # The rotated refresh token replaced the old one in the keyring.
        stored = load_refresh_token(proxy.url, "mgr_a")
        assert stored is not None
        assert stored != first_refresh_token
        assert_oracle(database_url, proxy.url, [client])


def test_refreshed_token_expired_again_stops(database_url, tmp_path, monkeypatch):
    # Every push reaches the server 2.5 s after it was sent, so even the
    # freshly refreshed token has expired by then: the client must give up
    # after one refresh instead of refreshing forever.
    monkeypatch.setenv(TTL_VARIABLE, "1")
    world = seed_world(database_url, {"mgr_a": "manager"})
    with running_server(database_url, tmp_path) as (_server, proxy), clients(tmp_path, "mgr_a") as (client,):
        client.sync(proxy.url)
        client.create_order(world, "1")
        before = _device_state(database_url, client)
        connection = sign_in(client.replica, proxy.url, "mgr_a", PASSWORD, transport_options=FAST_RETRIES)
        try:
            proxy.delay(2500, path_prefix=PUSH_PATH)
            start = len(proxy.exchanges)
            with pytest.raises(AuthRequired):
                run_sync(connection)
        finally:
            connection.close()
            proxy.pass_through()

        seen = _exchanges_since(proxy, start)
        assert seen == [(PUSH_PATH, 401), (REFRESH_PATH, 200), (PUSH_PATH, 401)], seen
        assert _device_state(database_url, client) == before
        assert client.outbox()[client.submitted[-1]].status == "pending"


def test_revoked_refresh_token_requires_sign_in(database_url, tmp_path, monkeypatch):
    monkeypatch.setenv(TTL_VARIABLE, "2")
    world = seed_world(database_url, {"mgr_a": "manager"})
    with running_server(database_url, tmp_path) as (_server, proxy), clients(tmp_path, "mgr_a") as (client,):
        client.sync(proxy.url)
        client.create_order(world, "1")
        before = _device_state(database_url, client)
        connection = sign_in(client.replica, proxy.url, "mgr_a", PASSWORD, transport_options=FAST_RETRIES)
        try:
            _revoke_refresh_tokens(database_url)
            time.sleep(2.5)
            start = len(proxy.exchanges)
            with pytest.raises(AuthRequired):
                run_sync(connection)
        finally:
            connection.close()

        seen = _exchanges_since(proxy, start)
        assert seen == [(PUSH_PATH, 401), (REFRESH_PATH, 401)], seen
        assert _device_state(database_url, client) == before
        assert client.outbox()[client.submitted[-1]].status == "pending"

        # Signing in with the password again drains the queue.
        assert client.sync(proxy.url).push.acknowledged == 1
        assert_oracle(database_url, proxy.url, [client])


def test_set_password_revokes_tokens(database_url, tmp_path):
    world = seed_world(database_url, {"mgr_a": "manager"})
    with running_server(database_url, tmp_path) as (_server, proxy), clients(tmp_path, "mgr_a") as (client,):
        client.sync(proxy.url)
        client.create_order(world, "1")
        connection = sign_in(client.replica, proxy.url, "mgr_a", PASSWORD, transport_options=FAST_RETRIES)
        try:
            run_cli(["user", "set-password", "mgr_a", "--database-url", database_url], input_text=NEW_PASSWORD + "\n")
            start = len(proxy.exchanges)
            with pytest.raises(AuthRequired):
                run_sync(connection)
        finally:
            connection.close()

        # A revoked access token is not refreshed: its refresh token is revoked too.
        seen = _exchanges_since(proxy, start)
        assert seen == [(PUSH_PATH, 401)], seen
        with pytest.raises(AuthRequired):
            sign_in(client.replica, proxy.url, "mgr_a", None, transport_options=FAST_RETRIES)
        with pytest.raises(AuthRequired):
            sign_in(client.replica, proxy.url, "mgr_a", PASSWORD, transport_options=FAST_RETRIES)

        db = Database(database_url)
        try:
            with db.read() as session:
                unrevoked = session.scalars(select(AuthToken).where(AuthToken.revoked.is_(False))).all()
        finally:
            db.dispose()
        assert unrevoked == [], "set-password left tokens usable"

        new_connection = sign_in(client.replica, proxy.url, "mgr_a", NEW_PASSWORD, transport_options=FAST_RETRIES)
        try:
            assert run_sync(new_connection).push.acknowledged == 1
        finally:
            new_connection.close()
