"""Headless end to end on the demo data, on a SQLite and a PostgreSQL server.

Client A syncs the demo, the server stops, A records a three-line order,
confirms it and ships it through the same command handlers the desktop
calls, the server restarts, A syncs again. The server must then hold the
order, the delivery, its stock movements and its receivable exactly once,
with balances and cost right, and `kaidan verify` must pass for A and for a
fresh client B.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from decimal import Decimal

import pytest
from sqlalchemy import create_engine, func, select
from sqlalchemy.orm import Session

from domain.ids import new_id
from domain.money import round_fen
from domain.models import (
    Base,
    Customer,
    Department,
    DeliveryLine,
    DeliveryNote,
    Product,
    ReceivableEntry,
    SalesOrder,
    SalesOrderLine,
    StockBalance,
    StockCost,
    StockMovement,
    Warehouse,
    hidden_columns,
)
from server_stub.demo.users import DEMO_USERS
from server_stub.tables import CommandLog
from sync.client import open_replica, submit
from sync.protocol import SCHEMA_VERSION
from sync.local_commands import next_document_number
from tests.server.server_process import ServerProcess, migrate, run_cli
from tests.sync.cli_runner import run_kaidan, status_json

MANAGER = next(user for user in DEMO_USERS if user.role == "manager")
CLERK = next(user for user in DEMO_USERS if user.role == "clerk")
QUANTITIES = (Decimal("3"), Decimal("2"), Decimal("5"))


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def demo_database(request, tmp_path_factory):
    """A migrated server database holding the demo data set, shared by this module's tests."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('demo') / 'server.sqlite3'}"
        migrate(url)
        run_cli(["init-demo", "--database-url", url])
        yield url
        return
    from tests.pg import temporary_database

    with temporary_database() as url:
        migrate(url)
        run_cli(["init-demo", "--database-url", url])
        yield url


