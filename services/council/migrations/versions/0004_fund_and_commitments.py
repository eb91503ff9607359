"""the co-building fund (共建基金: the fund, its entries, contributions in fen or in kind, disbursements) and
commitments (承诺、践诺、评诺: the promises, their keeping records, the residents' evaluations)

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01

Money is BIGINT fen, never a float. One fund per council (uq_funds_council); its balance and every entry's
balance after it never go below zero (ck_funds_balance_not_negative, ck_fund_entries_not_negative); entries are
numbered once per fund (uq_fund_entries_seq) and an entry is reversed once (uq_fund_entries_reversed_once); a
resident evaluates a commitment once (uq_commitment_evaluations_once).
"""
from alembic import op
import sqlalchemy as sa


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('funds',
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.Column('district', sa.String(length=6), nullable=False),
    sa.Column('community', sa.String(length=12), nullable=False),
    sa.Column('council_id', sa.String(length=32), nullable=False),
    sa.Column('balance', sa.BigInteger(), nullable=False),
    sa.Column('entries', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('balance >= 0', name=op.f('ck_funds_balance_not_negative')),
    sa.ForeignKeyConstraint(['council_id'], ['councils.id'], name=op.f('fk_funds_council_id')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_funds')),
    sa.UniqueConstraint('council_id', name='uq_funds_council')
    )
    op.create_index(op.f('ix_funds_district'), 'funds', ['district'], unique=False)
    op.create_table('fund_contributions',
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.Column('district', sa.String(length=6), nullable=False),
    sa.Column('community', sa.String(length=12), nullable=False),
    sa.Column('council_id', sa.String(length=32), nullable=False),
    sa.Column('kind', sa.String(length=8), nullable=False),
    sa.Column('amount', sa.BigInteger(), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('donor_kind', sa.String(length=8), nullable=False),
    sa.Column('donor_organisation_id', sa.String(length=32), nullable=True),
    sa.Column('donor_person_id', sa.String(length=32), nullable=True),
    sa.Column('donor_name', sa.String(length=200), nullable=False),
    sa.Column('display_name', sa.String(length=100), nullable=True),
    sa.Column('received_on', sa.Date(), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('recorded_by', sa.String(length=100), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['council_id'], ['councils.id'], name=op.f('fk_fund_contributions_council_id')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_fund_contributions'))
    )
    op.create_index(op.f('ix_fund_contributions_council_id'), 'fund_contributions', ['council_id'], unique=False)
    op.create_table('fund_disbursements',
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.Column('district', sa.String(length=6), nullable=False),
    sa.Column('community', sa.String(length=12), nullable=False),
    sa.Column('council_id', sa.String(length=32), nullable=False),
    sa.Column('project_id', sa.String(length=32), nullable=False),
    sa.Column('project_title', sa.String(length=200), nullable=False),
    sa.Column('amount', sa.BigInteger(), nullable=False),
    sa.Column('purpose', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('requested_by', sa.String(length=100), nullable=False),
    sa.Column('requested_on', sa.Date(), nullable=False),
    sa.Column('decided_by', sa.String(length=100), nullable=True),
    sa.Column('decided_on', sa.Date(), nullable=True),
    sa.Column('decision_meeting_id', sa.String(length=32), nullable=True),
    sa.Column('decision_reference', sa.String(length=200), nullable=True),
    sa.Column('decision_note', sa.Text(), nullable=True),
    sa.Column('paid_by', sa.String(length=100), nullable=True),
    sa.Column('paid_on', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['council_id'], ['councils.id'], name=op.f('fk_fund_disbursements_council_id')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_fund_disbursements'))
    )
    op.create_index(op.f('ix_fund_disbursements_council_id'), 'fund_disbursements', ['council_id'], unique=False)
    op.create_table('fund_entries',
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.Column('district', sa.String(length=6), nullable=False),
    sa.Column('community', sa.String(length=12), nullable=False),
    sa.Column('council_id', sa.String(length=32), nullable=False),
    sa.Column('fund_id', sa.String(length=32), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=12), nullable=False),
    sa.Column('amount', sa.BigInteger(), nullable=False),
    sa.Column('balance_after', sa.BigInteger(), nullable=False),
    sa.Column('contribution_id', sa.String(length=32), nullable=True),
    sa.Column('disbursement_id', sa.String(length=32), nullable=True),
    sa.Column('reverses_id', sa.String(length=32), nullable=True),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.Column('booked_on', sa.Date(), nullable=False),
    sa.Column('recorded_by', sa.String(length=100), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('balance_after >= 0', name=op.f('ck_fund_entries_not_negative')),
    sa.ForeignKeyConstraint(['council_id'], ['councils.id'], name=op.f('fk_fund_entries_council_id')),
    sa.ForeignKeyConstraint(['fund_id'], ['funds.id'], name=op.f('fk_fund_entries_fund_id')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_fund_entries')),
    sa.UniqueConstraint('fund_id', 'seq', name='uq_fund_entries_seq'),
    sa.UniqueConstraint('reverses_id', name='uq_fund_entries_reversed_once')
    )
    op.create_index('ix_fund_entries_council_booked', 'fund_entries', ['council_id', 'booked_on'], unique=False)
    op.create_table('commitments',
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.Column('district', sa.String(length=6), nullable=False),
    sa.Column('community', sa.String(length=12), nullable=False),
    sa.Column('council_id', sa.String(length=32), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('maker_kind', sa.String(length=6), nullable=False),
    sa.Column('organisation_id', sa.String(length=32), nullable=True),
    sa.Column('person_id', sa.String(length=32), nullable=True),
    sa.Column('maker_name', sa.String(length=200), nullable=False),
    sa.Column('what', sa.Text(), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('status', sa.String(length=8), nullable=False),
    sa.Column('kept_on', sa.Date(), nullable=True),
    sa.Column('made_by', sa.String(length=100), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['council_id'], ['councils.id'], name=op.f('fk_commitments_council_id')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_commitments'))
    )
    op.create_index(op.f('ix_commitments_council_id'), 'commitments', ['council_id'], unique=False)
    op.create_table('commitment_records',
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.Column('district', sa.String(length=6), nullable=False),
    sa.Column('community', sa.String(length=12), nullable=False),
    sa.Column('commitment_id', sa.String(length=32), nullable=False),
    sa.Column('done_on', sa.Date(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('marks_kept', sa.Boolean(), nullable=False),
    sa.Column('recorded_by', sa.String(length=100), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['commitment_id'], ['commitments.id'], name=op.f('fk_commitment_records_commitment_id')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_commitment_records'))
    )
    op.create_index(op.f('ix_commitment_records_commitment_id'), 'commitment_records', ['commitment_id'], unique=False)
    op.create_table('commitment_evaluations',
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.Column('district', sa.String(length=6), nullable=False),
    sa.Column('community', sa.String(length=12), nullable=False),
    sa.Column('commitment_id', sa.String(length=32), nullable=False),
    sa.Column('person_id', sa.String(length=32), nullable=False),
    sa.Column('rating', sa.String(length=20), nullable=False),
    sa.Column('comment', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['commitment_id'], ['commitments.id'], name=op.f('fk_commitment_evaluations_commitment_id')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_commitment_evaluations')),
    sa.UniqueConstraint('commitment_id', 'person_id', name='uq_commitment_evaluations_once')
    )
    op.create_index(op.f('ix_commitment_evaluations_commitment_id'), 'commitment_evaluations', ['commitment_id'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_commitment_evaluations_commitment_id'), table_name='commitment_evaluations')
    op.drop_table('commitment_evaluations')
    op.drop_index(op.f('ix_commitment_records_commitment_id'), table_name='commitment_records')
    op.drop_table('commitment_records')
    op.drop_index(op.f('ix_commitments_council_id'), table_name='commitments')
    op.drop_table('commitments')
    op.drop_index('ix_fund_entries_council_booked', table_name='fund_entries')
    op.drop_table('fund_entries')
    op.drop_index(op.f('ix_fund_disbursements_council_id'), table_name='fund_disbursements')
    op.drop_table('fund_disbursements')
    op.drop_index(op.f('ix_fund_contributions_council_id'), table_name='fund_contributions')
    op.drop_table('fund_contributions')
    op.drop_index(op.f('ix_funds_district'), table_name='funds')
    op.drop_table('funds')
