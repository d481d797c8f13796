"""Throwaway PostgreSQL databases for tests.

The server comes from KAIDAN_TEST_PG_URL (a SQLAlchemy URL to any database on
it, default postgresql+psycopg://postgres@127.0.0.1:5432/postgres). When it
cannot be reached, tests that need it skip with a message, unless
KAIDAN_REQUIRE_PG=1 (set by CI), in which case they fail.
"""

from __future__ import annotations

import contextlib
import os
import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

DEFAULT_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"


def admin_url() -> str:
    return os.environ.get("KAIDAN_TEST_PG_URL", DEFAULT_URL)


def report_unreachable(reason: str) -> None:
    """Skip the test, or fail it when KAIDAN_REQUIRE_PG=1."""
    message = f"PostgreSQL at {make_url(admin_url()).render_as_string(hide_password=True)} is unreachable: {reason}"
    if os.environ.get("KAIDAN_REQUIRE_PG") == "1":
        pytest.fail(message + " (KAIDAN_REQUIRE_PG=1, so this fails instead of skipping)")
    pytest.skip(message + "; set KAIDAN_TEST_PG_URL to run the PostgreSQL tests")


@contextlib.contextmanager
def temporary_database(prefix: str = "kaidan_t") -> Iterator[str]:
    """Create an empty database, yield its SQLAlchemy URL, and drop it afterwards."""
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    engine = create_engine(admin_url(), isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as exc:  # noqa: BLE001 - any connection failure means "unreachable"
        engine.dispose()
        report_unreachable(str(exc).splitlines()[0])
    url = make_url(admin_url()).set(database=name).render_as_string(hide_password=False)
    try:
        yield url
    finally:
        with engine.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        engine.dispose()


@contextlib.contextmanager
def database_copy(template_url: str, prefix: str = "kaidan_t") -> Iterator[str]:
    """Copy the database of `template_url` (CREATE DATABASE … TEMPLATE), yield the copy's URL, drop it afterwards.

    PostgreSQL refuses to copy a database that has open connections, so
    every engine on the template must be disposed before this runs.
    """
    template = make_url(template_url).database
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    engine = create_engine(admin_url(), isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{template}"'))
    except Exception as exc:  # noqa: BLE001 - any connection failure means "unreachable"
        engine.dispose()
        report_unreachable(str(exc).splitlines()[0])
    url = make_url(template_url).set(database=name).render_as_string(hide_password=False)
    try:
        yield url
    finally:
        with engine.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        engine.dispose()


def backends(*, postgres: bool) -> list:
    """Return the parameters of a fixture that runs on SQLite, and on PostgreSQL too when `postgres`.

    The PostgreSQL parameter carries the `postgres` mark, so `-m "not postgres"` leaves it out.
    """
    params: list = ["sqlite"]
    if postgres:
        params.append(pytest.param("postgres", marks=pytest.mark.postgres))
    return params
