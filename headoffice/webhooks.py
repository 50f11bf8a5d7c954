"""Webhooks: subscriptions per event type, delivered as signed JSON with retries and a
delivery log (docs/webhooks.md).

A delivery row is written in the same transaction as what caused it (ingest, reactions.py),
once per subscription and event key (UNIQUE), so nothing is announced that did not
happen, and nothing that happened is lost. `deliver_due` sends what is due: it claims a
row by moving its `next_attempt_at` forward with one conditional UPDATE (any number of
stateless workers, or `jxc hq webhook deliver`, may run it at once; a row is sent by one of
them at a time), POSTs it, and records the answer: 2xx delivered; anything else retried
after 10 s x 2^(n-1) (at most an hour, with jitter), failed after MAX_ATTEMPTS.

Signature: `X-JXC-Signature: sha256=<hex HMAC-SHA256(secret, "<timestamp>.<body>")>` with
`X-JXC-Timestamp` (Unix seconds) beside it; the receiver recomputes it over the raw body
and refuses old timestamps (replays).
"""
from __future__ import annotations

import hashlib
import hmac
import json
import logging
import random
import secrets
import threading
import time
from datetime import datetime, timedelta
from urllib.parse import urlsplit

import httpx
from sqlalchemy import Engine, func, select, update
from sqlalchemy.orm import Session

from app import __version__
from headoffice import db
from headoffice.admin import store_by_code, utc_now
from headoffice.db import insert_for
from headoffice.errors import HqError
from headoffice.models import HqStore, Webhook, WebhookDelivery

log = logging.getLogger(__name__)
EVENT_TYPES = ("sale.posted", "stock.below_minimum", "transfer.sent", "stocktake.posted",
               "health.alert")
MAX_ATTEMPTS = 8
LEASE = timedelta(seconds=60)  # a claimed row is not sent again before this passes
TIMEOUT = 10.0


class WebhookRefused(HqError):
    code = "webhook_refused"
    status = 400
    zh = "无法添加 Webhook：{why_zh}"
    en = "The webhook cannot be added: {why_en}"


class WebhookNotFound(HqError):
    code = "webhook_not_found"
    status = 404
    zh = "没有编号为 {id} 的 Webhook。"
    en = "There is no webhook {id}."


def sign(secret: str, timestamp: str, body: bytes) -> str:
    mac = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256)
    return "sha256=" + mac.hexdigest()


def verify(secret: str, timestamp: str, body: bytes, signature: str) -> bool:
    """What a receiver does (the tests' receiver uses it too)."""
    return hmac.compare_digest(sign(secret, timestamp, body), signature or "")


# --- subscriptions ------------------------------------------------------------------------

def add(engine: Engine, url: str, events: list[str], store_code: str | None = None) -> dict:
    """A subscription; the secret is returned once (it is needed to verify signatures)."""
    parts = urlsplit(url or "")
    if parts.scheme not in ("http", "https") or not parts.netloc or len(url) > 500:
        raise WebhookRefused(why_zh="地址必须是 http:// 或 https:// 开头的网址。",
                             why_en="the URL must start with http:// or https://.")
    unknown = sorted(set(events) - set(EVENT_TYPES))
    if not events or unknown:
        raise WebhookRefused(why_zh=f"未知的事件类型 {', '.join(unknown) or '（空）'}；可用："
                                    f"{', '.join(EVENT_TYPES)}。",
                             why_en=f"unknown event types {', '.join(unknown) or '(none)'}; "
                                    f"use {', '.join(EVENT_TYPES)}.")
    secret = "whsec_" + secrets.token_urlsafe(24)

    def work(s: Session) -> dict:
        store = store_by_code(s, store_code) if store_code else None
        row = Webhook(url=url, secret=secret, event_types=",".join(sorted(set(events))),
                      store_id=store.id if store else None, active=True, created_at=utc_now())
        s.add(row)
        s.flush()
        return {**_view(row, store.code if store else None), "secret": secret}

    return db.write(engine, work)


def _view(row: Webhook, store_code: str | None) -> dict:
    return {"id": row.id, "url": row.url, "events": row.event_types.split(","),
            "store": store_code, "active": row.active, "created_at": row.created_at.isoformat()}


