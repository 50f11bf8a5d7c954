"""The one way screens reach the core: run a callable on the database worker thread.

Everything that touches the store (sign-in, queries, later postings) runs on a single
dedicated `QThread`, one job after another, so the UI thread never waits on SQLCipher or
Argon2 and the database is never used from two threads at once. The result (or the
exception) comes back through a queued signal and is handed to callbacks on the UI thread.

    ops.run(lambda: store_overview(store), on_success=page.show_overview, context=page)

`context` ties a job to a widget: if the widget is gone when the result arrives, the
callbacks are skipped. A failure without `on_failure` goes to the runner's default handler
(the app passes `app.ui.errors.show_error`).
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any, Callable

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QThread, Signal, Slot

log = logging.getLogger(__name__)

OnSuccess = Callable[[Any], None]
OnFailure = Callable[[Exception], None]


class _Worker(QObject):
    """Lives on the worker thread; runs one job per queued `execute` call."""

    done = Signal(int, bool, object)  # job id, ok, result or exception

    @Slot(int, object)
    def execute(self, job_id: int, fn: Callable[[], Any]) -> None:
        try:
            result = fn()
        except Exception as exc:  # noqa: BLE001 - handed to the UI thread, never swallowed
            self.done.emit(job_id, False, exc)
        else:
            self.done.emit(job_id, True, result)


@dataclass
class _Job:
    on_success: OnSuccess | None
    on_failure: OnFailure | None
    context: QObject | None


class OpsRunner(QObject):
    """Runs callables on one background thread and reports back on the UI thread."""

    busy_changed = Signal(bool)
    _submit = Signal(int, object)

    def __init__(self, default_failure: OnFailure | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._default_failure = default_failure
        self._jobs: dict[int, _Job] = {}
        self._next_id = 0
        self._thread = QThread()
        self._thread.setObjectName("jxc-db-worker")
        self._worker = _Worker()
        self._worker.moveToThread(self._thread)
        self._submit.connect(self._worker.execute)  # queued: crosses threads
        self._worker.done.connect(self._deliver)  # queued back to this (UI) thread
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)
        self._thread.start()

    @property
    def pending(self) -> int:
        """Jobs submitted whose callbacks have not run yet."""
        return len(self._jobs)

    def is_running(self) -> bool:
        return self._thread.isRunning()

    def run(self, fn: Callable[[], Any], on_success: OnSuccess | None = None,
            on_failure: OnFailure | None = None, *, context: QObject | None = None) -> int:
        """Queue `fn` for the worker; returns the job id. Call from the UI thread only."""
        if not self._thread.isRunning():
            raise RuntimeError("the ops runner has been shut down")
        self._next_id += 1
        self._jobs[self._next_id] = _Job(on_success, on_failure, context)
        if len(self._jobs) == 1:
            self.busy_changed.emit(True)
        self._submit.emit(self._next_id, fn)
        return self._next_id

    def shutdown(self, timeout_ms: int = 10_000) -> None:
        """Finish the running job, drop queued ones, stop the thread. Safe to call twice."""
        if self._thread.isRunning():
            self._thread.quit()
            if not self._thread.wait(timeout_ms):
                log.error("database worker did not stop within %d ms", timeout_ms)
        self._jobs.clear()

    @Slot(int, bool, object)
    def _deliver(self, job_id: int, ok: bool, payload: Any) -> None:
        job = self._jobs.pop(job_id, None)
        if not self._jobs:
            self.busy_changed.emit(False)
        if job is None:
            return  # dropped by shutdown
        if job.context is not None and not shiboken6.isValid(job.context):
            log.debug("job %d finished after its widget was deleted", job_id)
            return
        if ok:
            if job.on_success is not None:
                job.on_success(payload)
        else:
            self._fail(job, payload)

    def _fail(self, job: _Job, exc: Exception) -> None:
        handler = job.on_failure or self._default_failure
        if handler is not None:
            handler(exc)
        else:
            log.error("background job failed", exc_info=(type(exc), exc, exc.__traceback__))
