"""organisational life (组织生活: 三会一课, 主题党日): branch meetings, the district's rhythm, shortfalls noticed

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01

A meeting is one booking (unique booking_id); a shortfall is noticed once per branch, kind and period
(uq_life_shortfalls_once), so the timer of every replica announces it once.
"""
from alembic import op
import sqlalchemy as sa


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('life_meetings',
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.Column('district', sa.String(length=6), nullable=False),
    sa.Column('community', sa.String(length=12), nullable=False),
    sa.Column('booking_id', sa.String(length=32), nullable=False),
    sa.Column('branch_id', sa.String(length=32), nullable=False),
    sa.Column('branch_name', sa.String(length=200), nullable=False),
    sa.Column('branch_kind', sa.String(length=30), nullable=False),
    sa.Column('branch_community', sa.String(length=12), nullable=False),
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('topic', sa.String(length=200), nullable=False),
    sa.Column('held_on', sa.Date(), nullable=False),
    sa.Column('minutes', sa.Text(), nullable=True),
    sa.Column('minutes_by', sa.String(length=100), nullable=True),
    sa.Column('minutes_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['booking_id'], ['bookings.id'], name=op.f('fk_life_meetings_booking_id')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_life_meetings')),
    sa.UniqueConstraint('booking_id', name=op.f('uq_life_meetings_booking_id'))
    )
    op.create_index('ix_life_meetings_branch', 'life_meetings', ['district', 'branch_id', 'held_on'], unique=False)
    op.create_table('life_rhythms',
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.Column('district', sa.String(length=6), nullable=False),
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('every', sa.String(length=10), nullable=False),
    sa.Column('count', sa.Integer(), nullable=False),
    sa.Column('set_by', sa.String(length=100), nullable=False),
    sa.Column('set_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_life_rhythms')),
    sa.UniqueConstraint('district', 'kind', name='uq_life_rhythms_kind')
    )
    op.create_table('life_shortfalls',
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.Column('district', sa.String(length=6), nullable=False),
    sa.Column('community', sa.String(length=12), nullable=False),
    sa.Column('branch_id', sa.String(length=32), nullable=False),
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('period', sa.String(length=7), nullable=False),
    sa.Column('required', sa.Integer(), nullable=False),
    sa.Column('held', sa.Integer(), nullable=False),
    sa.Column('noticed_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_life_shortfalls')),
    sa.UniqueConstraint('branch_id', 'kind', 'period', name='uq_life_shortfalls_once')
    )


def downgrade() -> None:
    op.drop_table('life_shortfalls')
    op.drop_table('life_rhythms')
    op.drop_index('ix_life_meetings_branch', table_name='life_meetings')
    op.drop_table('life_meetings')
