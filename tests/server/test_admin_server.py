"""Administration over the real server: permissions, scope changes and the password endpoint."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from domain.ids import new_id
from domain.models import Customer, Flag, MoneyAccount, User, Warehouse
from domain.org_scope import WAREHOUSE_MOVED
from server_stub.admin import server_change
from server_stub.auth import MAX_FAILED_ATTEMPTS
from server_stub.db import Database
from sync.client import open_replica, set_user_password, sign_in, sync
from sync.errors import AuthRequired, ServerError, UserInactive
from tests.server.helpers import envelope, seed_scope
from tests.server.server_process import add_user, run_cli

PASSWORD = "pw-admin-1"


class Pusher:
    """A signed-in API client with a registered device that numbers its own pushes."""

    def __init__(self, server, username: str, password: str) -> None:
        self.client = server.client()
        self.client.login(username, password)
        self.client.register(f"{username} pc")
        self.seq = 0

    def run(self, name: str, payload: dict) -> dict:
        """Push one command; return its result."""
        self.seq += 1
        response = self.client.push([envelope(self.seq, name, payload)])
        assert response.status_code == 200, response.text
        return response.json()["results"][0]


def read(database_url: str, query):
    db = Database(database_url)
    try:
        with db.read() as session:
            return session.execute(query).all()
    finally:
        db.dispose()


def scope_version(database_url: str, username: str) -> int:
    return read(database_url, select(User.scope_version).where(User.username == username))[0][0]


@pytest.fixture
def company(server):
    """An admin, a clerk and a keeper of D1, a keeper of D2, and the seed_scope departments and warehouses."""
    ids = {
        "admin": add_user(server.database_url, "root", "admin", PASSWORD),
        "clerk": add_user(server.database_url, "ann", "clerk", "pw-ann", "D1"),
        "keeper": add_user(server.database_url, "ken", "warehouse", "pw-ken", "D1"),
        "keeper2": add_user(server.database_url, "kim", "warehouse", "pw-kim", "D2"),
    }
    ids.update(seed_scope(server.database_url))
    customer, account = new_id(), new_id()
    db = Database(server.database_url)
    try:
        with db.write() as session, server_change(session):
            session.add(Customer(id=customer, code="C1", name="上海华联", department_id=ids["D1"]))
            session.add(MoneyAccount(id=account, code="BANK", name="工商银行"))
    finally:
        db.dispose()
    ids.update(customer=customer, account=account)
    return ids


@pytest.fixture
def admin(server, company) -> Pusher:
    return Pusher(server, "root", PASSWORD)


@pytest.fixture
def clerk(server, company) -> Pusher:
    return Pusher(server, "ann", "pw-ann")


def customer_payload(company, code: str) -> dict:
    return {"id": new_id(), "code": code, "name": f"客户 {code}", "fields": {"department_id": company["D1"]}}


def payment_payload(company) -> dict:
    return {"id": new_id(), "number": f"PM-{new_id()[:8]}", "customer_id": company["customer"], "amount": "50.00",
            "method": "bank_transfer", "account_id": company["account"], "document_date": dt.date.today().isoformat()}


def test_clerk_admin_command_rejected(server, company, clerk):
    result = clerk.run("department.create", {"id": new_id(), "code": "D9", "name": "x"})
    assert result["status"] == "rejected"
    assert result["code"] == "not_authorized"
    assert result["params"] == {"command": "department.create", "role": "clerk"}
    result = clerk.run("role_permission.set", {"role": "clerk", "command": "payment.record", "allowed": True})
    assert result["code"] == "not_authorized"


def test_role_permission_rows_decide(server, company, admin, clerk):
    assert clerk.run("customer.create", customer_payload(company, "C100"))["status"] == "applied"
    assert clerk.run("payment.record", payment_payload(company))["code"] == "not_authorized"

    assert admin.run("role_permission.set", {"role": "clerk", "command": "customer.create", "allowed": False})["status"] == "applied"
    assert admin.run("role_permission.set", {"role": "clerk", "command": "payment.record", "allowed": True})["status"] == "applied"

    rejected = clerk.run("customer.create", customer_payload(company, "C101"))
    assert rejected["status"] == "rejected"
    assert rejected["code"] == "not_authorized"
    assert clerk.run("payment.record", payment_payload(company))["status"] == "applied"

    # The rows reach the clerk's replica, so the desktop can hide what the server rejects.
    pulled = {row["command"]: row["allowed"]
              for page in clerk.client.pull_all() for row in page["changes"].get("role_permission", [])}
    assert pulled == {"customer.create": False, "payment.record": True}


def test_permission_change_inside_one_push(server, company, admin):
    """A role_permission.set decides for the commands after it in the same push request."""
    admin.seq += 1
    first = admin.seq
    commands = [
        envelope(first, "customer.create", customer_payload(company, "C200")),
        envelope(first + 1, "role_permission.set", {"role": "admin", "command": "customer.create", "allowed": False}),
        envelope(first + 2, "customer.create", customer_payload(company, "C201")),
        envelope(first + 3, "role_permission.set", {"role": "admin", "command": "customer.create", "allowed": True}),
        envelope(first + 4, "customer.create", customer_payload(company, "C202")),
    ]
    admin.seq = first + 4
    response = admin.client.push(commands)
    assert response.status_code == 200, response.text
    results = response.json()["results"]
    assert [result["status"] for result in results] == ["applied", "applied", "rejected", "applied", "applied"]
    assert results[2]["code"] == "not_authorized"
    codes = [row[0] for row in read(server.database_url, select(Customer.code).where(Customer.code.like("C20%")))]
    assert sorted(codes) == ["C200", "C202"]


def test_admin_command_lock_out_rejected(server, company, admin):
    result = admin.run("role_permission.set", {"role": "admin", "command": "user.update", "allowed": False})
    assert result["status"] == "rejected"
    assert result["code"] == "admin_command_locked"


def test_last_admin_guard(server, company, admin):
    result = admin.run("user.update", {"id": company["admin"], "fields": {"active": False}})
    assert result["code"] == "last_admin"
    result = admin.run("user.update", {"id": company["admin"], "fields": {"role": "manager", "department_id": company["D1"]}})
    assert result["code"] == "last_admin"
    assert read(server.database_url, select(User.role, User.active).where(User.id == company["admin"])) == [("admin", True)]


def test_user_role_change_bumps_scope(server, company, admin):
    before = scope_version(server.database_url, "ann")
    result = admin.run("user.update", {"id": company["clerk"], "fields": {"role": "finance"}})
    assert result["status"] == "applied", result
    assert scope_version(server.database_url, "ann") == before + 1
    ann = server.client()
    tokens = ann.login("ann", "pw-ann")
    assert tokens["role"] == "finance"
    assert tokens["scope_version"] == before + 1
    assert ann.pull()["scope_version"] == before + 1

    admin.run("user.update", {"id": company["clerk"], "fields": {"display_name": "Ann Li"}})
    assert scope_version(server.database_url, "ann") == before + 1


def test_user_create_then_password(server, company, admin):
    user_id = new_id()
    created = admin.run("user.create", {"id": user_id, "username": "lily", "display_name": "李丽", "role": "clerk",
                                        "department_id": company["D2"]})
    assert created["status"] == "applied", created
    assert admin.run("user.create", {"id": new_id(), "username": "lily", "display_name": "x", "role": "clerk",
                                     "department_id": company["D2"]})["code"] == "duplicate_username"

    response = admin.client.post(f"/api/v1/admin/users/{user_id}/password", {"password": "lily-pw-1"})
    assert response.status_code == 200, response.text
    assert response.json() == {"user_id": user_id, "username": "lily"}
    lily = server.client()
    assert lily.login("lily", "lily-pw-1")["department_id"] == company["D2"]


def test_password_endpoint_rejects_non_admin(server, company, clerk):
    response = clerk.client.post(f"/api/v1/admin/users/{company['keeper']}/password", {"password": "taken-over"})
    assert response.status_code == 403
    assert response.json()["code"] == "forbidden"
    signed_out = server.client()
    response = signed_out.post(f"/api/v1/admin/users/{company['keeper']}/password", {"password": "taken-over"})
    assert response.status_code == 401
    ken = server.client()
    assert ken.post("/api/v1/auth/login", {"username": "ken", "password": "taken-over"}).status_code == 401


def test_password_endpoint_errors(server, company, admin):
    missing = admin.client.post(f"/api/v1/admin/users/{new_id()}/password", {"password": "x1"})
    assert missing.status_code == 404
    assert missing.json()["code"] == "user_not_found"
    empty = admin.client.post(f"/api/v1/admin/users/{company['keeper']}/password", {"password": ""})
    assert empty.status_code == 422
    short = admin.client.post(f"/api/v1/admin/users/{company['keeper']}/password", {"password": "abc1234"})
    assert short.status_code == 422
    assert short.json()["code"] == "password_too_short"
    assert short.json()["params"] == {"minimum": 8}
    ken = server.client()
    assert ken.post("/api/v1/auth/login", {"username": "ken", "password": "abc1234"}).status_code == 401


def test_password_clears_lock(server, company, tmp_path):
    ken = server.client()
    for _ in range(MAX_FAILED_ATTEMPTS):
        ken.post("/api/v1/auth/login", {"username": "ken", "password": "wrong"})
    locked = ken.post("/api/v1/auth/login", {"username": "ken", "password": "pw-ken"})
    assert locked.status_code == 429

    # The client function the desktop calls, on a real signed-in connection.
    replica = open_replica(tmp_path / "admin-data")
    connection = sign_in(replica, server.url, "root", PASSWORD)
    try:
        set_user_password(connection, company["keeper"], "new-ken-pw")
    finally:
        connection.close()
        replica.close()
    assert ken.post("/api/v1/auth/login", {"username": "ken", "password": "new-ken-pw"}).status_code == 200
    assert "new-ken-pw" not in server.log_text()


def test_client_password_function_rejected(server, company, tmp_path):
    replica = open_replica(tmp_path / "clerk-data")
    connection = sign_in(replica, server.url, "ann", "pw-ann")
    try:
        with pytest.raises(ServerError) as caught:
            set_user_password(connection, company["keeper"], "taken-over")
        with pytest.raises(ValueError):
            set_user_password(connection, company["keeper"], "")
    finally:
        connection.close()
        replica.close()
    assert caught.value.status == 403
    assert caught.value.code == "forbidden"


def test_deactivated_user_told_at_sign_in(server, company, admin, tmp_path):
    result = admin.run("user.update", {"id": company["keeper"], "fields": {"active": False}})
    assert result["status"] == "applied", result
    ken = server.client()
    refused = ken.post("/api/v1/auth/login", {"username": "ken", "password": "pw-ken"})
    assert refused.status_code == 403
    assert refused.json() == {"code": "user_inactive", "params": {"username": "ken"}}
    # A wrong password learns nothing about the user's state.
    wrong = ken.post("/api/v1/auth/login", {"username": "ken", "password": "wrong"})
    assert wrong.status_code == 401
    assert wrong.json()["code"] == "invalid_credentials"

    replica = open_replica(tmp_path / "ken-data")
    try:
        with pytest.raises(UserInactive, match="deactivated; ask an administrator"):
            sign_in(replica, server.url, "ken", "pw-ken")
        with pytest.raises(AuthRequired, match="check the user name and password"):
            sign_in(replica, server.url, "ken", "wrong")
    finally:
        replica.close()


def test_deactivated_user_token_rejected(server, company, admin, tmp_path, memory_keyring):
    ken = server.client()
    tokens = ken.login("ken", "pw-ken")
    replica = open_replica(tmp_path / "ken-data")
    try:
        sync(replica, server.url, "ken", "pw-ken")
        result = admin.run("user.update", {"id": company["keeper"], "fields": {"active": False}})
        assert result["status"] == "applied", result

        # A signed-in device learns the reason at its next request and at its next refresh.
        request = ken.post("/api/v1/sync/pull", {"cursor": 0})
        assert request.status_code == 401
        assert request.json() == {"code": "user_inactive", "params": {"username": "ken"}}
        refresh = server.client().post("/api/v1/auth/refresh", {"refresh_token": tokens["refresh_token"]})
        assert refresh.status_code == 401
        assert refresh.json() == {"code": "user_inactive", "params": {"username": "ken"}}

        # The client's sync, signing in with the stored token, raises UserInactive and not a plain AuthRequired.
        with pytest.raises(UserInactive, match="deactivated by an administrator"):
            sync(replica, server.url, "ken")
    finally:
        replica.close()


def _moved_state(database_url: str, warehouse_id: str) -> tuple:
    flags = read(database_url, select(Flag.department_id, Flag.params).where(
        Flag.code == WAREHOUSE_MOVED, Flag.record_id == warehouse_id))
    department = read(database_url, select(Warehouse.department_id).where(Warehouse.id == warehouse_id))[0][0]
    return department, flags


def test_warehouse_department_change_like_cli_move(server, company, admin):
    url = server.database_url
    before = {name: scope_version(url, name) for name in ("ann", "ken", "kim", "root")}
    ken = Pusher(server, "ken", "pw-ken")
    assert "stock_movement" in ken.client.pull()["changes"]

    result = admin.run("warehouse.update", {"id": company["W1"], "fields": {"department_id": company["D2"]}})
    assert result["status"] == "applied", result
    department, flags = _moved_state(url, company["W1"])
    assert department == company["D2"]
    assert len(flags) == 1
    assert flags[0][0] == company["D1"]
    assert flags[0][1]["from_department"] == "D1"
    assert flags[0][1]["to_department"] == "D2"
    after = {name: scope_version(url, name) for name in ("ann", "ken", "kim", "root")}
    assert after == {"ann": before["ann"] + 1, "ken": before["ken"] + 1, "kim": before["kim"] + 1,
                     "root": before["root"]}
    page = ken.client.pull()
    assert page["scope_version"] == after["ken"]
    warehouses = {row["warehouse_id"] for row in page["changes"].get("stock_movement", [])}
    assert company["W1"] not in warehouses
    assert company["W1A"] in warehouses

    # The CLI's move goes through the same code: the same effects, moving W1 back.
    run_cli(["warehouse", "move", "W1", "--to", "D1", "--yes", "--database-url", url])
    department, flags = _moved_state(url, company["W1"])
    assert department == company["D1"]
    assert len(flags) == 2
    assert scope_version(url, "ken") == after["ken"] + 1
    assert scope_version(url, "kim") == after["kim"] + 1


@pytest.fixture
def memory_keyring():
    import keyring

    from tests.sync.memory_keyring import MemoryKeyring

    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    yield
    keyring.set_keyring(previous)


def _purchase_prices(replica) -> list:
    with replica.transaction() as session:
        return session.connection().exec_driver_sql("SELECT purchase_price FROM product").scalars().all()


def test_sees_cost_rebuilds_replica(server, company, admin, tmp_path, memory_keyring):
    replica = open_replica(tmp_path / "ann-data")
    try:
        sync(replica, server.url, "ann", "pw-ann")
        assert _purchase_prices(replica) == [None]
        scope_before = replica.read_state().scope_version

        assert admin.run("role_profile.update", {"role": "clerk", "fields": {"sees_cost": True}})["status"] == "applied"
        result = sync(replica, server.url, "ann")
        assert replica.read_state().scope_version == scope_before + 1
        assert len(result.pull.rebuilds) == 1
        assert [str(price) for price in _purchase_prices(replica)] == ["75000"]

        assert admin.run("role_profile.update", {"role": "clerk", "fields": {"sees_cost": False}})["status"] == "applied"
        sync(replica, server.url, "ann")
        assert replica.read_state().scope_version == scope_before + 2
        assert _purchase_prices(replica) == [None]
    finally:
        replica.close()
