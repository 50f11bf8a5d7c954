"""One sync worker per data directory: an OS lock on `<data dir>/sync.lock`.

The kernel drops the lock when the process dies, so a crash never leaves a stale lock
(unlike a pid file). fcntl.flock on POSIX, msvcrt.locking on Windows.
"""
from __future__ import annotations

import os
from pathlib import Path

from app.sync.errors import SyncBusy

LOCK_FILE = "sync.lock"


class SyncLock:
    def __init__(self, root: Path) -> None:
        self.path = root / LOCK_FILE
        self._fd: int | None = None

    def __enter__(self) -> "SyncLock":
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            _lock(fd)
        except OSError:
            holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip() if hasattr(
                os, "pread") else "?"
            os.close(fd)
            raise SyncBusy(pid=holder or "?") from None
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getpid()).encode())
        self._fd = fd
        return self

    def __exit__(self, *exc) -> None:
        if self._fd is not None:
            os.ftruncate(self._fd, 0)
            _unlock(self._fd)
            os.close(self._fd)
            self._fd = None


if os.name == "nt":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _lock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
else:
    import fcntl

    def _lock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
