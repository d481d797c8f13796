"""Searching customers, products and suppliers on the replica, for list views and pickers.

The desktop calls these functions from a background task, with a session in
a replica transaction:

    with replica.transaction() as session:
        result = search_customers(session, "重庆", CustomerFilters(owner_ids=(user_id,)), limit=50)

`text` matches a substring of the name, code, mnemonic code (助记码) or phone,
of a contact's mobile or landline number (customers and suppliers), or of
the pinyin initials of the name under each reading that sync.search_index
keeps (重庆 matches "cq" and "zq"). Products also match the name's variant and,
from four characters on, a prefix of any barcode of the product, its units
or product_barcode. Spaces, dashes and case in `text` are ignored.

With the default sort ("relevance") results come in tiers. First come the
exact code, then code prefixes, a barcode (products) and the exact mnemonic
code, each group by code, then name prefixes by the name's pinyin, as the
name sort orders them. For a text of two or more letters, names whose
pinyin initials start with it come next, then names where a later word's
initials start with it (重庆 and 中庆贸易 before 鸿运重庆火锅 for "zq"),
each by the name's pinyin too. Every other match follows in the index's order, which is the
order the records were indexed, so an initials match inside a word or
across two (郑州群英 for "zq") comes last.
Each tier is a query on an index that stops at the page's end, except that
the name prefix and initials tiers read up to COUNT_CAP of their matches to
sort them, and read a larger tier in order from another index instead
(see _name_prefix_tier and _initials_tier). The other matches are read in
index order only up to the page and the count cap, so a query that matches most records costs about
as much as one that matches few. The count stops at COUNT_CAP.

Any other sort is a key of the table's sort keys (CUSTOMER_SORT_KEYS,
PRODUCT_SORT_KEYS, SUPPLIER_SORT_KEYS), ascending, or descending with a "-"
prefix ("-category"). It orders every match, so it is slower than
"relevance" for broad queries. See _order_sql for where missing values go.

Each call first brings the index up to date (sync.search_index.refresh), so
rows written since the last sync or command are found.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import itertools
import logging
import re
import sqlite3
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from domain.models import Customer, Product, StockBalance, Supplier
from sync.local_tables import SavedSearchFilter
from sync.search_index import (
    GRAM_LENGTH,
    KINDS,
    MIN_GRAM,
    NAME_START_MARK,
    RANK_NAME_START,
    RANK_WORD_START,
    WORD_START_MARK,
    initials_match,
    initials_rank,
    name_sort_key,
    POSITION_SEPARATOR,
    char_initials,
    name_words,
    normalize,
    refresh_if_small,
)

log = logging.getLogger(__name__)

DEFAULT_LIMIT = 50
# Barcodes are matched by prefix only from this many characters on: shorter
# digit strings would match a large share of all barcodes.
BARCODE_PREFIX_MIN = 4
# Above every character, so `prefix <= value < prefix + TEXT_MAX` is a prefix range on an index.
TEXT_MAX = "\U0010ffff"
RELEVANCE = "relevance"
# Sort keys by the SQL expression on the searched row "t" that orders them.
# The looked-up names are correlated subqueries on the referenced row's
# primary key, which return NULL when the reference is empty or the row is
# not in the replica. Keys not in _REQUIRED_SORT_KEYS may be missing.
# The pinyin sort key of the record's search entry (sync.search_index.name_sort_key). Every
# search refreshes the index first, so every row has an entry by then.
_NAME_SORT = "(SELECT s.sort_key FROM search_entry s WHERE s.kind = '{kind}' AND s.row_id = t.id)"
CUSTOMER_SORT_KEYS = {
    "code": "t.code",
    "name": _NAME_SORT.format(kind="customer"),
    "mnemonic": "t.mnemonic",
    "phone": "t.phone",
    "address": "t.address",
    # ISO date text, so text order is date order.
    "last_follow_up_date": "t.last_follow_up_date",
    "category": "(SELECT l.name FROM customer_category l WHERE l.id = t.category_id)",
    "sales_region": "(SELECT l.name FROM sales_region l WHERE l.id = t.sales_region_id)",
    "owner": "(SELECT l.display_name FROM app_user l WHERE l.id = t.owner_id)",
    "warehouse": "(SELECT l.name FROM warehouse l WHERE l.id = t.default_warehouse_id)",
}
PRODUCT_SORT_KEYS = {
    "code": "t.code",
    "name": _NAME_SORT.format(kind="product"),
    "variant": "t.variant",
    "mnemonic": "t.mnemonic",
    "base_unit": "t.base_unit",
    "barcode": "t.barcode",
    # A scaled integer column, so SQL order is price order.
    "list_price": "t.list_price",
}
SUPPLIER_SORT_KEYS = {
    "code": "t.code",
    "name": _NAME_SORT.format(kind="supplier"),
    "mnemonic": "t.mnemonic",
    "phone": "t.phone",
    "address": "t.address",
}
_SORT_KEYS = {"customer": CUSTOMER_SORT_KEYS, "product": PRODUCT_SORT_KEYS, "supplier": SUPPLIER_SORT_KEYS}
# Columns that are never NULL or empty, so their sort needs no missing-last
# term and can still read the column's index in order.
_REQUIRED_SORT_KEYS = frozenset({"code", "name", "base_unit", "list_price"})
# Matches are counted up to this number; a larger count is reported as
# COUNT_CAP with SearchResult.total_capped set ("1000+").
COUNT_CAP = 1000
# The SQL function name under which sync.search_index.initials_match is
# registered on the connection for queries of four or more letters.
INITIALS_FUNCTION = "search_initials_match"
# The SQL function name of sync.search_index.initials_rank, for the initials tiers of queries of four or more letters.
RANK_FUNCTION = "search_initials_rank"


@dataclasses.dataclass(frozen=True)
class CustomerFilters:
    """The customer list's filters; an empty tuple or None leaves a criterion out."""

    category_ids: tuple[str, ...] = ()
    sales_region_ids: tuple[str, ...] = ()
    owner_ids: tuple[str, ...] = ()
    # Matches customer.default_warehouse_id.
    warehouse_ids: tuple[str, ...] = ()
    # Customers whose last follow-up is at least this many days before
    # `today`, including those never followed up.
    min_days_since_follow_up: int | None = None
    # True: only customers with a posted delivery past its due date and not
    # fully paid; False: only customers without one.
    has_overdue_receivables: bool | None = None
    include_inactive: bool = True
    include_deleted: bool = False

    def to_criteria(self) -> dict[str, Any]:
        """Return the filters as JSON values, for a saved filter."""
        return {
            field.name: list(value) if isinstance(value, tuple) else value
            for field in dataclasses.fields(self)
            if (value := getattr(self, field.name)) != field.default
        }

    @classmethod
    def from_criteria(cls, criteria: dict[str, Any]) -> "CustomerFilters":
        """Build filters from saved JSON values; unknown keys (from a newer version) are ignored."""
        known = {field.name: field for field in dataclasses.fields(cls)}
        values: dict[str, Any] = {}
        for name, value in criteria.items():
            if name not in known:
                log.warning("saved filter criterion %r is unknown; ignored", name)
                continue
            values[name] = tuple(value) if isinstance(known[name].default, tuple) else value
        return cls(**values)


