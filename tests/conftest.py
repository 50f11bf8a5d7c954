"""Shared test setup: an isolated keyring, offscreen Qt, and store fixtures.

The environment is set before anything imports keyring or Qt, so no test ever touches
the developer's real keyring or needs a screen.
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

_KEYRING_HOME = tempfile.mkdtemp(prefix="jxc-test-keyring-")
os.environ["PYTHON_KEYRING_BACKEND"] = "keyrings.alt.file.PlaintextKeyring"
os.environ["XDG_DATA_HOME"] = _KEYRING_HOME
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("JXC_DATA_DIR", None)

import pytest  # noqa: E402

from app.persistence.keystore import KeyringKeyStore  # noqa: E402
from app.persistence.layout import DataDir  # noqa: E402
from helpers import ADMIN_PASSWORD  # noqa: E402



@pytest.fixture
def keys() -> KeyringKeyStore:
    return KeyringKeyStore()


@pytest.fixture
def layout(tmp_path: Path) -> DataDir:
    return DataDir(tmp_path / "store")


@pytest.fixture
def new_store(layout, keys):
    """A freshly initialised store S001, closed again after the test."""
    from app.services.setup import initialize_store

    store = initialize_store(layout, keys, "S001", "测试门店", ADMIN_PASSWORD)
    yield store
    store.close()
