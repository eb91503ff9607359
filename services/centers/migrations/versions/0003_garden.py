"""the eco-garden: plots (with the points station their produce goes to) and harvests

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01
"""
from alembic import op
import sqlalchemy as sa


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('plots',
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.Column('district', sa.String(length=6), nullable=False),
    sa.Column('community', sa.String(length=12), nullable=False),
    sa.Column('centre_id', sa.String(length=32), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('station_id', sa.String(length=32), nullable=False),
    sa.Column('tended_by', sa.String(length=200), nullable=True),
    sa.ForeignKeyConstraint(['centre_id'], ['centres.id'], name=op.f('fk_plots_centre_id')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plots'))
    )
    op.create_index(op.f('ix_plots_centre_id'), 'plots', ['centre_id'], unique=False)
    op.create_index(op.f('ix_plots_district'), 'plots', ['district'], unique=False)
    op.create_table('harvests',
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.Column('district', sa.String(length=6), nullable=False),
    sa.Column('community', sa.String(length=12), nullable=False),
    sa.Column('plot_id', sa.String(length=32), nullable=False),
    sa.Column('produce', sa.String(length=100), nullable=False),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.Column('points_cost', sa.Integer(), nullable=True),
    sa.Column('harvested_on', sa.Date(), nullable=False),
    sa.Column('recorded_by', sa.String(length=100), nullable=False),
    sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['plot_id'], ['plots.id'], name=op.f('fk_harvests_plot_id')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_harvests'))
    )
    op.create_index(op.f('ix_harvests_plot_id'), 'harvests', ['plot_id'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_harvests_plot_id'), table_name='harvests')
    op.drop_table('harvests')
    op.drop_index(op.f('ix_plots_district'), table_name='plots')
    op.drop_index(op.f('ix_plots_centre_id'), table_name='plots')
    op.drop_table('plots')
