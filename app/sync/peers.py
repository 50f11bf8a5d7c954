"""Peer events: the other terminals' documents of this store (`GET /store-events`), pulled
after a cursor and applied to this terminal's own ledger, so every terminal of a store
converges on one ledger (docs/sync.md, "Peer events").

Exactly once is the document's id, not the cursor: applying goes through `post_document`,
which is idempotent by the client's id, so a page applied again after a crash (the cursor
is saved after each page) finds each document already here and changes nothing.

A peer's document posted here writes an outbox event like any posting. It must never go
back up: head office already has the peer's original (with the peer's facts and costs).
So before posting, a marker `peer.<document id>` goes into `jxc_meta` (state `posting`);
after posting, one transaction marks the outbox row sent and the marker `applied`. If the
process dies between the two, the uplink finds the marker when it reads the outbox and
settles the row then (`settle_copies`), so a peer copy is never uploaded.

What "apply" means is the composition's business (`app.services.catalog_sync
.apply_peer_event`): this package may import only the domain and the persistence layers.
"""
from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Callable

from sqlalchemy import func, select, update
from sqlalchemy.dialects.sqlite import insert

from app.persistence.schema import Meta, OutboxEvent
from app.persistence.store import LocalStore
from app.persistence.uow import UnitOfWork
from app.sync import outbox, settings
from app.sync.client import Disabled, HqClient, Rejected, Transient
from app.sync.credentials import TokenStore, entry_name
from app.sync.errors import BadFeed, HqUnreachable, SyncDisabled, TlsFailed, TokenMissing

log = logging.getLogger(__name__)
CURSOR = "store_events_cursor"
MARK = "peer."  # jxc_meta key prefix: one marker per peer document applied here
SUPPRESSED = ("posting", "applied", "pending")  # markers whose outbox copy never goes up
ApplyPeer = Callable[[dict], dict]


def utc_now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


@dataclass
class PeerReport:
    applied: int = 0  # peer documents posted here now
    present: int = 0  # already here (a replayed page, or this terminal's own)
    ignored: int = 0  # events that are not documents
    set_aside: list[dict] = field(default_factory=list)  # not applicable here, with reason
    cursor: int = 0
    requests: int = 0


@dataclass
class PeerLink:
    store: LocalStore
    tokens: TokenStore
    apply: ApplyPeer
    limit: int = 200
    timeout: float = 15.0
    clock: Callable[[], datetime] = utc_now

    def cursor(self) -> int:
        return int(settings.read_all(self.store).get(CURSOR) or 0)

    def pull(self, wait: float = 0.0) -> PeerReport:
        """Apply every peer event after the cursor; with `wait`, the first request is a
        long-poll."""
        enrolled = settings.enrollment(self.store)
        token = self.tokens.get(self.store.identity.store_uuid)
        if not token:
            raise TokenMissing(entry=entry_name(self.store.identity.store_uuid))
        report = PeerReport(cursor=self.cursor())
        with HqClient(enrolled.hq_url, token, ca_bundle=enrolled.ca_bundle or None,
                      timeout=self.timeout) as client:
            page = self._fetch(client, enrolled.hq_url, report, wait)
            while True:
                self._apply_page(page, report)
                if not page.get("more"):
                    break
                page = self._fetch(client, enrolled.hq_url, report)
        settings.save(self.store, {"peers_last_success": self.clock().isoformat(),
                                   "peers_last_error": None})
        if report.applied or report.set_aside:
            log.info("peer events: %d applied, %d already here, %d set aside, cursor %d",
                     report.applied, report.present, len(report.set_aside), report.cursor)
        return report

    def _apply_page(self, page: dict, report: PeerReport) -> None:
        events = page.get("events") or []
        last = report.cursor
        for event in events:
            n = event.get("id")
            if not isinstance(n, int) or isinstance(n, bool) or n <= last:
                raise BadFeed(after=report.cursor, got=str(n)[:20])
            last = n
        following = page.get("next_after")
        if not isinstance(following, int) or following < last:
            raise BadFeed(after=report.cursor, got=str(following)[:20])
        for event in events:
            outcome = self.apply(event)
            status = outcome.get("status")
            if status == "applied":
                report.applied += 1
            elif status == "present":
                report.present += 1
            elif status == "ignored":
                report.ignored += 1
            else:
                report.set_aside.append({"id": event["id"], "event_uuid": event.get("event_uuid"),
                                         "terminal": event.get("terminal_name"),
                                         "reason": str(outcome.get("reason", status))[:300]})
        with UnitOfWork(self.store.engine) as uow:
            settings.write(uow.session, {CURSOR: str(following)})
            uow.commit()
        report.cursor = following

    def _fetch(self, client: HqClient, url: str, report: PeerReport, wait: float = 0.0) -> dict:
        report.requests += 1
        try:
            return client.store_events(report.cursor, self.limit, wait)
        except Transient as exc:
            settings.save(self.store, {"peers_last_error": exc.reason[:500]})
            raise HqUnreachable(url=url, reason=exc.reason, attempts=1,
                                pending=outbox.counts(self.store)["pending"]) from None
        except Disabled as exc:
            settings.save(self.store, {"state": "disabled",
                                       "peers_last_error": exc.error.get("code", "disabled")})
            raise SyncDisabled(reason_en=exc.error.get("message_en", ""),
                               reason_zh=exc.error.get("message_zh", ""),
                               pending=outbox.counts(self.store)["pending"]) from None
        except Rejected as exc:
            settings.save(self.store, {"peers_last_error": str(exc)[:500]})
            raise exc.as_error() from None
        except TlsFailed as exc:
            settings.save(self.store, {"peers_last_error": exc.code})
            raise