@dataclasses.dataclass(frozen=True)
class ProductFilters:
    category_ids: tuple[str, ...] = ()
    brand_ids: tuple[str, ...] = ()
    include_inactive: bool = True
    include_deleted: bool = False


@dataclasses.dataclass
class SearchResult:
    """One page of matches, in order, and the number of matches over all pages up to COUNT_CAP."""

    rows: list[dict[str, Any]]
    total: int
    # True when more records match than `total` counts: `total` is then
    # COUNT_CAP ("1000+"), or for a one-character text the page's end
    # (offset + limit), because such a text scans the whole index.
    total_capped: bool = False

    @property
    def ids(self) -> list[str]:
        return [row["id"] for row in self.rows]


# -- query building ----------------------------------------------------------


class _Query:
    """Collects the SQL conditions and parameters of one search."""

    def __init__(self) -> None:
        self.conditions: list[str] = []
        self.params: dict[str, Any] = {}

    def param(self, value: Any) -> str:
        name = f"p{len(self.params)}"
        self.params[name] = value
        return f":{name}"

    def where_in(self, column: str, values: Sequence[str]) -> None:
        if values:
            marks = ", ".join(self.param(value) for value in values)
            self.conditions.append(f"{column} IN ({marks})")

    def where(self, condition: str) -> None:
        self.conditions.append(condition)

    def where_sql(self, use_indexes: bool = True) -> str:
        """Return the conditions joined by AND; `use_indexes=False` keeps SQLite from driving the query by them.

        A unary + around a term hides it from SQLite's index selection. A
        relevance tier then runs on its own index (code, mnemonic, name) and
        checks the filters per row. Without it, SQLite may read every
        customer of a category to find the one with a given code.
        """
        if not self.conditions:
            return "1"
        if use_indexes:
            return " AND ".join(self.conditions)
        return " AND ".join(f"+({condition})" for condition in self.conditions)


def _match_sql(driver, query: _Query, kind: str, needle: str) -> tuple[str, str, str]:
    """Return FROM, WHERE and ORDER BY clauses that select the entries matching `needle`, joined to the table as "t".

    The rows come in entry id order without a sort, so a caller can stop
    reading after the first page.
    """
    indexed = KINDS[kind]
    fts = indexed.fts_table
    join = f"CROSS JOIN {indexed.table} t ON t.id = e.row_id"
    literal = query.param(needle)
    if len(needle) < MIN_GRAM:
        # No one-character grams are indexed: scan the entries in id order.
        # The unary + keeps SQLite from using the (kind, row_id) index,
        # which would need a sort to restore id order.
        source = f"search_entry e {join}"
        condition = (
            f"+e.kind = {query.param(kind)} "
            f"AND (instr(e.haystack, {literal}) > 0 OR instr(e.initials, {literal}) > 0)"
        )
        return source, condition, "e.id"
    source = f"{fts} CROSS JOIN search_entry e ON e.id = {fts}.rowid {join}"
    if len(needle) <= GRAM_LENGTH:
        # The n-gram exists exactly when a field or an initials reading contains it.
        return source, f"{fts} MATCH {query.param(_quoted(needle))}", f"{fts}.rowid"
    trigrams = dict.fromkeys(needle[i : i + GRAM_LENGTH] for i in range(len(needle) - GRAM_LENGTH + 1))
    match = query.param(" ".join(_quoted(gram) for gram in trigrams))
    # The trigrams narrow the candidates and the entry decides: a field
    # contains the query, or a reading of the name has it as initials.
    verify = f"instr(e.haystack, {literal}) > 0"
    if needle.isascii() and needle.isalpha():
        _register_functions(driver)
        verify = f"({verify} OR {INITIALS_FUNCTION}(e.initials, {literal}))"
    return source, f"{fts} MATCH {match} AND {verify}", f"{fts}.rowid"


def _register_functions(driver) -> None:
    """Register the initials functions on the SQLite connection, once per connection.

    Registering a function again fails while any statement is active on
    the connection, and FTS5 may keep a read handle of its index open until
    the transaction ends, so a second registration within one transaction
    can fail. A probe query checks whether the functions are already registered.
    """
    try:
        driver.execute(f"SELECT {RANK_FUNCTION}('', '', '')").fetchall()
    except sqlite3.OperationalError:
        driver.create_function(INITIALS_FUNCTION, 2, initials_match, deterministic=True)
        driver.create_function(RANK_FUNCTION, 3, initials_rank, deterministic=True)


