"""The persistent print queue: receipts are queued after the sale commits and printed by a
worker, so a printer problem never blocks or loses a sale.

A job goes pending -> sending -> printed | failed (`print_jobs`). `sending` is held only
while bytes go out, never inside a database transaction, so the next sale's BEGIN IMMEDIATE
never waits on a printer; a job left `sending` by a crash is failed after `LEASE`, saying
the receipt may be incomplete. Failures keep the error's code and zh/en messages for the
status bar; `retry` puts a failed job back. The drawer pulse is not part of the stored
bytes: the queue adds it, only to a first receipt (`kind="receipt"`) whose `open_drawer` is
set, and clears `open_drawer` once the pulse has gone out, so a retry never opens the drawer
twice and a reprint never opens it at all, whatever the caller asks.
"""
from __future__ import annotations

import json
import logging
import threading
from dataclasses import dataclass
from datetime import timedelta
from typing import Callable, Mapping

from sqlalchemy import select

from app.devices.errors import DeviceError
from app.devices.escpos_out import drawer_kick
from app.devices.printer import JobReport, send_job
from app.devices.transports import Transport, open_transport
from app.domain.errors import JxcError
from app.domain.permissions import check
from app.persistence.schema import PrintJob
from app.persistence.store import LocalStore
from app.persistence.uow import UnitOfWork
from app.services.records import LOCAL_OPERATOR, Actor, Clock, utc_now

log = logging.getLogger(__name__)
KINDS = ("receipt", "reprint", "shift_report", "test")
LEASE = timedelta(minutes=2)
Transports = Callable[[str], Transport] | Mapping[str, Transport]


class PrintInterrupted(DeviceError):
    code = "print_interrupted"
    zh = "打印中断（程序退出或断电），小票可能不完整。请检查后重打。"
    en = ("Printing was interrupted (the program stopped or lost power); the receipt may be "
          "incomplete. Check it and print again.")


class NotRetryable(DeviceError):
    code = "print_job_not_retryable"
    zh = "打印任务 {job} 当前状态为 {status}，只有失败的任务可以重打。"
    en = "Print job {job} is {status}; only failed jobs can be retried."


@dataclass(frozen=True)
class JobOutcome:
    job_id: int
    printed: bool
    error: JxcError | None = None
    report: JobReport | None = None
    drawer_pulsed: bool = False


def enqueue(store: LocalStore, *, kind: str, printer: str, payload: bytes,
            document_uuid: str | None = None, open_drawer: bool = False,
            clock: Clock = utc_now, actor: Actor = LOCAL_OPERATOR) -> int:
    """Queue a job (after the sale has committed). Only a first receipt may open the drawer."""
    check(actor.role, "printing.queue.enqueue")
    with UnitOfWork(store.engine) as uow:
        job_id = add_job(uow.session, kind=kind, printer=printer, payload=payload,
                         document_uuid=document_uuid, open_drawer=open_drawer, now=clock())
        uow.commit()
    return job_id


def add_job(session, *, kind: str, printer: str, payload: bytes, document_uuid: str | None,
            open_drawer: bool, now) -> int:
    if kind not in KINDS:
        raise ValueError(f"print job kind must be one of {KINDS}")
    job = PrintJob(kind=kind, document_uuid=document_uuid, printer=printer, payload=payload,
                   open_drawer=bool(open_drawer) and kind == "receipt", status="pending",
                   attempts=0, error="", created_at=now, updated_at=now)
    session.add(job)
    session.flush()
    return job.id


def drain(store: LocalStore, transports: Transports = open_transport, *,
          job_ids: list[int] | None = None, drawer_pin: int = 2,
          clock: Clock = utc_now, actor: Actor = LOCAL_OPERATOR) -> list[JobOutcome]:
    """Send the pending jobs (or just `job_ids`) in order. A job that fails is recorded as
    failed with its error; nothing a printer does raises out of here."""
    check(actor.role, "printing.queue.drain")
    _fail_abandoned(store, clock)
    with UnitOfWork(store.engine, write=False) as uow:
        q = select(PrintJob.id).where(PrintJob.status == "pending").order_by(PrintJob.id)
        if job_ids is not None:
            q = q.where(PrintJob.id.in_(job_ids))
        ids = list(uow.session.scalars(q))
    return [outcome for job_id in ids
            if (outcome := _send_one(store, job_id, transports, drawer_pin, clock)) is not None]


def _send_one(store, job_id, transports, drawer_pin, clock) -> JobOutcome | None:
    job = _claim(store, job_id, clock)
    if job is None:  # another worker took it
        return None
    pulse = drawer_kick(drawer_pin) if job.open_drawer and job.kind == "receipt" else b""
    started: list[bool] = []
    try:
        transport = transports[job.printer] if isinstance(transports, Mapping) \
            else transports(job.printer)
        report = send_job(transport, pulse + job.payload, on_write=lambda: started.append(True))
    except Exception as exc:  # every failure is recorded, none reaches the caller
        error = exc if isinstance(exc, JxcError) else DeviceError(url=job.printer, detail=repr(exc))
        if not isinstance(exc, JxcError):
            log.exception("print job %s failed unexpectedly", job_id)
        _finish(store, job_id, error, bool(pulse and started), clock)
        log.warning("print job %s failed: %s", job_id, error.code)
        return JobOutcome(job_id, False, error, drawer_pulsed=bool(pulse and started))
    _finish(store, job_id, None, bool(pulse), clock)
    return JobOutcome(job_id, True, None, report, drawer_pulsed=bool(pulse))


