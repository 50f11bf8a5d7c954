"""Head office's own Alembic migrations (headoffice/migrations, version table
`hq_alembic_version`), separate from the store's. `jxc hq init` upgrades; the server
refuses to start on a database that is behind or ahead of this code."""
from __future__ import annotations

import logging
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, text

from headoffice.errors import SchemaNotReady, SchemaTooNew

log = logging.getLogger(__name__)
SCRIPTS = Path(__file__).with_name("migrations")
VERSION_TABLE = "hq_alembic_version"
PG_LOCK_ID = 0x4A584348  # "JXCH": one migration at a time across processes


def alembic_config(connection: Connection | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(SCRIPTS))
    cfg.attributes["connection"] = connection
    return cfg


def head_revision() -> str:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(connection: Connection) -> str | None:
    ctx = MigrationContext.configure(connection, opts={"version_table": VERSION_TABLE})
    return ctx.get_current_revision()


def known_revisions() -> set[str]:
    return {r.revision for r in ScriptDirectory.from_config(alembic_config()).walk_revisions()}


def upgrade(engine: Engine, target: str = "head") -> tuple[str | None, str]:
    """Bring the schema to `target`; returns (before, after)."""
    with engine.connect() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_lock(:id)"), {"id": PG_LOCK_ID})
            conn.commit()
        try:
            before = current_revision(conn)
            conn.rollback()
            if before is not None and before not in known_revisions():
                raise SchemaTooNew(current=before)
            command.upgrade(alembic_config(conn), target)
            conn.commit()
            after = current_revision(conn)
            conn.rollback()
        finally:
            if conn.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_unlock(:id)"), {"id": PG_LOCK_ID})
                conn.commit()
    if before != after:
        log.info("head-office schema upgraded from %s to %s", before, after)
    return before, after


def check_ready(engine: Engine) -> str:
    """The schema must be exactly this code's head (workers never migrate by themselves)."""
    with engine.connect() as conn:
        current = current_revision(conn)
    head = head_revision()
    if current is not None and current not in known_revisions():
        raise SchemaTooNew(current=current)
    if current != head:
        raise SchemaNotReady(current=current or "-", head=head)
    return current
