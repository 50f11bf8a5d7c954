"""Bring a store's schema to the newest revision, after a safety copy.

An existing database that needs upgrading is first copied with `VACUUM INTO` (the copy is
encrypted with the same key) to `backups/pre-upgrade-<from>-<time>.db`. A database newer
than this program is refused untouched.
"""
from __future__ import annotations

import logging
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine

from app.persistence.errors import MigrationFailed, SchemaTooNew

log = logging.getLogger(__name__)
SCRIPTS = Path(__file__).with_name("migrations")


def alembic_config(connection: Connection | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(SCRIPTS))
    cfg.attributes["connection"] = connection
    return cfg


def head_revision() -> str:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine, backups: Path, target: str = "head",
            before_change: Callable[[], None] | None = None) -> str | None:
    """Upgrade to `target`; returns the path of the safety copy, if one was taken.
    `before_change` runs once an upgrade is due, before anything is copied or changed."""
    scripts = ScriptDirectory.from_config(alembic_config())
    with engine.connect() as conn:
        current = current_revision(conn)
        conn.rollback()
    wanted = scripts.get_current_head() if target == "head" else target
    if current == wanted:
        return None
    if current is not None and current not in {r.revision for r in scripts.walk_revisions()}:
        raise SchemaTooNew(revision=current)
    if before_change is not None:
        before_change()
    copy = _safety_copy(engine, backups, current) if current is not None else None
    try:
        with engine.connect() as conn:
            command.upgrade(alembic_config(conn), target)
            conn.commit()
    except Exception as exc:
        log.exception("schema upgrade from %s failed", current)
        raise MigrationFailed(detail=type(exc).__name__, backup=copy or "-") from exc
    log.info("schema upgraded from %s to %s", current, wanted)
    return copy


def _safety_copy(engine: Engine, backups: Path, current: str) -> str:
    backups.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
    target = backups / f"pre-upgrade-{current}-{stamp}.db"
    raw = engine.raw_connection()  # VACUUM cannot run inside the BEGIN our engine emits
    try:
        raw.driver_connection.execute("VACUUM INTO ?", (str(target),))
    finally:
        raw.close()
    log.info("safety copy before upgrade written to %s", target)
    return str(target)
