"""Interrupted bootstrap: a first sync killed at 60 %, cut at 80 %, with access tokens expiring on the way.

The server contains KAIDAN_BOOTSTRAP_ROWS customers (100,000 by default; set
1000000 for the full-size run), loaded in slices by the sync benchmark's
bulk loader, with orders between the slices and one order larger than a
pull page. The real `kaidan sync` process is killed while a page is written
at about 60 %, then restarted while the fault proxy cuts every pull from
about 80 % on, then restarted once more. After each interruption the
replica must hold exactly the pages before the cursor: every change number
whole, every order with all its lines, nothing after the cursor.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
from pathlib import Path

from sqlalchemy import func, select

from bench.master_data import CustomerRows, load_customers
from domain.ids import new_id
from domain.models import Customer, SalesOrder, SalesOrderLine, User
from server_stub.admin import server_change
from server_stub.auth import ACCESS_TOKEN_TTL_ENV
from server_stub.changes import current_change_seq
from server_stub.db import Database
from server_stub.pull import choose_page_end
from server_stub.scope import build_actor
from sync.killpoints import ENV_VAR, KILL_EXIT_CODE
from sync.bulk_load import missing_indexes
from sync.protocol import BOOTSTRAP_PULL_LIMIT
from sync.replica import Replica
from tests.faults.proxy import CUT
from tests.faults.world import PASSWORD, PRICE, Client, World, assert_oracle, running_server, seed_world
from tests.sync.cli_runner import REPO_ROOT, kaidan_command, kaidan_env

BOOTSTRAP_ROWS = int(os.environ.get("KAIDAN_BOOTSTRAP_ROWS", "100000"))
SLICES = 5
ORDERS_PER_SLICE = 20
LINES_PER_ORDER = 5
# More rows than a pull page, so one command must stretch a page past its limit.
BIG_ORDER_LINES = BOOTSTRAP_PULL_LIMIT + 500
# Access tokens live this long (seconds), so every run outlives a few of them.
ACCESS_TOKEN_TTL_S = "3"
USER = "mgr_a"
PULL_PATH = "/api/v1/sync/pull"
REFRESH_PATH = "/api/v1/auth/refresh"
BULK_TABLES = (Customer.__table__, SalesOrder.__table__, SalesOrderLine.__table__)
# Per `kaidan sync` run; an estimate that scales with the rows, since a million-row run was not timed.
RUN_TIMEOUT_S = max(600, BOOTSTRAP_ROWS // 100)
EXIT_FAILED = 2

# Counts have thousands separators; the time left is "about N s left", "about N min left" or "almost done".
TIME_LEFT = r"(, about \d+ (s|min) left|, almost done)?"
BY_ROWS = re.compile(r"pulled ([\d,]+) of about ([\d,]+) rows \((\d+) %\), [\d,]+ rows/s" + TIME_LEFT)
# A resumed pull has no row total, so its lines count rows and the share of the changes done.
BY_CHANGE = re.compile(r"pulled ([\d,]+) rows \((\d+) %\), [\d,]+ rows/s" + TIME_LEFT)


class _CustomerSlice(CustomerRows):
    """The benchmark's customer rows numbered from `first`, so slices loaded one after another stay unique."""

    def __init__(self, department_ids: list[str], owner_id: str, first: int) -> None:
        super().__init__(department_ids, owner_id, seed=first + 1)
        self.first = first

    def row(self, index: int) -> dict:
        return super().row(self.first + index)


def _add_order(db: Database, world: World, number: str, lines: int) -> None:
    """Write one order with `lines` lines as one server change (one change number)."""
    with db.write() as session, server_change(session):
        order = SalesOrder(
            id=new_id(), number=number, customer_id=world.customer_id, department_id=world.department_id,
            warehouse_id=world.warehouse_id, status="draft", document_date=dt.date.today(),
            lines_amount=PRICE * lines, total_amount=PRICE * lines,
        )
        session.add(order)
        # Flushed before its lines: PostgreSQL checks each foreign key at insert time.
        session.flush()
        session.add_all(
            SalesOrderLine(
                id=new_id(), order_id=order.id, line_no=line_no, product_id=world.product_id, unit_name="box",
                quantity=1, base_quantity=1, unit_price=PRICE, amount=PRICE,
            )
            for line_no in range(1, lines + 1)
        )


