"""Search by the phones of contacts, and the order of relevance tiers, on a real replica file."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from domain.models import Customer, CustomerContact, DuplicateTask, Supplier, SupplierContact
from sync import search_index
from sync.client import submit
from sync.search import COUNT_CAP, search_customers, search_suppliers

UPDATED = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)
USCC = "91110000600037341L"


def rid(n: int) -> str:
    return f"01900000-0000-7000-8000-{n:012d}"


def add(replica, *rows) -> None:
    with replica.transaction() as session:
        for row in rows:
            session.add(row)


def customer(n: int, code: str, name: str, **fields) -> Customer:
    return Customer(id=rid(n), code=code, name=name, version=1, updated_at=UPDATED, active=True, **fields)


def supplier(n: int, code: str, name: str) -> Supplier:
    return Supplier(id=rid(n), code=code, name=name, version=1, updated_at=UPDATED, active=True, payment_terms_days=30)


def customer_codes(replica, text: str, **kwargs) -> list[str]:
    with replica.transaction() as session:
        return [row["code"] for row in search_customers(session, text, **kwargs).rows]


def supplier_codes(replica, text: str) -> list[str]:
    with replica.transaction() as session:
        return [row["code"] for row in search_suppliers(session, text).rows]


def set_role(replica, role: str) -> None:
    with replica.transaction() as session:
        replica.state(session).role = role


# -- contact phones ----------------------------------------------------------


def test_customer_contact_phones_by_command(replica):
    submit(replica, "customer.create", {"id": rid(1), "code": "K1", "name": "重庆火锅食品厂"})
    submit(replica, "customer.create", {"id": rid(2), "code": "K2", "name": "长沙银行"})
    assert customer_codes(replica, "13912345678") == []

    submit(replica, "customer_contact.create", {
        "id": rid(11), "customer_id": rid(1), "name": "周经理",
        "fields": {"mobile": "139 1234 5678", "phone": "023-6123 4567"},
    })
    # The full number, a substring, and separators typed differently.
    assert customer_codes(replica, "13912345678") == ["K1"]
    assert customer_codes(replica, "1234567") == ["K1"]
    assert customer_codes(replica, "139-1234") == ["K1"]
    assert customer_codes(replica, "02361234567") == ["K1"]
    assert customer_codes(replica, "6123") == ["K1"]

    submit(replica, "customer_contact.update", {"id": rid(11), "fields": {"mobile": "13700001111"}})
    assert customer_codes(replica, "13912345678") == []
    assert customer_codes(replica, "13700001111") == ["K1"]
    assert customer_codes(replica, "02361234567") == ["K1"]

    submit(replica, "customer_contact.delete", {"id": rid(11)})
    assert customer_codes(replica, "13700001111") == []
    assert customer_codes(replica, "02361234567") == []


def test_customer_contact_rows_written_directly(replica):
    # Pulled pages, undo and rebase write rows with plain SQL. The triggers catch those writes too.
    add(replica, customer(1, "K1", "重庆火锅食品厂"), customer(2, "K2", "长沙银行"))
    add(replica, CustomerContact(id=rid(11), customer_id=rid(1), name="周经理", mobile="13912345678"))
    assert customer_codes(replica, "13912345678") == ["K1"]
    with replica.transaction() as session:
        session.connection().exec_driver_sql("DELETE FROM customer_contact WHERE id = ?", (rid(11),))
    assert customer_codes(replica, "13912345678") == []


def test_customer_contact_follows_merge(replica):
    submit(replica, "customer.create", {"id": rid(1), "code": "K1", "name": "上海沪联商贸", "fields": {"uscc": USCC}})
    submit(replica, "customer.create", {"id": rid(2), "code": "K2", "name": "沪联商贸", "fields": {"uscc": USCC}})
    submit(replica, "customer_contact.create", {
        "id": rid(12), "customer_id": rid(2), "name": "吴会计", "fields": {"mobile": "13800000009"},
    })
    assert customer_codes(replica, "13800000009") == ["K2"]
    with replica.transaction() as session:
        (task_id,) = session.scalars(select(DuplicateTask.id)).all()

    set_role(replica, "manager")
    submit(replica, "customer.merge", {"task_id": task_id, "survivor_id": rid(1)})
    with replica.transaction() as session:
        assert session.get(CustomerContact, rid(12)).customer_id == rid(1)
    assert customer_codes(replica, "13800000009") == ["K1"]


def test_supplier_contact_phones(replica):
    set_role(replica, "manager")
    submit(replica, "supplier.create", {"id": rid(3), "code": "S1", "name": "广州五金供应"})
    submit(replica, "supplier.create", {"id": rid(4), "code": "S2", "name": "杭州茶叶"})
    submit(replica, "supplier_contact.create", {
        "id": rid(13), "supplier_id": rid(3), "name": "李经理", "fields": {"phone": "020-8765 4321"},
    })
    assert supplier_codes(replica, "02087654321") == ["S1"]
    assert supplier_codes(replica, "87654") == ["S1"]

    submit(replica, "supplier_contact.update", {"id": rid(13), "fields": {"phone": "13611112222"}})
    assert supplier_codes(replica, "87654") == []
    assert supplier_codes(replica, "13611112222") == ["S1"]

    # Re-pointed to the other supplier, as a correction of the contact's owner would do.
    with replica.transaction() as session:
        session.get(SupplierContact, rid(13)).supplier_id = rid(4)
    assert supplier_codes(replica, "13611112222") == ["S2"]

    submit(replica, "supplier_contact.delete", {"id": rid(13)})
    assert supplier_codes(replica, "13611112222") == []


def test_contact_phones_after_rebuild(replica):
    add(replica, supplier(3, "S1", "广州五金供应"), customer(1, "K1", "重庆火锅食品厂"))
    add(
        replica,
        SupplierContact(id=rid(13), supplier_id=rid(3), name="李经理", mobile="13611112222"),
        CustomerContact(id=rid(11), customer_id=rid(1), name="周经理", phone="023-61234567"),
        CustomerContact(id=rid(12), customer_id=rid(1), name="吴会计", mobile="13800000009",
                        deleted_at=UPDATED),
    )
    with replica.transaction() as session:
        search_index.rebuild(session)
    assert supplier_codes(replica, "13611112222") == ["S1"]
    assert customer_codes(replica, "61234567") == ["K1"]
    # A soft-deleted contact's phone is not indexed.
    assert customer_codes(replica, "13800000009") == []


def test_contact_triggers_exist_after_migrations(replica):
    with replica.transaction() as session:
        names = set(session.connection().exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type = 'trigger'").scalars())
    for table in ("customer_contact", "supplier_contact"):
        for event in ("insert", "update", "delete"):
            assert f"search_dirty_{table}_{event}" in names


def test_migration_contact_triggers_match_index_code():
    import importlib

    revision = importlib.import_module("sync.migrations.versions.4b8a12f0bdfd_search_contact_phones")
    expected = [sql for kind in search_index.KINDS.values() for sql in search_index.contact_trigger_sql(kind)]
    assert revision.CONTACT_TRIGGERS == expected


def contact_triggers(replica) -> set[str]:
    with replica.transaction() as session:
        return set(session.connection().exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'search_dirty_%_contact_%'"
        ).scalars())


def test_bulk_load_drops_and_restores_contact_triggers(replica):
    add(replica, customer(1, "K1", "重庆火锅食品厂"))
    with replica.transaction() as session:
        search_index.begin_bulk_load(session)
    assert contact_triggers(replica) == set()
    add(replica, CustomerContact(id=rid(11), customer_id=rid(1), name="周经理", mobile="13912345678"))
    with replica.transaction() as session:
        search_index.refresh(session)
    assert len(contact_triggers(replica)) == 6
    assert customer_codes(replica, "13912345678") == ["K1"]

    # The rebuild created the triggers again, so a later contact is recorded.
    add(replica, CustomerContact(id=rid(12), customer_id=rid(1), name="吴会计", mobile="13800000009"))
    with replica.transaction() as session:
        assert search_index.dirty_count(session) == 1
    assert customer_codes(replica, "13800000009") == ["K1"]


# -- ranking -----------------------------------------------------------------


def test_name_prefix_tier_in_pinyin_order(replica):
    add(
        replica,
        customer(1, "X3", "联营张家口"),
        customer(2, "X4", "联营阿坝"),
        customer(3, "X5", "联营北京"),
        customer(4, "X1", "阿坝联营"),
    )
    # Name prefixes by pinyin: lianying aba, lianying beijing, lianying zhangjiakou. In code point
    # order 北 (U+5317) and 张 (U+5F20) would come before 阿 (U+963F). The other match follows.
    assert customer_codes(replica, "联营") == ["X4", "X5", "X3", "X1"]


def test_name_prefix_order_beyond_cap(replica):
    count = COUNT_CAP + 200
    names = [f"联营{'阿' if n % 2 else '张'}坝{n}号" for n in range(count)]
    # Codes in name order by code point: every 张 name has a lower code than every 阿 name.
    codes = {name: f"L{rank:05d}" for rank, name in enumerate(sorted(names))}
    add(replica, *[customer(100 + n, codes[name], name) for n, name in enumerate(names)])
    kind = search_index.KINDS["customer"]
    by_pinyin = sorted(names, key=lambda name: search_index.build_entry(kind, {"name": name, "code": codes[name]}).sort_key)
    assert by_pinyin[0].startswith("联营阿")
    assert customer_codes(replica, "联营") == [codes[name] for name in by_pinyin[:50]]
    assert customer_codes(replica, "联营", limit=10, offset=700) == [codes[name] for name in by_pinyin[700:710]]


def pinyin_order(names_by_code: dict[str, str]) -> list[str]:
    """Return the codes in the order of the search index's pinyin sort key of their names."""
    kind = search_index.KINDS["customer"]
    return sorted(
        names_by_code,
        key=lambda code: search_index.build_entry(kind, {"name": names_by_code[code], "code": code}).sort_key,
    )


