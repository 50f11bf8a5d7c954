"""Backup keys escrowed by the terminals (headoffice/escrow.py).

Revision ID: 0006
Revises: 0005
"""
from alembic import op
import sqlalchemy as sa

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('backup_keys',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('store_id', sa.Integer(), nullable=False),
    sa.Column('terminal_id', sa.Integer(), nullable=False),
    sa.Column('store_uuid', sa.String(length=36), nullable=False),
    sa.Column('key_id', sa.String(length=16), nullable=False),
    sa.Column('blob', sa.Text(), nullable=False),
    sa.Column('received_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['store_id'], ['stores.id'], name=op.f('fk_backup_keys_store_id_stores')),
    sa.ForeignKeyConstraint(['terminal_id'], ['terminals.id'], name=op.f('fk_backup_keys_terminal_id_terminals')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_backup_keys')),
    sa.UniqueConstraint('store_uuid', 'key_id', name=op.f('uq_backup_keys_store_uuid_key_id'))
    )
    op.create_index(op.f('ix_backup_keys_store_id'), 'backup_keys', ['store_id'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_backup_keys_store_id'), table_name='backup_keys')
    op.drop_table('backup_keys')
