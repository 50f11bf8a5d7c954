"""Cashier shifts, cash in/out during a shift, stored X/Z reports; closed shifts frozen.

Revision ID: 0008
Revises: 0007
"""
from alembic import op
import sqlalchemy as sa

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None

# Frozen copy of the triggers this revision adds.
TRIGGERS = [
    "CREATE TRIGGER shifts_no_update BEFORE UPDATE ON shifts WHEN OLD.status = 'closed' BEGIN SELECT RAISE(ABORT, 'closed shifts never change'); END",
    "CREATE TRIGGER shifts_no_delete BEFORE DELETE ON shifts BEGIN SELECT RAISE(ABORT, 'shifts are kept'); END",
    "CREATE TRIGGER shift_cash_moves_no_update BEFORE UPDATE ON shift_cash_moves BEGIN SELECT RAISE(ABORT, 'shift_cash_moves rows are append-only'); END",
    "CREATE TRIGGER shift_cash_moves_no_delete BEFORE DELETE ON shift_cash_moves BEGIN SELECT RAISE(ABORT, 'shift_cash_moves rows are append-only'); END",
    "CREATE TRIGGER shift_reports_no_update BEFORE UPDATE ON shift_reports BEGIN SELECT RAISE(ABORT, 'shift_reports rows are append-only'); END",
    "CREATE TRIGGER shift_reports_no_delete BEFORE DELETE ON shift_reports BEGIN SELECT RAISE(ABORT, 'shift_reports rows are append-only'); END",
]


def upgrade() -> None:
    op.create_table('shifts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=64), nullable=False),
    sa.Column('terminal_id', sa.String(length=64), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('store_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=8), nullable=False),
    sa.Column('opened_by', sa.Integer(), nullable=True),
    sa.Column('opened_at', sa.DateTime(), nullable=False),
    sa.Column('float_fen', sa.BigInteger(), nullable=False),
    sa.Column('closed_by', sa.Integer(), nullable=True),
    sa.Column('closed_at', sa.DateTime(), nullable=True),
    sa.Column('counted_json', sa.Text(), nullable=False),
    sa.Column('counted_fen', sa.BigInteger(), nullable=True),
    sa.Column('expected_json', sa.Text(), nullable=False),
    sa.Column('over_short_fen', sa.BigInteger(), nullable=True),
    sa.ForeignKeyConstraint(['closed_by'], ['users.id'], name=op.f('fk_shifts_closed_by_users')),
    sa.ForeignKeyConstraint(['opened_by'], ['users.id'], name=op.f('fk_shifts_opened_by_users')),
    sa.ForeignKeyConstraint(['store_id'], ['stores.id'], name=op.f('fk_shifts_store_id_stores')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_shifts')),
    sa.UniqueConstraint('terminal_id', 'seq', name=op.f('uq_shifts_terminal_id_seq')),
    sa.UniqueConstraint('uuid', name=op.f('uq_shifts_uuid'))
    )
    op.create_index('ix_shifts_terminal_status', 'shifts', ['terminal_id', 'status'], unique=False)
    op.create_table('shift_cash_moves',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('shift_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=4), nullable=False),
    sa.Column('amount_fen', sa.BigInteger(), nullable=False),
    sa.Column('reason', sa.String(length=200), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['shift_id'], ['shifts.id'], name=op.f('fk_shift_cash_moves_shift_id_shifts')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_shift_cash_moves_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_shift_cash_moves'))
    )
    op.create_index(op.f('ix_shift_cash_moves_shift_id'), 'shift_cash_moves', ['shift_id'], unique=False)
    op.create_table('shift_reports',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('shift_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=1), nullable=False),
    sa.Column('body_json', sa.Text(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['shift_id'], ['shifts.id'], name=op.f('fk_shift_reports_shift_id_shifts')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_shift_reports_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_shift_reports'))
    )
    op.create_index(op.f('ix_shift_reports_shift_id'), 'shift_reports', ['shift_id'], unique=False)
    for trigger in TRIGGERS:
        op.execute(trigger)


def downgrade() -> None:
    for trigger in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {trigger.split()[2]}")
    op.drop_index(op.f('ix_shift_reports_shift_id'), table_name='shift_reports')
    op.drop_table('shift_reports')
    op.drop_index(op.f('ix_shift_cash_moves_shift_id'), table_name='shift_cash_moves')
    op.drop_table('shift_cash_moves')
    op.drop_index('ix_shifts_terminal_status', table_name='shifts')
    op.drop_table('shifts')
