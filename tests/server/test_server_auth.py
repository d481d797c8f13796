"""Sign-in, refresh rotation, expiry and the absence of secrets in storage and logs."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select, update

from server_stub.auth import token_hash
from server_stub.db import Database
from server_stub.tables import AuthToken
from tests.server.server_process import add_user

PASSWORD = "s3cret-Passw0rd"


@pytest.fixture
def signed_up(server):
    add_user(server.database_url, "ann", "clerk", PASSWORD, "D1")
    return server


def test_sign_in_returns_token_pair(signed_up):
    client = signed_up.client()
    tokens = client.login("ann", PASSWORD)
    assert tokens["role"] == "clerk"
    assert tokens["access_expires_in"] == 15 * 60
    assert tokens["access_token"] != tokens["refresh_token"]
    response = client.post("/api/v1/devices/register", {"name": "pc"})
    assert response.status_code == 200


@pytest.mark.parametrize("username,password", [("ann", "wrong"), ("nobody", PASSWORD)])
def test_sign_in_rejects_bad_credentials(signed_up, username, password):
    response = signed_up.client().post("/api/v1/auth/login", {"username": username, "password": password})
    assert response.status_code == 401
    assert response.json() == {"code": "invalid_credentials", "params": {}}


def test_refresh_rotates_refresh_token(signed_up):
    client = signed_up.client()
    first = client.login("ann", PASSWORD)
    response = client.post("/api/v1/auth/refresh", {"refresh_token": first["refresh_token"]})
    assert response.status_code == 200
    second = response.json()
    assert second["refresh_token"] != first["refresh_token"]
    again = client.post("/api/v1/auth/refresh", {"refresh_token": first["refresh_token"]})
    assert again.status_code == 401
    assert again.json()["code"] == "invalid_token"
    client.http.headers["Authorization"] = f"Bearer {second['access_token']}"
    assert client.post("/api/v1/devices/register", {"name": "pc"}).status_code == 200


def test_expired_access_token_is_401_token_expired(signed_up):
    client = signed_up.client()
    tokens = client.login("ann", PASSWORD)
    db = Database(signed_up.database_url)
    try:
        with db.write() as session:
            session.execute(
                update(AuthToken)
                .where(AuthToken.token_hash == token_hash(tokens["access_token"]))
                .values(expires_at=dt.datetime.now(dt.timezone.utc) - dt.timedelta(seconds=1))
            )
    finally:
        db.dispose()
    response = client.post("/api/v1/devices/register", {"name": "pc"})
    assert response.status_code == 401
    assert response.json()["code"] == "token_expired"


def test_missing_token_is_401(signed_up):
    response = signed_up.client().post("/api/v1/devices/register", {"name": "pc"})
    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"


def test_tokens_stored_only_as_hashes(signed_up):
    tokens = signed_up.client().login("ann", PASSWORD)
    db = Database(signed_up.database_url)
    try:
        with db.read() as session:
            stored = set(session.execute(select(AuthToken.token_hash)).scalars())
    finally:
        db.dispose()
    assert tokens["access_token"] not in stored
    assert token_hash(tokens["access_token"]) in stored
    log = signed_up.log_text()
    assert PASSWORD not in log
    assert tokens["access_token"] not in log
    assert tokens["refresh_token"] not in log
