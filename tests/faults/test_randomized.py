"""The seeded random sync run, on a SQLite and a PostgreSQL server.

Three clients run at least 300 commands through real handlers while the
driver in tests.faults.randomized takes clients offline, injects proxy
faults, kills `kaidan sync` processes and moves one user to another
department. A failure names the seed; set KAIDAN_RANDOM_SEED to replay it
and KAIDAN_RANDOM_OPS for a longer run.
"""

from __future__ import annotations

import pytest

from tests.faults.randomized import (
    DEFAULT_OPERATIONS,
    OPERATIONS_VARIABLE,
    SEED_VARIABLE,
    USERS,
    RandomRun,
    RunSettings,
    seed_random_world,
)
from tests.faults.world import clients, running_server


def test_randomized_run_converges(database_url, tmp_path):
    settings = RunSettings.from_environment()
    # Printed first, so the seed is in the captured output even if the run hangs and is killed.
    print(f"randomized sync run: {settings.replay_hint()}")
    world = seed_random_world(database_url)
    with running_server(database_url, tmp_path) as (_server, proxy), \
            clients(tmp_path / "clients", *USERS) as opened:
        run = RandomRun(settings, world, database_url, proxy, opened, tmp_path)
        run.execute()
        run.converge()
        run.check()
        print(run.summary())

        assert run.step == settings.operations
        assert run.scope_changed
        assert run.counts.get("submitted", 0) >= settings.operations // 2, run.summary()


def test_settings_read_environment(monkeypatch):
    monkeypatch.setenv(SEED_VARIABLE, "12345")
    monkeypatch.setenv(OPERATIONS_VARIABLE, "900")
    settings = RunSettings.from_environment()
    assert settings.seed == 12345
    assert settings.operations == 900
    assert settings.replay_hint() == f"{SEED_VARIABLE}=12345 {OPERATIONS_VARIABLE}=900"


def test_settings_default_without_environment(monkeypatch):
    monkeypatch.delenv(SEED_VARIABLE, raising=False)
    monkeypatch.delenv(OPERATIONS_VARIABLE, raising=False)
    settings = RunSettings.from_environment()
    assert settings.operations == DEFAULT_OPERATIONS
    assert 0 <= settings.seed < 2**32


def test_settings_reject_zero_operations(monkeypatch):
    monkeypatch.setenv(OPERATIONS_VARIABLE, "0")
    with pytest.raises(ValueError, match=OPERATIONS_VARIABLE):
        RunSettings.from_environment()