def _quoted(token: str) -> str:
    # Normalized text contains letters and digits only, so no quote needs escaping.
    return f'"{token}"'


def _barcode_condition(query: _Query, text: str) -> str | None:
    """Return a condition on "t" for products with a barcode equal to, or starting with, `text`."""
    if not text or not text.isalnum():
        return None
    if len(text) >= BARCODE_PREFIX_MIN:
        low, high = query.param(text), query.param(text + TEXT_MAX)
        condition = f"barcode >= {low} AND barcode < {high}"
    else:
        condition = f"barcode = {query.param(text)}"
    return (
        f"t.id IN (SELECT id FROM product WHERE {condition} "
        f"UNION SELECT product_id FROM product_unit WHERE {condition} "
        f"UNION SELECT product_id FROM product_barcode WHERE {condition})"
    )


def _case_variants(text: str) -> list[str]:
    """Return `text` as typed, in upper and in lower case, without repeats."""
    return list(dict.fromkeys((text, text.upper(), text.lower())))


def _tier_conditions(query: _Query, text: str, barcode: str | None) -> list[tuple[list[str], tuple[str, ...]]]:
    """Return the relevance tiers before "any other match": per tier, conditions on "t" and the order columns.

    Each condition is a cheap query on one index of the table: the exact
    code, a code prefix, an exact barcode or barcode prefix (products), the
    exact mnemonic code and a name prefix. A prefix gets one condition per
    case variant (as typed, upper and lower case), each a single range that
    SQLite reads in index order and stops after the page, and the caller
    merges them. A tier's rows come ordered by its order columns.
    NOTE: a mixed-case code typed in another mix of cases skips the code
    tiers and appears among the other matches.
    """
    variants = _case_variants(text)
    marks = ", ".join(query.param(value) for value in variants)

    def prefixes(column: str) -> list[str]:
        return [
            f"t.{column} >= {query.param(value)} AND t.{column} < {query.param(value + TEXT_MAX)}"
            for value in variants
        ]

    tiers = [([f"t.code IN ({marks})"], ("code",)), (prefixes("code"), ("code",))]
    if barcode:
        tiers.append(([barcode], ("code",)))
    tiers.append(([f"t.mnemonic IN ({marks})"], ("code",)))
    tiers.append((prefixes("name"), ("name", "code")))
    return tiers


def _order_sql(kind: str, sort: str) -> str:
    """Return the ORDER BY terms of `sort` on `kind`'s table "t"; raise ValueError for an unknown sort.

    Rows without a value (NULL or empty text) come last in both directions.
    Ties are ordered by code ascending, which is unique, so a page boundary
    falls at the same row on every call. Names sort by their pinyin (the
    search entry's sort key); other text compares by code point.
    """
    if sort == RELEVANCE:
        return "t.code"
    keys = _SORT_KEYS[kind]
    descending = sort.startswith("-")
    key = sort[1:] if descending else sort
    if key not in keys:
        raise ValueError(
            f"invalid sort {sort!r} for {kind} search; expected {RELEVANCE!r} or one of "
            f"{', '.join(keys)}, with a '-' prefix for descending"
        )
    direction = "DESC" if descending else "ASC"
    if key == "code":
        return f"t.code {direction}"
    expression = keys[key]
    if key in _REQUIRED_SORT_KEYS:
        return f"{expression} {direction}, t.code"
    return f"coalesce({expression}, '') = '', {expression} {direction}, t.code"


@dataclasses.dataclass
class _Page:
    ids: list[str]
    total: int
    capped: bool


