"""Run the API under uvicorn: `jxc hq serve`.

The database URL reaches the workers through JXC_HQ_DB (each worker process builds its own
engine), never on a command line that `ps` would show. The schema is checked before
uvicorn starts, so a wrong URL or an old schema is one clear error, not a crash per worker.
"""
from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from headoffice import clock, db, migrate
from headoffice.config import ENV_DB, is_sqlite, resolve_db_url
from headoffice.errors import DatabaseUnavailable, HqError, SchemaNotReady


class TlsPairNeeded(HqError):
    code = "tls_pair_needed"
    zh = "启用 TLS 需要同时提供 --tls-cert 和 --tls-key。"
    en = "TLS needs both --tls-cert and --tls-key."


def open_ready(url: str | None) -> Engine:
    """An engine on a reachable database whose schema is this code's."""
    resolved = resolve_db_url(url)
    if is_sqlite(resolved) and not Path(resolved[len("sqlite:///"):]).exists():
        raise SchemaNotReady(current="-", head=migrate.head_revision())  # never create it here
    engine = db.make_engine(resolved)
    try:
        migrate.check_ready(engine)
    except OperationalError as exc:
        engine.dispose()
        raise DatabaseUnavailable(detail=type(exc.orig).__name__) from None
    except BaseException:
        engine.dispose()
        raise
    return engine


def init(url: str | None) -> tuple[str | None, str]:
    engine = db.make_engine(resolve_db_url(url))
    try:
        return migrate.upgrade(engine)
    except OperationalError as exc:
        raise DatabaseUnavailable(detail=type(exc.orig).__name__) from None
    finally:
        engine.dispose()


def safe_url(url: str | None) -> str:
    return make_url(resolve_db_url(url)).render_as_string(hide_password=True)


def serve(url: str | None, host: str, port: int, workers: int, tls_cert: str | None,
          tls_key: str | None, log_level: str = "info", max_clock_skew: int | None = None) -> None:
    """Start uvicorn; `max_clock_skew` (seconds, else JXC_HQ_MAX_CLOCK_SKEW, else 300) is
    how far a terminal's clock may be from head office's before it is flagged."""
    import uvicorn

    if bool(tls_cert) != bool(tls_key):
        raise TlsPairNeeded()
    skew = clock.check_threshold(max_clock_skew) if max_clock_skew is not None \
        else clock.threshold_from_env()
    open_ready(url).dispose()
    os.environ[ENV_DB] = resolve_db_url(url)
    os.environ[clock.ENV_MAX_SKEW] = str(skew)  # the workers read it (like the URL)
    uvicorn.run("headoffice.api:app_from_env", factory=True, host=host, port=port,
                workers=workers, ssl_certfile=tls_cert, ssl_keyfile=tls_key,
                server_header=False, log_level=log_level, timeout_graceful_shutdown=10)
