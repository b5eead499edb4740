"""Initial schema: the event, hubs, levels (seeded), venues, facilitators, sessions,
attendees, registrations, stations and the append-only check-in log.

Revision ID: 0001
Revises: 
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from learningday.store.framework import FRAMEWORK

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uid', sa.String(length=36), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('theme', sa.String(length=200), nullable=False),
    sa.Column('start_utc', sa.DateTime(timezone=True), nullable=False),
    sa.Column('length_minutes', sa.Integer(), nullable=False),
    sa.Column('created_utc', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('length_minutes > 0', name='ck_event_length_positive'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('uid')
    )
    op.create_table('facilitators',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uid', sa.String(length=36), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('zone', sa.String(length=64), nullable=False),
    sa.Column('availability', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('uid')
    )
    op.create_table('hubs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('zone', sa.String(length=64), nullable=False),
    sa.Column('work_start_min', sa.Integer(), nullable=False),
    sa.Column('work_end_min', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.CheckConstraint('work_end_min BETWEEN 0 AND 1440', name='ck_hub_work_end'),
    sa.CheckConstraint('work_start_min BETWEEN 0 AND 1440', name='ck_hub_work_start'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('name')
    )
    op.create_table('levels',
    sa.Column('id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('audience', sa.String(length=300), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('colour', sa.String(length=7), nullable=False),
    sa.Column('foundational', sa.Boolean(), nullable=False),
    sa.Column('learning_paths', sa.JSON(), nullable=False),
    sa.CheckConstraint('id BETWEEN 1 AND 5', name='ck_level_id_range'),
    sa.PrimaryKeyConstraint('id')
    )
    levels = sa.table(
        'levels',
        sa.column('id', sa.Integer), sa.column('name', sa.String), sa.column('audience', sa.String),
        sa.column('description', sa.Text), sa.column('colour', sa.String),
        sa.column('foundational', sa.Boolean), sa.column('learning_paths', sa.JSON),
    )
    op.bulk_insert(levels, [
        {'id': lv.id, 'name': lv.name, 'audience': lv.audience, 'description': lv.description,
         'colour': lv.colour, 'foundational': lv.foundational, 'learning_paths': list(lv.learning_paths)}
        for lv in FRAMEWORK
    ])
    op.create_table('stations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uid', sa.String(length=36), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('created_utc', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('name'),
    sa.UniqueConstraint('uid')
    )
    op.create_table('attendees',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uid', sa.String(length=36), nullable=False),
    sa.Column('code', sa.String(length=12), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('employee_id', sa.String(length=64), nullable=True),
    sa.Column('department', sa.String(length=100), nullable=False),
    sa.Column('role', sa.String(length=100), nullable=False),
    sa.Column('hub_id', sa.Integer(), nullable=True),
    sa.Column('level_id', sa.Integer(), nullable=True),
    sa.Column('created_utc', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['hub_id'], ['hubs.id'], ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['level_id'], ['levels.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('code'),
    sa.UniqueConstraint('employee_id'),
    sa.UniqueConstraint('uid')
    )
    with op.batch_alter_table('attendees', schema=None) as batch_op:
        batch_op.create_index('ix_attendees_email', ['email'], unique=False)
        batch_op.create_index('ix_attendees_hub', ['hub_id'], unique=False)
        batch_op.create_index('ix_attendees_name', ['name'], unique=False)

    op.create_table('facilitator_levels',
    sa.Column('facilitator_id', sa.Integer(), nullable=False),
    sa.Column('level_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['facilitator_id'], ['facilitators.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['level_id'], ['levels.id'], ),
    sa.PrimaryKeyConstraint('facilitator_id', 'level_id')
    )
    op.create_table('venues',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('site', sa.String(length=100), nullable=False),
    sa.Column('hub_id', sa.Integer(), nullable=True),
    sa.Column('capacity', sa.Integer(), nullable=True),
    sa.Column('join_url', sa.String(length=500), nullable=False),
    sa.CheckConstraint("kind IN ('room', 'virtual')", name='ck_venue_kind'),
    sa.CheckConstraint('capacity IS NULL OR capacity > 0', name='ck_venue_capacity'),
    sa.ForeignKeyConstraint(['hub_id'], ['hubs.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('name')
    )
    op.create_table('sessions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uid', sa.String(length=36), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('level_id', sa.Integer(), nullable=False),
    sa.Column('topics', sa.JSON(), nullable=False),
    sa.Column('start_utc', sa.DateTime(timezone=True), nullable=True),
    sa.Column('duration_minutes', sa.Integer(), nullable=False),
    sa.Column('venue_id', sa.Integer(), nullable=True),
    sa.Column('capacity', sa.Integer(), nullable=True),
    sa.CheckConstraint('capacity IS NULL OR capacity > 0', name='ck_session_capacity'),
    sa.CheckConstraint('duration_minutes > 0', name='ck_session_duration_positive'),
    sa.ForeignKeyConstraint(['level_id'], ['levels.id'], ),
    sa.ForeignKeyConstraint(['venue_id'], ['venues.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('uid')
    )
    with op.batch_alter_table('sessions', schema=None) as batch_op:
        batch_op.create_index('ix_sessions_start', ['start_utc'], unique=False)

    op.create_table('checkins',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uid', sa.String(length=36), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('attendee_id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=True),
    sa.Column('at_utc', sa.DateTime(timezone=True), nullable=False),
    sa.Column('station_id', sa.Integer(), nullable=True),
    sa.Column('facilitator_name', sa.String(length=200), nullable=False),
    sa.Column('method', sa.String(length=10), nullable=False),
    sa.Column('reverses_uid', sa.String(length=36), nullable=True),
    sa.CheckConstraint("kind IN ('check_in', 'undo', 'walk_in', 'check_out')", name='ck_checkin_kind'),
    sa.CheckConstraint("method IN ('search', 'scan', 'walk_in', 'kiosk', 'import')", name='ck_checkin_method'),
    sa.ForeignKeyConstraint(['attendee_id'], ['attendees.id'], ),
    sa.ForeignKeyConstraint(['session_id'], ['sessions.id'], ),
    sa.ForeignKeyConstraint(['station_id'], ['stations.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('uid')
    )
    with op.batch_alter_table('checkins', schema=None) as batch_op:
        batch_op.create_index('ix_checkins_attendee', ['attendee_id'], unique=False)
        batch_op.create_index('ix_checkins_session_attendee', ['session_id', 'attendee_id'], unique=False)
        batch_op.create_index('ix_checkins_reverses', ['reverses_uid'], unique=False)

    op.create_table('registrations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('attendee_id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('created_utc', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("status IN ('registered', 'waitlisted', 'cancelled')", name='ck_registration_status'),
    sa.ForeignKeyConstraint(['attendee_id'], ['attendees.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['session_id'], ['sessions.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('attendee_id', 'session_id', name='uq_registration_attendee_session')
    )
    with op.batch_alter_table('registrations', schema=None) as batch_op:
        batch_op.create_index('ix_registrations_session', ['session_id', 'status'], unique=False)

    op.create_table('session_facilitators',
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('facilitator_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['facilitator_id'], ['facilitators.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['session_id'], ['sessions.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('session_id', 'facilitator_id')
    )
    op.create_table('session_hubs',
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('hub_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['hub_id'], ['hubs.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['session_id'], ['sessions.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('session_id', 'hub_id')
    )


def downgrade() -> None:
    op.drop_table('session_hubs')
    op.drop_table('session_facilitators')
    with op.batch_alter_table('registrations', schema=None) as batch_op:
        batch_op.drop_index('ix_registrations_session')

    op.drop_table('registrations')
    with op.batch_alter_table('checkins', schema=None) as batch_op:
        batch_op.drop_index('ix_checkins_reverses')
        batch_op.drop_index('ix_checkins_session_attendee')
        batch_op.drop_index('ix_checkins_attendee')

    op.drop_table('checkins')
    with op.batch_alter_table('sessions', schema=None) as batch_op:
        batch_op.drop_index('ix_sessions_start')

    op.drop_table('sessions')
    op.drop_table('venues')
    op.drop_table('facilitator_levels')
    with op.batch_alter_table('attendees', schema=None) as batch_op:
        batch_op.drop_index('ix_attendees_name')
        batch_op.drop_index('ix_attendees_hub')
        batch_op.drop_index('ix_attendees_email')

    op.drop_table('attendees')
    op.drop_table('stations')
    op.drop_table('levels')
    op.drop_table('hubs')
    op.drop_table('facilitators')
    op.drop_table('event')