def _run(
    session: Session, kind: str, table: str, query: _Query, text: str, sort: str, limit: int, offset: int,
    barcode: str | None = None,
) -> _Page:
    """Return the ids of one page and the count, capped at COUNT_CAP, of a search on `table` (aliased "t")."""
    if limit < 0 or offset < 0:
        raise ValueError(f"limit and offset must not be negative; got limit={limit}, offset={offset}")
    order = _order_sql(kind, sort)
    if not refresh_if_small(session):
        return _run_without_index(session, kind, table, query, text, sort, limit, offset, barcode)
    driver = session.connection().connection.driver_connection
    text = text.strip()
    needle = normalize(text)
    where = query.where_sql()
    page_end = offset + limit
    page_clause = f"LIMIT {int(limit)} OFFSET {int(offset)}"
    if not needle and not barcode:
        page_sql = f"SELECT t.id FROM {table} t WHERE {where} ORDER BY {order} {page_clause}"
        if sort.lstrip("-") == "name":
            # Read the entries in the order of their sort key index and stop after the page, instead of
            # looking up and sorting the key of every row. The key ends with the unique code, so it alone
            # orders the rows.
            direction = "DESC" if sort.startswith("-") else "ASC"
            page_sql = (
                f"SELECT t.id FROM search_entry s CROSS JOIN {table} t ON t.id = s.row_id "
                f"WHERE s.kind = {query.param(kind)} AND {where} ORDER BY s.sort_key {direction} {page_clause}"
            )
        ids = [row[0] for row in driver.execute(page_sql, query.params)]
        count_sql = f"SELECT count(*) FROM (SELECT 1 FROM {table} t WHERE {where} LIMIT {COUNT_CAP + 1})"
        return _capped(driver.execute(count_sql, query.params).fetchone()[0], ids)

    # Every match: the index's, and the barcode condition's for products.
    match_ids: list[str] = []
    count_cap = COUNT_CAP
    if needle:
        source, condition, entry_order = _match_sql(driver, query, kind, needle)
        match_sql = f"SELECT t.id FROM {source} WHERE {condition} AND {where} ORDER BY {entry_order}"
        # Read the matches in index order only as far as the count cap and
        # the page need them; the rest are never visited.
        reach = max(COUNT_CAP + 1, page_end) if sort == RELEVANCE else COUNT_CAP + 1
        if len(needle) < MIN_GRAM:
            # A one-character query scans the entries, which costs too much
            # to count further than the page: the count stops there.
            count_cap = page_end if sort == RELEVANCE else COUNT_CAP
            reach = count_cap + 1
        match_ids = [row[0] for row in itertools.islice(driver.execute(match_sql, query.params), reach)]
    matched = dict.fromkeys(match_ids)
    if barcode:
        barcode_sql = f"SELECT t.id FROM {table} t WHERE {barcode} AND {where} ORDER BY t.code LIMIT {COUNT_CAP + 1}"
        matched.update(dict.fromkeys(row[0] for row in driver.execute(barcode_sql, query.params)))
    capped = len(matched) > count_cap

    if sort != RELEVANCE:
        # An explicit sort orders every match, so this is the one path that
        # reads all of them, however many there are.
        hits = []
        if needle:
            hits.append(f"SELECT t.id FROM {source} WHERE {condition}")
        if barcode:
            hits.append(f"SELECT t.id FROM {table} t WHERE {barcode}")
        page_sql = (
            f"SELECT t.id FROM ({' UNION '.join(hits)}) hits CROSS JOIN {table} t ON t.id = hits.id "
            f"WHERE {where} ORDER BY {order} {page_clause}"
        )
        ids = [row[0] for row in driver.execute(page_sql, query.params)]
        return _Page(ids, min(len(matched), count_cap), capped)

    ranked: dict[str, None] = {}
    filters = query.where_sql(use_indexes=False)
    for conditions, order_columns in _tier_conditions(query, text, barcode):
        if len(ranked) >= page_end:
            break
        if order_columns[0] == "name":
            for row_id in _name_prefix_tier(driver, query, kind, table, conditions, filters, page_end):
                ranked.setdefault(row_id)
            continue
        columns = ", ".join(f"t.{column}" for column in order_columns)
        tier_rows = []
        for condition_sql in conditions:
            tier_sql = (
                f"SELECT {columns}, t.id FROM {table} t WHERE {condition_sql} AND {filters} "
                f"ORDER BY {columns} LIMIT {int(page_end)}"
            )
            tier_rows.extend(driver.execute(tier_sql, query.params))
        for row in sorted(tier_rows):
            ranked.setdefault(row[-1])
    if needle.isascii() and needle.isalpha() and len(needle) >= MIN_GRAM:
        for rank in (RANK_NAME_START, RANK_WORD_START):
            if len(ranked) >= page_end:
                break
            for row_id in _initials_tier(driver, query, kind, table, needle, rank, filters, page_end):
                ranked.setdefault(row_id)
    for row_id in matched:
        if len(ranked) >= page_end:
            break
        ranked.setdefault(row_id)
    total = len(matched.keys() | ranked.keys())
    return _Page(list(ranked)[offset:page_end], min(total, count_cap), capped or total > count_cap)


def _name_prefix_tier(
    driver, query: _Query, kind: str, table: str, conditions: list[str], filters: str, limit: int
) -> list[str]:
    """Return up to `limit` ids of the name prefix tier in the pinyin order of the name sort, so 阿 comes before 张.

    `conditions` are the name prefix ranges of _tier_conditions. Up to
    max(COUNT_CAP, limit) matches are read from the name index and sorted by
    their search entry's sort key. A tier with more matches is read in sort
    key order instead, from the (kind, sort_key) index of search_entry, with
    each row checked against the prefixes until `limit` rows match. As in
    _initials_tier, that reads about limit / (matches / rows) entries.
    """
    reach = max(COUNT_CAP, limit)
    sort_key = _NAME_SORT.format(kind=kind)
    candidates: dict[str, str] = {}
    for condition_sql in conditions:
        candidates_sql = (
            f"SELECT t.id, {sort_key} FROM {table} t WHERE {condition_sql} AND {filters} LIMIT {int(reach + 1)}"
        )
        candidates.update(driver.execute(candidates_sql, query.params))
    if len(candidates) <= reach:
        return sorted(candidates, key=candidates.__getitem__)[:limit]

    # The unary + keeps SQLite from reading the name index, so it walks the sort key index and stops after `limit`.
    any_prefix = " OR ".join(f"({condition_sql})" for condition_sql in conditions)
    by_key_sql = (
        f"SELECT t.id FROM search_entry s CROSS JOIN {table} t ON t.id = s.row_id "
        f"WHERE s.kind = {query.param(kind)} AND +({any_prefix}) AND {filters} ORDER BY s.sort_key LIMIT {int(limit)}"
    )
    return [row[0] for row in driver.execute(by_key_sql, query.params)]


