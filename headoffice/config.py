"""Which database head office uses: --db, else JXC_HQ_DB, else a SQLite file in the OS
data directory (the embedded default for a small chain)."""
from __future__ import annotations

import os
from pathlib import Path

import platformdirs

from headoffice.errors import UnsupportedDatabase

ENV_DB = "JXC_HQ_DB"


def default_db_url() -> str:
    folder = Path(platformdirs.user_data_dir("JXC Head Office", appauthor=False))
    return f"sqlite:///{folder / 'hq.db'}"


def resolve_db_url(option: str | None) -> str:
    return normalize_url(option or os.environ.get(ENV_DB) or default_db_url())


def normalize_url(url: str) -> str:
    """postgresql:// means psycopg 3 here; sqlite:/// is a file path."""
    scheme, sep, rest = url.partition("://")
    if not sep:
        raise UnsupportedDatabase(scheme=url[:20])
    base = scheme.split("+")[0].lower()
    if base in ("postgresql", "postgres"):
        return f"postgresql+psycopg://{rest}"
    if base == "sqlite":
        return f"sqlite://{rest}"
    raise UnsupportedDatabase(scheme=scheme)


def is_sqlite(url: str) -> bool:
    return url.startswith("sqlite")
