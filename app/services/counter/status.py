"""What the sale screen's status strip shows: connection to head office, events waiting
to be sent, the receipt printer, training mode. Read-only and cheap (a few indexed
queries), polled every few seconds.

Each value says only what something actually reports: "standalone" when the till was
never enrolled with head office, `None` (shown as unknown) where nothing reports yet.
"""
from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import func, select

from app.domain.permissions import check
from app.persistence.schema import OutboxDelivery, OutboxEvent, PrintJob
from app.persistence.store import LocalStore
from app.services.records import LOCAL_OPERATOR, Actor
from app.sync import settings as sync_settings

CONNECTION = {"ok": "online", "offline": "offline", "disabled": "disabled"}


@dataclass(frozen=True)
class TillStatus:
    connection: str  # online | offline | disabled | standalone | unknown
    last_sync: str | None
    queued_events: int
    failed_events: int
    printer: str  # not_set_up | ready | printing | failed
    printer_error: dict | None  # {"code", "zh", "en"} of the last failed job
    failed_jobs: int
    training: bool | None  # None: nothing reports a training mode yet

    @property
    def online(self) -> bool | None:
        """True/False when known; None when not enrolled or never tried."""
        return {"online": True, "offline": False}.get(self.connection)


def till_status(store: LocalStore, printer_url: str = "",
                *, actor: Actor = LOCAL_OPERATOR) -> TillStatus:
    check(actor.role, "counter.status.till_status")
    values = sync_settings.read_all(store)
    queued, failed_events = _outbox(store)
    if not values.get("hq_url"):
        connection = "standalone"
    else:
        connection = CONNECTION.get(values.get("state", ""), "unknown")
    printer, error, failed = _printer(store, printer_url)
    return TillStatus(connection, values.get("last_success"), queued, failed_events,
                      printer, error, failed, None)


def _outbox(store: LocalStore) -> tuple[int, int]:
    """Unsent events: waiting, and set aside as refused (on the `ix_outbox_unsent` range)."""
    with store.engine.connect() as conn:
        rows = conn.execute(select(func.coalesce(OutboxDelivery.failed, False), func.count())
                            .select_from(OutboxEvent).outerjoin(
                                OutboxDelivery, OutboxDelivery.outbox_id == OutboxEvent.id)
                            .where(OutboxEvent.sent_at.is_(None))
                            .group_by(func.coalesce(OutboxDelivery.failed, False))).all()
    by_failed = {bool(failed): count for failed, count in rows}
    return by_failed.get(False, 0), by_failed.get(True, 0)


def _printer(store: LocalStore, url: str) -> tuple[str, dict | None, int]:
    if not url:
        return "not_set_up", None, 0
    with store.engine.connect() as conn:
        last = conn.execute(select(PrintJob.status, PrintJob.error).where(PrintJob.printer == url)
                            .order_by(PrintJob.id.desc()).limit(1)).first()
        failed = conn.scalar(select(func.count()).select_from(PrintJob).where(
            PrintJob.printer == url, PrintJob.status == "failed"))
    if last is None or last.status == "printed":
        return "ready", None, failed
    if last.status == "failed":
        return "failed", json.loads(last.error) if last.error else None, failed
    return "printing", None, failed
