"""check-ins at an activity, once per person; a confirmed booking's door code

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01
"""
from alembic import op
import sqlalchemy as sa


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('check_ins',
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.Column('district', sa.String(length=6), nullable=False),
    sa.Column('community', sa.String(length=12), nullable=False),
    sa.Column('booking_id', sa.String(length=32), nullable=False),
    sa.Column('person_id', sa.String(length=32), nullable=False),
    sa.Column('how', sa.String(length=12), nullable=False),
    sa.Column('checked_in_by', sa.String(length=100), nullable=False),
    sa.Column('checked_in_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['booking_id'], ['bookings.id'], name=op.f('fk_check_ins_booking_id')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_check_ins')),
    sa.UniqueConstraint('booking_id', 'person_id', name='uq_check_ins_once')
    )
    with op.batch_alter_table('bookings') as batch:
        batch.add_column(sa.Column('door_code', sa.String(length=8), nullable=True))
    op.create_index('ix_bookings_door_code', 'bookings', ['district', 'door_code'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_bookings_door_code', table_name='bookings')
    with op.batch_alter_table('bookings') as batch:
        batch.drop_column('door_code')
    op.drop_table('check_ins')
