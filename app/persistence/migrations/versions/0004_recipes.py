"""Recipes (bills of materials) for assembly and disassembly.

Revision ID: 0004
Revises: 0003
"""
from alembic import op
import sqlalchemy as sa

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('recipes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('product_id', sa.Integer(), nullable=False),
    sa.Column('yield_milli', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['product_id'], ['products.id'], name=op.f('fk_recipes_product_id_products')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_recipes')),
    sa.UniqueConstraint('product_id', name=op.f('uq_recipes_product_id'))
    )
    op.create_table('recipe_lines',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('recipe_id', sa.Integer(), nullable=False),
    sa.Column('component_id', sa.Integer(), nullable=False),
    sa.Column('qty_milli', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['component_id'], ['products.id'], name=op.f('fk_recipe_lines_component_id_products')),
    sa.ForeignKeyConstraint(['recipe_id'], ['recipes.id'], name=op.f('fk_recipe_lines_recipe_id_recipes')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_recipe_lines')),
    sa.UniqueConstraint('recipe_id', 'component_id', name=op.f('uq_recipe_lines_recipe_id_component_id'))
    )


def downgrade() -> None:
    op.drop_table('recipe_lines')
    op.drop_table('recipes')
