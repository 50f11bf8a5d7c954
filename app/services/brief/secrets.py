"""The brief's secrets in the OS keyring, one entry per store and kind: the SMTP password,
the robot's webhook address (it carries the robot's token) and DingTalk's signing secret.

They are read only when a brief is sent and never written to the database, a log or an
error message (errors name the channel and the server's host, not the address).
"""
from __future__ import annotations

from app.persistence.keystore import KeyringSecrets

SERVICE = "JXC morning brief"
KINDS = ("smtp-password", "webhook-url", "webhook-secret")


class BriefSecrets:
    def __init__(self, store_uuid: str) -> None:
        self.store_uuid = store_uuid
        self._entries = {kind: _entry(kind) for kind in KINDS}

    def get(self, kind: str) -> str:
        return self._entries[kind].get(self.store_uuid) or ""

    def put(self, kind: str, secret: str) -> None:
        """An empty secret removes the entry."""
        entry = self._entries[kind]
        if secret:
            entry.put(self.store_uuid, secret)
            return
        try:
            entry._keyring.delete_password(entry.service, entry.entry(self.store_uuid))
        except entry._keyring.errors.PasswordDeleteError:
            pass  # nothing stored

    def has(self, kind: str) -> bool:
        return bool(self.get(kind))


def _entry(kind: str) -> KeyringSecrets:
    entry = KeyringSecrets()
    entry.service, entry.prefix, entry.what = SERVICE, kind, kind.replace("-", " ")
    return entry