def _load_server(database_url: str, world: World, work: Path) -> None:
    """Load BOOTSTRAP_ROWS customers in slices, with orders after each slice and one big order in the middle."""
    db = Database(database_url)
    try:
        with db.read() as session:
            owner_id = session.execute(select(User.id).where(User.username == USER)).scalar_one()
        per_slice = BOOTSTRAP_ROWS // SLICES
        for index in range(SLICES):
            count = per_slice if index < SLICES - 1 else BOOTSTRAP_ROWS - per_slice * (SLICES - 1)
            rows = _CustomerSlice([world.department_id], owner_id, first=index * per_slice)
            # The loader also times a raw SQLite insert of the same rows; that file is not used here.
            load_customers(database_url, rows, count, str(work / f"raw-{index}.sqlite3"))
            for order in range(ORDERS_PER_SLICE):
                _add_order(db, world, f"SO-{index}-{order:03d}", LINES_PER_ORDER)
            if index == SLICES // 2:
                _add_order(db, world, "SO-BIG", BIG_ORDER_LINES)
    finally:
        db.dispose()


def _page_ends(database_url: str) -> list[tuple[int, int]]:
    """Return (page end, rows in the bulk tables up to it) for each page a first pull of USER gets."""
    db = Database(database_url)
    try:
        with db.read() as session:
            actor = build_actor(session, session.execute(select(User).where(User.username == USER)).scalar_one())
            upper = current_change_seq(session)
            rows_by_seq = _rows_by_seq(session, upper)
            ends = []
            cursor = 0
            while cursor < upper:
                cursor = choose_page_end(session, actor, cursor, upper, BOOTSTRAP_PULL_LIMIT)
                ends.append((cursor, sum(count for seq, count in rows_by_seq.items() if seq <= cursor)))
            return ends
    finally:
        db.dispose()


def _missing_indexes(data_dir: Path) -> list[str]:
    replica = Replica.open(data_dir)
    try:
        with replica.transaction() as session:
            return [index.name for index in missing_indexes(session.connection())]
    finally:
        replica.close()


def _rows_by_seq(session, upper: int | None = None) -> dict[int, int]:
    """Return {change number: rows of the bulk tables stamped with it}, up to `upper` when given."""
    counts: dict[int, int] = {}
    for table in BULK_TABLES:
        query = select(table.c.change_seq, func.count()).group_by(table.c.change_seq)
        if upper is not None:
            query = query.where(table.c.change_seq <= upper)
        for seq, count in session.execute(query):
            counts[seq] = counts.get(seq, 0) + count
    return counts


def _lines_by_order(session) -> dict[str, int]:
    return dict(session.execute(
        select(SalesOrder.id, func.count(SalesOrderLine.id))
        .join(SalesOrderLine, SalesOrderLine.order_id == SalesOrder.id, isouter=True)
        .group_by(SalesOrder.id)
    ).all())


def _assert_whole_pages(database_url: str, data_dir: Path, page_ends: list[tuple[int, int]]) -> int:
    """Check that the replica contains exactly the pages up to its cursor, whole; return the cursor."""
    replica = Replica.open(data_dir)
    try:
        cursor = replica.read_state().cursor or 0
        with replica.session() as session:
            local_by_seq = _rows_by_seq(session)
            local_lines = _lines_by_order(session)
    finally:
        replica.close()
    db = Database(database_url)
    try:
        with db.read() as session:
            server_by_seq = _rows_by_seq(session, cursor)
            server_lines = _lines_by_order(session)
    finally:
        db.dispose()

    ends = [end for end, _rows in page_ends]
    assert cursor in ends, f"the replica's cursor {cursor} is not a page end ({ends[:3]} ... {ends[-3:]})"
    expected_rows = dict(page_ends)[cursor]
    assert sum(local_by_seq.values()) == expected_rows, "the replica holds part of a page"
    after_cursor = sorted(seq for seq in local_by_seq if seq > cursor)
    assert after_cursor == [], f"the replica holds changes after its cursor {cursor}: {after_cursor[:5]}"
    partial = {seq: (local_by_seq.get(seq), count) for seq, count in server_by_seq.items()
               if local_by_seq.get(seq) != count}
    assert partial == {}, f"changes not whole in the replica (replica rows, server rows): {list(partial.items())[:5]}"
    half_orders = {order_id: (count, server_lines[order_id]) for order_id, count in local_lines.items()
                   if count != server_lines[order_id]}
    assert half_orders == {}, f"orders without all their lines (replica, server): {half_orders}"
    return cursor


def _kaidan_sync(server_url: str, data_dir: Path, kill_at: str | None = None) -> subprocess.CompletedProcess:
    env = kaidan_env()
    env.pop(ENV_VAR, None)
    if kill_at is not None:
        env[ENV_VAR] = kill_at
    return subprocess.run(
        kaidan_command("sync", "--server", server_url, "--user", USER, "--data-dir", str(data_dir)),
        cwd=REPO_ROOT, env=env, input=PASSWORD + "\n", capture_output=True, text=True, timeout=RUN_TIMEOUT_S,
    )


