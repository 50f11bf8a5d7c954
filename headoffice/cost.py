"""The costing authority: head office's final cost per document line of a store, and the
corrections it sends back (docs/headoffice.md, "Cost: provisional and final").

- `record` (in ingest's transaction): the line facts of each counted document (the first
  copy of a document id) become `cost_lines` rows with the terminal's provisional cost.
- `recompute_store` (by the server's `Worker` every `JXC_HQ_COST_INTERVAL` seconds for
  the products with new lines, and by `jxc hq cost recompute`): replays all of the store's
  lines in the canonical order (cost_replay.py), writes the final cost
  and state of each line, and publishes a `cost` change for each line whose final cost
  differs from its provisional one and from what was published before. A newer recompute
  supersedes an older correction; a line that is provisional again after a correction is
  published back at its provisional cost. One transaction per store, under the store's
  ingest lock and the publishers' lock, so it never runs beside an ingest of that store.
"""
from __future__ import annotations

import logging
import os
import threading
import time

from sqlalchemy import Engine, insert, select, text, update
from sqlalchemy.orm import Session

from app.domain.audit import canonical_json
from headoffice import db
from headoffice.admin import store_by_code, utc_now
from headoffice.cost_replay import FINAL, DocIn, LineIn, replay
from headoffice.cost_transfers import at_sender_final, receivers
from headoffice.db import insert_for
from headoffice.models import Change, CostLine, Event, HqStore, Terminal
from headoffice.publish import STORE_EVENTS_LOCK, lock_publishers

log = logging.getLogger(__name__)
KIND = "cost"
DEFAULT_INTERVAL_S = 30


def record(s: Session, store_id: int, counted: list, docs: dict) -> int:
    """Cost lines of the counted documents that carry line facts; returns how many."""
    with_lines = [e for e in counted if docs.get(e.event_uuid) and e.facts.lines]
    if not with_lines:
        return 0
    ids = dict(s.execute(select(Event.event_uuid, Event.id).where(
        Event.event_uuid.in_([e.event_uuid for e in with_lines]))).all())
    rows = []
    for e in with_lines:
        doc = docs[e.event_uuid]
        body = doc.get("document") if isinstance(doc.get("document"), dict) else {}
        for f in e.facts.lines:
            rows.append({"store_id": store_id, "event_id": ids[e.event_uuid],
                         "doc_id": doc["id"], "doc_type": str(body.get("type") or "")[:24],
                         "line_no": f.line, "sku": f.sku, "warehouse": f.warehouse,
                         "qty_milli": f.qty_milli, "method": f.method, "batch": f.batch,
                         "expiry": f.expiry, "day": f.day, "in_fen": f.in_fen,
                         "provisional_fen": f.cogs_fen, "original": f.original,
                         "original_line": f.original_line, "state": ""})
    stmt = insert_for(s)(CostLine).on_conflict_do_nothing(
        index_elements=["store_id", "doc_id", "line_no"])
    s.execute(stmt, rows)
    return len(rows)


def recompute(engine: Engine, store_code: str | None = None) -> list[dict]:
    """Recompute one store, or every store; one summary per store."""
    codes = [store_code] if store_code else db.read(
        engine, lambda s: list(s.scalars(select(HqStore.code).order_by(HqStore.code))))
    out = []
    for code in codes:
        store_id = db.read(engine, lambda s: store_by_code(s, code).id)
        out.append(recompute_store(engine, store_id))
    return out


def recompute_store(engine: Engine, store_id: int, by: str = "cost",
                    skus: set[str] | None = None, depth: int = 0) -> dict:
    """Replay the store, or only these products: a product's costs depend on its own
    lines only (a return and a transfer's receipt name lines of the same product), so
    replaying the products a batch touched gives what a full replay would."""
    summary = db.write(engine, lambda s: _recompute(s, store_id, by, skus))
    for receiver, products in summary.pop("_follow").items():  # transfers between stores
        if depth < 3:  # a chain of transfers back and forth settles within a few rounds
            recompute_store(engine, receiver, by, products, depth + 1)
    return summary


def dirty(engine: Engine) -> dict[int, set[str]]:
    """{store id: products} with lines not costed yet (state "": recorded by ingest)."""
    found: dict[int, set[str]] = {}
    for store_id, sku in db.read(engine, lambda s: s.execute(
            select(CostLine.store_id, CostLine.sku).where(CostLine.state == "")
            .distinct()).all()):
        found.setdefault(store_id, set()).add(sku)
    return found


def recompute_dirty(engine: Engine, by: str = "cost") -> list[dict]:
    """Replay the products that have new lines, store by store (what the worker runs)."""
    return [recompute_store(engine, store_id, by=by, skus=skus)
            for store_id, skus in sorted(dirty(engine).items())]


class Worker:
    """Recomputes what ingest left uncosted every `interval` seconds, on a daemon thread
    of each server worker. Not in the upload itself: a batch would replay the whole
    history of every product it names, so uploads would slow down as the history grows
    (10,000 sales drained in 14 s instead of 3 s). Two workers may replay the same
    products; the replay is deterministic and publishes only what was not published."""

    def __init__(self, engine: Engine, interval: float) -> None:
        self.engine, self.interval = engine, interval
        self._stop = threading.Event()
        self.thread = threading.Thread(target=self._run, name="jxc-cost", daemon=True)

    @classmethod
    def from_env(cls, engine: Engine) -> "Worker | None":
        """`JXC_HQ_COST_INTERVAL`: seconds between rounds (default 30), `off` for none."""
        value = os.environ.get("JXC_HQ_COST_INTERVAL", str(DEFAULT_INTERVAL_S))
        return None if value == "off" else cls(engine, max(float(value), 0.1))

    def start(self) -> "Worker":
        self.thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self.thread.join(10)

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            try:
                recompute_dirty(self.engine, by="worker")
            except Exception:  # noqa: BLE001 - logged whole; the next round retries
                log.exception("cost recompute failed")


