"""Kill at every step: the client process dies at each kill point, restarts, and converges.

Each case runs the real `kaidan` client as a process with KAIDAN_KILL_AT
set, checks that it died at that point and what the replica contains then,
runs it again without the variable, and checks that nothing was lost or
doubled: every order exists once on the server with the number its client
gave it, and the oracle in tests.faults.world holds.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

import pytest
from sqlalchemy import func, select

from domain.commands.framework import new_mutation_id
from domain.ids import new_id
from domain.models import SalesOrder, SalesOrderLine
from server_stub.db import Database
from server_stub.tables import CommandLog
from sync.killpoints import ENV_VAR, KILL_EXIT_CODE, kill_point, parse_target
from tests.faults.world import PASSWORD, PRICE, Client, World, assert_oracle, clients, running_server, seed_world
from tests.sync.cli_runner import REPO_ROOT, kaidan_command, kaidan_env

USERS = {"mgr_a": "manager", "mgr_b": "manager"}
LINES_PER_ORDER = 3
KILL_TIMEOUT_S = 300

# Runs in a child process: queue one order.create with a mutation id chosen
# by the test, so the test has the id although the process dies right after.
SUBMIT_SCRIPT = """
import json, sys
from sync.client import open_replica, submit
request = json.loads(sys.argv[2])
replica = open_replica(sys.argv[1])
submit(replica, "order.create", request["payload"], mutation_id=request["mutation_id"])
print("the kill point did not fire")
"""


def _order_payload(client: Client, world: World) -> dict:
    """An order.create payload with several lines, numbered by the client's replica."""
    return {
        "id": new_id(),
        "number": client.number("sales_order"),
        "customer_id": world.customer_id,
        "warehouse_id": world.warehouse_id,
        "document_date": dt.date.today().isoformat(),
        "lines": [
            {"id": new_id(), "product_id": world.product_id, "quantity": "1", "unit_price": str(PRICE)}
            for _ in range(LINES_PER_ORDER)
        ],
    }


def _queue_order(client: Client, world: World) -> str:
    """Queue an order in this process; return its number."""
    payload = _order_payload(client, world)
    client.submit("order.create", payload)
    return payload["number"]


def _kaidan_sync(client: Client, server_url: str, kill_at: str | None = None) -> subprocess.CompletedProcess:
    env = kaidan_env()
    env.pop(ENV_VAR, None)
    if kill_at is not None:
        env[ENV_VAR] = kill_at
    return subprocess.run(
        kaidan_command("sync", "--server", server_url, "--user", client.username, "--data-dir", str(client.data_dir)),
        cwd=REPO_ROOT, env=env, input=PASSWORD + "\n", capture_output=True, text=True, timeout=KILL_TIMEOUT_S,
    )


def _assert_killed(completed: subprocess.CompletedProcess, point: str) -> None:
    output = completed.stdout + completed.stderr
    assert completed.returncode == KILL_EXIT_CODE, output
    assert f"kill point {point} reached" in completed.stderr, output


def _assert_synced(completed: subprocess.CompletedProcess) -> None:
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert "sync complete" in completed.stdout, completed.stdout


def _assert_orders_once(database_url: str, numbers: list[str]) -> None:
    """Exactly these orders exist on the server, each once, with its number, all its lines and one log entry."""
    db = Database(database_url)
    try:
        with db.read() as session:
            stored = sorted(session.scalars(select(SalesOrder.number)))
            lines = dict(session.execute(
                select(SalesOrder.number, func.count(SalesOrderLine.id))
                .join(SalesOrderLine, SalesOrderLine.order_id == SalesOrder.id)
                .group_by(SalesOrder.number)
            ).all())
            logged = session.scalars(select(CommandLog.status).where(CommandLog.name == "order.create")).all()
    finally:
        db.dispose()
    assert stored == sorted(numbers)
    assert lines == {number: LINES_PER_ORDER for number in numbers}
    assert logged == ["applied"] * len(numbers)


def _replica_orders(client: Client) -> dict[str, int]:
    """Return {order number: line count} as stored in the replica."""
    with client.replica.session() as session:
        numbers = session.scalars(select(SalesOrder.number)).all()
        lines = dict(session.execute(
            select(SalesOrder.number, func.count(SalesOrderLine.id))
            .join(SalesOrderLine, SalesOrderLine.order_id == SalesOrder.id, isouter=True)
            .group_by(SalesOrder.number)
        ).all())
    assert len(numbers) == len(set(numbers)), f"the replica holds an order twice: {numbers}"
    return {number: lines.get(number, 0) for number in numbers}


# -- the kill point switch ----------------------------------------------------


def test_kill_target_parsing():
    assert parse_target("after_page_commit") == ("after_page_commit", 1)
    assert parse_target("mid_pull_page:3") == ("mid_pull_page", 3)
    for invalid in ("nowhere", "mid_pull_page:0", "mid_pull_page:x", "mid_pull_page:-1"):
        with pytest.raises(ValueError):
            parse_target(invalid)


