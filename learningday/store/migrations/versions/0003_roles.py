"""Role -> level table: roles containing a pattern are recommended a range of levels (seeded).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None

#: pattern (matched at the start of a word of the role, case-insensitive), lowest, highest level
SEED = (
    ("sales", 1, 2), ("marketing", 1, 2), ("admin", 1, 2),
    ("analyst", 3, 3), ("developer", 3, 3), ("software engineer", 3, 3), ("data engineer", 3, 3),
    ("ml engineer", 4, 4), ("machine learning", 4, 4),
    ("cloud", 5, 5), ("security", 5, 5), ("data scientist", 5, 5), ("research", 5, 5),
)


def upgrade() -> None:
    role_levels = op.create_table(
        'role_levels',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('pattern', sa.String(length=100), nullable=False),
        sa.Column('level_min', sa.Integer(), nullable=False),
        sa.Column('level_max', sa.Integer(), nullable=False),
        sa.CheckConstraint('level_min BETWEEN 1 AND 5 AND level_max BETWEEN level_min AND 5',
                           name='ck_role_levels_range'),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('pattern'),
    )
    op.bulk_insert(role_levels, [{'pattern': p, 'level_min': lo, 'level_max': hi} for p, lo, hi in SEED])


def downgrade() -> None:
    op.drop_table('role_levels')
