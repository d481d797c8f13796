"""The demo data set: built into real SQLite files (and one PostgreSQL database) and checked."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal

import pytest
from argon2 import PasswordHasher
from sqlalchemy import create_engine, event, func, select
from sqlalchemy.orm import sessionmaker

from domain.models import (
    Base,
    Customer,
    DeliveryNote,
    PaymentReceived,
    ReceivableEntry,
    SalesOrder,
    SalesOrderLine,
    StockBalance,
    StockMovement,
    User,
)
from domain.numbers import parse_number
from server_stub.changes import current_change_seq, ensure_counter
from server_stub.demo import DemoAlreadyLoaded, build_demo
from server_stub.demo.users import DEMO_USERS
from server_stub.tables import Credential, ServerBase

TODAY = dt.date(2026, 6, 30)
NORTHWIND_NOTE = "Northwind order %"


def fresh_sessions(url: str) -> sessionmaker:
    engine = create_engine(url)
    if url.startswith("sqlite"):
        # The server turns foreign keys on for SQLite; the demo must satisfy them there too.
        event.listen(engine, "connect", lambda connection, _: connection.execute("PRAGMA foreign_keys=ON"))
    Base.metadata.create_all(engine)
    ServerBase.metadata.create_all(engine)
    sessions = sessionmaker(engine)
    with sessions() as session:
        ensure_counter(session)
        session.commit()
    return sessions


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "server.sqlite3"
    sessions = fresh_sessions(f"sqlite:///{path}")
    summary = build_demo(sessions, today=TODAY)
    yield sessions, summary
    sessions.kw["bind"].dispose()


def test_demo_customer_counts(built):
    sessions, summary = built
    with sessions() as session:
        total = session.scalar(select(func.count()).select_from(Customer))
        northwind = session.scalar(select(func.count()).where(Customer.code.not_like("C0%")))
        names = session.scalar(select(func.count(func.distinct(Customer.name))))
    assert northwind == 91
    assert total == 91 + 2000
    assert names == total
    assert summary.customers == total


def test_demo_northwind_orders_and_lines(built):
    sessions, _ = built
    with sessions() as session:
        orders = session.scalar(select(func.count()).where(SalesOrder.note.like(NORTHWIND_NOTE)))
        lines = session.scalar(
            select(func.count()).select_from(SalesOrderLine).join(SalesOrder, SalesOrder.id == SalesOrderLine.order_id)
            .where(SalesOrder.note.like(NORTHWIND_NOTE))
        )
        open_orders = session.scalar(
            select(func.count()).where(SalesOrder.note.like(NORTHWIND_NOTE), SalesOrder.status == "approved")
        )
        completed = session.scalar(
            select(func.count()).where(SalesOrder.note.like(NORTHWIND_NOTE), SalesOrder.status == "completed")
        )
    assert orders == 830
    assert lines == 2155
    assert open_orders == 21
    assert completed == 830 - 21


def test_demo_chinese_orders_deliveries_payments(built):
    sessions, summary = built
    with sessions() as session:
        chinese_orders = session.scalar(select(func.count()).where(SalesOrder.note.is_(None)))
        deliveries = session.scalar(select(func.count()).select_from(DeliveryNote))
        payments = session.scalar(select(func.count()).select_from(PaymentReceived))
    assert chinese_orders >= 1500
    assert deliveries == summary.deliveries
    assert deliveries >= 809 + chinese_orders * 9 // 10
    assert payments == summary.payments
    assert payments >= 1000


def test_demo_newest_order_is_today(built):
    sessions, _ = built
    with sessions() as session:
        newest_northwind = session.scalar(
            select(func.max(SalesOrder.document_date)).where(SalesOrder.note.like(NORTHWIND_NOTE))
        )
        newest = session.scalar(select(func.max(SalesOrder.document_date)))
        oldest = session.scalar(select(func.min(SalesOrder.document_date)))
    assert newest_northwind == TODAY
    assert newest == TODAY
    # Northwind spans 1996-07-04 to 1998-05-06: 671 days.
    assert oldest == TODAY - dt.timedelta(days=671)


def test_demo_balances_match_movements(built):
    sessions, _ = built
    with sessions() as session:
        moved = defaultdict(Decimal)
        for movement in session.execute(select(StockMovement)).scalars():
            moved[(movement.product_id, movement.warehouse_id)] += movement.quantity
        held = defaultdict(Decimal)
        for balance in session.execute(select(StockBalance)).scalars():
            held[(balance.product_id, balance.warehouse_id)] += balance.on_hand
    assert moved
    assert {key: value for key, value in moved.items() if value} == {key: value for key, value in held.items() if value}


def test_demo_reservations_match_open_orders(built):
    sessions, _ = built
    with sessions() as session:
        open_quantity = defaultdict(Decimal)
        rows = session.execute(
            select(SalesOrder.warehouse_id, SalesOrderLine.product_id, SalesOrderLine.base_quantity,
                   SalesOrderLine.delivered_quantity)
            .join(SalesOrder, SalesOrder.id == SalesOrderLine.order_id)
            .where(SalesOrder.status.in_(("approved", "partly_delivered")))
        )
        for warehouse_id, product_id, quantity, delivered in rows:
            open_quantity[(product_id, warehouse_id)] += quantity - delivered
        reserved = defaultdict(Decimal)
        for balance in session.execute(select(StockBalance)).scalars():
            reserved[(balance.product_id, balance.warehouse_id)] += balance.reserved
    assert open_quantity
    assert {k: v for k, v in open_quantity.items() if v} == {k: v for k, v in reserved.items() if v}


def test_demo_receivables_are_deliveries_minus_payments(built):
    sessions, _ = built
    with sessions() as session:
        expected = defaultdict(Decimal)
        for customer_id, total in session.execute(select(DeliveryNote.customer_id, DeliveryNote.total_amount)):
            expected[customer_id] += total
        for customer_id, amount in session.execute(select(PaymentReceived.customer_id, PaymentReceived.amount)):
            expected[customer_id] -= amount
        ledger = defaultdict(Decimal)
        for customer_id, amount in session.execute(select(ReceivableEntry.customer_id, ReceivableEntry.amount)):
            ledger[customer_id] += amount
    assert {k: v for k, v in expected.items() if v} == {k: v for k, v in ledger.items() if v}
    # Some customers still owe money and some have paid everything.
    assert any(value > 0 for value in ledger.values())
    assert any(value == 0 for value in ledger.values())


def test_demo_every_row_has_change_seq(built):
    sessions, _ = built
    with sessions() as session:
        counter = current_change_seq(session)
        for table in Base.metadata.sorted_tables:
            unstamped = session.scalar(select(func.count()).select_from(table).where(table.c.change_seq.is_(None)))
            assert unstamped == 0, f"{table.name}: {unstamped} rows without change_seq"
            highest = session.scalar(select(func.max(table.c.change_seq)))
            assert highest is None or highest <= counter, table.name


def test_demo_commands_get_own_change_numbers(built):
    sessions, summary = built
    with sessions() as session:
        counter = current_change_seq(session)
        order_numbers = session.scalar(select(func.count(func.distinct(SalesOrder.change_seq))))
        orders = session.scalar(select(func.count()).select_from(SalesOrder))
    # Every command and every master-data batch took one number.
    assert counter >= summary.commands
    # Each order was last written by its own command (confirmation, approval or delivery).
    assert order_numbers == orders


def test_demo_users_sign_in_with_listed_passwords(built):
    sessions, _ = built
    hasher = PasswordHasher()
    with sessions() as session:
        for demo_user in DEMO_USERS:
            user = session.execute(select(User).where(User.username == demo_user.username)).scalar_one()
            assert user.role == demo_user.role
            credential = session.get(Credential, user.id)
            assert hasher.verify(credential.password_hash, demo_user.password)
        clerks = session.scalar(select(func.count()).where(User.role == "clerk"))
    # Two demo clerks plus the nine Northwind employees.
    assert clerks == 11


def test_demo_document_numbers_use_server_device(built):
    sessions, _ = built
    with sessions() as session:
        numbers = session.execute(select(SalesOrder.number).limit(50)).scalars().all()
    assert {parse_number(number).device_code for number in numbers} == {"S0"}


def test_demo_rejects_second_build(built):
    sessions, _ = built
    with pytest.raises(DemoAlreadyLoaded, match="already contains demo data"):
        build_demo(sessions, today=TODAY)


@pytest.mark.slow
def test_demo_same_seed_same_data(built, tmp_path):
    sessions, _ = built
    again = fresh_sessions(f"sqlite:///{tmp_path / 'again.sqlite3'}")
    build_demo(again, today=TODAY)
    query = select(Customer.code, Customer.name, Customer.id).order_by(Customer.code)
    order_query = select(SalesOrder.number, SalesOrder.total_amount, SalesOrder.id).order_by(SalesOrder.number)
    with sessions() as first, again() as second:
        assert first.execute(query).all() == second.execute(query).all()
        assert first.execute(order_query).all() == second.execute(order_query).all()
    again.kw["bind"].dispose()


@pytest.mark.postgres
def test_demo_on_postgres(postgres_url, built):
    sessions = fresh_sessions(postgres_url)
    try:
        summary = build_demo(sessions, today=TODAY)
        with sessions() as session:
            customers = session.scalar(select(func.count()).select_from(Customer))
            newest = session.scalar(select(func.max(SalesOrder.document_date)))
            moved = session.scalar(select(func.sum(StockMovement.quantity)))
            held = session.scalar(select(func.sum(StockBalance.on_hand)))
            names = session.execute(select(Customer.name).order_by(Customer.code)).scalars().all()
        assert customers == 91 + 2000
        assert newest == TODAY
        assert moved == held
        assert summary.orders >= 830 + 1500
        sqlite_sessions, _ = built
        with sqlite_sessions() as session:
            assert names == session.execute(select(Customer.name).order_by(Customer.code)).scalars().all()
    finally:
        sessions.kw["bind"].dispose()


def test_demo_has_default_print_templates(built):
    from domain.models import PrintTemplate
    from domain.print_templates import DOCUMENT_TYPES, PAPER_MM, template_id

    sessions, _summary = built
    with sessions() as session:
        rows = session.scalars(select(PrintTemplate)).all()
    assert len(rows) == len(DOCUMENT_TYPES) * len(PAPER_MM)
    assert {row.id for row in rows} == {template_id(kind, paper) for kind in DOCUMENT_TYPES for paper in PAPER_MM}
    third = next(row for row in rows if row.id == template_id("delivery_note", "continuous_third"))
    assert third.paper_height_mm == Decimal("93.10")
    assert third.is_default
