"""Scope change: a warehouse moves to another department while its keeper is offline with a transfer there.

On reconnect the transfer (a fact) posts with a flag, the keeper's replica
is rebuilt without the warehouse, and nothing else the keeper queued is lost.
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest
from sqlalchemy import select

from domain.commands.framework import CommandError
from domain.ids import new_id
from domain.models import Department, Flag, StockBalance, StockTransfer, User, Warehouse
from server_stub.admin import server_change
from server_stub.db import Database
from server_stub.scope import move_warehouse
from server_stub.tables import CommandLog
from sync.client import sign_in
from sync.engine import SyncEngine
from tests.faults.world import FAST_RETRIES, PASSWORD, World, assert_oracle, clients, running_server, seed_world

USERS = {"keeper": "warehouse", "mgr": "manager"}


def _add_branch(database_url: str, world: World) -> tuple[str, str]:
    """Create department D2 and a second warehouse W2 in the world's department; return (D2 id, W2 id)."""
    db = Database(database_url)
    try:
        with db.write() as session, server_change(session):
            branch = Department(id=new_id(), code="D2", name="Dali branch", active=True)
            warehouse = Warehouse(id=new_id(), code="W2", name="Xiaguan store", department_id=world.department_id,
                                  negative_stock_policy="block")
            session.add_all([branch, warehouse])
            return branch.id, warehouse.id
    finally:
        db.dispose()


def _move(database_url: str, warehouse_id: str, department_id: str) -> None:
    db = Database(database_url)
    try:
        with db.write() as session, server_change(session):
            move_warehouse(session, warehouse_id, department_id)
    finally:
        db.dispose()


def _on_hand(session, world: World, warehouse_id: str) -> Decimal:
    return session.execute(
        select(StockBalance.on_hand).where(
            StockBalance.product_id == world.product_id, StockBalance.warehouse_id == warehouse_id,
        )
    ).scalar_one()


def test_moved_warehouse_transfer_posts_flagged(database_url, tmp_path):
    world = seed_world(database_url, USERS)
    branch_id, moved_id = _add_branch(database_url, world)
    moved_world = dataclasses.replace(world, warehouse_id=moved_id)
    with running_server(database_url, tmp_path) as (_server, proxy), \
            clients(tmp_path, "keeper", "mgr") as (keeper, manager):
        keeper.sync(proxy.url)
        manager.sync(proxy.url)
        keeper.receive(moved_world, "10")
        assert keeper.sync(proxy.url).push.acknowledged == 1
        scope_before = keeper.replica.read_state().scope_version

        # Offline: a transfer out of W2 and a receipt into W1, which stays in the department.
        transfer_id = keeper.transfer(world, moved_id, world.warehouse_id, "4")
        transfer = keeper.submitted[-1]
        keeper.receive(world, "3")

        _move(database_url, moved_id, branch_id)

        result = keeper.sync(proxy.url)

        assert result.push.acknowledged == 2
        assert result.push.rejected == 0
        assert keeper.outbox() == {}
        db = Database(database_url)
        try:
            with db.read() as session:
                assert session.get(CommandLog, transfer).status == "applied_with_flags"
                posted = session.get(StockTransfer, transfer_id)
                assert posted.status == "posted"
                assert posted.from_warehouse_id == moved_id
                flags = session.scalars(select(Flag).where(Flag.record_id == transfer_id)).all()
                assert [flag.code for flag in flags] == ["recorded_before_move"]
                assert flags[0].record_table == "stock_transfer"
                assert flags[0].document_number == posted.number
                assert flags[0].department_id == world.department_id
                assert flags[0].params == {"warehouse_code": "W2", "from_department": "D1", "to_department": "D2"}
                assert _on_hand(session, world, moved_id) == Decimal(6)
                assert _on_hand(session, world, world.warehouse_id) == Decimal(7)
                keeper_user = session.execute(select(User).where(User.username == "keeper")).scalar_one()
                assert keeper_user.scope_version == scope_before + 1
        finally:
            db.dispose()

        # The replica was rebuilt for the new scope: W2 and its stock are gone, W1 and both documents remain.
        state = keeper.replica.read_state()
        assert state.scope_version == scope_before + 1
        with keeper.replica.session() as session:
            assert session.get(Warehouse, moved_id) is None
            assert session.get(Warehouse, world.warehouse_id) is not None
            assert session.scalars(
                select(StockBalance).where(StockBalance.warehouse_id == moved_id)
            ).all() == []
            assert _on_hand(session, world, world.warehouse_id) == Decimal(7)
            assert session.get(StockTransfer, transfer_id) is not None
            moved_flag = session.execute(select(Flag).where(Flag.code == "warehouse_moved")).scalar_one()
            assert moved_flag.record_id == moved_id
            assert moved_flag.params["to_department"] == "D2"

        # After the rebuild the keeper can no longer record anything in W2.
        with pytest.raises(CommandError):
            keeper.transfer(world, moved_id, world.warehouse_id, "1")

        manager.sync(proxy.url)
        assert_oracle(database_url, proxy.url, [keeper, manager])


def test_fact_after_later_push_rejected(database_url, tmp_path):
    """A device that pushed after the move and then records a fact in the moved warehouse gets it rejected for scope."""
    world = seed_world(database_url, USERS)
    branch_id, moved_id = _add_branch(database_url, world)
    with running_server(database_url, tmp_path) as (_server, proxy), clients(tmp_path, "keeper") as (keeper,):
        keeper.sync(proxy.url)
        _move(database_url, moved_id, branch_id)

        # A push without a pull: the server hears from the device after the move, the replica still has W2.
        keeper.receive(world, "1")
        connection = sign_in(keeper.replica, proxy.url, "keeper", PASSWORD, transport_options=FAST_RETRIES)
        try:
            assert SyncEngine(keeper.replica, connection.transport).push().acknowledged == 1
        finally:
            connection.close()
        transfer_id = keeper.transfer(world, moved_id, world.warehouse_id, "2")
        transfer = keeper.submitted[-1]

        result = keeper.sync(proxy.url)

        assert result.push.rejected == 1
        refused = keeper.outbox()[transfer]
        assert refused.status == "rejected"
        assert refused.result_code == "out_of_scope"
        assert refused.result_params["id"] == moved_id
        db = Database(database_url)
        try:
            with db.read() as session:
                assert session.get(StockTransfer, transfer_id) is None
        finally:
            db.dispose()
        assert_oracle(database_url, proxy.url, [keeper])
