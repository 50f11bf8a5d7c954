"""Posted documents and ledger rows cannot be changed, even with plain SQL."""
from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from app.persistence.schema import IMMUTABLE_TRIGGERS

SETUP = [
    "INSERT INTO units(id, name, is_weighed) VALUES (900, '测试', 0)",
    "INSERT INTO products(id, sku, name, pinyin, spec, unit_id, tax_rate_bp, retail_price_fen, "
    "member_price_fen, wholesale_price_fen, purchase_price_fen, freight_fen, packaging_fen, "
    "storage_rate_bp, min_stock_milli, max_stock_milli, is_stock_tracked, costing, active, "
    "created_at) VALUES (1, 'P1', '可乐', 'kl', '', 900, 1300, 350, 330, 300, 200, 0, 0, 0, 0, 0, "
    "1, 'fifo', 1, '2026-11-22 00:00:00')",
    "INSERT INTO documents(id, uuid, body_hash, doc_type, status, store_id, warehouse_id, "
    "total_fen, note, terminal_id, business_date, created_at) VALUES (1, 'd1', 'h', 'sale', "
    "'draft', 1, 1, 350, '', 't', '2026-11-22', '2026-11-22 00:00:00')",
    "INSERT INTO document_lines(id, document_id, line_no, product_id, qty_milli, unit_price_fen, "
    "unit_cost_fen, discount_fen, amount_fen, tax_rate_bp, landed_fen, cogs_fen, batch, reason, "
    "price_confirmed) VALUES (1, 1, 1, 1, 1000, 350, 0, 0, 350, 1300, 0, 200, '', '', 0)",
    "INSERT INTO cost_layers(id, warehouse_id, product_id, batch, received_seq, is_average, "
    "qty_left, value_left) VALUES (1, 1, 1, '', 1, 0, 0, 0)",
    "INSERT INTO stock_moves(id, document_id, line_id, store_id, warehouse_id, product_id, "
    "layer_id, batch, qty_milli, value_fen, terminal_id, terminal_seq, occurred_at, recorded_at) "
    "VALUES (1, 1, 1, 1, 1, 1, 1, '', -1000, -200, 't', 1, '2026-11-22', '2026-11-22')",
    "INSERT INTO vouchers(id, document_id, created_at) VALUES (1, 1, '2026-11-22')",
    "INSERT INTO voucher_lines(id, voucher_id, account, debit_fen, credit_fen) "
    "VALUES (1, 1, '1001', 350, 0)",
    "INSERT INTO audit_log(id, terminal_id, seq, at, action, target, detail, prev_hash, hash) "
    "VALUES (1, 't', 1, '2026-11-22', 'post', 'd1', '{}', '0', 'h1')",
    "INSERT INTO outbox(id, event_uuid, event_type, terminal_id, terminal_seq, payload, "
    "created_at) VALUES (1, 'e1', 'document.posted', 't', 1, '{}', '2026-11-22')",
    "UPDATE documents SET status = 'posted', number = 'XS-1' WHERE id = 1",
]

REFUSED = [
    "UPDATE stock_moves SET qty_milli = 0", "DELETE FROM stock_moves",
    "UPDATE vouchers SET created_at = '2020-01-01'", "DELETE FROM vouchers",
    "UPDATE voucher_lines SET debit_fen = 1", "DELETE FROM voucher_lines",
    "UPDATE audit_log SET action = 'x'", "DELETE FROM audit_log",
    "UPDATE documents SET total_fen = 1", "DELETE FROM documents",
    "UPDATE document_lines SET qty_milli = 1", "DELETE FROM document_lines",
    "INSERT INTO document_lines(document_id, line_no, product_id, qty_milli, unit_price_fen, "
    "unit_cost_fen, discount_fen, amount_fen, tax_rate_bp, landed_fen, cogs_fen, batch, reason, "
    "price_confirmed) VALUES (1, 2, 1, 1000, 1, 0, 0, 1, 0, 0, 0, '', '', 0)",
    "INSERT INTO document_payments(document_id, method, amount_fen, reference) "
    "VALUES (1, 'cash', 1, '')",
    "UPDATE outbox SET payload = 'changed'", "DELETE FROM outbox",
]


@pytest.fixture
def posted(new_store):
    with new_store.engine.begin() as conn:
        for statement in SETUP:
            conn.execute(text(statement))
    return new_store


@pytest.mark.parametrize("statement", REFUSED)
def test_refused(posted, statement):
    with pytest.raises(IntegrityError):
        with posted.engine.begin() as conn:
            conn.execute(text(statement))


def test_outbox_acknowledgement_is_the_one_allowed_change(posted):
    with posted.engine.begin() as conn:
        conn.execute(text("UPDATE outbox SET sent_at = '2026-11-22 10:00:00'"))
        assert conn.execute(text("SELECT sent_at FROM outbox")).scalar() is not None


def test_migration_froze_the_same_triggers(posted):
    with posted.engine.connect() as conn:
        names = set(conn.execute(text("SELECT name FROM sqlite_master WHERE type = 'trigger'"))
                    .scalars())
    assert len(names) == len(IMMUTABLE_TRIGGERS)
    assert {t.split()[2] for t in IMMUTABLE_TRIGGERS} == names
