"""byte-order name indexes on PostgreSQL

Revision ID: 4bc8b13a201d
Revises: f2701a4e7b02
Create Date: 2026-12-05 15:35:11

The duplicate check (domain/customer_checks.py) scans customer and supplier
names in code-point order, as SQLite compares text, so on PostgreSQL it
compares them with COLLATE "C". An index serves such a scan only when it has
the same collation, and ix_customer_name and ix_supplier_name have the
database's default one, so without these indexes every check reads and sorts
the whole table. SQLite compares text byte by byte already and gets nothing.
The models do not declare these indexes because SQLite has no "C" collation;
server_stub.migrate.POSTGRESQL_ONLY_INDEXES keeps autogenerate from dropping them.
"""

from __future__ import annotations

from alembic import op
import sqlalchemy as sa


revision = '4bc8b13a201d'
down_revision = 'f2701a4e7b02'
branch_labels = None
depends_on = None

# (index, table) pairs; each index is on the table's name column with COLLATE "C".
NAME_INDEXES = (("ix_customer_name_c", "customer"), ("ix_supplier_name_c", "supplier"))


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for index, table in NAME_INDEXES:
        op.create_index(index, table, [sa.text('name COLLATE "C"')], unique=False)


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for index, table in NAME_INDEXES:
        op.drop_index(index, table_name=table)
