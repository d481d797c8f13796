"""Searches while the search index lags behind (after a bootstrap): same results without the index, then the build."""

from __future__ import annotations

import datetime as dt
import itertools
import sqlite3

import pytest

from domain.models import Customer, CustomerContact, Product, Supplier
from sync import search_index
from sync.search import COUNT_CAP, CustomerFilters, search_customers, search_products, search_suppliers

UPDATED = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)
CITIES = ["重庆", "长沙", "上海", "温州", "成都"]
TRADE_NAMES = ["鑫源", "宏达", "银行", "茶叶", "精芯", "中庆", "长乐"]
TRADES = ["火锅食品厂", "副食经营部", "商贸有限公司", "超市", "百货"]
# More rows than a search refreshes inline, so the searches below take the path without the index.
CUSTOMER_COUNT = search_index.INLINE_REFRESH_MAX + 300


def customer_rows() -> list[dict]:
    names = itertools.product(CITIES, TRADE_NAMES, TRADES)
    rows = []
    for n, (city, trade_name, trade) in zip(range(CUSTOMER_COUNT), itertools.cycle(names)):
        rows.append({
            "id": f"01900000-0000-7000-8000-{n:012d}",
            "code": f"C{n:05d}",
            "name": f"{city}{trade_name}{trade}{n}",
            "mnemonic": f"M{n % 97:03d}" if n % 3 == 0 else None,
            # Every fourth phone is written with dashes and spaces, which the index ignores.
            "phone": f"138-0013-{n:04d}" if n % 4 == 0 else f"1390013{n:04d}",
            "version": 1,
            "updated_at": UPDATED,
            "active": n % 11 != 0,
            "deleted_at": UPDATED if n % 50 == 7 else None,
        })
    return rows


@pytest.fixture
def lagging_replica(replica):
    """A replica loaded the way a bootstrap loads it: triggers dropped, rebuild markers set, rows inserted."""
    with replica.transaction() as session:
        search_index.begin_bulk_load(session)
        session.execute(Customer.__table__.insert(), customer_rows())
        session.add(Supplier(id="s1", code="S001", name="重庆宏达供应", phone="023-1111-2222", version=1,
                             updated_at=UPDATED, active=True))
        # The index contains contact phones; a deleted contact's phone is not searched.
        session.add(CustomerContact(id="k1", customer_id="01900000-0000-7000-8000-000000000002", name="李明",
                                    mobile="186-0000-7777", version=1, updated_at=UPDATED))
        session.add(CustomerContact(id="k2", customer_id="01900000-0000-7000-8000-000000000003", name="王芳",
                                    mobile="18600009999", version=1, updated_at=UPDATED, deleted_at=UPDATED))
        session.add(Product(id="p1", code="P001", name="长乐茶叶", base_unit="盒", barcode="6901234567890",
                            version=1, updated_at=UPDATED, active=True))
    return replica


# Queries with fewer than COUNT_CAP matches: every match fits on one page, so
# the two paths must return the same set of ids and the same count.
CUSTOMER_QUERIES = [
    "重庆",
    "鑫源副食",
    "百货17",
    "C00012",
    "C0012",
    "M005",
    "13900130005",
    "0005",
    "138-0013-0008",
    "13800130",
    "cq",
    "zq",
    "xy",
    "cqxy",
    "cqxyfsjyb",
    "186 0000 7777",
    "hgsp",
    "庆",
]
# Queries whose order does not depend on the index: explicit sorts other than
# the name, and counts of broad queries that reach the cap.
# Each entry is (text, keyword arguments of search_customers).
ORDERED_QUERIES = [
    ("宏达", {"sort": "-code"}),
    ("cs", {"sort": "phone", "limit": 10}),
    ("", {"sort": "code", "offset": 100}),
    ("", {"filters": CustomerFilters(include_deleted=True), "sort": "-phone"}),
    ("c001", {"limit": 20, "offset": 40}),
    ("hg", {"filters": CustomerFilters(include_inactive=False), "sort": "code"}),
]


