"""Inventory core: documents, the stock ledger, cost layers, balances, vouchers, audit, outbox.

Revision ID: 0003
Revises: 0002
"""
from alembic import op
import sqlalchemy as sa

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None

# Frozen copy of the triggers at this revision (the schema module may move on).
TRIGGERS = [
    "CREATE TRIGGER stock_moves_no_update BEFORE UPDATE ON stock_moves BEGIN SELECT RAISE(ABORT, 'stock_moves rows are append-only'); END",
    "CREATE TRIGGER stock_moves_no_delete BEFORE DELETE ON stock_moves BEGIN SELECT RAISE(ABORT, 'stock_moves rows are append-only'); END",
    "CREATE TRIGGER vouchers_no_update BEFORE UPDATE ON vouchers BEGIN SELECT RAISE(ABORT, 'vouchers rows are append-only'); END",
    "CREATE TRIGGER vouchers_no_delete BEFORE DELETE ON vouchers BEGIN SELECT RAISE(ABORT, 'vouchers rows are append-only'); END",
    "CREATE TRIGGER voucher_lines_no_update BEFORE UPDATE ON voucher_lines BEGIN SELECT RAISE(ABORT, 'voucher_lines rows are append-only'); END",
    "CREATE TRIGGER voucher_lines_no_delete BEFORE DELETE ON voucher_lines BEGIN SELECT RAISE(ABORT, 'voucher_lines rows are append-only'); END",
    "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log rows are append-only'); END",
    "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log rows are append-only'); END",
    "CREATE TRIGGER documents_no_update BEFORE UPDATE ON documents WHEN OLD.status = 'posted' BEGIN SELECT RAISE(ABORT, 'posted documents never change'); END",
    "CREATE TRIGGER documents_no_delete BEFORE DELETE ON documents WHEN OLD.status = 'posted' BEGIN SELECT RAISE(ABORT, 'posted documents never change'); END",
    "CREATE TRIGGER document_lines_no_update BEFORE UPDATE ON document_lines WHEN (SELECT status FROM documents WHERE id = OLD.document_id) = 'posted' BEGIN SELECT RAISE(ABORT, 'posted documents never change'); END",
    "CREATE TRIGGER document_lines_no_delete BEFORE DELETE ON document_lines WHEN (SELECT status FROM documents WHERE id = OLD.document_id) = 'posted' BEGIN SELECT RAISE(ABORT, 'posted documents never change'); END",
    "CREATE TRIGGER document_payments_no_update BEFORE UPDATE ON document_payments WHEN (SELECT status FROM documents WHERE id = OLD.document_id) = 'posted' BEGIN SELECT RAISE(ABORT, 'posted documents never change'); END",
    "CREATE TRIGGER document_payments_no_delete BEFORE DELETE ON document_payments WHEN (SELECT status FROM documents WHERE id = OLD.document_id) = 'posted' BEGIN SELECT RAISE(ABORT, 'posted documents never change'); END",
    "CREATE TRIGGER document_lines_no_insert BEFORE INSERT ON document_lines WHEN (SELECT status FROM documents WHERE id = NEW.document_id) = 'posted' BEGIN SELECT RAISE(ABORT, 'posted documents never change'); END",
    "CREATE TRIGGER document_payments_no_insert BEFORE INSERT ON document_payments WHEN (SELECT status FROM documents WHERE id = NEW.document_id) = 'posted' BEGIN SELECT RAISE(ABORT, 'posted documents never change'); END",
    "CREATE TRIGGER outbox_no_update BEFORE UPDATE ON outbox WHEN NEW.payload IS NOT OLD.payload OR NEW.event_uuid IS NOT OLD.event_uuid OR NEW.terminal_seq IS NOT OLD.terminal_seq BEGIN SELECT RAISE(ABORT, 'outbox events never change'); END",
    "CREATE TRIGGER outbox_no_delete BEFORE DELETE ON outbox BEGIN SELECT RAISE(ABORT, 'outbox events are kept'); END",
]


