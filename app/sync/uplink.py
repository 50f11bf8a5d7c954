"""The uplink: drain the outbox to head office, exactly once per event id.

One pass (`sync_now`) holds the data directory's sync lock, then repeats: read up to
`batch_size` unsent events and the unacknowledged audit links, send them gzip-compressed,
and mark sent exactly the events whose ids head office acknowledged ("applied", or
"duplicate" for a replay). A transient failure (network, timeout, 5xx) is recorded on
each event and retried with exponential backoff and jitter; after `attempts` failures the
pass stops with state "offline". A refused event is marked failed and reported; it never
blocks the ones behind it. A revoked token stops with state "disabled".
"""
from __future__ import annotations

import logging
import time
from contextlib import nullcontext
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Callable

from app.persistence.store import LocalStore
from app.sync import outbox, peers, settings
from app.sync.backoff import Backoff
from app.sync.client import Disabled, HqClient, Rejected, Transient
from app.sync.credentials import TokenStore, entry_name
from app.sync.errors import (HqUnreachable, NoAcknowledgement, SyncDisabled, SyncError,
                             TlsFailed, TokenMissing)
from app.sync.lock import SyncLock

log = logging.getLogger(__name__)
SPLITTABLE = {400, 413, 422}  # the request itself is bad: find the event and set it aside


def utc_now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


@dataclass
class SyncReport:
    applied: int = 0
    duplicates: int = 0
    refused: list[tuple[str, str]] = field(default_factory=list)
    requests: int = 0
    retries: int = 0
    audit_flags: list[dict] = field(default_factory=list)
    clock: dict | None = None  # head office's view of this terminal's clock (newest answer)
    seconds: float = 0.0


@dataclass
class Uplink:
    store: LocalStore
    tokens: TokenStore
    batch_size: int = 500
    audit_links: int = 2000
    timeout: float = 15.0
    attempts: int = 5
    backoff: Backoff = field(default_factory=Backoff)
    sleep: Callable[[float], None] = time.sleep
    clock: Callable[[], datetime] = utc_now
    use_lock: bool = True  # tests switch it off to prove head office copes with two senders

    def sync_now(self) -> SyncReport:
        with SyncLock(self.store.layout.root) if self.use_lock else nullcontext():
            return self._pass()

    def _pass(self) -> SyncReport:
        enrolled = settings.enrollment(self.store)
        token = self.tokens.get(self.store.identity.store_uuid)
        if not token:
            settings.save(self.store, {"state": "disabled", "last_error": "token missing"})
            raise TokenMissing(entry=entry_name(self.store.identity.store_uuid))
        report, started = SyncReport(), time.perf_counter()
        with HqClient(enrolled.hq_url, token, ca_bundle=enrolled.ca_bundle or None,
                      timeout=self.timeout) as client:
            self._drain(client, enrolled.hq_url, report)
        report.seconds = time.perf_counter() - started
        log.info("sync pass: %d applied, %d replays, %d refused, %d requests, %.2f s",
                 report.applied, report.duplicates, len(report.refused), report.requests,
                 report.seconds)
        return report

    def _drain(self, client: HqClient, url: str, report: SyncReport) -> None:
        acked = int(settings.read_all(self.store).get("audit_acked_seq") or 0)
        while True:
            batch = outbox.next_batch(self.store, self.batch_size)
            audit = outbox.audit_state(self.store, acked, self.audit_links, self.clock())
            if report.requests and not batch and not audit["links"]:
                return
            answer = self._send_retrying(client, url, batch, audit, report)
            new_acked = (answer.get("audit") or {}).get("acked_seq", acked)
            if self._record(batch, answer, new_acked, report) == 0 and batch:
                raise NoAcknowledgement(count=len(batch))
            if not batch and new_acked <= acked:
                return  # nothing more head office will take now
            acked = new_acked

    def _send_retrying(self, client, url, batch, audit, report) -> dict:
        for attempt in range(1, self.attempts + 1):
            try:
                return self._send(client, batch, audit, report)
            except Transient as exc:
                now = self.clock().isoformat()
                report.retries += 1
                outbox.record_failure(self.store, [e.outbox_id for e in batch], exc.reason,
                                      self.clock(), {"state": "offline", "last_attempt": now,
                                                     "last_error": exc.reason})
                if attempt == self.attempts:
                    raise HqUnreachable(url=url, reason=exc.reason, attempts=attempt,
                                        pending=outbox.counts(self.store)["pending"]) from None
                self.sleep(self.backoff.delay(attempt))
            except Disabled as exc:
                self._fail_state("disabled", exc.error.get("code", "disabled"))
                raise SyncDisabled(reason_en=exc.error.get("message_en", ""),
                                   reason_zh=exc.error.get("message_zh", ""),
                                   pending=outbox.counts(self.store)["pending"]) from None
            except Rejected as exc:
                self._fail_state("error", str(exc))
                raise exc.as_error() from None
            except TlsFailed as exc:
                self._fail_state("error", exc.code)
                raise
        raise AssertionError("unreachable")

    def _send(self, client, batch, audit, report) -> dict:
        """Send; a batch refused as malformed is halved until the bad event is alone."""
        body = {"store_code": self.store.identity.store_code,
                "sent_at": self.clock().isoformat(),  # head office measures our clock with it
                "events": [e.wire for e in batch], "audit": audit}
        report.requests += 1
        try:
            return client.upload(body)
        except Rejected as exc:
            if exc.status not in SPLITTABLE or not batch:
                raise
            if len(batch) == 1:
                reason = f"{exc.error.get('code')}: {exc.error.get('message_en', '')}"[:500]
                return {"results": [{"event_uuid": batch[0].wire["event_uuid"],
                                     "status": "rejected", "error": {"code": reason}}]}
        mid = len(batch) // 2
        first = self._send(client, batch[:mid], audit, report)
        second = self._send(client, batch[mid:], None, report)
        return {"results": first["results"] + second["results"], "audit": first.get("audit"),
                "clock": second.get("clock") or first.get("clock")}

    def _record(self, batch, answer: dict, acked_seq: int, report: SyncReport) -> int:
        results: dict[str, dict] = {}
        for r in answer.get("results") or []:
            results.setdefault(r.get("event_uuid"), r)
        done, refused = [], {}
        for event in batch:
            r = results.get(event.wire["event_uuid"])
            if r is None:
                continue
            if r.get("status") in ("applied", "duplicate"):
                done.append(event.outbox_id)
                report.applied += r["status"] == "applied"
                report.duplicates += r["status"] == "duplicate"
            else:
                reason = str((r.get("error") or {}).get("code") or r.get("status"))
                refused[event.outbox_id] = reason
                report.refused.append((event.wire["event_uuid"], reason))
        report.audit_flags += (answer.get("audit") or {}).get("flags") or []
        now = self.clock()
        state = {"state": "ok", "last_success": now.isoformat(), "last_attempt": now.isoformat(),
                 "last_error": None, "audit_acked_seq": str(acked_seq)}
        seen = _clock_state(answer.get("clock"))
        if seen:
            report.clock = answer["clock"]
            state.update(seen)
        outbox.record_answer(self.store, done, refused, now, state)
        return len(done) + len(refused)

    def _fail_state(self, state: str, error: str) -> None:
        settings.save(self.store, {"state": state, "last_attempt": self.clock().isoformat(),
                                   "last_error": error[:500]})