def list_hooks(engine: Engine) -> list[dict]:
    def work(s: Session) -> list[dict]:
        rows = s.execute(select(Webhook, HqStore.code).outerjoin(
            HqStore, HqStore.id == Webhook.store_id).order_by(Webhook.id)).all()
        return [_view(w, code) for w, code in rows]

    return db.read(engine, work)


def remove(engine: Engine, hook_id: int) -> dict:
    """Deactivate a subscription and cancel its pending deliveries (the log stays)."""
    def work(s: Session) -> dict:
        row = s.get(Webhook, hook_id)
        if row is None:
            raise WebhookNotFound(id=hook_id)
        row.active, row.removed_at = False, row.removed_at or utc_now()
        cancelled = s.execute(update(WebhookDelivery).where(
            WebhookDelivery.webhook_id == hook_id, WebhookDelivery.status == "pending")
            .values(status="cancelled")).rowcount
        return {"id": hook_id, "removed": True, "cancelled": cancelled}

    return db.write(engine, work)


def deliveries(engine: Engine, hook_id: int | None = None, status: str | None = None,
               limit: int = 100) -> list[dict]:
    def work(s: Session) -> list[dict]:
        q = select(WebhookDelivery).order_by(WebhookDelivery.id.desc()).limit(limit)
        if hook_id is not None:
            q = q.where(WebhookDelivery.webhook_id == hook_id)
        if status:
            q = q.where(WebhookDelivery.status == status)
        return [{"id": d.id, "webhook": d.webhook_id, "event": d.event_type, "key": d.event_key,
                 "status": d.status, "attempts": d.attempts, "last_status": d.last_status,
                 "last_error": d.last_error, "created_at": d.created_at.isoformat(),
                 "next_attempt_at": d.next_attempt_at.isoformat(),
                 "delivered_at": d.delivered_at.isoformat() if d.delivered_at else None}
                for d in s.scalars(q)]

    return db.read(engine, work)


def retry(engine: Engine, delivery_id: int) -> dict:
    """Send a failed delivery again (from now, attempts start over)."""
    def work(s: Session) -> dict:
        done = s.execute(update(WebhookDelivery).where(
            WebhookDelivery.id == delivery_id, WebhookDelivery.status == "failed")
            .values(status="pending", attempts=0, next_attempt_at=utc_now())).rowcount
        return {"id": delivery_id, "queued": bool(done)}

    return db.write(engine, work)


# --- queueing (inside the transaction of what happened) ------------------------------------

def active_hooks(s: Session) -> list[Webhook]:
    return list(s.scalars(select(Webhook).where(Webhook.active.is_(True))))


def _subscribers(s: Session, store_id: int, event_type: str,
                 hooks: list[Webhook] | None = None) -> list[Webhook]:
    rows = active_hooks(s) if hooks is None else hooks
    return [w for w in rows if event_type in w.event_types.split(",")
            and (w.store_id is None or w.store_id == store_id)]


def wanted(s: Session, store_id: int, event_type: str,
           hooks: list[Webhook] | None = None) -> bool:
    return bool(_subscribers(s, store_id, event_type, hooks))


def enqueue(s: Session, store_id: int, event_type: str, key: str, data: dict,
            now: datetime | None = None, hooks: list[Webhook] | None = None) -> int:
    """Queue `data` for every active subscription of `event_type` (and the store), once per
    key. Returns the number of deliveries queued. Other parts of head office (health
    events) call it inside their own transaction."""
    hooks = _subscribers(s, store_id, event_type, hooks)
    if not hooks:
        return 0
    now = now or utc_now()
    body = json.dumps({"type": event_type, "key": key[:120], "occurred_at": now.isoformat() + "Z",
                       "data": data}, ensure_ascii=False, default=str, separators=(",", ":"))
    rows = [{"webhook_id": w.id, "event_type": event_type, "event_key": key[:120],
             "payload": body, "status": "pending", "attempts": 0, "next_attempt_at": now,
             "last_error": "", "created_at": now} for w in hooks]
    s.execute(insert_for(s)(WebhookDelivery).on_conflict_do_nothing(
        index_elements=["webhook_id", "event_key"]), rows)
    return len(rows)


# --- delivery -----------------------------------------------------------------------------