def run_customer_queries(replica) -> dict[str, tuple[set[str], int, bool]]:
    results = {}
    for text in CUSTOMER_QUERIES:
        with replica.transaction() as session:
            result = search_customers(session, text, limit=COUNT_CAP)
        results[text] = (set(result.ids), result.total, result.total_capped)
    return results


def run_ordered_queries(replica) -> list[tuple[list[str], int, bool]]:
    results = []
    for text, options in ORDERED_QUERIES:
        with replica.transaction() as session:
            result = search_customers(session, text, today=dt.date(2026, 12, 5), **options)
        results.append((result.ids, result.total, result.total_capped))
    return results


def broad_counts(replica) -> list[tuple[int, bool]]:
    counts = []
    for text in ("h", "1390013", "cs"):
        with replica.transaction() as session:
            result = search_customers(session, text)
        counts.append((result.total, result.total_capped))
    return counts


def index_is_current(replica) -> bool:
    with replica.transaction() as session:
        return not search_index.needs_refresh(session)


def test_fallback_matches_index_results(lagging_replica):
    without_index = run_customer_queries(lagging_replica)
    ordered_without_index = run_ordered_queries(lagging_replica)
    counts_without_index = broad_counts(lagging_replica)
    # The searches read the tables and left the index as it was.
    assert not index_is_current(lagging_replica)

    search_index.build_index(lagging_replica)
    assert index_is_current(lagging_replica)
    with_index = run_customer_queries(lagging_replica)

    for text in CUSTOMER_QUERIES:
        assert without_index[text] == with_index[text], f"query {text!r}"
        assert with_index[text][0], f"query {text!r} finds nothing"
    for (text, options), before, after in zip(ORDERED_QUERIES, ordered_without_index, run_ordered_queries(lagging_replica)):
        assert before == after, f"query {text!r} {options}"
    assert counts_without_index == broad_counts(lagging_replica)


def test_fallback_finds_other_tables(lagging_replica):
    with lagging_replica.transaction() as session:
        assert search_customers(session, "00007777").ids == ["01900000-0000-7000-8000-000000000002"]
        assert search_customers(session, "18600009999").ids == []
        assert search_products(session, "cl").ids == ["p1"]
        assert search_products(session, "690123").ids == ["p1"]
        assert search_suppliers(session, "1111-22").ids == ["s1"]
        assert search_suppliers(session, "cqhd").ids == ["s1"]
    assert not index_is_current(lagging_replica)


def test_fallback_name_sort_by_code_point(lagging_replica):
    # Without the index, names sort by code point, not by pinyin.
    with lagging_replica.transaction() as session:
        ids = search_customers(session, "", sort="name", limit=5).ids
        names = session.connection().exec_driver_sql(
            "SELECT name FROM customer WHERE deleted_at IS NULL ORDER BY name, code LIMIT 5"
        ).scalars().all()
        found = [session.get(Customer, row_id).name for row_id in ids]
    assert found == names


def test_fallback_initials_tiers_in_pinyin_order(lagging_replica):
    # Pages inside the initials tiers, which have fewer than COUNT_CAP matches each: for "zq" the
    # 重庆 names start the name, the 中庆 names start a later word, and offset 430 spans both tiers.
    pages = [("zq", 0), ("zq", 430), ("cqxy", 0)]

    def read_pages() -> list[list[str]]:
        with lagging_replica.transaction() as session:
            return [search_customers(session, text, limit=50, offset=offset).ids for text, offset in pages]

    without_index = read_pages()
    assert not index_is_current(lagging_replica)
    search_index.build_index(lagging_replica)
    assert index_is_current(lagging_replica)
    for (text, offset), before, after in zip(pages, without_index, read_pages()):
        assert len(after) == 50, f"query {text!r} at {offset}"
        assert before == after, f"query {text!r} at {offset}"


def test_build_index_reports_progress(lagging_replica):
    calls: list[tuple[int, int]] = []
    records = search_index.build_index(lagging_replica, lambda done, total: calls.append((done, total)))
    assert records == CUSTOMER_COUNT + 2
    assert calls[-1] == (CUSTOMER_COUNT + 2, CUSTOMER_COUNT + 2)
    assert all(total == CUSTOMER_COUNT + 2 for _, total in calls)
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)


