"""The installed console scripts start and print their help."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

BIN = Path(sys.executable).parent


@pytest.mark.parametrize(
    ("script", "expected"),
    [("kaidan", ["sync", "status", "verify", "--self-test"]), ("kaidan-server", ["serve", "migrate", "init-demo", "user"])],
)
def test_console_script_help(script, expected):
    path = BIN / script
    if not path.exists():
        path = Path(shutil.which(script) or "")
    assert path.is_file(), f"{script} is not installed next to {sys.executable}; run ./scripts/test to install the project"
    completed = subprocess.run([str(path), "--help"], capture_output=True, text=True, timeout=120)
    assert completed.returncode == 0, completed.stderr
    for word in expected:
        assert word in completed.stdout
