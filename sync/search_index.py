"""The replica's search index of customers, products and suppliers, and how it stays current.

Structure
---------
`search_entry` (a client-only table, never replicated) contains one row per
indexed record: the record's searchable fields, normalized, in `haystack`,
and the pinyin initials of its name in `initials`. For customers and
suppliers the fields include the mobile and landline numbers of every
contact that is not soft-deleted (customer_contact, supplier_contact). Each kind has a
contentless FTS5 table (`search_fts_customer`, ...) whose rowid is the entry
id. Its only column contains the entry's n-grams. These are every substring
of two and three characters of each field, and every two- and three-letter
initials string of consecutive characters of the name under any reading.
A query of two or three characters is one token lookup, so the
two-character queries that Chinese users type (重庆, cq) are looked up in
the index, which FTS5's own trigram tokenizer cannot do. A longer query is
the AND of its trigrams, and the entry itself decides: `haystack` contains
the query, or `initials` matches it (see `initials_match`). A one-character
query scans `search_entry` in id order instead, which is cheap with the
small page and the count cap of sync.search.

Two- and three-letter initials windows that start at the name's first
character, or at a word start stored in `word_starts`, are indexed once more
with a private-use mark in front (NAME_START_MARK, WORD_START_MARK). sync.search
reads these marked grams first, so names that start with the typed initials
rank above names that contain them elsewhere. `sort_key` contains the name's
pinyin (see name_sort_key); an index on (kind, sort_key) lets the lists sort
by name in pinyin order and stop after a page.

One-character grams are left out on purpose: each one matches a large
share of all records, and leaving them out shortens every index build.

Fields are normalized by NFKC, lower case and dropping everything that is
not a letter or a digit (spaces, dashes, brackets), and a query goes through
the same function, so "138-0013" finds the phone 13800138000.

Pinyin initials
---------------
pypinyin (0.55) gives every reading of a character with heteronym=True.
The index keeps the first one and those that a phrase of pypinyin's phrase
dictionary uses (see char_initials), so each character contributes a set of
initials: 重庆 is {z, c} + {q} and matches "cq" and "zq". `initials` stores these sets per character,
joined by commas ("zct,q"). The n-grams list every combination inside a
window of two or three characters, at most 4 x 4 x 4 per window, so a long
name with many heteronyms stays cheap to index.

Keeping the index current
-------------------------
SQLite triggers on customer, product and supplier record the id of every
inserted, deleted or updated row (updates of indexed columns only) in
`search_dirty`, in the writer's transaction. Triggers on the contact tables
record the id of the contact's customer or supplier, the old and the new
one when an update (a merge, for example) re-points the contact. They catch every write path:
the raw executemany of a pulled page, tombstone deletes, commands run on the
replica through the ORM, undo and rebase (which restore rows with plain
SQL) and a replica rebuild. pypinyin cannot run inside a trigger unless a
Python function is registered on every connection that writes, so the
triggers only record ids, and `refresh` computes the entries of the
recorded rows afterwards:

- sync.search calls `refresh_if_small` at the start of every query, in the
  query's transaction, so results are never stale. When more than
  INLINE_REFRESH_MAX records wait (a bootstrap, a large pull), it leaves
  the index alone and the search reads the tables without it;
- SyncEngine.pull calls `refresh_if_small` once after its last page and
  reports in PullReport.search_index_pending whether a larger refresh is
  left. The desktop (a background task) and `kaidan sync` (after printing
  the sync result) then call `build_index`, so a bootstrap builds the
  whole index in bulk after the pull instead of per page.

A rebuild marker (search_dirty row id `REBUILD_MARK`) asks for a rebuild
of the whole kind from its table in rowid order, which costs less per record
than refreshing ids one by one. While a kind's marker is present its
triggers record nothing, since the rebuild will read every row. The rebuild
removes the marker when it starts and records how far it has read in
search_rebuild. So `build_index` commits every REBUILD_CHUNK rows, and a
local save waits for one chunk at most. A write during the rebuild is
recorded by the triggers and refreshed once the rebuild ends. The replica
migration sets the markers, so a new replica's first bootstrap records no
ids. `refresh` also rebuilds a kind whole when at least REBUILD_MIN_DIRTY
ids, and half of its rows, are recorded. `begin_bulk_load` sets the markers
and drops the triggers too, which removes their cost from a bootstrap's
inserts; the rebuild creates them again. The markers commit with the first
page, so a bootstrap killed at any point still ends in a full rebuild.

A recorded id is removed in the same transaction that writes its entry, and
a page's ids commit with the page. A bootstrap killed between pages, or
during `build_index`, therefore leaves the remaining ids recorded, and
the next refresh finishes them.

Product barcodes (product_barcode, product_unit) are not in the index:
sync.search looks them up through the replicated tables' own barcode
indexes, which are always current.

The FTS tables are contentless, so an entry's n-grams are removed by
repeating them in an FTS5 'delete' command. They are computed again from
the stored `haystack` and `initials` only, never from pypinyin, so an
upgraded pypinyin cannot make a delete disagree with the earlier insert.
A change to the n-gram rules needs a migration that calls `rebuild`.
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
import logging
import operator
import re
import time
import unicodedata
from collections.abc import Callable, Iterable, Sequence

from pypinyin import Style, lazy_pinyin, pinyin
from pypinyin.seg.mmseg import seg as phrase_segmenter
from sqlalchemy.orm import Session

log = logging.getLogger(__name__)

# The shortest and longest n-gram in the index. Queries of these lengths are one token lookup.
MIN_GRAM = 2
GRAM_LENGTH = 3
# Records refreshed per statement batch; stays below SQLite's bound-parameter limit.
REFRESH_CHUNK = 500
# Records refreshed per transaction by refresh_replica and build_index, so
# a command of another thread waits at most for one batch.
REPLICA_BATCH = 20_000
# Rows of a kind's rebuild per transaction in build_index and refresh_replica.
# A local save on another connection waits for at most one chunk. An
# estimate from the rebuild rates in docs/benchmarks.md: 0.15 s on its
# 2-vCPU machine, well under sync.replica's 30 s busy timeout.
REBUILD_CHUNK = 2_000
# Rows read per fetch while rebuilding a whole kind after a bulk load.
REBUILD_FETCH = 5_000
# FTS5 'hashsize': bytes of pending index changes kept in memory before
# FTS5 writes a segment (default 1 MB). Pending changes are written at every
# commit anyway, so this only matters for large transactions. With 16 MB the
# insert of the n-grams of 100,000 bench/search_bench.py customers took 1.2 s
# instead of 1.9 s on the 2-vCPU machine of docs/benchmarks.md.
FTS_HASH_SIZE = 16 * 1024 * 1024
# A kind with at least this many recorded ids, and at least half of its
# rows recorded, is rebuilt whole. Reading the table in rowid order costs
# less than looking up each recorded id: 4.5 s against 7.4 s per 100,000
# customers in one bench/search_bench.py run. Both bounds are estimates.
REBUILD_MIN_DIRTY = 10_000
# The search_dirty row id that requests a rebuild of the whole kind; never a real id.
REBUILD_MARK = "*"
# The most recorded ids that a search or a pull refreshes inline, in its own
# transaction. Refreshing an id costs about 75 us (7.4 s per 100,000 in the
# measurement above), so 2,000 ids keep a search's wait near 0.15 s. More
# ids, or a rebuild marker, are left to build_index in the background, and
# searches take the slower path without the index meanwhile (see sync.search).
INLINE_REFRESH_MAX = 2_000
# Separates fields in `haystack` and per-character sets in `initials`;
# normalized text never contains either.
FIELD_SEPARATOR = " "
POSITION_SEPARATOR = ","
# Prefixes of the anchored initials grams: NAME_START_MARK + "zq" is indexed
# when a reading of the name's first characters is "zq", WORD_START_MARK +
# "zq" when one of a later word's first characters is. Both are private-use
# characters, which normalize() drops, so no field gram can be equal to them.
NAME_START_MARK = "\ue000"
WORD_START_MARK = "\ue001"
# Ranks of an initials match, as initials_rank returns them.
RANK_NAME_START, RANK_WORD_START, RANK_INSIDE, RANK_NONE = 0, 1, 2, 3
# Separates the pinyin, the name and the code in `sort_key`; below every printable character.
SORT_KEY_SEPARATOR = "\x1f"


@dataclasses.dataclass(frozen=True)
class ContactPhones:
    """A contact table whose phone numbers are indexed with the record each contact belongs to."""

    table: str
    # The column that references the indexed record.
    parent_column: str
    phone_columns: tuple[str, ...] = ("mobile", "phone")


# The name of the computed source value with the phones of a record's contacts.
CONTACT_PHONES = "contact_phones"
# Separates the phones in CONTACT_PHONES. It is not a space, because a phone may contain spaces.
PHONE_SEPARATOR = "\x1f"


@dataclasses.dataclass(frozen=True)
class IndexedKind:
    """A searchable table: which columns go into the index and which one gives the pinyin initials."""

    kind: str
    table: str
    # Text columns whose normalized values make up `haystack`, name first.
    columns: tuple[str, ...]
    initials_column: str = "name"
    # Contacts whose phones (not soft-deleted) follow the columns in `haystack`.
    contacts: ContactPhones | None = None

    @property
    def fts_table(self) -> str:
        return f"search_fts_{self.kind}"

    @property
    def source_columns(self) -> list[str]:
        """The table columns an entry is computed from, id first."""
        return list(dict.fromkeys(("id", *self.columns, self.initials_column)))

    @property
    def select_columns(self) -> list[str]:
        """The names of the values that `select_sql` reads, in its order."""
        return self.source_columns + ([CONTACT_PHONES] if self.contacts else [])

    def select_sql(self) -> str:
        """Return the SELECT list of the values an entry is computed from, for a query on the kind's table.

        The phones of the record's live contacts come as one text, separated
        by PHONE_SEPARATOR, from a subquery on the contact table's parent index.
        """
        columns = [f"{self.table}.{column}" for column in self.source_columns]
        if self.contacts:
            contacts = self.contacts
            phones = f" || char({ord(PHONE_SEPARATOR)}) || ".join(
                f"coalesce(c.{column}, '')" for column in contacts.phone_columns
            )
            columns.append(
                f"(SELECT group_concat({phones}, char({ord(PHONE_SEPARATOR)})) FROM {contacts.table} c "
                f"WHERE c.{contacts.parent_column} = {self.table}.id AND c.deleted_at IS NULL)"
            )
        return ", ".join(columns)


KINDS: dict[str, IndexedKind] = {
    "customer": IndexedKind(
        "customer", "customer", ("name", "code", "mnemonic", "phone"),
        contacts=ContactPhones("customer_contact", "customer_id"),
    ),
    "product": IndexedKind("product", "product", ("name", "code", "mnemonic", "variant", "barcode")),
    "supplier": IndexedKind(
        "supplier", "supplier", ("name", "code", "mnemonic", "phone"),
        contacts=ContactPhones("supplier_contact", "supplier_id"),
    ),
}

_NOT_ALNUM = re.compile(r"[\W_]+")


def normalize(text: str | None) -> str:
    """Return `text` in the index's form: NFKC, lower case, letters and digits only."""
    if not text:
        return ""
    folded = unicodedata.normalize("NFKC", text).lower()
    if folded.isalnum():
        return folded
    # \W plus "_" removes exactly the characters for which str.isalnum() is false.
    return _NOT_ALNUM.sub("", folded)


