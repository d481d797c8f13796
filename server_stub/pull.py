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

import dataclasses
import logging
from typing import Any

from sqlalchemy import Table, bindparam, func, literal, select, union_all
from sqlalchemy.orm import Session

from domain.commands.framework import Actor
from domain.models import Base, User
from domain.types import utcnow
from server_stub.changes import current_change_seq
from server_stub.db import Database, database_id
from server_stub.errors import ApiError
from server_stub.page_reader import table_reader
from server_stub.retention import cursor_expired
from server_stub.scope import build_actor, hidden_for, row_filter
from server_stub.tables import Tombstone
from sync.protocol import CURSOR_EXPIRED, PullRequest, PullResponse, TableRows
from sync.protocol import Tombstone as WireTombstone

log = logging.getLogger(__name__)


def replicated_tables() -> list[Table]:
    return _REPLICATED_TABLES


# Parents before children; a table's position in this list names it in _page_plan.
_REPLICATED_TABLES = list(Base.metadata.sorted_tables)


def _scoped(query, table: Table, actor: Actor):
    clause = row_filter(table.name, actor)
    return query if clause is None else query.where(clause)


def _plan_rows(session: Session, actor: Actor, cursor: int, upper: int, limit: int) -> list[tuple[int, int, int | None]]:
    """Return (table position, first change number after the cursor, page end or None) per table with rows in scope.

    One statement, so a page costs one round trip here however many tables
    are empty, and only one row per table comes back. Position -1 is the
    tombstones. The page end is None when the tables contain fewer than
    `limit` rows in (cursor, upper].
    """
    key = dataclasses.astuple(actor)
    statement = _STATEMENTS.get(key)
    if statement is None:
        if len(_STATEMENTS) >= STATEMENT_CACHE_SIZE:
            _STATEMENTS.clear()
        statement = _STATEMENTS[key] = _plan_statement(actor)
    parameters = {"cursor": cursor, "upper": upper, "limit": limit, "last": limit - 1}
    return [tuple(row) for row in session.execute(statement, parameters).all()]


# Built statements by actor: a few hundred users each have their own scope.
STATEMENT_CACHE_SIZE = 512
_STATEMENTS: dict[tuple, Any] = {}


def _plan_statement(actor: Actor):
    """Build the page plan of one scope once: its 85 parts take longer to build than to run.

    A UNION ALL of an index range scan per table gives the change numbers of
    each table's first `limit` rows in scope after the cursor. The database
    groups them by table and picks the `limit`-th smallest, so the numbers
    themselves never leave it.
    """
    cursor, upper, limit = bindparam("cursor"), bindparam("upper"), bindparam("limit")
    parts = []
    for position, table in enumerate(replicated_tables()):
        query = (
            select(literal(position).label("position"), table.c.change_seq.label("seq"))
            .where(table.c.change_seq > cursor, table.c.change_seq <= upper)
            .order_by(table.c.change_seq)
            .limit(limit)
        )
        parts.append(select(_scoped(query, table, actor).subquery()))
    tombstones = (
        select(literal(-1).label("position"), Tombstone.change_seq.label("seq"))
        .where(Tombstone.change_seq > cursor, Tombstone.change_seq <= upper)
        .order_by(Tombstone.change_seq)
        .limit(limit)
    )
    parts.append(select(tombstones.subquery()))
    found = union_all(*parts).cte("found")
    page_end = select(found.c.seq).order_by(found.c.seq).limit(1).offset(bindparam("last")).scalar_subquery()
    return select(found.c.position, func.min(found.c.seq), page_end).group_by(found.c.position)


def choose_page_end(session: Session, actor: Actor, cursor: int, upper: int, limit: int) -> int:
    """Return the change number that ends the page: about `limit` rows, on a change boundary."""
    return _page_plan(session, actor, cursor, upper, limit)[0]


def _page_plan(session: Session, actor: Actor, cursor: int, upper: int, limit: int) -> tuple[int, set[int]]:
    """Return the page end and the positions of the tables with rows in the page (-1: tombstones).

    Each table contributes the change numbers of its first `limit` rows in
    scope after the cursor; the page ends at the `limit`-th smallest of them
    all, or at `upper` when there are fewer. Every row at or below that
    number is then in the page, including the rest of a command that was cut
    off. A table has rows in the page when its first row after the cursor is
    at or below the page end.
    """
    found = _plan_rows(session, actor, cursor, upper, limit)
    ends = {end for _position, _first, end in found if end is not None}
    page_end = ends.pop() if ends else upper
    return page_end, {position for position, first, _end in found if first <= page_end}


def count_in_scope(session: Session, actor: Actor, upper: int) -> int:
    total = 0
    for table in replicated_tables():
        query = select(func.count()).select_from(table).where(table.c.change_seq.is_not(None), table.c.change_seq <= upper)
        total += int(session.execute(_scoped(query, table, actor)).scalar_one())
    return total


def read_page(
    session: Session, actor: Actor, cursor: int, page_end: int, positions: set[int] | None = None,
    *, columnar: bool = False,
) -> tuple[dict[str, Any], list[WireTombstone]]:
    """Read the rows and tombstones in (cursor, page_end]; `positions` limits the tables read (see _page_plan).

    The rows come as table name -> list of wire dicts, or with `columnar` as
    table name -> TableRows.
    """
    dialect = session.get_bind().dialect
    changes: dict[str, Any] = {}
    for position, table in enumerate(replicated_tables()):
        if positions is not None and position not in positions:
            continue
        reader = table_reader(table, dialect)
        query = (
            reader.select()
            .where(table.c.change_seq > cursor, table.c.change_seq <= page_end)
            .order_by(table.c.change_seq, table.c.id)
        )
        result = session.execute(_scoped(query, table, actor)).all()
        if not result:
            continue
        hidden = hidden_for(table, actor)
        if columnar:
            changes[table.name] = TableRows.model_construct(columns=reader.names, rows=reader.wire_lists(result, hidden))
        else:
            changes[table.name] = reader.wire_rows(result, hidden)
    tombstones = []
    if positions is None or -1 in positions:
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
            page_end, positions = _page_plan(session, actor, cursor, server_seq, request.limit)
            changes, tombstones = read_page(session, actor, cursor, page_end, positions, columnar=request.columnar)
        total = count_in_scope(session, actor, server_seq) if cursor == 0 else None
    rows = sum(len(items.rows if request.columnar else items) for items in changes.values())
    log.debug("pull by user %s: (%s, %s] of %s, %s rows", user_id, cursor, page_end, server_seq, rows)
    return PullResponse(
        database_id=db_id,
        scope_version=user.scope_version or 1,
        next_cursor=page_end,
        server_seq=server_seq,
        has_more=page_end < server_seq,
        changes={} if request.columnar else changes,
        tables=changes if request.columnar else {},
        tombstones=tombstones,
        total_estimate=total,
        server_time=utcnow().isoformat(),
    )
