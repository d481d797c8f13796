"""Alembic environment for the client replica: replicated and client-only tables together."""

from __future__ import annotations

from alembic import context

import domain.models  # noqa: F401  (registers every replicated table)
from domain.models.base import Base
from domain.types import ScaledDecimal, UTCDateTime
from sync.local_tables import LocalBase
from sync.migrate import include_name

config = context.config
target_metadata = [Base.metadata, LocalBase.metadata]


def render_item(type_, obj, autogen_context):
    """Render our column types as the SQL types they store, so revisions never import domain code."""
    if type_ == "type" and isinstance(obj, ScaledDecimal):
        return "sa.BigInteger()"
    if type_ == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    return False


def run_migrations() -> None:
    connection = config.attributes.get("connection")
    if connection is None:
        raise RuntimeError("the replica migrations run only on a connection given by sync.migrate")
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        # SQLite alters a table by copying it; batch mode does that and keeps
        # the rows, so the outbox and the journal survive every migration.
        render_as_batch=True,
        compare_type=True,
        render_item=render_item,
        include_name=include_name,
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations()
