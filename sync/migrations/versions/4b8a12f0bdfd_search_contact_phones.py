"""search contact phones: index the phones of customer and supplier contacts

Triggers on customer_contact and supplier_contact record the contact's
customer or supplier id in search_dirty, so sync.search_index.refresh adds
the phones of the record's live contacts to its entry. An update records
the old and the new parent, which covers a contact re-pointed by a customer
merge. The statements are spelled out here, like those of df5b046dfb02,
so this revision keeps creating what it created when later code changes.
Each kind gets a rebuild marker, so the first search or sync after the
upgrade computes every entry again with its contacts' phones and the
anchored initials of the name's common readings.

Revision ID: 4b8a12f0bdfd
Revises: 455b0ac1dfa6
Create Date: 2026-12-05 10:20:00.000000
"""
from __future__ import annotations

from alembic import op


revision = '4b8a12f0bdfd'
down_revision = '455b0ac1dfa6'
branch_labels = None
depends_on = None


CONTACT_TRIGGERS = [
    "CREATE TRIGGER search_dirty_customer_contact_insert AFTER INSERT ON customer_contact "
    "WHEN NOT EXISTS (SELECT 1 FROM search_dirty WHERE kind = 'customer' AND row_id = '*') "
    "BEGIN INSERT OR IGNORE INTO search_dirty (kind, row_id) VALUES ('customer', NEW.customer_id); END",
    "CREATE TRIGGER search_dirty_customer_contact_update AFTER UPDATE OF customer_id, mobile, phone, deleted_at "
    "ON customer_contact "
    "WHEN NOT EXISTS (SELECT 1 FROM search_dirty WHERE kind = 'customer' AND row_id = '*') "
    "BEGIN INSERT OR IGNORE INTO search_dirty (kind, row_id) VALUES ('customer', OLD.customer_id); "
    "INSERT OR IGNORE INTO search_dirty (kind, row_id) VALUES ('customer', NEW.customer_id); END",
    "CREATE TRIGGER search_dirty_customer_contact_delete AFTER DELETE ON customer_contact "
    "WHEN NOT EXISTS (SELECT 1 FROM search_dirty WHERE kind = 'customer' AND row_id = '*') "
    "BEGIN INSERT OR IGNORE INTO search_dirty (kind, row_id) VALUES ('customer', OLD.customer_id); END",
    "CREATE TRIGGER search_dirty_supplier_contact_insert AFTER INSERT ON supplier_contact "
    "WHEN NOT EXISTS (SELECT 1 FROM search_dirty WHERE kind = 'supplier' AND row_id = '*') "
    "BEGIN INSERT OR IGNORE INTO search_dirty (kind, row_id) VALUES ('supplier', NEW.supplier_id); END",
    "CREATE TRIGGER search_dirty_supplier_contact_update AFTER UPDATE OF supplier_id, mobile, phone, deleted_at "
    "ON supplier_contact "
    "WHEN NOT EXISTS (SELECT 1 FROM search_dirty WHERE kind = 'supplier' AND row_id = '*') "
    "BEGIN INSERT OR IGNORE INTO search_dirty (kind, row_id) VALUES ('supplier', OLD.supplier_id); "
    "INSERT OR IGNORE INTO search_dirty (kind, row_id) VALUES ('supplier', NEW.supplier_id); END",
    "CREATE TRIGGER search_dirty_supplier_contact_delete AFTER DELETE ON supplier_contact "
    "WHEN NOT EXISTS (SELECT 1 FROM search_dirty WHERE kind = 'supplier' AND row_id = '*') "
    "BEGIN INSERT OR IGNORE INTO search_dirty (kind, row_id) VALUES ('supplier', OLD.supplier_id); END",
]


def upgrade() -> None:
    for statement in CONTACT_TRIGGERS:
        op.execute(statement)
    for kind in ("customer", "product", "supplier"):
        op.execute(f"INSERT OR IGNORE INTO search_dirty (kind, row_id) VALUES ('{kind}', '*')")


def downgrade() -> None:
    for table in ("customer_contact", "supplier_contact"):
        for event in ("insert", "update", "delete"):
            op.execute(f"DROP TRIGGER IF EXISTS search_dirty_{table}_{event}")
