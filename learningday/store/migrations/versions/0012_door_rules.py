"""Door rules: the event's door policy and kiosk strictness; a check-in's override reason and rehearsal mark.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('event') as batch:
        batch.add_column(sa.Column('door_policy', sa.String(20), nullable=False,
                                   server_default='registered_first'))
        batch.add_column(sa.Column('kiosk_strict', sa.Boolean(), nullable=False, server_default=sa.false()))
    with op.batch_alter_table('checkins') as batch:
        batch.add_column(sa.Column('override_reason', sa.String(300), nullable=True))
        batch.add_column(sa.Column('rehearsal', sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table('checkins') as batch:
        batch.drop_column('rehearsal')
        batch.drop_column('override_reason')
    with op.batch_alter_table('event') as batch:
        batch.drop_column('kiosk_strict')
        batch.drop_column('door_policy')
