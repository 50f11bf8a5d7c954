"""Which data directory this run uses: --data-dir, else JXC_DATA_DIR, else the OS default."""
from __future__ import annotations

import os
from pathlib import Path

import platformdirs

from app.persistence.layout import DataDir


def default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir("JXC", appauthor=False))


def resolve_data_dir(option: Path | None, env: dict[str, str] | None = None) -> DataDir:
    env = os.environ if env is None else env
    chosen = option or (Path(env["JXC_DATA_DIR"]) if env.get("JXC_DATA_DIR") else None)
    return DataDir((chosen or default_data_dir()).expanduser().resolve())
