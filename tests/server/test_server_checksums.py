"""Checksums of the caller's scope, computed like the client computes them from pulled rows."""

from __future__ import annotations

from domain.models import Base
from sync.rows import row_digest, table_checksum
from tests.server.helpers import region, seed_scope
from tests.server.server_process import add_user


def test_checksums_match_pulled_rows(server):
    add_user(server.database_url, "ann", "clerk", "pw", "D1")
    add_user(server.database_url, "bob", "clerk", "pw", "D2")
    seed_scope(server.database_url)
    client = server.client()
    client.login("ann", "pw")
    client.register("pc")
    client.push([region(1, "R1"), region(2, "R2")])
    replica: dict[str, dict[str, str]] = {}
    for page in client.pull_all(limit=3):
        for table, rows in page["changes"].items():
            for row in rows:
                replica.setdefault(table, {})[row["id"]] = row_digest(row)
    response = client.post("/api/v1/sync/checksums", {"detail_tables": ["stock_movement"]})
    assert response.status_code == 200, response.text
    body = response.json()
    assert set(body["tables"]) == set(Base.metadata.tables)
    for table, checksum in body["tables"].items():
        digests = replica.get(table, {})
        assert checksum["count"] == len(digests), table
        assert checksum["checksum"] == table_checksum(digests), table
    assert body["rows"]["stock_movement"] == replica["stock_movement"]
    assert body["tables"]["stock_movement"]["count"] == 2


def test_checksums_reject_unknown_table(server):
    add_user(server.database_url, "ann", "clerk", "pw", "D1")
    client = server.client()
    client.login("ann", "pw")
    response = client.post("/api/v1/sync/checksums", {"detail_tables": ["no_such_table"]})
    assert response.status_code == 422
    assert response.json() == {"code": "unknown_table", "params": {"tables": ["no_such_table"]}}