def upgrade() -> None:
    op.create_table('outbox',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_uuid', sa.String(length=64), nullable=False),
    sa.Column('event_type', sa.String(length=40), nullable=False),
    sa.Column('terminal_id', sa.String(length=64), nullable=False),
    sa.Column('terminal_seq', sa.BigInteger(), nullable=False),
    sa.Column('payload', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('sent_at', sa.DateTime(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_outbox')),
    sa.UniqueConstraint('event_uuid', name=op.f('uq_outbox_event_uuid')),
    sa.UniqueConstraint('terminal_id', 'terminal_seq', name=op.f('uq_outbox_terminal_id_terminal_seq'))
    )
    op.create_index('ix_outbox_unsent', 'outbox', ['sent_at', 'id'], unique=False)
    op.create_table('audit_log',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('terminal_id', sa.String(length=64), nullable=False),
    sa.Column('seq', sa.BigInteger(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('action', sa.String(length=40), nullable=False),
    sa.Column('target', sa.String(length=80), nullable=False),
    sa.Column('detail', sa.Text(), nullable=False),
    sa.Column('prev_hash', sa.String(length=64), nullable=False),
    sa.Column('hash', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_audit_log_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_log')),
    sa.UniqueConstraint('terminal_id', 'seq', name=op.f('uq_audit_log_terminal_id_seq'))
    )
    op.create_table('cost_layers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('warehouse_id', sa.Integer(), nullable=False),
    sa.Column('product_id', sa.Integer(), nullable=False),
    sa.Column('batch', sa.String(length=40), nullable=False),
    sa.Column('expiry', sa.Date(), nullable=True),
    sa.Column('received_seq', sa.BigInteger(), nullable=False),
    sa.Column('is_average', sa.Boolean(), nullable=False),
    sa.Column('qty_left', sa.BigInteger(), nullable=False),
    sa.Column('value_left', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['product_id'], ['products.id'], name=op.f('fk_cost_layers_product_id_products')),
    sa.ForeignKeyConstraint(['warehouse_id'], ['warehouses.id'], name=op.f('fk_cost_layers_warehouse_id_warehouses')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cost_layers'))
    )
    op.create_index('ix_cost_layers_open', 'cost_layers', ['warehouse_id', 'product_id', 'qty_left'], unique=False)
    op.create_table('documents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=64), nullable=False),
    sa.Column('body_hash', sa.String(length=64), nullable=False),
    sa.Column('doc_type', sa.String(length=24), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('number', sa.String(length=40), nullable=True),
    sa.Column('store_id', sa.Integer(), nullable=False),
    sa.Column('warehouse_id', sa.Integer(), nullable=False),
    sa.Column('to_warehouse_id', sa.Integer(), nullable=True),
    sa.Column('supplier_id', sa.Integer(), nullable=True),
    sa.Column('customer_id', sa.Integer(), nullable=True),
    sa.Column('original_id', sa.Integer(), nullable=True),
    sa.Column('total_fen', sa.BigInteger(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('terminal_id', sa.String(length=64), nullable=False),
    sa.Column('business_date', sa.Date(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('posted_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['customer_id'], ['customers.id'], name=op.f('fk_documents_customer_id_customers')),
    sa.ForeignKeyConstraint(['original_id'], ['documents.id'], name=op.f('fk_documents_original_id_documents')),
    sa.ForeignKeyConstraint(['store_id'], ['stores.id'], name=op.f('fk_documents_store_id_stores')),
    sa.ForeignKeyConstraint(['supplier_id'], ['suppliers.id'], name=op.f('fk_documents_supplier_id_suppliers')),
    sa.ForeignKeyConstraint(['to_warehouse_id'], ['warehouses.id'], name=op.f('fk_documents_to_warehouse_id_warehouses')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_documents_user_id_users')),
    sa.ForeignKeyConstraint(['warehouse_id'], ['warehouses.id'], name=op.f('fk_documents_warehouse_id_warehouses')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_documents')),
    sa.UniqueConstraint('number', name=op.f('uq_documents_number')),
    sa.UniqueConstraint('uuid', name=op.f('uq_documents_uuid'))
    )
    op.create_index('ix_documents_original_id', 'documents', ['original_id'], unique=False)
    op.create_index('ix_documents_type_status', 'documents', ['doc_type', 'status'], unique=False)
    op.create_table('stock_balances',
    sa.Column('warehouse_id', sa.Integer(), nullable=False),
    sa.Column('product_id', sa.Integer(), nullable=False),
    sa.Column('qty_milli', sa.BigInteger(), nullable=False),
    sa.Column('value_fen', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['product_id'], ['products.id'], name=op.f('fk_stock_balances_product_id_products')),
    sa.ForeignKeyConstraint(['warehouse_id'], ['warehouses.id'], name=op.f('fk_stock_balances_warehouse_id_warehouses')),
    sa.PrimaryKeyConstraint('warehouse_id', 'product_id', name=op.f('pk_stock_balances'))
    )
    op.create_table('document_lines',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('line_no', sa.Integer(), nullable=False),
    sa.Column('product_id', sa.Integer(), nullable=False),
    sa.Column('qty_milli', sa.BigInteger(), nullable=False),
    sa.Column('unit_price_fen', sa.BigInteger(), nullable=False),
    sa.Column('unit_cost_fen', sa.BigInteger(), nullable=False),
    sa.Column('discount_fen', sa.BigInteger(), nullable=False),
    sa.Column('amount_fen', sa.BigInteger(), nullable=False),
    sa.Column('tax_rate_bp', sa.Integer(), nullable=False),
    sa.Column('landed_fen', sa.BigInteger(), nullable=False),
    sa.Column('cogs_fen', sa.BigInteger(), nullable=False),
    sa.Column('batch', sa.String(length=40), nullable=False),
    sa.Column('expiry', sa.Date(), nullable=True),
    sa.Column('system_qty_milli', sa.BigInteger(), nullable=True),
    sa.Column('original_line_id', sa.Integer(), nullable=True),
    sa.Column('reason', sa.String(length=40), nullable=False),
    sa.Column('price_confirmed', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], name=op.f('fk_document_lines_document_id_documents')),
    sa.ForeignKeyConstraint(['original_line_id'], ['document_lines.id'], name=op.f('fk_document_lines_original_line_id_document_lines')),
    sa.ForeignKeyConstraint(['product_id'], ['products.id'], name=op.f('fk_document_lines_product_id_products')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_document_lines')),
    sa.UniqueConstraint('document_id', 'line_no', name=op.f('uq_document_lines_document_id_line_no'))
    )
    op.create_index('ix_document_lines_original_line_id', 'document_lines', ['original_line_id'], unique=False)
    op.create_index('ix_document_lines_product_id', 'document_lines', ['product_id'], unique=False)
    op.create_table('document_payments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('method', sa.String(length=20), nullable=False),
    sa.Column('amount_fen', sa.BigInteger(), nullable=False),
    sa.Column('reference', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], name=op.f('fk_document_payments_document_id_documents')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_document_payments'))
    )
    op.create_index(op.f('ix_document_payments_document_id'), 'document_payments', ['document_id'], unique=False)
    op.create_table('vouchers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], name=op.f('fk_vouchers_document_id_documents')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_vouchers')),
    sa.UniqueConstraint('document_id', name=op.f('uq_vouchers_document_id'))
    )
    op.create_table('stock_moves',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('line_id', sa.Integer(), nullable=False),
    sa.Column('store_id', sa.Integer(), nullable=False),
    sa.Column('warehouse_id', sa.Integer(), nullable=False),
    sa.Column('product_id', sa.Integer(), nullable=False),
    sa.Column('layer_id', sa.Integer(), nullable=True),
    sa.Column('batch', sa.String(length=40), nullable=False),
    sa.Column('expiry', sa.Date(), nullable=True),
    sa.Column('qty_milli', sa.BigInteger(), nullable=False),
    sa.Column('value_fen', sa.BigInteger(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('terminal_id', sa.String(length=64), nullable=False),
    sa.Column('terminal_seq', sa.BigInteger(), nullable=False),
    sa.Column('occurred_at', sa.DateTime(), nullable=False),
    sa.Column('recorded_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], name=op.f('fk_stock_moves_document_id_documents')),
    sa.ForeignKeyConstraint(['layer_id'], ['cost_layers.id'], name=op.f('fk_stock_moves_layer_id_cost_layers')),
    sa.ForeignKeyConstraint(['line_id'], ['document_lines.id'], name=op.f('fk_stock_moves_line_id_document_lines')),
    sa.ForeignKeyConstraint(['product_id'], ['products.id'], name=op.f('fk_stock_moves_product_id_products')),
    sa.ForeignKeyConstraint(['store_id'], ['stores.id'], name=op.f('fk_stock_moves_store_id_stores')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_stock_moves_user_id_users')),
    sa.ForeignKeyConstraint(['warehouse_id'], ['warehouses.id'], name=op.f('fk_stock_moves_warehouse_id_warehouses')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_stock_moves')),
    sa.UniqueConstraint('terminal_id', 'terminal_seq', name=op.f('uq_stock_moves_terminal_id_terminal_seq'))
    )
    op.create_index('ix_stock_moves_document_id', 'stock_moves', ['document_id'], unique=False)
    op.create_index('ix_stock_moves_layer_id', 'stock_moves', ['layer_id'], unique=False)
    op.create_index('ix_stock_moves_product_wh_time', 'stock_moves', ['product_id', 'warehouse_id', 'occurred_at'], unique=False)
    op.create_table('voucher_lines',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('voucher_id', sa.Integer(), nullable=False),
    sa.Column('account', sa.String(length=16), nullable=False),
    sa.Column('debit_fen', sa.BigInteger(), nullable=False),
    sa.Column('credit_fen', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['voucher_id'], ['vouchers.id'], name=op.f('fk_voucher_lines_voucher_id_vouchers')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_voucher_lines'))
    )
    op.create_index(op.f('ix_voucher_lines_voucher_id'), 'voucher_lines', ['voucher_id'], unique=False)
    for statement in TRIGGERS:
        op.execute(statement)
    # This installation's terminal id: the key of the per-terminal sequences.
    op.execute("INSERT OR IGNORE INTO jxc_meta(key, value) "
               "VALUES ('terminal_id', lower(hex(randomblob(16))))")


def downgrade() -> None:
    op.execute("DELETE FROM jxc_meta WHERE key = 'terminal_id'")
    op.drop_index(op.f('ix_voucher_lines_voucher_id'), table_name='voucher_lines')
    op.drop_table('voucher_lines')
    op.drop_index('ix_stock_moves_product_wh_time', table_name='stock_moves')
    op.drop_index('ix_stock_moves_layer_id', table_name='stock_moves')
    op.drop_index('ix_stock_moves_document_id', table_name='stock_moves')
    op.drop_table('stock_moves')
    op.drop_table('vouchers')
    op.drop_index(op.f('ix_document_payments_document_id'), table_name='document_payments')
    op.drop_table('document_payments')
    op.drop_index('ix_document_lines_product_id', table_name='document_lines')
    op.drop_index('ix_document_lines_original_line_id', table_name='document_lines')
    op.drop_table('document_lines')
    op.drop_table('stock_balances')
    op.drop_index('ix_documents_type_status', table_name='documents')
    op.drop_index('ix_documents_original_id', table_name='documents')
    op.drop_table('documents')
    op.drop_index('ix_cost_layers_open', table_name='cost_layers')
    op.drop_table('cost_layers')
    op.drop_table('audit_log')
    op.drop_index('ix_outbox_unsent', table_name='outbox')
    op.drop_table('outbox')
