"""Search terms written by the app (learningday.store.term_upkeep), not by SQLite triggers: works on a server too.

The triggers of 0002 go, and every attendee's terms are written afresh. On PostgreSQL the terms compare
byte by byte (COLLATE "C"), as SQLite's do: the prefix ranges of search_terms rely on that order.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import sqlalchemy as sa
from alembic import op

from learningday.store.term_upkeep import write_terms

revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == 'sqlite':
        for name in ('insert', 'update', 'delete'):
            op.execute(f"DROP TRIGGER IF EXISTS trg_attendee_terms_{name}")
    elif bind.dialect.name == 'postgresql':
        op.execute('ALTER TABLE attendee_terms ALTER COLUMN term TYPE VARCHAR COLLATE "C"')
    op.execute("DELETE FROM attendee_terms")
    write_terms(bind, bind.execute(sa.text("SELECT id FROM attendees")).scalars().all())


def downgrade() -> None:
    if op.get_bind().dialect.name == 'sqlite':  # 0002's triggers again (they need ld_search_terms registered)
        spec = importlib.util.spec_from_file_location("search_0002", Path(__file__).with_name("0002_search.py"))
        assert spec is not None and spec.loader is not None
        search = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(search)
        for trigger in search.TRIGGERS:
            op.execute(trigger)