def backoff(attempts: int) -> timedelta:
    base = min(3600.0, 10.0 * 2 ** (attempts - 1))
    return timedelta(seconds=random.uniform(base / 2, base))


def deliver_due(engine: Engine, limit: int = 50, client: httpx.Client | None = None) -> dict:
    """Send every delivery that is due (at most `limit`); returns counts."""
    counts = {"delivered": 0, "retry": 0, "failed": 0}
    due = db.read(engine, lambda s: s.scalars(
        select(WebhookDelivery.id).where(WebhookDelivery.status == "pending",
                                         WebhookDelivery.next_attempt_at <= utc_now())
        .order_by(WebhookDelivery.id).limit(limit)).all())
    own = client is None
    client = client or httpx.Client(timeout=TIMEOUT, follow_redirects=False)
    try:
        for delivery_id in due:
            claimed = _claim(engine, delivery_id)
            if claimed is not None:
                counts[_send(engine, client, *claimed)] += 1
    finally:
        if own:
            client.close()
    return counts


def _claim(engine: Engine, delivery_id: int):
    def work(s: Session):
        now = utc_now()
        won = s.execute(update(WebhookDelivery).where(
            WebhookDelivery.id == delivery_id, WebhookDelivery.status == "pending",
            WebhookDelivery.next_attempt_at <= now).values(next_attempt_at=now + LEASE)).rowcount
        if not won:
            return None
        d = s.get(WebhookDelivery, delivery_id)
        hook = s.get(Webhook, d.webhook_id)
        return d.id, d.event_type, d.payload, d.attempts, hook.url, hook.secret

    return db.write(engine, work)


def _send(engine, client, delivery_id, event_type, payload, attempts, url, secret) -> str:
    body = payload.encode("utf-8")
    stamp = str(int(time.time()))
    headers = {"Content-Type": "application/json", "User-Agent": f"jxc-hq/{__version__}",
               "X-JXC-Event": event_type, "X-JXC-Delivery": str(delivery_id),
               "X-JXC-Timestamp": stamp, "X-JXC-Signature": sign(secret, stamp, body)}
    status, error = None, ""
    try:
        answer = client.post(url, content=body, headers=headers)
        status = answer.status_code
        if not 200 <= status < 300:
            error = f"answered {status}"
    except httpx.HTTPError as exc:
        error = f"{type(exc).__name__}"[:300]
    return db.write(engine, lambda s: _record(s, delivery_id, attempts + 1, status, error))


def _record(s: Session, delivery_id: int, attempts: int, status: int | None, error: str) -> str:
    now = utc_now()
    values = {"attempts": attempts, "last_status": status, "last_error": error[:300]}
    if not error:
        outcome = "delivered"
        values.update(status="delivered", delivered_at=now)
    elif attempts >= MAX_ATTEMPTS:
        outcome = "failed"
        values.update(status="failed")
    else:
        outcome = "retry"
        values.update(next_attempt_at=now + backoff(attempts))
    s.execute(update(WebhookDelivery).where(WebhookDelivery.id == delivery_id,
                                            WebhookDelivery.status == "pending").values(**values))
    if outcome != "delivered":
        log.warning("webhook delivery %d: %s (attempt %d)", delivery_id, error, attempts)
    return outcome


def pending_count(engine: Engine) -> int:
    return db.read(engine, lambda s: s.scalar(select(func.count(WebhookDelivery.id)).where(
        WebhookDelivery.status == "pending")) or 0)


class Dispatcher:
    """Runs `deliver_due` every `interval` seconds on a daemon thread of each server
    worker (stateless: the claim keeps two workers from sending one row at once)."""

    def __init__(self, engine: Engine, interval: float = 2.0) -> None:
        self.engine, self.interval = engine, interval
        self._stop = threading.Event()
        self.thread = threading.Thread(target=self._run, name="jxc-webhooks", daemon=True)

    def start(self) -> "Dispatcher":
        self.thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self.thread.join(5)

    def _run(self) -> None:
        with httpx.Client(timeout=TIMEOUT, follow_redirects=False) as client:
            while not self._stop.wait(self.interval):
                try:
                    while deliver_due(self.engine, client=client)["delivered"] == 50:
                        pass
                except Exception:  # a bad round must not end the thread
                    log.exception("webhook delivery round failed")
