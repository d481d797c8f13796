"""The base of the lazy list models over sync.search: a page of search results at a time, with the match count.

Each page is one search call with the offset of the rows already loaded, so
the model holds only the rows the user scrolled to. Each page also reports
the total count of matches, which the search API caps (shown as "1000+").
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Callable, Collection
from typing import Any, TypeVar

from PySide6.QtCore import Signal
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from desktop.context import AppContext
from desktop.models.paged_model import PagedTableModel
from desktop.tasks import Changes
from sync.search import RELEVANCE, SearchResult
from sync.search_index import needs_refresh, refresh_is_large

log = logging.getLogger(__name__)

T = TypeVar("T")


def run_search(context: AppContext, session: Session, search: Callable[[Session], T]) -> T:
    """Run `search` in the read-only `session`, or in a write transaction when the index needs a refresh.

    sync.search refreshes the search index at the start of every query, which
    writes when rows changed since the last refresh. A read on the read-only
    engine does not wait for a sync page (WAL mode), so it is used whenever no
    changed rows are recorded for the index, or so many (a rebuild marker
    after a bootstrap) that the search reads the tables without the index
    until the background build ends. Otherwise the search runs in a write
    transaction.
    """
    if not needs_refresh(session) or refresh_is_large(session):
        try:
            return search(session)
        except (OperationalError, sqlite3.OperationalError) as error:
            # A pull or a command recorded changed rows after the check. The
            # search writes through the sqlite3 connection, so its error is
            # the driver's, not SQLAlchemy's.
            log.info("search retried in a write transaction: %s", getattr(error, "orig", error))
            session.rollback()
    with context.replica.transaction() as write_session:
        return search(write_session)


def split_sort(sort: str) -> tuple[str | None, bool]:
    """Return the sort key of `sort` and whether it is descending; the key is None for best match first."""
    if sort == RELEVANCE:
        return None, False
    descending = sort.startswith("-")
    return (sort[1:] if descending else sort), descending


def is_valid_sort(sort: object, keys: Collection[str]) -> bool:
    """Return whether `sort` is "relevance" or one of `keys` with an optional "-" prefix."""
    if not isinstance(sort, str):
        return False
    key, _ = split_sort(sort)
    return key is None or key in keys


class SearchListModel(PagedTableModel):
    """Rows of one search query (the model's filter), loaded a page at a time by `search_page`.

    Subclasses define `columns`, `tables` and `search_page`; `total` and
    `total_capped` hold the match count of the current query.
    """

    # Emitted when the total count of matches of the current query is known.
    count_changed = Signal()

    def __init__(self, context: AppContext, parent=None) -> None:
        super().__init__(context, parent)
        self.total = 0
        self.total_capped = False
        # The count of the last loaded page, written by the worker and read in
        # the GUI thread: (query, total, capped).
        self._count_lock = threading.Lock()
        self._last_count: tuple[Any, int, bool] | None = None
        self.loaded.connect(self._publish_count)

    @property
    def query(self) -> Any:
        return self.filter

    def column_number(self, key: str) -> int:
        return [column.key for column in self.columns].index(key)

    def search_page(self, session: Session, query: Any, offset: int, limit: int) -> SearchResult:
        """Return one page of results of `query` from `offset`, with display values added. Runs in a worker thread."""
        raise NotImplementedError

    def load_page(self, session: Session, query: Any, after: dict[str, Any] | None, limit: int) -> list[dict[str, Any]]:
        # Rows carry their position in the results, so the next page starts after the last one loaded.
        offset = 0 if after is None else after["position"] + 1
        result = run_search(self.context, session, lambda search_session: self.search_page(search_session, query, offset, limit))
        with self._count_lock:
            self._last_count = (query, result.total, result.total_capped)
        for number, row in enumerate(result.rows):
            row["position"] = offset + number
        return result.rows

    def count_all(self, session: Session, query: Any) -> int | None:
        """Return the exact number of rows of `query`, or None when only the capped count is cheap.

        Runs in a worker thread, after the first page is shown, when that
        page's count reached the cap.
        """
        return None

    def load_ids(self, session: Session, ids: set[str]) -> dict[str, dict[str, Any]]:
        # Not called, because changed_row_ids always returns None (a reload).
        return {}

    def changed_row_ids(self, session: Session, changes: Changes) -> set[str] | None:
        # A change can move a record into or out of the search, or to another
        # position, so the loaded rows are searched again in one query.
        return None

    def _publish_count(self) -> None:
        with self._count_lock:
            last = self._last_count
        if self.exhausted and self.rowCount() == 0:
            self.total, self.total_capped = 0, False
        elif last is not None and last[0] is self.filter:
            self.total, self.total_capped = last[1], last[2]
        else:
            return
        self.count_changed.emit()
        if self.total_capped:
            self._start_exact_count(self.filter)

    def _start_exact_count(self, query: Any) -> None:
        """Replace the capped count ("1000+") by the exact one when the subclass can count `query` cheaply."""

        def work(_control) -> int | None:
            with self.context.read_session() as session:
                return self.count_all(session, query)

        def counted(count: int | None) -> None:
            # The user may have typed or filtered meanwhile; that query has its own count.
            if count is None or query is not self.filter:
                return
            self.total, self.total_capped = count, False
            self.count_changed.emit()

        self.context.tasks.run(work, on_result=counted, label="exact count")
