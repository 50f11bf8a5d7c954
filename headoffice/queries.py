"""What head office shows: per-store stock and sales from the projections, terminals'
audit flags, clocks and event counts. Amounts are decimal strings beside the integer units."""
from __future__ import annotations

from datetime import date

from sqlalchemy import Engine, Integer, cast, func, select
from sqlalchemy.orm import Session

from app.domain.money import format_money, format_quantity
from headoffice import clock, db
from headoffice.admin import store_by_code
from headoffice.cost_report import with_cost
from headoffice.models import AuditFlag, ClockEvent, Event, SalesRow, StockRow, Terminal


def stock(engine: Engine, store_code: str, sku: str | None = None) -> dict:
    def work(s: Session) -> dict:
        store = store_by_code(s, store_code)
        q = select(StockRow).where(StockRow.store_id == store.id)
        if sku:
            q = q.where(StockRow.sku == sku)
        rows = [{"sku": r.sku, "warehouse": r.warehouse, "qty": format_quantity(r.qty_milli),
                 "qty_milli": r.qty_milli, "value": format_money(r.value_fen),
                 "value_fen": r.value_fen, "updated_at": r.updated_at.isoformat()}
                for r in s.scalars(q.order_by(StockRow.sku, StockRow.warehouse))]
        return {"store": store.code, "as_of": _as_of(s, store.id), "rows": rows}

    return db.read(engine, work)


def sales(engine: Engine, store_code: str, day_from: date, day_to: date) -> dict:
    def work(s: Session) -> dict:
        store = store_by_code(s, store_code)
        q = select(SalesRow).where(SalesRow.store_id == store.id, SalesRow.day >= day_from,
                                   SalesRow.day <= day_to).order_by(SalesRow.day, SalesRow.sku)
        rows = [{"day": r.day.isoformat(), "sku": r.sku, "qty": format_quantity(r.qty_milli),
                 "qty_milli": r.qty_milli, "amount": format_money(r.amount_fen),
                 "amount_fen": r.amount_fen} for r in s.scalars(q)]
        total = sum(r["amount_fen"] for r in rows)
        out = {"store": store.code, "from": day_from.isoformat(), "to": day_to.isoformat(),
               "as_of": _as_of(s, store.id), "rows": rows, "total_fen": total,
               "total": format_money(total)}
        return with_cost(s, store.id, day_from, day_to, out)

    return db.read(engine, work)


def _as_of(s: Session, store_id: int) -> str | None:
    """The newest event received for the store: how fresh the projections are."""
    last = s.scalar(select(func.max(Event.received_at)).where(Event.store_id == store_id))
    return last.isoformat() if last else None


def events_summary(engine: Engine, store_code: str) -> dict:
    def work(s: Session) -> dict:
        store = store_by_code(s, store_code)
        per_terminal = s.execute(
            select(Terminal.name, func.count(Event.id), func.max(Event.seq),
                   func.sum(cast(Event.flagged, Integer)))
            .join(Event, Event.terminal_id == Terminal.id, isouter=True)
            .where(Terminal.store_id == store.id).group_by(Terminal.name)
            .order_by(Terminal.name)).all()
        return {"store": store.code,
                "terminals": [{"name": n, "events": c, "max_seq": m, "flagged": int(f or 0)}
                              for n, c, m, f in per_terminal]}

    return db.read(engine, work)


def audit_flags(engine: Engine, store_code: str) -> dict:
    def work(s: Session) -> dict:
        store = store_by_code(s, store_code)
        rows = s.execute(select(AuditFlag, Terminal.name).join(
            Terminal, Terminal.id == AuditFlag.terminal_id).where(Terminal.store_id == store.id)
            .order_by(AuditFlag.id)).all()
        return {"store": store.code,
                "flags": [{"terminal": name, "chain": f.chain, "kind": f.kind, "seq": f.seq,
                           "detail": f.detail, "at": f.at.isoformat()} for f, name in rows],
                **_clocks(s, store.id)}

    return db.read(engine, work)


def _clocks(s: Session, store_id: int) -> dict:
    """Each terminal's clock as last measured, and the history of skews and recoveries."""
    terminals = s.scalars(select(Terminal).where(Terminal.store_id == store_id,
                                                 Terminal.clock_checked_at.is_not(None))
                          .order_by(Terminal.name)).all()
    events = s.execute(select(ClockEvent, Terminal.name).join(
        Terminal, Terminal.id == ClockEvent.terminal_id).where(Terminal.store_id == store_id)
        .order_by(ClockEvent.id)).all()
    return {"clock": [clock.columns(t) | {"terminal": t.name} for t in terminals],
            "clock_events": [{"terminal": name, "kind": e.kind, "offset_seconds": e.offset_s,
                              "terminal_time": e.terminal_time.isoformat(),
                              "at": e.at.isoformat()} for e, name in events]}

