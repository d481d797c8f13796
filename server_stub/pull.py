"""Pull: the changes after a client's cursor, for the user's scope, in pages.

A page holds every change number in (cursor, page_end] and nothing else, so
one command's rows never straddle two pages, even when a single command wrote
more rows than the page limit. page_end is the change number at which about
`limit` rows in scope have been collected.

On PostgreSQL the read runs in one REPEATABLE READ snapshot. A change number
becomes visible only after every smaller one has committed (the counter row's
lock is held from the stamp to the commit), so the counter value read in the
snapshot is a safe upper bound: no change at or below it can appear later.
"""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy import Table, func, select
from sqlalchemy.orm import Session

from domain.commands.framework import Actor
from domain.models import Base, User
from domain.types import utcnow
from server_stub.changes import current_change_seq
from server_stub.db import Database, database_id
from server_stub.errors import ApiError
from server_stub.retention import cursor_expired
from server_stub.scope import build_actor, hidden_for, row_filter
from server_stub.tables import Tombstone
from sync.protocol import CURSOR_EXPIRED, PullRequest, PullResponse
from sync.protocol import Tombstone as WireTombstone
from sync.rows import row_to_wire

log = logging.getLogger(__name__)


def replicated_tables() -> list[Table]:
    return list(Base.metadata.sorted_tables)


def _scoped(query, table: Table, actor: Actor):
    clause = row_filter(table.name, actor)
    return query if clause is None else query.where(clause)


def choose_page_end(session: Session, actor: Actor, cursor: int, upper: int, limit: int) -> int:
    """Return the change number that ends the page: about `limit` rows, on a change boundary.

    Each table contributes the change numbers of its first `limit` rows in
    scope after the cursor (an index range scan on change_seq); the page ends
    at the `limit`-th smallest of them all. Every row at or below that number
    is then in the page, including the rest of a command that was cut off.
    """
    seqs: list[int] = []
    for table in replicated_tables():
        query = (
            select(table.c.change_seq)
            .where(table.c.change_seq > cursor, table.c.change_seq <= upper)
            .order_by(table.c.change_seq)
            .limit(limit)
        )
        seqs.extend(session.execute(_scoped(query, table, actor)).scalars())
    seqs.extend(
        session.execute(
            select(Tombstone.change_seq)
            .where(Tombstone.change_seq > cursor, Tombstone.change_seq <= upper)
            .order_by(Tombstone.change_seq)
            .limit(limit)
        ).scalars()
    )
    if len(seqs) < limit:
        return upper
    seqs.sort()
    return seqs[limit - 1]


def count_in_scope(session: Session, actor: Actor, upper: int) -> int:
    total = 0
    for table in replicated_tables():
        query = select(func.count()).select_from(table).where(table.c.change_seq.is_not(None), table.c.change_seq <= upper)
        total += int(session.execute(_scoped(query, table, actor)).scalar_one())
    return total


def read_page(session: Session, actor: Actor, cursor: int, page_end: int) -> tuple[dict[str, list[dict[str, Any]]], list[WireTombstone]]:
    changes: dict[str, list[dict[str, Any]]] = {}
    for table in replicated_tables():
        query = (
            select(table)
            .where(table.c.change_seq > cursor, table.c.change_seq <= page_end)
            .order_by(table.c.change_seq, table.c.id)
        )
        hidden = hidden_for(table, actor)
        rows = [row_to_wire(table, row, hidden) for row in session.execute(_scoped(query, table, actor)).mappings()]
        if rows:
            changes[table.name] = rows
    tombstones = [
        WireTombstone(table=row.table_name, id=row.row_id)
        for row in session.execute(
            select(Tombstone)
            .where(Tombstone.change_seq > cursor, Tombstone.change_seq <= page_end)
            .order_by(Tombstone.change_seq, Tombstone.id)
        ).scalars()
    ]
    return changes, tombstones


def pull(db: Database, user_id: str, request: PullRequest) -> PullResponse:
    """Return one page of changes after `request.cursor` for the user's scope."""
    with db.read() as session:
        user = session.get(User, user_id)
        actor = build_actor(session, user)
        server_seq = current_change_seq(session)
        db_id = database_id(session)
        cursor = request.cursor
        # A client of another database identity rebuilds from zero anyway.
        if request.database_id in (None, db_id):
            expired_below = cursor_expired(session, cursor)
            if expired_below is not None:
                log.info("pull by user %s: cursor %s is below the pruned-through mark %s", user_id, cursor, expired_below)
                raise ApiError(410, CURSOR_EXPIRED, cursor=cursor, pruned_through=expired_below)
        if cursor >= server_seq:
            # Nothing new; a cursor above server_seq tells the client the
            # server was restored from a backup, and it decides what to do.
            changes, tombstones, page_end = {}, [], cursor
        else:
            page_end = choose_page_end(session, actor, cursor, server_seq, request.limit)
            changes, tombstones = read_page(session, actor, cursor, page_end)
        total = count_in_scope(session, actor, server_seq) if cursor == 0 else None
    rows = sum(len(items) for items in changes.values())
    log.debug("pull by user %s: (%s, %s] of %s, %s rows", user_id, cursor, page_end, server_seq, rows)
    return PullResponse(
        database_id=db_id,
        scope_version=user.scope_version or 1,
        next_cursor=page_end,
        server_seq=server_seq,
        has_more=page_end < server_seq,
        changes=changes,
        tombstones=tombstones,
        total_estimate=total,
        server_time=utcnow().isoformat(),
    )
