"""Follow-up tasks that rules open for the sub-district.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01

A secretary flagged for replacement (one star two years running) opens a by-election task; a
community left short of reserve cadres opens a reserve task. Each closes when what it asks for is
done (a new secretary takes the post; the bench is back to two).
"""
from alembic import op
import sqlalchemy as sa

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('follow_ups',
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.Column('district', sa.String(length=6), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('division_code', sa.String(length=40), nullable=False),
    sa.Column('organisation_id', sa.String(length=32), nullable=True),
    sa.Column('subject_id', sa.String(length=40), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('opened_on', sa.Date(), nullable=False),
    sa.Column('opened_by', sa.String(length=40), nullable=True),
    sa.Column('closed_on', sa.Date(), nullable=True),
    sa.Column('closed_how', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['division_code'], ['divisions.code'], name=op.f('fk_follow_ups_division_code')),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_follow_ups_organisation_id')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_follow_ups'))
    )
    with op.batch_alter_table('follow_ups', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_follow_ups_district'), ['district'], unique=False)
        batch_op.create_index(batch_op.f('ix_follow_ups_division_code'), ['division_code'], unique=False)
        batch_op.create_index('ix_follow_ups_open', ['kind', 'subject_id', 'closed_on'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('follow_ups', schema=None) as batch_op:
        batch_op.drop_index('ix_follow_ups_open')
        batch_op.drop_index(batch_op.f('ix_follow_ups_division_code'))
        batch_op.drop_index(batch_op.f('ix_follow_ups_district'))
    op.drop_table('follow_ups')
