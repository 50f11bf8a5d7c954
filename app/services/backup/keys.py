"""The per-store backup key: in the keyring beside (never equal to) the database key, and
escrowed at head office so a PC whose keyring is gone can still be restored.

A backup file holds, encrypted under this key, the database key and the store identity.
So the escrow blob alone (plus the backup file) rebuilds a store on a fresh machine.
`escrow_blob` is what the head-office uploader sends; after head office acknowledges it,
the uploader calls `record_escrow`, and `jxc health` stops warning.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import secrets
from datetime import datetime, timezone
from pathlib import Path
from typing import Protocol

from app.persistence.keystore import KeyringSecrets
from app.persistence.store import StoreIdentity
from app.services.backup.errors import BadKeyFile

SERVICE = "JXC store backup key"
ESCROW_TYPE = "jxc-backup-key"
ESCROW_RECORD = "escrow.json"
_HEX = re.compile(r"[0-9a-f]{64}")


class BackupKeyStore(Protocol):
    def get(self, store_uuid: str) -> str | None: ...

    def put(self, store_uuid: str, key_hex: str) -> None: ...


class KeyringBackupKeyStore(KeyringSecrets):
    """Backup keys in the OS keyring, service 'JXC store backup key', one entry per store."""

    service = SERVICE
    what = "backup key"


def key_id(key_hex: str) -> str:
    """A public fingerprint: tells which key a backup needs without revealing it."""
    return hashlib.sha256(b"jxc backup key id\x00" + bytes.fromhex(key_hex)).hexdigest()[:16]


def ensure_backup_key(identity: StoreIdentity, keys: BackupKeyStore) -> str:
    """The store's backup key, drawn (256 random bits) the first time it is needed."""
    key = keys.get(identity.store_uuid)
    if not key:
        key = secrets.token_hex(32)
        keys.put(identity.store_uuid, key)
    return key


def escrow_blob(identity: StoreIdentity, keys: BackupKeyStore) -> str:
    """The text head office keeps to restore this store without its PC: a SECRET.
    Send it only over TLS to head office, which must store it encrypted."""
    key = ensure_backup_key(identity, keys)
    return json.dumps({"type": ESCROW_TYPE, "version": 1, "store_uuid": identity.store_uuid,
                       "store_code": identity.store_code, "key_id": key_id(key), "key": key,
                       "created_at": datetime.now(timezone.utc).isoformat()},
                      ensure_ascii=False, indent=2)


def parse_key_text(text: str, source: str) -> tuple[str | None, str]:
    """(store uuid or None, key hex) from an escrow blob or a bare 64-hex key."""
    text = text.strip()
    if _HEX.fullmatch(text.lower()):
        return None, text.lower()
    try:
        data = json.loads(text)
    except ValueError:
        raise BadKeyFile(path=source, reason="neither an escrow blob nor 64 hex digits") from None
    if not isinstance(data, dict) or data.get("type") != ESCROW_TYPE:
        raise BadKeyFile(path=source, reason="not a jxc-backup-key blob")
    key = str(data.get("key", "")).lower()
    if not _HEX.fullmatch(key) or key_id(key) != data.get("key_id"):
        raise BadKeyFile(path=source, reason="the key does not match its key id (damaged?)")
    return str(data.get("store_uuid") or "") or None, key


def read_key_file(path: Path) -> tuple[str | None, str]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise BadKeyFile(path=str(path), reason=type(exc).__name__) from None
    return parse_key_text(text, str(path))


def write_secret_file(path: Path, text: str) -> None:
    """Create `path` readable by this user only; never overwrite an existing file."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(text)


def record_escrow(backups: Path, key_hex_id: str, where: str) -> None:
    """Remember that head office (or a file) holds the key with this id: non-secret."""
    backups.mkdir(parents=True, exist_ok=True)
    tmp = backups / (ESCROW_RECORD + ".tmp")
    tmp.write_text(json.dumps({"key_id": key_hex_id, "where": where,
                               "at": datetime.now(timezone.utc).isoformat()}), encoding="utf-8")
    os.replace(tmp, backups / ESCROW_RECORD)


def escrow_record(backups: Path) -> dict | None:
    try:
        return json.loads((backups / ESCROW_RECORD).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
