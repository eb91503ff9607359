"""A case remembers which of its volunteers were credited in points.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-02

A reopened case resolved again credited its volunteers a second time: the volunteers credited
for a case are kept on it, and a later resolution credits only those not credited before.
Cases resolved before this revision are taken as credited (their resolution was published).
"""
from alembic import op
import sqlalchemy as sa

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('cases') as batch:
        batch.add_column(sa.Column('credited_volunteers', sa.JSON(), nullable=True))
    # a case resolved (or reopened after a resolution) before now had its volunteers credited once already
    op.execute("UPDATE cases SET credited_volunteers = volunteers WHERE resolved_at IS NOT NULL OR reopen_count > 0")


def downgrade() -> None:
    with op.batch_alter_table('cases') as batch:
        batch.drop_column('credited_volunteers')
