"""The terminal's head-office token, kept in the OS keyring like the store key (see
app/persistence/keystore.py), under its own service name and one entry per store."""
from __future__ import annotations

from typing import Protocol

from app.persistence.errors import NoKeyring

SERVICE = "JXC head office token"


def entry_name(store_uuid: str) -> str:
    return f"terminal-{store_uuid}"


class TokenStore(Protocol):
    def get(self, store_uuid: str) -> str | None: ...

    def put(self, store_uuid: str, token: str) -> None: ...


class KeyringTokenStore:
    def __init__(self) -> None:
        import keyring
        from keyring.backends import fail

        self._keyring = keyring
        if isinstance(keyring.get_keyring(), fail.Keyring):
            raise NoKeyring(backend=type(keyring.get_keyring()).__name__)

    def get(self, store_uuid: str) -> str | None:
        try:
            return self._keyring.get_password(SERVICE, entry_name(store_uuid))
        except self._keyring.errors.KeyringError as exc:
            raise NoKeyring(backend=type(exc).__name__) from None

    def put(self, store_uuid: str, token: str) -> None:
        try:
            self._keyring.set_password(SERVICE, entry_name(store_uuid), token)
        except self._keyring.errors.KeyringError as exc:
            raise NoKeyring(backend=type(exc).__name__) from None