def _claim(store: LocalStore, job_id: int, clock: Clock) -> PrintJob | None:
    with UnitOfWork(store.engine) as uow:
        job = uow.session.get(PrintJob, job_id)
        if job is None or job.status != "pending":
            return None
        job.status, job.attempts, job.updated_at = "sending", job.attempts + 1, clock()
        uow.commit()
        return job


def _finish(store, job_id: int, error: JxcError | None, pulsed: bool, clock: Clock) -> None:
    with UnitOfWork(store.engine) as uow:
        job = uow.session.get(PrintJob, job_id)
        job.status = "failed" if error else "printed"
        job.error = "" if error is None else json.dumps(
            {"code": error.code, "zh": error.message("zh_CN"), "en": error.message("en")},
            ensure_ascii=False)
        job.open_drawer = job.open_drawer and not pulsed  # the pulse is owed at most once
        job.updated_at = clock()
        uow.commit()


def _fail_abandoned(store: LocalStore, clock: Clock) -> None:
    """Jobs left `sending` by a process that died: failed, and the drawer pulse (which may
    have gone out) is no longer owed."""
    cutoff = clock() - LEASE
    with UnitOfWork(store.engine) as uow:
        stale = uow.session.scalars(select(PrintJob).where(
            PrintJob.status == "sending", PrintJob.updated_at < cutoff)).all()
        for job in stale:
            error = PrintInterrupted()
            job.status, job.open_drawer, job.updated_at = "failed", False, clock()
            job.error = json.dumps({"code": error.code, "zh": error.message("zh_CN"),
                                    "en": error.message("en")}, ensure_ascii=False)
        if stale:
            uow.commit()


def retry(store: LocalStore, job_id: int, clock: Clock = utc_now,
          *, actor: Actor = LOCAL_OPERATOR) -> None:
    """Put a failed job back in the queue (the status bar's "print again")."""
    check(actor.role, "printing.queue.retry")
    with UnitOfWork(store.engine) as uow:
        job = uow.session.get(PrintJob, job_id)
        if job is None or job.status != "failed":
            raise NotRetryable(job=job_id, status=job.status if job else "missing")
        job.status, job.updated_at = "pending", clock()
        uow.commit()


def jobs(store: LocalStore, *, status: str | None = None, document_uuid: str | None = None,
         actor: Actor = LOCAL_OPERATOR) -> list[dict]:
    """Jobs for the status bar and the devices screen, newest first, errors decoded."""
    check(actor.role, "printing.queue.jobs")
    with UnitOfWork(store.engine, write=False) as uow:
        q = select(PrintJob).order_by(PrintJob.id.desc())
        if status:
            q = q.where(PrintJob.status == status)
        if document_uuid:
            q = q.where(PrintJob.document_uuid == document_uuid)
        return [{"id": j.id, "kind": j.kind, "document": j.document_uuid, "printer": j.printer,
                 "status": j.status, "attempts": j.attempts, "open_drawer": j.open_drawer,
                 "error": json.loads(j.error) if j.error else None,
                 "updated_at": j.updated_at.isoformat()}
                for j in uow.session.scalars(q.limit(500))]


class PrintWorker(threading.Thread):
    """Drains the queue on its own thread: woken after each enqueue, and every `interval`
    seconds to pick up retries. `on_failure` feeds the status bar."""

    def __init__(self, store: LocalStore, transports: Transports = open_transport, *,
                 interval: float = 5.0, on_failure: Callable[[JobOutcome], None] | None = None,
                 drawer_pin: int = 2):
        super().__init__(name="jxc-print-worker", daemon=True)
        self.store, self.transports, self.interval = store, transports, interval
        self.drawer_pin = drawer_pin  # the printer pin the cash drawer hangs on (2 or 5)
        self.on_failure = on_failure
        self._wake, self._halt = threading.Event(), threading.Event()

    def wake(self) -> None:
        self._wake.set()

    def stop(self) -> None:
        self._halt.set()
        self._wake.set()
        self.join(timeout=30)

    def run(self) -> None:
        while not self._halt.is_set():
            self._wake.wait(self.interval)
            self._wake.clear()
            try:
                for outcome in drain(self.store, self.transports, drawer_pin=self.drawer_pin):
                    if not outcome.printed and self.on_failure:
                        self.on_failure(outcome)
            except Exception:  # the database is unreachable: try again at the next turn
                log.exception("print queue drain failed")
