"""the three lists and the service project bank (三张清单, 为民服务项目库): needs gathered on visits,
resources offered, projects, their claims, progress notes and residents' evaluations

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01

A unit or member claims a project once (uq_project_claims_once); a resident evaluates a project once a
year (uq_project_evaluations_year); the escalation timer finds stalled projects by status and deadline
(ix_projects_status_deadline).
"""
from alembic import op
import sqlalchemy as sa


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('needs',
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.Column('district', sa.String(length=6), nullable=False),
    sa.Column('community', sa.String(length=12), nullable=False),
    sa.Column('council_id', sa.String(length=32), nullable=False),
    sa.Column('visited_on', sa.Date(), nullable=False),
    sa.Column('visited_by', sa.String(length=100), nullable=False),
    sa.Column('building', sa.String(length=100), nullable=True),
    sa.Column('grid', sa.String(length=40), nullable=True),
    sa.Column('resident_id', sa.String(length=32), nullable=True),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('skills', sa.JSON(), nullable=False),
    sa.Column('urgency', sa.String(length=8), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('project_id', sa.String(length=32), nullable=True),
    sa.Column('recorded_by', sa.String(length=100), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['council_id'], ['councils.id'], name=op.f('fk_needs_council_id')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_needs'))
    )
    op.create_index(op.f('ix_needs_council_id'), 'needs', ['council_id'], unique=False)
    op.create_index('ix_needs_council_status', 'needs', ['council_id', 'status'], unique=False)
    op.create_table('resources',
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.Column('district', sa.String(length=6), nullable=False),
    sa.Column('community', sa.String(length=12), nullable=False),
    sa.Column('council_id', sa.String(length=32), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('skills', sa.JSON(), nullable=False),
    sa.Column('place', sa.String(length=40), nullable=True),
    sa.Column('offered_by_organisation_id', sa.String(length=32), nullable=True),
    sa.Column('offered_by_person_id', sa.String(length=32), nullable=True),
    sa.Column('offered_by_name', sa.String(length=200), nullable=False),
    sa.Column('availability', sa.Text(), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('recorded_by', sa.String(length=100), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['council_id'], ['councils.id'], name=op.f('fk_resources_council_id')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_resources'))
    )
    op.create_index(op.f('ix_resources_council_id'), 'resources', ['council_id'], unique=False)
    op.create_table('projects',
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.Column('district', sa.String(length=6), nullable=False),
    sa.Column('community', sa.String(length=12), nullable=False),
    sa.Column('council_id', sa.String(length=32), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('skills', sa.JSON(), nullable=False),
    sa.Column('urgency', sa.String(length=8), nullable=False),
    sa.Column('urgency_rank', sa.Integer(), nullable=False),
    sa.Column('need_ids', sa.JSON(), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('deadline', sa.Date(), nullable=True),
    sa.Column('department_id', sa.String(length=32), nullable=True),
    sa.Column('department_name', sa.String(length=200), nullable=True),
    sa.Column('escalated_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('done_on', sa.Date(), nullable=True),
    sa.Column('done_note', sa.Text(), nullable=True),
    sa.Column('closed_reason', sa.Text(), nullable=True),
    sa.Column('created_by', sa.String(length=100), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['council_id'], ['councils.id'], name=op.f('fk_projects_council_id')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_projects'))
    )
    op.create_index(op.f('ix_projects_council_id'), 'projects', ['council_id'], unique=False)
    op.create_index(op.f('ix_projects_district'), 'projects', ['district'], unique=False)
    op.create_index('ix_projects_status_deadline', 'projects', ['status', 'deadline'], unique=False)
    op.create_table('project_claims',
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.Column('district', sa.String(length=6), nullable=False),
    sa.Column('community', sa.String(length=12), nullable=False),
    sa.Column('project_id', sa.String(length=32), nullable=False),
    sa.Column('claimer_kind', sa.String(length=6), nullable=False),
    sa.Column('claimer_id', sa.String(length=32), nullable=False),
    sa.Column('claimer_name', sa.String(length=200), nullable=False),
    sa.Column('claimed_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'], name=op.f('fk_project_claims_project_id')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_project_claims')),
    sa.UniqueConstraint('project_id', 'claimer_id', name='uq_project_claims_once')
    )
    op.create_index(op.f('ix_project_claims_claimer_id'), 'project_claims', ['claimer_id'], unique=False)
    op.create_index(op.f('ix_project_claims_project_id'), 'project_claims', ['project_id'], unique=False)
    op.create_table('project_progress',
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.Column('district', sa.String(length=6), nullable=False),
    sa.Column('community', sa.String(length=12), nullable=False),
    sa.Column('project_id', sa.String(length=32), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('recorded_by', sa.String(length=100), nullable=False),
    sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'], name=op.f('fk_project_progress_project_id')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_project_progress'))
    )
    op.create_index(op.f('ix_project_progress_project_id'), 'project_progress', ['project_id'], unique=False)
    op.create_table('project_evaluations',
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.Column('district', sa.String(length=6), nullable=False),
    sa.Column('community', sa.String(length=12), nullable=False),
    sa.Column('project_id', sa.String(length=32), nullable=False),
    sa.Column('person_id', sa.String(length=32), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('stars', sa.Integer(), nullable=False),
    sa.Column('comment', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'], name=op.f('fk_project_evaluations_project_id')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_project_evaluations')),
    sa.UniqueConstraint('project_id', 'person_id', 'year', name='uq_project_evaluations_year')
    )
    op.create_index(op.f('ix_project_evaluations_project_id'), 'project_evaluations', ['project_id'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_project_evaluations_project_id'), table_name='project_evaluations')
    op.drop_table('project_evaluations')
    op.drop_index(op.f('ix_project_progress_project_id'), table_name='project_progress')
    op.drop_table('project_progress')
    op.drop_index(op.f('ix_project_claims_project_id'), table_name='project_claims')
    op.drop_index(op.f('ix_project_claims_claimer_id'), table_name='project_claims')
    op.drop_table('project_claims')
    op.drop_index('ix_projects_status_deadline', table_name='projects')
    op.drop_index(op.f('ix_projects_district'), table_name='projects')
    op.drop_index(op.f('ix_projects_council_id'), table_name='projects')
    op.drop_table('projects')
    op.drop_index(op.f('ix_resources_council_id'), table_name='resources')
    op.drop_table('resources')
    op.drop_index('ix_needs_council_status', table_name='needs')
    op.drop_index(op.f('ix_needs_council_id'), table_name='needs')
    op.drop_table('needs')
