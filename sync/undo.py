"""Before-images of rows written by pending commands, and undoing them.

Before-images hold the raw SQLite values (integers of fen, datetime text),
read and written with plain SQL so no column type converts them on the way.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from domain.models.base import Base
from sync.local_tables import UndoRecord

log = logging.getLogger(__name__)

# Mutation ids per IN list, under SQLite's 999 bound parameters of old builds.
IN_LIST_CHUNK = 500


def _replicated_table(name: str):
    try:
        return Base.metadata.tables[name]
    except KeyError:
        raise ValueError(f"{name!r} is not a replicated table") from None


def _quote(session: Session, name: str) -> str:
    return session.get_bind().dialect.identifier_preparer.quote(name)


def read_raw_row(session: Session, table_name: str, row_id: str) -> dict[str, Any] | None:
    """Return the stored values of one row as SQLite stores them, or None if it does not exist."""
    _replicated_table(table_name)
    result = session.connection().exec_driver_sql(
        f"SELECT * FROM {_quote(session, table_name)} WHERE id = ?", (row_id,)
    )
    row = result.mappings().first()
    return dict(row) if row is not None else None


def restore_raw_row(session: Session, table_name: str, row_id: str, before: dict[str, Any] | None) -> None:
    """Put a row back to `before`, or delete it when `before` is None (the command inserted it)."""
    table = _replicated_table(table_name)
    quoted_table = _quote(session, table_name)
    connection = session.connection()
    if before is None:
        connection.exec_driver_sql(f"DELETE FROM {quoted_table} WHERE id = ?", (row_id,))
        return
    # Only columns the table still has: a migration may have dropped one.
    names = [c.name for c in table.columns if c.name in before]
    values = tuple(before[n] for n in names)
    exists = connection.exec_driver_sql(
        f"SELECT 1 FROM {quoted_table} WHERE id = ?", (row_id,)
    ).first()
    if exists:
        assignments = ", ".join(f"{_quote(session, n)} = ?" for n in names)
        connection.exec_driver_sql(
            f"UPDATE {quoted_table} SET {assignments} WHERE id = ?", values + (row_id,)
        )
    else:
        columns = ", ".join(_quote(session, n) for n in names)
        marks = ", ".join("?" for _ in names)
        connection.exec_driver_sql(f"INSERT INTO {quoted_table} ({columns}) VALUES ({marks})", values)


def save_before_images(
    session: Session, mutation_id: str, images: Iterable[tuple[str, str, dict[str, Any] | None]]
) -> int:
    """Store (table, row id, before-image) records of one mutation in write order; return how many."""
    count = 0
    for ordinal, (table_name, row_id, before) in enumerate(images, start=1):
        session.add(
            UndoRecord(mutation_id=mutation_id, ordinal=ordinal, table_name=table_name, row_id=row_id, before=before)
        )
        count += 1
    session.flush()
    return count


def undo_mutation(session: Session, mutation_id: str) -> int:
    """Restore every row the mutation wrote to its before-image and drop its undo records."""
    records = list(
        session.scalars(
            select(UndoRecord).where(UndoRecord.mutation_id == mutation_id).order_by(UndoRecord.ordinal.desc())
        )
    )
    for record in records:
        restore_raw_row(session, record.table_name, record.row_id, record.before)
    drop_undo_records(session, mutation_id)
    return len(records)


def undo_mutations(session: Session, mutation_ids: Sequence[str]) -> int:
    """Undo several mutations in the given order, as undo_mutation does for each; return the rows restored.

    The mutations' records are read and dropped with one statement per
    IN_LIST_CHUNK mutations instead of two per mutation.
    """
    records: dict[str, list] = {}
    unique_ids = list(dict.fromkeys(mutation_ids))
    for start in range(0, len(unique_ids), IN_LIST_CHUNK):
        chunk = unique_ids[start:start + IN_LIST_CHUNK]
        rows = session.execute(
            select(UndoRecord.mutation_id, UndoRecord.table_name, UndoRecord.row_id, UndoRecord.before)
            .where(UndoRecord.mutation_id.in_(chunk))
            .order_by(UndoRecord.mutation_id, UndoRecord.ordinal.desc())
        )
        for row in rows:
            records.setdefault(row.mutation_id, []).append(row)
    restored = 0
    for mutation_id in unique_ids:
        for record in records.get(mutation_id, ()):
            restore_raw_row(session, record.table_name, record.row_id, record.before)
            restored += 1
    for start in range(0, len(unique_ids), IN_LIST_CHUNK):
        chunk = unique_ids[start:start + IN_LIST_CHUNK]
        session.execute(
            delete(UndoRecord).where(UndoRecord.mutation_id.in_(chunk)).execution_options(synchronize_session=False)
        )
    return restored


def drop_undo_records(session: Session, mutation_id: str) -> None:
    # No session synchronisation: undo records are never loaded as objects, and
    # the default "evaluate" scans every object in the session on each call.
    session.execute(
        delete(UndoRecord).where(UndoRecord.mutation_id == mutation_id).execution_options(synchronize_session=False)
    )


def mutations_with_undo_records(session: Session) -> set[str]:
    return set(session.scalars(select(UndoRecord.mutation_id).distinct()))
