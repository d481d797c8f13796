"""Bootstrap mode: the replica's secondary indexes are dropped while a first sync loads it.

SQLite inserts into a table with ten indexes about three times slower than
into the bare table, while building an index over rows already there sorts
once. So a pull that starts from cursor 0 drops the non-unique indexes of the
replicated tables and creates them again when the last page is applied.

The missing indexes are the only record of the mode: a bootstrap killed or
cut halfway leaves them missing, and the next pull resumes in the same mode
with the same page size, so the pages it fetches are the ones a bootstrap in
one go would have fetched. Unique indexes stay, because INSERT OR REPLACE
relies on them and a unique index could fail to build over a half-loaded
replica. Until the bootstrap completes, local queries on the half-loaded
replica scan instead of seeking.
"""

from __future__ import annotations

import logging
import time

from sqlalchemy import Index, text
from sqlalchemy.engine import Connection

from domain.models.base import Base

log = logging.getLogger(__name__)


def secondary_indexes() -> list[Index]:
    """Return the non-unique indexes of every replicated table."""
    return [
        index
        for table in Base.metadata.sorted_tables
        for index in sorted(table.indexes, key=lambda index: index.name)
        if not index.unique
    ]


def _present(connection: Connection) -> set[str]:
    rows = connection.execute(text("SELECT name FROM sqlite_master WHERE type = 'index'"))
    return {name for (name,) in rows}


def missing_indexes(connection: Connection) -> list[Index]:
    """Return the secondary indexes the replica lacks: a bootstrap is under way when there are any."""
    present = _present(connection)
    return [index for index in secondary_indexes() if index.name not in present]


def drop_secondary_indexes(connection: Connection) -> int:
    """Drop the secondary indexes that exist; return how many were dropped."""
    present = _present(connection)
    quote = connection.dialect.identifier_preparer.quote
    dropped = 0
    for index in secondary_indexes():
        if index.name in present:
            connection.exec_driver_sql(f"DROP INDEX {quote(index.name)}")
            dropped += 1
    log.info("bootstrap mode: dropped %d secondary indexes", dropped)
    return dropped


def create_missing_indexes(connection: Connection) -> int:
    """Create the secondary indexes the replica lacks; return how many were created."""
    missing = missing_indexes(connection)
    if not missing:
        return 0
    started = time.perf_counter()
    for index in missing:
        index.create(connection)
    log.info("bootstrap done: created %d indexes in %.1f s", len(missing), time.perf_counter() - started)
    return len(missing)
