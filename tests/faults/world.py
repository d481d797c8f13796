"""A small world for the hard cases: users, a warehouse, a product, a customer, clients and the oracle.

Master data is written straight into the server database as a server change,
stamped so that replicas receive it. Everything else goes through real
command handlers on real clients, which sync with a real server process
through the fault proxy.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import logging
from decimal import Decimal
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from domain.ids import new_id
from domain.models import Customer, Department, Product, StockBalance, StockMovement, Warehouse
from server_stub.admin import server_change
from server_stub.db import Database
from server_stub.tables import CommandLog
from sync.client import SyncResult, open_replica, submit, sync, verify_replica
from sync.local_commands import next_document_number
from sync.local_tables import JournalEntry, OutboxEntry
from sync.problems import discard as discard_problem
from sync.problems import resend as resend_problem
from sync.replica import Replica
from tests.faults.proxy import FaultProxy
from tests.server.server_process import ServerProcess, add_user

log = logging.getLogger(__name__)

PASSWORD = "correct horse 42"
DEPARTMENT = "D1"
PRICE = Decimal("10.00")
# Short backoff, so a test that exhausts the retries on purpose stays quick.
FAST_RETRIES = {"max_attempts": 3, "backoff_base_s": 0.05, "backoff_max_s": 0.2}

ACCEPTED_STATUSES = {"applied", "applied_with_flags"}
REFUSED_STATUSES = {"rejected", "held"}


@dataclasses.dataclass(frozen=True)
class World:
    department_id: str
    warehouse_id: str
    product_id: str
    customer_id: str


def seed_world(database_url: str, users: dict[str, str]) -> World:
    """Create `users` ({name: role}) in department D1, then a blocking warehouse, a product and a customer."""
    first = True
    for name, role in users.items():
        add_user(database_url, name, role, PASSWORD, DEPARTMENT, create_department=first)
        first = False
    db = Database(database_url)
    try:
        with db.write() as session:
            department_id = session.execute(select(Department.id).where(Department.code == DEPARTMENT)).scalar_one()
            warehouse = Warehouse(id=new_id(), code="W1", name="Main warehouse", department_id=department_id,
                                  negative_stock_policy="block")
            product = Product(id=new_id(), code="P1", name="Pu'er tea", base_unit="box", list_price=PRICE)
            customer = Customer(id=new_id(), code="C1", name="Kunming Tea House", department_id=department_id)
            with server_change(session):
                session.add_all([warehouse, product, customer])
            return World(department_id, warehouse.id, product.id, customer.id)
    finally:
        db.dispose()


def add_customer(database_url: str, world: World, code: str, name: str, **fields: Any) -> str:
    """Write a customer of the world's department straight into the server as a server change; return its id."""
    db = Database(database_url)
    try:
        with db.write() as session:
            customer = Customer(id=new_id(), code=code, name=name, department_id=world.department_id, **fields)
            with server_change(session):
                session.add(customer)
            return customer.id
    finally:
        db.dispose()


class Client:
    """One user's desktop: a replica in its own folder and the mutation ids it queued."""

    def __init__(self, data_dir: Path, username: str) -> None:
        self.data_dir = data_dir
        self.username = username
        self.replica: Replica = open_replica(data_dir)
        self.submitted: list[str] = []

    def close(self) -> None:
        self.replica.close()

    def sync(self, server_url: str, **transport_options: Any) -> SyncResult:
        options = {**FAST_RETRIES, **transport_options}
        return sync(self.replica, server_url, self.username, PASSWORD, transport_options=options)

    def verify(self, server_url: str):
        return verify_replica(self.replica, server_url, self.username, PASSWORD)

    def submit(self, name: str, payload: dict[str, Any], *, depends_on: list[str] | None = None) -> str:
        submitted = submit(self.replica, name, payload, depends_on=depends_on)
        self.submitted.append(submitted.mutation_id)
        return submitted.mutation_id

    def resend(self, mutation_id: str, payload: dict[str, Any] | None = None, **options: Any) -> dict[str, str]:
        """Resend a rejected command and its held dependents; the new commands replace the old in `submitted`."""
        renamed = resend_problem(self.replica, mutation_id, payload, **options)
        self.submitted = [m for m in self.submitted if m not in renamed] + list(renamed.values())
        return renamed

    def discard(self, mutation_id: str) -> list[str]:
        """Discard a rejected command and its held dependents; they leave `submitted`, deliberately dropped."""
        removed = discard_problem(self.replica, mutation_id)
        self.submitted = [m for m in self.submitted if m not in removed]
        return removed

    def number(self, document_type: str) -> str:
        return next_document_number(self.replica, document_type)

    def outbox(self) -> dict[str, OutboxEntry]:
        return {entry.mutation_id: entry for entry in self.replica.outbox()}

    def journal_ids(self) -> set[str]:
        with self.replica.session() as session:
            return set(session.scalars(select(JournalEntry.mutation_id)))

    # -- commands of the hard cases ---------------------------------------

    def receive(self, world: World, quantity: str, document_date: dt.date | None = None) -> str:
        receipt_id = new_id()
        self.submit("goods_receipt.post", {
            "id": receipt_id,
            "number": self.number("goods_receipt"),
            "warehouse_id": world.warehouse_id,
            "document_date": (document_date or dt.date.today()).isoformat(),
            "lines": [{"id": new_id(), "product_id": world.product_id, "quantity": quantity, "unit_price": "6.00"}],
        })
        return receipt_id

    def create_order(self, world: World, quantity: str, *, customer_id: str | None = None,
                     depends_on: list[str] | None = None) -> tuple[str, str, str]:
        """Queue order.create for the world's customer, or `customer_id`, and return (order id, line id, number)."""
        order_id, line_id = new_id(), new_id()
        number = self.number("sales_order")
        self.submit("order.create", {
            "id": order_id,
            "number": number,
            "customer_id": customer_id or world.customer_id,
            "warehouse_id": world.warehouse_id,
            "document_date": dt.date.today().isoformat(),
            "lines": [{"id": line_id, "product_id": world.product_id, "quantity": quantity, "unit_price": str(PRICE)}],
        }, depends_on=depends_on)
        return order_id, line_id, number

    def edit_customer(self, customer_id: str, **fields: Any) -> str:
        """Queue customer.update setting `fields` without a base (no conflict check)."""
        return self.submit("customer.update", {"id": customer_id, "fields": fields})

    def record_payment(self, customer_id: str, amount: str) -> str:
        """Queue payment.record of `amount` by bank transfer and return the payment id."""
        payment_id = new_id()
        self.submit("payment.record", {
            "id": payment_id,
            "number": self.number("payment_received"),
            "customer_id": customer_id,
            "amount": amount,
            "method": "bank_transfer",
            "document_date": dt.date.today().isoformat(),
        })
        return payment_id

    def transfer(self, world: World, from_warehouse_id: str, to_warehouse_id: str, quantity: str) -> str:
        """Queue stock_transfer.post of the world's product and return the transfer id."""
        transfer_id = new_id()
        self.submit("stock_transfer.post", {
            "id": transfer_id,
            "number": self.number("stock_transfer"),
            "from_warehouse_id": from_warehouse_id,
            "to_warehouse_id": to_warehouse_id,
            "document_date": dt.date.today().isoformat(),
            "lines": [{"id": new_id(), "product_id": world.product_id, "quantity": quantity}],
        })
        return transfer_id

    def ship(self, world: World, quantity: str, *, order_line_id: str | None = None,
             document_date: dt.date | None = None) -> str:
        delivery_id = new_id()
        line: dict[str, Any] = {"id": new_id(), "quantity": quantity}
        if order_line_id is not None:
            line["order_line_id"] = order_line_id
        else:
            line.update(product_id=world.product_id, unit_price=str(PRICE))
        self.submit("delivery.ship", {
            "id": delivery_id,
            "number": self.number("delivery_note"),
            "customer_id": world.customer_id,
            "warehouse_id": world.warehouse_id,
            "document_date": (document_date or dt.date.today()).isoformat(),
            "lines": [line],
        })
        return delivery_id


