"""Which queued commands a pulled page is rebased around, on real SQLite replicas (no server)."""

from __future__ import annotations

from sqlalchemy import select

from domain.ids import new_id
from domain.models import Customer
from sync.engine import apply_page
from sync.local_commands import submit
from sync.local_tables import OutboxEntry, UndoRecord
from tests.sync.helpers import customer_wire, page


def _acknowledge(replica, mutation_id: str, change_seq: int) -> None:
    with replica.transaction() as session:
        entry = session.get(OutboxEntry, mutation_id)
        entry.status = "acknowledged"
        entry.change_seq = change_seq


def _undo_record_ids(replica, mutation_id: str) -> list[int]:
    with replica.transaction() as session:
        return list(session.scalars(select(UndoRecord.id).where(UndoRecord.mutation_id == mutation_id)))


def _mark(replica, customer_id: str) -> None:
    """Write a note past the command framework: undoing and running the command again erases it."""
    with replica.transaction() as session:
        session.connection().exec_driver_sql("UPDATE customer SET notes = 'marker' WHERE id = ?", (customer_id,))


def _notes(replica, customer_id: str):
    with replica.transaction() as session:
        return session.get(Customer, customer_id).notes


def _customer(replica, customer_id):
    with replica.transaction() as session:
        customer = session.get(Customer, customer_id)
        return None if customer is None else (customer.name, customer.phone, customer.change_seq)


def test_untouched_acknowledged_command_stays_applied(replica):
    first_id, second_id = new_id(), new_id()
    first = submit(replica, "test.customer.put", {"id": first_id, "code": "C1", "name": "First"})
    second = submit(replica, "test.customer.put", {"id": second_id, "code": "C2", "name": "Second"})
    _acknowledge(replica, first.mutation_id, 10)
    _acknowledge(replica, second.mutation_id, 11)
    records_before = _undo_record_ids(replica, second.mutation_id)
    _mark(replica, second_id)

    # The page carries the first command's row only.
    with replica.transaction() as session:
        apply_page(session, page(10, {"customer": [customer_wire(first_id, "C1", "First", version=1, change_seq=10)]}))

    assert [e.mutation_id for e in replica.outbox()] == [second.mutation_id]
    assert _undo_record_ids(replica, first.mutation_id) == []
    # Not undone and run again: the same undo records, the same local row.
    assert _undo_record_ids(replica, second.mutation_id) == records_before
    assert _notes(replica, second_id) == "marker"
    assert _customer(replica, second_id) == ("Second", None, None)
    assert _customer(replica, first_id) == ("First", None, 10)


def test_page_touching_acknowledged_row_reruns_it(replica):
    customer_id = new_id()
    with replica.transaction() as session:
        apply_page(session, page(5, {"customer": [customer_wire(customer_id, "C1", "Server v1", version=1, change_seq=5)]}))
    queued = submit(replica, "test.customer.put", {"id": customer_id, "code": "C1", "name": "Server v1", "phone": "555"})
    _acknowledge(replica, queued.mutation_id, 12)

    # Another user's rename reaches the row before the command's own change number.
    with replica.transaction() as session:
        apply_page(session, page(9, {"customer": [customer_wire(customer_id, "C1", "Server v2", version=2, change_seq=9)]}))

    assert _customer(replica, customer_id) == ("Server v1", "555", 9)
    with replica.transaction() as session:
        before = session.scalars(select(UndoRecord.before).where(UndoRecord.mutation_id == queued.mutation_id)).one()
    assert before["name"] == "Server v2"


def test_command_sharing_rows_with_finished_one_reruns(replica):
    customer_id = new_id()
    create = submit(replica, "test.customer.put", {"id": customer_id, "code": "C1", "name": "Mine"})
    edit = submit(replica, "test.customer.put", {"id": customer_id, "code": "C1", "name": "Mine", "phone": "777"})
    _acknowledge(replica, create.mutation_id, 20)
    _acknowledge(replica, edit.mutation_id, 21)
    _mark(replica, customer_id)

    # The page finishes the create; the server's row already has change 21, so it is not in the page.
    with replica.transaction() as session:
        apply_page(session, page(20))

    # The edit was undone with the create and ran again on a replica without the row.
    assert [e.mutation_id for e in replica.outbox()] == [edit.mutation_id]
    assert _notes(replica, customer_id) is None
    assert _customer(replica, customer_id) == ("Mine", "777", None)


def test_pending_command_reruns_every_page(replica):
    acknowledged_id, pending_id = new_id(), new_id()
    acknowledged = submit(replica, "test.customer.put", {"id": acknowledged_id, "code": "A", "name": "Acked"})
    pending = submit(replica, "test.customer.put", {"id": pending_id, "code": "P", "name": "Pending"})
    _acknowledge(replica, acknowledged.mutation_id, 30)
    _mark(replica, acknowledged_id)
    _mark(replica, pending_id)

    with replica.transaction() as session:
        apply_page(session, page(25))

    assert _notes(replica, acknowledged_id) == "marker"
    assert _notes(replica, pending_id) is None
    assert _customer(replica, acknowledged_id) == ("Acked", None, None)
    assert _customer(replica, pending_id) == ("Pending", None, None)


def test_orphan_undo_records_are_dropped(replica):
    customer_id = new_id()
    queued = submit(replica, "test.customer.put", {"id": customer_id, "code": "C1", "name": "Orphaned"})
    with replica.transaction() as session:
        session.delete(session.get(OutboxEntry, queued.mutation_id))

    with replica.transaction() as session:
        apply_page(session, page(3))

    assert _undo_record_ids(replica, queued.mutation_id) == []
    assert _customer(replica, customer_id) is None
