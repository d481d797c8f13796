"""The duplicate check before saving, duplicate tasks on create and edit, customer.merge and duplicate_task.dismiss."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import select

import domain.models as m
from domain.commands.framework import CommandRejected, NotAuthorized
from domain.customer_checks import find_duplicate_customers, name_key, name_similarity
from domain.posting.receivables import balance
from tests.domain.conftest import ID, NOW, TODAY, fixed_id
from tests.domain.payloads import delivery_payload, order_payload, payment_payload

USCC = "91110000600037341L"


def create(world, code, name, who="clerk", **fields):
    customer_id = fixed_id(f"customer:{code}")
    outcome = world.run("customer.create", {"id": customer_id, "code": code, "name": name,
                                            "fields": {"department_id": ID["d1"], **fields}}, who=who)
    return customer_id, outcome


def tasks(world, customer_id=None):
    world.session.expire_all()
    statement = select(m.DuplicateTask).order_by(m.DuplicateTask.detected_at, m.DuplicateTask.id)
    if customer_id is not None:
        statement = statement.where(m.DuplicateTask.record_id == customer_id)
    return world.session.scalars(statement).all()


# -- name keys and the pure check -----------------------------------------

@pytest.mark.parametrize(("left", "right"), [
    ("上海华联超市有限公司", "上海华联超市"),
    ("上海华联（浦东）有限责任公司", "上海华联 浦东"),
    ("上海华联(浦东)股份有限公司", "上海华联浦东"),
    ("丽江茶业商行", "丽江茶业店"),
    ("Lijiang Tea Co., Ltd.", "LIJIANG TEA"),
    ("ＡＢＣ贸易", "abc贸易"),
])
def test_name_key_equal(left, right):
    assert name_key(left) == name_key(right)


def test_name_similarity_threshold_cases():
    assert name_similarity(name_key("丽江茶业"), name_key("丽江市茶业")) >= Decimal("0.85")
    assert name_similarity(name_key("华联五金一店"), name_key("华联五金二店")) < Decimal("0.85")
    # Only 州 is shared: 2 * 1 / (4 + 5) = 0.2222..., rounded down.
    assert name_similarity(name_key("苏州百货"), name_key("杭州小卖部")) == Decimal("0.2222")


def test_check_finds_uscc_phone_contact_and_name(world):
    world.run("customer.update", {"id": ID["cust2"], "fields": {"uscc": USCC}}, who="clerk")
    world.run("customer_contact.create", {"id": fixed_id("contact:c3"), "customer_id": ID["cust_plain"],
                                          "name": "赵店长", "fields": {"mobile": "13800000003"}}, who="clerk")

    found = find_duplicate_customers(
        world.session, name="上海华联超市有限公司", uscc=USCC.lower(),
        phones=["+86 138 0000 0003", "021 555 0001"],
    )
    reasons = {match.customer_id: match.reason for match in found}
    assert reasons == {ID["cust2"]: "uscc", ID["cust_plain"]: "phone", ID["cust"]: "phone"}
    contact_match = next(match for match in found if match.customer_id == ID["cust_plain"])
    assert contact_match.contact_id == fixed_id("contact:c3")
    assert contact_match.value == "13800000003"

    by_name = find_duplicate_customers(world.session, name="上海华联超市（总店）")
    assert [(match.customer_id, match.reason) for match in by_name] == [(ID["cust"], "name")]
    assert by_name[0].similarity >= Decimal("0.85")


def test_check_excludes_edited_and_deleted(world):
    assert find_duplicate_customers(world.session, name="上海华联超市", exclude_id=ID["cust"]) == []
    assert find_duplicate_customers(world.session, phones=["021-5550001 转 8"], exclude_id=ID["cust"]) == []
    world.run("customer.delete", {"id": ID["cust"]}, who="manager")
    assert find_duplicate_customers(world.session, name="上海华联超市", phones=["021-5550001"]) == []


def test_check_phone_matches_stored_extension(world):
    world.run("customer.update", {"id": ID["cust2"], "fields": {"phone": "0512-68881234 转 20"}}, who="clerk")
    found = find_duplicate_customers(world.session, phones=["0512 6888 1234"])
    assert [(match.customer_id, match.value) for match in found] == [(ID["cust2"], "051268881234")]


# -- tasks on create and edit -----------------------------------------------

def test_create_similar_name_opens_task(world):
    customer_id, outcome = create(world, "C200", "上海华联超市有限公司")
    assert outcome.result["possible_duplicates"] == [{"id": ID["cust"], "code": "C001", "match_field": "name"}]
    (task,) = tasks(world, customer_id)
    assert task.other_record_id == ID["cust"]
    assert task.match_field == "name"
    assert task.match_value == "上海华联超市"
    assert task.similarity == Decimal(1)
    assert [flag.code for flag in outcome.flags] == ["possible_duplicate"]


def test_create_unrelated_name_opens_no_task(world):
    _customer_id, outcome = create(world, "C200", "南京五金机电")
    assert outcome.result["possible_duplicates"] == []
    assert tasks(world) == []


def test_edit_to_same_phone_opens_task(world):
    customer_id, _ = create(world, "C200", "南京五金机电")
    outcome = world.run("customer.update", {"id": customer_id, "fields": {"phone": "021-5550001"}}, who="clerk")
    assert outcome.result["possible_duplicates"] == [{"id": ID["cust"], "code": "C001", "match_field": "phone"}]
    # Editing the same field again does not open a second task for the pair.
    again = world.run("customer.update", {"id": customer_id, "fields": {"phone": "021 555 0001 转 9"}}, who="clerk")
    assert again.result["possible_duplicates"] == []
    assert len(tasks(world, customer_id)) == 1


def test_contact_phone_opens_task(world):
    customer_id, _ = create(world, "C200", "南京五金机电")
    outcome = world.run("customer_contact.create", {"id": fixed_id("contact:n1"), "customer_id": customer_id,
                                                    "name": "钱经理", "fields": {"phone": "021-5550001"}}, who="clerk")
    assert outcome.result["possible_duplicates"] == [{"id": ID["cust"], "code": "C001", "match_field": "phone"}]


def test_dismissed_pair_not_flagged_again(world):
    customer_id, _ = create(world, "C200", "上海华联超市有限公司")
    (task,) = tasks(world, customer_id)
    outcome = world.run("duplicate_task.dismiss", {"task_id": task.id, "note": "两家不同的公司"}, who="manager")
    assert outcome.result == {"task_id": task.id, "status": "dismissed"}
    task = world.get(m.DuplicateTask, task.id)
    assert task.resolution == "not_duplicate"
    assert task.resolved_by == ID["manager"]
    assert task.note == "两家不同的公司"

    again = world.run("customer.update", {"id": customer_id, "fields": {"name": "上海华联超市股份有限公司"}}, who="clerk")
    assert again.result["possible_duplicates"] == []
    with pytest.raises(CommandRejected) as err:
        world.run("customer.merge", {"task_id": task.id, "survivor_id": ID["cust"]}, who="manager")
    assert err.value.code == "task_already_resolved"


# -- merge --------------------------------------------------------------------

def _duplicate_with_history(world) -> tuple[str, str]:
    """Create C200, a duplicate of C001 by USCC, with contacts, an address, documents and a balance; return (id, task id)."""
    world.run("customer.update", {"id": ID["cust"], "fields": {"uscc": USCC}}, who="clerk")
    world.run("customer_contact.create", {"id": fixed_id("contact:survivor"), "customer_id": ID["cust"],
                                          "name": "周经理", "fields": {"is_primary": True}}, who="clerk")
    dup_id, _ = create(world, "C200", "沪联商贸", uscc=USCC)
    world.run("customer_contact.create", {"id": fixed_id("contact:dup"), "customer_id": dup_id, "name": "吴会计",
                                          "fields": {"mobile": "13800000009", "is_primary": True}}, who="clerk")
    world.session.add(m.ShippingAddress(id=fixed_id("address:dup"), customer_id=dup_id, address="上海市闵行区2号"))
    for label, status in (("open", "sent"), ("lost", "lost")):
        world.session.add(m.Quotation(id=fixed_id(f"quotation:{label}"), number=f"QT-{label}", customer_id=dup_id,
                                      department_id=ID["d1"], document_date=TODAY, status=status))
    world.session.commit()

    line = [{"product": "p1", "quantity": "2", "unit_price": "10.00"}]
    world.run("order.create", order_payload("draft", line, customer_id=dup_id), who="clerk")
    world.run("order.create", order_payload("cancelled", line, customer_id=dup_id), who="clerk")
    world.run("order.cancel", {"id": fixed_id("order:cancelled"), "reason": "客户取消"}, who="clerk")
    world.run("delivery.ship", delivery_payload("dup", [{"product": "p1", "quantity": "3", "unit_price": "100.00"}],
                                                customer_id=dup_id, warehouse="w_allow"), who="keeper")
    world.run("payment.record", {**payment_payload("dup", "120.50"), "customer_id": dup_id}, who="finance")
    (task,) = tasks(world, dup_id)
    return dup_id, task.id


def test_merge_moves_details_documents_and_balance(any_world):
    world = any_world
    world.run("delivery.ship", delivery_payload("surv", [{"product": "p1", "quantity": "1", "unit_price": "50.00"}],
                                                warehouse="w_allow"), who="keeper")
    dup_id, task_id = _duplicate_with_history(world)
    dup_entries = {entry.id: entry.amount for entry in world.session.scalars(
        select(m.ReceivableEntry).where(m.ReceivableEntry.customer_id == dup_id))}
    assert balance(world.session, dup_id) == Decimal("179.50")
    assert balance(world.session, ID["cust"]) == Decimal("50.00")

    outcome = world.run("customer.merge", {"task_id": task_id, "survivor_id": ID["cust"], "note": "同一家公司"},
                        who="manager")

    result = outcome.result
    assert result["survivor_id"] == ID["cust"]
    assert result["duplicate_id"] == dup_id
    assert result["balance_moved"] == "179.50"
    assert result["moved"] == {"customer_contact": 1, "shipping_address": 1, "invoicing_details": 0,
                               "follow_up": 0, "sales_order": 1, "quotation": 1}

    world.session.expire_all()
    assert world.get(m.CustomerContact, fixed_id("contact:dup")).customer_id == ID["cust"]
    # The survivor keeps its own primary contact.
    assert world.get(m.CustomerContact, fixed_id("contact:dup")).is_primary is False
    assert world.get(m.CustomerContact, fixed_id("contact:survivor")).is_primary is True
    assert world.get(m.ShippingAddress, fixed_id("address:dup")).customer_id == ID["cust"]
    assert world.get(m.SalesOrder, fixed_id("order:draft")).customer_id == ID["cust"]
    assert world.get(m.SalesOrder, fixed_id("order:cancelled")).customer_id == dup_id
    assert world.get(m.Quotation, fixed_id("quotation:open")).customer_id == ID["cust"]
    assert world.get(m.Quotation, fixed_id("quotation:lost")).customer_id == dup_id
    assert world.get(m.DeliveryNote, fixed_id("delivery:dup")).customer_id == dup_id

    # Posted entries are untouched; two new transfer entries move the balance.
    for entry_id, amount in dup_entries.items():
        entry = world.get(m.ReceivableEntry, entry_id)
        assert entry.customer_id == dup_id
        assert entry.amount == amount
    transfers = world.session.scalars(select(m.ReceivableEntry).where(
        m.ReceivableEntry.entry_type == "transfer").order_by(m.ReceivableEntry.amount)).all()
    assert [(entry.customer_id, entry.amount) for entry in transfers] == [
        (dup_id, Decimal("-179.50")), (ID["cust"], Decimal("179.50"))]
    assert {(entry.document_type, entry.document_id) for entry in transfers} == {("duplicate_task", task_id)}
    assert balance(world.session, dup_id) == Decimal(0)
    assert balance(world.session, ID["cust"]) == Decimal("229.50")

    duplicate = world.get(m.Customer, dup_id)
    assert duplicate.merged_into_id == ID["cust"]
    assert duplicate.deleted_at is not None
    assert world.get(m.Customer, ID["cust"]).deleted_at is None

    task = world.get(m.DuplicateTask, task_id)
    assert task.status == "done"
    assert task.resolution == "merged"
    assert task.resolved_by == ID["manager"]
    merge_task = world.get(m.MergeTask, task.merge_task_id)
    assert merge_task.survivor_id == ID["cust"]
    assert merge_task.duplicate_id == dup_id
    assert merge_task.moved["sales_order"] == [fixed_id("order:draft")]
    assert merge_task.note == "同一家公司"

    # The duplicate takes no new intentions; the survivor does.
    with pytest.raises(CommandRejected) as err:
        world.run("order.create", order_payload("late", [{"product": "p1", "quantity": "1", "unit_price": "1.00"}],
                                                customer_id=dup_id), who="clerk")
    assert err.value.code == "record_deleted"


def test_merge_zero_balance_posts_no_entries(world):
    world.run("customer.update", {"id": ID["cust2"], "fields": {"uscc": USCC}}, who="clerk")
    dup_id, _ = create(world, "C200", "苏州百货商行", uscc=USCC)
    (task,) = tasks(world, dup_id)
    outcome = world.run("customer.merge", {"task_id": task.id, "survivor_id": dup_id}, who="admin")
    # The survivor may be either customer: here the newer record stays.
    assert outcome.result["duplicate_id"] == ID["cust2"]
    assert outcome.result["balance_moved"] == "0"
    assert world.session.scalars(select(m.ReceivableEntry)).first() is None
    assert world.get(m.Customer, ID["cust2"]).merged_into_id == dup_id


def test_merge_redirects_other_open_tasks(world):
    world.run("customer.update", {"id": ID["cust2"], "fields": {"uscc": USCC}}, who="clerk")
    # C200 matches 苏州百货 by USCC and 上海华联超市 by phone: two tasks.
    dup_id, outcome = create(world, "C200", "华东采购中心", uscc=USCC, phone="021-5550001")
    assert {match["id"] for match in outcome.result["possible_duplicates"]} == {ID["cust2"], ID["cust"]}
    by_other = {task.other_record_id: task for task in tasks(world, dup_id)}

    world.run("customer.merge", {"task_id": by_other[ID["cust2"]].id, "survivor_id": ID["cust2"]}, who="manager")
    other = world.get(m.DuplicateTask, by_other[ID["cust"]].id)
    assert other.status == "open"
    assert (other.record_id, other.other_record_id) == (ID["cust2"], ID["cust"])


def test_merge_rejections(world):
    dup_id, _ = create(world, "C200", "上海华联超市有限公司")
    (task,) = tasks(world, dup_id)
    with pytest.raises(NotAuthorized):
        world.run("customer.merge", {"task_id": task.id, "survivor_id": ID["cust"]}, who="clerk")
    with pytest.raises(CommandRejected) as err:
        world.run("customer.merge", {"task_id": task.id, "survivor_id": ID["cust2"]}, who="manager")
    assert err.value.code == "survivor_not_in_task"
    world.run("customer.delete", {"id": ID["cust"]}, who="manager")
    with pytest.raises(CommandRejected) as err:
        world.run("customer.merge", {"task_id": task.id, "survivor_id": dup_id}, who="manager")
    assert err.value.code == "record_deleted"
    assert world.get(m.DuplicateTask, task.id).status == "open"


def test_merge_same_rows_on_client_and_server(tmp_path, seeded_template):
    """The optimistic run and the server's run of one merge write the same ids and values."""
    from tests.domain.conftest import copy_world

    snapshots = []
    for authoritative in (False, True):
        world, engine = copy_world(seeded_template, tmp_path / f"{authoritative}.sqlite3")
        try:
            world.counter = 0
            dup_id, task_id = _duplicate_with_history(world)
            world.run("customer.merge", {"task_id": task_id, "survivor_id": ID["cust"]}, who="manager",
                      authoritative=authoritative, mutation_id=fixed_id("mutation:merge"))
            world.session.expire_all()
            rows = []
            for model in (m.ReceivableEntry, m.MergeTask, m.DuplicateTask):
                for row in world.session.scalars(select(model).order_by(model.id)):
                    rows.append((model.__tablename__, row.id, {
                        column.key: getattr(row, column.key) for column in model.__table__.columns
                        if column.key not in {"updated_at", "detected_at", "created_at", "resolved_at",
                                              "posting_date", "document_date", "change_seq"}
                    }))
            snapshots.append(rows)
        finally:
            world.session.close()
            engine.dispose()
    assert snapshots[0] == snapshots[1]
    assert any(table == "merge_task" for table, _id, _values in snapshots[0])


