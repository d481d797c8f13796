"""A seeded random run of the sync: three clients, real handlers, offline windows, faults and kills.

    settings = RunSettings.from_environment()        # KAIDAN_RANDOM_SEED, KAIDAN_RANDOM_OPS
    world = seed_random_world(database_url)
    run = RandomRun(settings, world, database_url, proxy, clients, tmp_path)
    run.execute()
    run.converge()
    run.check()

Each step picks a client and submits one command through the real handlers
on its replica: orders created, confirmed and cancelled, customer edits,
deliveries, goods receipts, payments or stock transfers. The records a
command names come from what that replica shows, as a user would pick them.
Between commands a client may go offline for a while, sync through an
injected proxy fault, or sync in a `kaidan sync` process that is killed. Halfway through, one
user moves to another department, so that client rebuilds its replica.

The seed fixes the driver's choices, so it replays the same plan of
commands, faults and kills. The interleaving may still differ, because the
moment a SIGKILL lands, how a fault meets the transport's retries, and the
order of record ids made in the same millisecond (UUIDv7) vary between runs.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import importlib.util
import logging
import os
import random
import signal
import subprocess
import time
from collections import Counter
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import select

from domain.commands.framework import CommandError
from domain.ids import new_id
from domain.models import (
    RESERVING_STATUSES,
    Customer,
    Department,
    Product,
    SalesOrder,
    SalesOrderLine,
    StockBalance,
    Warehouse,
)
from server_stub.admin import server_change
from server_stub.db import Database
from server_stub.tables import CommandLog
from server_stub import admin
from sync.client import SyncResult, submit, sync
from sync.errors import AuthRequired, SyncError
from tests.faults.proxy import FaultProxy
from tests.faults.world import ACCEPTED_STATUSES, FAST_RETRIES, PASSWORD, Client, assert_oracle
from tests.server.server_process import set_user_role
from tests.sync.cli_runner import REPO_ROOT, kaidan_command, kaidan_env, run_kaidan

log = logging.getLogger(__name__)

SEED_VARIABLE = "KAIDAN_RANDOM_SEED"
OPERATIONS_VARIABLE = "KAIDAN_RANDOM_OPS"
DEFAULT_OPERATIONS = 300

# user name: (role, department code). The managers run every command, and the
# keeper runs only the stock commands, as the role table allows.
USERS = {"mgr_a": ("manager", "D1"), "mgr_b": ("manager", "D1"), "keeper": ("warehouse", "D1")}
# The scope change made halfway: this user moves to department D2 and keeps the role.
MOVED_USER, MOVED_ROLE, MOVED_TO = "mgr_b", "manager", "D2"

PUSH_PATH = "/api/v1/sync/push"
PULL_PATH = "/api/v1/sync/pull"
MANAGER_COMMANDS = ("order.create", "order.confirm", "order.cancel", "customer.update", "delivery.ship",
                    "payment.record", "goods_receipt.post", "stock_transfer.post")
KEEPER_COMMANDS = ("goods_receipt.post", "stock_transfer.post", "delivery.ship")
# Relative weights of the commands. order.create outweighs the steps that need an order.
COMMAND_WEIGHTS = {"order.create": 5, "order.confirm": 4, "order.cancel": 1, "customer.update": 2,
                   "delivery.ship": 3, "payment.record": 2, "goods_receipt.post": 3, "stock_transfer.post": 2}
SYNC_PROBABILITY = 0.2
FAULT_PROBABILITY = 0.35
OFFLINE_PROBABILITY = 0.03
# A killed `kaidan sync` costs about 3 s of process start-up on a 2-core machine, so a run has
# one kill per KILL_EVERY commands, at least one and at most MAX_KILLS, at steps the seed picks.
KILL_EVERY = 75
MAX_KILLS = 6
# The kill lands this long after the process starts: from during start-up to well into a sync.
KILL_DELAY_RANGE_S = (0.5, 4.0)
KILLED_SYNC_TIMEOUT_S = 120
CONVERGE_ROUNDS = 4
TRACE_LINES = 40


@dataclasses.dataclass(frozen=True)
class RunSettings:
    seed: int
    operations: int

    @classmethod
    def from_environment(cls, default_operations: int = DEFAULT_OPERATIONS) -> "RunSettings":
        """Read the seed and the number of commands from the environment; a missing seed is drawn at random."""
        seed_text = os.environ.get(SEED_VARIABLE, "").strip()
        seed = int(seed_text) if seed_text else random.SystemRandom().randrange(2**32)
        operations_text = os.environ.get(OPERATIONS_VARIABLE, "").strip()
        operations = int(operations_text) if operations_text else default_operations
        if operations < 1:
            raise ValueError(f"{OPERATIONS_VARIABLE} must be a positive number of commands, got {operations_text!r}")
        return cls(seed, operations)

    def replay_hint(self) -> str:
        return f"{SEED_VARIABLE}={self.seed} {OPERATIONS_VARIABLE}={self.operations}"


@dataclasses.dataclass(frozen=True)
class RandomWorld:
    department_ids: dict[str, str]
    warehouse_ids: dict[str, str]
    product_ids: list[str]


def seed_random_world(database_url: str) -> RandomWorld:
    """Create the users, two departments, three warehouses (one per stock policy), products and customers."""
    db = Database(database_url)
    try:
        # In this process rather than through `kaidan-server user add`: three CLI starts cost seconds.
        with db.write() as session:
            for name, (role, department) in USERS.items():
                admin.add_user(session, name, role, PASSWORD, department_code=department, create_department=True)
        with db.write() as session:
            departments = {code: session.execute(select(Department.id).where(Department.code == code)).scalar_one_or_none()
                           for code in ("D1", "D2")}
            new_rows: list[Any] = []
            if departments["D2"] is None:
                d2 = Department(id=new_id(), code="D2", name="D2", active=True)
                new_rows.append(d2)
                departments["D2"] = d2.id
            warehouses = [
                Warehouse(id=new_id(), code="W1", name="Kunming main", department_id=departments["D1"],
                          negative_stock_policy="block"),
                Warehouse(id=new_id(), code="W2", name="Kunming annex", department_id=departments["D1"],
                          negative_stock_policy="warn"),
                Warehouse(id=new_id(), code="W3", name="Dali depot", department_id=departments["D2"],
                          negative_stock_policy="allow"),
            ]
            products = [
                Product(id=new_id(), code=f"P{index}", name=name, base_unit="box", list_price=Decimal(price))
                for index, (name, price) in enumerate(
                    [("Pu'er tea", "10.00"), ("Dianhong tea", "25.50"), ("Rose cakes", "8.80"), ("Rice noodles", "3.20")],
                    start=1)
            ]
            customers = [
                Customer(id=new_id(), code="C1", name="Kunming Tea House", department_id=departments["D1"]),
                Customer(id=new_id(), code="C2", name="Green Lake Hotel", department_id=departments["D1"]),
                Customer(id=new_id(), code="C3", name="Erhai Guesthouse", department_id=departments["D2"]),
            ]
            with server_change(session):
                session.add_all(new_rows + warehouses + products + customers)
            return RandomWorld(departments, {w.code: w.id for w in warehouses}, [p.id for p in products])
    finally:
        db.dispose()


class RunFailed(AssertionError):
    """The run broke an invariant or hit an unexpected error; the message contains the seed and the last steps."""


class RandomRun:
    def __init__(self, settings: RunSettings, world: RandomWorld, database_url: str, proxy: FaultProxy,
                 clients: list[Client], tmp_path: Path) -> None:
        self.settings = settings
        self.rng = random.Random(settings.seed)
        self.world = world
        self.database_url = database_url
        self.proxy = proxy
        self.clients = clients
        self.tmp_path = tmp_path
        self.roles = {client.username: USERS[client.username][0] for client in clients}
        self.offline_until = {client.username: 0 for client in clients}
        # Per order id, the client's last queued command on it, so later ones depend on it as the desktop does.
        self.last_order_mutation: dict[tuple[str, str], str] = {}
        self.trace: list[str] = []
        self.counts: dict[str, int] = {}
        self.started = time.monotonic()
        # One step submits (or tries to submit) one command.
        self.step = 0
        self.kills = 0
        kill_count = min(MAX_KILLS, max(1, settings.operations // KILL_EVERY))
        self.kill_steps = set(self.rng.sample(range(1, settings.operations + 1), min(kill_count, settings.operations)))
        self.scope_changed = False

    # -- bookkeeping -----------------------------------------------------

    def note(self, message: str) -> None:
        line = f"step {self.step} at {time.monotonic() - self.started:.1f} s: {message}"
        self.trace.append(line)
        log.info(line)

    def count(self, key: str) -> None:
        self.counts[key] = self.counts.get(key, 0) + 1

    def failure(self, message: str) -> RunFailed:
        trace = "\n".join(self.trace[-TRACE_LINES:])
        return RunFailed(
            f"randomized sync run failed with seed {self.settings.seed}: {message}\n"
            f"replay it with {self.settings.replay_hint()}\nlast steps:\n{trace}"
        )

    # -- the run ---------------------------------------------------------

    def execute(self) -> None:
        """Run the configured number of commands with syncs, faults, kills and the scope change between them."""
        try:
            for client in self.clients:
                client.sync(self.proxy.url)
            self._open_stock()
            while self.step < self.settings.operations:
                self.step += 1
                if not self.scope_changed and self.step * 2 >= self.settings.operations:
                    self._change_scope()
                client = self.rng.choice(self.clients)
                self._submit_random(client)
                if self.step in self.kill_steps:
                    self._killed_sync(client)
                else:
                    self._maybe_sync(client)
        except RunFailed:
            raise
        except Exception as exc:
            raise self.failure(f"{type(exc).__name__}: {exc}") from exc

    def _open_stock(self) -> None:
        """Receive opening stock of every product in each warehouse the keeper's department has, by goods receipts."""
        keeper = next(client for client in self.clients if self.roles[client.username] == "warehouse")
        for warehouse in self._warehouses(keeper):
            lines = [{"id": new_id(), "product_id": product_id, "quantity": str(self.rng.randint(20, 60)),
                      "unit_price": "5.00"} for product_id in self.world.product_ids]
            self._submit(keeper, "goods_receipt.post", {
                "id": new_id(), "number": keeper.number("goods_receipt"), "warehouse_id": warehouse.id,
                "document_date": dt.date.today().isoformat(), "lines": lines,
            })
        self._sync(keeper)
        self.note("opening stock received and synced")

    def _change_scope(self) -> None:
        set_user_role(self.database_url, MOVED_USER, MOVED_ROLE, MOVED_TO)
        self.scope_changed = True
        self.note(f"scope change: {MOVED_USER} moved to department {MOVED_TO}")

    def _maybe_sync(self, client: Client) -> None:
        name = client.username
        if self.step < self.offline_until[name]:
            return
        if self.rng.random() < OFFLINE_PROBABILITY:
            self.offline_until[name] = self.step + self.rng.randint(10, 40)
            self.note(f"{name} goes offline until step {self.offline_until[name]}")
            return
        if self.rng.random() >= SYNC_PROBABILITY:
            return
        faulted = self.rng.random() < FAULT_PROBABILITY
        if faulted:
            self._arm_fault()
        try:
            result = self._sync(client)
            self.note(f"{name} synced: pushed {result.push.sent}, rejected {result.push.rejected}, "
                      f"held {result.push.held}, pulled {result.pull.rows} rows")
            self.count("synced")
        except SyncError as exc:
            if not faulted:
                raise self.failure(f"{name}'s sync failed without a network fault: {type(exc).__name__}: {exc}") from exc
            # A fault that outlasts the transport's retries ends the sync; the outbox keeps everything.
            self.note(f"{name} sync failed: {type(exc).__name__}: {exc}")
            self.count("sync_failed")
        finally:
            self.proxy.pass_through()

    def _sync(self, client: Client) -> SyncResult:
        """Sync with the stored sign-in token as the desktop does, signing in with the password when it is gone.

        A fault on /auth/refresh can lose a rotated token, and then the user is asked for the password.
        """
        try:
            return sync(client.replica, self.proxy.url, client.username, None, transport_options=FAST_RETRIES)
        except AuthRequired as exc:
            self.note(f"{client.username} signs in with the password: {exc}")
            return client.sync(self.proxy.url)

    def _arm_fault(self) -> None:
        kind = self.rng.choice(("delay", "refuse", "cut", "drop_response"))
        path = self.rng.choice((PUSH_PATH, PULL_PATH, ""))
        times = self.rng.randint(1, 4)
        if kind == "delay":
            self.proxy.delay(self.rng.randint(50, 600), path_prefix=path, times=times)
        elif kind == "refuse":
            self.proxy.refuse(path_prefix=path, times=times)
        elif kind == "cut":
            self.proxy.cut_response(self.rng.randint(0, 400), path_prefix=path, times=times)
        else:
            self.proxy.drop_response(path_prefix=path, times=times)
        self.note(f"fault armed: {kind} on {path or 'every path'} x{times}")
        self.count(f"fault_{kind}")

    def _killed_sync(self, client: Client) -> None:
        """Run `kaidan sync` for the client in its own process and kill it.

        Half the kills stop the process at a named kill point of the sync
        (KAIDAN_KILL_AT), when sync.killpoints offers them. The others send
        SIGKILL at a random moment, which may land in start-up, sign-in,
        push or pull.
        """
        env = kaidan_env()
        points = self._sync_kill_points()
        kill_point = self.rng.choice(points) if points and self.rng.random() < 0.5 else None
        delay = self.rng.uniform(*KILL_DELAY_RANGE_S)
        if kill_point is not None:
            env["KAIDAN_KILL_AT"] = kill_point
        process = subprocess.Popen(
            kaidan_command("sync", "--server", self.proxy.url, "--user", client.username,
                           "--data-dir", str(client.data_dir)),
            cwd=REPO_ROOT, env=env, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        assert process.stdin is not None
        process.stdin.write((PASSWORD + "\n").encode())
        process.stdin.close()
        if kill_point is not None:
            process.wait(timeout=KILLED_SYNC_TIMEOUT_S)
            outcome = f"stopped at {kill_point}, exit code {process.returncode}"
        else:
            deadline = time.monotonic() + delay
            while time.monotonic() < deadline and process.poll() is None:
                time.sleep(0.02)
            if process.poll() is None:
                process.send_signal(signal.SIGKILL)
                outcome = f"SIGKILL after {delay:.2f} s"
            else:
                outcome = f"exited {process.returncode} before the SIGKILL at {delay:.2f} s"
            process.wait(timeout=KILLED_SYNC_TIMEOUT_S)
        self.kills += 1
        self.count("killed_sync")
        self.note(f"{client.username} ran `kaidan sync` in a process: {outcome}")

    @staticmethod
    def _sync_kill_points() -> list[str]:
        """Return the named kill points a sync passes, or [] when the product has none (sync.killpoints)."""
        if importlib.util.find_spec("sync.killpoints") is None:
            return []
        from sync import killpoints

        # after_local_write is reached by a submit, which `kaidan sync` never runs.
        return [name for name in getattr(killpoints, "POINTS", ()) if name != "after_local_write"]

    # -- commands --------------------------------------------------------

    def _submit_random(self, client: Client) -> None:
        allowed = MANAGER_COMMANDS if self.roles[client.username] == "manager" else KEEPER_COMMANDS
        names = list(allowed)
        weights = [COMMAND_WEIGHTS[name] for name in names]
        name = self.rng.choices(names, weights)[0]
        builder = getattr(self, "_build_" + name.replace(".", "_"))
        built = builder(client)
        if built is None:
            # Nothing to act on in this replica yet (no draft order, no open line): create an order instead.
            if "order.create" in allowed:
                name, built = "order.create", self._build_order_create(client)
            else:
                name, built = "goods_receipt.post", self._build_goods_receipt_post(client)
        if built is None:
            self.count("nothing_to_do")
            return
        payload, order_id = built
        self._submit(client, name, payload, order_id)

    def _submit(self, client: Client, name: str, payload: dict[str, Any], order_id: str | None = None) -> None:
        depends_on = []
        if order_id is not None and (client.username, order_id) in self.last_order_mutation:
            depends_on = [self.last_order_mutation[(client.username, order_id)]]
        try:
            submitted = submit(client.replica, name, payload, depends_on=depends_on)
        except CommandError as exc:
            # The replica already shows why the server would refuse it, so the user never queues it.
            self.note(f"{client.username} {name} refused locally: {exc.code}")
            self.count("refused_locally")
            return
        client.submitted.append(submitted.mutation_id)
        if order_id is not None:
            self.last_order_mutation[(client.username, order_id)] = submitted.mutation_id
        self.note(f"{client.username} queued {name} #{submitted.device_seq}")
        self.count("submitted")
        self.count(name)

    def _visible(self, client: Client, model, *conditions) -> list[Any]:
        with client.replica.session() as session:
            rows = session.scalars(select(model).where(*conditions).order_by(model.id)).all()
            session.expunge_all()
            return list(rows)

    def _warehouses(self, client: Client) -> list[Warehouse]:
        return self._visible(client, Warehouse, Warehouse.deleted_at.is_(None))

    def _customers(self, client: Client) -> list[Customer]:
        return self._visible(client, Customer, Customer.deleted_at.is_(None))

    def _products(self, client: Client) -> list[Product]:
        return self._visible(client, Product)

    def _today(self) -> str:
        return dt.date.today().isoformat()

    def _build_order_create(self, client: Client):
        warehouses, customers, products = self._warehouses(client), self._customers(client), self._products(client)
        if not (warehouses and customers and products):
            return None
        lines = [
            {"id": new_id(), "product_id": product.id, "quantity": str(self.rng.randint(1, 8)),
             "unit_price": str(product.list_price)}
            for product in self.rng.sample(products, self.rng.randint(1, min(2, len(products))))
        ]
        order_id = new_id()
        return {
            "id": order_id, "number": client.number("sales_order"), "customer_id": self.rng.choice(customers).id,
            "warehouse_id": self.rng.choice(warehouses).id, "document_date": self._today(), "lines": lines,
        }, order_id

    def _build_order_confirm(self, client: Client):
        drafts = self._visible(client, SalesOrder, SalesOrder.status == "draft")
        if not drafts:
            return None
        order = self.rng.choice(drafts)
        return {"id": order.id}, order.id

    def _build_order_cancel(self, client: Client):
        orders = self._visible(client, SalesOrder, SalesOrder.status.in_(("draft", "submitted", "approved")))
        if not orders:
            return None
        order = self.rng.choice(orders)
        return {"id": order.id, "reason": "customer changed their mind"}, order.id

    def _build_customer_update(self, client: Client):
        customers = self._customers(client)
        if not customers:
            return None
        customer = self.rng.choice(customers)
        field = self.rng.choice(("phone", "address", "notes"))
        value = {"phone": f"1{self.rng.randint(3000000000, 8999999999)}",
                 "address": f"No. {self.rng.randint(1, 999)} Renmin Road",
                 "notes": f"visit on day {self.rng.randint(1, 28)}"}[field]
        return {"id": customer.id, "fields": {field: value}, "base": {field: getattr(customer, field)}}, None

    def _build_delivery_ship(self, client: Client):
        """Ship against an open order line when the replica shows one (half the time), else a direct delivery."""
        if self.rng.random() < 0.5:
            with client.replica.session() as session:
                open_lines = session.execute(
                    select(SalesOrderLine, SalesOrder)
                    .join(SalesOrder, SalesOrder.id == SalesOrderLine.order_id)
                    .where(SalesOrder.status.in_(tuple(RESERVING_STATUSES)),
                           SalesOrderLine.base_quantity > SalesOrderLine.delivered_quantity)
                    .order_by(SalesOrderLine.id)
                ).all()
                choices = [(line.id, line.base_quantity - line.delivered_quantity, order.customer_id,
                            order.warehouse_id, order.id) for line, order in open_lines]
            if choices:
                line_id, open_quantity, customer_id, warehouse_id, order_id = self.rng.choice(choices)
                quantity = self.rng.randint(1, max(1, int(open_quantity)))
                return {
                    "id": new_id(), "number": client.number("delivery_note"), "customer_id": customer_id,
                    "warehouse_id": warehouse_id, "document_date": self._today(),
                    "lines": [{"id": new_id(), "order_line_id": line_id, "quantity": str(quantity)}],
                }, order_id
        warehouses, customers, products = self._warehouses(client), self._customers(client), self._products(client)
        if not (warehouses and customers and products):
            return None
        product = self.rng.choice(products)
        return {
            "id": new_id(), "number": client.number("delivery_note"), "customer_id": self.rng.choice(customers).id,
            "warehouse_id": self.rng.choice(warehouses).id, "document_date": self._today(),
            "lines": [{"id": new_id(), "product_id": product.id, "quantity": str(self.rng.randint(1, 6)),
                       "unit_price": str(product.list_price)}],
        }, None

    def _build_payment_record(self, client: Client):
        customers = self._customers(client)
        if not customers:
            return None
        # Whole fen, so the amount is exact in the BIGINT minor units the column stores.
        amount = Decimal(self.rng.randint(100, 50000)) / 100
        return {
            "id": new_id(), "number": client.number("payment_received"), "customer_id": self.rng.choice(customers).id,
            "amount": str(amount), "method": self.rng.choice(("bank_transfer", "cash", "wechat_pay", "alipay")),
            "document_date": self._today(),
        }, None

    def _build_goods_receipt_post(self, client: Client):
        warehouses, products = self._warehouses(client), self._products(client)
        if not (warehouses and products):
            return None
        return {
            "id": new_id(), "number": client.number("goods_receipt"), "warehouse_id": self.rng.choice(warehouses).id,
            "document_date": self._today(),
            "lines": [{"id": new_id(), "product_id": self.rng.choice(products).id,
                       "quantity": str(self.rng.randint(5, 30)), "unit_price": f"{self.rng.randint(300, 900) / 100:.2f}"}],
        }, None

    def _build_stock_transfer_post(self, client: Client):
        warehouses, products = self._warehouses(client), self._products(client)
        if len(warehouses) < 2 or not products:
            return None
        source, target = self.rng.sample(warehouses, 2)
        return {
            "id": new_id(), "number": client.number("stock_transfer"), "from_warehouse_id": source.id,
            "to_warehouse_id": target.id, "document_date": self._today(),
            "lines": [{"id": new_id(), "product_id": self.rng.choice(products).id,
                       "quantity": str(self.rng.randint(1, 10))}],
        }, None

    # -- the end ---------------------------------------------------------

    def converge(self) -> None:
        """Lift every fault and sync each client until no command is pending, then once more so all pull everything."""
        self.proxy.pass_through()
        try:
            for round_no in range(CONVERGE_ROUNDS):
                for client in self.clients:
                    self._sync(client)
                pending = {client.username: [e.device_seq for e in client.outbox().values() if e.status == "pending"]
                           for client in self.clients}
                self.note(f"converge round {round_no + 1}: pending {pending}")
                if not any(pending.values()):
                    break
            for client in self.clients:
                self._sync(client)
        except SyncError as exc:
            raise self.failure(f"a sync without faults failed: {type(exc).__name__}: {exc}") from exc

    def check(self) -> None:
        """Run `kaidan verify` for every client, then the sync oracle and the run's own checks."""
        try:
            for client in self.clients:
                completed = run_kaidan("verify", "--server", self.proxy.url, "--user", client.username,
                                       "--data-dir", str(client.data_dir), password=PASSWORD)
                assert completed.returncode == 0, (
                    f"`kaidan verify` for {client.username} exited {completed.returncode}:\n"
                    f"{completed.stdout[-3000:]}{completed.stderr[-3000:]}"
                )
            assert_oracle(self.database_url, self.proxy.url, self.clients)
            self._check_server_ledger()
        except AssertionError as exc:
            raise self.failure(str(exc)) from exc

    def _check_server_ledger(self) -> None:
        """Reservations equal the open quantities of reserving orders, and every change number is used once."""
        db = Database(self.database_url)
        try:
            with db.read() as session:
                assert_reservations_match_orders(session)
                # An accepted command that wrote nothing (an update to the values a
                # customer already has) takes no change number, so NULLs are left out.
                seqs = Counter(session.scalars(
                    select(CommandLog.change_seq)
                    .where(CommandLog.status.in_(tuple(ACCEPTED_STATUSES)), CommandLog.change_seq.is_not(None))
                ))
                shared = {seq: count for seq, count in seqs.items() if count > 1}
                assert not shared, f"change numbers used by more than one accepted command: {shared}"
        finally:
            db.dispose()

    def summary(self) -> str:
        counts = ", ".join(f"{key} {value}" for key, value in sorted(self.counts.items()))
        return f"seed {self.settings.seed}, {self.step} steps: {counts}"


def assert_reservations_match_orders(session) -> None:
    """Each stock balance's reserved quantity equals the undelivered base quantity of its approved orders."""
    expected: dict[tuple[str, str], Decimal] = {}
    rows = session.execute(
        select(SalesOrderLine.product_id, SalesOrder.warehouse_id, SalesOrderLine.base_quantity,
               SalesOrderLine.delivered_quantity)
        .join(SalesOrder, SalesOrder.id == SalesOrderLine.order_id)
        .where(SalesOrder.status.in_(tuple(RESERVING_STATUSES)))
    )
    for product_id, warehouse_id, ordered, delivered in rows:
        open_quantity = max(ordered - delivered, Decimal(0))
        key = (product_id, warehouse_id)
        expected[key] = expected.get(key, Decimal(0)) + open_quantity
    reserved: dict[tuple[str, str], Decimal] = {}
    for balance in session.scalars(select(StockBalance).where(StockBalance.batch_no == "")):
        reserved[(balance.product_id, balance.warehouse_id)] = balance.reserved
    for key in expected.keys() | reserved.keys():
        want = expected.get(key, Decimal(0))
        have = reserved.get(key, Decimal(0))
        assert have == want, f"stock balance {key} reserves {have}, its approved orders leave {want} undelivered"
