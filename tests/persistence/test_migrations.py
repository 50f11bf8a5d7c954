"""Migrations: an older database is upgraded at open after a safety copy; the migrated
schema is exactly the declared one; a newer database is refused untouched."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

from app.persistence import migrate
from app.persistence.engine import connect, make_engine, probe
from app.persistence.errors import SchemaTooNew
from app.persistence.keystore import new_raw_key
from app.persistence.schema import Base
from app.persistence.store import StoreIdentity, open_store
from helpers import snapshot

OLD_REVISION = "0001"


@pytest.fixture
def old_store(layout, keys):
    """A store as an install of revision 0001 left it: no master data tables yet."""
    layout.root.mkdir(parents=True)
    identity = StoreIdentity(store_uuid="5a1e2b7c-0000-4000-8000-000000000001",
                             store_code="OLD1", store_name="老店",
                             created_at=datetime.now(timezone.utc).isoformat())
    key = new_raw_key()
    keys.put(identity.store_uuid, key)
    connect(layout.db, key, create=True).close()
    engine = make_engine(layout.db, key)
    migrate.upgrade(engine, layout.backups, target=OLD_REVISION)
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO stores(uuid, code, name, is_local, created_at) "
                          "VALUES (:u, 'OLD1', '老店', 1, '2025-01-01 00:00:00')"),
                     {"u": identity.store_uuid})
        conn.execute(text("INSERT INTO warehouses(store_id, code, name, is_in_transit) "
                          "VALUES (1, 'MAIN', '主仓库', 0)"))
    engine.dispose()
    identity.write(layout.identity)
    return layout, key


def test_older_database_is_upgraded_after_a_safety_copy(old_store, keys):
    layout, key = old_store
    store = open_store(layout, keys)
    try:
        with store.engine.connect() as conn:
            assert migrate.current_revision(conn) == migrate.head_revision()
            assert "products" in inspect(conn).get_table_names()
            assert conn.execute(text("SELECT name FROM warehouses")).scalar() == "主仓库"
    finally:
        store.close()
    assert store.safety_copy is not None
    copy = layout.backups / store.safety_copy.rsplit("/", 1)[-1]
    probe(copy, key)  # encrypted with the store key, a JXC database
    copy_engine = make_engine(copy, key)
    with copy_engine.connect() as conn:
        assert migrate.current_revision(conn) == OLD_REVISION
        assert "products" not in inspect(conn).get_table_names()
        assert conn.execute(text("SELECT code FROM stores")).scalar() == "OLD1"
    copy_engine.dispose()


def test_current_database_takes_no_copy(new_store, keys):
    new_store.close()
    again = open_store(new_store.layout, keys)
    again.close()
    assert again.safety_copy is None
    assert not new_store.layout.backups.exists()


def test_migrations_build_exactly_the_declared_schema(new_store):
    with new_store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []


def test_database_newer_than_the_program_is_refused_untouched(new_store, keys):
    with new_store.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    new_store.close()
    before = snapshot(new_store.layout.root)
    with pytest.raises(SchemaTooNew):
        open_store(new_store.layout, keys)
    assert snapshot(new_store.layout.root) == before
