"""Head office's own Alembic migrations build exactly the models, upgrade in place, and a
server never starts on a schema it does not know."""
from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import select, text

from headoffice import admin, db, migrate
from headoffice.errors import SchemaNotReady, SchemaTooNew
from headoffice.models import Base, HqStore
from headoffice.server import init, open_ready
from hqtest import backend_url


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_db(request, tmp_path):
    with backend_url(request.param, tmp_path) as url:
        yield url


def test_migrations_build_exactly_the_models(empty_db):
    assert init(empty_db) == (None, migrate.head_revision())
    engine = db.make_engine(empty_db)
    try:
        with engine.connect() as conn:
            ctx = MigrationContext.configure(conn, opts={"version_table": migrate.VERSION_TABLE})
            assert compare_metadata(ctx, Base.metadata) == []
    finally:
        engine.dispose()
    assert init(empty_db) == (migrate.head_revision(),) * 2  # idempotent


def test_an_older_schema_upgrades_in_place_and_keeps_its_data(empty_db):
    engine = db.make_engine(empty_db)
    try:
        migrate.upgrade(engine, "0001")
        with pytest.raises(SchemaNotReady):
            open_ready(empty_db)
        admin.add_store(engine, "S001", "人民路店")
        assert migrate.upgrade(engine) == ("0001", migrate.head_revision())
        open_ready(empty_db).dispose()
        names = db.read(engine, lambda s: s.scalars(select(HqStore.name)).all())
        assert names == ["人民路店"]
    finally:
        engine.dispose()


def test_a_newer_schema_is_refused_untouched(empty_db):
    init(empty_db)
    engine = db.make_engine(empty_db)
    try:
        with engine.begin() as conn:
            conn.execute(text(f"UPDATE {migrate.VERSION_TABLE} SET version_num = '9999'"))
        with pytest.raises(SchemaTooNew):
            open_ready(empty_db)
        with pytest.raises(SchemaTooNew):
            init(empty_db)
        with engine.connect() as conn:
            assert conn.execute(text(f"SELECT version_num FROM {migrate.VERSION_TABLE}")).scalar() == "9999"
    finally:
        engine.dispose()
