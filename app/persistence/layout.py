"""Where a store's files live inside its data directory."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class DataDir:
    root: Path

    @property
    def db(self) -> Path:
        return self.root / "jxc.db"

    @property
    def identity(self) -> Path:
        """Non-secret identity of the store (uuid, code), readable before the key is known."""
        return self.root / "store.json"

    @property
    def logs(self) -> Path:
        return self.root / "logs"

    @property
    def backups(self) -> Path:
        return self.root / "backups"

    def db_files(self) -> list[Path]:
        return [self.db, self.db.with_name("jxc.db-wal"), self.db.with_name("jxc.db-shm")]
