"""Virtual attendance: the 'virtual' check-in method, a report's details per log entry, the attended share.

Revision ID: 0008
Revises: 0007p
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0008'
down_revision = '0007p'
branch_labels = None
depends_on = None

_METHODS = "method IN ('search', 'scan', 'walk_in', 'kiosk', 'import', 'paper'{})"


def upgrade() -> None:
    with op.batch_alter_table('event') as batch:
        batch.add_column(sa.Column('attended_percent', sa.Integer(), nullable=False, server_default='50'))
    with op.batch_alter_table('checkins') as batch:
        batch.drop_constraint('ck_checkin_method', type_='check')
        batch.create_check_constraint('ck_checkin_method', _METHODS.format(", 'virtual'"))
    op.create_table(
        'virtual_attendance',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('checkin_id', sa.Integer(), nullable=False),
        sa.Column('platform', sa.String(length=20), nullable=False),
        sa.Column('file_name', sa.String(length=255), nullable=False),
        sa.Column('file_sha256', sa.String(length=64), nullable=False),
        sa.Column('reported_name', sa.String(length=200), nullable=False),
        sa.Column('intervals', sa.JSON(), nullable=False),
        sa.Column('minutes', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['checkin_id'], ['checkins.id']),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('checkin_id'),
    )
    op.create_index('ix_virtual_attendance_file', 'virtual_attendance', ['file_name'])


def downgrade() -> None:
    op.drop_index('ix_virtual_attendance_file', table_name='virtual_attendance')
    op.drop_table('virtual_attendance')
    with op.batch_alter_table('checkins') as batch:
        batch.drop_constraint('ck_checkin_method', type_='check')
        batch.create_check_constraint('ck_checkin_method', _METHODS.format(""))
    with op.batch_alter_table('event') as batch:
        batch.drop_column('attended_percent')
