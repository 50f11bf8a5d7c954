"""The daily sales summary (`daily_sales`): one row per business day, store and product,
kept by the posting transaction of every sale and customer return.

`record` adds a posted document's lines with ONE statement (a multi-row upsert), so
posting pays one statement per document for it. Definitions are those of `sales_core`
(returns negative, revenue net of VAT split half-up per line, COGS stored on the line), so
a summary read gives to the fen what a scan of the document lines gives; revision 0011
filled the table from the history posted before it existed, with the same definitions.

`rebuild` recomputes the whole table from the posted documents (as `jxc verify
--repair-projection` does for balances): the summary is a projection, never the truth.
"""
from __future__ import annotations

from sqlalchemy.orm import Session

from app.persistence.ledger import db_date, run

SALE, RETURN = "sale", "customer_return"
KINDS = (SALE, RETURN)
COLUMNS = ("tickets", "return_docs", "sale_lines", "qty_milli", "gross_fen", "discount_fen",
           "returns_fen", "revenue_net_fen", "cogs_fen")
_KEY = ("business_date", "store_id", "product_id")
CHUNK = 500  # products per statement: 6,000 parameters, well below SQLite's limit


def net_of_vat(amount_fen: int, tax_rate_bp: int) -> int:
    """As posting splits a line (`split_vat`), half-up: the same formula as `sales_core`."""
    rate = 10_000 + tax_rate_bp
    return (amount_fen * 20_000 + rate) // (2 * rate)


def rows_of(doc_type: str, business_date, store_id: int, lines) -> list[tuple]:
    """The summary rows a posted document adds: per product, the values of `COLUMNS`."""
    sale = doc_type == SALE
    sign = 1 if sale else -1
    per: dict[int, list[int]] = {}
    for line in lines:
        v = per.setdefault(line.product_id, [1 if sale else 0, 0 if sale else 1,
                                             0, 0, 0, 0, 0, 0, 0])
        v[2] += 1 if sale else 0
        v[3] += sign * line.qty_milli
        v[4] += line.amount_fen if sale else 0
        v[5] += line.discount_fen if sale else 0
        v[6] += 0 if sale else line.amount_fen
        v[7] += sign * net_of_vat(line.amount_fen, line.tax_rate_bp)
        v[8] += sign * line.cogs_fen
    day = db_date(business_date)
    return [(day, store_id, product_id, *values) for product_id, values in per.items()]


def upsert_sql(count: int) -> str:
    names = _KEY + COLUMNS
    one = "(" + ", ".join("?" * len(names)) + ")"
    updates = ", ".join(f"{c} = {c} + excluded.{c}" for c in COLUMNS)
    return (f"INSERT INTO daily_sales ({', '.join(names)}) VALUES "
            f"{', '.join([one] * count)} ON CONFLICT ({', '.join(_KEY)}) DO UPDATE SET {updates}")


def record(s: Session, doc, lines) -> None:
    """Add a posted sale or customer return (a `DocDraft` and its `LineDraft`s) to the
    summary, in the posting's transaction; other documents are not sales."""
    if doc.doc_type not in KINDS:
        return
    rows = rows_of(doc.doc_type, doc.business_date, doc.store_id, lines)
    for start in range(0, len(rows), CHUNK):  # one statement unless a document is huge
        part = rows[start:start + CHUNK]
        run(s, upsert_sql(len(part)), tuple(v for row in part for v in row))


REBUILD = """
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


def rebuild(s: Session) -> int:
    """Recompute the summary from the posted documents, inside the caller's transaction."""
    run(s, "DELETE FROM daily_sales")
    run(s, REBUILD)
    return run(s, "SELECT count(*) FROM daily_sales").scalar()
