"""Every rejection code a domain module raises has a translated message in the desktop."""

from __future__ import annotations

import pathlib
import re

from desktop.messages import _templates

ROOT = pathlib.Path(__file__).resolve().parents[2]


def test_every_rejection_code_has_message():
    sources = [*(ROOT / "domain").glob("*.py"), *(ROOT / "domain/commands/handlers").glob("*.py")]
    codes = set()
    for source in sources:
        codes.update(re.findall(r'CommandRejected\(\s*"([a-z_]+)"', source.read_text()))
    assert "invalid_barcode" in codes
    assert sorted(codes - set(_templates())) == []
