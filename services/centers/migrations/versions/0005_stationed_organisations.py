"""organisations stationed in a centre (入驻) and their deliveries

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01
"""
from alembic import op
import sqlalchemy as sa


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('stationings',
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.Column('district', sa.String(length=6), nullable=False),
    sa.Column('community', sa.String(length=12), nullable=False),
    sa.Column('centre_id', sa.String(length=32), nullable=False),
    sa.Column('organisation_id', sa.String(length=32), nullable=False),
    sa.Column('organisation_name', sa.String(length=200), nullable=False),
    sa.Column('term_start', sa.Date(), nullable=False),
    sa.Column('term_end', sa.Date(), nullable=False),
    sa.Column('promised', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['centre_id'], ['centres.id'], name=op.f('fk_stationings_centre_id')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_stationings'))
    )
    op.create_index(op.f('ix_stationings_centre_id'), 'stationings', ['centre_id'], unique=False)
    op.create_table('deliveries',
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.Column('district', sa.String(length=6), nullable=False),
    sa.Column('community', sa.String(length=12), nullable=False),
    sa.Column('stationing_id', sa.String(length=32), nullable=False),
    sa.Column('kind', sa.String(length=60), nullable=False),
    sa.Column('count', sa.Integer(), nullable=False),
    sa.Column('delivered_on', sa.Date(), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('recorded_by', sa.String(length=100), nullable=False),
    sa.ForeignKeyConstraint(['stationing_id'], ['stationings.id'], name=op.f('fk_deliveries_stationing_id')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_deliveries'))
    )
    op.create_index(op.f('ix_deliveries_stationing_id'), 'deliveries', ['stationing_id'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_deliveries_stationing_id'), table_name='deliveries')
    op.drop_table('deliveries')
    op.drop_index(op.f('ix_stationings_centre_id'), table_name='stationings')
    op.drop_table('stationings')
