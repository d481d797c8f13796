"""Outbox, undo log and rebase on real SQLite replicas (no server)."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import select

from domain.commands.framework import CommandRejected, InvalidPayload
from domain.ids import new_id
from domain.models import Customer
from sync.engine import apply_page, rebase_out, undo_all_pending
from sync.local_commands import submit
from sync.local_tables import OutboxEntry, UndoRecord
from tests.sync.helpers import customer_wire, page, raw_tables


def _customer(replica, customer_id):
    with replica.transaction() as session:
        customer = session.get(Customer, customer_id)
        return None if customer is None else (customer.code, customer.name, customer.phone, customer.notes)


def test_submit_writes_row_outbox_and_undo(replica):
    customer_id = new_id()
    queued = submit(replica, "test.customer.put", {"id": customer_id, "code": "C1", "name": "Acme"})

    assert _customer(replica, customer_id) == ("C1", "Acme", None, None)
    entries = replica.outbox()
    assert [e.mutation_id for e in entries] == [queued.mutation_id]
    assert entries[0].status == "pending"
    assert entries[0].payload == {"id": customer_id, "code": "C1", "name": "Acme"}
    with replica.transaction() as session:
        records = list(session.scalars(select(UndoRecord)))
    assert [(r.table_name, r.row_id, r.before) for r in records] == [("customer", customer_id, None)]


def test_device_seq_gapless_across_rejections(replica):
    customer_id = new_id()
    submit(replica, "test.customer.put", {"id": customer_id, "code": "C1", "name": "A"})
    with pytest.raises(CommandRejected):
        submit(replica, "test.reject", {"id": customer_id})
    with pytest.raises(InvalidPayload):
        submit(replica, "test.customer.put", {"id": customer_id})
    submit(replica, "test.customer.put", {"id": customer_id, "code": "C1", "name": "B"})
    submit(replica, "test.customer.remove", {"id": customer_id})

    assert [e.device_seq for e in replica.outbox()] == [1, 2, 3]
    assert replica.read_state().last_device_seq == 3


def test_rejected_submit_writes_nothing(replica):
    before = raw_tables(replica, ("customer", "outbox", "undo_log"))
    with pytest.raises(CommandRejected) as raised:
        submit(replica, "test.reject", {"id": new_id()})

    assert raised.value.code == "test_rejected"
    assert raw_tables(replica, ("customer", "outbox", "undo_log")) == before


def test_undo_restores_exact_before_state(replica):
    kept_id, edited_id, removed_id = new_id(), new_id(), new_id()
    for customer_id, code in ((kept_id, "K"), (edited_id, "E"), (removed_id, "R")):
        submit(replica, "test.customer.put", {"id": customer_id, "code": code, "name": code})
    # Make the three rows server rows: a pull brings them and the outbox is then empty.
    with replica.transaction() as session:
        session.execute(OutboxEntry.__table__.delete())
        session.execute(UndoRecord.__table__.delete())
    before = raw_tables(replica)

    submit(replica, "test.customer.put", {"id": edited_id, "code": "E", "name": "Edited", "phone": "1"})
    submit(replica, "test.customer.put", {"id": edited_id, "code": "E2", "name": "Edited again", "notes": "n"})
    submit(replica, "test.customer.remove", {"id": removed_id})
    submit(replica, "test.customer.put", {"id": new_id(), "code": "N", "name": "New"})
    assert raw_tables(replica) != before

    with replica.transaction() as session:
        undo_all_pending(session)
        remaining = session.scalar(select(UndoRecord.id).limit(1))
    assert raw_tables(replica) == before
    assert remaining is None


def test_pull_keeps_pending_change_on_top(replica):
    customer_id = new_id()
    with replica.transaction() as session:
        apply_page(session, page(5, {"customer": [customer_wire(customer_id, "C1", "Server v1", version=1, change_seq=5)]}))
    submit(replica, "test.customer.put", {"id": customer_id, "code": "C1", "name": "Server v1", "phone": "555"})

    # The server renamed the customer meanwhile; the pending phone must survive the pull.
    with replica.transaction() as session:
        apply_page(session, page(9, {"customer": [customer_wire(customer_id, "C1", "Server v2", version=2, change_seq=9)]}))

    assert _customer(replica, customer_id) == ("C1", "Server v1", "555", None)
    with replica.transaction() as session:
        undo_all_pending(session)
        server_view = session.get(Customer, customer_id)
        assert (server_view.name, server_view.phone, server_view.version) == ("Server v2", None, 2)
        session.rollback()
    assert replica.read_state().cursor == 9
    assert [e.status for e in replica.outbox()] == ["pending"]


def test_pull_finishes_acknowledged_command(replica):
    customer_id = new_id()
    queued = submit(replica, "test.customer.put", {"id": customer_id, "code": "C1", "name": "Mine"})
    with replica.transaction() as session:
        entry = session.get(OutboxEntry, queued.mutation_id)
        entry.status = "acknowledged"
        entry.change_seq = 12

    # A page below the command's change number keeps it on top of the new state.
    with replica.transaction() as session:
        apply_page(session, page(11))
    assert _customer(replica, customer_id) == ("C1", "Mine", None, None)
    assert len(replica.outbox()) == 1

    with replica.transaction() as session:
        apply_page(session, page(12, {"customer": [customer_wire(customer_id, "C1", "Mine", version=1, change_seq=12)]}))
    assert replica.outbox() == []
    with replica.transaction() as session:
        assert session.scalar(select(UndoRecord.id).limit(1)) is None
        assert session.get(Customer, customer_id).change_seq == 12


def test_rejected_entry_undone_and_kept(replica):
    customer_id = new_id()
    queued = submit(replica, "test.customer.put", {"id": customer_id, "code": "C1", "name": "Refused"})
    with replica.transaction() as session:
        entry = session.get(OutboxEntry, queued.mutation_id)
        entry.status = "rejected"
        entry.result_code = "duplicate_code"

    with replica.transaction() as session:
        apply_page(session, page(3))

    assert _customer(replica, customer_id) is None
    entries = replica.outbox()
    assert [(e.status, e.result_code) for e in entries] == [("rejected", "duplicate_code")]


def test_rerun_failure_stays_pending(replica):
    customer_id = new_id()
    with replica.transaction() as session:
        apply_page(session, page(2, {"customer": [customer_wire(customer_id, "C1", "Gone soon", version=1, change_seq=2)]}))
    submit(replica, "test.customer.remove", {"id": customer_id})

    # The server deleted the row itself; removing it again fails locally but stays queued.
    with replica.transaction() as session:
        failures = apply_page(session, page(4, tombstones=[("customer", customer_id)]))[2]

    assert failures == 1
    assert [e.status for e in replica.outbox()] == ["pending"]
    assert _customer(replica, customer_id) is None


def test_tombstone_and_upsert_in_bulk(replica):
    ids = [new_id() for _ in range(3000)]
    rows = [customer_wire(i, f"C{n}", f"Name {n}", version=1, change_seq=1) for n, i in enumerate(ids)]
    with replica.transaction() as session:
        assert apply_page(session, page(1, {"customer": rows}))[0] == 3000
    with replica.transaction() as session:
        assert apply_page(session, page(2, tombstones=[("customer", i) for i in ids[:1500]]))[1] == 1500
    assert replica.row_counts()["customer"] == 1500


def test_replica_pragmas(replica):
    connection = sqlite3.connect(replica.path)
    try:
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        connection.close()
    with replica.transaction() as session:
        assert session.connection().exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL


def test_rebase_out_order_is_newest_first(replica):
    customer_id = new_id()
    submit(replica, "test.customer.put", {"id": customer_id, "code": "A", "name": "1"})
    submit(replica, "test.customer.put", {"id": customer_id, "code": "A", "name": "2"})
    submit(replica, "test.customer.put", {"id": customer_id, "code": "A", "name": "3"})
    with replica.transaction() as session:
        entries = list(session.scalars(select(OutboxEntry).order_by(OutboxEntry.device_seq)))
        rebase_out(session, entries)
        assert session.get(Customer, customer_id) is None


def test_pulled_row_stored_like_orm(replica, tmp_path):
    import datetime as dt
    from decimal import Decimal

    from sync.client import open_replica
    from sync.rows import row_to_wire

    customer_id = new_id()
    values = {
        "id": customer_id, "code": "C9", "name": "昆明茶厂", "version": 3, "change_seq": 7,
        "updated_at": dt.datetime(2026, 3, 1, 8, 30, 15, 123456, tzinfo=dt.timezone.utc),
        "active": True, "credit_limit": Decimal("1234.50"), "payment_terms_days": 30,
    }
    with replica.transaction() as session:
        session.add(Customer(**values))
    other = open_replica(tmp_path / "other")
    try:
        wire = row_to_wire(Customer.__table__, {**values})
        with other.transaction() as session:
            apply_page(session, page(7, {"customer": [wire]}))

        assert raw_tables(other) == raw_tables(replica)
    finally:
        other.close()


def test_rebase_out_restores_each_earlier_state(replica):
    # The last three commands are undone in one bulk pass, two of them on the
    # same row, so only newest-first order brings that row back to "1".
    first, second = new_id(), new_id()
    submit(replica, "test.customer.put", {"id": first, "code": "A", "name": "1"})
    submit(replica, "test.customer.put", {"id": second, "code": "B", "name": "1"})
    submit(replica, "test.customer.put", {"id": first, "code": "A", "name": "2"})
    submit(replica, "test.customer.put", {"id": first, "code": "A", "name": "3"})
    submit(replica, "test.customer.put", {"id": second, "code": "B", "name": "2"})
    with replica.transaction() as session:
        entries = list(session.scalars(select(OutboxEntry).order_by(OutboxEntry.device_seq)))
        kept = {entries[0].mutation_id, entries[1].mutation_id}
        rebase_out(session, entries[2:], keep=kept)
    assert _customer(replica, first) == ("A", "1", None, None)
    assert _customer(replica, second) == ("B", "1", None, None)
    with replica.transaction() as session:
        left = {record.mutation_id for record in session.scalars(select(UndoRecord))}
    assert left == kept