def _recompute(s: Session, store_id: int, by: str, skus: set[str] | None) -> dict:
    started = time.perf_counter()
    if s.bind.dialect.name == "postgresql":
        s.execute(text("SELECT pg_advisory_xact_lock(:a, :b)"),
                  {"a": STORE_EVENTS_LOCK, "b": store_id})
    query = (select(CostLine, Event.created_at, Event.seq, Terminal.uuid)
             .join(Event, Event.id == CostLine.event_id)
             .join(Terminal, Terminal.id == Event.terminal_id)
             .where(CostLine.store_id == store_id))
    if skus is None:
        rows = s.execute(query).all()
    else:
        wanted_skus = sorted(skus)
        rows = [r for i in range(0, len(wanted_skus), 500) for r in s.execute(
            query.where(CostLine.sku.in_(wanted_skus[i:i + 500])))]
    rows.sort(key=lambda r: (r[0].doc_id, r[0].line_no))
    docs, by_key = _documents(rows, _earliest_copies(s, store_id, {r[0].doc_id for r in rows}))
    by_key_id = {r.id: r.doc_id for r in by_key.values() if r.doc_type == "transfer_out"}
    result = replay(at_sender_final(s, store_id, docs))
    now = utc_now()
    changed = []
    for key, (final, state) in result.costs.items():
        row = by_key[key]
        if row.final_fen != final or row.state != state[:60]:
            changed.append({"id": row.id, "final_fen": final, "state": state[:60],
                            "computed_at": now})
    if changed:
        s.execute(update(CostLine), changed)
    moved = {by_key_id[c["id"]] for c in changed if c["id"] in by_key_id}
    published = _publish(s, store_id, list(by_key.values()), result.costs, now, by)
    code = s.scalar(select(HqStore.code).where(HqStore.id == store_id))
    return {"store": code, "products": "all" if skus is None else len(skus),
            "documents": len(docs), "lines": len(rows),
            "final_lines": sum(1 for _, st in result.costs.values() if st == FINAL),
            "changed": len(changed), "published": published,
            "stock": [{"warehouse": wh, "sku": sku, "qty_milli": sum(l.qty_milli for l in ls),
                       "value_fen": sum(l.value_fen for l in ls)}
                      for (wh, sku), ls in sorted(result.layers.items()) if ls],
            "seconds": round(time.perf_counter() - started, 3),
            "_follow": receivers(s, store_id, moved) if moved else {}}


def _earliest_copies(s: Session, store_id: int, doc_ids: set[str]) -> dict[str, tuple]:
    """{document id: (created_at, terminal uuid, seq)} of its earliest event among all the
    copies head office has (several terminals may post one inbound document): a
    document's place in the canonical order does not depend on which copy came first."""
    found: dict[str, tuple] = {}
    ids = sorted(doc_ids)
    for i in range(0, len(ids), 500):
        for doc_id, created_at, terminal, seq in s.execute(
                select(Event.doc_id, Event.created_at, Terminal.uuid, Event.seq)
                .join(Terminal, Terminal.id == Event.terminal_id)
                .where(Event.store_id == store_id, Event.doc_id.in_(ids[i:i + 500]))):
            key = (created_at, terminal, seq)
            if doc_id not in found or key < found[doc_id]:
                found[doc_id] = key
    return found


def _documents(rows, earliest: dict[str, tuple]) -> tuple[list[DocIn], dict]:
    grouped: dict[str, list] = {}
    by_key = {}
    for row, created_at, seq, terminal in rows:
        created_at, terminal, seq = earliest.get(row.doc_id, (created_at, terminal, seq))
        grouped.setdefault(row.doc_id, [row, created_at, seq, terminal, []])[4].append(row)
        by_key[(row.doc_id, row.line_no)] = row
    docs = [DocIn(doc_id, first.doc_type, created_at, terminal, seq, tuple(
        LineIn(r.line_no, r.sku, r.warehouse, r.qty_milli, r.method, r.provisional_fen,
               r.in_fen, r.batch, r.expiry, r.day, r.original, r.original_line)
        for r in lines)) for doc_id, (first, created_at, seq, terminal, lines)
        in grouped.items()]
    return docs, by_key


def wanted(provisional: int, final: int | None, state: str, published: int | None) -> int | None:
    """The correction this line needs now (a final cost to publish), or None."""
    target = final if state == FINAL and final is not None and final != provisional else None
    if target is None and published is not None:
        target = provisional  # back to the provisional cost: supersede the old correction
    return None if target is None or target == published else target


def _publish(s: Session, store_id: int, rows: list[CostLine], costs: dict, now,
             by: str) -> int:
    out = []
    for row in sorted(rows, key=lambda r: (r.doc_id, r.line_no)):
        final, state = costs[(row.doc_id, row.line_no)]
        target = wanted(row.provisional_fen, final, state, row.published_fen)
        if target is not None:
            out.append((row, target))
    if not out:
        return 0
    lock_publishers(s)
    s.execute(insert(Change), [
        {"store_id": store_id, "kind": KIND, "key": f"{row.doc_id}#{row.line_no}"[:64],
         "payload": canonical_json({"doc": row.doc_id, "line": row.line_no, "sku": row.sku,
                                    "provisional_fen": row.provisional_fen, "final_fen": target}),
         "published_at": now, "published_by": by} for row, target in out])
    s.execute(update(CostLine), [{"id": row.id, "published_fen": target} for row, target in out])
    return len(out)
