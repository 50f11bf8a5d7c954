"""Per-account lockout: consecutive failures, locked-until, and a forced password change.

Revision ID: 0007
Revises: 0006
"""
from alembic import op
import sqlalchemy as sa

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('users', sa.Column('failed_logins', sa.Integer(), nullable=False,
                                     server_default='0'))
    op.add_column('users', sa.Column('locked_until', sa.DateTime(), nullable=True))
    op.add_column('users', sa.Column('must_change_password', sa.Boolean(), nullable=False,
                                     server_default='0'))


def downgrade() -> None:  # SQLite 3.35+ drops columns in place
    op.drop_column('users', 'must_change_password')
    op.drop_column('users', 'locked_until')
    op.drop_column('users', 'failed_logins')
