"""Clock skew: clients whose clocks are an hour ahead, a day behind and a year ahead edit one field.

Each skewed client runs in its own process with its clock shifted by
tests.faults.skewed_clock. The server's order of arrival decides the field,
the overwritten values land in the conflict log, document numbers stay
unique and each skewed client is warned by `kaidan sync`.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

from sqlalchemy import select

from domain.models import ConflictRecord, Customer, SalesOrder
from domain.numbers import parse_number
from server_stub.db import Database
from server_stub.tables import CommandLog
from sync.client import CLOCK_SKEW_LIMIT_S, clock_skew_warning
from tests.faults.world import PASSWORD, Client, World, assert_oracle, running_server, seed_world
from tests.sync.cli_runner import REPO_ROOT, kaidan_env

HOUR = 3600
DAY = 24 * HOUR
# (user, clock offset in seconds, phone the user types), in the order the clients push.
SKEWED = [
    ("year_ahead", 365 * DAY, "0871-1111111"),
    ("day_behind", -DAY, "0871-2222222"),
    ("hour_ahead", HOUR, "0871-3333333"),
]
EXPECTED_WARNINGS = {
    "year_ahead": "365 days ahead of the server's",
    "day_behind": "24 hours behind the server's",
    "hour_ahead": "60 minutes ahead of the server's",
}


def _run_skewed(offset_s: int, *args: str) -> subprocess.CompletedProcess:
    env = kaidan_env()
    env["KAIDAN_CLOCK_OFFSET_S"] = str(offset_s)
    completed = subprocess.run(
        [sys.executable, "-m", "tests.faults.skewed_clock", *args],
        cwd=REPO_ROOT, env=env, input=PASSWORD + "\n", capture_output=True, text=True, timeout=300,
    )
    assert completed.returncode == 0, f"skewed client {args[:2]} exited {completed.returncode}:\n{completed.stderr[-4000:]}"
    return completed


def _edit_offline(tmp_path: Path, url: str, world: World, user: str, offset_s: int, phone: str) -> dict:
    completed = _run_skewed(
        offset_s, "edit-customer", str(tmp_path / user), url, user, world.customer_id, phone,
        world.warehouse_id, world.product_id,
    )
    return json.loads(completed.stdout.strip().splitlines()[-1])


def _push_with_cli(tmp_path: Path, url: str, user: str, offset_s: int) -> str:
    completed = _run_skewed(offset_s, "kaidan", "sync", "--server", url, "--user", user, "--data-dir", str(tmp_path / user))
    assert "sync complete: pushed 2" in completed.stdout, completed.stdout + completed.stderr
    return completed.stderr


def test_clock_skew_server_order_decides(database_url, tmp_path):
    world = seed_world(database_url, {user: "clerk" for user, _, _ in SKEWED} | {"on_time": "clerk"})
    with running_server(database_url, tmp_path) as (_server, proxy):
        url = proxy.url
        edits = {user: _edit_offline(tmp_path, url, world, user, offset, phone) for user, offset, phone in SKEWED}
        for user, _, _ in SKEWED:
            assert edits[user]["base_phone"] is None, f"{user} did not edit from the seeded, empty phone"

        stderr = {user: _push_with_cli(tmp_path, url, user, offset) for user, offset, _ in SKEWED}

        opened = [Client(tmp_path / user, user) for user, _, _ in SKEWED]
        on_time = Client(tmp_path / "on_time", "on_time")
        try:
            for client in opened:
                client.submitted = list(edits[client.username]["mutation_ids"])
                client.sync(url)
            on_time_result = on_time.sync(url)

            _assert_last_push_wins(database_url, world, edits)
            _assert_numbers_unique(database_url, edits)
            _assert_losers_see_their_conflicts(opened, world)
            for user, _, _ in SKEWED:
                assert EXPECTED_WARNINGS[user] in stderr[user], f"{user} was not warned:\n{stderr[user]}"
            assert on_time_result.clock_skew_s is not None
            assert abs(on_time_result.clock_skew_s) < CLOCK_SKEW_LIMIT_S
            assert not on_time_result.clock_skewed

            assert_oracle(database_url, url, [*opened, on_time])
        finally:
            for client in [*opened, on_time]:
                client.close()


def _assert_last_push_wins(database_url: str, world: World, edits: dict[str, dict]) -> None:
    """The phone is the last pushed value, and the two it overwrote are in the conflict log."""
    edit_ids = {user: edits[user]["mutation_ids"][0] for user, _, _ in SKEWED}
    db = Database(database_url)
    try:
        with db.read() as session:
            customer = session.get(Customer, world.customer_id)
            assert customer.phone == SKEWED[-1][2]

            change_seqs = [
                session.execute(select(CommandLog.change_seq).where(CommandLog.mutation_id == edit_ids[user])).scalar_one()
                for user, _, _ in SKEWED
            ]
            assert change_seqs == sorted(change_seqs), f"change numbers {change_seqs} do not follow the push order"

            conflicts = session.scalars(
                select(ConflictRecord).where(ConflictRecord.record_id == world.customer_id)
                .order_by(ConflictRecord.change_seq)
            ).all()
            assert [(c.field, c.losing_value, c.winning_value) for c in conflicts] == [
                ("phone", SKEWED[0][2], SKEWED[1][2]),
                ("phone", SKEWED[1][2], SKEWED[2][2]),
            ]
            assert [c.losing_mutation_id for c in conflicts] == [edit_ids["year_ahead"], edit_ids["day_behind"]]
            assert [c.winning_mutation_id for c in conflicts] == [edit_ids["day_behind"], edit_ids["hour_ahead"]]
            # The conflict time is the server's, never a client's: none is a year or a day off.
            now = dt.datetime.now(dt.timezone.utc)
            for conflict in conflicts:
                assert abs((conflict.occurred_at - now).total_seconds()) < HOUR
    finally:
        db.dispose()


def _assert_numbers_unique(database_url: str, edits: dict[str, dict]) -> None:
    """Each order keeps its number; the numbers differ by device code whatever dates their labels carry."""
    db = Database(database_url)
    try:
        with db.read() as session:
            stored = {
                user: session.get(SalesOrder, edits[user]["order_id"]) for user, _, _ in SKEWED
            }
    finally:
        db.dispose()
    numbers = [stored[user].number for user, _, _ in SKEWED]
    assert numbers == [edits[user]["number"] for user, _, _ in SKEWED]
    assert len(set(numbers)) == len(numbers)
    device_codes = [parse_number(number).device_code for number in numbers]
    assert len(set(device_codes)) == len(device_codes)
    for user, _, _ in SKEWED:
        label = parse_number(edits[user]["number"]).label_date
        assert label.isoformat() == edits[user]["local_date"], f"{user}'s number label is not its own clock's date"
        assert stored[user].document_date.isoformat() == edits[user]["local_date"]


def _assert_losers_see_their_conflicts(opened: list[Client], world: World) -> None:
    losers = {"year_ahead": SKEWED[0][2], "day_behind": SKEWED[1][2]}
    for client in opened:
        with client.replica.session() as session:
            values = session.scalars(
                select(ConflictRecord.losing_value).where(ConflictRecord.record_id == world.customer_id)
            ).all()
        expected = [losers[client.username]] if client.username in losers else []
        assert values == expected, f"{client.username}'s replica has the conflict values {values}"


def test_clock_skew_warning_text():
    assert clock_skew_warning(-63 * 60) == (
        "this computer's clock is 63 minutes ahead of the server's; document dates may be wrong, so correct the clock"
    )
    assert "3 hours behind" in clock_skew_warning(3 * HOUR)
    assert "2 days ahead of" in clock_skew_warning(-2 * DAY)


def test_clock_skew_desktop_message():
    from desktop.sync_controller import clock_skew_message

    assert clock_skew_message(-63 * 60) == (
        "This computer's clock is 63 minutes ahead of the server's. Document dates may be wrong; correct the clock."
    )
    assert clock_skew_message(365 * DAY).startswith("This computer's clock is 365 days behind the server's.")
