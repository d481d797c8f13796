"""Per-table checksums of a user's scope, for `kaidan verify` to compare with its replica."""

from __future__ import annotations

import logging

from sqlalchemy import select

from domain.models import User
from server_stub.changes import current_change_seq
from server_stub.db import Database
from server_stub.errors import ApiError
from server_stub.pull import replicated_tables
from server_stub.scope import build_actor, hidden_for, row_filter
from sync.protocol import ChecksumRequest, ChecksumResponse, TableChecksum
from sync.rows import row_digest, row_to_wire, table_checksum

log = logging.getLogger(__name__)

STREAM_BATCH_ROWS = 2000


def checksums(db: Database, user_id: str, request: ChecksumRequest) -> ChecksumResponse:
    """Return the checksum of every replicated table as the user's replica should hold it.

    Rows are digested in wire form with the columns hidden from the user's
    role set to NULL, exactly as pull sends them.
    """
    tables = replicated_tables()
    known = {table.name for table in tables}
    unknown = sorted(set(request.detail_tables) - known)
    if unknown:
        raise ApiError(422, "unknown_table", tables=unknown)
    detail = set(request.detail_tables)
    result_tables: dict[str, TableChecksum] = {}
    result_rows: dict[str, dict[str, str]] = {}
    with db.read() as session:
        user = session.get(User, user_id)
        actor = build_actor(session, user)
        cursor = current_change_seq(session)
        for table in tables:
            query = select(table).where(table.c.change_seq.is_not(None), table.c.change_seq <= cursor)
            clause = row_filter(table.name, actor)
            if clause is not None:
                query = query.where(clause)
            hidden = hidden_for(table, actor)
            digests: dict[str, str] = {}
            rows = session.execute(query.execution_options(yield_per=STREAM_BATCH_ROWS)).mappings()
            for row in rows:
                digests[row["id"]] = row_digest(row_to_wire(table, row, hidden))
            result_tables[table.name] = TableChecksum(count=len(digests), checksum=table_checksum(digests))
            if table.name in detail:
                result_rows[table.name] = digests
    return ChecksumResponse(cursor=cursor, tables=result_tables, rows=result_rows)
