"""A connection whose durability settings cannot be guaranteed is refused."""
from __future__ import annotations

import pytest
from sqlcipher3 import dbapi2 as sqlcipher

from app.persistence.engine import REQUIRED_PRAGMAS, apply_required_pragmas
from app.persistence.errors import UnsafeSettings


def test_database_that_cannot_use_wal_is_refused():
    conn = sqlcipher.connect(":memory:")  # journal_mode stays 'memory': no WAL possible
    with pytest.raises(UnsafeSettings) as info:
        apply_required_pragmas(conn)
    assert info.value.params["pragma"] == "journal_mode"
    assert "WAL" in info.value.message("en")


def test_required_settings_cover_durability():
    assert REQUIRED_PRAGMAS["journal_mode"][1] == "wal"
    assert REQUIRED_PRAGMAS["synchronous"][1] == 2  # FULL: a committed sale survives power loss


def test_every_pooled_connection_is_checked(new_store):
    """Connections made later by the pool go through the same checks."""
    with new_store.engine.connect() as a, new_store.engine.connect() as b:
        for conn in (a, b):
            assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
