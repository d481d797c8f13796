"""Running `kaidan` as a separate process, as a user would."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]


def kaidan_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO_ROOT), env.get("PYTHONPATH")]))
    env["PYTHON_KEYRING_BACKEND"] = "tests.sync.memory_keyring.MemoryKeyring"
    # `kaidan` follows the OS locale, and tests read its English output unless they pass --lang.
    env["LC_ALL"] = "C.UTF-8"
    env.pop("LANGUAGE", None)
    return env


def kaidan_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "desktop", *args]


def run_kaidan(*args: str, password: str | None = None, timeout: float = 300) -> subprocess.CompletedProcess:
    """Run `kaidan ARGS`; the password, if any, goes to stdin (which is then not a terminal)."""
    return subprocess.run(
        kaidan_command(*args),
        cwd=REPO_ROOT,
        env=kaidan_env(),
        input=(password + "\n") if password is not None else "",
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def status_json(data_dir: Path) -> dict:
    completed = run_kaidan("status", "--data-dir", str(data_dir), "--json")
    assert completed.returncode == 0, completed.stderr
    return json.loads(completed.stdout)
