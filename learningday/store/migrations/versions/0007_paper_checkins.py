"""Check-ins entered back from a paper sign-in sheet carry the method 'paper'.

Revision ID: 0007p
Revises: 0006
Create Date: 2026-12-07
"""

from __future__ import annotations

from alembic import op

revision = '0007p'
down_revision = '0006'
branch_labels = None
depends_on = None

_BEFORE = "method IN ('search', 'scan', 'walk_in', 'kiosk', 'import')"
_AFTER = "method IN ('search', 'scan', 'walk_in', 'kiosk', 'import', 'paper')"


def _method_rule(rule: str) -> None:
    # SQLite changes a CHECK constraint by rebuilding the table (batch mode), its indexes with it
    with op.batch_alter_table('checkins') as batch:
        batch.drop_constraint('ck_checkin_method', type_='check')
        batch.create_check_constraint('ck_checkin_method', rule)


def upgrade() -> None:
    _method_rule(_AFTER)


def downgrade() -> None:
    op.execute("UPDATE checkins SET method = 'search' WHERE method = 'paper'")
    _method_rule(_BEFORE)
