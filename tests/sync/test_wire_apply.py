"""Pulled rows land in the replica as the server has them, from a columnar page and from a page of dicts."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, select

from domain.commands.framework import Actor
from domain.models.base import Base
from server_stub.db import Database
from server_stub.pull import read_page
from sync.protocol import PullResponse
from sync.replica import Replica
from sync.rows import row_to_wire
from sync.wire_apply import apply_changes
from tests.server.synthetic_rows import fill_every_table

EVERYTHING = Actor(user_id="reader", role="admin", all_scope=True, sees_cost=True)


def _page(database_url: str, columnar: bool) -> PullResponse:
    db = Database(database_url)
    try:
        with db.read() as session:
            rows, tombstones = read_page(session, EVERYTHING, -(10**9), 10**9, columnar=columnar)
    finally:
        db.dispose()
    form = {"tables": rows} if columnar else {"changes": rows}
    page = PullResponse(database_id="d", scope_version=1, next_cursor=1, server_seq=1, has_more=False,
                        tombstones=tombstones, server_time="2026-01-01T00:00:00+00:00", **form)
    # Through JSON, as the transport receives it.
    return PullResponse.model_validate_json(page.model_dump_json())


def _wire_rows(engine) -> dict[str, list[dict]]:
    """Every row with a change number (a pull sends no other), in wire form."""
    with engine.connect() as connection:
        return {
            table.name: [
                row_to_wire(table, row)
                for row in connection.execute(select(table).where(table.c.change_seq.is_not(None)).order_by(table.c.id)).mappings()
            ]
            for table in Base.metadata.sorted_tables
        }


@pytest.mark.parametrize("columnar", [True, False], ids=["columnar", "dicts"])
def test_pulled_rows_equal_the_server_rows(database_url, tmp_path, columnar):
    server = create_engine(database_url)
    try:
        fill_every_table(server)
        expected = _wire_rows(server)
    finally:
        server.dispose()
    page = _page(database_url, columnar)
    assert page.row_count() == sum(len(rows) for rows in expected.values())

    replica = Replica.open(tmp_path / "client")
    try:
        with replica.transaction() as session:
            written, deleted = apply_changes(session, page)
        assert (written, deleted) == (page.row_count(), 0)
        assert _wire_rows(replica.engine) == expected
    finally:
        replica.close()


def test_columns_of_another_server_version(tmp_path):
    """A column the client lacks is dropped; a column the server lacks becomes NULL."""
    table = Base.metadata.tables["brand"]
    names = [column.name for column in table.columns]
    sent = ["added_later"] + [name for name in names if name != "deleted_at"]
    row = {name: None for name in names} | {"id": "b1", "code": "B1", "name": "品牌", "version": 1, "change_seq": 5,
                                              "updated_at": "2026-01-01T00:00:00.000000+00:00"}
    page = PullResponse(database_id="d", scope_version=1, next_cursor=5, server_seq=5, has_more=False,
                        server_time="2026-01-01T00:00:00+00:00",
                        tables={"brand": {"columns": sent, "rows": [[row.get(name, "x") for name in sent]]}})
    replica = Replica.open(tmp_path / "client")
    try:
        with replica.transaction() as session:
            apply_changes(session, page)
        stored = _wire_rows(replica.engine)["brand"]
    finally:
        replica.close()
    assert len(stored) == 1
    assert stored[0] | {"updated_at": None} == row | {"updated_at": None}
    assert stored[0]["updated_at"].startswith("2026-01-01T00:00:00")