def test_initials_order_beyond_cap(replica):
    count = COUNT_CAP + 200
    # Inserted in descending code order, so index order is the reverse of code order, and the
    # names' digits make pinyin order ("10号" before "2号") differ from both.
    names = {f"Q{count - n:05d}": f"重庆分店{n}号" for n in range(count)}
    add(replica, *[customer(100 + n, code, name) for n, (code, name) in enumerate(names.items())])
    add(replica, customer(50, "Z00000", "老重庆饭店"))
    expected = pinyin_order(names)[:50]
    assert expected != sorted(names)[:50]
    assert customer_codes(replica, "zq") == expected
    assert customer_codes(replica, "cq", limit=10, offset=20) == expected[20:30]
    # Four or more letters take the same path.
    assert customer_codes(replica, "cqfd", limit=5) == expected[:5]
    # The word-start tier follows the name-start tier of every match.
    assert customer_codes(replica, "zq", limit=2, offset=count) == ["Z00000"]


def test_word_start_order_beyond_cap(replica):
    count = COUNT_CAP + 200
    names = {f"W{count - n:05d}": f"老重庆分店{n}号" for n in range(count)}
    add(replica, *[customer(100 + n, code, name) for n, (code, name) in enumerate(names.items())])
    assert customer_codes(replica, "zq", limit=3) == pinyin_order(names)[:3]


