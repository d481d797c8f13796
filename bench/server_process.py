"""Start and stop a `kaidan-server serve` process on 127.0.0.1, and run its other CLI commands."""

from __future__ import annotations

import logging
import os
import socket
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import requests

log = logging.getLogger(__name__)

REPO_ROOT = Path(__file__).resolve().parents[1]
START_TIMEOUT_S = 60
STOP_TIMEOUT_S = 15
CLI_TIMEOUT_S = 600


def child_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO_ROOT), env.get("PYTHONPATH")]))
    env.pop("KAIDAN_SERVER_DATABASE_URL", None)
    return env


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def run_server_cli(args: Sequence[str], input_text: str | None = None) -> str:
    """Run `kaidan-server ARGS` and return its standard output; raise RuntimeError when it fails."""
    completed = subprocess.run(
        [sys.executable, "-m", "server_stub.cli", *args],
        cwd=REPO_ROOT, env=child_env(), input=input_text, capture_output=True, text=True, timeout=CLI_TIMEOUT_S,
    )
    if completed.returncode != 0:
        raise RuntimeError(f"kaidan-server {args[0]} exited with {completed.returncode}:\n{completed.stderr[-3000:]}")
    return completed.stdout


class BenchServer:
    """A server process on a fixed loopback port, so it can be stopped and started again at the same URL."""

    def __init__(self, database_url: str, log_path: Path) -> None:
        self.database_url = database_url
        self.log_path = log_path
        self.port = free_port()
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> "BenchServer":
        args = [sys.executable, "-m", "server_stub.cli", "serve", "--database-url", self.database_url,
                "--host", "127.0.0.1", "--port", str(self.port), "--log-level", "WARNING"]
        with open(self.log_path, "ab") as log_file:
            self.process = subprocess.Popen(args, cwd=REPO_ROOT, env=child_env(), stdout=log_file,
                                            stderr=subprocess.STDOUT)
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the server exited with {self.process.returncode}; see {self.log_path}")
            try:
                if requests.get(f"{self.url}/api/v1/health", timeout=1).status_code == 200:
                    log.info("server %s started (pid %s)", self.url, self.process.pid)
                    return self
            except requests.ConnectionError:
                pass
            time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"the server did not respond to the health check within {START_TIMEOUT_S} s; see {self.log_path}")

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=STOP_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=STOP_TIMEOUT_S)
        log.info("server %s stopped", self.url)
