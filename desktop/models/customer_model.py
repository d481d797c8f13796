"""The customer list's lazy model over sync.search: a page of search results at a time.

The model's filter is a CustomerQuery (text, filters, sort); see
desktop.models.search_list_model for the paging and the match count.
"""

from __future__ import annotations

import dataclasses
import logging
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP
from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.context import AppContext
from desktop.models.paged_model import Column
from desktop.models import search_list_model
from desktop.models.search_list_model import SearchListModel
from domain.models import CustomerCategory, SalesRegion, User, Warehouse
from sync.search import CUSTOMER_SORT_KEYS, RELEVANCE, CustomerFilters, SearchResult, count_customers, search_customers

log = logging.getLogger(__name__)

CONTEXT = "CustomerModel"

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


def is_valid_sort(sort: object) -> bool:
    """Return whether `sort` is "relevance" or a customer sort key with an optional "-" prefix.

    Stored values from before descending sorts ("relevance", "code", "name") stay valid.
    """
    return search_list_model.is_valid_sort(sort, CUSTOMER_SORT_KEYS)


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


class CustomerModel(SearchListModel):
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

    def __init__(self, context: AppContext, parent=None) -> None:
        super().__init__(context, parent)
        self.filter = CustomerQuery()

    def search_page(self, session: Session, query: CustomerQuery, offset: int, limit: int) -> SearchResult:
        result = search_customers(session, query.text, query.filters, limit=limit, offset=offset, sort=query.sort)
        _add_display_names(session, result.rows)
        return result

    def count_all(self, session: Session, query: CustomerQuery) -> int | None:
        # Counting every match of a search text would read all of them; with no text, the filters alone count fast.
        return None if query.text.strip() else count_customers(session, query.filters)

    def display(self, row: dict[str, Any], column: Column) -> str:
        value = row.get(column.key)
        if value is None:
            return ""
        if column.key == "last_follow_up_date":
            return value.isoformat()
        return str(value)