def _reading_initial(reading: str) -> str:
    """Return the first letter of a pinyin reading without its tone mark ("à" gives "a")."""
    return unicodedata.normalize("NFD", reading[:1])[:1].lower()


@functools.cache
def _phrase_initials() -> dict[str, frozenset[str]]:
    """Return, per character, the initials of the readings that pypinyin's phrase dictionary uses for it.

    Built once per process from pypinyin.phrases_dict (47,111 phrases in
    pypinyin 0.55, about 0.4 s). mmseg and lazy_pinyin load that dictionary anyway.
    """
    from pypinyin.phrases_dict import phrases_dict

    evidence: dict[str, set[str]] = {}
    for phrase, readings in phrases_dict.items():
        if len(phrase) != len(readings):
            continue
        for ch, choices in zip(phrase, readings):
            evidence.setdefault(ch, set()).update(_reading_initial(choice) for choice in choices)
    return {ch: frozenset(letters) for ch, letters in evidence.items()}


@functools.lru_cache(maxsize=65_536)
def char_initials(ch: str) -> str:
    """Return the pinyin initials of one normalized character's readings, most common reading first.

    The first reading of pypinyin's character dictionary is always kept.
    Another reading counts only when a phrase of pypinyin's phrase
    dictionary reads the character that way: 重 keeps chóng (重庆) besides
    zhòng and 长 keeps cháng (长沙) besides zhǎng, but 精 drops qíng.
    Measured on the 2,000 Chinese customers of the demo data
    (server_stub.demo), the readings without phrase evidence added only
    matches inside a name, such as 柳州精芯 and 苏州巨奥 for "zq" (9 of 57
    matches), and 3 word-start matches for "cs". No name-start match of
    "zq", "cq", "zs" or "cs" needed one, and nobody reads 州精 as "zq".
    Letters and digits that are not Chinese stand for themselves, so
    "ABC超市" has the initials "abccs".
    """
    if ch.isascii():
        return ch
    readings = pinyin(ch, style=Style.TONE, heteronym=True)[0]
    evidence = _phrase_initials().get(ch, frozenset())
    letters: list[str] = []
    for position, reading in enumerate(readings):
        first = _reading_initial(reading)
        if not (first.isascii() and first.isalpha()) or first in letters:
            continue
        if position == 0 or first in evidence:
            letters.append(first)
    return "".join(letters) or ch


