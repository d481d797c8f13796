"""Every command has words on the Sync problems page, naming the record it is about."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from domain.commands.framework import REGISTRY, load_handlers
from domain.ids import new_id
from domain.models import Customer, Department, Quotation, Supplier
from desktop.messages import _command_templates, command_label
from desktop.models.master_subjects import master_subject
from sync.client import open_replica


def test_every_command_has_label(english):
    load_handlers()
    # Other tests register their own commands (test.*); only the product's handlers need labels.
    product_commands = {name for name, spec in REGISTRY.items()
                        if spec.handler.__module__.startswith("domain.commands.handlers.")}
    missing = sorted(product_commands - set(_command_templates()))
    assert not missing, f"commands without a label template in desktop/messages.py: {missing}"


def test_every_label_translated(chinese):
    untranslated = [
        name for name, (with_party, _without) in _command_templates().items()
        if with_party.isascii()
    ]
    assert not untranslated, f"labels still in English under zh_CN: {untranslated}"


def test_refused_supplier_create_named_from_payload(english, tmp_path):
    replica = open_replica(tmp_path / "replica")
    try:
        with replica.transaction() as session:
            subject = master_subject(session, "supplier.create", {"id": new_id(), "code": "S900", "name": "远洋贸易"})
    finally:
        replica.close()
    assert subject == ("S900", "远洋贸易")
    assert command_label("supplier.create", *subject) == "Create supplier S900 远洋贸易"


def test_stored_records_named_from_replica(english, tmp_path):
    replica = open_replica(tmp_path / "replica")
    department_id, supplier_id = new_id(), new_id()
    try:
        with replica.transaction() as session:
            session.add(Department(id=department_id, code="D9", name="西南销售部", active=True))
            session.add(Supplier(id=supplier_id, code="S901", name="滇红茶厂", payment_terms_days=30, active=True))
        with replica.transaction() as session:
            department = master_subject(session, "department.update", {"id": department_id, "fields": {}})
            contact = master_subject(session, "supplier_contact.create", {"id": new_id(), "supplier_id": supplier_id})
            permission = master_subject(session, "role_permission.set",
                                        {"role": "clerk", "command": "customer.create", "allowed": False})
    finally:
        replica.close()
    assert department == ("D9", "西南销售部")
    assert command_label("supplier_contact.create", *contact) == "Add a contact to supplier 滇红茶厂"
    assert command_label("role_permission.set", *permission) == "Change the permission clerk customer.create"


def test_quotation_and_promotion_names_translated(chinese):
    from desktop.models.command_names import area_of, command_name

    names = ("quotation.create", "quotation.update", "quotation.send", "quotation.cancel", "quotation.mark_lost",
             "quotation.convert", "promotion.create", "promotion.update", "promotion.end")
    untranslated = [name for name in names if command_name(name).isascii()]
    assert not untranslated
    assert area_of("quotation.convert") == "orders"
    assert area_of("promotion.end") == "prices"


def test_quotation_named_by_number_and_customer(english, tmp_path):
    replica = open_replica(tmp_path / "replica")
    customer_id = new_id()
    try:
        with replica.transaction() as session:
            session.add(Customer(id=customer_id, code="C900", name="昆明百货"))
            session.flush()
            session.add(Quotation(id=new_id(), number="QT-A1-20261204-0001", customer_id=customer_id,
                                  document_date=dt.date(2026, 12, 4), status="draft"))
        with replica.transaction() as session:
            quotation_id = session.scalars(select(Quotation.id)).one()
            subject = master_subject(session, "quotation.convert", {"id": quotation_id})
    finally:
        replica.close()
    assert subject == ("QT-A1-20261204-0001", "昆明百货")
    assert command_label("quotation.convert", *subject) == "Turn quotation QT-A1-20261204-0001 for 昆明百货 into an order"