def test_kill_point_unset_returns(monkeypatch):
    monkeypatch.delenv(ENV_VAR, raising=False)
    kill_point("after_local_write")
    monkeypatch.setenv(ENV_VAR, "after_page_commit")
    # Another point is named, so this one returns.
    kill_point("after_local_write")
    with pytest.raises(ValueError):
        kill_point("no_such_point")


def test_kill_point_nth_hit_exits(tmp_path):
    script = "from sync.killpoints import kill_point\nfor i in range(5):\n    print(i, flush=True)\n    kill_point('mid_pull_page')\n"
    env = kaidan_env()
    env[ENV_VAR] = "mid_pull_page:3"
    completed = subprocess.run([sys.executable, "-c", script], cwd=REPO_ROOT, env=env,
                               capture_output=True, text=True, timeout=60)
    assert completed.returncode == KILL_EXIT_CODE, completed.stderr
    assert completed.stdout.split() == ["0", "1", "2"]
    assert "kill point mid_pull_page reached (hit 3)" in completed.stderr


# -- hard case: kill at every step ------------------------------------------------


def test_kill_after_local_write(database_url, tmp_path):
    world = seed_world(database_url, {"mgr_a": "manager"})
    with running_server(database_url, tmp_path) as (_server, proxy), clients(tmp_path, "mgr_a") as (client,):
        client.sync(proxy.url)
        payload = _order_payload(client, world)
        mutation_id = new_mutation_id()
        env = kaidan_env()
        env[ENV_VAR] = "after_local_write"
        request = json.dumps({"payload": payload, "mutation_id": mutation_id})
        killed = subprocess.run([sys.executable, "-c", SUBMIT_SCRIPT, str(client.data_dir), request],
                                cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=KILL_TIMEOUT_S)
        _assert_killed(killed, "after_local_write")
        client.submitted.append(mutation_id)

        # The write was committed before the process died: queued and visible, not yet sent.
        outbox = client.outbox()
        assert list(outbox) == [mutation_id]
        assert outbox[mutation_id].status == "pending"
        assert _replica_orders(client) == {payload["number"]: LINES_PER_ORDER}

        _assert_synced(_kaidan_sync(client, proxy.url))

        _assert_orders_once(database_url, [payload["number"]])
        assert _replica_orders(client) == {payload["number"]: LINES_PER_ORDER}
        assert_oracle(database_url, proxy.url, [client])


def test_kill_after_push_response(database_url, tmp_path):
    world = seed_world(database_url, {"mgr_a": "manager"})
    with running_server(database_url, tmp_path) as (_server, proxy), clients(tmp_path, "mgr_a") as (client,):
        client.sync(proxy.url)
        numbers = [_queue_order(client, world) for _ in range(3)]

        _assert_killed(_kaidan_sync(client, proxy.url, "after_push_response"), "after_push_response")

        # The server committed the batch; the client died before recording the results.
        _assert_orders_once(database_url, numbers)
        assert [entry.status for entry in client.outbox().values()] == ["pending"] * 3
        assert client.journal_ids() == set()

        # The restart pushes the same commands again and gets the stored results back.
        _assert_synced(_kaidan_sync(client, proxy.url))

        _assert_orders_once(database_url, numbers)
        assert client.outbox() == {}
        assert _replica_orders(client) == {number: LINES_PER_ORDER for number in numbers}
        assert_oracle(database_url, proxy.url, [client])


@pytest.mark.parametrize("point", ["mid_pull_page", "before_cursor_moves", "after_page_commit"])
def test_kill_during_pull(database_url, tmp_path, point):
    world = seed_world(database_url, USERS)
    with running_server(database_url, tmp_path) as (_server, proxy), \
            clients(tmp_path, "mgr_a", "mgr_b") as (client, other):
        client.sync(proxy.url)
        other.sync(proxy.url)
        theirs = [_queue_order(other, world) for _ in range(2)]
        assert other.sync(proxy.url).push.acknowledged == 2
        # A pending order of the killed client is undone and run again inside
        # the page's transaction, so a kill there must not lose it either.
        mine = _queue_order(client, world)
        cursor_before = client.replica.read_state().cursor

        killed = _kaidan_sync(client, proxy.url, point)
        _assert_killed(killed, point)

        replica_orders = _replica_orders(client)
        cursor_after = client.replica.read_state().cursor
        if point == "after_page_commit":
            # The page and its cursor were committed together.
            assert cursor_after > cursor_before
            assert replica_orders == {number: LINES_PER_ORDER for number in [*theirs, mine]}
            assert client.outbox() == {}
        else:
            # The page's transaction was rolled back whole: neither its rows nor its cursor remain,
            # and the pending order is still applied locally.
            assert cursor_after == cursor_before
            assert replica_orders == {mine: LINES_PER_ORDER}
            # The push finished before the pull began; its entry leaves the outbox once pulled back.
            assert [entry.status for entry in client.outbox().values()] == ["acknowledged"]

        _assert_synced(_kaidan_sync(client, proxy.url))

        _assert_orders_once(database_url, [*theirs, mine])
        assert _replica_orders(client) == {number: LINES_PER_ORDER for number in [*theirs, mine]}
        assert client.outbox() == {}
        other.sync(proxy.url)
        assert_oracle(database_url, proxy.url, [client, other])
