"""Master-data search on a real replica file: each search kind, each filter, and index upkeep."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from domain.models import (
    Customer,
    CustomerCategory,
    DeliveryNote,
    PaymentAllocation,
    Product,
    ProductBarcode,
    SalesRegion,
    StockBalance,
    Supplier,
    User,
    Warehouse,
)
from sync import search_index
from sync.client import submit
from sync.engine import apply_page, rebase_out
from sync.local_tables import OutboxEntry
from sync.search import (
    COUNT_CAP,
    CUSTOMER_SORT_KEYS,
    PRODUCT_SORT_KEYS,
    CustomerFilters,
    delete_saved_filter,
    save_filter,
    saved_filters,
    search_customers,
    search_products,
    search_suppliers,
)
from sqlalchemy import select
from tests.sync.helpers import customer_wire, page

TODAY = dt.date(2026, 12, 5)
UPDATED = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)


def cid(n: int) -> str:
    return f"01900000-0000-7000-8000-{n:012d}"


def add(replica, *rows) -> None:
    with replica.transaction() as session:
        for row in rows:
            session.add(row)


def customer(n: int, code: str, name: str, **fields) -> Customer:
    return Customer(id=cid(n), code=code, name=name, version=1, updated_at=UPDATED, active=True, **fields)


def codes(replica, text: str = "", filters: CustomerFilters | None = None, **kwargs) -> list[str]:
    with replica.transaction() as session:
        result = search_customers(session, text, filters, today=TODAY, **kwargs)
    assert result.total >= len(result.rows)
    return [row["code"] for row in result.rows]


@pytest.fixture
def customers(replica):
    add(
        replica,
        customer(1, "C001", "重庆火锅食品厂", phone="023-6888 1234", mnemonic="CQHG"),
        customer(2, "C002", "长沙银行", phone="13800138000"),
        customer(3, "C003", "上海茶叶", mnemonic="SHCY"),
        customer(4, "C0031", "Beijing Paper Co."),
    )
    return replica


def test_name_substring_two_characters(customers):
    assert codes(customers, "重庆") == ["C001"]
    assert codes(customers, "火锅") == ["C001"]
    assert codes(customers, "茶") == ["C003"]


def test_name_substring_long_and_latin(customers):
    assert codes(customers, "火锅食品") == ["C001"]
    assert codes(customers, "paper") == ["C0031"]
    assert codes(customers, "PAPER co") == ["C0031"]
    assert codes(customers, "火锅饮品") == []


def test_polyphonic_initials_every_reading(customers):
    # 重 reads zhòng or chóng, 长 cháng or zhǎng, 行 háng or xíng.
    assert codes(customers, "cq") == ["C001"]
    assert codes(customers, "zq") == ["C001"]
    assert codes(customers, "cs") == ["C002"]
    assert codes(customers, "zs") == ["C002"]
    assert codes(customers, "yh") == ["C002"]
    assert codes(customers, "yx") == ["C002"]
    assert codes(customers, "zsyx") == ["C002"]
    assert codes(customers, "cqhgsp") == ["C001"]


def test_initials_of_long_polyphonic_name(replica):
    # 24 characters with several readings each: the index lists the
    # combinations of each window of up to three characters, never the whole name's.
    name = "重庆长行重庆长行重庆长行重庆长行重庆长行重庆长行"
    add(replica, customer(9, "L1", name))
    with replica.transaction() as session:
        search_index.refresh(session)
        entry = session.connection().exec_driver_sql(
            "SELECT initials FROM search_entry WHERE row_id = ?", (cid(9),)
        ).scalar_one()
    assert entry != ""
    assert codes(replica, "cqzh") == ["L1"]
    assert codes(replica, "zqcxzq") == ["L1"]
    assert codes(replica, "qqqq") == []


def test_mnemonic_code(customers):
    assert codes(customers, "shcy") == ["C003"]
    assert codes(customers, "SHC") == ["C003"]


def test_mnemonic_edit_updates_index(customers):
    with customers.transaction() as session:
        session.get(Customer, cid(4)).mnemonic = "ZHI1"
    assert codes(customers, "zhi1") == ["C0031"]
    with customers.transaction() as session:
        session.get(Customer, cid(4)).mnemonic = "TEA88"
    assert codes(customers, "tea88") == ["C0031"]
    assert codes(customers, "zhi1") == []


def test_phone_substring_ignores_separators(customers):
    assert codes(customers, "1234") == ["C001"]
    assert codes(customers, "023-68881234") == ["C001"]
    assert codes(customers, "138 0013 8000") == ["C002"]


def test_code_exact_first_then_prefix(customers):
    assert codes(customers, "c003") == ["C003", "C0031"]
    assert codes(customers, "C0031") == ["C0031"]


def test_sort_and_paging(customers):
    # Pinyin order: Beijing, chang sha (长沙), chong qing (重庆), shang hai (上海).
    assert codes(customers, "", sort="name") == ["C0031", "C002", "C001", "C003"]
    assert codes(customers, "", limit=2, offset=1) == ["C002", "C003"]
    with customers.transaction() as session:
        result = search_customers(session, "c00", limit=1)
    assert result.total == 4
    assert len(result.rows) == 1
    with customers.transaction() as session, pytest.raises(ValueError, match="invalid sort"):
        search_customers(session, "", sort="favourite")


def test_soft_deleted_hidden_unless_asked(customers):
    with customers.transaction() as session:
        session.get(Customer, cid(3)).deleted_at = UPDATED
    assert codes(customers, "茶叶") == []
    assert codes(customers, "茶叶", CustomerFilters(include_deleted=True)) == ["C003"]


def test_filter_category_region_owner_warehouse(replica):
    add(
        replica,
        customer(1, "A1", "甲", category_id=cid(101), sales_region_id=cid(201), owner_id=cid(301),
                 default_warehouse_id=cid(401)),
        customer(2, "A2", "乙", category_id=cid(102), sales_region_id=cid(201), owner_id=cid(302),
                 default_warehouse_id=cid(402)),
        customer(3, "A3", "丙", category_id=cid(101), sales_region_id=cid(202), owner_id=cid(301),
                 default_warehouse_id=cid(402)),
    )
    assert codes(replica, "", CustomerFilters(category_ids=(cid(101),))) == ["A1", "A3"]
    assert codes(replica, "", CustomerFilters(sales_region_ids=(cid(201),))) == ["A1", "A2"]
    assert codes(replica, "", CustomerFilters(owner_ids=(cid(302),))) == ["A2"]
    assert codes(replica, "", CustomerFilters(warehouse_ids=(cid(402),))) == ["A2", "A3"]
    combined = CustomerFilters(category_ids=(cid(101),), warehouse_ids=(cid(402),))
    assert codes(replica, "", combined) == ["A3"]
    assert codes(replica, "乙", combined) == []


def test_filter_days_since_follow_up(replica):
    add(
        replica,
        customer(1, "F1", "甲", last_follow_up_date=TODAY - dt.timedelta(days=10)),
        customer(2, "F2", "乙", last_follow_up_date=TODAY - dt.timedelta(days=30)),
        customer(3, "F3", "丙"),
    )
    assert codes(replica, "", CustomerFilters(min_days_since_follow_up=30)) == ["F2", "F3"]
    assert codes(replica, "", CustomerFilters(min_days_since_follow_up=31)) == ["F3"]
    assert codes(replica, "", CustomerFilters(min_days_since_follow_up=0)) == ["F1", "F2", "F3"]


def delivery(n: int, customer_n: int, due: dt.date, total: str, status: str = "posted") -> DeliveryNote:
    return DeliveryNote(
        id=cid(500 + n), number=f"DN{n}", customer_id=cid(customer_n), warehouse_id=cid(401), status=status,
        document_date=due - dt.timedelta(days=30), due_date=due, total_amount=Decimal(total),
        version=1, updated_at=UPDATED,
    )


def test_filter_overdue_receivables(replica):
    add(
        replica,
        customer(1, "R1", "逾期"),
        customer(2, "R2", "未到期"),
        customer(3, "R3", "已付清"),
        customer(4, "R4", "部分付款"),
        customer(5, "R5", "冲销后"),
    )
    add(
        replica,
        delivery(1, 1, TODAY - dt.timedelta(days=1), "100.00"),
        delivery(2, 2, TODAY, "100.00"),
        delivery(3, 3, TODAY - dt.timedelta(days=5), "100.00"),
        delivery(4, 4, TODAY - dt.timedelta(days=5), "100.00"),
        delivery(5, 5, TODAY - dt.timedelta(days=5), "100.00"),
    )
    add(
        replica,
        allocation(1, 3, "100.00"),
        allocation(2, 4, "99.99"),
        allocation(3, 5, "100.00", reversed_=True),
    )
    assert codes(replica, "", CustomerFilters(has_overdue_receivables=True)) == ["R1", "R4", "R5"]
    assert codes(replica, "", CustomerFilters(has_overdue_receivables=False)) == ["R2", "R3"]


def allocation(n: int, delivery_n: int, amount: str, reversed_: bool = False) -> PaymentAllocation:
    columns = PaymentAllocation.__table__.columns
    values = {
        "id": cid(600 + n), "delivery_id": cid(500 + delivery_n), "amount": Decimal(amount),
        "reversed": reversed_, "version": 1, "updated_at": UPDATED,
    }
    for column in columns:
        if column.name not in values and not column.nullable and column.default is None:
            values[column.name] = cid(700 + n)
    return PaymentAllocation(**values)


def test_saved_filters_round_trip(replica):
    filters = CustomerFilters(category_ids=(cid(101),), min_days_since_follow_up=30, has_overdue_receivables=True)
    with replica.transaction() as session:
        save_filter(session, cid(1), "customer_list", "逾期客户", filters.to_criteria())
        save_filter(session, cid(2), "customer_list", "other user", {})
    with replica.transaction() as session:
        stored = saved_filters(session, cid(1), "customer_list")
    assert list(stored) == ["逾期客户"]
    assert CustomerFilters.from_criteria(stored["逾期客户"]) == filters
    with replica.transaction() as session:
        save_filter(session, cid(1), "customer_list", "逾期客户", {"owner_ids": [cid(3)]})
        assert CustomerFilters.from_criteria(saved_filters(session, cid(1), "customer_list")["逾期客户"]) == (
            CustomerFilters(owner_ids=(cid(3),))
        )
        assert delete_saved_filter(session, cid(1), "customer_list", "逾期客户")
        assert saved_filters(session, cid(1), "customer_list") == {}


def product(n: int, code: str, name: str, **fields) -> Product:
    return Product(id=cid(800 + n), code=code, name=name, base_unit="箱", version=1, updated_at=UPDATED,
                   active=True, **fields)


def test_products_code_barcode_name_pinyin_and_stock(replica):
    add(
        replica,
        product(1, "P001", "重庆啤酒", variant="330ml", barcode="6901234567890"),
        product(2, "P002", "长城干红", mnemonic="CCGH"),
    )
    add(
        replica,
        ProductBarcode(id=cid(901), product_id=cid(802), unit_name="箱", barcode="6920000000017",
                       version=1, updated_at=UPDATED),
        StockBalance(id=cid(911), product_id=cid(801), warehouse_id=cid(401), batch_no="", on_hand=Decimal("12.5"),
                     reserved=Decimal("2"), version=1, updated_at=UPDATED),
        StockBalance(id=cid(912), product_id=cid(801), warehouse_id=cid(401), batch_no="B2", on_hand=Decimal("1"),
                     reserved=Decimal(0), version=1, updated_at=UPDATED),
        StockBalance(id=cid(913), product_id=cid(801), warehouse_id=cid(402), batch_no="", on_hand=Decimal("3"),
                     reserved=Decimal(0), version=1, updated_at=UPDATED),
    )
    with replica.transaction() as session:
        assert [r["code"] for r in search_products(session, "p002").rows] == ["P002"]
        assert [r["code"] for r in search_products(session, "692000").rows] == ["P002"]
        assert [r["code"] for r in search_products(session, "6920000000017").rows] == ["P002"]
        assert [r["code"] for r in search_products(session, "6901234567890").rows] == ["P001"]
        assert [r["code"] for r in search_products(session, "啤酒").rows] == ["P001"]
        assert [r["code"] for r in search_products(session, "330ml").rows] == ["P001"]
        assert [r["code"] for r in search_products(session, "zc").rows] == ["P002"]
        assert [r["code"] for r in search_products(session, "cq").rows] == ["P001"]
        assert [r["code"] for r in search_products(session, "ccgh").rows] == ["P002"]
        beer = search_products(session, "cqpj").rows[0]
        assert beer["available"] == {cid(401): Decimal("11.5"), cid(402): Decimal("3")}
        only_one = search_products(session, "cqpj", warehouse_ids=[cid(402)]).rows[0]
        assert only_one["available"] == {cid(402): Decimal("3")}


def test_suppliers_by_name_pinyin_phone(replica):
    add(
        replica,
        Supplier(id=cid(1001), code="S1", name="银行设备供应商", phone="0731-8888", version=1, updated_at=UPDATED,
                 active=True, payment_terms_days=30),
    )
    with replica.transaction() as session:
        assert [r["code"] for r in search_suppliers(session, "设备").rows] == ["S1"]
        assert [r["code"] for r in search_suppliers(session, "yx").rows] == ["S1"]
        assert [r["code"] for r in search_suppliers(session, "07318888").rows] == ["S1"]
        assert search_customers(session, "设备").total == 0


# -- index upkeep on every write path ------------------------------------------


def test_pulled_page_and_tombstone_update_index(replica):
    rows = [customer_wire(cid(1), "W1", "重庆茶楼", version=1, change_seq=1)]
    with replica.transaction() as session:
        apply_page(session, page(1, {"customer": rows}))
    assert codes(replica, "茶楼") == ["W1"]
    renamed = [customer_wire(cid(1), "W1", "成都茶楼", version=2, change_seq=2)]
    with replica.transaction() as session:
        apply_page(session, page(2, {"customer": renamed}))
    assert codes(replica, "cq") == []
    assert codes(replica, "cdcl") == ["W1"]
    with replica.transaction() as session:
        apply_page(session, page(3, tombstones=[("customer", cid(1))]))
    assert codes(replica, "茶楼") == []
    with replica.transaction() as session:
        assert session.connection().exec_driver_sql("SELECT count(*) FROM search_entry").scalar_one() == 0


def test_local_command_and_undo_update_index(replica):
    submitted = submit(replica, "customer.create", {"id": cid(7), "code": "N1", "name": "银行新客户"})
    assert codes(replica, "yh") == ["N1"]
    with replica.transaction() as session:
        entries = list(session.scalars(select(OutboxEntry)))
        assert [entry.mutation_id for entry in entries] == [submitted.mutation_id]
        rebase_out(session, entries)
    assert codes(replica, "yh") == []


def test_rebuild_marker_skips_recording(replica):
    # A new replica carries the migration's rebuild markers: writes record
    # no ids, and the first search builds the index from the tables.
    add(replica, customer(1, "M1", "重庆鑫源商贸"))
    with replica.transaction() as session:
        assert search_index.dirty_count(session) == 0
    assert codes(replica, "鑫源") == ["M1"]
    add(replica, customer(2, "M2", "成都鑫源副食"))
    with replica.transaction() as session:
        assert search_index.dirty_count(session) == 1


def test_index_refreshed_in_bulk_after_writes(replica):
    search_index.refresh_replica(replica)
    add(replica, *(customer(n, f"B{n:03d}", f"批量客户{n}") for n in range(1, 1201)))
    with replica.transaction() as session:
        assert search_index.dirty_count(session) == 1200
    assert search_index.refresh_replica(replica, batch=500) == 1200
    with replica.transaction() as session:
        assert search_index.dirty_count(session) == 0
        broad = search_customers(session, "批量")
        assert broad.total == 1000
        assert broad.total_capped
        assert session.connection().exec_driver_sql("SELECT count(*) FROM search_entry").scalar_one() == 1200
        assert search_customers(session, "客户1199").rows[0]["code"] == "B1199"


def test_rebuild_restores_same_results(customers):
    before = codes(customers, "cq")
    with customers.transaction() as session:
        search_index.rebuild(session)
    assert codes(customers, "cq") == before


def test_triggers_exist_after_migrations(replica):
    # A batch migration of customer, product or supplier copies the table and
    # drops these triggers; the migration must create them again.
    with replica.transaction() as session:
        names = set(session.connection().exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type = 'trigger'").scalars())
    for kind in search_index.KINDS:
        for event in ("insert", "update", "delete"):
            assert f"search_dirty_{kind}_{event}" in names


def test_migration_triggers_match_index_code():
    import importlib

    revision = importlib.import_module("sync.migrations.versions.df5b046dfb02_search_index")
    expected = [sql for kind in search_index.KINDS.values() for sql in search_index.trigger_sql(kind)]
    assert revision.TRIGGERS == expected
    assert revision.FTS_TABLES == [search_index.create_fts_sql(kind) for kind in search_index.KINDS.values()]
    assert revision.FTS_CONFIG == [search_index.fts_config_sql(kind) for kind in search_index.KINDS.values()]


def test_entry_grams_cover_initials_windows():
    kind = search_index.KINDS["customer"]
    entry = search_index.build_entry(kind, {"name": "重庆", "code": "X", "mnemonic": None, "phone": None})
    grams = search_index.entry_grams(entry.haystack, entry.initials).split()
    for gram in ("重庆", "cq", "zq"):
        assert gram in grams
    # 重 reads tóng in pypinyin's character dictionary but in no phrase, so that reading is left out.
    assert "tq" not in grams
    # One-character queries scan the entries instead of using grams.
    for gram in ("重", "庆", "x"):
        assert gram not in grams


# -- capped count and relevance tiers ------------------------------------------


def test_count_capped_above_cap(replica):
    add(replica, *(customer(n, f"M{n:04d}", f"五金客户{n}") for n in range(1, COUNT_CAP + 2)))
    with replica.transaction() as session:
        broad = search_customers(session, "五金", limit=10)
        session.get(Customer, cid(1)).deleted_at = UPDATED
        session.flush()
        at_cap = search_customers(session, "五金", limit=10)
    assert broad.total == COUNT_CAP
    assert broad.total_capped
    # Every name starts with the text, so the page is the name-prefix tier in name order.
    codes_by_name = {f"五金客户{n}": f"M{n:04d}" for n in range(1, COUNT_CAP + 2)}
    first_names = sorted(codes_by_name)[:10]
    assert [row["code"] for row in broad.rows] == [codes_by_name[name] for name in first_names]
    assert at_cap.total == COUNT_CAP
    assert not at_cap.total_capped
    assert "M0001" not in [row["code"] for row in at_cap.rows]


def test_count_exact_below_cap(customers):
    with customers.transaction() as session:
        result = search_customers(session, "c00", limit=2)
    assert result.total == 4
    assert not result.total_capped


def test_relevance_tiers_in_order(replica):
    add(
        replica,
        customer(1, "K0", "长沙商贸"),  # initials zs only: any other match
        customer(2, "K2", "ZS贸易"),  # name prefix
        customer(3, "K1", "东方超市", mnemonic="ZS"),  # exact mnemonic code
        customer(4, "ZS01", "南方百货"),  # code prefix
        customer(5, "ZS", "北方酒业"),  # exact code
        customer(6, "K3", "西方粮油"),  # no match
    )
    assert codes(replica, "zs") == ["ZS", "ZS01", "K1", "K2", "K0"]
    assert codes(replica, "ZS") == ["ZS", "ZS01", "K1", "K2", "K0"]
    assert codes(replica, "zs", limit=2, offset=2) == ["K1", "K2"]
    assert codes(replica, "zs", limit=2, offset=4) == ["K0"]
    assert codes(replica, "zs", sort="code") == ["K0", "K1", "K2", "ZS", "ZS01"]


def test_name_prefix_before_other_matches(replica):
    add(
        replica,
        customer(1, "X1", "老重庆火锅"),
        customer(2, "X9", "重庆小面"),
        customer(3, "X5", "重庆茶楼"),
    )
    # Name prefixes come first in pinyin order: 茶 (cha) before 小 (xiao),
    # although 小 U+5C0F sorts before 茶 U+8336. The other matches follow,
    # although X1 has the lowest code.
    assert codes(replica, "重庆") == ["X5", "X9", "X1"]
    # Names whose initials start with "cq" come first, by pinyin, then 老重庆,
    # where the word 重庆 starts later.
    assert codes(replica, "cq") == ["X5", "X9", "X1"]


def test_one_character_and_long_queries(customers):
    assert codes(customers, "锅") == ["C001"]
    # 火 (h), 行 (h or x) and 海 (h) give the initial h.
    assert codes(customers, "h") == ["C001", "C002", "C003"]
    assert codes(customers, "重庆火锅食品厂") == ["C001"]
    assert codes(customers, "cqhgspc") == ["C001"]
    assert codes(customers, "cqhgspx") == []


def test_bulk_load_rebuilds_and_restores_triggers(replica):
    with replica.transaction() as session:
        search_index.begin_bulk_load(session)
        names = set(session.connection().exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'search_dirty_%'").scalars())
    assert names == set()
    add(replica, customer(1, "B1", "重庆鑫源商贸"), customer(2, "B2", "成都鑫源副食"))
    with replica.transaction() as session:
        assert search_index.dirty_count(session) == 0
        # The markers alone make the next refresh write, so a read-only search must not run it.
        assert search_index.needs_refresh(session)
    # A search before refresh_replica (a bootstrap killed before its end) rebuilds the index itself.
    assert codes(replica, "鑫源") == ["B1", "B2"]
    with replica.transaction() as session:
        names = set(session.connection().exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'search_dirty_%'").scalars())
        assert search_index.dirty_count(session) == 0
        assert not search_index.needs_refresh(session)
    triggers = [
        name for kind in search_index.KINDS.values()
        for name in search_index.trigger_names(kind) + search_index.contact_trigger_names(kind)
    ]
    assert names == set(triggers)
    add(replica, customer(3, "B3", "鑫源超市"))
    assert codes(replica, "鑫源") == ["B3", "B1", "B2"]


def test_bulk_load_then_refresh_replica(replica):
    with replica.transaction() as session:
        search_index.begin_bulk_load(session)
    add(replica, *(customer(n, f"R{n:03d}", f"批发客户{n}") for n in range(1, 31)))
    assert search_index.refresh_replica(replica, batch=10) == 30
    assert codes(replica, "客户17") == ["R017"]
    # By the names' sort key, where digits compare as text: 批发客户1, 批发客户10, 批发客户11.
    assert codes(replica, "pfkh", limit=3) == ["R001", "R010", "R011"]


def test_one_character_count_stops_at_page(customers):
    with customers.transaction() as session:
        first_two = search_customers(session, "h", limit=2)
        whole = search_customers(session, "h", limit=50)
    assert [row["code"] for row in first_two.rows] == ["C001", "C002"]
    assert first_two.total == 2
    assert first_two.total_capped
    assert whole.total == 3
    assert not whole.total_capped


# -- sort keys -------------------------------------------------------------------


@pytest.fixture
def sortable(replica):
    """Four customers with a value for every sort key, except B3 (none, phone empty) and B4 (an unknown warehouse)."""
    add(
        replica,
        CustomerCategory(id=cid(101), code="RT", name="Retail", version=1, updated_at=UPDATED),
        CustomerCategory(id=cid(102), code="WH", name="Wholesale", version=1, updated_at=UPDATED),
        SalesRegion(id=cid(201), code="W", name="West", version=1, updated_at=UPDATED),
        SalesRegion(id=cid(202), code="E", name="East", version=1, updated_at=UPDATED),
        User(id=cid(301), username="zhang", display_name="Zhang", role="clerk", version=1, updated_at=UPDATED),
        User(id=cid(302), username="li", display_name="Li", role="clerk", version=1, updated_at=UPDATED),
        User(id=cid(303), username="wang", display_name="Wang", role="clerk", version=1, updated_at=UPDATED),
        Warehouse(id=cid(401), code="N", name="North", department_id=cid(501), version=1, updated_at=UPDATED),
        Warehouse(id=cid(402), code="S", name="South", department_id=cid(501), version=1, updated_at=UPDATED),
    )
    add(
        replica,
        customer(1, "B1", "Beta", mnemonic="MB", phone="0731-2", address="Changsha",
                 last_follow_up_date=dt.date(2026, 3, 1), category_id=cid(101), sales_region_id=cid(201),
                 owner_id=cid(301), default_warehouse_id=cid(401)),
        customer(2, "B2", "Alpha", mnemonic="MA", phone="0731-1", address="Wuhan",
                 last_follow_up_date=dt.date(2026, 5, 1), category_id=cid(102), sales_region_id=cid(202),
                 owner_id=cid(302), default_warehouse_id=cid(402)),
        customer(3, "B3", "Gamma", phone=""),
        customer(4, "B4", "Delta", mnemonic="MC", phone="0731-0", address="Anshan",
                 last_follow_up_date=dt.date(2026, 4, 1), category_id=cid(101), sales_region_id=cid(201),
                 owner_id=cid(303), default_warehouse_id=cid(499)),
    )
    return replica


# Per key: the codes ascending and descending. Missing values (B3, and B4's
# warehouse that is not in the replica) come last both ways, ties by code.
CUSTOMER_ORDERS = {
    "code": (["B1", "B2", "B3", "B4"], ["B4", "B3", "B2", "B1"]),
    "name": (["B2", "B1", "B4", "B3"], ["B3", "B4", "B1", "B2"]),
    "mnemonic": (["B2", "B1", "B4", "B3"], ["B4", "B1", "B2", "B3"]),
    "phone": (["B4", "B2", "B1", "B3"], ["B1", "B2", "B4", "B3"]),
    "address": (["B4", "B1", "B2", "B3"], ["B2", "B1", "B4", "B3"]),
    "last_follow_up_date": (["B1", "B4", "B2", "B3"], ["B2", "B4", "B1", "B3"]),
    "category": (["B1", "B4", "B2", "B3"], ["B2", "B1", "B4", "B3"]),
    "sales_region": (["B2", "B1", "B4", "B3"], ["B1", "B4", "B2", "B3"]),
    "owner": (["B2", "B4", "B1", "B3"], ["B1", "B4", "B2", "B3"]),
    "warehouse": (["B1", "B2", "B3", "B4"], ["B2", "B1", "B3", "B4"]),
}


def test_customer_sort_keys_cover_every_key():
    assert set(CUSTOMER_ORDERS) == set(CUSTOMER_SORT_KEYS)


@pytest.mark.parametrize("key", sorted(CUSTOMER_ORDERS))
def test_customer_sort_both_directions(sortable, key):
    ascending, descending = CUSTOMER_ORDERS[key]
    assert codes(sortable, "", sort=key) == ascending
    assert codes(sortable, "", sort=f"-{key}") == descending


def test_customer_sort_with_text(sortable):
    # "0731" matches the three phones; B3's empty phone does not match.
    assert codes(sortable, "0731", sort="-category") == ["B2", "B1", "B4"]
    assert codes(sortable, "0731", sort="owner") == ["B2", "B4", "B1"]
    assert codes(sortable, "0731", sort="-phone", limit=2, offset=1) == ["B2", "B4"]


def test_customer_sort_missing_last(sortable):
    # Only B3 has no category: last in both directions, on every page.
    assert codes(sortable, "", sort="category", limit=1, offset=3) == ["B3"]
    assert codes(sortable, "", sort="-category", limit=1, offset=3) == ["B3"]
    assert codes(sortable, "", sort="-mnemonic", limit=2, offset=2) == ["B2", "B3"]


def test_customer_sort_paging_stable(replica):
    # Many ties on the category name: only the code tie breaker orders them.
    add(
        replica,
        CustomerCategory(id=cid(101), code="RT", name="Retail", version=1, updated_at=UPDATED),
        CustomerCategory(id=cid(102), code="WH", name="Wholesale", version=1, updated_at=UPDATED),
    )
    categories = (cid(101), cid(102), None)
    add(replica, *(customer(n, f"T{(n * 7) % 30:02d}", f"客户{n}", category_id=categories[n % 3])
                   for n in range(1, 31)))
    for sort in ("category", "-category"):
        pages = [codes(replica, "", sort=sort, limit=7, offset=offset) for offset in range(0, 30, 7)]
        every = codes(replica, "", sort=sort, limit=100)
        assert [code for page_codes in pages for code in page_codes] == every
        assert len(set(every)) == 30
    with replica.transaction() as session:
        rows = search_customers(session, "", sort="-category", limit=100).rows

    def codes_in(category_id):
        return sorted(row["code"] for row in rows if row["category_id"] == category_id)

    # Wholesale, then Retail, then no category; codes ascending within each.
    assert [row["code"] for row in rows] == codes_in(cid(102)) + codes_in(cid(101)) + codes_in(None)


@pytest.mark.parametrize("sort", ["bogus", "--code", "-relevance", "category_id", "Code", ""])
def test_customer_sort_unknown_key(customers, sort):
    with customers.transaction() as session, pytest.raises(ValueError) as raised:
        search_customers(session, "", sort=sort)
    message = str(raised.value)
    assert repr(sort) in message
    assert "last_follow_up_date" in message
    assert "'-' prefix" in message


def test_product_and_supplier_sorts(replica):
    add(
        replica,
        product(1, "P1", "绿茶", variant="500ml", list_price=Decimal("3.50")),
        product(2, "P2", "啤酒", variant=None, list_price=Decimal("48.00")),
        product(3, "P3", "饼干", variant="120g", list_price=Decimal("3.50")),
        Supplier(id=cid(1001), code="S1", name="甲供应商", phone="0731-2", version=1, updated_at=UPDATED,
                 active=True, payment_terms_days=30),
        Supplier(id=cid(1002), code="S2", name="乙供应商", phone=None, version=1, updated_at=UPDATED,
                 active=True, payment_terms_days=30),
        Supplier(id=cid(1003), code="S3", name="丙供应商", phone="0731-1", version=1, updated_at=UPDATED,
                 active=True, payment_terms_days=30),
    )
    with replica.transaction() as session:
        def product_codes(sort):
            return [row["code"] for row in search_products(session, "", sort=sort).rows]

        def supplier_codes(sort):
            return [row["code"] for row in search_suppliers(session, "", sort=sort).rows]

        assert product_codes("-list_price") == ["P2", "P1", "P3"]
        assert product_codes("list_price") == ["P1", "P3", "P2"]
        assert product_codes("-variant") == ["P1", "P3", "P2"]
        assert product_codes("variant") == ["P3", "P1", "P2"]
        assert set(PRODUCT_SORT_KEYS) >= {"code", "name", "variant", "base_unit", "list_price"}
        assert supplier_codes("phone") == ["S3", "S1", "S2"]
        assert supplier_codes("-phone") == ["S1", "S3", "S2"]
        assert supplier_codes("-code") == ["S3", "S2", "S1"]
        with pytest.raises(ValueError, match="invalid sort 'category' for product search"):
            search_products(session, "", sort="category")
        with pytest.raises(ValueError, match="invalid sort 'owner' for supplier search"):
            search_suppliers(session, "", sort="owner")


# -- initials ranking and pinyin order ------------------------------------------

RANKING_NAMES = ("温州精芯供应链", "柳州巨奥食品", "鸿运重庆火锅", "重庆茶馆", "中庆贸易", "北京商贸")


def test_initials_at_name_start_rank_first(replica):
    add(replica, *[customer(number, f"C{number:03d}", name) for number, name in enumerate(RANKING_NAMES, start=1)])
    with replica.transaction() as session:
        names = [row["name"] for row in search_customers(session, "zq").rows]
    # 州精 and 州巨 would read zq only through 精 qíng and 巨 qú, readings without phrase evidence.
    assert names == ["重庆茶馆", "中庆贸易", "鸿运重庆火锅"]


def test_long_initials_query_ranks_by_position(replica):
    add(replica, *[customer(number, f"C{number:03d}", name) for number, name in enumerate(RANKING_NAMES, start=1)])
    with replica.transaction() as session:
        assert [row["name"] for row in search_customers(session, "cqhg").rows] == ["鸿运重庆火锅"]
        assert [row["name"] for row in search_customers(session, "zqcg").rows] == ["重庆茶馆"]
        assert [row["name"] for row in search_customers(session, "zqmy").rows] == ["中庆贸易"]


def test_initials_tiers_ordered_by_pinyin(replica):
    # Indexed in descending code order, so index order, code order and pinyin order all differ.
    names = ["重庆茶馆", "鸿运重庆火锅", "重庆小面", "老重庆饭店", "中庆贸易"]
    add(replica, *[customer(number, f"C{10 - number}", name) for number, name in enumerate(names, start=1)])
    # Name start (C9 chong qing cha, C7 chong qing xiao, C5 zhong qing), then a later word
    # (C8 hong yun, C6 lao). By code, C5 would come first.
    assert codes(replica, "zq") == ["C9", "C7", "C5", "C8", "C6"]
    assert codes(replica, "cq") == ["C9", "C7", "C8", "C6"]
    assert codes(replica, "zqcg") == ["C9"]
    assert codes(replica, "zq", limit=2) == ["C9", "C7"]
    assert codes(replica, "zq", limit=2, offset=2) == ["C5", "C8"]


def test_initials_cities_by_pinyin_not_code(replica):
    # The codes interleave the two cities; "sz" lists 深圳 (shen zhen) before 苏州 (su zhou).
    names = ["苏州茶庄", "深圳电子", "苏州百货", "深圳超市"]
    add(replica, *[customer(number, f"A{number}", name) for number, name in enumerate(names, start=1)])
    assert codes(replica, "sz") == ["A4", "A2", "A3", "A1"]


def test_supplier_initials_match_name_prefix_order(replica):
    add(replica, *[
        Supplier(id=cid(1000 + number), code=f"S{number}", name=f"供应商{number}", version=1, updated_at=UPDATED,
                 active=True, payment_terms_days=30)
        for number in (5, 3, 1)
    ])
    with replica.transaction() as session:
        by_initials = [row["code"] for row in search_suppliers(session, "gys").rows]
        by_name = [row["code"] for row in search_suppliers(session, "供应").rows]
    assert by_initials == ["S1", "S3", "S5"]
    assert by_name == ["S1", "S3", "S5"]


def test_initials_rank_of_entry():
    kind = search_index.KINDS["customer"]
    entry = search_index.build_entry(kind, {"name": "鸿运重庆火锅", "code": "C1"})
    rank = search_index.initials_rank
    assert rank(entry.initials, entry.word_starts, "hy") == search_index.RANK_NAME_START
    assert rank(entry.initials, entry.word_starts, "zq") == search_index.RANK_WORD_START
    assert rank(entry.initials, entry.word_starts, "yz") == search_index.RANK_INSIDE
    assert rank(entry.initials, entry.word_starts, "xx") == search_index.RANK_NONE


def test_name_sort_follows_pinyin(replica):
    names = ("中庆贸易", "阿里商行", "Zebra五金", "安康超市", "重庆茶馆", "北京商贸")
    add(replica, *[customer(number, f"C{number:03d}", name) for number, name in enumerate(names, start=1)])
    expected = ["阿里商行", "安康超市", "北京商贸", "重庆茶馆", "Zebra五金", "中庆贸易"]
    with replica.transaction() as session:
        assert [row["name"] for row in search_customers(session, "", sort="name").rows] == expected
        assert [row["name"] for row in search_customers(session, "", sort="-name").rows] == expected[::-1]
        # With a text, the matches keep the same order.
        assert [row["name"] for row in search_customers(session, "庆", sort="name").rows] == ["重庆茶馆", "中庆贸易"]
        second_page = search_customers(session, "", sort="name", limit=2, offset=2).rows
        assert [row["name"] for row in second_page] == expected[2:4]


def test_name_sort_follows_renamed_record(replica):
    add(replica, customer(1, "C001", "阿里商行"), customer(2, "C002", "北京商贸"))
    with replica.transaction() as session:
        session.get(Customer, cid(1)).name = "长城商行"
    with replica.transaction() as session:
        assert [row["code"] for row in search_customers(session, "", sort="name").rows] == ["C002", "C001"]
