"""Members' stored value and points: the append-only `member_account_moves`.

Revision ID: 0010
Revises: 0009
"""
from alembic import op
import sqlalchemy as sa

revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None

# Frozen copy of the triggers this revision adds.
TRIGGERS = [
    f"CREATE TRIGGER member_account_moves_no_{op_.lower()} BEFORE {op_} ON member_account_moves "
    "BEGIN SELECT RAISE(ABORT, 'member_account_moves rows are append-only'); END"
    for op_ in ("UPDATE", "DELETE")
]


def upgrade() -> None:
    op.create_table('member_account_moves',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=64), nullable=False),
    sa.Column('customer_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=12), nullable=False),
    sa.Column('value_fen', sa.BigInteger(), nullable=False),
    sa.Column('points', sa.BigInteger(), nullable=False),
    sa.Column('value_after_fen', sa.BigInteger(), nullable=False),
    sa.Column('points_after', sa.BigInteger(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=True),
    sa.Column('reference', sa.String(length=64), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('terminal_id', sa.String(length=64), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['customer_id'], ['customers.id'], name=op.f('fk_member_account_moves_customer_id_customers')),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], name=op.f('fk_member_account_moves_document_id_documents')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_member_account_moves_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_member_account_moves')),
    sa.UniqueConstraint('uuid', name=op.f('uq_member_account_moves_uuid'))
    )
    op.create_index('ix_member_account_moves_customer_id_id', 'member_account_moves', ['customer_id', 'id'], unique=False)
    op.create_index('ix_member_account_moves_document_id', 'member_account_moves', ['document_id'], unique=False)
    for trigger in TRIGGERS:
        op.execute(trigger)


def downgrade() -> None:
    for trigger in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {trigger.split()[2]}")
    op.drop_index('ix_member_account_moves_document_id', table_name='member_account_moves')
    op.drop_index('ix_member_account_moves_customer_id_id', table_name='member_account_moves')
    op.drop_table('member_account_moves')
