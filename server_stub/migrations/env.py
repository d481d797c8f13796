"""Alembic environment for the server database: replicated and server-only tables."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine
from sqlalchemy.types import TypeDecorator

import domain.models  # noqa: F401  (registers every replicated table)
from domain.models import Base
from server_stub.migrate import include_object
from server_stub.tables import ServerBase

target_metadata = [Base.metadata, ServerBase.metadata]


def render_item(kind, obj, autogen_context):
    # Render our column types by their storage type (BIGINT, TIMESTAMP), so a
    # revision never imports application code that may change later.
    if kind == "type" and isinstance(obj, TypeDecorator):
        impl = obj.impl_instance if hasattr(obj, "impl_instance") else obj.impl
        return f"sa.{impl!r}"
    return False


def run_with(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        render_item=render_item,
        compare_type=True,
        include_object=include_object,
    )
    with context.begin_transaction():
        context.run_migrations()


def run() -> None:
    connection = context.config.attributes.get("connection")
    if connection is not None:
        run_with(connection)
        return
    engine = create_engine(context.config.get_main_option("sqlalchemy.url"))
    try:
        with engine.begin() as connection:
            run_with(connection)
    finally:
        engine.dispose()


if context.is_offline_mode():
    raise SystemExit("offline (--sql) migrations are not supported; run against a database")
run()
