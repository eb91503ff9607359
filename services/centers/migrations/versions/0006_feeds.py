"""iCalendar feeds (日历订阅) of a space's or an organisation's bookings

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01

Only the SHA-256 of a feed's token is stored (unique: a poll finds its feed by it).
"""
from alembic import op
import sqlalchemy as sa


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('feeds',
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.Column('district', sa.String(length=6), nullable=False),
    sa.Column('division', sa.String(length=40), nullable=False),
    sa.Column('space_id', sa.String(length=32), nullable=True),
    sa.Column('organisation_id', sa.String(length=32), nullable=True),
    sa.Column('organisation_name', sa.String(length=200), nullable=True),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('created_by', sa.String(length=100), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('revoked_by', sa.String(length=100), nullable=True),
    sa.Column('revoke_reason', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['space_id'], ['spaces.id'], name=op.f('fk_feeds_space_id')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_feeds')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_feeds_token_hash'))
    )
    op.create_index(op.f('ix_feeds_district'), 'feeds', ['district'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_feeds_district'), table_name='feeds')
    op.drop_table('feeds')
