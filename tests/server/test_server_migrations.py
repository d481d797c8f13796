"""The server's Alembic revisions create exactly the current models."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine

from domain.models.base import Base
from server_stub.migrate import include_object
from server_stub.tables import ServerBase
from tests.server.server_process import migrate


def _differences(url: str) -> list:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True, "include_object": include_object})
            return compare_metadata(context, [Base.metadata, ServerBase.metadata])
    finally:
        engine.dispose()


FIX = (
    "the server migrations do not create the current models; add a revision with "
    "`python -m server_stub.cli make-migration MESSAGE` (see server_stub/migrate.py)"
)


def test_sqlite_migrations_match_models(tmp_path):
    url = f"sqlite:///{tmp_path / 'server.sqlite3'}"
    migrate(url)
    assert _differences(url) == [], FIX


@pytest.mark.postgres
def test_postgres_migrations_match_models(postgres_url):
    migrate(postgres_url)
    assert _differences(postgres_url) == [], FIX
