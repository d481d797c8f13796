"""Fixtures shared by every test package."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture
def postgres_url():
    """URL of a fresh, empty PostgreSQL database, dropped after the test."""
    from tests.pg import temporary_database

    with temporary_database() as url:
        yield url