def test_word_start_tier_skips_name_starts(replica):
    # More than COUNT_CAP names match "zq" at the start and again at a later word; they belong to
    # the name-start tier only. The word-start tier has fewer than COUNT_CAP other names.
    both = {f"B{n:05d}": f"重庆老重庆{n}号" for n in range(COUNT_CAP + 100)}
    later = {f"L{n:05d}": f"老重庆{n}号" for n in range(30)}
    add(replica, *[customer(100 + n, code, name) for n, (code, name) in enumerate({**both, **later}.items())])
    expected = pinyin_order(both) + pinyin_order(later)
    offset = len(both) - 5
    assert customer_codes(replica, "zq", limit=10, offset=offset) == expected[offset : offset + 10]
    assert customer_codes(replica, "cq", limit=40, offset=len(both)) == pinyin_order(later)


def test_polyphonic_cities_keep_both_readings(replica):
    add(replica, customer(1, "C1", "重庆火锅"), customer(2, "C2", "长沙银行"), customer(3, "C3", "柳州精芯食品"))
    assert customer_codes(replica, "cq") == ["C1"]
    assert customer_codes(replica, "zq") == ["C1"]
    assert customer_codes(replica, "cs") == ["C2"]
    assert customer_codes(replica, "zs") == ["C2"]
    assert customer_codes(replica, "lzjx") == ["C3"]


def test_rare_reading_does_not_match(replica):
    # 精 reads qíng only in pypinyin's character dictionary, never in a phrase, so 州精 is not "zq".
    add(replica, customer(1, "C1", "柳州精芯食品"), customer(2, "C2", "重庆火锅"))
    assert customer_codes(replica, "zq") == ["C2"]
    assert customer_codes(replica, "zj") == ["C1"]
    assert search_index.char_initials("精") == "j"
    assert search_index.char_initials("重") == "zc"
    assert search_index.char_initials("长") == "zc"
    assert search_index.char_initials("行") == "xh"
