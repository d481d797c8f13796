"""add delivery_note.discount_amount

Revision ID: 54ebdfa2aa85
Revises: 0004c165dd83
Create Date: 2026-12-05 22:19:11.150518

A delivery bills its share of its orders' document discount, as it
already bills their freight. Existing notes billed none, so they get 0.
"""

from __future__ import annotations

from alembic import op
import sqlalchemy as sa


revision = '54ebdfa2aa85'
down_revision = '0004c165dd83'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('delivery_note', schema=None) as batch_op:
        batch_op.add_column(sa.Column('discount_amount', sa.BigInteger(), nullable=False, server_default='0'))


def downgrade() -> None:
    with op.batch_alter_table('delivery_note', schema=None) as batch_op:
        batch_op.drop_column('discount_amount')
