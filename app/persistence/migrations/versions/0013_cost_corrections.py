"""Final costs from head office's costing authority: the append-only `cost_corrections`.

Revision ID: 0013
Revises: 0012
"""
from alembic import op
import sqlalchemy as sa

revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None

TRIGGERS = [
    f"CREATE TRIGGER cost_corrections_no_{op_.lower()} BEFORE {op_} ON cost_corrections "
    "BEGIN SELECT RAISE(ABORT, 'cost_corrections rows are append-only'); END"
    for op_ in ("UPDATE", "DELETE")]


def upgrade() -> None:
    op.create_table('cost_corrections',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('document_uuid', sa.String(length=64), nullable=False),
    sa.Column('line_no', sa.Integer(), nullable=False),
    sa.Column('sku', sa.String(length=64), nullable=False),
    sa.Column('provisional_fen', sa.BigInteger(), nullable=False),
    sa.Column('final_fen', sa.BigInteger(), nullable=False),
    sa.Column('received_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cost_corrections'))
    )
    op.create_index('ix_cost_corrections_document_uuid_line_no', 'cost_corrections',
                    ['document_uuid', 'line_no'], unique=False)
    for trigger in TRIGGERS:
        op.execute(trigger)


def downgrade() -> None:
    for trigger in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {trigger.split()[2]}")
    op.drop_index('ix_cost_corrections_document_uuid_line_no', table_name='cost_corrections')
    op.drop_table('cost_corrections')
