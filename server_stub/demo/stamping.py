"""Direct inserts of master data, stamped with change numbers in batches.

Master data is not posted, so the demo writes it through the ORM. Each batch
of rows gets one change number, so a client's first pull receives it in
pages of a few hundred rows rather than as one huge change.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from sqlalchemy.orm import Session

from domain.commands.framework import ChangeTracker
from domain.models import Base
from server_stub.changes import finish_command

MASTER_BATCH_ROWS = 300


class BatchStamper:
    """Add rows to a session and stamp every `batch_rows` rows with one change number.

    Rows are flushed table by table in foreign-key order, because the models
    declare no relationships for the unit of work to order inserts by, and
    PostgreSQL checks each foreign key at insert time.
    """

    def __init__(self, session: Session, now: dt.datetime, batch_rows: int = MASTER_BATCH_ROWS) -> None:
        self.session = session
        self.now = now
        self.batch_rows = batch_rows
        self._pending: list[object] = []

    def add(self, row: object) -> None:
        self._pending.append(row)
        if len(self._pending) >= self.batch_rows:
            self.finish_batch()

    def finish_batch(self) -> None:
        """Insert the open batch, if any, and stamp it with its own change number."""
        if not self._pending:
            return
        order = {table.name: position for position, table in enumerate(Base.metadata.sorted_tables)}
        by_table: dict[str, list[object]] = defaultdict(list)
        for row in self._pending:
            by_table[row.__table__.name].append(row)
        tracker = ChangeTracker(self.session)
        try:
            for name in sorted(by_table, key=order.__getitem__):
                # Rows of one table keep the order they were added in, so a
                # parent category or department is inserted before its children.
                self.session.add_all(by_table[name])
                self.session.flush()
            finish_command(self.session, tracker, self.now)
        finally:
            tracker.close()
            self._pending = []
