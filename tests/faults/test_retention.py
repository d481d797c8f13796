"""Retention horizon on a SQLite and a PostgreSQL server.

`kaidan-server prune` deletes tombstones and stored command results older
than the horizon. A client whose cursor is below the highest pruned change
number could miss a delete, so the server rejects its pull with
"cursor_expired" and the client rebuilds, keeping and pushing its outbox.
Rows are aged by moving their timestamps back in the server database.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select, update

from domain.ids import new_id
from domain.models import SalesOrder, SalesOrderLine
from domain.types import utcnow
from server_stub.db import Database
from server_stub.retention import DEFAULT_RETENTION_DAYS, pruned_through
from server_stub.tables import CommandLog, Tombstone
from sync.local_tables import OutboxStatus
from tests.faults.world import PRICE, Client, World, assert_oracle, clients, running_server, seed_world
from tests.server.server_process import run_cli

USERS = {"mgr_a": "manager", "mgr_b": "manager"}
OLD = dt.timedelta(days=DEFAULT_RETENTION_DAYS + 10)


def _replace_lines(client: Client, world: World, order_id: str, number: str, quantity: str) -> str:
    """Queue order.update with one new line, which deletes the old one (a tombstone); return the new line id."""
    line_id = new_id()
    client.submit("order.update", {
        "id": order_id,
        "number": number,
        "customer_id": world.customer_id,
        "warehouse_id": world.warehouse_id,
        "document_date": dt.date.today().isoformat(),
        "lines": [{"id": line_id, "product_id": world.product_id, "quantity": quantity, "unit_price": str(PRICE)}],
    })
    return line_id


def _age_rows(database_url: str, mutation_ids: list[str]) -> None:
    """Move the command results of `mutation_ids` and the tombstones they wrote back past the horizon."""
    db = Database(database_url)
    try:
        with db.write() as session:
            seqs = list(session.scalars(select(CommandLog.change_seq).where(CommandLog.mutation_id.in_(mutation_ids))))
            session.execute(
                update(CommandLog).where(CommandLog.mutation_id.in_(mutation_ids)).values(received_at=utcnow() - OLD)
            )
            session.execute(update(Tombstone).where(Tombstone.change_seq.in_(seqs)).values(deleted_at=utcnow() - OLD))
    finally:
        db.dispose()


def _server_counts(database_url: str) -> tuple[int, int, int]:
    """Return (command results, tombstones, pruned-through mark)."""
    db = Database(database_url)
    try:
        with db.read() as session:
            return (
                session.execute(select(func.count()).select_from(CommandLog)).scalar_one(),
                session.execute(select(func.count()).select_from(Tombstone)).scalar_one(),
                pruned_through(session),
            )
    finally:
        db.dispose()


def _max_change_seq(database_url: str, mutation_ids: list[str]) -> int:
    db = Database(database_url)
    try:
        with db.read() as session:
            return session.execute(
                select(func.max(CommandLog.change_seq)).where(CommandLog.mutation_id.in_(mutation_ids))
            ).scalar_one()
    finally:
        db.dispose()


def test_prune_removes_only_old_rows(database_url, tmp_path):
    world = seed_world(database_url, USERS)
    with running_server(database_url, tmp_path) as (_server, proxy), clients(tmp_path, "mgr_a") as (client,):
        client.sync(proxy.url)
        order_id, _line, number = client.create_order(world, "1")
        _replace_lines(client, world, order_id, number, "2")
        client.sync(proxy.url)
        old = list(client.submitted)
        order_id, _line, number = client.create_order(world, "3")
        _replace_lines(client, world, order_id, number, "4")
        client.sync(proxy.url)
        recent = client.submitted[len(old):]
    _age_rows(database_url, old)
    assert _server_counts(database_url) == (4, 2, 0)
    expected_mark = _max_change_seq(database_url, old)

    completed = run_cli(["prune", "--database-url", database_url])

    assert "Pruned 1 tombstone(s) and 2 command result(s)" in completed.stdout
    results, tombstones, mark = _server_counts(database_url)
    assert (results, tombstones) == (2, 1)
    assert mark == expected_mark
    db = Database(database_url)
    try:
        with db.read() as session:
            assert set(session.scalars(select(CommandLog.mutation_id))) == set(recent)
    finally:
        db.dispose()
    # A second run finds nothing older and keeps the mark.
    run_cli(["prune", "--database-url", database_url])
    assert _server_counts(database_url) == (2, 1, mark)


def test_prune_horizon_is_configurable(database_url, tmp_path):
    world = seed_world(database_url, USERS)
    with running_server(database_url, tmp_path) as (_server, proxy), clients(tmp_path, "mgr_a") as (client,):
        client.sync(proxy.url)
        client.create_order(world, "1")
        client.sync(proxy.url)
    _age_rows(database_url, client.submitted)

    run_cli(["prune", "--retention-days", str(DEFAULT_RETENTION_DAYS + 20), "--database-url", database_url])
    assert _server_counts(database_url)[0] == 1
    invalid = run_cli(["prune", "--retention-days", "0", "--database-url", database_url], check=False)
    assert invalid.returncode == 2
    assert "at least 1 day" in invalid.stderr
    run_cli(["prune", "--database-url", database_url])
    assert _server_counts(database_url)[0] == 0


def test_stale_client_rebuilds_and_pushes(database_url, tmp_path):
    world = seed_world(database_url, USERS)
    with running_server(database_url, tmp_path) as (_server, proxy), \
            clients(tmp_path, "mgr_a", "mgr_b") as (stale, active):
        active.sync(proxy.url)
        order_id, old_line_id, number = active.create_order(world, "1")
        active.sync(proxy.url)
        stale.sync(proxy.url)
        assert _has_line(stale, old_line_id)

        # While the stale client is away, its order line is deleted and the
        # deletion's tombstone ages past the horizon and is pruned.
        new_line_id = _replace_lines(active, world, order_id, number, "2")
        active.sync(proxy.url)
        _age_rows(database_url, active.submitted)
        run_cli(["prune", "--database-url", database_url])
        assert _server_counts(database_url)[1] == 0
        queued_number = stale.create_order(world, "5")[2]
        queued = stale.submitted[-1]

        result = stale.sync(proxy.url)

        assert result.push.acknowledged == 1
        assert any("retention horizon" in rebuilt.note for rebuilt in result.pull.rebuilds), result.pull.rebuilds
        # Without the rebuild the deleted line would stay in this replica.
        assert not _has_line(stale, old_line_id)
        assert _has_line(stale, new_line_id)
        assert queued not in {entry.mutation_id for entry in stale.replica.outbox((OutboxStatus.PENDING,))}
        assert queued_number in _local_order_numbers(stale)
        active.sync(proxy.url)
        # The oracle finds commands through their stored results, which the
        # prune deleted; their rows are still compared by the checksums.
        active.submitted.clear()
        assert_oracle(database_url, proxy.url, [stale, active])


def _has_line(client: Client, line_id: str) -> bool:
    with client.replica.session() as session:
        return session.get(SalesOrderLine, line_id) is not None


def _local_order_numbers(client: Client) -> list[str]:
    with client.replica.session() as session:
        return list(session.scalars(select(SalesOrder.number)))
