"""Registrations by attendee and status: the Attendees table's registration filter probes it per person.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23
"""

from __future__ import annotations

from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index('ix_registrations_attendee_status', 'registrations', ['attendee_id', 'status'])


def downgrade() -> None:
    op.drop_index('ix_registrations_attendee_status', table_name='registrations')
