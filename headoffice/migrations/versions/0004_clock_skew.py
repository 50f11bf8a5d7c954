"""Terminal clocks: each terminal's last measured offset and skew, and the history of
skews and recoveries (clock_events).

Revision ID: 0004
Revises: 0003
"""
from alembic import op
import sqlalchemy as sa

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('terminals', sa.Column('clock_offset_s', sa.BigInteger(), nullable=True))
    op.add_column('terminals', sa.Column('clock_checked_at', sa.DateTime(), nullable=True))
    op.add_column('terminals', sa.Column('clock_skewed_since', sa.DateTime(), nullable=True))
    op.create_table('clock_events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('terminal_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('offset_s', sa.BigInteger(), nullable=False),
    sa.Column('terminal_time', sa.DateTime(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['terminal_id'], ['terminals.id'], name=op.f('fk_clock_events_terminal_id_terminals')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_clock_events'))
    )
    op.create_index(op.f('ix_clock_events_terminal_id'), 'clock_events', ['terminal_id'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_clock_events_terminal_id'), table_name='clock_events')
    op.drop_table('clock_events')
    with op.batch_alter_table('terminals') as batch:
        batch.drop_column('clock_skewed_since')
        batch.drop_column('clock_checked_at')
        batch.drop_column('clock_offset_s')
