"""Hard cases of the sync contract with real handlers, on a SQLite and a PostgreSQL server.

Every client talks to the server through the fault proxy. After each case
the oracle in tests.faults.world must hold.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select

from domain.ids import new_id
from domain.models import AccountingPeriod, DeliveryNote, Flag, ReceivableEntry, SalesOrder, StockBalance, StockMovement
from server_stub.admin import server_change
from server_stub.db import Database
from server_stub.tables import CommandLog
from sync.errors import ServerUnreachable
from tests.faults.proxy import DROP_RESPONSE
from tests.faults.world import PASSWORD, Client, World, assert_oracle, clients, running_server, seed_world
from tests.sync.cli_runner import REPO_ROOT, kaidan_command, kaidan_env

PUSH_PATH = "/api/v1/sync/push"
USERS = {"keeper": "warehouse", "mgr_a": "manager", "mgr_b": "manager"}


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


def _stock_in(tmp_path: Path, url: str, world: World, quantity: str) -> Client:
    """Have the warehouse keeper receive `quantity` and sync. The caller closes the returned client."""
    keeper = Client(tmp_path / "keeper", "keeper")
    keeper.sync(url)
    keeper.receive(world, quantity)
    assert keeper.sync(url).push.acknowledged == 1
    return keeper


# -- lost acknowledgement ---------------------------------------------------


def test_lost_ack_retry_is_replay(database_url, tmp_path):
    world = seed_world(database_url, {"mgr_a": "manager"})
    with running_server(database_url, tmp_path) as (_server, proxy), clients(tmp_path, "mgr_a") as (client,):
        client.sync(proxy.url)
        numbers = [client.create_order(world, "1")[2] for _ in range(3)]

        # The first push commits on the server and its response is lost, so
        # the transport's retry gets the stored results back as replays.
        proxy.drop_response(path_prefix=PUSH_PATH, times=1)
        result = client.sync(proxy.url)

        assert len(proxy.faulted(DROP_RESPONSE, PUSH_PATH)) == 1
        assert result.push.acknowledged == 3
        assert result.push.rejected == 0
        _assert_orders(database_url, numbers)
        assert_oracle(database_url, proxy.url, [client])


def test_lost_ack_two_processes_drain(database_url, tmp_path):
    world = seed_world(database_url, {"mgr_a": "manager"})
    with running_server(database_url, tmp_path) as (_server, proxy), clients(tmp_path, "mgr_a") as (client,):
        client.sync(proxy.url)
        numbers = [client.create_order(world, "1")[2] for _ in range(3)]

        # Every attempt of the push commits (the first) or replays, and every response is lost.
        proxy.drop_response(path_prefix=PUSH_PATH)
        with pytest.raises(ServerUnreachable):
            client.sync(proxy.url)
        assert len(proxy.faulted(DROP_RESPONSE, PUSH_PATH)) == 3
        assert [entry.status for entry in client.outbox().values()] == ["pending"] * 3
        _assert_orders(database_url, numbers)

        # Two windows of the same client drain the same outbox at once.
        proxy.pass_through()
        processes = [
            subprocess.Popen(
                kaidan_command("sync", "--server", proxy.url, "--user", "mgr_a", "--data-dir", str(client.data_dir)),
                cwd=REPO_ROOT, env=kaidan_env(), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                stderr=subprocess.PIPE, text=True,
            )
            for _ in range(2)
        ]
        outputs = [process.communicate(PASSWORD + "\n", timeout=300) for process in processes]
        for process, (stdout, stderr) in zip(processes, outputs):
            assert process.returncode == 0, stdout + stderr

        assert client.outbox() == {}
        _assert_orders(database_url, numbers)
        assert_oracle(database_url, proxy.url, [client])


def _assert_orders(database_url: str, numbers: list[str]) -> None:
    """Exactly these orders exist on the server, each once, with the numbers the client gave them."""
    db = Database(database_url)
    try:
        with db.read() as session:
            stored = session.scalars(select(SalesOrder.number)).all()
            logged = session.scalars(select(CommandLog.status).where(CommandLog.name == "order.create")).all()
    finally:
        db.dispose()
    assert sorted(stored) == sorted(numbers)
    assert logged == ["applied"] * 3


# -- oversell offline -----------------------------------------------------------


def test_oversell_second_confirm_rejected(database_url, tmp_path):
    world = seed_world(database_url, USERS)
    with running_server(database_url, tmp_path) as (_server, proxy), \
            clients(tmp_path / "c", "mgr_a", "mgr_b") as (client_a, client_b):
        keeper = _stock_in(tmp_path, proxy.url, world, "5")
        try:
            client_a.sync(proxy.url)
            client_b.sync(proxy.url)

            # Offline, each replica shows 5 available, so each confirms an order for 5.
            order_a = client_a.create_order(world, "5")[0]
            confirm_a = client_a.submit("order.confirm", {"id": order_a})
            order_b = client_b.create_order(world, "5")[0]
            confirm_b = client_b.submit("order.confirm", {"id": order_b})

            first = client_a.sync(proxy.url)
            second = client_b.sync(proxy.url)

            assert first.push.acknowledged == 2
            assert second.push.acknowledged == 1
            assert second.push.rejected == 1
            assert confirm_a not in client_a.outbox()
            refused = client_b.outbox()[confirm_b]
            assert refused.status == "rejected"
            assert refused.result_code == "insufficient_stock"

            db = Database(database_url)
            try:
                with db.read() as session:
                    assert session.get(SalesOrder, order_a).status == "approved"
                    assert session.get(SalesOrder, order_b).status == "draft"
                    balance = session.execute(select(StockBalance)).scalar_one()
                    assert balance.on_hand == Decimal(5)
                    assert balance.reserved == Decimal(5)
            finally:
                db.dispose()
            # B's replica shows its order as the server has it: a draft to fix.
            with client_b.replica.session() as session:
                assert session.get(SalesOrder, order_b).status == "draft"

            client_a.sync(proxy.url)
            keeper.sync(proxy.url)
            assert_oracle(database_url, proxy.url, [client_a, client_b, keeper])
        finally:
            keeper.close()


def test_oversell_both_deliveries_post(database_url, tmp_path):
    world = seed_world(database_url, USERS)
    with running_server(database_url, tmp_path) as (_server, proxy), \
            clients(tmp_path / "c", "mgr_a", "mgr_b") as (client_a, client_b):
        keeper = _stock_in(tmp_path, proxy.url, world, "5")
        try:
            client_a.sync(proxy.url)
            client_b.sync(proxy.url)

            deliveries = []
            for client in (client_a, client_b):
                order_id, line_id, _number = client.create_order(world, "5")
                client.submit("order.confirm", {"id": order_id})
                deliveries.append(client.ship(world, "5", order_line_id=line_id))
            delivery_a, delivery_b = deliveries

            first = client_a.sync(proxy.url)
            second = client_b.sync(proxy.url)

            assert first.push.acknowledged == 3
            # The confirmation is rejected, but the delivery (a fact) still posts.
            assert second.push.acknowledged == 2
            assert second.push.rejected == 1
            assert _stock_on_hand(database_url, world) == Decimal(-5)

            db = Database(database_url)
            try:
                with db.read() as session:
                    for delivery_id in deliveries:
                        assert session.get(DeliveryNote, delivery_id).status == "posted"
                    flags_a = session.scalars(select(Flag.code).where(Flag.record_id == delivery_a)).all()
                    flags_b = session.scalars(select(Flag.code).where(Flag.record_id == delivery_b)).all()
                    ship_b = session.get(CommandLog, client_b.submitted[-1])
            finally:
                db.dispose()
            assert "negative_stock" not in flags_a
            assert "negative_stock" in flags_b
            assert ship_b.status == "applied_with_flags"
            with client_b.replica.session() as session:
                assert session.execute(select(StockBalance.on_hand)).scalar_one() == Decimal(-5)

            client_a.sync(proxy.url)
            keeper.sync(proxy.url)
            assert_oracle(database_url, proxy.url, [client_a, client_b, keeper])
        finally:
            keeper.close()


# -- late fact into a closed period ------------------------------------------------


def _close_previous_month(database_url: str, today: dt.date) -> tuple[dt.date, str]:
    """Close the month before `today` in the server database and return its 28th and its "YYYY-MM" label."""
    end = today.replace(day=1) - dt.timedelta(days=1)
    start = end.replace(day=1)
    db = Database(database_url)
    try:
        with db.write() as session, server_change(session):
            session.add(AccountingPeriod(
                id=new_id(), year=start.year, month=start.month, start_date=start, end_date=end,
                closed=True, closed_at=dt.datetime.now(dt.timezone.utc),
            ))
    finally:
        db.dispose()
    return start.replace(day=28), f"{start.year:04d}-{start.month:02d}"


def test_late_delivery_posts_in_open_period(database_url, tmp_path):
    world = seed_world(database_url, USERS)
    # The server posts on its UTC date.
    today = dt.datetime.now(dt.timezone.utc).date()
    document_date, closed_label = _close_previous_month(database_url, today)
    with running_server(database_url, tmp_path) as (_server, proxy), clients(tmp_path / "c", "mgr_a") as (client,):
        keeper = _stock_in(tmp_path, proxy.url, world, "5")
        try:
            client.sync(proxy.url)
            delivery_id = client.ship(world, "2", document_date=document_date)
            result = client.sync(proxy.url)
            assert result.push.acknowledged == 1

            db = Database(database_url)
            try:
                with db.read() as session:
                    note = session.get(DeliveryNote, delivery_id)
                    assert note.document_date == document_date
                    assert note.posting_date == today
                    flags = session.scalars(select(Flag).where(Flag.record_id == delivery_id)).all()
                    late = [flag for flag in flags if flag.code == "late_closed_period"]
                    assert len(late) == 1
                    assert late[0].params["period"] == closed_label
                    assert late[0].params["document_date"] == document_date.isoformat()
                    entry = session.execute(
                        select(ReceivableEntry).where(ReceivableEntry.document_id == delivery_id)
                    ).scalar_one()
                    assert entry.late is True
                    assert entry.document_date == document_date
                    assert entry.posting_date == today
                    movement = session.execute(
                        select(StockMovement).where(StockMovement.document_id == delivery_id)
                    ).scalar_one()
                    assert movement.document_date == document_date
                    assert movement.posting_date == today
                    # Nothing posted into the closed month.
                    closed_postings = session.scalar(
                        select(func.count()).select_from(StockMovement).where(StockMovement.posting_date < today.replace(day=1))
                    )
                    assert closed_postings == 0
                    logged = session.get(CommandLog, client.submitted[-1])
                    assert logged.status == "applied_with_flags"
            finally:
                db.dispose()

            keeper.sync(proxy.url)
            assert_oracle(database_url, proxy.url, [client, keeper])
        finally:
            keeper.close()
