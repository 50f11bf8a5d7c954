"""Every page's HMAC checked when a store opens, without making a big store slow to open.

SQLCipher verifies a page's HMAC whenever it reads the page, so damage is never read as
data; the open-time `cipher_integrity_check` also finds damage in pages nobody has read yet,
so that nothing is sold on a damaged store. It reads the whole file (about 0.07 s per
40 MB). A store up to `FOREGROUND_BYTES` is checked before `open_store` returns, as before.
A bigger one (a million products is about 500 MB) is checked on a thread: the till opens
and scans at once, and every write (`BEGIN IMMEDIATE`: a sale, a migration) waits for the
verdict and is refused with `DatabaseDamaged` if the check failed, before anything is
written, printed or the drawer opens.

A failed check on the thread is run once more before it counts: another process's
checkpoint copying pages into the file while we read could look like damage once. Closing
the store cancels a check still running (`cancel`): SQLite is asked to interrupt it,
whatever it finds afterwards is dropped, and the close waits for the thread to end
(SQLCipher's page check does not always stop when interrupted, and a process must not exit
under a thread still inside SQLite).
"""
from __future__ import annotations

import os
import sys
import threading
from pathlib import Path

from app.persistence.engine import probe
from app.persistence.errors import StoreError

FOREGROUND_BYTES = 64 * 1024 * 1024


class PageCheck:
    """The verdict of one open-time page check; `wait()` blocks until it is in."""

    def __init__(self) -> None:
        self._done = threading.Event()
        self._error: StoreError | None = None
        self.background = False
        self.cancelled = False
        self._conn = None  # the checking connection, while a check runs on the thread

    @classmethod
    def start(cls, path: Path, key_hex: str) -> "PageCheck":
        """Check now (raising on damage) or, for a big file, on a daemon thread."""
        check = cls()
        if path.stat().st_size <= FOREGROUND_BYTES:
            probe(path, key_hex)
            check._done.set()
            return check
        check.background = True
        threading.Thread(target=check._run, args=(path, key_hex), name="jxc-page-check",
                         daemon=True).start()
        return check

    def _run(self, path: Path, key_hex: str) -> None:
        _lower_this_threads_priority()  # the first scans come first
        try:
            for attempt in range(2):
                try:
                    probe(path, key_hex, on_connect=self._connected)
                    return
                except StoreError as exc:
                    if self.cancelled:
                        return  # interrupted by close: no verdict
                    if attempt == 1:
                        self._error = exc
        finally:
            self._conn = None
            self._done.set()

    def _connected(self, conn) -> None:
        self._conn = conn
        if self.cancelled:
            conn.interrupt()

    def cancel(self) -> None:
        """Stop a check still running (the store is closing); no verdict is given."""
        self.cancelled = True
        conn = self._conn
        if conn is not None and not self.done:
            conn.interrupt()
        # SQLCipher's check may run on regardless: wait for it, or a process exiting now
        # would tear the interpreter down under a thread still inside SQLite (a crash).
        self._done.wait(60)

    @property
    def done(self) -> bool:
        return self._done.is_set()

    @property
    def error(self) -> StoreError | None:
        return self._error if self.done else None

    def wait(self) -> None:
        """Block until the verdict is in; raise the damage it found."""
        self._done.wait()
        if self._error is not None:
            raise self._error


def _lower_this_threads_priority() -> None:
    """Best effort: the check yields the CPU to the sale screen (on a busy 2-core till a
    full-speed check pushed scan lookups from 0.1 ms to 3-8 ms at p99)."""
    try:
        if sys.platform == "win32":
            import ctypes

            kernel = ctypes.windll.kernel32
            kernel.SetThreadPriority(kernel.GetCurrentThread(), -2)  # THREAD_PRIORITY_LOWEST
        elif hasattr(os, "setpriority"):
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 19)  # Linux: per thread
    except (OSError, AttributeError):
        pass  # not allowed here: the check just runs at normal priority
