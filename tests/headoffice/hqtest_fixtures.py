"""The session's head-office servers (SQLite and PostgreSQL) and a till factory.

tests/headoffice and tests/sync both import these fixtures; the servers are cached here
so one run starts each backend once, and they are stopped (and the PostgreSQL database
dropped) when the test process exits.
"""
from __future__ import annotations

import atexit
import shutil
import tempfile
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

import pytest

from hqtest import HqServer, Till, backend_url, init_db, new_till

_started: dict[str, "Hq"] = {}
_cleanup = ExitStack()
atexit.register(_cleanup.close)


@dataclass
class Hq:
    kind: str
    url: str  # database URL
    server: HqServer
    engine: object
    folder: Path

    @property
    def base_url(self) -> str:
        return self.server.base_url


def start_hq(kind: str) -> Hq:
    from headoffice.db import make_engine

    if kind not in _started:
        folder = Path(tempfile.mkdtemp(prefix=f"jxc-hq-{kind}-"))
        _cleanup.callback(shutil.rmtree, folder, ignore_errors=True)
        url = _cleanup.enter_context(backend_url(kind, folder))
        init_db(url)
        # PostgreSQL runs two stateless workers on one database, as behind a load balancer
        server = HqServer(url, folder, workers=2 if kind == "postgresql" else 1).start()
        _cleanup.callback(server.stop)
        engine = make_engine(url)
        _cleanup.callback(engine.dispose)
        _started[kind] = Hq(kind, url, server, engine, folder)
    return _started[kind]


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def hq(request):
    return start_hq(request.param)


@pytest.fixture
def tills(hq, tmp_path):
    """new(**options) -> an enrolled Till on this session's head office; closed afterwards."""
    made: list[Till] = []

    def new(**options) -> Till:
        till = new_till(hq.engine, options.pop("hq_url", hq.base_url), tmp_path, **options)
        made.append(till)
        return till

    yield new
    for till in made:
        till.store.close()
