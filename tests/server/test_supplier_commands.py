"""Supplier commands pushed to a real server (SQLite and PostgreSQL): purchasing roles only, field merge."""

from __future__ import annotations

from domain.ids import new_id
from domain.models import ConflictRecord, Supplier
from server_stub.db import Database
from tests.server.helpers import envelope
from tests.server.server_process import add_user


def _signed_in(server, name: str, role: str):
    add_user(server.database_url, name, role, "pw", "D1")
    client = server.client()
    client.login(name, "pw")
    client.register(f"{name} pc")
    return client


def _only_result(response) -> dict:
    assert response.status_code == 200, response.text
    results = response.json()["results"]
    assert len(results) == 1
    return results[0]


def test_server_supplier_roles_and_merge(server):
    keeper = _signed_in(server, "kim", "warehouse")
    clerk = _signed_in(server, "cal", "clerk")
    supplier_id = new_id()
    create = {"id": supplier_id, "code": "S1", "name": "重庆调味品厂", "fields": {"phone": "023-61234567"}}

    refused = _only_result(clerk.push([envelope(1, "supplier.create", create)]))
    assert refused["status"] == "rejected"
    assert refused["code"] == "not_authorized"
    assert _only_result(keeper.push([envelope(1, "supplier.create", create)]))["status"] == "applied"

    # Two edits from the same base: the later one wins and the earlier value is kept as a conflict.
    first = {"id": supplier_id, "fields": {"phone": "023-61230000"}, "base": {"phone": "023-61234567"}}
    second = {"id": supplier_id, "fields": {"phone": "023-69999999"}, "base": {"phone": "023-61234567"}}
    assert _only_result(keeper.push([envelope(2, "supplier.update", first)]))["status"] == "applied"
    assert _only_result(keeper.push([envelope(3, "supplier.update", second)]))["status"] == "applied"

    db = Database(server.database_url)
    try:
        with db.read() as session:
            supplier = session.get(Supplier, supplier_id)
            assert supplier.phone == "023-69999999"
            assert supplier.mnemonic == "CQTWPC"
            conflicts = session.query(ConflictRecord).filter_by(record_table="supplier").all()
            assert [(row.field, row.losing_value) for row in conflicts] == [("phone", "023-61230000")]
    finally:
        db.dispose()
