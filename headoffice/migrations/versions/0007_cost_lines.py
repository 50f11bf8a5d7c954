"""Costing authority: each store's document lines with provisional and final cost
(headoffice/cost.py).

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
    op.create_table('cost_lines',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('store_id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('doc_id', sa.String(length=64), nullable=False),
    sa.Column('doc_type', sa.String(length=24), nullable=False),
    sa.Column('line_no', sa.Integer(), nullable=False),
    sa.Column('sku', sa.String(length=64), nullable=False),
    sa.Column('warehouse', sa.String(length=16), nullable=False),
    sa.Column('qty_milli', sa.BigInteger(), nullable=False),
    sa.Column('method', sa.String(length=8), nullable=False),
    sa.Column('batch', sa.String(length=40), nullable=False),
    sa.Column('expiry', sa.Date(), nullable=True),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('in_fen', sa.BigInteger(), nullable=False),
    sa.Column('provisional_fen', sa.BigInteger(), nullable=False),
    sa.Column('original', sa.String(length=64), nullable=True),
    sa.Column('original_line', sa.Integer(), nullable=True),
    sa.Column('final_fen', sa.BigInteger(), nullable=True),
    sa.Column('state', sa.String(length=60), nullable=False),
    sa.Column('published_fen', sa.BigInteger(), nullable=True),
    sa.Column('computed_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_cost_lines_event_id_events')),
    sa.ForeignKeyConstraint(['store_id'], ['stores.id'], name=op.f('fk_cost_lines_store_id_stores')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cost_lines')),
    sa.UniqueConstraint('store_id', 'doc_id', 'line_no', name=op.f('uq_cost_lines_store_id_doc_id_line_no'))
    )
    op.create_index('ix_cost_lines_store_id_day', 'cost_lines', ['store_id', 'day'], unique=False)
    op.create_index('ix_cost_lines_store_id_sku', 'cost_lines', ['store_id', 'sku'], unique=False)
    op.create_index('ix_cost_lines_state', 'cost_lines', ['state', 'store_id', 'sku'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_cost_lines_state', table_name='cost_lines')
    op.drop_index('ix_cost_lines_store_id_sku', table_name='cost_lines')
    op.drop_index('ix_cost_lines_store_id_day', table_name='cost_lines')
    op.drop_table('cost_lines')