def _initials_tier(
    driver, query: _Query, kind: str, table: str, needle: str, rank: int, filters: str, limit: int
) -> list[str]:
    """Return up to `limit` ids, in the pinyin order of the name sort, whose name initials match
    `needle` at the name's start (RANK_NAME_START) or at a later word's start (RANK_WORD_START).

    The anchored grams of sync.search_index find them in the FTS table: a
    query of two or three letters is one token, a longer one is checked
    against the entry after the lookup of its first three letters.
    The tier is ordered by the search entry's sort key, like the name prefix
    tier, so "sz" lists 深圳… before 苏州… whatever their codes. Up to
    max(COUNT_CAP, limit) matches are read in index order and sorted by
    that key. A tier with more matches is read in key order instead: the
    entries come from the (kind, sort_key) index of search_entry, and those
    among the token's matches are kept (checked with RANK_FUNCTION for a
    query longer than three letters) until `limit` rows match.
    """
    fts = KINDS[kind].fts_table
    mark = NAME_START_MARK if rank == RANK_NAME_START else WORD_START_MARK
    expression = _quoted(mark + needle[:GRAM_LENGTH])
    if rank == RANK_WORD_START and len(needle) <= GRAM_LENGTH:
        # A name whose initials match at its start as well as at a later
        # word ranks as a name start, so the name-start tier has it already.
        # Leaving those out here makes the token match exactly this tier.
        expression += f" NOT {_quoted(NAME_START_MARK + needle)}"
    match = query.param(expression)
    condition = f"{fts} MATCH {match}"
    rank_condition = f"{RANK_FUNCTION}(e.initials, e.word_starts, {query.param(needle)}) = {rank}"
    if len(needle) > GRAM_LENGTH:
        _register_functions(driver)
        condition += f" AND {rank_condition}"
    reach = max(COUNT_CAP, limit)
    candidates_sql = (
        f"SELECT e.sort_key, t.id FROM {fts} CROSS JOIN search_entry e ON e.id = {fts}.rowid "
        f"CROSS JOIN {table} t ON t.id = e.row_id WHERE {condition} AND {filters} "
        f"ORDER BY {fts}.rowid LIMIT {int(reach + 1)}"
    )
    candidates = driver.execute(candidates_sql, query.params).fetchall()
    if len(candidates) <= reach:
        return [row_id for _, row_id in sorted(candidates)[:limit]]

    # Only the entries of the tier's token are checked, so the initials
    # function, which is Python, runs on candidates only and not on every
    # entry before the page fills. The unary + keeps SQLite walking the sort
    # key index (the sort key ends with the unique code, so it alone orders
    # the rows) and testing membership, instead of sorting all candidates.
    by_key_condition = f"+e.id IN (SELECT rowid FROM {fts} WHERE {fts} MATCH {match})"
    if len(needle) > GRAM_LENGTH:
        by_key_condition += f" AND {rank_condition}"
    by_key_sql = (
        f"SELECT t.id FROM search_entry e CROSS JOIN {table} t ON t.id = e.row_id "
        f"WHERE e.kind = {query.param(kind)} AND {by_key_condition} AND {filters} "
        f"ORDER BY e.sort_key LIMIT {int(limit)}"
    )
    return [row[0] for row in driver.execute(by_key_sql, query.params)]


# -- searching without the index ---------------------------------------------
#
# After a bootstrap, and after any other pull that recorded more than
# search_index.INLINE_REFRESH_MAX ids, the index lags behind the tables until
# search_index.build_index has run in the background. Meanwhile a search
# reads the table itself and computes each row's normalized fields and name
# initials in Python, as build_entry would. So it finds the same records as
# the index does, only more slowly (an estimate: 1 to 2 s per 100,000 rows).

# SQL function names of the row checks below, registered on the connection.
FALLBACK_MATCH_FUNCTION = "search_fallback_match"
FALLBACK_ANCHOR_FUNCTION = "search_fallback_anchors"
# Bits of the value FALLBACK_ANCHOR_FUNCTION returns.
_ANCHOR_NAME_START = 1
_ANCHOR_WORD_START = 2


@functools.lru_cache(maxsize=64)
def _initials_pattern(needle: str) -> re.Pattern[str]:
    """Return a regular expression that finds `needle` in a stored `initials` text, as initials_match does.

    Each letter of `needle` must occur in the letter set of one character,
    and the sets of consecutive characters are separated by
    POSITION_SEPARATOR, so a match is a run of consecutive sets.
    """
    separator = re.escape(POSITION_SEPARATOR)
    any_letters = f"[^{separator}]*"
    sets = separator.join(f"{any_letters}{re.escape(letter)}{any_letters}" for letter in needle)
    return re.compile(f"(?:^|{separator}){sets}")


def _fallback_match(needle: str, use_initials: int, name: str | None, *values: str | None) -> bool:
    """Return whether a normalized field contains `needle`, or, with `use_initials`, the name's initials match it."""
    for value in values:
        if value and needle in normalize(value):
            return True
    if not use_initials or not name:
        return False
    initials = POSITION_SEPARATOR.join(map(char_initials, normalize(name)))
    return _initials_pattern(needle).search(initials) is not None


def _fallback_anchors(needle: str, name: str | None) -> int:
    """Return the _ANCHOR_* bits of where `needle` matches the name's initials: at its start, at a later word's start."""
    if not name:
        return 0
    normalized = normalize(name)
    initials = POSITION_SEPARATOR.join(map(char_initials, normalized))
    pattern = _initials_pattern(needle)
    found = pattern.search(initials)
    if found is None:
        return 0
    anchors = _ANCHOR_NAME_START if found.start() == 0 else 0
    _, starts = name_words(normalized)
    positions = initials.split(POSITION_SEPARATOR)
    if any(_initials_at(positions, needle, start) for start in starts):
        anchors |= _ANCHOR_WORD_START
    return anchors


def _initials_at(positions: list[str], needle: str, start: int) -> bool:
    if start + len(needle) > len(positions):
        return False
    return all(needle[offset] in positions[start + offset] for offset in range(len(needle)))


def _register_fallback_functions(driver) -> None:
    """Register the row checks of the search without the index, once per connection (see _register_functions)."""
    try:
        driver.execute(f"SELECT {FALLBACK_ANCHOR_FUNCTION}('', '')").fetchall()
    except sqlite3.OperationalError:
        driver.create_function(FALLBACK_MATCH_FUNCTION, -1, _fallback_match, deterministic=True)
        driver.create_function(FALLBACK_ANCHOR_FUNCTION, 2, _fallback_anchors, deterministic=True)


