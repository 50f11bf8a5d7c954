"""Backup keys escrowed by the terminals (`PUT /api/v1/backup-key`, revision 0006).

A till's backup key (docs/backup.md) lets a store be restored on a new PC whose keyring is
gone. Each terminal sends the escrow blob of its store over its enrolled TLS connection;
head office keeps every key id it was given (a store that changed its key can still
restore older backups) and answers with the key id, which the terminal records so that
`jxc health` stops warning. The blob is a secret: only the terminal of that store may
send it, and nothing here logs it. `escrowed_keys` is what an administrator restoring a
store reads (`jxc hq backup-key STORE`).
"""
from __future__ import annotations

import hashlib
import json
import re
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field
from sqlalchemy import DateTime, ForeignKey, Integer, String, Text, UniqueConstraint, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from app.domain.stores import normalize_store_code
from headoffice import db
from headoffice.admin import Caller, store_by_code, utc_now
from headoffice.errors import HqError, WrongStore
from headoffice.models import Base
from headoffice.schemas import Code, Str, Utc

_HEX64 = r"^[0-9a-f]{64}$"


class BackupKeyEscrow(Base):
    """One backup key of a store, as a terminal sent it (revision 0006)."""

    __tablename__ = "backup_keys"
    __table_args__ = (UniqueConstraint("store_uuid", "key_id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    store_id: Mapped[int] = mapped_column(ForeignKey("stores.id"), index=True)
    terminal_id: Mapped[int] = mapped_column(ForeignKey("terminals.id"))
    store_uuid: Mapped[str] = mapped_column(String(36))
    key_id: Mapped[str] = mapped_column(String(16))
    blob: Mapped[str] = mapped_column(Text)  # the escrow blob as sent (a SECRET)
    received_at: Mapped[datetime] = mapped_column(DateTime)


class KeyIdMismatch(HqError):
    code = "backup_key_mismatch"
    status = 409
    zh = "备份密钥与其密钥编号 {key_id} 不符（传输中损坏？），总部未保存。"
    en = "The backup key does not match its key id {key_id} (damaged?); head office kept nothing."


class EscrowIn(BaseModel):
    type: Literal["jxc-backup-key"]
    version: Literal[1]
    store_uuid: Str = Field(min_length=1, max_length=36)
    store_code: str = Code
    key_id: str = Field(pattern=r"^[0-9a-f]{16}$")
    key: str = Field(pattern=_HEX64)
    created_at: Str = Field(max_length=40)


class EscrowOut(BaseModel):
    key_id: str
    stored: bool  # False: head office already held this key
    received_at: Utc


def key_id(key_hex: str) -> str:
    """The same fingerprint as the till's app.services.backup.keys.key_id."""
    return hashlib.sha256(b"jxc backup key id\x00" + bytes.fromhex(key_hex)).hexdigest()[:16]


def escrow(engine, caller: Caller, body: EscrowIn) -> dict:
    if normalize_store_code(body.store_code) != caller.store_code:
        raise WrongStore(own=caller.store_code, other=body.store_code)
    if not re.fullmatch(_HEX64, body.key) or key_id(body.key) != body.key_id:
        raise KeyIdMismatch(key_id=body.key_id)
    return db.write(engine, lambda s: _keep(s, caller, body))


def _keep(s: Session, caller: Caller, body: EscrowIn) -> dict:
    held = s.scalars(select(BackupKeyEscrow).where(
        BackupKeyEscrow.store_uuid == body.store_uuid,
        BackupKeyEscrow.key_id == body.key_id)).first()
    if held is not None:
        return {"key_id": held.key_id, "stored": False, "received_at": held.received_at}
    now = utc_now()
    s.add(BackupKeyEscrow(store_id=caller.store_id, terminal_id=caller.terminal_id,
                          store_uuid=body.store_uuid, key_id=body.key_id,
                          blob=json.dumps(body.model_dump(), ensure_ascii=False, indent=2),
                          received_at=now))
    return {"key_id": body.key_id, "stored": True, "received_at": now}


def escrowed_keys(engine, store_code: str) -> list[dict]:
    """Every key escrowed for the store, newest first: {key_id, store_uuid, received_at,
    blob} (the blob is what `jxc restore --backup-key-file` reads)."""
    def read(s: Session) -> list[dict]:
        store = store_by_code(s, store_code)
        rows = s.scalars(select(BackupKeyEscrow).where(BackupKeyEscrow.store_id == store.id)
                         .order_by(BackupKeyEscrow.id.desc()))
        return [{"key_id": r.key_id, "store_uuid": r.store_uuid,
                 "received_at": r.received_at, "blob": r.blob} for r in rows]
    return db.read(engine, read)
