"""Search terms: attendee_terms (folded words, prefix-searchable), kept by triggers.

The triggers call ``ld_search_terms(name, email, employee_id, code)``, a function every
connection of the app registers (learningday.store.folding); existing attendees are filled here.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None

_FILL = ("INSERT OR IGNORE INTO attendee_terms (term, attendee_id) "
         "SELECT j.value, {row}.id FROM json_each(ld_search_terms({row}.name, {row}.email, "
         "{row}.employee_id, {row}.code)) AS j")

TRIGGERS = (
    "CREATE TRIGGER trg_attendee_terms_insert AFTER INSERT ON attendees BEGIN "
    + _FILL.format(row="NEW") + "; END",
    "CREATE TRIGGER trg_attendee_terms_update AFTER UPDATE OF name, email, employee_id, code ON attendees "
    "BEGIN DELETE FROM attendee_terms WHERE attendee_id = OLD.id; " + _FILL.format(row="NEW") + "; END",
    "CREATE TRIGGER trg_attendee_terms_delete AFTER DELETE ON attendees "
    "BEGIN DELETE FROM attendee_terms WHERE attendee_id = OLD.id; END",
)


def upgrade() -> None:
    op.create_table(
        'attendee_terms',
        sa.Column('term', sa.String(), nullable=False),
        sa.Column('attendee_id', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('term', 'attendee_id'),
        sqlite_with_rowid=False,
    )
    op.create_index('ix_attendee_terms_attendee', 'attendee_terms', ['attendee_id', 'term'])
    if op.get_bind().dialect.name == 'sqlite':
        for trigger in TRIGGERS:
            op.execute(trigger)
        op.execute(
            "INSERT OR IGNORE INTO attendee_terms (term, attendee_id) "
            "SELECT j.value, a.id FROM attendees AS a, "
            "json_each(ld_search_terms(a.name, a.email, a.employee_id, a.code)) AS j"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == 'sqlite':
        for name in ('insert', 'update', 'delete'):
            op.execute(f"DROP TRIGGER IF EXISTS trg_attendee_terms_{name}")
    op.drop_index('ix_attendee_terms_attendee', table_name='attendee_terms')
    op.drop_table('attendee_terms')