@contextlib.contextmanager
def running_server(database_url: str, tmp_path: Path) -> Iterator[tuple[ServerProcess, FaultProxy]]:
    server = ServerProcess(database_url, tmp_path / "server.log", imports=())
    proxy = FaultProxy(server.port)
    try:
        server.start()
        proxy.start()
        yield server, proxy
    finally:
        proxy.stop()
        server.stop()


@contextlib.contextmanager
def clients(tmp_path: Path, *usernames: str) -> Iterator[list[Client]]:
    opened = [Client(tmp_path / name, name) for name in usernames]
    try:
        yield opened
    finally:
        for client in opened:
            client.close()


def assert_oracle(database_url: str, server_url: str, clients: list[Client]) -> None:
    """Check what must hold after every hard case once the queues have drained.

    Every replica equals the server for its scope. Every command a client
    queued exists once in the server's command log: accepted ones are in the
    client's journal and gone from its outbox, rejected or held ones are
    listed in the outbox with that status. Stock balances equal the sum of
    their movements.
    """
    for client in clients:
        report = client.verify(server_url)
        assert report.ok, f"{client.username}'s replica differs from the server: {report.differences}"

    db = Database(database_url)
    try:
        with db.read() as session:
            for client in clients:
                _assert_commands_once(session, client)
            _assert_balances_match_movements(session)
    finally:
        db.dispose()


def _assert_commands_once(session, client: Client) -> None:
    outbox = client.outbox()
    pending = [entry.mutation_id for entry in outbox.values() if entry.status == "pending"]
    assert pending == [], f"{client.username} still has pending commands {pending}"
    journal = client.journal_ids()
    for mutation_id in client.submitted:
        logged = session.execute(select(CommandLog).where(CommandLog.mutation_id == mutation_id)).scalars().all()
        assert len(logged) == 1, f"{client.username}'s command {mutation_id} is on the server {len(logged)} time(s)"
        status = logged[0].status
        if status in ACCEPTED_STATUSES:
            assert mutation_id in journal, f"accepted command {mutation_id} is missing from {client.username}'s journal"
            assert mutation_id not in outbox, f"accepted command {mutation_id} is still in {client.username}'s outbox"
        else:
            assert status in REFUSED_STATUSES, f"command {mutation_id} has the unknown status {status}"
            assert mutation_id in outbox, f"refused command {mutation_id} vanished from {client.username}'s outbox"
            assert outbox[mutation_id].status == status


def _assert_balances_match_movements(session) -> None:
    sums = {
        (product_id, warehouse_id, batch_no): total
        for product_id, warehouse_id, batch_no, total in session.execute(
            select(StockMovement.product_id, StockMovement.warehouse_id, StockMovement.batch_no,
                   func.sum(StockMovement.quantity))
            .group_by(StockMovement.product_id, StockMovement.warehouse_id, StockMovement.batch_no)
        )
    }
    balances = {
        (balance.product_id, balance.warehouse_id, balance.batch_no): balance.on_hand
        for balance in session.scalars(select(StockBalance))
    }
    for key, total in sums.items():
        assert key in balances, f"movements of {key} have no stock balance"
        assert balances[key] == total, f"balance {key} is {balances[key]}, movements sum to {total}"
    for key, on_hand in balances.items():
        if key not in sums:
            assert on_hand == 0, f"balance {key} is {on_hand} without any movement"
