"""Cost of goods sold and gross profit beside head office's sales figures, at the final
cost where the costing authority computed it (cost.py), else the terminal's provisional
cost. Each row says which: `cost` is `final` (every line of it final), `provisional`
(none), `mixed`, or `none` (the terminals sent no line facts: versions before the costing
authority). Gross profit is the amount as sold (VAT included, as `amount_fen`) less COGS.
"""
from __future__ import annotations

from collections import defaultdict
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.money import format_money
from headoffice.cost_replay import FINAL, NOT_STOCK
from headoffice.models import CostLine

SIGN = {"sale": 1, "customer_return": -1}


def _kind(final: int, provisional: int) -> str:
    if not provisional:
        return "final"
    return "provisional" if not final else "mixed"


def with_cost(s: Session, store_id: int, day_from: date, day_to: date, out: dict) -> dict:
    cells: dict = defaultdict(lambda: [0, 0, 0])  # cogs, final lines, provisional lines
    for day, sku, kind, final, provisional, state in s.execute(
            select(CostLine.day, CostLine.sku, CostLine.doc_type, CostLine.final_fen,
                   CostLine.provisional_fen, CostLine.state)
            .where(CostLine.store_id == store_id, CostLine.day >= day_from,
                   CostLine.day <= day_to, CostLine.doc_type.in_(list(SIGN)))):
        cell = cells[(day.isoformat(), sku)]
        is_final = state in (FINAL, NOT_STOCK)
        cell[0] += SIGN[kind] * (final if state == FINAL and final is not None else provisional)
        cell[1 if is_final else 2] += 1
    totals = {"cogs": 0, "final": 0, "provisional": 0, "none": 0}
    for row in out["rows"]:
        cell = cells.get((row["day"], row["sku"]))
        if cell is None:
            row.update(cost="none", cogs_fen=None, gross_profit_fen=None)
            totals["none"] += 1
            continue
        row.update(cost=_kind(cell[1], cell[2]), cogs_fen=cell[0],
                   cogs=format_money(cell[0]), gross_profit_fen=row["amount_fen"] - cell[0],
                   gross_profit=format_money(row["amount_fen"] - cell[0]))
        totals["cogs"] += cell[0]
        totals["final"] += cell[1]
        totals["provisional"] += cell[2]
    costed = [r for r in out["rows"] if r["cost"] != "none"]
    kinds = {r["cost"] for r in costed}
    out["cost"] = "none" if not costed else kinds.pop() if len(kinds) == 1 else "mixed"
    out["cogs_fen"] = totals["cogs"]
    out["cogs"] = format_money(totals["cogs"])
    out["gross_profit_fen"] = sum(r["amount_fen"] for r in costed) - totals["cogs"]
    out["gross_profit"] = format_money(out["gross_profit_fen"])
    return out
