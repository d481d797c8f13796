"""Proof that a replica equals the server: per-table checksums over the wire encoding."""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import select
from sqlalchemy.orm import Session

from domain.models.base import Base
from sync import protocol
from sync.engine import undo_all_pending
from sync.replica import Replica
from sync.rows import row_digest, row_to_wire, table_checksum
from sync.transport import Transport

log = logging.getLogger(__name__)

# Rows listed per differing table in a verify result; the rest are counted ("and N more").
LISTED_IDS = 20

# Called with (tables digested, tables in all) after each table of the replica; it may raise to stop the check.
VerifyProgress = Callable[[int, int], None]


@dataclasses.dataclass
class TableDifference:
    table: str
    local_count: int
    server_count: int
    missing_locally: list[str] = dataclasses.field(default_factory=list)
    extra_locally: list[str] = dataclasses.field(default_factory=list)
    different: list[str] = dataclasses.field(default_factory=list)

    def ids(self) -> list[str]:
        return sorted(self.missing_locally + self.extra_locally + self.different)


@dataclasses.dataclass
class VerifyReport:
    local_cursor: int
    server_cursor: int
    tables_compared: int
    differences: list[TableDifference]

    @property
    def ok(self) -> bool:
        return not self.differences

    @property
    def behind(self) -> bool:
        """True when the server has changes this replica has not pulled yet, so differences may be those changes."""
        return self.server_cursor > self.local_cursor


def table_digests(session: Session, table) -> dict[str, str]:
    """Return {id: digest} of every row of a replicated table, as the server computes them."""
    return {
        row["id"]: row_digest(row_to_wire(table, row))
        for row in session.execute(select(table)).mappings()
    }


def local_digests(replica: Replica, progress: VerifyProgress | None = None) -> dict[str, dict[str, str]]:
    """Return {table: {id: digest}} of the replica as the server sent it.

    Queued commands' local effects are undone inside a transaction that is
    rolled back afterwards, so what is compared is the pulled server state.
    An exception raised by `progress` stops the work and rolls back.
    """
    tables = Base.metadata.sorted_tables
    session = replica.session()
    try:
        session.begin()
        undo_all_pending(session)
        digests = {}
        for done, table in enumerate(tables, start=1):
            digests[table.name] = table_digests(session, table)
            if progress is not None:
                progress(done, len(tables))
        return digests
    finally:
        session.rollback()
        session.close()


def compare(
    local: dict[str, dict[str, str]],
    server: protocol.ChecksumResponse,
    detail: dict[str, dict[str, str]] | None = None,
) -> list[TableDifference]:
    """Return the tables whose checksums differ; with `detail`, name the ids that differ."""
    differences = []
    for name in sorted(set(local) | set(server.tables)):
        digests = local.get(name, {})
        remote = server.tables.get(name)
        server_count = remote.count if remote is not None else 0
        if remote is None and not digests:
            continue
        if remote is not None and remote.count == len(digests) and remote.checksum == table_checksum(digests):
            continue
        difference = TableDifference(name, len(digests), server_count)
        server_rows = (detail or {}).get(name)
        if server_rows is not None:
            difference.missing_locally = sorted(set(server_rows) - set(digests))
            difference.extra_locally = sorted(set(digests) - set(server_rows))
            difference.different = sorted(
                row_id for row_id in set(digests) & set(server_rows) if digests[row_id] != server_rows[row_id]
            )
        differences.append(difference)
    return differences


def row_names(session: Session, table_name: str, row_ids: list[str]) -> dict[str, str]:
    """Return {id: "number" or "code name"} for the rows of `row_ids` that the replica has, read generically.

    A row is named by its `number` column (documents), else by `code` and
    `name` (master data), whichever the table has. Tables with none of these
    columns, and rows missing from the replica, are left out.
    """
    table = Base.metadata.tables.get(table_name)
    if table is None or not row_ids:
        return {}
    columns = [table.c[name] for name in ("number", "code", "name") if name in table.c]
    if "number" in table.c:
        columns = [table.c.number]
    if not columns:
        return {}
    names = {}
    for row in session.execute(select(table.c.id, *columns).where(table.c.id.in_(row_ids))):
        text = " ".join(str(value) for value in row[1:] if value not in (None, ""))
        if text:
            names[row[0]] = text
    return names


def verify(replica: Replica, transport: Transport, progress: VerifyProgress | None = None) -> VerifyReport:
    """Compare the replica with the server's checksums for this user's scope.

    The server computes its checksums while this process digests the
    replica, because each side takes about as long as the other. The
    transport is used by one thread at a time: the helper thread holds it
    until the request ends, and this function waits for that even when
    `progress` raises, so the caller may use the transport again at once.
    """
    state = replica.read_state()
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="verify-checksums") as pool:
        requested = pool.submit(transport.checksums, protocol.ChecksumRequest())
        try:
            local = local_digests(replica, progress)
        except BaseException:
            # Let the request end (its answer is dropped) before the transport is handed back.
            requested.exception()
            raise
        summary = requested.result()
    differences = compare(local, summary)
    if differences:
        detailed = transport.checksums(protocol.ChecksumRequest(detail_tables=[d.table for d in differences]))
        differences = compare(local, detailed, detailed.rows)
        summary = detailed
    if summary.cursor != (state.cursor or 0):
        log.info("server cursor %s differs from the replica's %s; sync before verifying", summary.cursor, state.cursor)
    return VerifyReport(state.cursor or 0, summary.cursor, len(set(local) | set(summary.tables)), differences)
