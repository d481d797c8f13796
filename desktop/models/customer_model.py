"""The customer list's lazy model over sync.search: a page of search results at a time.

The model's filter is a CustomerQuery (text, filters, sort). Each page is one
call of search_customers with the offset of the rows already loaded, so the
model holds only the rows the user scrolled to. Each page also reports the
total count of matches, which the search API caps (shown as "1000+").
"""

from __future__ import annotations

import dataclasses
import logging
import sqlite3
import threading
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QT_TRANSLATE_NOOP, Signal
from sqlalchemy import select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from desktop.context import AppContext
from desktop.models.paged_model import Column, PagedTableModel
from desktop.tasks import Changes
from domain.models import CustomerCategory, SalesRegion, User, Warehouse
from sync.search import CUSTOMER_SORT_KEYS, RELEVANCE, CustomerFilters, search_customers
from sync.search_index import needs_refresh

log = logging.getLogger(__name__)

CONTEXT = "CustomerModel"
T = TypeVar("T")

# Sort keys of the search API, by the column whose header selects them.
# Every column of CustomerModel has one; a "-" prefix sorts descending.
SORT_OF_COLUMN = {
    "code": "code",
    "name": "name",
    "mnemonic": "mnemonic",
    "phone": "phone",
    "category": "category",
    "sales_region": "sales_region",
    "owner": "owner",
    "warehouse": "warehouse",
    "last_follow_up_date": "last_follow_up_date",
}


def split_sort(sort: str) -> tuple[str | None, bool]:
    """Return the sort key of `sort` and whether it is descending; the key is None for best match first."""
    if sort == RELEVANCE:
        return None, False
    descending = sort.startswith("-")
    return (sort[1:] if descending else sort), descending


def is_valid_sort(sort: object) -> bool:
    """Return whether `sort` is "relevance" or a customer sort key with an optional "-" prefix.

    Stored values from before descending sorts ("relevance", "code", "name") stay valid.
    """
    if not isinstance(sort, str):
        return False
    key, _ = split_sort(sort)
    return key is None or key in CUSTOMER_SORT_KEYS


def like_pattern(text: str, *, prefix_only: bool = False) -> str:
    """Return a LIKE pattern matching `text` literally (escape character "\\")."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"{escaped}%" if prefix_only else f"%{escaped}%"


@dataclasses.dataclass(frozen=True)
class CustomerQuery:
    """Search text, filters and sort of the customer list, as the search API takes them."""

    text: str = ""
    filters: CustomerFilters = CustomerFilters()
    sort: str = RELEVANCE


def run_search(context: AppContext, session: Session, search: Callable[[Session], T]) -> T:
    """Run `search` in the read-only `session`, or in a write transaction when the index needs a refresh.

    sync.search refreshes the search index at the start of every query, which
    writes when rows changed since the last refresh. A read on the read-only
    engine does not wait for a sync page (WAL mode), so it is used whenever no
    changed rows or rebuild markers (a bootstrap) are recorded for the index.
    Otherwise the search runs in a write transaction.
    """
    if not needs_refresh(session):
        try:
            return search(session)
        except (OperationalError, sqlite3.OperationalError) as error:
            # A pull or a command recorded changed rows after the check. The
            # search writes through the sqlite3 connection, so its error is
            # the driver's, not SQLAlchemy's.
            log.info("customer search retried in a write transaction: %s", getattr(error, "orig", error))
            session.rollback()
    with context.replica.transaction() as write_session:
        return search(write_session)


def _names(session: Session, model, label, ids: set[str]) -> dict[str, str]:
    if not ids:
        return {}
    return {row_id: name for row_id, name in session.execute(select(model.id, label).where(model.id.in_(ids)))}


def _add_display_names(session: Session, rows: list[dict[str, Any]]) -> None:
    """Add the names of each row's category, sales region, owner and default warehouse."""
    lookups = (
        ("category_id", "category", CustomerCategory, CustomerCategory.name),
        ("sales_region_id", "sales_region", SalesRegion, SalesRegion.name),
        ("owner_id", "owner", User, User.display_name),
        ("default_warehouse_id", "warehouse", Warehouse, Warehouse.name),
    )
    for id_key, name_key, model, label in lookups:
        names = _names(session, model, label, {row[id_key] for row in rows if row[id_key]})
        for row in rows:
            row[name_key] = names.get(row[id_key], "")


