"""What is in backups/: one manifest per backup, written atomically, and the backup lock.

A manifest is `<id>.manifest.json` beside `<id>.jxcbak`. It is written as "running" before
any work, and turned "good" only after the trial restore passed, each time through a
temporary file, fsync and rename. The running backup holds an OS file lock on
`backups/.backup.lock`, released by the OS if the process dies; so a "running" manifest
whose lock is free belongs to a crashed backup, is listed as "incomplete", and is removed
(with its partial files) by the next backup.
"""
from __future__ import annotations

import json
import logging
import os
import shutil
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Iterator

from app.services.backup.errors import BackupBusy

log = logging.getLogger(__name__)
RUNNING, GOOD, FAILED, INCOMPLETE = "running", "good", "failed", "incomplete"
MANIFEST_SUFFIX = ".manifest.json"
ARCHIVE_SUFFIX = ".jxcbak"
LOCK_NAME = ".backup.lock"
WORK_PREFIX = ".work-"


@dataclass
class Manifest:
    id: str
    store_uuid: str
    store_code: str
    created_at: str  # ISO, UTC
    status: str = RUNNING
    phase: str = "start"
    size: int = 0
    sha256: str = ""
    key_id: str = ""
    compression: str = ""
    page_count: int = 0
    schema_revision: str = ""
    row_counts: dict = field(default_factory=dict)
    checks: dict = field(default_factory=dict)  # check -> problems (empty list = passed)
    error: str = ""
    finished_at: str = ""
    seconds: float = 0.0
    offsite: dict = field(default_factory=dict)

    @property
    def file(self) -> str:
        return self.id + ARCHIVE_SUFFIX

    def save(self, backups: Path) -> None:
        atomic_write(backups / (self.id + MANIFEST_SUFFIX),
                     json.dumps(asdict(self), ensure_ascii=False, indent=2))

    def as_dict(self) -> dict:
        return {**asdict(self), "file": self.file}

    @classmethod
    def load(cls, path: Path) -> "Manifest | None":
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            names = {f.name for f in fields(cls)}
            return cls(**{k: v for k, v in data.items() if k in names})
        except (OSError, ValueError, TypeError):
            return None


def atomic_write(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".tmp")
    with tmp.open("w", encoding="utf-8") as f:
        f.write(text)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)
    fsync_dir(path.parent)


def fsync_dir(path: Path) -> None:
    if os.name != "nt":  # Windows cannot open a directory; NTFS journals the rename
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


@contextmanager
def backup_lock(backups: Path) -> Iterator[None]:
    """Held for a whole backup; the OS drops it when the process ends, crash or not."""
    backups.mkdir(parents=True, exist_ok=True)
    f = (backups / LOCK_NAME).open("a+b")
    try:
        if not _try_lock(f):
            raise BackupBusy(path=str(backups / LOCK_NAME))
        try:
            yield
        finally:
            _unlock(f)
    finally:
        f.close()


def lock_held(backups: Path) -> bool:
    if not (backups / LOCK_NAME).exists():
        return False
    with (backups / LOCK_NAME).open("a+b") as f:
        if _try_lock(f):
            _unlock(f)
            return False
        return True


def _try_lock(f) -> bool:
    try:
        if os.name == "nt":
            import msvcrt

            f.seek(0)
            msvcrt.locking(f.fileno(), msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(f.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except OSError:
        return False


def _unlock(f) -> None:
    if os.name == "nt":
        import msvcrt

        f.seek(0)
        msvcrt.locking(f.fileno(), msvcrt.LK_UNLCK, 1)
    else:
        import fcntl

        fcntl.flock(f.fileno(), fcntl.LOCK_UN)


def list_backups(backups: Path) -> list[Manifest]:
    """Every backup here, oldest first; a crashed one shows as "incomplete"."""
    if not backups.is_dir():
        return []
    busy = lock_held(backups)
    found: dict[str, Manifest] = {}
    for path in backups.glob("*" + MANIFEST_SUFFIX):
        m = Manifest.load(path)
        if m is not None:
            if m.status == RUNNING and not busy:
                m.status = INCOMPLETE
            found[m.id] = m
    for path in [*backups.glob("*" + ARCHIVE_SUFFIX), *backups.glob("*" + ARCHIVE_SUFFIX + ".part")]:
        backup_id = path.name.split(ARCHIVE_SUFFIX)[0]
        if backup_id not in found:  # a file without a manifest: never good
            found[backup_id] = Manifest(backup_id, "", "", "", status=INCOMPLETE,
                                        error="no manifest")
    return sorted(found.values(), key=lambda m: (m.created_at, m.id))


def remove_backup(backups: Path, backup_id: str) -> None:
    for name in (backup_id + ARCHIVE_SUFFIX, backup_id + ARCHIVE_SUFFIX + ".part",
                 backup_id + MANIFEST_SUFFIX):
        (backups / name).unlink(missing_ok=True)
    shutil.rmtree(backups / (WORK_PREFIX + backup_id), ignore_errors=True)


def clean_incomplete(backups: Path) -> list[str]:
    """With the lock held: remove what crashed backups left behind. Returns their ids."""
    removed = [m.id for m in list_backups(backups) if m.status in (RUNNING, INCOMPLETE)]
    for backup_id in removed:
        remove_backup(backups, backup_id)
        log.warning("removed incomplete backup %s (interrupted)", backup_id)
    for work in backups.glob(WORK_PREFIX + "*"):
        shutil.rmtree(work, ignore_errors=True)
    return removed