def _uses_initials(needle: str) -> bool:
    # The index matches initials grams for every query of up to three
    # characters, and checks the initials of a longer query only when it is
    # all ASCII letters (see _match_sql).
    return len(needle) <= GRAM_LENGTH or (needle.isascii() and needle.isalpha())


def _run_without_index(
    session: Session, kind: str, table: str, query: _Query, text: str, sort: str, limit: int, offset: int,
    barcode: str | None,
) -> _Page:
    """Return the same page as _run, read from the table "t" without the search index.

    It finds the same matches and counts them alike. NOTE: names sort in
    code point order here, not in pinyin order, because the pinyin sort key
    is part of the index. So the name sort, and the order within the
    name-prefix tier, can differ from the index's, and within an initials
    tier of more than COUNT_CAP matches the first page can too.
    """
    driver = session.connection().connection.driver_connection
    _register_fallback_functions(driver)
    indexed = KINDS[kind]
    needle = normalize(text.strip())
    where = query.where_sql()
    page_end = offset + limit
    page_clause = f"LIMIT {int(limit)} OFFSET {int(offset)}"
    if sort.lstrip("-") == "name":
        order = f"t.name {'DESC' if sort.startswith('-') else 'ASC'}, t.code"
    else:
        order = _order_sql(kind, sort)
    if not needle and not barcode:
        ids = [row[0] for row in driver.execute(
            f"SELECT t.id FROM {table} t WHERE {where} ORDER BY {order} {page_clause}", query.params
        )]
        count_sql = f"SELECT count(*) FROM (SELECT 1 FROM {table} t WHERE {where} LIMIT {COUNT_CAP + 1})"
        return _capped(driver.execute(count_sql, query.params).fetchone()[0], ids)

    match_condition = ""
    match_ids: list[str] = []
    count_cap = COUNT_CAP
    if needle:
        value_columns = ", ".join(f"t.{column}" for column in indexed.columns)
        needle_param = query.param(needle)
        match_condition = (
            f"{FALLBACK_MATCH_FUNCTION}({needle_param}, {int(_uses_initials(needle))}, "
            f"t.{indexed.initials_column}, {value_columns})"
        )
        contacts = getattr(indexed, "contacts", None)
        if contacts is not None:
            # The index contains the phones of the record's live contacts too.
            phones = ", ".join(f"c.{column}" for column in contacts.phone_columns)
            match_condition = (
                f"({match_condition} OR EXISTS (SELECT 1 FROM {contacts.table} c "
                f"WHERE c.{contacts.parent_column} = t.id AND c.deleted_at IS NULL "
                f"AND {FALLBACK_MATCH_FUNCTION}({needle_param}, 0, NULL, {phones})))"
            )
        # Rowid order is the order in which a rebuild adds the entries, so it is the index's order.
        match_sql = f"SELECT t.id FROM {table} t WHERE {match_condition} AND {where} ORDER BY t.rowid"
        reach = max(COUNT_CAP + 1, page_end) if sort == RELEVANCE else COUNT_CAP + 1
        if len(needle) < MIN_GRAM:
            count_cap = page_end if sort == RELEVANCE else COUNT_CAP
            reach = count_cap + 1
        match_ids = [row[0] for row in itertools.islice(driver.execute(match_sql, query.params), reach)]
    matched = dict.fromkeys(match_ids)
    if barcode:
        barcode_sql = f"SELECT t.id FROM {table} t WHERE {barcode} AND {where} ORDER BY t.code LIMIT {COUNT_CAP + 1}"
        matched.update(dict.fromkeys(row[0] for row in driver.execute(barcode_sql, query.params)))
    capped = len(matched) > count_cap

    if sort != RELEVANCE:
        hits = [f"({match_condition})"] if needle else []
        if barcode:
            hits.append(f"({barcode})")
        page_sql = f"SELECT t.id FROM {table} t WHERE ({' OR '.join(hits)}) AND {where} ORDER BY {order} {page_clause}"
        ids = [row[0] for row in driver.execute(page_sql, query.params)]
        return _Page(ids, min(len(matched), count_cap), capped)

    ranked: dict[str, None] = {}
    filters = query.where_sql(use_indexes=False)
    for conditions, order_columns in _tier_conditions(query, text.strip(), barcode):
        if len(ranked) >= page_end:
            break
        columns = ", ".join(f"t.{column}" for column in order_columns)
        tier_rows = []
        for condition_sql in conditions:
            tier_sql = (
                f"SELECT {columns}, t.id FROM {table} t WHERE {condition_sql} AND {filters} "
                f"ORDER BY {columns} LIMIT {int(page_end)}"
            )
            tier_rows.extend(driver.execute(tier_sql, query.params))
        for row in sorted(tier_rows):
            ranked.setdefault(row[-1])
    if needle.isascii() and needle.isalpha() and len(needle) >= MIN_GRAM and len(ranked) < page_end:
        for row_id in _initials_tiers_without_index(driver, query, indexed, needle, filters, page_end):
            ranked.setdefault(row_id)
    for row_id in matched:
        if len(ranked) >= page_end:
            break
        ranked.setdefault(row_id)
    total = len(matched.keys() | ranked.keys())
    return _Page(list(ranked)[offset:page_end], min(total, count_cap), capped or total > count_cap)


