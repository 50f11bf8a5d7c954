"""Independent figures for the report tests: raw rows read with plain SQL (no grouping),
summed in Python with the posting's own VAT split. Nothing here shares code with
app/services/reports."""
from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime

from sqlalchemy import text

from app.domain.vouchers import split_vat
from app.persistence.uow import UnitOfWork

SALES_SQL = """
SELECT d.id, d.doc_type, d.business_date, d.user_id, d.customer_id, d.original_id,
       l.product_id, p.sku, p.category_id, p.supplier_id, l.qty_milli, l.amount_fen,
       l.discount_fen, l.tax_rate_bp, l.cogs_fen
FROM document_lines l JOIN documents d ON d.id = l.document_id
JOIN products p ON p.id = l.product_id
WHERE d.status = 'posted' AND d.doc_type IN ('sale', 'customer_return')
"""


def _rows(store, sql: str, **params) -> list[dict]:
    with UnitOfWork(store.engine, write=False) as uow:
        return [dict(r._mapping) for r in uow.session.execute(text(sql), params)]


def sales_lines(store) -> list[dict]:
    rows = _rows(store, SALES_SQL)
    customer_of = {r["id"]: r["customer_id"] for r in rows}
    for r in rows:
        r["day"] = date.fromisoformat(str(r["business_date"]))
        r["sign"] = -1 if r["doc_type"] == "customer_return" else 1
        r["buyer"] = r["customer_id"] if r["customer_id"] is not None \
            else customer_of.get(r["original_id"])
        r["net"] = split_vat(r["amount_fen"], r["tax_rate_bp"])[0]
    return rows


def summed(lines: list[dict], start: date, end: date, key) -> dict:
    """key(row) -> the sales measures, with returns netted off."""
    out: dict = defaultdict(lambda: defaultdict(int))
    tickets: dict = defaultdict(set)
    for r in lines:
        if not start <= r["day"] <= end:
            continue
        k, s = key(r), r["sign"]
        m = out[k]
        m["qty"] += s * r["qty_milli"]
        m["gross"] += r["amount_fen"] if s > 0 else 0
        m["returns"] += r["amount_fen"] if s < 0 else 0
        m["discount"] += r["discount_fen"] if s > 0 else 0
        m["revenue"] += s * r["net"]
        m["cogs"] += s * r["cogs_fen"]
        if s > 0:
            tickets[k].add(r["id"])
    for k, m in out.items():
        m["net_sales"] = m["gross"] - m["returns"]
        m["profit"] = m["revenue"] - m["cogs"]
        m["tickets"] = len(tickets[k])
    return {k: dict(v) for k, v in out.items()}


def voucher_sums(store, start: date, end: date) -> dict[str, int]:
    """Debit minus credit per account over the vouchers of sales and returns."""
    rows = _rows(store, """
        SELECT v.account, v.debit_fen, v.credit_fen FROM voucher_lines v
        JOIN vouchers h ON h.id = v.voucher_id JOIN documents d ON d.id = h.document_id
        WHERE d.doc_type IN ('sale', 'customer_return') AND d.status = 'posted'
          AND d.business_date BETWEEN :a AND :b""", a=start.isoformat(), b=end.isoformat())
    out: dict = defaultdict(int)
    for r in rows:
        out[r["account"]] += r["debit_fen"] - r["credit_fen"]
    return dict(out)


def ledger_at(store, before_utc) -> dict[tuple[str, str], tuple[int, int]]:
    """(sku, warehouse) -> (qty, value) summed from every ledger row before the instant."""
    rows = _rows(store, """
        SELECT p.sku, w.code, m.qty_milli, m.value_fen, m.occurred_at FROM stock_moves m
        JOIN products p ON p.id = m.product_id JOIN warehouses w ON w.id = m.warehouse_id""")
    out: dict = defaultdict(lambda: [0, 0])
    for r in rows:
        if datetime.fromisoformat(str(r["occurred_at"])) < before_utc:
            out[(r["sku"], r["code"])][0] += r["qty_milli"]
            out[(r["sku"], r["code"])][1] += r["value_fen"]
    return {k: tuple(v) for k, v in out.items() if v != [0, 0]}


def ids(store, table: str, column: str) -> dict:
    return {r[column]: r["id"] for r in _rows(store, f"SELECT id, {column} FROM {table}")}


def layers(store) -> list[dict]:
    return _rows(store, """
        SELECT p.sku, w.code AS warehouse, c.batch, c.expiry, c.qty_left, c.value_left
        FROM cost_layers c JOIN products p ON p.id = c.product_id
        JOIN warehouses w ON w.id = c.warehouse_id WHERE c.qty_left > 0""")
