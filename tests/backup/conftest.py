"""Fixtures of the backup tests: a store with stock to sell, copied from one template."""
from __future__ import annotations

import shutil

import pytest

from app.services.backup import KeyringBackupKeyStore
from app.services.inventory.posting import post_document
from backup_helpers import ADMIN, sell
from helpers import ADMIN_PASSWORD, add_catalog


@pytest.fixture
def backup_keys() -> KeyringBackupKeyStore:
    return KeyringBackupKeyStore()


@pytest.fixture(scope="session")
def template_store(tmp_path_factory):
    """Built once (creating a store hashes a password with Argon2: slow by design)."""
    from app.persistence.keystore import KeyringKeyStore
    from app.persistence.layout import DataDir
    from app.services.setup import initialize_store

    layout = DataDir(tmp_path_factory.mktemp("template") / "store")
    store = initialize_store(layout, KeyringKeyStore(), "S001", "测试门店", ADMIN_PASSWORD)
    try:
        add_catalog(store)
        post_document(store, ADMIN, {"type": "purchase_receipt", "id": "rk-1", "supplier": "S01",
                                     "lines": [{"sku": "COLA", "qty": "1000", "unit_cost": "1.00"}]})
        for i in range(3):
            sell(store, f"seed-{i}")
    finally:
        store.close()  # the last close folds the WAL into jxc.db
    return layout


@pytest.fixture
def store(template_store, tmp_path, keys):
    """S001 with the small catalog, 1000 colas in stock and 3 sales: a private copy."""
    from app.persistence.layout import DataDir
    from app.persistence.store import open_store

    layout = DataDir(tmp_path / "store")
    shutil.copytree(template_store.root, layout.root)
    opened = open_store(layout, keys)
    yield opened
    opened.close()


@pytest.fixture(scope="module")
def cli():
    """The `jxc` group in this process (a new process costs about 1.5 s)."""
    import logging
    from logging.handlers import RotatingFileHandler

    from app.cli import cli as group, register_commands

    register_commands()
    yield group
    root = logging.getLogger()  # the store's file log, attached by the command
    for h in [h for h in root.handlers if isinstance(h, RotatingFileHandler)]:
        root.removeHandler(h)
        h.close()
