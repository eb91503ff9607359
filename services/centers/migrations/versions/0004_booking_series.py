"""recurring bookings: a series (its RFC 5545 rule and excepted dates), each occurrence a booking

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01
"""
from alembic import op
import sqlalchemy as sa


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('booking_series',
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.Column('district', sa.String(length=6), nullable=False),
    sa.Column('community', sa.String(length=12), nullable=False),
    sa.Column('space_id', sa.String(length=32), nullable=False),
    sa.Column('rule', sa.String(length=300), nullable=False),
    sa.Column('except_dates', sa.JSON(), nullable=False),
    sa.Column('created_by', sa.String(length=100), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['space_id'], ['spaces.id'], name=op.f('fk_booking_series_space_id')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_booking_series'))
    )
    with op.batch_alter_table('bookings') as batch:
        batch.add_column(sa.Column('series_id', sa.String(length=32), nullable=True))
        batch.create_foreign_key(batch.f('fk_bookings_series_id'), 'booking_series', ['series_id'], ['id'])


def downgrade() -> None:
    with op.batch_alter_table('bookings') as batch:
        batch.drop_constraint(batch.f('fk_bookings_series_id'), type_='foreignkey')
        batch.drop_column('series_id')
    op.drop_table('booking_series')