def _initials_tiers_without_index(
    driver, query: _Query, indexed, needle: str, filters: str, limit: int
) -> list[str]:
    """Return the ids of both initials tiers of _initials_tier, name starts first, from one table scan.

    As there, each tier sorts only its first max(COUNT_CAP, limit) matches in
    index order, by the pinyin sort key that the index would store, computed
    here for the matches only. A name matches the word-start tier when a
    later word's initials start with `needle`. For a query of four or more
    letters, that tier leaves out the names of the name-start tier, as
    RANK_FUNCTION does.
    """
    name_column = indexed.initials_column
    sql = (
        f"SELECT t.id, t.code, t.{name_column}, {FALLBACK_ANCHOR_FUNCTION}({query.param(needle)}, t.{name_column}) "
        f"AS anchors FROM {indexed.table} t WHERE anchors > 0 AND {filters} ORDER BY t.rowid"
    )
    reach = max(COUNT_CAP, limit)
    tiers: dict[int, list[tuple[str, str]]] = {_ANCHOR_NAME_START: [], _ANCHOR_WORD_START: []}
    for row_id, code, name, anchors in driver.execute(sql, query.params):
        sort_key = None
        for bit, rows in tiers.items():
            if not anchors & bit or len(rows) >= reach:
                continue
            if bit == _ANCHOR_WORD_START and len(needle) > GRAM_LENGTH and anchors & _ANCHOR_NAME_START:
                continue
            if sort_key is None:
                sort_key = _fallback_sort_key(name, code)
            rows.append((sort_key, row_id))
        if all(len(rows) >= reach for rows in tiers.values()):
            break
    ordered: list[str] = []
    for bit in (_ANCHOR_NAME_START, _ANCHOR_WORD_START):
        ordered.extend(row_id for _, row_id in sorted(tiers[bit])[:limit])
    return ordered


def _fallback_sort_key(name: str | None, code: str | None) -> str:
    """Return the sort key that sync.search_index.build_entry stores for a record with this name and code."""
    normalized = normalize(name)
    segments, _ = name_words(normalized)
    return name_sort_key(segments, normalized, normalize(code))


def _capped(count: int, ids: list[str]) -> _Page:
    return _Page(ids, min(count, COUNT_CAP), count > COUNT_CAP)


def _rows_in_order(session: Session, model, ids: list[str], columns: Sequence[str]) -> list[dict[str, Any]]:
    if not ids:
        return []
    selected = [getattr(model, name) for name in columns]
    found = {row.id: row._asdict() for row in session.execute(select(*selected).where(model.id.in_(ids)))}
    return [found[row_id] for row_id in ids if row_id in found]


# -- customers ---------------------------------------------------------------

CUSTOMER_COLUMNS = (
    "id", "code", "name", "mnemonic", "phone", "category_id", "sales_region_id", "owner_id",
    "default_warehouse_id", "last_follow_up_date", "active", "deleted_at",
)


def _customer_conditions(query: _Query, filters: CustomerFilters, today: dt.date) -> None:
    if not filters.include_deleted:
        query.where("t.deleted_at IS NULL")
    if not filters.include_inactive:
        query.where("t.active = 1")
    query.where_in("t.category_id", filters.category_ids)
    query.where_in("t.sales_region_id", filters.sales_region_ids)
    query.where_in("t.owner_id", filters.owner_ids)
    query.where_in("t.default_warehouse_id", filters.warehouse_ids)
    if filters.min_days_since_follow_up is not None:
        if filters.min_days_since_follow_up < 0:
            raise ValueError(
                f"min_days_since_follow_up must not be negative; got {filters.min_days_since_follow_up}"
            )
        cutoff = today - dt.timedelta(days=filters.min_days_since_follow_up)
        # Dates are stored as ISO text, so text order is date order.
        query.where(f"(t.last_follow_up_date IS NULL OR t.last_follow_up_date <= {query.param(cutoff.isoformat())})")
    if filters.has_overdue_receivables is not None:
        # The same rule as domain.posting.receivables.overdue_amount: a posted
        # delivery due before today whose total exceeds its allocations that
        # are not reversed. Both amounts are the same scaled integer (fen), so
        # the comparison is exact.
        overdue = (
            "EXISTS (SELECT 1 FROM delivery_note d WHERE d.customer_id = t.id AND d.status = 'posted' "
            f"AND d.due_date < {query.param(today.isoformat())} AND d.total_amount > "
            "(SELECT coalesce(sum(a.amount), 0) FROM payment_allocation a "
            "WHERE a.delivery_id = d.id AND a.reversed = 0))"
        )
        query.where(overdue if filters.has_overdue_receivables else f"NOT {overdue}")


def search_customers(
    session: Session,
    text: str = "",
    filters: CustomerFilters | None = None,
    *,
    limit: int = DEFAULT_LIMIT,
    offset: int = 0,
    sort: str = RELEVANCE,
    today: dt.date | None = None,
) -> SearchResult:
    """Return one page of customers matching `text` and `filters`, with the count up to COUNT_CAP.

    `today` is the date the follow-up and overdue filters count from (default: the local date).
    `sort` is "relevance" or a key of CUSTOMER_SORT_KEYS, with a "-" prefix for descending.
    """
    query = _Query()
    _customer_conditions(query, filters or CustomerFilters(), today or dt.date.today())
    page = _run(session, "customer", "customer", query, text, sort, limit, offset)
    return SearchResult(_rows_in_order(session, Customer, page.ids, CUSTOMER_COLUMNS), page.total, page.capped)


def count_customers(session: Session, filters: CustomerFilters | None = None, *, today: dt.date | None = None) -> int:
    """Return the exact number of customers that `filters` select, for a list with no search text.

    Unlike the capped count of search_customers, this reads every selected
    row: 17.5 ms for 100,000 customers on the 2-vCPU machine of
    docs/benchmarks.md, so a list runs it after its first page is shown.
    """
    query = _Query()
    _customer_conditions(query, filters or CustomerFilters(), today or dt.date.today())
    return _count_rows(session, "customer", query)


