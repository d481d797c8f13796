"""Every test file is under one of pytest's testpaths, which list the Qt tests last."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_testpaths_cover_every_test_file():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    testpaths = [ROOT / path for path in config["tool"]["pytest"]["ini_options"]["testpaths"]]
    uncovered = [
        path.relative_to(ROOT)
        for path in (ROOT / "tests").rglob("test_*.py")
        if not any(path == entry or entry in path.parents for entry in testpaths)
    ]
    assert uncovered == [], f"add these to [tool.pytest.ini_options] testpaths in pyproject.toml: {uncovered}"
