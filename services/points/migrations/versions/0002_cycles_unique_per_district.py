"""One cycle per branch and year within a district: the unique key carries the district.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01

Without the district, a branch id used in another district would block that district's own cycle.
SQLite cannot alter a constraint in place: batch mode rebuilds the table there.
"""
from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('cycles') as batch:
        batch.drop_constraint('uq_cycles_branch_year', type_='unique')
        batch.create_unique_constraint('uq_cycles_branch_year', ['district', 'branch_id', 'year'])


def downgrade() -> None:
    with op.batch_alter_table('cycles') as batch:
        batch.drop_constraint('uq_cycles_branch_year', type_='unique')
        batch.create_unique_constraint('uq_cycles_branch_year', ['branch_id', 'year'])
