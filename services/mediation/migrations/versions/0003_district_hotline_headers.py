"""A district's own 12345 file headers.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01

Real 12345 exports name their columns in Chinese, and districts' exports differ: a district keeps
the headers it adds to (or overrides in) the default mapping (SetHotlineHeaders).
"""
from alembic import op
import sqlalchemy as sa

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('district_settings') as batch:
        batch.add_column(sa.Column('hotline_headers', sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('district_settings') as batch:
        batch.drop_column('hotline_headers')