# --- markers: which local documents are peer copies ------------------------------------------

def write_mark(session, doc_id: str, info: dict) -> None:
    stmt = insert(Meta).values(key=MARK + doc_id, value=json.dumps(info, ensure_ascii=False))
    session.execute(stmt.on_conflict_do_update(index_elements=["key"],
                                               set_={"value": stmt.excluded.value}))


def save_mark(store: LocalStore, doc_id: str, info: dict) -> None:
    with UnitOfWork(store.engine) as uow:
        write_mark(uow.session, doc_id, info)
        uow.commit()


def read_marks(conn, doc_ids: list[str]) -> dict[str, dict]:
    found: dict[str, dict] = {}
    for i in range(0, len(doc_ids), 500):
        keys = [MARK + d for d in doc_ids[i:i + 500]]
        for key, value in conn.execute(select(Meta.key, Meta.value).where(Meta.key.in_(keys))):
            try:
                found[key[len(MARK):]] = json.loads(value)
            except ValueError:
                found[key[len(MARK):]] = {"state": "posting"}
    return found


def settle(store: LocalStore, doc_id: str, info: dict, now: datetime) -> int:
    """The peer document is posted here: its local outbox copy is marked sent (never
    uploaded) and the marker updated, in one transaction. Returns the rows settled."""
    with UnitOfWork(store.engine) as uow:
        s = uow.session
        ids = _copies(s, [doc_id])
        if ids:
            s.execute(update(OutboxEvent).where(OutboxEvent.id.in_(ids),
                                                OutboxEvent.sent_at.is_(None)).values(sent_at=now))
        write_mark(s, doc_id, info)
        uow.commit()
    return len(ids)


def _copies(s, doc_ids: list[str]) -> list[int]:
    """Unsent `document.posted` outbox rows of these documents."""
    wanted = set(doc_ids)
    rows = s.execute(select(OutboxEvent.id, OutboxEvent.payload).where(
        OutboxEvent.sent_at.is_(None), OutboxEvent.event_type == "document.posted"))
    found = []
    for outbox_id, payload in rows:
        try:
            if json.loads(payload).get("id") in wanted:
                found.append(outbox_id)
        except (ValueError, AttributeError):
            continue
    return found


def settle_copies(store: LocalStore, rows: list[tuple[int, str | None]], now: datetime) -> set[int]:
    """Of unsent outbox rows (id, document id), those that are peer copies (a marker in
    state posting/applied/pending), marked sent now; returns their ids. The uplink calls
    it on every batch, so a crash between posting a peer's document and settling it never
    lets the copy go up."""
    doc_ids = sorted({d for _, d in rows if d})
    if not doc_ids:
        return set()
    with store.engine.connect() as conn:
        marks = read_marks(conn, doc_ids)
    copies = {i for i, d in rows if d and marks.get(d, {}).get("state") in SUPPRESSED}
    if copies:
        with UnitOfWork(store.engine) as uow:
            uow.session.execute(update(OutboxEvent).where(
                OutboxEvent.id.in_(sorted(copies)), OutboxEvent.sent_at.is_(None))
                .values(sent_at=now))
            uow.commit()
        log.info("peer copies kept from the uplink: %d", len(copies))
    return copies


def marks_summary(store: LocalStore, limit: int = 50) -> dict:
    """How many peer documents are here, and the ones set aside (newest first)."""
    state = func.json_extract(Meta.value, "$.state")
    mine = Meta.key.like(MARK + "%")
    with store.engine.connect() as conn:
        counts = dict(conn.execute(select(state, func.count()).where(mine).group_by(state)).all())
        rows = conn.execute(select(Meta.key, Meta.value).where(mine, state == "set_aside")
                            .order_by(func.json_extract(Meta.value, "$.at").desc())
                            .limit(limit)).all()
    aside = []
    for key, value in rows:
        info = json.loads(value)
        aside.append({"document": key[len(MARK):], "terminal": info.get("terminal"),
                      "reason": info.get("reason"), "at": info.get("at")})
    return {"applied": counts.get("applied", 0), "set_aside": counts.get("set_aside", 0),
            "set_aside_documents": aside}