def initials_positions(name: str) -> list[str]:
    """Return the set of initials of each character of a normalized name."""
    return [char_initials(ch) for ch in name]


@dataclasses.dataclass(frozen=True)
class Entry:
    """The stored form of one record in the index."""

    haystack: str
    # Per-character initials sets of the name, joined by POSITION_SEPARATOR.
    initials: str
    # Positions in the normalized name, after 0, where a word starts, joined by POSITION_SEPARATOR.
    word_starts: str = ""
    # The name's pinyin, then the name and the code: text order is pinyin order (see name_sort_key).
    sort_key: str = ""


@functools.lru_cache(maxsize=65_536)
def _segment_reading(segment: str) -> str:
    # pypinyin reads a phrase as a whole (重庆 gives chong qing), so whole segments are looked up.
    return " ".join(part.lower() for part in lazy_pinyin(segment, errors="default"))


def _char_class(ch: str) -> int:
    if ch.isdigit():
        return 0
    return 1 if ch.isascii() else 2


def name_words(name: str) -> tuple[list[str], list[int]]:
    """Split a normalized name into segments and return them with the positions, after 0, where words start.

    Segments come from pypinyin's phrase segmentation (mmseg). A segment of
    two or more Chinese characters is a word, so its start and the position
    after it are word starts. So is every change between digits, ASCII
    letters and other characters ("丽江Tea2号店" has words at 2, 5 and 6).
    NOTE: pypinyin's phrase list contains mainly words whose reading
    differs from their characters' usual readings, so many words (温州,
    贸易) are not recognized and their characters count as one run.
    """
    segments = list(phrase_segmenter.cut(name)) if name else []
    if "".join(segments) != name:
        segments = list(name)
    starts: set[int] = set()
    position = 0
    for segment in segments:
        if len(segment) > 1 and not segment.isascii():
            starts.update((position, position + len(segment)))
        position += len(segment)
    for position in range(1, len(name)):
        if _char_class(name[position]) != _char_class(name[position - 1]):
            starts.add(position)
    return segments, sorted(start for start in starts if 0 < start < len(name))


