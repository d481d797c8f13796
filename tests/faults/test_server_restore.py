"""Server restored from last night's backup, on a SQLite and a PostgreSQL server.

The backup and the restore run through `kaidan-server backup` and
`kaidan-server restore`, as an operator would run them. Every client must
detect the restore, rebuild its replica, and push again the commands the
restored server lost, so each exists there exactly once.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from sqlalchemy import func, select

from domain.models import SalesOrder, StockBalance
from server_stub.db import Database
from server_stub.tables import CommandLog
from sync.local_tables import JournalEntry
from tests.faults.world import Client, World, assert_oracle, clients, running_server, seed_world
from tests.server.server_process import ServerProcess, run_cli
from tests.sync.cli_runner import run_kaidan

USERS = {"keeper": "warehouse", "mgr_a": "manager"}


def _logged_times(database_url: str, mutation_ids: list[str]) -> dict[str, int]:
    db = Database(database_url)
    try:
        with db.read() as session:
            return {
                mutation_id: session.execute(
                    select(func.count()).select_from(CommandLog).where(CommandLog.mutation_id == mutation_id)
                ).scalar_one()
                for mutation_id in mutation_ids
            }
    finally:
        db.dispose()


def _stock_on_hand(database_url: str, world: World) -> Decimal:
    db = Database(database_url)
    try:
        with db.read() as session:
            return session.execute(
                select(StockBalance.on_hand).where(
                    StockBalance.product_id == world.product_id, StockBalance.warehouse_id == world.warehouse_id,
                )
            ).scalar_one()
    finally:
        db.dispose()


def _order_numbers(database_url: str) -> list[str]:
    db = Database(database_url)
    try:
        with db.read() as session:
            return sorted(session.scalars(select(SalesOrder.number)))
    finally:
        db.dispose()


def _restore_from(server: ServerProcess, database_url: str, backup_file: Path) -> None:
    """Stop the server, restore the backup with the CLI and start the server again on the same port."""
    server.stop()
    run_cli(["restore", str(backup_file), "--yes", "--database-url", database_url])
    server.start()


def test_restore_replays_acknowledged_commands(database_url, tmp_path):
    world = seed_world(database_url, USERS)
    backup_file = tmp_path / "nightly.backup"
    with running_server(database_url, tmp_path) as (server, proxy), \
            clients(tmp_path, "keeper", "mgr_a") as (keeper, manager):
        keeper.sync(proxy.url)
        manager.sync(proxy.url)
        keeper.receive(world, "10")
        first_number = manager.create_order(world, "1")[2]
        assert keeper.sync(proxy.url).push.acknowledged == 1
        assert manager.sync(proxy.url).push.acknowledged == 1
        old_database_id = keeper.replica.read_state().database_id

        run_cli(["backup", str(backup_file), "--database-url", database_url])

        # Acknowledged after the backup, so lost by the restore.
        keeper.receive(world, "5")
        lost_numbers = [manager.create_order(world, quantity)[2] for quantity in ("2", "3")]
        lost = [keeper.submitted[-1], *manager.submitted[-2:]]
        assert keeper.sync(proxy.url).push.acknowledged == 1
        assert manager.sync(proxy.url).push.acknowledged == 2
        # Queued offline when the restore happens.
        keeper.receive(world, "2")
        pending_number = manager.create_order(world, "4")[2]
        pending = [keeper.submitted[-1], manager.submitted[-1]]

        _restore_from(server, database_url, backup_file)

        assert _logged_times(database_url, lost) == {mutation_id: 0 for mutation_id in lost}
        keeper_result = keeper.sync(proxy.url)
        manager_result = manager.sync(proxy.url)
        # The keeper pulls again to receive the orders the manager sent again.
        keeper.sync(proxy.url)

        assert _logged_times(database_url, lost + pending) == {mutation_id: 1 for mutation_id in lost + pending}
        assert _stock_on_hand(database_url, world) == Decimal("17")
        assert _order_numbers(database_url) == sorted([first_number, *lost_numbers, pending_number])
        for client, result in ((keeper, keeper_result), (manager, manager_result)):
            state = client.replica.read_state()
            assert state.database_id != old_database_id
            assert state.restored_database_id == state.database_id
            assert any("restored from a backup" in rebuilt.note for rebuilt in result.pull.rebuilds), result.pull.rebuilds
        status = run_kaidan("status", "--data-dir", str(keeper.data_dir))
        assert status.returncode == 0, status.stderr
        assert "server restored from a backup" in status.stdout
        assert_oracle(database_url, proxy.url, [keeper, manager])


def test_restore_renumbers_past_expired_journal(database_url, tmp_path):
    world = seed_world(database_url, USERS)
    backup_file = tmp_path / "nightly.backup"
    with running_server(database_url, tmp_path) as (server, proxy), clients(tmp_path, "mgr_a") as (manager,):
        manager.sync(proxy.url)
        manager.create_order(world, "1")
        manager.sync(proxy.url)
        run_cli(["backup", str(backup_file), "--database-url", database_url])
        high_water = max(_journal_seqs(manager))

        manager.create_order(world, "2")
        expired = manager.submitted[-1]
        kept_number = manager.create_order(world, "3")[2]
        kept = manager.submitted[-1]
        assert manager.sync(proxy.url).push.acknowledged == 2
        pending_number = manager.create_order(world, "4")[2]
        pending = manager.submitted[-1]
        # The first command after the backup left the journal, as it does
        # after JOURNAL_RETENTION, so nothing can send it again.
        with manager.replica.transaction() as session:
            session.delete(session.get(JournalEntry, expired))
        manager.submitted.remove(expired)

        _restore_from(server, database_url, backup_file)
        manager.sync(proxy.url)

        assert _logged_times(database_url, [expired, kept, pending]) == {expired: 0, kept: 1, pending: 1}
        # Without renumbering the server would wait for the expired command's number forever.
        assert _journal_seqs(manager)[-2:] == [high_water + 1, high_water + 2]
        assert manager.replica.read_state().last_device_seq == high_water + 2
        assert kept_number in _order_numbers(database_url)
        assert pending_number in _order_numbers(database_url)
        manager.create_order(world, "5")
        assert manager.sync(proxy.url).push.acknowledged == 1
        assert_oracle(database_url, proxy.url, [manager])


def _journal_seqs(client: Client) -> list[int]:
    with client.replica.session() as session:
        return sorted(session.scalars(select(JournalEntry.device_seq)))
