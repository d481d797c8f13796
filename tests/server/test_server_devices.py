"""Device registration: unique codes, and counters kept for a rebuilt client."""

from __future__ import annotations

import re

from domain.ids import new_id
from tests.server.helpers import envelope
from tests.server.server_process import add_user


def test_devices_get_distinct_short_codes(server):
    add_user(server.database_url, "ann", "clerk", "pw", "D1")
    client = server.client()
    client.login("ann", "pw")
    codes = {client.register(f"pc {index}")["code"] for index in range(3)}
    assert len(codes) == 3
    for code in codes:
        assert re.fullmatch(r"[0-9A-Z]{2,8}", code)


def test_reregistering_returns_code_and_counters(server):
    add_user(server.database_url, "ann", "clerk", "pw", "D1")
    client = server.client()
    client.login("ann", "pw")
    device = client.register("pc")
    number = f"SO-{device['code']}-20261204-0007"
    other = "SO-ZZ-20261204-0099"
    pushed = client.push([
        envelope(1, "test.region.create", {"id": new_id(), "code": "R1", "number": number}),
        envelope(2, "test.region.create", {"id": new_id(), "code": "R2", "number": other}),
    ])
    assert pushed.status_code == 200, pushed.text

    again = server.client()
    again.login("ann", "pw")
    info = again.register("pc rebuilt", device_id=device["device_id"])
    assert info["code"] == device["code"]
    assert info["counters"] == {"SO": 7}
    assert info["high_water"] == 2
