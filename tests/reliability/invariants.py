"""What "never loses a sale, never counts one twice" means, as checks on a store's tables.

Each function returns a list of problems (empty when the store is sound), so a test can
show all of them at once. They read the tables directly, independently of `jxc verify`
(which the tests run as well), and look for what verify does not: half-written documents,
orphan rows, and gaps in numbers and per-terminal sequences.
"""
from __future__ import annotations

import json
from collections import defaultdict

from sqlalchemy import text

# Rows that belong to a document: (table, column naming the document's id).
CHILD_TABLES = (("document_lines", "document_id"), ("stock_moves", "document_id"),
                ("document_payments", "document_id"), ("vouchers", "document_id"))
COUNTED = ("documents", "document_lines", "document_payments", "stock_moves", "cost_layers",
           "stock_balances", "vouchers", "voucher_lines", "audit_log", "outbox", "products",
           "product_barcodes", "customers", "categories", "brands", "units")


def _rows(conn, sql: str, **params) -> list:
    return list(conn.execute(text(sql), params))


def table_counts(store) -> dict[str, int]:
    """Row count of every table a posting or an import writes: equal counts before and
    after a refused request mean it wrote nothing (tables are append-mostly)."""
    with store.engine.connect() as conn:
        return {t: conn.execute(text(f"SELECT count(*) FROM {t}")).scalar() for t in COUNTED}


def fingerprint(store) -> dict[str, object]:
    """Counts plus the mutable projections' contents: a refused request changes none."""
    with store.engine.connect() as conn:
        balances = _rows(conn, "SELECT warehouse_id, product_id, qty_milli, value_fen "
                               "FROM stock_balances ORDER BY 1, 2")
        layers = _rows(conn, "SELECT id, qty_left, value_left FROM cost_layers ORDER BY id")
        products = _rows(conn, "SELECT id, sku, name, retail_price_fen FROM products ORDER BY id")
    return {"counts": table_counts(store), "balances": [tuple(r) for r in balances],
            "layers": [tuple(r) for r in layers], "products": [tuple(r) for r in products]}


def documents_complete(store) -> list[str]:
    """Every document is posted and whole (lines, moves, voucher, payments for sales, one
    audit entry, one outbox event); no row of any kind belongs to a missing document."""
    problems = []
    with store.engine.connect() as conn:
        docs = {r.id: r for r in _rows(conn, "SELECT id, uuid, doc_type, status, number "
                                             "FROM documents")}
        for table, column in CHILD_TABLES:
            per_doc = dict(_rows(conn, f"SELECT {column}, count(*) FROM {table} GROUP BY 1"))
            problems += [f"{table}: {n} rows of missing document {d}"
                         for d, n in per_doc.items() if d not in docs]
            for d, doc in docs.items():
                needed = table != "document_payments" or doc.doc_type == "sale"
                if needed and not per_doc.get(d):
                    problems.append(f"document {doc.uuid} has no {table} rows")
        vlines = dict(_rows(conn, "SELECT voucher_id, count(*) FROM voucher_lines GROUP BY 1"))
        for (vid,) in _rows(conn, "SELECT id FROM vouchers"):
            if vlines.get(vid, 0) < 2:
                problems.append(f"voucher {vid} has {vlines.get(vid, 0)} lines")
        audits = defaultdict(int)
        for (target,) in _rows(conn, "SELECT target FROM audit_log WHERE action='document.post'"):
            audits[target] += 1
        events = defaultdict(int)
        for (payload,) in _rows(conn, "SELECT payload FROM outbox "
                                      "WHERE event_type='document.posted'"):
            events[json.loads(payload)["id"]] += 1
    uuids = {doc.uuid for doc in docs.values()}
    for doc in docs.values():
        if doc.status != "posted" or not doc.number:
            problems.append(f"document {doc.uuid} is {doc.status} with number {doc.number}")
        if audits.get(doc.uuid) != 1 or events.get(doc.uuid) != 1:
            problems.append(f"document {doc.uuid}: {audits.get(doc.uuid, 0)} audit entries, "
                            f"{events.get(doc.uuid, 0)} outbox events (want 1 and 1)")
    problems += [f"audit entry for missing document {u}" for u in audits if u not in uuids]
    problems += [f"outbox event for missing document {u}" for u in events if u not in uuids]
    return problems


def gap_free(store) -> list[str]:
    """Document numbers 0001..n per type and day; audit, outbox and ledger sequences 1..n
    per terminal."""
    problems = []
    with store.engine.connect() as conn:
        series = defaultdict(list)
        for (number,) in _rows(conn, "SELECT number FROM documents WHERE number IS NOT NULL"):
            prefix, _, n = number.rpartition("-")
            series[prefix].append(int(n))
        for prefix, ns in series.items():
            if sorted(ns) != list(range(1, len(ns) + 1)):
                problems.append(f"numbers {prefix}-*: {_describe_gaps(ns)}")
        for table, column in (("audit_log", "seq"), ("outbox", "terminal_seq"),
                              ("stock_moves", "terminal_seq")):
            per_terminal = defaultdict(list)
            for terminal, seq in _rows(conn, f"SELECT terminal_id, {column} FROM {table}"):
                per_terminal[terminal].append(seq)
            for terminal, seqs in per_terminal.items():
                if sorted(seqs) != list(range(1, len(seqs) + 1)):
                    problems.append(f"{table}.{column} of terminal {terminal}: "
                                    f"{_describe_gaps(seqs)}")
    return problems


def _describe_gaps(values: list[int]) -> str:
    have = sorted(values)
    missing = sorted(set(range(1, max(have) + 1)) - set(have))[:10]
    dupes = sorted({v for v in have if have.count(v) > 1})[:10]
    return f"{len(have)} values, missing {missing}, duplicated {dupes}"


def posted_ids(store, doc_type: str = "sale") -> dict[str, str]:
    """uuid -> number of every posted document of a type."""
    with store.engine.connect() as conn:
        return dict(_rows(conn, "SELECT uuid, number FROM documents WHERE doc_type = :t "
                                "AND status = 'posted'", t=doc_type))


def on_hand_milli(store) -> dict[str, int]:
    """sku -> quantity on hand in MAIN, from the ledger itself (sum of moves)."""
    with store.engine.connect() as conn:
        return dict(_rows(conn, "SELECT p.sku, sum(m.qty_milli) FROM stock_moves m "
                                "JOIN products p ON p.id = m.product_id GROUP BY p.sku"))
