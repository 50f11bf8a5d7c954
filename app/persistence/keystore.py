"""The store's raw 256-bit database key, kept in the OS keyring.

Each store has its own entry, named by the store's uuid, so two stores on one PC never
collide. The key is never logged, printed or written to disk by JXC.
"""
from __future__ import annotations

import secrets
from typing import Protocol

from app.persistence.errors import NoKeyring, StoreError

SERVICE = "JXC store database key"


def entry_name(store_uuid: str) -> str:
    return f"store-{store_uuid}"


def new_raw_key() -> str:
    """256 random bits as 64 hex digits: used directly by SQLCipher, no key derivation."""
    return secrets.token_hex(32)


class KeyStore(Protocol):
    def get(self, store_uuid: str) -> str | None: ...

    def put(self, store_uuid: str, key_hex: str) -> None: ...


class KeyringSecrets:
    """One kind of per-store secret in the OS keyring: `service`, entry `prefix-<uuid>`.
    Store keys, backup keys and head-office tokens each have their own service."""

    service = SERVICE
    prefix = "store"
    what = "database key"

    def __init__(self) -> None:
        import keyring
        from keyring.backends import fail

        self._keyring = keyring
        backend = keyring.get_keyring()
        if isinstance(backend, fail.Keyring):
            raise NoKeyring(backend=type(backend).__name__)

    def entry(self, store_uuid: str) -> str:
        return f"{self.prefix}-{store_uuid}"

    def get(self, store_uuid: str) -> str | None:
        try:
            return self._keyring.get_password(self.service, self.entry(store_uuid))
        except self._keyring.errors.KeyringError as exc:
            raise NoKeyring(backend=type(exc).__name__) from None

    def put(self, store_uuid: str, secret: str) -> None:
        try:
            self._keyring.set_password(self.service, self.entry(store_uuid), secret)
        except self._keyring.errors.KeyringError as exc:
            raise NoKeyring(backend=type(exc).__name__) from None
        if self.get(store_uuid) != secret:
            raise StoreError(detail=f"the keyring did not keep the {self.what}")


class KeyringKeyStore(KeyringSecrets):
    """The real thing: whatever backend `keyring` selects (PYTHON_KEYRING_BACKEND in tests)."""