def name_sort_key(segments: list[str], name: str, code: str) -> str:
    """Return the text that orders records by the pinyin of their name, then by name and code.

    Each segment is read as a phrase, in lower case without tones, and
    syllables are separated by spaces, which sort before letters, so 阿里
    ("a li") comes before 安 ("an"). Letters and digits stay as they are.
    The code at the end makes every key unique, so paging by key is stable.
    """
    words: list[str] = []
    previous_ascii = False
    for segment in segments:
        is_ascii = segment.isascii()
        if is_ascii and previous_ascii:
            # The segmenter splits Latin text into single letters; a Latin word sorts as one word.
            words[-1] += segment
        else:
            words.append(_segment_reading(segment))
        previous_ascii = is_ascii
    return SORT_KEY_SEPARATOR.join((" ".join(words), name, code))


def build_entry(kind: IndexedKind, values: dict[str, str | None]) -> Entry:
    """Compute the stored entry of a record from its column values."""
    parts = []
    for column in kind.columns:
        field = normalize(values.get(column))
        if field and field not in parts:
            parts.append(field)
    # Sorted, because the subquery of select_sql returns the contacts in no fixed order.
    contact_phones = sorted({normalize(phone) for phone in (values.get(CONTACT_PHONES) or "").split(PHONE_SEPARATOR)})
    parts.extend(phone for phone in contact_phones if phone and phone not in parts)
    name = normalize(values.get(kind.initials_column))
    segments, starts = name_words(name)
    return Entry(
        FIELD_SEPARATOR.join(parts),
        POSITION_SEPARATOR.join(map(char_initials, name)),
        POSITION_SEPARATOR.join(map(str, starts)),
        name_sort_key(segments, name, normalize(values.get("code"))),
    )


def _add_text_grams(text: str, grams: list[str]) -> None:
    # map() over shifted copies builds the n-grams in C, which is several
    # times faster than slicing in a Python loop.
    pairs = list(map(operator.add, text, text[1:]))
    grams.extend(pairs)
    grams.extend(map(operator.add, pairs, text[2:]))


@functools.lru_cache(maxsize=131_072)
def _window_grams(*letter_sets: str) -> tuple[str, ...]:
    """Return the initials strings of a window of characters, one letter from each set."""
    return tuple(map("".join, itertools.product(*letter_sets)))


def _add_initials_grams(positions: list[str], grams: list[str]) -> None:
    if all(len(letters) == 1 for letters in positions):
        _add_text_grams("".join(positions), grams)
        return
    # Windows repeat across names (city names, industry words, company
    # forms), so their combinations come from a cache.
    following = positions[1:]
    grams.extend(itertools.chain.from_iterable(map(_window_grams, positions, following)))
    grams.extend(itertools.chain.from_iterable(map(_window_grams, positions, following, positions[2:])))


def _add_anchored_grams(positions: list[str], word_starts: list[int], grams: list[str]) -> None:
    """Add the marked two- and three-letter initials grams that start at the name's start or a word start."""
    for start in [0, *word_starts]:
        mark = NAME_START_MARK if start == 0 else WORD_START_MARK
        for size in (MIN_GRAM, GRAM_LENGTH):
            window = positions[start : start + size]
            if len(window) == size:
                grams.extend(mark + letters for letters in _window_grams(*window))


def _positions(text: str) -> list[int]:
    return [int(part) for part in text.split(POSITION_SEPARATOR)] if text else []


def entry_grams(haystack: str, initials: str, word_starts: str = "") -> str:
    """Return the FTS5 document of an entry: its n-grams separated by spaces.

    Depends on the stored entry only, so the 'delete' of an entry repeats
    exactly the tokens of its insert. A gram can occur more than once, and
    FTS5 (detail=none) stores each token once per row anyway.
    """
    grams: list[str] = []
    for part in haystack.split(FIELD_SEPARATOR):
        _add_text_grams(part, grams)
    if initials:
        positions = initials.split(POSITION_SEPARATOR)
        _add_initials_grams(positions, grams)
        _add_anchored_grams(positions, _positions(word_starts), grams)
    return " ".join(grams)


def _matches_at(positions: list[str], query: str, start: int) -> bool:
    if start + len(query) > len(positions):
        return False
    return all(query[offset] in positions[start + offset] for offset in range(len(query)))


def initials_match(initials: str, query: str) -> bool:
    """Return whether some reading of consecutive characters has `query` as its initials."""
    if not initials or not query:
        return False
    positions = initials.split(POSITION_SEPARATOR)
    return any(_matches_at(positions, query, start) for start in range(len(positions) - len(query) + 1))


def initials_rank(initials: str, word_starts: str, query: str) -> int:
    """Return where `query` matches the name's initials: RANK_NAME_START, RANK_WORD_START, RANK_INSIDE or RANK_NONE."""
    if not initials or not query:
        return RANK_NONE
    positions = initials.split(POSITION_SEPARATOR)
    if _matches_at(positions, query, 0):
        return RANK_NAME_START
    if any(_matches_at(positions, query, start) for start in _positions(word_starts)):
        return RANK_WORD_START
    return RANK_INSIDE if initials_match(initials, query) else RANK_NONE


# -- schema ----------------------------------------------------------------


