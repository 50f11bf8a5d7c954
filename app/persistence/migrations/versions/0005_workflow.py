"""Approvals, editable posting rules, negative-stock flags, the print queue, sync delivery.

Revision ID: 0005
Revises: 0004
"""
from alembic import op
import sqlalchemy as sa

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None

# Frozen copy of the triggers this revision adds.
TRIGGERS = [
    "CREATE TRIGGER document_approvals_no_update BEFORE UPDATE ON document_approvals BEGIN SELECT RAISE(ABORT, 'approval decisions are append-only'); END",
    "CREATE TRIGGER document_approvals_no_delete BEFORE DELETE ON document_approvals BEGIN SELECT RAISE(ABORT, 'approval decisions are append-only'); END",
]


def upgrade() -> None:
    op.add_column('documents', sa.Column('body_json', sa.Text(), nullable=False, server_default=''))
    op.add_column('document_lines', sa.Column('negative_stock', sa.Boolean(), nullable=False,
                                              server_default=sa.false()))
    op.add_column('stock_moves', sa.Column('kind', sa.String(length=12), nullable=False,
                                           server_default=''))
    op.create_table('approval_rules',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('doc_type', sa.String(length=24), nullable=False),
    sa.Column('min_total_fen', sa.BigInteger(), nullable=True),
    sa.Column('min_line_qty_milli', sa.BigInteger(), nullable=True),
    sa.Column('levels', sa.String(length=200), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_approval_rules'))
    )
    op.create_index(op.f('ix_approval_rules_doc_type'), 'approval_rules', ['doc_type'], unique=False)
    op.create_table('document_approvals',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('level', sa.Integer(), nullable=False),
    sa.Column('round', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('role', sa.String(length=32), nullable=False),
    sa.Column('approved', sa.Boolean(), nullable=False),
    sa.Column('comment', sa.Text(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], name=op.f('fk_document_approvals_document_id_documents')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_document_approvals_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_document_approvals')),
    sa.UniqueConstraint('document_id', 'seq', name=op.f('uq_document_approvals_document_id_seq'))
    )
    op.create_table('posting_rules',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('doc_type', sa.String(length=24), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('side', sa.String(length=6), nullable=False),
    sa.Column('account', sa.String(length=16), nullable=False),
    sa.Column('amount', sa.String(length=40), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_posting_rules')),
    sa.UniqueConstraint('doc_type', 'position', name=op.f('uq_posting_rules_doc_type_position'))
    )
    op.create_table('print_jobs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('document_uuid', sa.String(length=64), nullable=True),
    sa.Column('printer', sa.String(length=200), nullable=False),
    sa.Column('payload', sa.LargeBinary(), nullable=False),
    sa.Column('open_drawer', sa.Boolean(), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('error', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_print_jobs'))
    )
    op.create_index('ix_print_jobs_status', 'print_jobs', ['status', 'id'], unique=False)
    op.create_index(op.f('ix_print_jobs_document_uuid'), 'print_jobs', ['document_uuid'], unique=False)
    op.create_table('outbox_delivery',
    sa.Column('outbox_id', sa.Integer(), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('last_error', sa.Text(), nullable=False),
    sa.Column('last_attempt_at', sa.DateTime(), nullable=True),
    sa.Column('failed', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['outbox_id'], ['outbox.id'], name=op.f('fk_outbox_delivery_outbox_id_outbox')),
    sa.PrimaryKeyConstraint('outbox_id', name=op.f('pk_outbox_delivery'))
    )
    for statement in TRIGGERS:
        op.execute(statement)


def downgrade() -> None:
    op.drop_table('outbox_delivery')
    op.drop_index(op.f('ix_print_jobs_document_uuid'), table_name='print_jobs')
    op.drop_index('ix_print_jobs_status', table_name='print_jobs')
    op.drop_table('print_jobs')
    op.drop_table('posting_rules')
    op.drop_table('document_approvals')
    op.drop_index(op.f('ix_approval_rules_doc_type'), table_name='approval_rules')
    op.drop_table('approval_rules')
    with op.batch_alter_table('stock_moves') as batch:
        batch.drop_column('kind')
    with op.batch_alter_table('document_lines') as batch:
        batch.drop_column('negative_stock')
    with op.batch_alter_table('documents') as batch:
        batch.drop_column('body_json')
