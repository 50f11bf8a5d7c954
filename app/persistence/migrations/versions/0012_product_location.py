"""Products get a shelf location (货位, "A-03-2") for stocktakes by location: compared
case-insensitively (NOCASE), indexed so that a prefix (LIKE 'A-03%') reads only its rows.

Revision ID: 0012
Revises: 0011
"""
from alembic import op
import sqlalchemy as sa

revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('products', sa.Column('location', sa.String(length=32, collation='NOCASE'),
                                        nullable=True))
    op.create_index('ix_products_location', 'products', ['location'], unique=False)


def downgrade() -> None:  # SQLite 3.35+ drops columns in place
    op.drop_index('ix_products_location', table_name='products')
    op.drop_column('products', 'location')
