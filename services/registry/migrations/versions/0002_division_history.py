"""Divisions are renamed and retired with a history; pairings end with a reason.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01

A division gets a status (active | retired) and the day it was retired; its creations, renames
and retirement are kept in ``division_changes``. Divisions stored before this revision are active
and have no history rows (their creation predates it). A pairing that ends keeps its reason.
"""
from alembic import op
import sqlalchemy as sa

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('divisions') as batch:
        batch.add_column(sa.Column('status', sa.String(length=12), server_default='active', nullable=False))
        batch.add_column(sa.Column('retired_on', sa.Date(), nullable=True))
    op.create_table('division_changes',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('division_code', sa.String(length=40), nullable=False),
    sa.Column('district', sa.String(length=6), nullable=False),
    sa.Column('change', sa.String(length=12), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('previous_name', sa.String(length=100), nullable=True),
    sa.Column('effective_on', sa.Date(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.Column('changed_by', sa.String(length=100), nullable=False),
    sa.Column('changed_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['division_code'], ['divisions.code'], name=op.f('fk_division_changes_division_code')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_division_changes'))
    )
    with op.batch_alter_table('division_changes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_division_changes_division_code'), ['division_code'], unique=False)
    with op.batch_alter_table('pairings') as batch:
        batch.add_column(sa.Column('end_reason', sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('pairings') as batch:
        batch.drop_column('end_reason')
    with op.batch_alter_table('division_changes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_division_changes_division_code'))
    op.drop_table('division_changes')
    with op.batch_alter_table('divisions') as batch:
        batch.drop_column('retired_on')
        batch.drop_column('status')
