"""centers schema: centres, spaces, closures, bookings (and the outbox, inbox, idempotency keys, audit log)

Revision ID: 0001
Revises:
Create Date: 2026-12-01

On PostgreSQL, two active bookings (requested or confirmed) of one space whose time ranges overlap
are refused by the database itself: an exclusion constraint over ``tstzrange(starts_at, ends_at)``
(half-open: one ending at 10:00 and the next starting at 10:00 do not overlap), with btree_gist for
the space's equality. SQLite has no such constraint: there every write takes the write lock first
(services.common.db), so the service's own check runs alone.
"""
from alembic import op
import sqlalchemy as sa


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('audit_log',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('district', sa.String(length=6), nullable=False),
    sa.Column('actor', sa.String(length=100), nullable=False),
    sa.Column('action', sa.String(length=60), nullable=False),
    sa.Column('subject', sa.String(length=120), nullable=False),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.Column('before', sa.JSON(), nullable=True),
    sa.Column('after', sa.JSON(), nullable=True),
    sa.Column('request_id', sa.String(length=64), nullable=True),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_log'))
    )
    op.create_index(op.f('ix_audit_log_district'), 'audit_log', ['district'], unique=False)
    op.create_table('centres',
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.Column('district', sa.String(length=6), nullable=False),
    sa.Column('community', sa.String(length=12), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('address', sa.String(length=200), nullable=True),
    sa.Column('monthly_quota_hours', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_centres'))
    )
    op.create_index(op.f('ix_centres_community'), 'centres', ['community'], unique=False)
    op.create_index(op.f('ix_centres_district'), 'centres', ['district'], unique=False)
    op.create_table('idempotency_keys',
    sa.Column('district', sa.String(length=12), nullable=False),
    sa.Column('key', sa.String(length=128), nullable=False),
    sa.Column('operation', sa.String(length=100), nullable=False),
    sa.Column('request_hash', sa.String(length=64), nullable=False),
    sa.Column('response', sa.Text(), nullable=True),
    sa.Column('created_at', sa.Float(), nullable=False),
    sa.PrimaryKeyConstraint('district', 'key', name=op.f('pk_idempotency_keys'))
    )
    op.create_table('inbox',
    sa.Column('consumer', sa.String(length=150), nullable=False),
    sa.Column('event_id', sa.String(length=36), nullable=False),
    sa.Column('received_at', sa.Float(), nullable=False),
    sa.PrimaryKeyConstraint('consumer', 'event_id', name=op.f('pk_inbox'))
    )
    op.create_table('outbox',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('event_id', sa.String(length=36), nullable=False),
    sa.Column('event_type', sa.String(length=100), nullable=False),
    sa.Column('exchange', sa.String(length=100), nullable=False),
    sa.Column('district', sa.String(length=12), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('request_id', sa.String(length=64), nullable=True),
    sa.Column('created_at', sa.Float(), nullable=False),
    sa.Column('published_at', sa.Float(), nullable=True),
    sa.Column('unroutable', sa.Boolean(), server_default=sa.text('false'), nullable=False),
    sa.Column('attempts', sa.Integer(), server_default=sa.text('0'), nullable=False),
    sa.Column('last_error', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_outbox')),
    sa.UniqueConstraint('event_id', name=op.f('uq_outbox_event_id'))
    )
    op.create_index('ix_outbox_unpublished', 'outbox', ['id'], unique=False, postgresql_where=sa.text('published_at IS NULL'), sqlite_where=sa.text('published_at IS NULL'))
    op.create_table('spaces',
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.Column('district', sa.String(length=6), nullable=False),
    sa.Column('community', sa.String(length=12), nullable=False),
    sa.Column('centre_id', sa.String(length=32), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('capacity', sa.Integer(), nullable=False),
    sa.Column('needs_approval', sa.Boolean(), nullable=False),
    sa.Column('residents_may_book', sa.Boolean(), nullable=False),
    sa.Column('open_on_public_holidays', sa.Boolean(), nullable=False),
    sa.Column('hours', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['centre_id'], ['centres.id'], name=op.f('fk_spaces_centre_id')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_spaces'))
    )
    op.create_index(op.f('ix_spaces_centre_id'), 'spaces', ['centre_id'], unique=False)
    op.create_index(op.f('ix_spaces_community'), 'spaces', ['community'], unique=False)
    op.create_index(op.f('ix_spaces_district'), 'spaces', ['district'], unique=False)
    op.create_table('bookings',
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.Column('district', sa.String(length=6), nullable=False),
    sa.Column('community', sa.String(length=12), nullable=False),
    sa.Column('centre_id', sa.String(length=32), nullable=False),
    sa.Column('space_id', sa.String(length=32), nullable=False),
    sa.Column('organisation_id', sa.String(length=32), nullable=True),
    sa.Column('person_id', sa.String(length=32), nullable=True),
    sa.Column('booked_by', sa.String(length=100), nullable=False),
    sa.Column('purpose', sa.String(length=200), nullable=False),
    sa.Column('attendees', sa.Integer(), nullable=False),
    sa.Column('starts_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('ends_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('decided_by', sa.String(length=100), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['centre_id'], ['centres.id'], name=op.f('fk_bookings_centre_id')),
    sa.ForeignKeyConstraint(['space_id'], ['spaces.id'], name=op.f('fk_bookings_space_id')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_bookings'))
    )
    op.create_index(op.f('ix_bookings_district'), 'bookings', ['district'], unique=False)
    op.create_index(op.f('ix_bookings_organisation_id'), 'bookings', ['organisation_id'], unique=False)
    op.create_index(op.f('ix_bookings_person_id'), 'bookings', ['person_id'], unique=False)
    op.create_index('ix_bookings_space_time', 'bookings', ['space_id', 'starts_at'], unique=False)
    op.create_table('closures',
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.Column('district', sa.String(length=6), nullable=False),
    sa.Column('community', sa.String(length=12), nullable=False),
    sa.Column('space_id', sa.String(length=32), nullable=False),
    sa.Column('from_date', sa.Date(), nullable=False),
    sa.Column('to_date', sa.Date(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['space_id'], ['spaces.id'], name=op.f('fk_closures_space_id')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_closures'))
    )
    op.create_index(op.f('ix_closures_space_id'), 'closures', ['space_id'], unique=False)
    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
        op.execute("ALTER TABLE bookings ADD CONSTRAINT ex_bookings_no_overlap EXCLUDE USING gist "
                   "(space_id WITH =, tstzrange(starts_at, ends_at, '[)') WITH &&) "
                   "WHERE (status IN ('requested', 'confirmed'))")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER TABLE bookings DROP CONSTRAINT ex_bookings_no_overlap")
    op.drop_index(op.f('ix_closures_space_id'), table_name='closures')
    op.drop_table('closures')
    op.drop_index('ix_bookings_space_time', table_name='bookings')
    op.drop_index(op.f('ix_bookings_person_id'), table_name='bookings')
    op.drop_index(op.f('ix_bookings_organisation_id'), table_name='bookings')
    op.drop_index(op.f('ix_bookings_district'), table_name='bookings')
    op.drop_table('bookings')
    op.drop_index(op.f('ix_spaces_district'), table_name='spaces')
    op.drop_index(op.f('ix_spaces_community'), table_name='spaces')
    op.drop_index(op.f('ix_spaces_centre_id'), table_name='spaces')
    op.drop_table('spaces')
    op.drop_index('ix_outbox_unpublished', table_name='outbox', postgresql_where=sa.text('published_at IS NULL'), sqlite_where=sa.text('published_at IS NULL'))
    op.drop_table('outbox')
    op.drop_table('inbox')
    op.drop_table('idempotency_keys')
    op.drop_index(op.f('ix_centres_district'), table_name='centres')
    op.drop_index(op.f('ix_centres_community'), table_name='centres')
    op.drop_table('centres')
    op.drop_index(op.f('ix_audit_log_district'), table_name='audit_log')
    op.drop_table('audit_log')
