"""Composition root: builds the real objects that the CLI and the desktop app use."""
from __future__ import annotations

from app.logsetup import attach_file_log
from app.persistence.keystore import KeyringKeyStore
from app.persistence.layout import DataDir
from app.persistence.store import LocalStore, open_store


def open_local_store(layout: DataDir) -> LocalStore:
    """Open the store; the log file starts only once the store is known to be good."""
    store = open_store(layout, KeyringKeyStore())
    attach_file_log(layout.logs)
    return store
