"""Reports: the daily sales summary (filled from the posted history), the report
builder's saved definitions and the log of morning briefs sent.

Revision ID: 0011
Revises: 0010
"""
from alembic import op
import sqlalchemy as sa

revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None

# Frozen copy of the summary's definition (app/services/reports/summary.py): sales and
# customer returns, returns negative, revenue net of VAT split half-up per line.
BACKFILL = """
INSERT INTO daily_sales (business_date, store_id, product_id, tickets, return_docs, sale_lines,
    qty_milli, gross_fen, discount_fen, returns_fen, revenue_net_fen, cogs_fen)
SELECT d.business_date, d.store_id, l.product_id,
    count(DISTINCT CASE WHEN d.doc_type = 'sale' THEN d.id END),
    count(DISTINCT CASE WHEN d.doc_type <> 'sale' THEN d.id END),
    sum(CASE WHEN d.doc_type = 'sale' THEN 1 ELSE 0 END),
    sum(CASE WHEN d.doc_type = 'sale' THEN l.qty_milli ELSE -l.qty_milli END),
    sum(CASE WHEN d.doc_type = 'sale' THEN l.amount_fen ELSE 0 END),
    sum(CASE WHEN d.doc_type = 'sale' THEN l.discount_fen ELSE 0 END),
    sum(CASE WHEN d.doc_type = 'sale' THEN 0 ELSE l.amount_fen END),
    sum((CASE WHEN d.doc_type = 'sale' THEN 1 ELSE -1 END)
        * ((l.amount_fen * 20000 + 10000 + l.tax_rate_bp) / (2 * (10000 + l.tax_rate_bp)))),
    sum(CASE WHEN d.doc_type = 'sale' THEN l.cogs_fen ELSE -l.cogs_fen END)
FROM document_lines l JOIN documents d ON d.id = l.document_id
WHERE d.doc_type IN ('sale', 'customer_return') AND d.status = 'posted'
GROUP BY d.business_date, d.store_id, l.product_id
"""


def upgrade() -> None:
    op.create_table('daily_sales',
    sa.Column('business_date', sa.Date(), nullable=False),
    sa.Column('store_id', sa.Integer(), nullable=False),
    sa.Column('product_id', sa.Integer(), nullable=False),
    sa.Column('tickets', sa.Integer(), nullable=False),
    sa.Column('return_docs', sa.Integer(), nullable=False),
    sa.Column('sale_lines', sa.Integer(), nullable=False),
    sa.Column('qty_milli', sa.BigInteger(), nullable=False),
    sa.Column('gross_fen', sa.BigInteger(), nullable=False),
    sa.Column('discount_fen', sa.BigInteger(), nullable=False),
    sa.Column('returns_fen', sa.BigInteger(), nullable=False),
    sa.Column('revenue_net_fen', sa.BigInteger(), nullable=False),
    sa.Column('cogs_fen', sa.BigInteger(), nullable=False),
    sa.PrimaryKeyConstraint('business_date', 'store_id', 'product_id', name=op.f('pk_daily_sales'))
    )
    op.create_table('report_definitions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=64), nullable=False),
    sa.Column('name', sa.String(length=80), nullable=False),
    sa.Column('spec_json', sa.Text(), nullable=False),
    sa.Column('shared', sa.Boolean(), nullable=False),
    sa.Column('origin', sa.String(length=16), nullable=False),
    sa.Column('updated_by', sa.String(length=64), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_report_definitions')),
    sa.UniqueConstraint('name', name=op.f('uq_report_definitions_name')),
    sa.UniqueConstraint('uuid', name=op.f('uq_report_definitions_uuid'))
    )
    op.create_table('brief_log',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('business_date', sa.Date(), nullable=False),
    sa.Column('channel', sa.String(length=16), nullable=False),
    sa.Column('sent_at', sa.DateTime(), nullable=False),
    sa.Column('detail', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_brief_log')),
    sa.UniqueConstraint('business_date', 'channel', name=op.f('uq_brief_log_business_date_channel'))
    )
    op.execute(BACKFILL)


def downgrade() -> None:
    op.drop_table('brief_log')
    op.drop_table('report_definitions')
    op.drop_table('daily_sales')
