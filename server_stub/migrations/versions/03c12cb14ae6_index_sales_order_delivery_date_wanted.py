"""index sales_order.delivery_date_wanted

Revision ID: 03c12cb14ae6
Revises: 4bc8b13a201d
Create Date: 2026-12-05 21:02:53.262228

Without this index the order list's filter on the wanted delivery date scans
every order: about 124 ms on 100,000 orders when nothing matches.
"""

from __future__ import annotations

from alembic import op


revision = '03c12cb14ae6'
down_revision = '4bc8b13a201d'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('sales_order', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sales_order_delivery_date_wanted'), ['delivery_date_wanted'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('sales_order', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sales_order_delivery_date_wanted'))
