"""Two server processes over one PostgreSQL database, with clients pushing to both at once.

Only PostgreSQL can be shared by two servers, so these tests use the
`postgres_url` fixture: they skip when no PostgreSQL server responds, and fail
instead when KAIDAN_REQUIRE_PG=1.

After the concurrent syncs every command is in the command log once, every
accepted command has its own change number, and each client's replica has
the server's checksums. A change number taken by one server while the other
committed a later one would show up as a replica missing that change.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import logging
import os
import socket
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from server_stub.db import Database
from server_stub.tables import CommandLog
from tests.faults.proxy import ProtocolError, _Stream, read_request, read_response
from tests.faults.world import ACCEPTED_STATUSES, PASSWORD, Client, World, assert_oracle, clients, seed_world
from tests.server.server_process import ServerProcess, migrate
from tests.sync.cli_runner import REPO_ROOT, kaidan_command, kaidan_env

pytestmark = pytest.mark.postgres

log = logging.getLogger(__name__)

USERS = {"mgr_a": "manager", "mgr_b": "manager", "mgr_c": "manager"}
COMMANDS_PER_ROUND = 10
ROUNDS = 2
# More than one push batch (100 commands), so a window is still pushing when the other starts.
DEVICE_COMMANDS = 150
OTHER_COMMANDS = 30
SYNC_TIMEOUT_S = 300
PUSH_PATH = "/api/v1/sync/push"


class RoundRobinProxy:
    """A loopback HTTP proxy that sends each request to the next backend port in turn.

    It stands for a round-robin load balancer in front of two servers, so
    one data folder (bound to one server URL) reaches both. Requests and
    responses pass unchanged; `requests` lists (backend index, path) per
    request in the order they were forwarded.
    """

    def __init__(self, backend_ports: list[int]) -> None:
        self.backend_ports = backend_ports
        self.requests: list[tuple[int, str]] = []
        self._lock = threading.Lock()
        self._turn = 0
        self._stopping = threading.Event()
        self._threads: list[threading.Thread] = []
        self._clients: list[socket.socket] = []
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(0.2)
        self.port = self._listener.getsockname()[1]

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def pushes_per_backend(self) -> list[int]:
        with self._lock:
            return [sum(1 for backend, path in self.requests if backend == index and path == PUSH_PATH)
                    for index in range(len(self.backend_ports))]

    def start(self) -> "RoundRobinProxy":
        thread = threading.Thread(target=self._accept_loop, name=f"round-robin-{self.port}", daemon=True)
        thread.start()
        self._threads.append(thread)
        return self

    def stop(self) -> None:
        self._stopping.set()
        self._listener.close()
        with self._lock:
            clients = list(self._clients)
        for client in clients:
            with contextlib.suppress(OSError):
                client.shutdown(socket.SHUT_RDWR)
        for thread in self._threads:
            thread.join(timeout=5)

    def _accept_loop(self) -> None:
        while not self._stopping.is_set():
            try:
                client, _address = self._listener.accept()
            except socket.timeout:
                continue
            except OSError:
                return
            thread = threading.Thread(target=self._serve, args=(client,), daemon=True)
            with self._lock:
                self._clients.append(client)
                self._threads.append(thread)
            thread.start()

    def _serve(self, client: socket.socket) -> None:
        stream = _Stream(client)
        try:
            while not self._stopping.is_set():
                request = read_request(stream)
                if request is None:
                    break
                raw_request, method, path = request
                with self._lock:
                    backend = self._turn % len(self.backend_ports)
                    self._turn += 1
                    self.requests.append((backend, path))
                with socket.create_connection(("127.0.0.1", self.backend_ports[backend]), timeout=SYNC_TIMEOUT_S) as upstream:
                    upstream.sendall(raw_request)
                    raw_response, _status = read_response(_Stream(upstream), method)
                client.sendall(raw_response)
        except (OSError, ProtocolError) as exc:
            if not self._stopping.is_set():
                log.info("round-robin proxy connection closed: %s", exc)
        finally:
            client.close()


@dataclasses.dataclass
class TwoServers:
    database_url: str
    first: ServerProcess
    second: ServerProcess


@contextlib.contextmanager
def two_servers(database_url: str, tmp_path: Path) -> Iterator[TwoServers]:
    first = ServerProcess(database_url, tmp_path / "server-1.log", imports=())
    second = ServerProcess(database_url, tmp_path / "server-2.log", imports=())
    try:
        first.start()
        second.start()
        yield TwoServers(database_url, first, second)
    finally:
        first.stop()
        second.stop()


@pytest.fixture
def shared_database(postgres_url: str) -> str:
    migrate(postgres_url)
    return postgres_url


def _queue_commands(client: Client, world: World, count: int) -> None:
    """Queue a mix of intentions and facts: orders, goods receipts and customer edits."""
    for index in range(count):
        kind = index % 3
        if kind == 0:
            client.create_order(world, "1")
        elif kind == 1:
            client.receive(world, "4")
        else:
            client.submit("customer.update", {
                "id": world.customer_id,
                "fields": {"notes": f"{client.username} call {index} on {dt.date.today().isoformat()}"},
            })


def _start_sync(server_url: str, client: Client) -> subprocess.Popen:
    """Start `kaidan sync` for the client and hand it the password at once, so it runs while the next one starts."""
    # A pipe that already contains the password and is closed for writing, so the process never waits on stdin.
    read_end, write_end = os.pipe()
    os.write(write_end, (PASSWORD + "\n").encode())
    os.close(write_end)
    try:
        return subprocess.Popen(
            kaidan_command("sync", "--server", server_url, "--user", client.username,
                           "--data-dir", str(client.data_dir)),
            cwd=REPO_ROOT, env=kaidan_env(), stdin=read_end, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            text=True,
        )
    finally:
        os.close(read_end)


def _finish_all(processes: list[tuple[str, subprocess.Popen]]) -> None:
    """Wait for every process and assert each sync succeeded."""
    outputs = [(label, process, process.communicate(timeout=SYNC_TIMEOUT_S)) for label, process in processes]
    for label, process, (stdout, stderr) in outputs:
        assert process.returncode == 0, f"`kaidan sync` of {label} exited {process.returncode}:\n{stdout}{stderr[-4000:]}"


def _assert_logged_once(database_url: str, expected_accepted: int) -> None:
    """The command log has exactly the queued commands, and each accepted one has its own change number."""
    db = Database(database_url)
    try:
        with db.read() as session:
            accepted = session.scalars(
                select(CommandLog.change_seq).where(CommandLog.status.in_(tuple(ACCEPTED_STATUSES)))
            ).all()
            logged = session.scalar(select(func.count()).select_from(CommandLog))
    finally:
        db.dispose()
    assert logged == expected_accepted, f"the command log has {logged} commands, {expected_accepted} were queued"
    assert None not in accepted, "an accepted command has no change number"
    assert len(set(accepted)) == len(accepted), "two accepted commands share a change number"


def test_clients_push_to_both_servers(shared_database, tmp_path):
    world = seed_world(shared_database, USERS)
    with two_servers(shared_database, tmp_path) as servers, \
            clients(tmp_path / "clients", *USERS) as (client_a, client_b, client_c):
        # A and C are bound to the first server, B to the second.
        homes = {client_a.username: servers.first.url, client_b.username: servers.second.url,
                 client_c.username: servers.first.url}
        opened = [client_a, client_b, client_c]
        for client in opened:
            client.sync(homes[client.username])

        for _round in range(ROUNDS):
            for client in opened:
                _queue_commands(client, world, COMMANDS_PER_ROUND)
            # Each sync pushes while the others commit on either server, then pulls past their changes.
            _finish_all([(client.username, _start_sync(homes[client.username], client)) for client in opened])

        for client in opened:
            client.sync(homes[client.username])
        for client in opened:
            assert client.outbox() == {}, f"{client.username} still has queued commands"
        _assert_logged_once(shared_database, len(opened) * ROUNDS * COMMANDS_PER_ROUND)
        # A data folder is bound to the server URL it signed in to, so each replica is checked through its own.
        for client in opened:
            assert_oracle(shared_database, homes[client.username], [client])


def test_one_device_drains_through_both_servers(shared_database, tmp_path):
    world = seed_world(shared_database, {"mgr_a": "manager", "mgr_b": "manager"})
    with two_servers(shared_database, tmp_path) as servers, \
            clients(tmp_path / "clients", "mgr_a", "mgr_b") as (device, other):
        proxy = RoundRobinProxy([servers.first.port, servers.second.port]).start()
        try:
            device.sync(proxy.url)
            other.sync(servers.second.url)
            _queue_commands(device, world, DEVICE_COMMANDS)
            _queue_commands(other, world, OTHER_COMMANDS)

            # Two windows of the same device drain one outbox at once, their
            # requests spread over both servers, while another user pushes to the second.
            _finish_all([
                ("mgr_a window 1", _start_sync(proxy.url, device)),
                ("mgr_a window 2", _start_sync(proxy.url, device)),
                ("mgr_b", _start_sync(servers.second.url, other)),
            ])
            pushes = proxy.pushes_per_backend()
            assert all(count > 0 for count in pushes), f"pushes per server: {pushes}"

            device.sync(proxy.url)
            other.sync(servers.second.url)
            left = {entry.device_seq: (entry.name, entry.status, entry.result_code, entry.result_params)
                    for entry in device.outbox().values()}
            # Goods receipts through both servers race to insert a product's first cost
            # row; the server must run the loser again rather than reject it.
            assert left == {}, f"commands left in the device's outbox: {left}"
            _assert_logged_once(shared_database, DEVICE_COMMANDS + OTHER_COMMANDS)
            assert_oracle(shared_database, proxy.url, [device])
            assert_oracle(shared_database, servers.second.url, [other])
        finally:
            proxy.stop()
