"""course ordering (课程点单: 居民点单 → 社区下单 → 团队接单): orders and their joins, placed courses,
their sessions (bookings) and ratings

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01

A person joins an order once (uq_course_order_joins_once) and rates a course once
(uq_course_ratings_once); a booking is the session of one course at most (uq_course_sessions_booking_id).
"""
from alembic import op
import sqlalchemy as sa


revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('courses',
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.Column('district', sa.String(length=6), nullable=False),
    sa.Column('community', sa.String(length=12), nullable=False),
    sa.Column('centre_id', sa.String(length=32), nullable=False),
    sa.Column('course_type', sa.String(length=30), nullable=False),
    sa.Column('title', sa.String(length=100), nullable=False),
    sa.Column('sessions_wanted', sa.Integer(), nullable=False),
    sa.Column('teams_by', sa.Date(), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('placed_by', sa.String(length=100), nullable=False),
    sa.Column('team_id', sa.String(length=32), nullable=True),
    sa.Column('team_name', sa.String(length=200), nullable=True),
    sa.Column('team_stationed', sa.Boolean(), nullable=False),
    sa.Column('accepted_by', sa.String(length=100), nullable=True),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['centre_id'], ['centres.id'], name=op.f('fk_courses_centre_id')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_courses'))
    )
    op.create_index(op.f('ix_courses_centre_id'), 'courses', ['centre_id'], unique=False)
    op.create_index(op.f('ix_courses_district'), 'courses', ['district'], unique=False)
    op.create_index(op.f('ix_courses_team_id'), 'courses', ['team_id'], unique=False)
    op.create_table('course_orders',
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.Column('district', sa.String(length=6), nullable=False),
    sa.Column('community', sa.String(length=12), nullable=False),
    sa.Column('centre_id', sa.String(length=32), nullable=False),
    sa.Column('course_type', sa.String(length=30), nullable=False),
    sa.Column('title', sa.String(length=100), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('ordered_by', sa.String(length=32), nullable=False),
    sa.Column('wanted', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('course_id', sa.String(length=32), nullable=True),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['centre_id'], ['centres.id'], name=op.f('fk_course_orders_centre_id')),
    sa.ForeignKeyConstraint(['course_id'], ['courses.id'], name=op.f('fk_course_orders_course_id')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_course_orders'))
    )
    op.create_index('ix_course_orders_centre_wanted', 'course_orders', ['centre_id', 'wanted', 'id'], unique=False)
    op.create_index(op.f('ix_course_orders_course_id'), 'course_orders', ['course_id'], unique=False)
    op.create_index(op.f('ix_course_orders_district'), 'course_orders', ['district'], unique=False)
    op.create_table('course_order_joins',
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.Column('district', sa.String(length=6), nullable=False),
    sa.Column('community', sa.String(length=12), nullable=False),
    sa.Column('order_id', sa.String(length=32), nullable=False),
    sa.Column('person_id', sa.String(length=32), nullable=False),
    sa.Column('joined_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['order_id'], ['course_orders.id'], name=op.f('fk_course_order_joins_order_id')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_course_order_joins')),
    sa.UniqueConstraint('order_id', 'person_id', name='uq_course_order_joins_once')
    )
    op.create_table('course_sessions',
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.Column('district', sa.String(length=6), nullable=False),
    sa.Column('community', sa.String(length=12), nullable=False),
    sa.Column('course_id', sa.String(length=32), nullable=False),
    sa.Column('booking_id', sa.String(length=32), nullable=False),
    sa.ForeignKeyConstraint(['booking_id'], ['bookings.id'], name=op.f('fk_course_sessions_booking_id')),
    sa.ForeignKeyConstraint(['course_id'], ['courses.id'], name=op.f('fk_course_sessions_course_id')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_course_sessions')),
    sa.UniqueConstraint('booking_id', name=op.f('uq_course_sessions_booking_id'))
    )
    op.create_index(op.f('ix_course_sessions_course_id'), 'course_sessions', ['course_id'], unique=False)
    op.create_table('course_ratings',
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.Column('district', sa.String(length=6), nullable=False),
    sa.Column('community', sa.String(length=12), nullable=False),
    sa.Column('course_id', sa.String(length=32), nullable=False),
    sa.Column('person_id', sa.String(length=32), nullable=False),
    sa.Column('stars', sa.Integer(), nullable=False),
    sa.Column('comment', sa.Text(), nullable=True),
    sa.Column('rated_by', sa.String(length=100), nullable=False),
    sa.Column('rated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['course_id'], ['courses.id'], name=op.f('fk_course_ratings_course_id')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_course_ratings')),
    sa.UniqueConstraint('course_id', 'person_id', name='uq_course_ratings_once')
    )


def downgrade() -> None:
    op.drop_table('course_ratings')
    op.drop_index(op.f('ix_course_sessions_course_id'), table_name='course_sessions')
    op.drop_table('course_sessions')
    op.drop_table('course_order_joins')
    op.drop_index(op.f('ix_course_orders_district'), table_name='course_orders')
    op.drop_index(op.f('ix_course_orders_course_id'), table_name='course_orders')
    op.drop_index('ix_course_orders_centre_wanted', table_name='course_orders')
    op.drop_table('course_orders')
    op.drop_index(op.f('ix_courses_team_id'), table_name='courses')
    op.drop_index(op.f('ix_courses_district'), table_name='courses')
    op.drop_index(op.f('ix_courses_centre_id'), table_name='courses')
    op.drop_table('courses')