def _pulled_lines(completed: subprocess.CompletedProcess) -> list[str]:
    return [line for line in completed.stdout.splitlines() if line.startswith("pulled")]


def _request_cursor(raw_request: bytes) -> int:
    body = raw_request.split(b"\r\n\r\n", 1)[1]
    return int(json.loads(body)["cursor"])


def _first_page_reaching(page_ends: list[tuple[int, int]], share: float) -> int:
    """Return the 1-based number of the first page after which `share` of the bulk rows are pulled."""
    total = page_ends[-1][1]
    return next(number for number, (_end, rows) in enumerate(page_ends, 1) if rows >= share * total)


def test_interrupted_bootstrap_resumes(database_url, tmp_path, monkeypatch):
    monkeypatch.setenv(ACCESS_TOKEN_TTL_ENV, ACCESS_TOKEN_TTL_S)
    world = seed_world(database_url, {USER: "manager"})
    _load_server(database_url, world, tmp_path)
    page_ends = _page_ends(database_url)
    total_rows = page_ends[-1][1]
    # The bulk customers, the world's customer, the small orders and the big one, each with its lines.
    assert total_rows == BOOTSTRAP_ROWS + 1 + SLICES * ORDERS_PER_SLICE * (1 + LINES_PER_ORDER) + 1 + BIG_ORDER_LINES
    kill_page = _first_page_reaching(page_ends, 0.6)
    cut_page = _first_page_reaching(page_ends, 0.8)
    assert 1 < kill_page < cut_page < len(page_ends)
    data_dir = tmp_path / USER

    with running_server(database_url, tmp_path) as (_server, proxy):
        # 1. Killed while the page that reaches 60 % is written, before its commit.
        killed = _kaidan_sync(proxy.url, data_dir, f"before_cursor_moves:{kill_page}")
        assert killed.returncode == KILL_EXIT_CODE, killed.stdout + killed.stderr
        # Registering the device may add a change after the last page computed above.
        page_ends = _page_ends(database_url)
        cursor = _assert_whole_pages(database_url, data_dir, page_ends)
        assert cursor == page_ends[kill_page - 2][0]
        # Bootstrap mode: the secondary indexes stay dropped until the last page.
        assert _missing_indexes(data_dir), "the replica has every index in the middle of its bootstrap"
        progress_lines = _pulled_lines(killed)
        assert len(progress_lines) == kill_page - 1
        for line in progress_lines:
            assert BY_ROWS.fullmatch(line), line
        # A pull from zero receives the row total, so its lines count rows of it.
        last = BY_ROWS.fullmatch(progress_lines[-1])
        assert int(last.group(1).replace(",", "")) <= int(last.group(2).replace(",", ""))
        assert 30 <= int(last.group(3)) < 60

        # 2. Resumed; every pull from about 80 % on is cut inside its body, on every retry.
        cut_cursor = page_ends[cut_page - 1][0]
        proxy.cut_response(4096, path_prefix=PULL_PATH, when=lambda raw: _request_cursor(raw) >= cut_cursor)
        failed = _kaidan_sync(proxy.url, data_dir)
        assert failed.returncode == EXIT_FAILED, failed.stdout + failed.stderr
        assert "sync did not complete" in failed.stderr
        assert proxy.faulted(CUT, PULL_PATH), "no pull was cut"
        assert _assert_whole_pages(database_url, data_dir, page_ends) == cut_cursor
        progress_lines = _pulled_lines(failed)
        assert len(progress_lines) == cut_page - kill_page + 1
        for line in progress_lines:
            # The server sends the row total only for a pull from zero.
            assert BY_CHANGE.fullmatch(line), line

        # 3. The network is back.
        proxy.pass_through()
        finished = _kaidan_sync(proxy.url, data_dir)
        assert finished.returncode == 0, finished.stdout + finished.stderr
        assert "sync complete" in finished.stdout
        assert _assert_whole_pages(database_url, data_dir, page_ends) == page_ends[-1][0]
        assert _missing_indexes(data_dir) == []

        # Each run signed in with the password; a refresh happens only when an access token expired.
        assert [e for e in proxy.exchanges if e.path.startswith(REFRESH_PATH)], "no access token expired"
        client = Client(data_dir, USER)
        try:
            assert_oracle(database_url, proxy.url, [client])
        finally:
            client.close()
