"""Alembic for the server database: upgrade, check, and autogenerate a revision.

No alembic.ini is needed: the configuration is built here, so the command
works from an installed package as well as from a checkout.

To regenerate the initial revision after the schema changed (before the
first release, while no database needs upgrading), delete the files in
server_stub/migrations/versions/ and run:

    python -m server_stub.cli make-migration "initial schema"

After a release, run the same command without deleting anything to add a
revision on top.
"""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).with_name("migrations")

# Indexes that a revision creates on PostgreSQL only and the models do not
# declare, because SQLite has no "C" collation. Comparisons with the models
# skip them (see include_object), so autogenerate does not drop them.
POSTGRESQL_ONLY_INDEXES = frozenset({"ix_customer_name_c", "ix_supplier_name_c"})


def include_object(obj, name, type_, reflected, compare_to) -> bool:
    """Alembic include_object hook: leave out POSTGRESQL_ONLY_INDEXES found in the database."""
    return not (type_ == "index" and reflected and name in POSTGRESQL_ONLY_INDEXES)


def alembic_config(url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    # ConfigParser treats "%" as interpolation; URLs may hold %-escapes.
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade(engine: Engine) -> None:
    """Upgrade the database to the latest revision."""
    config = alembic_config(engine.url.render_as_string(hide_password=False))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    log.info("database %s is at revision %s", engine.url.render_as_string(hide_password=True), head_revision())


def head_revision() -> str | None:
    script = ScriptDirectory.from_config(alembic_config("sqlite://"))
    return script.get_current_head()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def is_current(engine: Engine) -> bool:
    return current_revision(engine) == head_revision()


def make_revision(message: str) -> None:
    """Autogenerate a revision from the models against a scratch SQLite database at head."""
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'scratch.sqlite3'}"
        engine = create_engine(url)
        try:
            upgrade(engine)
            config = alembic_config(url)
            with engine.begin() as connection:
                config.attributes["connection"] = connection
                command.revision(config, message=message, autogenerate=True)
        finally:
            engine.dispose()