class CustomerModel(PagedTableModel):
    """Customers matching a CustomerQuery, loaded a page at a time by search_customers."""

    columns = (
        Column("code", CONTEXT, QT_TRANSLATE_NOOP("CustomerModel", "Code"), width=100),
        Column("name", CONTEXT, QT_TRANSLATE_NOOP("CustomerModel", "Name"), width=220),
        Column("mnemonic", CONTEXT, QT_TRANSLATE_NOOP("CustomerModel", "Mnemonic code"), width=90),
        Column("phone", CONTEXT, QT_TRANSLATE_NOOP("CustomerModel", "Phone"), width=120),
        Column("category", CONTEXT, QT_TRANSLATE_NOOP("CustomerModel", "Category"), width=100),
        Column("sales_region", CONTEXT, QT_TRANSLATE_NOOP("CustomerModel", "Sales region"), width=100),
        Column("owner", CONTEXT, QT_TRANSLATE_NOOP("CustomerModel", "Owner"), width=90),
        Column("warehouse", CONTEXT, QT_TRANSLATE_NOOP("CustomerModel", "Warehouse"), width=90),
        Column("last_follow_up_date", CONTEXT, QT_TRANSLATE_NOOP("CustomerModel", "Last follow-up"), width=100),
    )
    # The overdue filter depends on deliveries and allocations, and the other
    # tables provide the names shown in the columns.
    tables = frozenset({
        "customer", "customer_category", "sales_region", "app_user", "warehouse", "delivery_note",
        "payment_allocation",
    })

    # Emitted when the total count of matches of the current query is known.
    count_changed = Signal()

    def __init__(self, context: AppContext, parent=None) -> None:
        super().__init__(context, parent)
        self.filter = CustomerQuery()
        self.total = 0
        self.total_capped = False
        # The count of the last loaded page, written by the worker and read in
        # the GUI thread: (query, total, capped).
        self._count_lock = threading.Lock()
        self._last_count: tuple[CustomerQuery, int, bool] | None = None
        self.loaded.connect(self._publish_count)

    @property
    def query(self) -> CustomerQuery:
        return self.filter

    def column_number(self, key: str) -> int:
        return [column.key for column in self.columns].index(key)

    def load_page(self, session: Session, query: CustomerQuery, after: dict[str, Any] | None, limit: int) -> list[dict[str, Any]]:
        # Rows carry their position in the results, so the next page starts after the last one loaded.
        offset = 0 if after is None else after["position"] + 1

        def search(search_session: Session):
            result = search_customers(
                search_session, query.text, query.filters, limit=limit, offset=offset, sort=query.sort
            )
            _add_display_names(search_session, result.rows)
            return result

        result = run_search(self.context, session, search)
        with self._count_lock:
            self._last_count = (query, result.total, result.total_capped)
        for number, row in enumerate(result.rows):
            row["position"] = offset + number
        return result.rows

    def load_ids(self, session: Session, ids: set[str]) -> dict[str, dict[str, Any]]:
        # Not called, because changed_row_ids always returns None (a reload).
        return {}

    def changed_row_ids(self, session: Session, changes: Changes) -> set[str] | None:
        # A change can move a customer into or out of the search, or to another
        # position, so the loaded rows are searched again in one query.
        return None

    def display(self, row: dict[str, Any], column: Column) -> str:
        value = row.get(column.key)
        if value is None:
            return ""
        if column.key == "last_follow_up_date":
            return value.isoformat()
        return str(value)

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