def _store_flags(world, outcome, mutation: str) -> list[str]:
    """Write the flags an outcome raised, as the server's executor stores them; return their ids."""
    ids = []
    for index, raised in enumerate(outcome.flags):
        flag_id = fixed_id(f"flag:{mutation}:{index}")
        world.session.add(m.Flag(
            id=flag_id, code=raised.code, params=dict(raised.params), record_table=raised.record_table,
            record_id=raised.record_id, document_number=raised.document_number,
            department_id=raised.department_id, raised_at=NOW, status="open", version=1, change_seq=1,
        ))
        ids.append(flag_id)
    world.session.commit()
    return ids


@pytest.mark.parametrize("decision", ["merge", "dismiss"])
def test_deciding_task_resolves_its_flag(world, decision):
    customer_id, outcome = create(world, "C200", "上海华联超市有限公司")
    (flag_id,) = _store_flags(world, outcome, "create")
    # A flag of another pair stays open.
    other_id, other_outcome = create(world, "C201", "南京五金机电", phone="021-5550001")
    (other_flag_id,) = _store_flags(world, other_outcome, "other")
    (task,) = tasks(world, customer_id)

    if decision == "merge":
        world.run("customer.merge", {"task_id": task.id, "survivor_id": ID["cust"], "note": "同一家"}, who="manager")
    else:
        world.run("duplicate_task.dismiss", {"task_id": task.id, "note": "同一家"}, who="manager")

    flag = world.get(m.Flag, flag_id)
    assert flag.status == "resolved"
    assert flag.resolved_by == ID["manager"]
    assert flag.resolution_note == "同一家"
    assert world.get(m.Flag, other_flag_id).status == "open"
