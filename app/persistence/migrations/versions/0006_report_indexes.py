"""Indexes for reports and posting: documents by type, status and day; a covering index
of the ledger for stock as of a day; the latest receipt of a product in a warehouse.

- ix_documents_type_status_date replaces ix_documents_type_status (its prefix): every
  sales report selects a date range of one document type.
- ix_stock_moves_cover replaces ix_stock_moves_product_wh_time (its prefix) and also holds
  the quantity and value, so stock as of a day is a scan of the index alone.
- ix_stock_moves_receipts (partial: goods in that are not true-ups) answers "the last
  unit cost received here" in microseconds instead of walking every move of the product.

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
    op.drop_index('ix_documents_type_status', table_name='documents')
    op.create_index('ix_documents_type_status_date', 'documents',
                    ['doc_type', 'status', 'business_date'], unique=False)
    op.drop_index('ix_stock_moves_product_wh_time', table_name='stock_moves')
    op.create_index('ix_stock_moves_cover', 'stock_moves',
                    ['product_id', 'warehouse_id', 'occurred_at', 'qty_milli', 'value_fen'],
                    unique=False)
    op.create_index('ix_stock_moves_receipts', 'stock_moves',
                    ['product_id', 'warehouse_id', 'id'], unique=False,
                    sqlite_where=sa.text("qty_milli > 0 AND kind = ''"))


def downgrade() -> None:
    op.drop_index('ix_stock_moves_receipts', table_name='stock_moves')
    op.drop_index('ix_stock_moves_cover', table_name='stock_moves')
    op.create_index('ix_stock_moves_product_wh_time', 'stock_moves',
                    ['product_id', 'warehouse_id', 'occurred_at'], unique=False)
    op.drop_index('ix_documents_type_status_date', table_name='documents')
    op.create_index('ix_documents_type_status', 'documents', ['doc_type', 'status'],
                    unique=False)