def _count_rows(session: Session, table: str, query: _Query) -> int:
    driver = session.connection().connection.driver_connection
    return driver.execute(f"SELECT count(*) FROM {table} t WHERE {query.where_sql()}", query.params).fetchone()[0]


# -- products ----------------------------------------------------------------

PRODUCT_COLUMNS = (
    "id", "code", "name", "variant", "mnemonic", "base_unit", "barcode", "category_id", "brand_id",
    "list_price", "active", "deleted_at",
)


def search_products(
    session: Session,
    text: str = "",
    filters: ProductFilters | None = None,
    *,
    warehouse_ids: Sequence[str] | None = None,
    limit: int = DEFAULT_LIMIT,
    offset: int = 0,
    sort: str = RELEVANCE,
) -> SearchResult:
    """Return one page of products matching `text`, each with its available stock per warehouse.

    A row's "available" maps warehouse id to on hand minus reserved, in base
    units, summed over batches, for the warehouses in `warehouse_ids` (all
    warehouses of the replica when None). The replica contains balances of
    the user's warehouses only.
    """
    filters = filters or ProductFilters()
    query = _Query()
    if not filters.include_deleted:
        query.where("t.deleted_at IS NULL")
    if not filters.include_inactive:
        query.where("t.active = 1")
    query.where_in("t.category_id", filters.category_ids)
    query.where_in("t.brand_id", filters.brand_ids)
    barcode = _barcode_condition(query, text.strip())
    page = _run(session, "product", "product", query, text, sort, limit, offset, barcode=barcode)
    rows = _rows_in_order(session, Product, page.ids, PRODUCT_COLUMNS)
    available = available_stock(session, page.ids, warehouse_ids)
    for row in rows:
        row["available"] = available.get(row["id"], {})
    return SearchResult(rows, page.total, page.capped)


def available_stock(
    session: Session, product_ids: Sequence[str], warehouse_ids: Sequence[str] | None = None
) -> dict[str, dict[str, Decimal]]:
    """Return product id -> warehouse id -> on hand minus reserved, summed over batches."""
    if not product_ids:
        return {}
    statement = select(StockBalance.product_id, StockBalance.warehouse_id, StockBalance.on_hand, StockBalance.reserved)
    statement = statement.where(StockBalance.product_id.in_(list(product_ids)))
    if warehouse_ids is not None:
        statement = statement.where(StockBalance.warehouse_id.in_(list(warehouse_ids)))
    result: dict[str, dict[str, Decimal]] = {}
    for product_id, warehouse_id, on_hand, reserved in session.execute(statement):
        per_warehouse = result.setdefault(product_id, {})
        # Quantities are exact Decimals; no rounding is applied.
        per_warehouse[warehouse_id] = per_warehouse.get(warehouse_id, Decimal(0)) + on_hand - reserved
    return result


# -- suppliers ---------------------------------------------------------------

SUPPLIER_COLUMNS = ("id", "code", "name", "mnemonic", "phone", "active", "deleted_at")


def search_suppliers(
    session: Session,
    text: str = "",
    *,
    include_inactive: bool = True,
    include_deleted: bool = False,
    limit: int = DEFAULT_LIMIT,
    offset: int = 0,
    sort: str = RELEVANCE,
) -> SearchResult:
    """Return one page of suppliers matching `text`, with the count up to COUNT_CAP."""
    query = _supplier_query(include_inactive, include_deleted)
    page = _run(session, "supplier", "supplier", query, text, sort, limit, offset)
    return SearchResult(_rows_in_order(session, Supplier, page.ids, SUPPLIER_COLUMNS), page.total, page.capped)


def count_suppliers(session: Session, *, include_inactive: bool = True, include_deleted: bool = False) -> int:
    """Return the exact number of suppliers a list with no search text shows (see count_customers)."""
    return _count_rows(session, "supplier", _supplier_query(include_inactive, include_deleted))


def _supplier_query(include_inactive: bool, include_deleted: bool) -> _Query:
    query = _Query()
    if not include_deleted:
        query.where("t.deleted_at IS NULL")
    if not include_inactive:
        query.where("t.active = 1")
    return query


# -- saved filters -----------------------------------------------------------


def save_filter(session: Session, user_id: str, view: str, name: str, criteria: dict[str, Any]) -> None:
    """Store a named filter of `view` for the user on this device, replacing one of the same name.

    NOTE: saved filters stay on this device; they are not replicated to the
    user's other PCs.
    """
    name = name.strip()
    if not name:
        raise ValueError("a saved filter needs a name")
    existing = session.scalar(
        select(SavedSearchFilter).where(
            SavedSearchFilter.user_id == user_id, SavedSearchFilter.view == view, SavedSearchFilter.name == name
        )
    )
    if existing is None:
        session.add(SavedSearchFilter(user_id=user_id, view=view, name=name, criteria=dict(criteria)))
    else:
        existing.criteria = dict(criteria)
    session.flush()


def saved_filters(session: Session, user_id: str, view: str) -> dict[str, dict[str, Any]]:
    """Return the user's saved filters of `view` by name, in name order."""
    rows = session.scalars(
        select(SavedSearchFilter)
        .where(SavedSearchFilter.user_id == user_id, SavedSearchFilter.view == view)
        .order_by(SavedSearchFilter.name)
    )
    return {row.name: dict(row.criteria or {}) for row in rows}


def delete_saved_filter(session: Session, user_id: str, view: str, name: str) -> bool:
    """Delete one saved filter; return whether it existed."""
    result = session.execute(
        delete(SavedSearchFilter).where(
            SavedSearchFilter.user_id == user_id, SavedSearchFilter.view == view, SavedSearchFilter.name == name
        )
    )
    return bool(result.rowcount)
