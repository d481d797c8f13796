"""The supplier list's lazy model over sync.search.search_suppliers: a page of search results at a time."""

from __future__ import annotations

import dataclasses
import logging
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP
from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.context import AppContext
from desktop.models.paged_model import Column
from desktop.models.search_list_model import SearchListModel
from domain.models import Supplier
from sync.search import RELEVANCE, SearchResult, count_suppliers, search_suppliers

log = logging.getLogger(__name__)

CONTEXT = "SupplierModel"

# Sort keys of the search API (SUPPLIER_SORT_KEYS), by the column whose header selects them.
SORT_OF_COLUMN = {
    "code": "code",
    "name": "name",
    "mnemonic": "mnemonic",
    "phone": "phone",
    "address": "address",
}


@dataclasses.dataclass(frozen=True)
class SupplierQuery:
    """Search text and sort of the supplier list, as search_suppliers takes them."""

    text: str = ""
    sort: str = RELEVANCE
    include_inactive: bool = True


def _add_addresses(session: Session, rows: list[dict[str, Any]]) -> None:
    """Add each row's address, which search_suppliers does not return."""
    ids = [row["id"] for row in rows]
    if not ids:
        return
    addresses = dict(session.execute(select(Supplier.id, Supplier.address).where(Supplier.id.in_(ids))).all())
    for row in rows:
        row["address"] = addresses.get(row["id"])


class SupplierModel(SearchListModel):
    """Suppliers matching a SupplierQuery, loaded a page at a time by search_suppliers."""

    columns = (
        Column("code", CONTEXT, QT_TRANSLATE_NOOP("SupplierModel", "Code"), width=100),
        Column("name", CONTEXT, QT_TRANSLATE_NOOP("SupplierModel", "Name"), width=240),
        Column("mnemonic", CONTEXT, QT_TRANSLATE_NOOP("SupplierModel", "Mnemonic code"), width=90),
        Column("phone", CONTEXT, QT_TRANSLATE_NOOP("SupplierModel", "Phone"), width=130),
        Column("address", CONTEXT, QT_TRANSLATE_NOOP("SupplierModel", "Address"), width=260),
    )
    tables = frozenset({"supplier"})

    def __init__(self, context: AppContext, parent=None) -> None:
        super().__init__(context, parent)
        self.filter = SupplierQuery()

    def search_page(self, session: Session, query: SupplierQuery, offset: int, limit: int) -> SearchResult:
        result = search_suppliers(session, query.text, include_inactive=query.include_inactive, limit=limit,
                                  offset=offset, sort=query.sort)
        _add_addresses(session, result.rows)
        return result

    def count_all(self, session: Session, query: SupplierQuery) -> int | None:
        # As for customers: exact only with no search text.
        return None if query.text.strip() else count_suppliers(session, include_inactive=query.include_inactive)
