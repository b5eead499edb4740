"""Event branding for certificates (logo, issuer, signature, signer) and the secret behind verification codes.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07

The brief gives down_revision '0006'; on this branch the skills core's 0009 already hangs off 0006, and
two heads would stop every file opening, so 0010 follows 0009 here (the lead re-chains at merge).
"""

from __future__ import annotations

import secrets

import sqlalchemy as sa
from alembic import op

revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    branding = op.create_table(
        'branding',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('issuer', sa.String(length=200), nullable=False),
        sa.Column('logo_png', sa.LargeBinary(), nullable=True),
        sa.Column('signature_png', sa.LargeBinary(), nullable=True),
        sa.Column('signer_name', sa.String(length=200), nullable=False),
        sa.Column('signer_title', sa.String(length=200), nullable=False),
        sa.Column('secret', sa.String(length=64), nullable=False),
        sa.CheckConstraint('id = 1', name='ck_branding_one_row'),
        sa.PrimaryKeyConstraint('id'),
    )
    # One row per file from the start: the secret exists before any certificate is written, and a
    # read-only report never has to create it.
    op.bulk_insert(branding, [{'id': 1, 'issuer': '', 'logo_png': None, 'signature_png': None,
                               'signer_name': '', 'signer_title': '', 'secret': secrets.token_hex(32)}])


def downgrade() -> None:
    op.drop_table('branding')