def test_small_refresh_stays_inline(replica):
    with replica.transaction() as session:
        session.execute(Customer.__table__.insert(), customer_rows()[:50])
    with replica.transaction() as session:
        assert not search_index.refresh_is_large(session)
        assert search_customers(session, "cqxy").total > 0
        # The search refreshed the index in its own transaction.
        assert not search_index.needs_refresh(session)


def test_large_refresh_is_left_to_build(lagging_replica):
    with lagging_replica.transaction() as session:
        assert search_index.refresh_is_large(session)
        assert not search_index.refresh_if_small(session)
        assert search_index.pending_records(session) == CUSTOMER_COUNT + 2


def test_build_commits_between_chunks(lagging_replica):
    """Another connection writes while the index builds and waits for one chunk at most. Rows it
    changes after the rebuild has read them are found by their new values once the build ends."""
    first_id = customer_rows()[0]["id"]
    added_id = "01900000-0000-7000-8000-999999999999"
    written_at: list[int] = []

    def write_between_chunks(done: int, total: int) -> None:
        if written_at or done >= total:
            return
        # A one-second busy timeout: the write fails unless the chunk before has committed.
        other = sqlite3.connect(lagging_replica.path, timeout=1)
        try:
            with other:
                other.execute("UPDATE customer SET name = '昆明普洱茶庄' WHERE id = ?", (first_id,))
                columns = [row[1] for row in other.execute("PRAGMA table_info(customer)")]
                copied = ", ".join(
                    {"id": "?", "code": "'C99999'", "name": "'贵阳花溪茶社'"}.get(column, column) for column in columns
                )
                other.execute(
                    f"INSERT INTO customer ({', '.join(columns)}) SELECT {copied} FROM customer WHERE id = ?",
                    (added_id, first_id),
                )
        finally:
            other.close()
        written_at.append(done)

    search_index.build_index(lagging_replica, write_between_chunks)

    assert written_at and written_at[0] < CUSTOMER_COUNT
    with lagging_replica.transaction() as session:
        assert not search_index.needs_refresh(session)
        assert first_id in search_customers(session, "kmpecz").ids
        assert first_id not in search_customers(session, customer_rows()[0]["name"]).ids
        assert added_id in search_customers(session, "gyhxcs").ids
        connection = session.connection()
        entries = connection.exec_driver_sql("SELECT count(*) FROM search_entry WHERE kind = 'customer'").scalar_one()
        distinct = connection.exec_driver_sql(
            "SELECT count(DISTINCT row_id) FROM search_entry WHERE kind = 'customer'"
        ).scalar_one()
        customers = connection.exec_driver_sql("SELECT count(*) FROM customer").scalar_one()
    assert entries == distinct == customers == CUSTOMER_COUNT + 1


def test_killed_rebuild_resumes_after_its_last_chunk(lagging_replica):
    chunk = search_index.REBUILD_CHUNK
    # One transaction, as build_index runs it, before the process dies: a
    # chunk of the customers, and the one product and one supplier whole.
    with lagging_replica.transaction() as session:
        first = search_index.refresh(session, max_rows=search_index.REPLICA_BATCH, rebuild_rows=chunk)
    assert first == chunk + 2
    left = CUSTOMER_COUNT - chunk
    with lagging_replica.transaction() as session:
        # The index is incomplete, so a search reads the tables unless the rest is small enough to finish inline.
        assert search_index.refresh_is_large(session) == (left > search_index.INLINE_REFRESH_MAX)
        assert search_index.pending_records(session) == left
    assert search_index.build_index(lagging_replica) == left
    with lagging_replica.transaction() as session:
        entries = session.connection().exec_driver_sql(
            "SELECT count(DISTINCT row_id), count(*) FROM search_entry WHERE kind = 'customer'"
        ).one()
        assert not search_index.needs_refresh(session)
    assert tuple(entries) == (CUSTOMER_COUNT, CUSTOMER_COUNT)
