"""Fixtures of the client engine's tests: replicas in temporary folders and test-only commands."""

from __future__ import annotations

import pytest

from sync.client import open_replica
from tests.sync.commands_for_tests import register


@pytest.fixture(autouse=True)
def test_commands():
    """Register this package's test commands and the server tests' ones, which the test server runs."""
    register()
    import tests.server.commands_for_tests  # noqa: F401


@pytest.fixture
def replica(tmp_path):
    opened = open_replica(tmp_path / "data")
    with opened.transaction() as session:
        state = opened.state(session)
        state.user_id = "01900000-0000-7000-8000-000000000001"
        state.role = "clerk"
    yield opened
    opened.close()


# The real server process fixtures (database_url, make_server, ...).
from tests.server.server_process import *  # noqa: E402,F401,F403
from tests.server.server_process import TEST_COMMANDS_MODULE  # noqa: E402


@pytest.fixture
def server(database_url, make_server):
    """A running server on a migrated database that also runs this package's test commands."""
    return make_server(database_url, imports=(TEST_COMMANDS_MODULE, "tests.sync.commands_for_tests"))


@pytest.fixture
def memory_keyring():
    import keyring

    from tests.sync.memory_keyring import MemoryKeyring

    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)
