"""Fixtures of the reliability tests: a small shop with a large opening stock.

The shop is built once per session (init hashes a password and runs the migrations) and
copied for each test; the copies share the store uuid, hence the keyring entry.
"""
from __future__ import annotations

import pytest

import harness
from helpers import ADMIN_PASSWORD, add_catalog
from reliability_support import admin_actor, copy_store


@pytest.fixture(scope="session")
def shop_template(tmp_path_factory):
    """A closed store: catalog of tests/helpers.add_catalog, 1,000,000 of each product."""
    from app.persistence.keystore import KeyringKeyStore
    from app.persistence.layout import DataDir
    from app.services.inventory.posting import post_document
    from app.services.setup import initialize_store

    layout = DataDir(tmp_path_factory.mktemp("template") / "store")
    store = initialize_store(layout, KeyringKeyStore(), "S001", "测试门店", ADMIN_PASSWORD)
    add_catalog(store)
    post_document(store, admin_actor(), harness.opening_stock())
    store.close()
    return layout


@pytest.fixture
def shop(shop_template, tmp_path):
    """A fresh closed copy of the template: tests open it (or start processes that do)."""
    return copy_store(shop_template, tmp_path / "store")


@pytest.fixture
def open_shop(shop, keys):
    """The copy, open; closed after the test (closing twice is harmless)."""
    from app.persistence.store import open_store

    store = open_store(shop, keys)
    yield store
    store.close()


@pytest.fixture
def admin():
    return admin_actor()
