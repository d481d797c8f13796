"""The Products page's table: products a page at a time, sorted by any column, filtered by a search.

Pages are keyset queries on (sort value, code). The "_sort" key of each row
contains the row's stored (raw) sort value, so the next page starts after
it without an OFFSET. A search text is resolved by sync.search.search_products
to at most COUNT_CAP product ids, which the page query then sorts.
"""

from __future__ import annotations

import dataclasses
import logging
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from sqlalchemy import Integer, String, and_, func, literal, or_, select, type_coerce
from sqlalchemy.orm import Session

from desktop.i18n import translate
from desktop.models.order_models import format_price, format_quantity
from desktop.models.paged_model import Column, PagedTableModel
from desktop.tasks import Changes
from domain.models import Brand, Product, ProductCategory, StockBalance
from sync.local_tables import SearchEntry
from sync.search import COUNT_CAP, ProductFilters, search_products

log = logging.getLogger(__name__)

CONTEXT = "ProductListModel"


@dataclasses.dataclass(frozen=True)
class ProductListFilter:
    text: str = ""
    # A Column key of ProductListModel.columns.
    sort_key: str = "code"
    descending: bool = False
    include_inactive: bool = True


def _available_sum():
    """Return the correlated subquery of a product's on hand minus reserved, in stored units, over the replica's balances."""
    on_hand = type_coerce(StockBalance.on_hand, Integer)
    reserved = type_coerce(StockBalance.reserved, Integer)
    return (
        select(func.coalesce(func.sum(on_hand - reserved), 0))
        .where(StockBalance.product_id == Product.id)
        .correlate(Product)
        .scalar_subquery()
    )


def _name_sort_key():
    """Return the correlated subquery of a product's pinyin sort key (sync.search_index), or its name without an entry.

    NOTE: the list reads the replica without refreshing the search index, so
    a product written since the last search or sync sorts by its name's code
    points until then.
    """
    key = (
        select(SearchEntry.sort_key)
        .where(SearchEntry.kind == "product", SearchEntry.row_id == Product.id)
        .correlate(Product)
        .scalar_subquery()
    )
    return func.coalesce(key, Product.name)


def _sort_expressions() -> dict[str, Any]:
    """Return each column's sort expression over stored values; NULL sorts as "" or -1, so keyset comparisons work."""
    raw = lambda column: type_coerce(column, Integer)  # noqa: E731 - stored integers, not scaled Decimals
    return {
        "code": Product.code,
        "name": _name_sort_key(),
        "variant": func.coalesce(Product.variant, ""),
        "unit": Product.base_unit,
        "category": func.coalesce(ProductCategory.name, ""),
        "brand": func.coalesce(Brand.name, ""),
        "barcode": func.coalesce(Product.barcode, ""),
        "list_price": raw(Product.list_price),
        "lowest_price": func.coalesce(raw(Product.lowest_price), -1),
        "tax_rate": raw(Product.tax_rate),
        "available": _available_sum(),
        "active": raw(Product.active),
    }


