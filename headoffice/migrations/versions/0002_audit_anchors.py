"""Audit anchoring: each terminal's chain links, and the gaps, forks and regressions found.

Revision ID: 0002
Revises: 0001
"""
from alembic import op
import sqlalchemy as sa

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('audit_flags',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('terminal_id', sa.Integer(), nullable=False),
    sa.Column('chain', sa.String(length=64), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('seq', sa.BigInteger(), nullable=False),
    sa.Column('detail', sa.String(length=300), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['terminal_id'], ['terminals.id'], name=op.f('fk_audit_flags_terminal_id_terminals')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_flags')),
    sa.UniqueConstraint('terminal_id', 'chain', 'kind', 'seq', name=op.f('uq_audit_flags_terminal_id_chain_kind_seq'))
    )
    op.create_table('audit_links',
    sa.Column('terminal_id', sa.Integer(), nullable=False),
    sa.Column('chain', sa.String(length=64), nullable=False),
    sa.Column('seq', sa.BigInteger(), nullable=False),
    sa.Column('prev_hash', sa.String(length=64), nullable=False),
    sa.Column('hash', sa.String(length=64), nullable=False),
    sa.Column('received_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['terminal_id'], ['terminals.id'], name=op.f('fk_audit_links_terminal_id_terminals')),
    sa.PrimaryKeyConstraint('terminal_id', 'chain', 'seq', name=op.f('pk_audit_links'))
    )


    op.create_table('audit_heads',
    sa.Column('terminal_id', sa.Integer(), nullable=False),
    sa.Column('chain', sa.String(length=64), nullable=False),
    sa.Column('seq', sa.BigInteger(), nullable=False),
    sa.Column('hash', sa.String(length=64), nullable=False),
    sa.Column('observed_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['terminal_id'], ['terminals.id'], name=op.f('fk_audit_heads_terminal_id_terminals')),
    sa.PrimaryKeyConstraint('terminal_id', 'chain', name=op.f('pk_audit_heads'))
    )


def downgrade() -> None:
    op.drop_table('audit_heads')
    op.drop_table('audit_links')
    op.drop_table('audit_flags')
