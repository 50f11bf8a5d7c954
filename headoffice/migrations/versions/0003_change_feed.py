"""The downlink: the append-only change feed head office publishes (catalog, prices,
users, settings), and an index to read one store's events in id order.

Revision ID: 0003
Revises: 0002
"""
from alembic import op
import sqlalchemy as sa

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('changes',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('store_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('payload', sa.Text(), nullable=False),
    sa.Column('published_at', sa.DateTime(), nullable=False),
    sa.Column('published_by', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['store_id'], ['stores.id'], name=op.f('fk_changes_store_id_stores')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_changes'))
    )
    op.create_index('ix_events_store_id_id', 'events', ['store_id', 'id'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_events_store_id_id', table_name='events')
    op.drop_table('changes')
