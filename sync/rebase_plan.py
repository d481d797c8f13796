"""Choosing which outbox entries a pulled page must be rebased around.

Undoing and running again every queued command on each page costs one
handler run per command per page, which dominates a pull after a long
offline period. An acknowledged command whose rows the page does not touch
can keep its local effects in place instead: the server has already decided
it, and the page that carries its change number replaces its rows with the
server's. This module selects the entries that still need the full rebase.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from sync import protocol
from sync.local_tables import OutboxEntry, OutboxStatus, UndoRecord

RowKey = tuple[str, str]

_RERUN_STATUSES = (OutboxStatus.PENDING.value, OutboxStatus.ACKNOWLEDGED.value)


@dataclasses.dataclass
class RebasePlan:
    """The entries to undo before a page (and run again after it), and those left applied."""

    rebased: list[OutboxEntry]
    # Mutation ids whose effects and undo records stay in place across the page.
    kept: set[str]


def rows_by_mutation(session: Session) -> dict[str, set[RowKey]]:
    """Return the (table, row id) pairs that each mutation with undo records wrote."""
    written: dict[str, set[RowKey]] = {}
    query = select(UndoRecord.mutation_id, UndoRecord.table_name, UndoRecord.row_id)
    for mutation_id, table_name, row_id in session.execute(query):
        written.setdefault(mutation_id, set()).add((table_name, row_id))
    return written


def page_rows(page: protocol.PullResponse) -> set[RowKey]:
    """Return the (table, row id) pairs a page writes or deletes."""
    touched = set(page.row_ids())
    touched.update((tombstone.table, tombstone.id) for tombstone in page.tombstones)
    return touched


def plan_rebase(
    session: Session, entries: Iterable[OutboxEntry], touched: set[RowKey], cursor: int
) -> RebasePlan:
    """Split the outbox (in device-sequence order) around a page that writes the rows `touched`.

    `cursor` is the cursor after the page. Walking from the oldest entry, an
    entry is rebased when any of these holds:

    - it is acknowledged and the cursor reaches its change number (it leaves
      the outbox, so its local effects are undone and the page's rows stay);
    - it is rejected or held but still has undo records (undone for good);
    - it is pending;
    - it is acknowledged, not yet pulled, and the page or an entry rebased
      before it wrote one of its rows;
    - it is acknowledged, not yet pulled, and has no undo records, because it
      failed locally and is tried again.

    From the first entry that runs again, every later entry is rebased too,
    because a command that runs on changed data may write other rows than
    before. So only acknowledged commands that precede every re-run keep their
    effects in place. Undo records without an outbox entry make every entry
    rebased, so that rebase_out drops them.

    NOTE: a kept command is not run again when the page changes a row it
    only read (a price, a credit limit). Its local rows stay as computed
    until the page with its change number replaces them with the server's.
    """
    entries = list(entries)
    written = rows_by_mutation(session)
    known = {entry.mutation_id for entry in entries}
    if any(mutation_id not in known for mutation_id in written):
        return RebasePlan(rebased=entries, kept=set())

    touched = set(touched)
    rebased: list[OutboxEntry] = []
    kept: set[str] = set()
    rebase_rest = False
    for entry in entries:
        rows = written.get(entry.mutation_id)
        finished = entry.status == OutboxStatus.ACKNOWLEDGED.value and (entry.change_seq or 0) <= cursor
        reruns = entry.status in _RERUN_STATUSES and not finished
        if reruns:
            if (
                rebase_rest
                or entry.status == OutboxStatus.PENDING.value
                or rows is None
                or not rows.isdisjoint(touched)
            ):
                rebase_rest = True
                rebased.append(entry)
            else:
                kept.add(entry.mutation_id)
        elif finished or rows is not None:
            rebased.append(entry)
            touched.update(rows or ())
        # A rejected or held entry without undo records has nothing to undo or run.
    return RebasePlan(rebased=rebased, kept=kept)