def _clock_state(seen: object) -> dict[str, str | None]:
    """Head office's view of this terminal's clock as `sync.hq_clock_*` keys; nothing when
    the answer has none (an older head office) or not in the documented form."""
    if not isinstance(seen, dict):
        return {}
    offset, threshold = seen.get("offset_seconds"), seen.get("threshold_seconds")
    checked, since = seen.get("checked_at"), seen.get("skewed_since")
    if not all(isinstance(n, int) and not isinstance(n, bool) for n in (offset, threshold)) \
            or not isinstance(checked, str) or not isinstance(since, (str, type(None))):
        return {}
    return {"hq_clock_offset": str(offset), "hq_clock_skewed": "1" if seen.get("skewed") else "0",
            "hq_clock_threshold": str(threshold), "hq_clock_checked_at": checked[:40],
            "hq_clock_skewed_since": since[:40] if since else None}


def clock_view(values: dict[str, str]) -> dict | None:
    """What head office last said about this terminal's clock (None: it never said)."""
    if not values.get("hq_clock_checked_at"):
        return None
    return {"offset_seconds": int(values.get("hq_clock_offset") or 0),
            "skewed": values.get("hq_clock_skewed") == "1",
            "threshold_seconds": int(values.get("hq_clock_threshold") or 0),
            "checked_at": values["hq_clock_checked_at"],
            "skewed_since": values.get("hq_clock_skewed_since")}


def status(store: LocalStore, tokens: TokenStore) -> dict:
    """What `jxc sync status` shows: queue counts, last success, the state, where the
    downlink stands (its cursor in the change feed, last success, last error), and head
    office's view of this terminal's clock."""
    values = settings.read_all(store)
    counts = outbox.counts(store)
    if not values.get("hq_url"):
        state = "not_enrolled"
    elif not tokens.get(store.identity.store_uuid):
        state = "disabled"
    else:
        state = values.get("state", "ok")
    return {"state": state, **{k: counts[k] for k in ("pending", "failed", "sent")},
            "last_success": values.get("last_success"), "last_attempt": values.get("last_attempt"),
            "last_error": values.get("last_error") or None, "hq_url": values.get("hq_url"),
            "terminal": values.get("terminal_name"), "store_code": store.identity.store_code,
            "oldest_pending": counts["oldest_pending"], "failed_events": counts["failed_events"],
            "running": _running(store),
            "changes_cursor": int(values.get("changes_cursor") or 0),
            "downlink_last_success": values.get("downlink_last_success"),
            "downlink_last_error": values.get("downlink_last_error") or None,
            "clock": clock_view(values),
            "store_events_cursor": int(values.get("store_events_cursor") or 0),
            "peers_last_success": values.get("peers_last_success"),
            "peers_last_error": values.get("peers_last_error") or None,
            "peers": peers.marks_summary(store)}


def _running(store: LocalStore) -> bool:
    try:
        with SyncLock(store.layout.root):
            return False
    except SyncError:
        return True
