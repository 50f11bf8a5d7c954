"""Transfers between stores, webhooks and their delivery log, integrations (inbound API
keys), and `events.doc_id` so a store's document counts once in the projections.

Revision ID: 0005
Revises: 0004
"""
import json

from alembic import op
import sqlalchemy as sa

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('events', sa.Column('doc_id', sa.String(length=64), nullable=True))
    op.create_index('ix_events_store_id_doc_id', 'events', ['store_id', 'doc_id'], unique=False)
    _backfill_doc_ids()
    op.create_table('transfers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('transfer_id', sa.String(length=64), nullable=False),
    sa.Column('number', sa.String(length=40), nullable=False),
    sa.Column('from_store_id', sa.Integer(), nullable=False),
    sa.Column('to_store_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('lines', sa.Text(), nullable=False),
    sa.Column('received_lines', sa.Text(), nullable=True),
    sa.Column('receipt_id', sa.String(length=64), nullable=True),
    sa.Column('sent_at', sa.DateTime(), nullable=False),
    sa.Column('received_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['from_store_id'], ['stores.id'], name=op.f('fk_transfers_from_store_id_stores')),
    sa.ForeignKeyConstraint(['to_store_id'], ['stores.id'], name=op.f('fk_transfers_to_store_id_stores')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_transfers')),
    sa.UniqueConstraint('transfer_id', name=op.f('uq_transfers_transfer_id'))
    )
    op.create_index(op.f('ix_transfers_to_store_id'), 'transfers', ['to_store_id'], unique=False)
    op.create_table('webhooks',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('url', sa.String(length=500), nullable=False),
    sa.Column('secret', sa.String(length=100), nullable=False),
    sa.Column('event_types', sa.String(length=300), nullable=False),
    sa.Column('store_id', sa.Integer(), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('removed_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['store_id'], ['stores.id'], name=op.f('fk_webhooks_store_id_stores')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_webhooks'))
    )
    op.create_table('webhook_deliveries',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('webhook_id', sa.Integer(), nullable=False),
    sa.Column('event_type', sa.String(length=40), nullable=False),
    sa.Column('event_key', sa.String(length=120), nullable=False),
    sa.Column('payload', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('next_attempt_at', sa.DateTime(), nullable=False),
    sa.Column('last_status', sa.Integer(), nullable=True),
    sa.Column('last_error', sa.String(length=300), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('delivered_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['webhook_id'], ['webhooks.id'], name=op.f('fk_webhook_deliveries_webhook_id_webhooks')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_webhook_deliveries')),
    sa.UniqueConstraint('webhook_id', 'event_key', name=op.f('uq_webhook_deliveries_webhook_id_event_key'))
    )
    op.create_index('ix_webhook_deliveries_status_next_attempt_at', 'webhook_deliveries',
                    ['status', 'next_attempt_at'], unique=False)
    op.create_table('integrations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=64), nullable=False),
    sa.Column('key_hash', sa.String(length=64), nullable=False),
    sa.Column('scopes', sa.String(length=500), nullable=False),
    sa.Column('stores', sa.String(length=500), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('last_used_at', sa.DateTime(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_integrations')),
    sa.UniqueConstraint('key_hash', name=op.f('uq_integrations_key_hash')),
    sa.UniqueConstraint('name', name=op.f('uq_integrations_name'))
    )


def _backfill_doc_ids() -> None:
    """Earlier `document.posted` events get their document id (the payload's `id`)."""
    conn = op.get_bind()
    rows = conn.execute(sa.text("SELECT id, payload FROM events "
                                "WHERE event_type = 'document.posted'")).all()
    updates = []
    for event_id, payload in rows:
        try:
            doc_id = json.loads(payload).get("id")
        except (ValueError, AttributeError):
            continue
        if isinstance(doc_id, str) and 0 < len(doc_id) <= 64:
            updates.append({"i": event_id, "d": doc_id})
    if updates:
        conn.execute(sa.text("UPDATE events SET doc_id = :d WHERE id = :i"), updates)


def downgrade() -> None:
    op.drop_table('integrations')
    op.drop_index('ix_webhook_deliveries_status_next_attempt_at', table_name='webhook_deliveries')
    op.drop_table('webhook_deliveries')
    op.drop_table('webhooks')
    op.drop_index(op.f('ix_transfers_to_store_id'), table_name='transfers')
    op.drop_table('transfers')
    op.drop_index('ix_events_store_id_doc_id', table_name='events')
    with op.batch_alter_table('events') as batch:
        batch.drop_column('doc_id')