def _sync(server_url: str, user, data_dir) -> None:
    completed = run_kaidan(
        "sync", "--server", server_url, "--user", user.username, "--data-dir", str(data_dir), password=user.password
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr


def _verify(server_url: str, user, data_dir) -> None:
    completed = run_kaidan(
        "verify", "--server", server_url, "--user", user.username, "--data-dir", str(data_dir), password=user.password
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr


def _pick_goods(session: Session):
    """Return a warehouse and three active products with at least 10 available there."""
    rows = session.execute(
        select(StockBalance, Product)
        .join(Product, Product.id == StockBalance.product_id)
        .join(Warehouse, Warehouse.id == StockBalance.warehouse_id)
        .where(Product.active.is_(True), Product.batch_tracked.is_(False), StockBalance.batch_no == "")
        .order_by(StockBalance.warehouse_id, Product.code)
    ).all()
    by_warehouse: dict[str, list] = {}
    for balance, product in rows:
        if balance.on_hand - balance.reserved >= Decimal(10):
            by_warehouse.setdefault(balance.warehouse_id, []).append(product)
    for warehouse_id, products in by_warehouse.items():
        if len(products) >= 3:
            return warehouse_id, products[:3]
    raise AssertionError("the demo data has no warehouse with three products in stock")


def test_offline_order_ships_once(demo_database, tmp_path):
    server = ServerProcess(demo_database, tmp_path / "server.log", imports=()).start()
    client_a = tmp_path / "client-a"
    client_b = tmp_path / "client-b"
    try:
        _sync(server.url, MANAGER, client_a)
    finally:
        server.stop()

    # Offline: record, confirm and ship an order of three lines.
    replica = open_replica(client_a)
    with replica.session() as session:
        warehouse_id, products = _pick_goods(session)
        customer = session.scalars(
            select(Customer).where(Customer.deleted_at.is_(None), Customer.active.is_(True)).order_by(Customer.code)
        ).first()
        customer_id = customer.id
        product_ids = [product.id for product in products]
        prices = [product.list_price for product in products]
        units = [product.base_unit for product in products]
    today = dt.date.today()
    order_id = new_id()
    line_ids = [new_id() for _ in products]
    order_number = next_document_number(replica, "sales_order")
    submit(
        replica,
        "order.create",
        {
            "id": order_id,
            "number": order_number,
            "customer_id": customer_id,
            "warehouse_id": warehouse_id,
            "document_date": today.isoformat(),
            "lines": [
                {"id": line_id, "product_id": product_id, "unit_name": unit, "quantity": str(qty), "unit_price": str(price)}
                for line_id, product_id, unit, qty, price in zip(line_ids, product_ids, units, QUANTITIES, prices)
            ],
        },
    )
    submit(replica, "order.confirm", {"id": order_id})
    delivery_id = new_id()
    delivery_number = next_document_number(replica, "delivery_note")
    submit(
        replica,
        "delivery.ship",
        {
            "id": delivery_id,
            "number": delivery_number,
            "customer_id": customer_id,
            "warehouse_id": warehouse_id,
            "document_date": today.isoformat(),
            "lines": [
                {"id": new_id(), "order_line_id": line_id, "quantity": str(qty)}
                for line_id, qty in zip(line_ids, QUANTITIES)
            ],
        },
    )
    replica.close()
    assert status_json(client_a)["unsynced"] == 3

    engine = create_engine(demo_database)
    with Session(engine) as session:
        before_on_hand = {
            pid: session.scalar(
                select(StockBalance.on_hand).where(
                    StockBalance.product_id == pid, StockBalance.warehouse_id == warehouse_id, StockBalance.batch_no == ""
                )
            )
            for pid in product_ids
        }
        before_reserved = {
            pid: session.scalar(
                select(StockBalance.reserved).where(
                    StockBalance.product_id == pid, StockBalance.warehouse_id == warehouse_id, StockBalance.batch_no == ""
                )
            )
            for pid in product_ids
        }
        average_cost = {
            pid: session.scalar(select(StockCost.average_cost).where(StockCost.product_id == pid)) for pid in product_ids
        }

    server = ServerProcess(demo_database, tmp_path / "server.log", imports=(), port=server.port).start()
    try:
        _sync(server.url, MANAGER, client_a)
        assert status_json(client_a)["unsynced"] == 0

        with Session(engine) as session:
            assert session.scalar(select(func.count()).select_from(SalesOrder).where(SalesOrder.number == order_number)) == 1
            order = session.get(SalesOrder, order_id)
            assert order.status == "completed"
            assert session.scalar(select(func.count()).where(SalesOrderLine.order_id == order_id)) == 3
            assert session.scalar(select(func.count()).where(DeliveryNote.number == delivery_number)) == 1
            delivery = session.get(DeliveryNote, delivery_id)
            lines = session.scalars(select(DeliveryLine).where(DeliveryLine.delivery_id == delivery_id)).all()
            assert len(lines) == 3
            expected_total = sum(round_fen(qty * price) for qty, price in zip(QUANTITIES, prices))
            assert delivery.total_amount == expected_total

            movements = session.scalars(select(StockMovement).where(StockMovement.document_id == delivery_id)).all()
            assert len(movements) == 3
            for movement in movements:
                qty = QUANTITIES[product_ids.index(movement.product_id)]
                assert movement.quantity == -qty
                assert movement.unit_cost == average_cost[movement.product_id]
                assert movement.cost_amount == round_fen(qty * average_cost[movement.product_id])

            receivables = session.scalars(select(ReceivableEntry).where(ReceivableEntry.document_id == delivery_id)).all()
            assert len(receivables) == 1
            assert receivables[0].amount == expected_total
            assert receivables[0].customer_id == customer_id

            for pid, qty in zip(product_ids, QUANTITIES):
                balance = session.scalars(
                    select(StockBalance).where(
                        StockBalance.product_id == pid, StockBalance.warehouse_id == warehouse_id, StockBalance.batch_no == ""
                    )
                ).one()
                assert balance.on_hand == before_on_hand[pid] - qty
                assert balance.reserved == before_reserved[pid]
                movement_sum = session.scalar(
                    select(func.sum(StockMovement.quantity)).where(
                        StockMovement.product_id == pid, StockMovement.warehouse_id == warehouse_id
                    )
                )
                assert movement_sum == balance.on_hand

            commands = session.scalars(select(CommandLog).order_by(CommandLog.device_seq)).all()
            assert [c.name for c in commands][-3:] == ["order.create", "order.confirm", "delivery.ship"]
            assert [c.status for c in commands][-3:] == ["applied", "applied", "applied"]

        # A second sync sends nothing again and changes nothing.
        _sync(server.url, MANAGER, client_a)
        with Session(engine) as session:
            assert session.scalar(select(func.count()).where(DeliveryNote.number == delivery_number)) == 1
            assert session.scalar(select(func.count()).where(StockMovement.document_id == delivery_id)) == 3

        _sync(server.url, CLERK, client_b)
        # B's first sync registered a device, which A (a manager) receives.
        _sync(server.url, MANAGER, client_a)
        _verify(server.url, MANAGER, client_a)
        _verify(server.url, CLERK, client_b)
    finally:
        server.stop()
        engine.dispose()

    _assert_clerk_replica_in_scope(demo_database, client_b)


def _assert_clerk_replica_in_scope(server_url: str, data_dir) -> None:
    """The clerk's replica file holds only its department's warehouses and no cost value."""
    engine = create_engine(server_url)
    with Session(engine) as session:
        department_id = session.scalar(select(Department.id).where(Department.code == CLERK.department_code))
    engine.dispose()

    replica_files = list(data_dir.glob("*.sqlite3"))
    assert len(replica_files) == 1, replica_files
    with sqlite3.connect(replica_files[0]) as conn:
        departments = {row[0] for row in conn.execute("SELECT department_id FROM warehouse")}
        assert departments == {department_id}
        for table in Base.metadata.sorted_tables:
            for column in hidden_columns(table):
                leaked = conn.execute(f'SELECT count(*) FROM "{table.name}" WHERE "{column}" IS NOT NULL').fetchone()[0]
                assert leaked == 0, f"{table.name}.{column} reached a clerk's replica"


def test_server_refuses_role_and_scope(demo_database, tmp_path):
    server = ServerProcess(demo_database, tmp_path / "server.log", imports=()).start()
    engine = create_engine(demo_database)
    try:
        with Session(engine) as session:
            department_id = session.scalar(select(Department.id).where(Department.code == CLERK.department_code))
            other_warehouse = session.scalars(
                select(Warehouse).where(Warehouse.department_id != department_id).order_by(Warehouse.code)
            ).first()
            own_warehouse = session.scalars(
                select(Warehouse).where(Warehouse.department_id == department_id).order_by(Warehouse.code)
            ).first()
            customer_id = session.scalars(select(Customer.id).order_by(Customer.code)).first()
            product = session.scalars(select(Product).where(Product.active.is_(True)).order_by(Product.code)).first()

        api = server.client()
        api.login(CLERK.username, CLERK.password)
        device = api.register("role test")
        today = dt.date.today().isoformat()

        def envelope(seq: int, name: str, payload: dict) -> dict:
            return {
                "mutation_id": new_id(), "device_seq": seq, "name": name, "payload": payload,
                "schema_version": SCHEMA_VERSION, "created_at": dt.datetime.now(dt.timezone.utc).isoformat(),
            }

        ship = envelope(1, "delivery.ship", {
            "id": new_id(), "number": f"DN-{device['code']}-20260101-0001", "customer_id": customer_id,
            "warehouse_id": own_warehouse.id, "document_date": today,
            "lines": [{"id": new_id(), "product_id": product.id, "quantity": "1", "unit_price": "1"}],
        })
        order = envelope(2, "order.create", {
            "id": new_id(), "number": f"SO-{device['code']}-20260101-0001", "customer_id": customer_id,
            "warehouse_id": other_warehouse.id, "document_date": today,
            "lines": [{"id": new_id(), "product_id": product.id, "quantity": "1", "unit_price": "1"}],
        })
        response = api.push([ship, order])
        assert response.status_code == 200, response.text
        results = response.json()["results"]
        assert [r["status"] for r in results] == ["rejected", "rejected"]
        assert results[0]["code"] == "not_authorized"
        assert results[1]["code"] == "out_of_scope"

        with Session(engine) as session:
            assert session.scalar(select(func.count()).where(DeliveryNote.id == ship["payload"]["id"])) == 0
            assert session.scalar(select(func.count()).where(SalesOrder.id == order["payload"]["id"])) == 0

        # The pull gives the clerk no warehouse of another department and no cost value.
        for page in api.pull_all():
            for row in page["changes"].get("warehouse", []):
                assert row["department_id"] == department_id
            for table in Base.metadata.sorted_tables:
                for column in hidden_columns(table):
                    assert all(row[column] is None for row in page["changes"].get(table.name, []))
    finally:
        server.stop()
        engine.dispose()