def create_fts_sql(kind: IndexedKind) -> str:
    # contentless (content=''), no positions (detail=none) and no sizes
    # (columnsize=0): the table contains only the token -> rowid lists. The
    # ascii tokenizer keeps every non-ASCII character inside tokens, so
    # Chinese n-grams stay whole.
    return (
        f"CREATE VIRTUAL TABLE {kind.fts_table} USING fts5("
        "grams, content='', detail=none, columnsize=0, tokenize='ascii')"
    )


def fts_config_sql(kind: IndexedKind) -> str:
    """Return the statement that sets the FTS table's persistent hashsize option."""
    return f"INSERT INTO {kind.fts_table} ({kind.fts_table}, rank) VALUES ('hashsize', {FTS_HASH_SIZE})"


def trigger_names(kind: IndexedKind) -> list[str]:
    return [f"search_dirty_{kind.kind}_{event}" for event in ("insert", "update", "delete")]


def trigger_sql(kind: IndexedKind) -> list[str]:
    """Return CREATE TRIGGER statements that record written ids of `kind` in search_dirty.

    The triggers record nothing while the kind's rebuild marker is present,
    because the rebuild reads every row anyway. The marker check is one
    lookup of a fixed key, cheaper than inserting a random id into the
    search_dirty B-tree: bench/search_bench.py measures both.
    """
    columns = ", ".join(kind.source_columns)
    record = "INSERT OR IGNORE INTO search_dirty (kind, row_id) VALUES ('{kind}', {ref}.id);"
    unless_marked = (
        f"WHEN NOT EXISTS (SELECT 1 FROM search_dirty WHERE kind = '{kind.kind}' AND row_id = '{REBUILD_MARK}')"
    )
    insert_name, update_name, delete_name = trigger_names(kind)
    return [
        f"CREATE TRIGGER {insert_name} AFTER INSERT ON {kind.table} {unless_marked} BEGIN "
        f"{record.format(kind=kind.kind, ref='NEW')} END",
        f"CREATE TRIGGER {update_name} AFTER UPDATE OF {columns} ON {kind.table} {unless_marked} BEGIN "
        f"{record.format(kind=kind.kind, ref='OLD')} {record.format(kind=kind.kind, ref='NEW')} END",
        f"CREATE TRIGGER {delete_name} AFTER DELETE ON {kind.table} {unless_marked} BEGIN "
        f"{record.format(kind=kind.kind, ref='OLD')} END",
    ]


def contact_trigger_names(kind: IndexedKind) -> list[str]:
    if kind.contacts is None:
        return []
    return [f"search_dirty_{kind.contacts.table}_{event}" for event in ("insert", "update", "delete")]


def contact_trigger_sql(kind: IndexedKind) -> list[str]:
    """Return CREATE TRIGGER statements that record the parent id of every written contact of `kind`.

    An update records the old and the new parent, so a contact re-pointed
    to another record (as a customer merge does) leaves the first record's
    entry and joins the second's. Setting deleted_at is an update too.
    """
    contacts = kind.contacts
    if contacts is None:
        return []
    parent = contacts.parent_column
    columns = ", ".join((parent, *contacts.phone_columns, "deleted_at"))
    record = "INSERT OR IGNORE INTO search_dirty (kind, row_id) VALUES ('{kind}', {ref}.{parent});"
    old = record.format(kind=kind.kind, ref="OLD", parent=parent)
    new = record.format(kind=kind.kind, ref="NEW", parent=parent)
    unless_marked = (
        f"WHEN NOT EXISTS (SELECT 1 FROM search_dirty WHERE kind = '{kind.kind}' AND row_id = '{REBUILD_MARK}')"
    )
    insert_name, update_name, delete_name = contact_trigger_names(kind)
    return [
        f"CREATE TRIGGER {insert_name} AFTER INSERT ON {contacts.table} {unless_marked} BEGIN {new} END",
        f"CREATE TRIGGER {update_name} AFTER UPDATE OF {columns} ON {contacts.table} {unless_marked} BEGIN "
        f"{old} {new} END",
        f"CREATE TRIGGER {delete_name} AFTER DELETE ON {contacts.table} {unless_marked} BEGIN {old} END",
    ]


def _kind_triggers(kind: IndexedKind) -> list[tuple[str, str]]:
    """Return (name, CREATE statement) of every trigger that records ids of `kind`, its own and its contacts'."""
    return list(zip(trigger_names(kind) + contact_trigger_names(kind), trigger_sql(kind) + contact_trigger_sql(kind)))


def _existing_triggers(connection) -> set[str]:
    return {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}


def _create_missing_triggers(connection, kind: IndexedKind) -> None:
    existing = _existing_triggers(connection)
    for name, sql in _kind_triggers(kind):
        if name not in existing:
            connection.execute(sql)


# -- refresh ---------------------------------------------------------------


