"""service teams (服务小队: the skills register, teams, their members and activities) and mutual evaluation
(互学互评: resident representatives, their ratings of the member units, the units' ratings of the service)

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01

A person is on a council's skills register once (uq_skilled_people_once); a representative rates a unit once a
year (uq_unit_ratings_once), a unit the community's or sub-district's service once a year (uq_service_ratings_once).
"""
from alembic import op
import sqlalchemy as sa


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('representatives',
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.Column('district', sa.String(length=6), nullable=False),
    sa.Column('community', sa.String(length=12), nullable=False),
    sa.Column('council_id', sa.String(length=32), nullable=False),
    sa.Column('person_id', sa.String(length=32), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('named_on', sa.Date(), nullable=False),
    sa.Column('ended_on', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['council_id'], ['councils.id'], name=op.f('fk_representatives_council_id')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_representatives'))
    )
    op.create_index(op.f('ix_representatives_council_id'), 'representatives', ['council_id'], unique=False)
    op.create_table('service_ratings',
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.Column('district', sa.String(length=6), nullable=False),
    sa.Column('community', sa.String(length=12), nullable=False),
    sa.Column('council_id', sa.String(length=32), nullable=False),
    sa.Column('unit_id', sa.String(length=32), nullable=False),
    sa.Column('target', sa.String(length=12), nullable=False),
    sa.Column('target_code', sa.String(length=12), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('stars', sa.Integer(), nullable=False),
    sa.Column('comment', sa.Text(), nullable=True),
    sa.Column('rated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['council_id'], ['councils.id'], name=op.f('fk_service_ratings_council_id')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_service_ratings')),
    sa.UniqueConstraint('unit_id', 'target', 'year', 'council_id', name='uq_service_ratings_once')
    )
    op.create_table('service_teams',
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.Column('district', sa.String(length=6), nullable=False),
    sa.Column('community', sa.String(length=12), nullable=False),
    sa.Column('council_id', sa.String(length=32), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('basis', sa.String(length=10), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('unit_id', sa.String(length=32), nullable=True),
    sa.Column('unit_name', sa.String(length=200), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['council_id'], ['councils.id'], name=op.f('fk_service_teams_council_id')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_service_teams'))
    )
    op.create_index(op.f('ix_service_teams_council_id'), 'service_teams', ['council_id'], unique=False)
    op.create_table('skilled_people',
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.Column('district', sa.String(length=6), nullable=False),
    sa.Column('community', sa.String(length=12), nullable=False),
    sa.Column('council_id', sa.String(length=32), nullable=False),
    sa.Column('person_id', sa.String(length=32), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('skills', sa.JSON(), nullable=False),
    sa.Column('trade', sa.String(length=100), nullable=True),
    sa.Column('interests', sa.String(length=200), nullable=True),
    sa.Column('registered_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['council_id'], ['councils.id'], name=op.f('fk_skilled_people_council_id')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_skilled_people')),
    sa.UniqueConstraint('council_id', 'person_id', name='uq_skilled_people_once')
    )
    op.create_index(op.f('ix_skilled_people_council_id'), 'skilled_people', ['council_id'], unique=False)
    op.create_table('unit_ratings',
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.Column('district', sa.String(length=6), nullable=False),
    sa.Column('community', sa.String(length=12), nullable=False),
    sa.Column('council_id', sa.String(length=32), nullable=False),
    sa.Column('unit_id', sa.String(length=32), nullable=False),
    sa.Column('unit_name', sa.String(length=200), nullable=False),
    sa.Column('superior_id', sa.String(length=32), nullable=True),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('representative_id', sa.String(length=32), nullable=False),
    sa.Column('stars', sa.Integer(), nullable=False),
    sa.Column('comment', sa.Text(), nullable=True),
    sa.Column('rated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['council_id'], ['councils.id'], name=op.f('fk_unit_ratings_council_id')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_unit_ratings')),
    sa.UniqueConstraint('unit_id', 'year', 'representative_id', 'council_id', name='uq_unit_ratings_once')
    )
    op.create_table('service_activities',
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.Column('district', sa.String(length=6), nullable=False),
    sa.Column('community', sa.String(length=12), nullable=False),
    sa.Column('council_id', sa.String(length=32), nullable=False),
    sa.Column('team_id', sa.String(length=32), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('served_on', sa.Date(), nullable=False),
    sa.Column('people_served', sa.Integer(), nullable=False),
    sa.Column('volunteers', sa.JSON(), nullable=False),
    sa.Column('unit_id', sa.String(length=32), nullable=True),
    sa.Column('project_id', sa.String(length=32), nullable=True),
    sa.Column('recorded_by', sa.String(length=100), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['council_id'], ['councils.id'], name=op.f('fk_service_activities_council_id')),
    sa.ForeignKeyConstraint(['team_id'], ['service_teams.id'], name=op.f('fk_service_activities_team_id')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_service_activities'))
    )
    op.create_index(op.f('ix_service_activities_team_id'), 'service_activities', ['team_id'], unique=False)
    op.create_table('team_members',
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.Column('district', sa.String(length=6), nullable=False),
    sa.Column('community', sa.String(length=12), nullable=False),
    sa.Column('team_id', sa.String(length=32), nullable=False),
    sa.Column('person_id', sa.String(length=32), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('joined_on', sa.Date(), nullable=False),
    sa.Column('left_on', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['team_id'], ['service_teams.id'], name=op.f('fk_team_members_team_id')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_team_members'))
    )
    op.create_index(op.f('ix_team_members_team_id'), 'team_members', ['team_id'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_team_members_team_id'), table_name='team_members')
    op.drop_table('team_members')
    op.drop_index(op.f('ix_service_activities_team_id'), table_name='service_activities')
    op.drop_table('service_activities')
    op.drop_table('unit_ratings')
    op.drop_index(op.f('ix_skilled_people_council_id'), table_name='skilled_people')
    op.drop_table('skilled_people')
    op.drop_index(op.f('ix_service_teams_council_id'), table_name='service_teams')
    op.drop_table('service_teams')
    op.drop_table('service_ratings')
    op.drop_index(op.f('ix_representatives_council_id'), table_name='representatives')
    op.drop_table('representatives')
