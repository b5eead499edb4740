"""Skills: self-assessments, session feedback, completion rules and facilitator sign-offs.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'assessments',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('attendee_id', sa.Integer(), nullable=False),
        sa.Column('phase', sa.String(length=4), nullable=False),
        sa.Column('level', sa.Integer(), nullable=False),
        sa.Column('score', sa.Integer(), nullable=False),
        sa.Column('source', sa.String(length=10), nullable=False),
        sa.Column('at_utc', sa.DateTime(), nullable=False),
        sa.CheckConstraint("phase IN ('pre', 'post')", name='ck_assessment_phase'),
        sa.CheckConstraint('level BETWEEN 0 AND 5', name='ck_assessment_level'),
        sa.CheckConstraint('score BETWEEN 1 AND 5', name='ck_assessment_score'),
        sa.ForeignKeyConstraint(['attendee_id'], ['attendees.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('attendee_id', 'phase', 'level', name='uq_assessment_attendee_phase_level'),
    )
    op.create_table(
        'feedback',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('attendee_id', sa.Integer(), nullable=False),
        sa.Column('session_id', sa.Integer(), nullable=False),
        sa.Column('rating', sa.Integer(), nullable=False),
        sa.Column('can_apply', sa.Integer(), nullable=False),
        sa.Column('comment', sa.Text(), nullable=False),
        sa.Column('source', sa.String(length=10), nullable=False),
        sa.Column('at_utc', sa.DateTime(), nullable=False),
        sa.CheckConstraint('rating BETWEEN 1 AND 5', name='ck_feedback_rating'),
        sa.CheckConstraint('can_apply BETWEEN 1 AND 5', name='ck_feedback_can_apply'),
        sa.ForeignKeyConstraint(['attendee_id'], ['attendees.id'], ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['session_id'], ['sessions.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('attendee_id', 'session_id', name='uq_feedback_attendee_session'),
    )
    op.create_index('ix_feedback_session', 'feedback', ['session_id'])
    op.create_table(
        'completion_rules',
        sa.Column('session_id', sa.Integer(), nullable=False),
        sa.Column('min_percent', sa.Integer(), nullable=False),
        sa.Column('needs_sign_off', sa.Boolean(), nullable=False),
        sa.CheckConstraint('min_percent BETWEEN 0 AND 100', name='ck_completion_min_percent'),
        sa.ForeignKeyConstraint(['session_id'], ['sessions.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('session_id'),
    )
    op.create_table(
        'sign_offs',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('attendee_id', sa.Integer(), nullable=False),
        sa.Column('session_id', sa.Integer(), nullable=False),
        sa.Column('facilitator_name', sa.String(length=200), nullable=False),
        sa.Column('at_utc', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['attendee_id'], ['attendees.id'], ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['session_id'], ['sessions.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('attendee_id', 'session_id', name='uq_sign_off_attendee_session'),
    )


def downgrade() -> None:
    op.drop_table('sign_offs')
    op.drop_table('completion_rules')
    op.drop_index('ix_feedback_session', table_name='feedback')
    op.drop_table('feedback')
    op.drop_table('assessments')
