"""Reports on three years of a 20-till chain (issue 8 item 7): opt-in benchmarks.

The dataset is written straight into the tables in bulk (documents, lines, ledger moves,
payments, balances, then the daily summary rebuilt from the lines with the definition
posting keeps it by), because posting ten million ledger rows one sale at a time would
take hours; it has the shape of posted history (4 stores x 5 tills, a sale per ticket with
5 lines, one ledger move per line, an opening stock per store) but no vouchers or audit
rows, which no report reads. `--scale small` is a reduced form (1 ticket per till and day,
~110,000 ledger rows); `full` is 92 tickets per till and day (~10,000,000 ledger rows).

    python -m bench.reports_cases --scale small [--json FILE]

Targets (issue 8): monthly gross profit by SKU <= 2 s, stock as of any date <= 0.5 s,
dashboard open <= 1 s.
"""
from __future__ import annotations

import argparse
import json
import random
import shutil
import time
from datetime import date, datetime, timedelta
from pathlib import Path

from bench.datasets import DEFAULT_CACHE, FileKeyStore
from bench.report import Result, line

END = date(2026, 11, 30)
START = END - timedelta(days=3 * 365)
STORES, TILLS, LINES = 4, 5, 5
SCALES = {"small": {"products": 2_000, "tickets": 1}, "full": {"products": 20_000, "tickets": 92}}
VERSION = 1


def chain_dataset(scale: str, cache: Path = DEFAULT_CACHE, echo=print):
    """(layout, keys) of the cached chain store of this scale, built first if missing."""
    from app.persistence.layout import DataDir

    folder = cache / f"chain-{scale}-v{VERSION}"
    keys, layout = FileKeyStore(folder / "key.json"), DataDir(folder / "store")
    if (folder / "done.json").exists():
        return layout, keys
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    started = time.perf_counter()
    rows = _build(layout, keys, SCALES[scale], echo)
    (folder / "done.json").write_text(json.dumps({"moves": rows, "seconds": round(
        time.perf_counter() - started, 1)}))
    return layout, keys


def _build(layout, keys, size: dict, echo) -> int:
    from app.services.demo import populate_demo
    from app.services.setup import initialize_store

    store = initialize_store(layout, keys, "BENCH", "连锁基准店", "bench-password")
    try:
        populate_demo(store, products=size["products"], days=0, seed=7)
        raw = store.engine.raw_connection()
        try:
            conn = raw.driver_connection
            conn.execute("PRAGMA cache_size = -262144")
            moves = _history(conn, size["tickets"], echo)
        finally:
            raw.close()
    finally:
        store.close()
    return moves


def _stores(conn) -> list[tuple[int, int]]:
    """(store id, warehouse id) of the chain's four stores (the local one first)."""
    local = conn.execute("SELECT s.id, w.id FROM stores s JOIN warehouses w ON w.store_id = s.id "
                         "AND w.code = 'MAIN' WHERE s.is_local").fetchone()
    found = [tuple(local)]
    for n in range(2, STORES + 1):
        sid = conn.execute("INSERT INTO stores (uuid, code, name, is_local, created_at) VALUES "
                           "(?, ?, ?, 0, ?)", (f"00000000-0000-4000-8000-00000000000{n}",
                                               f"S00{n}", f"分店{n}", "2023-01-01 00:00:00")
                           ).lastrowid
        wid = conn.execute("INSERT INTO warehouses (store_id, code, name, is_in_transit) VALUES "
                           "(?, 'MAIN', '主仓库', 0)", (sid,)).lastrowid
        found.append((sid, wid))
    return found


