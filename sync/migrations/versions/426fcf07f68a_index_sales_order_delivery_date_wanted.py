"""index sales_order.delivery_date_wanted

Revision ID: 426fcf07f68a
Revises: 602ba4c788cd
Create Date: 2026-12-05 21:02:51.051503

Without this index the order list's filter on the wanted delivery date scans
every order: about 124 ms on 100,000 orders when nothing matches.
"""
from __future__ import annotations

from alembic import op


revision = '426fcf07f68a'
down_revision = '602ba4c788cd'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('sales_order', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sales_order_delivery_date_wanted'), ['delivery_date_wanted'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('sales_order', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sales_order_delivery_date_wanted'))
