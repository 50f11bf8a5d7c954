"""The app's maintenance: the nightly backup, the hourly health check, the chain check.

These can take from a second to a minute on a big store, so they run on a thread of their
own (a second `OpsRunner`), never on the database worker the counter
uses: a catch-up backup at 09:00 must not hold up the first sale. SQLite's WAL lets the
backup read while sales commit.

A `QTimer` wakes every minute: at start, and whenever `backup_plan` says the nightly backup
is due (a PC that was off at 02:30 catches up at its next start), it backs up; the health
check runs at start and then hourly. Both act as the local operator (like `jxc backup now
--if-due` from a scheduler); "back up now" and "check now" on the Admin page act as the
signed-in user, so the permission table decides. Results are signals, for the status bar
and the Admin page.
"""
from __future__ import annotations

import logging
import time as clock
from typing import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from app.persistence.store import LocalStore
from app.services import scheduler
from app.services.records import LOCAL_OPERATOR, Actor
from app.ui.ops import OpsRunner

log = logging.getLogger(__name__)
TICK_MS = 60_000
FIRST_TICK_MS = 20_000  # after start: the window and the first sale come first
HEALTH_EVERY_S = 3600

_current: "Maintenance | None" = None


class Maintenance(QObject):
    backup_running = Signal(bool)
    backup_progress = Signal(str, int, int)  # phase, done, total (any thread -> queued)
    backup_done = Signal(object)  # Manifest, or None when none was due
    backup_failed = Signal(object)  # the exception
    health_checked = Signal(object)  # HealthReport
    health_failed = Signal(object)

    def __init__(self, store: LocalStore, parent: QObject | None = None, *,
                 db_keys=None, backup_keys=None) -> None:
        super().__init__(parent)
        self.store = store
        self.runner = OpsRunner(default_failure=lambda exc: log.error("maintenance: %s", exc))
        self._db_keys, self._backup_keys = db_keys, backup_keys
        self.backing_up = False
        self.last_health = None
        self._health_at = 0.0
        self.timer = QTimer(self)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self.tick)
        self.first_tick = QTimer(self)  # the first round, soon after start
        self.first_tick.setSingleShot(True)
        self.first_tick.timeout.connect(self.tick)

    # -- scheduling -----------------------------------------------------------------------
    def start(self, first_ms: int | None = None) -> None:
        """The first health check and any due backup shortly after start (the app opens
        first), then a tick every minute."""
        self.first_tick.start(FIRST_TICK_MS if first_ms is None else first_ms)
        self.timer.start()

    def tick(self) -> None:
        if not self.runner.is_running():
            return  # stopped: a tick already queued has nothing left to run on
        if not self.backing_up:  # asked quietly: "backing up" shows only when it does
            self.runner.run(lambda: scheduler.backup_plan(self.store).due,
                            lambda due: due and self.backup(only_if_due=True), context=self)
        if clock.monotonic() - self._health_at >= HEALTH_EVERY_S or not self._health_at:
            self.check_health()

    def stop(self) -> None:
        self.first_tick.stop()  # a stopped maintenance never ticks again
        self.timer.stop()
        self.runner.shutdown()

    # -- jobs -----------------------------------------------------------------------------
    def backup(self, actor: Actor = LOCAL_OPERATOR, only_if_due: bool = False) -> bool:
        """Start a backup (False when one is already running)."""
        if self.backing_up:
            return False
        self.backing_up = True
        self.backup_running.emit(True)
        db_keys, backup_keys = self._db_keys, self._backup_keys  # None: the keyring
        progress = self.backup_progress.emit  # a signal: safe from the maintenance thread
        self.runner.run(lambda: scheduler.take_backup(
            self.store, db_keys, backup_keys, only_if_due=only_if_due, progress=progress,
            actor=actor), self._backup_ok, self._backup_error, context=self)
        return True

    def check_health(self, actor: Actor = LOCAL_OPERATOR) -> None:
        self._health_at = clock.monotonic()
        self.runner.run(lambda: scheduler.run_health_check(self.store, actor=actor),
                        self._health_ok, self.health_failed.emit, context=self)

    def run(self, fn: Callable, on_success=None, on_failure=None, *, context=None) -> int:
        """Any other long job (the audit chain check) on the maintenance thread."""
        return self.runner.run(fn, on_success, on_failure, context=context)

    def _backup_ok(self, manifest) -> None:
        self.backing_up = False
        self.backup_running.emit(False)
        self.backup_done.emit(manifest)
        if manifest is not None:
            self.check_health()  # the backup check changes at once

    def _backup_error(self, exc: Exception) -> None:
        self.backing_up = False
        self.backup_running.emit(False)
        log.warning("backup failed: %s", getattr(exc, "code", type(exc).__name__))
        self.backup_failed.emit(exc)

    def _health_ok(self, report) -> None:
        self.last_health = report
        self.health_checked.emit(report)


def current() -> Maintenance | None:
    """The app's maintenance, started by the session (None when none runs)."""
    return _current


def for_page(store: LocalStore) -> tuple[Maintenance, bool]:
    """(the maintenance an Admin page uses, whether the page owns it): the session's, or,
    for a page shown without one (tests), an unscheduled one the page stops."""
    if _current is not None and _current.store is store:
        return _current, False
    return Maintenance(store), True


def start(store: LocalStore, *, schedule: bool = True, **keys) -> Maintenance:
    """The app's maintenance for `store`; with `schedule`, its first check and any due
    backup now, then every minute."""
    global _current
    stop()
    _current = Maintenance(store, **keys)
    if schedule:
        _current.start()
    return _current


def stop() -> None:
    global _current
    if _current is not None:
        _current.stop()
        _current.deleteLater()
        _current = None
