"""Custom fields: definitions and values (products, members, suppliers, documents).

Revision ID: 0009
Revises: 0008
"""
from alembic import op
import sqlalchemy as sa

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None

_POSTED = "(SELECT status FROM documents WHERE id = {}.document_id) = 'posted'"
# Frozen copy of the triggers this revision adds.
TRIGGERS = [
    f"CREATE TRIGGER document_custom_values_no_{op_.lower()} BEFORE {op_} ON document_custom_values "
    f"WHEN {_POSTED.format(row)} BEGIN SELECT RAISE(ABORT, 'posted documents never change'); END"
    for op_, row in (("UPDATE", "OLD"), ("DELETE", "OLD"), ("INSERT", "NEW"))
]


def upgrade() -> None:
    op.create_table('custom_fields',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('entity', sa.String(length=16), nullable=False),
    sa.Column('key', sa.String(length=32), nullable=False),
    sa.Column('label_zh', sa.String(length=40), nullable=False),
    sa.Column('label_en', sa.String(length=40), nullable=False),
    sa.Column('kind', sa.String(length=8), nullable=False),
    sa.Column('required', sa.Boolean(), nullable=False),
    sa.Column('rules_json', sa.Text(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('origin', sa.String(length=8), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_custom_fields')),
    sa.UniqueConstraint('entity', 'key', name=op.f('uq_custom_fields_entity_key'))
    )
    op.create_table('custom_values',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('field_id', sa.Integer(), nullable=False),
    sa.Column('record_id', sa.Integer(), nullable=False),
    sa.Column('value', sa.String(length=200), nullable=False),
    sa.ForeignKeyConstraint(['field_id'], ['custom_fields.id'], name=op.f('fk_custom_values_field_id_custom_fields')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_custom_values')),
    sa.UniqueConstraint('field_id', 'record_id', name=op.f('uq_custom_values_field_id_record_id'))
    )
    op.create_index('ix_custom_values_field_id_value', 'custom_values', ['field_id', 'value'], unique=False)
    op.create_table('document_custom_values',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('field_id', sa.Integer(), nullable=False),
    sa.Column('value', sa.String(length=200), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], name=op.f('fk_document_custom_values_document_id_documents')),
    sa.ForeignKeyConstraint(['field_id'], ['custom_fields.id'], name=op.f('fk_document_custom_values_field_id_custom_fields')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_document_custom_values')),
    sa.UniqueConstraint('document_id', 'field_id', name=op.f('uq_document_custom_values_document_id_field_id'))
    )
    op.create_index('ix_document_custom_values_field_id_value', 'document_custom_values', ['field_id', 'value'], unique=False)
    for trigger in TRIGGERS:
        op.execute(trigger)


def downgrade() -> None:
    for trigger in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {trigger.split()[2]}")
    op.drop_index('ix_document_custom_values_field_id_value', table_name='document_custom_values')
    op.drop_table('document_custom_values')
    op.drop_index('ix_custom_values_field_id_value', table_name='custom_values')
    op.drop_table('custom_values')
    op.drop_table('custom_fields')
