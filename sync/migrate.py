"""Alembic migrations of the replica, run when a replica is opened.

Regenerate or add a revision after changing a replicated or client-only table:

    .venv/bin/python -m sync.migrate revision -m "add customer.fax"

The command upgrades an empty temporary SQLite file to the current head and
autogenerates the difference against domain.models and sync.local_tables.
Every new revision also needs a replica fixture made by the previous schema
(see tests/sync/make_replica_fixture.py) and a test that migrates it.
"""

from __future__ import annotations

import argparse
import logging
import pathlib
import tempfile

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError as AlembicCommandError
from sqlalchemy import create_engine
from sqlalchemy.engine import Connection, Engine

from sync.errors import ReplicaTooNew

log = logging.getLogger(__name__)

MIGRATIONS_DIR = pathlib.Path(__file__).resolve().parent / "migrations"


def include_name(name: str | None, type_: str, parent_names) -> bool:
    """Tell autogenerate to skip the search index's FTS5 tables, which no model describes.

    They are a virtual table per kind plus the shadow tables SQLite keeps for
    each, all named search_fts_* and created by raw SQL (see sync.search_index).
    """
    return not (type_ == "table" and name is not None and name.startswith("search_fts_"))


def alembic_config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


def _known_revision(revision: str) -> bool:
    try:
        return ScriptDirectory.from_config(alembic_config()).get_revision(revision) is not None
    except AlembicCommandError:
        return False


def upgrade(engine: Engine) -> None:
    """Upgrade the replica behind `engine` to the head revision, if it is behind."""
    with engine.connect() as connection:
        before = current_revision(connection)
    head = head_revision()
    if before == head:
        return
    if before is not None and not _known_revision(before):
        raise ReplicaTooNew(
            f"the replica {engine.url.database} has schema revision {before}, which this Kaidan does not know: "
            "it was written by a newer version; update Kaidan or use another data folder"
        )
    log.info("migrating replica %s from %s to %s", engine.url.database, before, head)
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), "head")


def make_revision(message: str) -> None:
    """Autogenerate a revision against an empty replica upgraded to the current head."""
    with tempfile.TemporaryDirectory() as folder:
        engine = create_engine(f"sqlite:///{folder}/empty.sqlite3")
        if head_revision() is not None:
            with engine.begin() as connection:
                command.upgrade(alembic_config(connection), "head")
        with engine.begin() as connection:
            command.revision(alembic_config(connection), message=message, autogenerate=True)
        engine.dispose()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sync.migrate", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="action", required=True)
    revision = sub.add_parser("revision", help="autogenerate a new replica revision")
    revision.add_argument("-m", "--message", required=True, help="revision message")
    sub.add_parser("heads", help="print the head revision")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO)
    if args.action == "revision":
        make_revision(args.message)
    else:
        print(head_revision())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
