"""When the brief is due, and the thread that sends it.

The brief of day D goes out at the set time on D + 1. At any moment the due brief is the
one of the latest set time that has passed: after 09:00 yesterday's, before it the day
before yesterday's (so a PC switched on at 08:00 still sends the brief it missed). Only
that one: a PC that was off for a week sends the latest brief, not seven old ones.
`send_due_briefs` sends it on every configured channel not yet recorded for that day;
the desktop app runs it at start and then every minute (`BriefScheduler`), under a lock
file so two processes on one data directory never send at the same time.
"""
from __future__ import annotations

import logging
import threading
from datetime import date, datetime, timedelta

from app.domain.errors import JxcError
from app.persistence.store import LocalStore
from app.persistence.uow import UnitOfWork
from app.services.brief.config import read_config
from app.services.brief.sending import Outcome, send_brief
from app.services.records import LOCAL_OPERATOR

log = logging.getLogger(__name__)
LOCK_NAME = "brief.lock"


def due_day(now_local: datetime, at: str) -> date:
    hour, minute = (int(x) for x in at.split(":"))
    passed = (now_local.hour, now_local.minute) >= (hour, minute)
    return now_local.date() - timedelta(days=1 if passed else 2)


def send_due_briefs(store: LocalStore, now_local: datetime | None = None,
                    ssl_context=None) -> list[Outcome]:
    """Send the due brief on the channels that have not had it; [] when none is set up or
    another process holds the lock."""
    from app.sync.errors import SyncBusy
    from app.sync.lock import SyncLock

    now_local = now_local or datetime.now()
    with UnitOfWork(store.engine, write=False) as uow:
        config = read_config(uow.session, store)
    if not config.channels():
        return []
    lock = SyncLock(store.layout.root)
    lock.path = store.layout.root / LOCK_NAME
    try:
        with lock:
            return send_brief(store, LOCAL_OPERATOR, due_day(now_local, config.time),
                              ssl_context=ssl_context)
    except SyncBusy:
        return []


class BriefScheduler:
    """A daemon thread: send the due brief now, then check every `interval` seconds; after
    a failure wait `retry` seconds before trying again."""

    def __init__(self, store: LocalStore, interval: float = 60.0, retry: float = 900.0,
                 clock=datetime.now) -> None:
        self.store, self.interval, self.retry, self.clock = store, interval, retry, clock
        self._stop = threading.Event()
        self.last: list[Outcome] = []
        self._thread = threading.Thread(target=self._run, name="jxc-brief", daemon=True)

    def start(self) -> "BriefScheduler":
        self._thread.start()
        return self

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        self._thread.join(timeout)

    def _run(self) -> None:
        while not self._stop.is_set():
            wait = self.interval
            try:
                self.last = send_due_briefs(self.store, self.clock())
                if any(o.status == "failed" for o in self.last):
                    wait = self.retry
            except JxcError as exc:
                log.warning("morning brief not sent: %s", exc.code)
                wait = self.retry
            except Exception:  # noqa: BLE001 - a scheduler must keep running; logged whole
                log.exception("morning brief scheduler failed")
                wait = self.retry
            self._stop.wait(wait)
