"""Transport against a real server: token refresh once, sign-in required, retries, keyring errors."""

from __future__ import annotations

import datetime as dt
import time

import keyring
import pytest
from keyring.backends.fail import Keyring as FailKeyring
from sqlalchemy import update

from server_stub.db import Database
from server_stub.tables import AuthToken
from sync import protocol
from sync.client import open_replica, sign_in
from sync.credentials import KEYRING_SERVICE, keyring_key, load_refresh_token, store_refresh_token
from sync.errors import AuthRequired, KeyringUnavailable, ServerUnreachable
from sync.transport import Transport
from tests.server.server_process import add_user, free_port

PASSWORD = "correct horse 42"


def _expire_tokens(database_url: str, *kinds: str) -> None:
    past = dt.datetime.now(dt.timezone.utc) - dt.timedelta(hours=1)
    db = Database(database_url)
    try:
        with db.write() as session:
            session.execute(update(AuthToken).where(AuthToken.kind.in_(kinds)).values(expires_at=past))
    finally:
        db.dispose()


@pytest.fixture
def signed_in(tmp_path, server, memory_keyring):
    add_user(server.database_url, "clerk1", "clerk", PASSWORD, "D1")
    replica = open_replica(tmp_path / "a")
    connection = sign_in(replica, server.url, "clerk1", PASSWORD)
    yield connection
    connection.close()
    replica.close()


def test_expired_access_token_refreshed_once(server, signed_in, memory_keyring):
    transport = signed_in.transport
    old_access = transport.access_token
    old_refresh = memory_keyring.get_password(KEYRING_SERVICE, keyring_key(server.url, "clerk1"))
    assert old_refresh

    _expire_tokens(server.database_url, "access")
    page = transport.pull(protocol.PullRequest(cursor=0))

    assert page.database_id
    assert transport.access_token != old_access
    assert memory_keyring.get_password(KEYRING_SERVICE, keyring_key(server.url, "clerk1")) == transport.refresh_token


def test_expired_refresh_token_asks_sign_in(server, signed_in):
    _expire_tokens(server.database_url, "access", "refresh")

    with pytest.raises(AuthRequired):
        signed_in.transport.pull(protocol.PullRequest(cursor=0))
    assert signed_in.transport.refresh_token is None


def test_unreachable_server_retries_then_fails():
    transport = Transport(f"http://127.0.0.1:{free_port()}", max_attempts=3, backoff_base_s=0.05, backoff_max_s=0.1)
    started = time.monotonic()
    with pytest.raises(ServerUnreachable) as raised:
        transport.info()
    assert "after 3 attempts" in str(raised.value)
    assert time.monotonic() - started < 5


def test_no_keyring_backend_clear_error():
    previous = keyring.get_keyring()
    keyring.set_keyring(FailKeyring())
    try:
        with pytest.raises(KeyringUnavailable, match="no keyring backend"):
            store_refresh_token("http://127.0.0.1:1", "clerk1", "token")
        with pytest.raises(KeyringUnavailable, match="no keyring backend"):
            load_refresh_token("http://127.0.0.1:1", "clerk1")
    finally:
        keyring.set_keyring(previous)