class ProductListModel(PagedTableModel):
    """Rows are dicts keyed by the column keys, plus "id" and "_sort"; the filter is a ProductListFilter."""

    columns = (
        Column("code", CONTEXT, QT_TRANSLATE_NOOP("ProductListModel", "Code"), width=100),
        Column("name", CONTEXT, QT_TRANSLATE_NOOP("ProductListModel", "Name"), width=220),
        Column("variant", CONTEXT, QT_TRANSLATE_NOOP("ProductListModel", "Variant"), width=100),
        Column("unit", CONTEXT, QT_TRANSLATE_NOOP("ProductListModel", "Unit"), width=60),
        Column("category", CONTEXT, QT_TRANSLATE_NOOP("ProductListModel", "Category"), width=110),
        Column("brand", CONTEXT, QT_TRANSLATE_NOOP("ProductListModel", "Brand"), width=100),
        Column("barcode", CONTEXT, QT_TRANSLATE_NOOP("ProductListModel", "Barcode"), width=120),
        Column("list_price", CONTEXT, QT_TRANSLATE_NOOP("ProductListModel", "List price"), align_right=True, width=90),
        Column("lowest_price", CONTEXT, QT_TRANSLATE_NOOP("ProductListModel", "Lowest price"), align_right=True, width=90),
        Column("tax_rate", CONTEXT, QT_TRANSLATE_NOOP("ProductListModel", "Tax rate"), align_right=True, width=70),
        Column("available", CONTEXT, QT_TRANSLATE_NOOP("ProductListModel", "Available"), align_right=True, width=80),
        Column("active", CONTEXT, QT_TRANSLATE_NOOP("ProductListModel", "Active"), width=60),
    )
    tables = frozenset({"product", "product_category", "brand", "stock_balance"})

    def __init__(self, context, parent=None) -> None:
        super().__init__(context, parent)
        self.filter = ProductListFilter()
        # Search text -> (matching ids, whether the count reached COUNT_CAP); one entry, the latest text.
        self._matches: tuple[str, list[str], bool] | None = None
        self.matches_capped = False

    # -- Qt sorting: the view's header calls this -------------------------------

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns):
            return
        descending = order == Qt.SortOrder.DescendingOrder
        current = self.filter or ProductListFilter()
        if current.sort_key == self.columns[column].key and current.descending == descending:
            return
        self.set_filter(dataclasses.replace(current, sort_key=self.columns[column].key, descending=descending))

    def column_of(self, key: str) -> int:
        return next(number for number, column in enumerate(self.columns) if column.key == key)

    # -- queries, in worker threads ---------------------------------------------

    def _query(self, sort_key: str):
        expressions = _sort_expressions()
        sort_value = expressions[sort_key]
        # String sort values come back as text, the others as stored integers.
        sort_type = String if sort_key in ("code", "name", "variant", "unit", "category", "brand", "barcode") else Integer
        return select(
            Product.id,
            Product.code,
            Product.name,
            Product.variant,
            Product.base_unit.label("unit"),
            ProductCategory.name.label("category"),
            Brand.name.label("brand"),
            Product.barcode,
            Product.list_price,
            Product.lowest_price,
            Product.tax_rate,
            type_coerce(_available_sum(), StockBalance.on_hand.type).label("available"),
            Product.active,
            type_coerce(sort_value, sort_type).label("_sort"),
        ).select_from(Product).outerjoin(
            ProductCategory, ProductCategory.id == Product.category_id
        ).outerjoin(Brand, Brand.id == Product.brand_id).where(Product.deleted_at.is_(None)), sort_value

    def _matching_ids(self, text: str) -> tuple[list[str], bool]:
        cached = self._matches
        if cached is not None and cached[0] == text:
            return cached[1], cached[2]
        # search_products refreshes the search index first, which may write.
        with self.context.replica.transaction() as session:
            result = search_products(session, text, ProductFilters(), limit=COUNT_CAP)
        self._matches = (text, result.ids, result.total_capped)
        return result.ids, result.total_capped

    def load_page(self, session: Session, filter_value: Any, after: dict[str, Any] | None, limit: int) -> list[dict[str, Any]]:
        current: ProductListFilter = filter_value or ProductListFilter()
        query, sort_value = self._query(current.sort_key)
        if not current.include_inactive:
            query = query.where(Product.active.is_(True))
        text = current.text.strip()
        if text:
            ids, capped = self._matching_ids(text)
            # NOTE: a search shows at most COUNT_CAP products, sorted by the chosen column. The count label tells the user.
            self.matches_capped = capped
            query = query.where(Product.id.in_(ids))
        else:
            self.matches_capped = False
        if after is not None:
            last = literal(after["_sort"])
            if current.descending:
                query = query.where(or_(sort_value < last, and_(sort_value == last, Product.code < after["code"])))
            else:
                query = query.where(or_(sort_value > last, and_(sort_value == last, Product.code > after["code"])))
        if current.descending:
            query = query.order_by(sort_value.desc(), Product.code.desc())
        else:
            query = query.order_by(sort_value, Product.code)
        return [dict(row._mapping) for row in session.execute(query.limit(limit))]

    def load_ids(self, session: Session, ids: set[str]) -> dict[str, dict[str, Any]]:
        current: ProductListFilter = self.filter or ProductListFilter()
        query, _sort_value = self._query(current.sort_key)
        return {row.id: dict(row._mapping) for row in session.execute(query.where(Product.id.in_(ids)))}

    def changed_row_ids(self, session: Session, changes: Changes) -> set[str] | None:
        if changes.touches("product_category", "brand"):
            return None
        product_ids = changes.ids_of("product")
        balance_ids = changes.ids_of("stock_balance")
        if product_ids is None or balance_ids is None:
            return None
        found = set(product_ids)
        if balance_ids:
            found |= set(session.scalars(select(StockBalance.product_id).where(StockBalance.id.in_(balance_ids))))
        if product_ids:
            # A changed product may now match the search, or no longer: the cached ids are stale.
            self._matches = None
        return found

    # -- display ----------------------------------------------------------------

    def display(self, row: dict[str, Any], column: Column) -> str:
        value = row.get(column.key)
        if column.key in ("list_price", "lowest_price"):
            return "" if value is None else format_price(value)
        if column.key == "tax_rate":
            return "" if value is None else f"{format_quantity(value * 100)}%"
        if column.key == "available":
            return format_quantity(value if value is not None else Decimal(0))
        if column.key == "active":
            return translate("ProductListModel", "yes") if value else translate("ProductListModel", "no")
        return super().display(row, column)
