"""The table tabs of the customer and supplier details: one lazy model class, one description per tab.

A TabSpec describes a tab: its columns and the query of the rows that belong
to one record (the customer or the supplier). RecordsTabModel loads those
rows a page at a time in the worker thread, as every PagedTableModel does.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP
from sqlalchemy import Select, and_, or_, select
from sqlalchemy.orm import Session

from desktop.context import AppContext
from desktop.models.order_models import format_money, state_label
from desktop.models.paged_model import Column, PagedTableModel
from desktop.tasks import Changes
from sync.search_index import name_sort_key, name_words, normalize

CONTACTS_CONTEXT = "ContactsTab"


@dataclasses.dataclass(frozen=True)
class TabSpec:
    """One tab of a detail: its title, columns and the query of one record's rows.

    Rows come newest first by `order_key` (then id) when `descending`, else
    oldest first. Each page continues after the last loaded row (keyset paging).
    """

    key: str
    title: str
    columns: tuple[Column, ...]
    tables: frozenset[str]
    query: Callable[[str], Select]
    # The ORM columns the rows are ordered by: the order column (or the id alone) and the id.
    order_column: Any
    id_column: Any
    order_key: str
    descending: bool = True
    # Formats of columns that are not plain text: "money", "date", "bool", "order_state" or a kind of `label`.
    formats: tuple[tuple[str, str], ...] = ()
    # Adds computed values to loaded rows (in the worker thread).
    extend: Callable[[Session, list[dict[str, Any]]], None] | None = None
    # Returns the translated text of an enumeration value of a format kind.
    label: Callable[[str, str], str] | None = None
    # Returns the loaded rows in the tab's order, for an order SQL cannot express (pinyin). A tab with it
    # loads all of a record's rows as one page, because keyset paging needs the order in SQL.
    arrange: Callable[[list[dict[str, Any]]], list[dict[str, Any]]] | None = None


def detail_column(context: str, key: str, title: str, width: int = 0, *, right: bool = False) -> Column:
    """Return a detail tab's column: `title` is the English source text in the translation `context`."""
    return Column(key, context, title, align_right=right, width=width)


def owned_rows_tab(key: str, title: str, columns: tuple[Column, ...], model: type, owner: str,
                   fields: tuple[str, ...] | None = None, *, order: str = "document_date", descending: bool = True,
                   live_only: bool = False, tables: frozenset[str] | None = None, **options: Any) -> TabSpec:
    """Describe a tab of the `model` rows whose `owner` column is the record's id.

    `fields` are the columns read besides the id, by default the keys of
    `columns`; a tab with computed columns names the fields they come from.
    `live_only` leaves out soft-deleted rows. `tables` defaults to the model's
    own table. The other options (formats, extend, label, arrange) go to
    TabSpec unchanged.
    """
    if fields is None:
        fields = tuple(column.key for column in columns)
    selected = [model.id, *(getattr(model, field) for field in fields)]
    owner_column = getattr(model, owner)

    def query(record_id: str) -> Select:
        conditions = [owner_column == record_id]
        if live_only:
            conditions.append(model.deleted_at.is_(None))
        return select(*selected).where(*conditions)

    return TabSpec(
        key=key, title=title, columns=columns, tables=tables or frozenset({model.__tablename__}), query=query,
        order_column=getattr(model, order), id_column=model.id, order_key=order, descending=descending, **options,
    )


CONTACT_COLUMNS = tuple(
    detail_column(CONTACTS_CONTEXT, key, title, width) for key, title, width in (
        ("name", QT_TRANSLATE_NOOP("ContactsTab", "Name"), 120),
        ("position", QT_TRANSLATE_NOOP("ContactsTab", "Position"), 110),
        ("mobile", QT_TRANSLATE_NOOP("ContactsTab", "Mobile"), 120),
        ("phone", QT_TRANSLATE_NOOP("ContactsTab", "Phone"), 120),
        ("email", QT_TRANSLATE_NOOP("ContactsTab", "Email"), 160),
        ("wechat", QT_TRANSLATE_NOOP("ContactsTab", "WeChat"), 110),
        ("is_primary", QT_TRANSLATE_NOOP("ContactsTab", "Primary"), 60),
    )
)


def _contacts_in_order(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Return the contacts with the primary one first, then by the pinyin of the name.

    The primary contact is the one users call first, and a Chinese contact
    list is read in pinyin order (阿伟, Alice, 王芳), not in code point order,
    which puts 王 before 阿. The key is the one the customer list sorts names by.
    """
    def key(row: dict[str, Any]) -> tuple[bool, str]:
        name = normalize(row["name"])
        segments, _ = name_words(name)
        return not row["is_primary"], name_sort_key(segments, name, row["id"])

    return sorted(rows, key=key)


def contacts_tab(title: str, model: type, owner: str) -> TabSpec:
    """Describe the contacts tab of a customer (CustomerContact) or a supplier (SupplierContact).

    The primary contact comes first, then the others by name in pinyin order.
    `title` is in the context of the detail that shows the tab.
    """
    return owned_rows_tab(
        "contacts", title, CONTACT_COLUMNS, model, owner,
        order="id", descending=False, live_only=True, formats=(("is_primary", "bool"),), arrange=_contacts_in_order,
    )


class RecordsTabModel(PagedTableModel):
    """The rows of one detail tab for one record (the filter is the record's id), a page at a time."""

    def __init__(self, context: AppContext, spec: TabSpec, parent=None) -> None:
        super().__init__(context, parent)
        self.spec = spec
        self.columns = spec.columns
        self.tables = spec.tables
        self._formats = dict(spec.formats)

    def load_page(self, session: Session, record_id: Any, after: dict[str, Any] | None, limit: int) -> list[dict[str, Any]]:
        if not record_id:
            return []
        spec = self.spec
        query = spec.query(record_id)
        if spec.arrange is not None:
            # The first page held every row. NOTE: this assumes a record has a few hundred rows at most,
            # which holds for contacts.
            if after is not None:
                return []
            rows = [dict(row._mapping) for row in session.execute(query.order_by(spec.id_column))]
            if spec.extend is not None and rows:
                spec.extend(session, rows)
            return spec.arrange(rows)
        if after is not None:
            value, last_id = after[spec.order_key], after["id"]
            if spec.descending:
                query = query.where(or_(spec.order_column < value, and_(spec.order_column == value, spec.id_column < last_id)))
            else:
                query = query.where(or_(spec.order_column > value, and_(spec.order_column == value, spec.id_column > last_id)))
        if spec.descending:
            query = query.order_by(spec.order_column.desc(), spec.id_column.desc())
        else:
            query = query.order_by(spec.order_column, spec.id_column)
        rows = [dict(row._mapping) for row in session.execute(query.limit(limit))]
        if spec.extend is not None and rows:
            spec.extend(session, rows)
        return rows

    def load_ids(self, session: Session, ids: set[str]) -> dict[str, dict[str, Any]]:
        return {}

    def changed_row_ids(self, session: Session, changes: Changes) -> set[str] | None:
        # A change can add a row to this record or move one in the order, so
        # the loaded rows are read again.
        return None

    def display(self, row: dict[str, Any], column: Column) -> str:
        value = row.get(column.key)
        kind = self._formats.get(column.key)
        if kind == "bool":
            return "✓" if value else ""
        if value is None:
            return ""
        if kind == "money":
            return format_money(value)
        if kind == "date":
            return value.isoformat()
        if kind == "order_state":
            return state_label(value)
        if kind is not None and self.spec.label is not None:
            return self.spec.label(kind, value)
        return str(value)