class _Writer:
    """Buffers rows per table and writes them with executemany in large batches."""

    SQL = {
        "doc": "INSERT INTO documents (id, uuid, body_hash, doc_type, status, number, store_id, "
               "warehouse_id, total_fen, note, body_json, terminal_id, business_date, "
               "created_at, posted_at) VALUES (?, ?, '', ?, 'draft', ?, ?, ?, ?, '', '', ?, ?, "
               "?, ?)",
        "line": "INSERT INTO document_lines (id, document_id, line_no, product_id, qty_milli, "
                "unit_price_fen, unit_cost_fen, discount_fen, amount_fen, tax_rate_bp, "
                "landed_fen, cogs_fen, batch, reason, price_confirmed, negative_stock) VALUES "
                "(?, ?, ?, ?, ?, ?, ?, 0, ?, ?, 0, ?, '', '', 0, 0)",
        "move": "INSERT INTO stock_moves (document_id, line_id, store_id, warehouse_id, "
                "product_id, batch, qty_milli, value_fen, kind, terminal_id, terminal_seq, "
                "occurred_at, recorded_at) VALUES (?, ?, ?, ?, ?, '', ?, ?, '', ?, ?, ?, ?)",
        "pay": "INSERT INTO document_payments (document_id, method, amount_fen, reference) "
               "VALUES (?, ?, ?, '')",
    }

    def __init__(self, conn) -> None:
        self.conn, self.rows, self.moves = conn, {k: [] for k in self.SQL}, 0
        self.doc_id = conn.execute("SELECT coalesce(max(id), 0) FROM documents").fetchone()[0]
        self.line_id = conn.execute("SELECT coalesce(max(id), 0) FROM document_lines").fetchone()[0]
        self.seq: dict[str, int] = {}

    def document(self, kind: str, number: str, store: tuple[int, int], till: str, day: date,
                 lines: list[tuple[int, int, int, int, int]], sign: int) -> None:
        """lines: (product, qty_milli, unit price, unit cost, tax rate)."""
        self.doc_id += 1
        at = f"{day.isoformat()} 10:00:00.000000"
        total = sum(q * p // 1000 for _, q, p, _, _ in lines)
        self.rows["doc"].append((self.doc_id, f"bench-{self.doc_id}", kind, number, store[0],
                                 store[1], total, till, day.isoformat(), at, at))
        for n, (product, qty, price, cost, tax) in enumerate(lines, 1):
            self.line_id += 1
            cogs = qty * cost // 1000
            self.rows["line"].append((self.line_id, self.doc_id, n, product, qty, price, cost,
                                      qty * price // 1000, tax, cogs))
            seq = self.seq[till] = self.seq.get(till, 0) + 1
            self.rows["move"].append((self.doc_id, self.line_id, store[0], store[1], product,
                                      sign * qty, sign * cogs, till, seq, at, at))
        if kind == "sale":
            self.rows["pay"].append((self.doc_id, "cash", total))
        if len(self.rows["move"]) >= 200_000:
            self.flush()

    def flush(self) -> None:
        self.conn.execute("BEGIN")
        for name, rows in self.rows.items():
            if rows:
                self.conn.executemany(self.SQL[name], rows)
                self.moves += len(rows) if name == "move" else 0
                rows.clear()
        # as posting does: the lines are written while the document is a draft
        self.conn.execute("UPDATE documents SET status = 'posted' WHERE status = 'draft'")
        self.conn.execute("COMMIT")


def _history(conn, tickets: int, echo) -> int:
    from app.services.reports.summary import REBUILD

    conn.execute("BEGIN")
    stores = _stores(conn)
    conn.execute("COMMIT")
    products = conn.execute("SELECT id, retail_price_fen, tax_rate_bp FROM products WHERE "
                            "is_stock_tracked = 1 AND retail_price_fen > 0 ORDER BY id").fetchall()
    catalog = [(p, price, price * 6 // 10, tax) for p, price, tax in products]
    w, rnd = _Writer(conn), random.Random(11)
    for n, store in enumerate(stores):
        w.document("opening_stock", f"QC-{n}", store, f"till-{n}-0", START,
                   [(p, 10_000_000, 0, cost, tax) for p, _, cost, tax in catalog], 1)
    weights = [1 / (i + 1) for i in range(len(catalog))]  # a few products sell most
    days = (END - START).days + 1
    for d in range(1, days):
        day = START + timedelta(days=d)
        for s, store in enumerate(stores):
            for t in range(TILLS):
                till = f"till-{s}-{t}"
                for k in range(tickets):
                    picked = rnd.choices(catalog, weights, k=LINES)
                    w.document("sale", f"XS-{s}{t}-{day:%Y%m%d}-{k:04d}", store, till, day,
                               [(p, 1000 * rnd.randint(1, 3), price, cost, tax)
                                for p, price, cost, tax in picked], -1)
        if d % 90 == 0:
            echo(f"  history: {day} ({w.moves + len(w.rows['move']):,} ledger rows)")
    w.flush()
    conn.execute("BEGIN")
    conn.execute("DELETE FROM stock_balances")
    conn.execute("INSERT INTO stock_balances (warehouse_id, product_id, qty_milli, value_fen) "
                 "SELECT warehouse_id, product_id, sum(qty_milli), sum(value_fen) FROM "
                 "stock_moves GROUP BY warehouse_id, product_id")
    conn.execute("DELETE FROM daily_sales")
    conn.execute(REBUILD)
    conn.execute("COMMIT")
    return w.moves


def _timed(fn, rounds: int = 3) -> float:
    best = None
    for _ in range(rounds):
        t = time.perf_counter()
        fn()
        spent = time.perf_counter() - t
        best = spent if best is None else min(best, spent)
    return best


def run(scale: str, cache: Path = DEFAULT_CACHE, echo=print) -> list[Result]:
    from app.persistence.store import open_store
    from app.services.records import Actor
    from app.services.reports import sales_core
    from app.services.reports.common import reading
    from app.services.reports.dashboard import dashboard
    from app.services.reports.filters import ReportFilter
    from app.services.reports.profit import gross_profit
    from app.services.reports.stock import stock_valuation

    layout, keys = chain_dataset(scale, cache, echo)
    store = open_store(layout, keys)
    actor = Actor(None, "bench", "admin")
    month = ReportFilter(date(2026, 10, 1), date(2026, 10, 31))
    try:
        with store.engine.connect() as conn:
            moves = conn.exec_driver_sql("SELECT count(*) FROM stock_moves").scalar()
        detail = {"ledger_rows": moves}
        profit = _timed(lambda: gross_profit(store, month, actor=actor))

        def scanned():
            with reading(store, month) as (s, r):
                sales_core.scan(s, r, "product")

        detail_profit = detail | {"line_scan_s": round(_timed(scanned, 1), 3)}
        as_of = _timed(lambda: stock_valuation(store, ReportFilter(date(2025, 6, 30),
                                                                   date(2025, 6, 30)), actor=actor))
        board = _timed(lambda: dashboard(store, actor=actor, today=END))
    finally:
        store.close()
    return [Result("report_gross_profit_month", round(profit, 3), "s", 2.0, detail=detail_profit),
            Result("report_stock_as_of", round(as_of, 3), "s", 0.5, detail=detail),
            Result("report_dashboard_open", round(board, 3), "s", 1.0, detail=detail)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", choices=sorted(SCALES), default="small")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    results = run(args.scale)
    for result in results:
        print(line(result))
    if args.json:
        args.json.write_text(json.dumps([r.__dict__ for r in results], indent=2))
    return 0 if all(r.ok for r in results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