def _chunks(items: Sequence[str], size: int) -> Iterable[Sequence[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _driver(session: Session):
    return session.connection().connection.driver_connection


def dirty_count(session: Session) -> int:
    """Return how many record ids wait for a refresh, not counting rebuild markers."""
    return session.connection().exec_driver_sql(
        "SELECT count(*) FROM search_dirty WHERE row_id <> ?", (REBUILD_MARK,)
    ).scalar_one()


def needs_refresh(session: Session) -> bool:
    """Return True when the next refresh writes: recorded ids, a rebuild marker or an unfinished rebuild."""
    connection = session.connection()
    return (
        connection.exec_driver_sql("SELECT 1 FROM search_dirty LIMIT 1").first() is not None
        or connection.exec_driver_sql("SELECT 1 FROM search_rebuild LIMIT 1").first() is not None
    )


def _rebuild_state(connection, kind: IndexedKind) -> tuple[bool, int | None]:
    """Return (rebuild marker set, last rowid of an unfinished rebuild or None) for `kind`."""
    marked = connection.execute(
        "SELECT 1 FROM search_dirty WHERE kind = ? AND row_id = ?", (kind.kind, REBUILD_MARK)
    ).fetchone() is not None
    progress = connection.execute("SELECT last_rowid FROM search_rebuild WHERE kind = ?", (kind.kind,)).fetchone()
    return marked, None if progress is None else progress[0]


def _rows_to_rebuild(connection, kind: IndexedKind, marked: bool, progress: int | None, limit: int | None = None) -> int:
    """Count the rows a rebuild still reads: all of a marked kind, those past `progress` of an unfinished one."""
    after = 0 if marked or progress is None else progress
    source = f"SELECT 1 FROM {kind.table} WHERE rowid > ?"
    if limit is not None:
        source += f" LIMIT {int(limit)}"
    return connection.execute(f"SELECT count(*) FROM ({source})", (after,)).fetchone()[0]


def refresh_is_large(session: Session) -> bool:
    """Return True when the next refresh processes more than INLINE_REFRESH_MAX records.

    A kind with a rebuild marker counts all of its rows, one with an
    unfinished rebuild the rows left to read. Such a refresh is left to
    `build_index`, not run inline by a search or a pull.
    """
    connection = _driver(session)
    pending = 0
    for kind in KINDS.values():
        marked, progress = _rebuild_state(connection, kind)
        # Counting stops past the threshold, so the check costs little on a large table.
        if marked or progress is not None:
            pending += _rows_to_rebuild(connection, kind, marked, progress, INLINE_REFRESH_MAX + 1)
        if not marked:
            pending += connection.execute(
                f"SELECT count(*) FROM (SELECT 1 FROM search_dirty WHERE kind = ? LIMIT {INLINE_REFRESH_MAX + 1})",
                (kind.kind,),
            ).fetchone()[0]
        if pending > INLINE_REFRESH_MAX:
            return True
    return False


def refresh_if_small(session: Session) -> bool:
    """Refresh the index in the session's transaction unless the refresh is large; return whether it is current.

    A search calls this first: False means that the index lags behind the
    tables until `build_index` runs, so the search must not use it.
    """
    if not needs_refresh(session):
        return True
    if refresh_is_large(session):
        return False
    refresh(session)
    return True


def pending_records(session: Session) -> int:
    """Return how many records a full refresh processes: every row of a marked kind, the rows an
    unfinished rebuild has still to read, plus recorded ids."""
    connection = _driver(session)
    total = 0
    for kind in KINDS.values():
        marked, progress = _rebuild_state(connection, kind)
        if marked or progress is not None:
            total += _rows_to_rebuild(connection, kind, marked, progress)
        if not marked:
            total += connection.execute("SELECT count(*) FROM search_dirty WHERE kind = ?", (kind.kind,)).fetchone()[0]
    return total


# Receives (records done, records in all) while build_index runs.
IndexProgress = Callable[[int, int], None]


def build_index(replica, progress: IndexProgress | None = None) -> int:
    """Bring the whole index up to date in the caller's thread; return how many records were processed.

    Runs `refresh` in transactions of up to REPLICA_BATCH recorded ids or
    REBUILD_CHUNK rows of a kind's rebuild, so a local save on another
    connection waits for one transaction at most, and a killed build resumes
    where its last transaction ended. `progress` is called after each
    transaction has committed, never while it holds the write lock.
    """
    with replica.transaction() as session:
        total = pending_records(session)
    started = time.perf_counter()
    done = 0
    while True:
        with replica.transaction() as session:
            processed = refresh(session, max_rows=REPLICA_BATCH, rebuild_rows=REBUILD_CHUNK)
            more = processed > 0 and needs_refresh(session)
        done += processed
        if progress is not None:
            # Writes during the build add records, so `done` can pass the first count.
            total = max(total, done)
            progress(done, total)
        if not more:
            break
    if progress is not None:
        progress(total, total)
    log.info("search index: built %d record(s) in %.2f s", done, time.perf_counter() - started)
    return done


def begin_bulk_load(session: Session) -> None:
    """Drop the search triggers and request a full rebuild from the next refresh, for a bootstrap.

    Call it in the transaction of a bootstrap's first page (or before it), so
    the pages insert rows without the trigger cost. The next `refresh` or
    `refresh_replica` creates the triggers again and rebuilds every kind from
    its table. Writes between this call and that refresh are not recorded,
    and need not be, because the rebuild reads the tables themselves.
    """
    connection = _driver(session)
    existing = _existing_triggers(connection)
    for kind in KINDS.values():
        for name, _ in _kind_triggers(kind):
            if name in existing:
                connection.execute(f"DROP TRIGGER {name}")
        connection.execute(
            "INSERT OR IGNORE INTO search_dirty (kind, row_id) VALUES (?, ?)", (kind.kind, REBUILD_MARK)
        )
    log.info("search index: triggers dropped for a bulk load; the next refresh rebuilds the index")


def refresh(
    session: Session,
    max_rows: int | None = None,
    rebuild_rows: int | None = None,
) -> int:
    """Bring the entries of recorded rows up to date in the session's transaction.

    Processes at most `max_rows` recorded ids when given, else all of them.
    A kind marked for a full rebuild (see `begin_bulk_load`), or with at
    least REBUILD_MIN_DIRTY recorded ids that make up half of its rows, is
    rebuilt from its table: `rebuild_rows` rows of it when given, the next
    call going on from there, else all of it. Returns how many records it
    processed.
    """
    connection = _driver(session)
    done = 0
    for kind in KINDS.values():
        marked, progress = _rebuild_state(connection, kind)
        if marked or (progress is None and _mostly_dirty(connection, kind)):
            progress = _start_rebuild(connection, kind)
        if progress is not None:
            done += _rebuild_kind(connection, kind, progress, rebuild_rows)
            # Ids recorded during the rebuild wait until it has read the whole
            # table; refreshed earlier, a row past `progress` would get two entries.
            continue
        budget = None if max_rows is None else max_rows - done
        if budget is not None and budget <= 0:
            continue
        sql = "SELECT row_id FROM search_dirty WHERE kind = ?"
        if budget is not None:
            sql += f" LIMIT {int(budget)}"
        row_ids = [row[0] for row in connection.execute(sql, (kind.kind,))]
        for chunk in _chunks(row_ids, REFRESH_CHUNK):
            _refresh_chunk(connection, kind, chunk)
            done += len(chunk)
    return done


def _mostly_dirty(connection, kind: IndexedKind) -> bool:
    dirty = connection.execute(
        f"SELECT count(*) FROM (SELECT 1 FROM search_dirty WHERE kind = ? LIMIT {REBUILD_MIN_DIRTY})", (kind.kind,)
    ).fetchone()[0]
    if dirty < REBUILD_MIN_DIRTY:
        return False
    dirty = connection.execute("SELECT count(*) FROM search_dirty WHERE kind = ?", (kind.kind,)).fetchone()[0]
    rows = connection.execute(f"SELECT count(*) FROM {kind.table}").fetchone()[0]
    return dirty * 2 >= rows


def _next_entry_id(connection) -> int:
    return connection.execute("SELECT coalesce(max(id), 0) + 1 FROM search_entry").fetchone()[0]


def _insert_entries(connection, kind: IndexedKind, rows: list[tuple[int, str, Entry]]) -> None:
    """Insert (entry id, row id, entry) rows and their n-grams."""
    connection.executemany(
        "INSERT INTO search_entry (id, kind, row_id, haystack, initials, word_starts, sort_key) "
        f"VALUES (?, '{kind.kind}', ?, ?, ?, ?, ?)",
        [(entry_id, row_id, entry.haystack, entry.initials, entry.word_starts, entry.sort_key)
         for entry_id, row_id, entry in rows],
    )
    connection.executemany(
        f"INSERT INTO {kind.fts_table} (rowid, grams) VALUES (?, ?)",
        [(entry_id, entry_grams(entry.haystack, entry.initials, entry.word_starts)) for entry_id, _, entry in rows],
    )


def _current_values(connection, kind: IndexedKind, row_ids: Sequence[str], marks: str) -> dict[str, dict]:
    """Return the source values of the rows of `row_ids` that exist, by id, as `select_sql` gives them.

    The contacts' phones of all the rows come from one query on the contact
    table, instead of select_sql's subquery per row. build_entry sorts and
    deduplicates them, so their order does not matter.
    """
    columns = kind.source_columns
    selected = ", ".join(f"{kind.table}.{column}" for column in columns)
    current = {
        row[0]: dict(zip(columns, row))
        for row in connection.execute(f"SELECT {selected} FROM {kind.table} WHERE id IN ({marks})", tuple(row_ids))
    }
    contacts = kind.contacts
    if contacts is None or not current:
        return current
    phones: dict[str, list[str]] = {}
    phone_columns = ", ".join(contacts.phone_columns)
    for parent_id, *values in connection.execute(
        f"SELECT {contacts.parent_column}, {phone_columns} FROM {contacts.table} "
        f"WHERE {contacts.parent_column} IN ({marks}) AND deleted_at IS NULL",
        tuple(row_ids),
    ):
        phones.setdefault(parent_id, []).extend(value or "" for value in values)
    for row_id, values in current.items():
        found = phones.get(row_id)
        values[CONTACT_PHONES] = PHONE_SEPARATOR.join(found) if found else None
    return current


def _refresh_chunk(connection, kind: IndexedKind, row_ids: Sequence[str]) -> None:
    """Rewrite the entries of `row_ids`: update changed ones, add new ones, drop those of deleted rows."""
    marks = ", ".join("?" for _ in row_ids)
    current = _current_values(connection, kind, row_ids, marks)
    stored = {
        row[1]: (row[0], Entry(*row[2:]))
        for row in connection.execute(
            "SELECT id, row_id, haystack, initials, word_starts, sort_key FROM search_entry "
            f"WHERE kind = ? AND row_id IN ({marks})",
            (kind.kind, *row_ids),
        )
    }

    removals: list[tuple[int, str]] = []
    dropped: list[tuple[int]] = []
    changed: list[tuple[str, str, str, str, int]] = []
    changed_grams: list[tuple[int, str]] = []
    added: list[tuple[int, str, Entry]] = []
    next_id = _next_entry_id(connection)
    for row_id in row_ids:
        old = stored.get(row_id)
        values = current.get(row_id)
        if values is None:
            if old is not None:
                removals.append((old[0], entry_grams(old[1].haystack, old[1].initials, old[1].word_starts)))
                dropped.append((old[0],))
            continue
        entry = build_entry(kind, values)
        if old is None:
            added.append((next_id, row_id, entry))
            next_id += 1
        elif old[1] != entry:
            removals.append((old[0], entry_grams(old[1].haystack, old[1].initials, old[1].word_starts)))
            changed.append((entry.haystack, entry.initials, entry.word_starts, entry.sort_key, old[0]))
            changed_grams.append((old[0], entry_grams(entry.haystack, entry.initials, entry.word_starts)))

    if removals:
        connection.executemany(
            f"INSERT INTO {kind.fts_table} ({kind.fts_table}, rowid, grams) VALUES ('delete', ?, ?)", removals
        )
    if dropped:
        connection.executemany("DELETE FROM search_entry WHERE id = ?", dropped)
    if changed:
        connection.executemany(
            "UPDATE search_entry SET haystack = ?, initials = ?, word_starts = ?, sort_key = ? WHERE id = ?", changed
        )
        connection.executemany(f"INSERT INTO {kind.fts_table} (rowid, grams) VALUES (?, ?)", changed_grams)
    if added:
        _insert_entries(connection, kind, added)
    connection.execute(
        f"DELETE FROM search_dirty WHERE kind = ? AND row_id IN ({marks})", (kind.kind, *row_ids)
    )


def _start_rebuild(connection, kind: IndexedKind) -> int:
    """Empty the entries of `kind`, create its missing triggers and record a rebuild from rowid 0.

    From here on the triggers record every write: the rebuild marker, which
    keeps them quiet, is removed with the kind's other recorded ids. So a
    row written after the rebuild has read it is recorded and refreshed
    once the rebuild ends.
    """
    log.info("search index: rebuilding %s entries", kind.kind)
    _create_missing_triggers(connection, kind)
    connection.execute(fts_config_sql(kind))
    connection.execute(f"INSERT INTO {kind.fts_table} ({kind.fts_table}) VALUES ('delete-all')")
    connection.execute("DELETE FROM search_entry WHERE kind = ?", (kind.kind,))
    connection.execute("DELETE FROM search_dirty WHERE kind = ?", (kind.kind,))
    connection.execute("INSERT OR REPLACE INTO search_rebuild (kind, last_rowid) VALUES (?, 0)", (kind.kind,))
    return 0


def _rebuild_kind(
    connection, kind: IndexedKind, after_rowid: int, limit: int | None,
) -> int:
    """Add the entries of up to `limit` rows of `kind` past `after_rowid` (all when None); return the count.

    Records how far it got in search_rebuild, and removes that row once the
    table's last row has its entry.
    """
    started = time.perf_counter()
    columns = kind.select_columns
    next_id = _next_entry_id(connection)
    total = 0
    last_rowid = after_rowid
    # Rowid order is in practice the order the rows were inserted, so the
    # entries, and the order of unranked search results, follow it.
    sql = f"SELECT {kind.table}.rowid, {kind.select_sql()} FROM {kind.table} WHERE {kind.table}.rowid > ? ORDER BY {kind.table}.rowid"
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    rows = connection.execute(sql, (after_rowid,))
    while batch := rows.fetchmany(REBUILD_FETCH):
        added = []
        for rowid, *row in batch:
            added.append((next_id, row[0], build_entry(kind, dict(zip(columns, row)))))
            next_id += 1
        last_rowid = batch[-1][0]
        _insert_entries(connection, kind, added)
        total += len(added)
    if limit is None or total < limit:
        connection.execute("DELETE FROM search_rebuild WHERE kind = ?", (kind.kind,))
        log.info("search index: %s entries rebuilt up to rowid %d", kind.kind, last_rowid)
    else:
        connection.execute("UPDATE search_rebuild SET last_rowid = ? WHERE kind = ?", (last_rowid, kind.kind))
    log.debug("search index: %d %s entries in %.2f s", total, kind.kind, time.perf_counter() - started)
    return total


def refresh_replica(replica, batch: int = REPLICA_BATCH) -> int:
    """Refresh every recorded id in transactions of `batch` ids; return how many were processed.

    The benchmarks call this to build the index. Each batch commits on its
    own, so a killed refresh keeps what it finished. A full rebuild after
    `begin_bulk_load` commits every REBUILD_CHUNK rows.
    """
    total = 0
    started = time.perf_counter()
    while True:
        with replica.transaction() as session:
            done = refresh(session, max_rows=batch, rebuild_rows=REBUILD_CHUNK)
            more = done > 0 and needs_refresh(session)
        total += done
        if not more:
            break
    if total:
        log.info("search index: refreshed %d record(s) in %.2f s", total, time.perf_counter() - started)
    return total


def rebuild(session: Session) -> None:
    """Mark every kind for a full rebuild by the next refresh, which also restores missing triggers."""
    connection = _driver(session)
    for kind in KINDS.values():
        connection.execute(
            "INSERT OR IGNORE INTO search_dirty (kind, row_id) VALUES (?, ?)", (kind.kind, REBUILD_MARK)
        )
