"""Fixtures of the fault tests: server databases on SQLite and PostgreSQL, an in-memory keyring."""

from __future__ import annotations

import pytest

# database_url (parametrized over SQLite and PostgreSQL) and its templates.
from tests.server.server_process import *  # noqa: F401,F403


@pytest.fixture(autouse=True)
def memory_keyring():
    """Keep sign-in tokens out of the real credential store."""
    import keyring

    from tests.sync.memory_keyring import MemoryKeyring

    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)
