"""The database side of backups: an online snapshot, and SQLCipher pages in and out.

`snapshot` copies the live database with SQLite's online backup API into a new database
encrypted with the same key. It first opens a read transaction on the source and counts
every table in it; the backup steps then run inside that transaction, so in WAL mode the
copy is exactly that snapshot, writers keep committing meanwhile, and the backup never
restarts however busy the till is.

SQLCipher pages are random to a compressor, so `PageCodec` decrypts each page of the
snapshot (AES-256-CBC, HMAC-SHA512 checked) for the backup service to compress, and
encrypts pages again on restore, in SQLCipher 4's own page format. Every restore, trial
ones included, is proved by `PRAGMA cipher_integrity_check` and `integrity_check`.
"""
from __future__ import annotations

import hashlib
import hmac
import os
import struct
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from sqlalchemy import Engine
from sqlcipher3 import dbapi2 as sqlcipher

from app.persistence.errors import StoreError

SQLITE_MAGIC = b"SQLite format 3\x00"
SALT_SIZE = 16
IV_SIZE = 16
HMAC_SIZE = 64
RESERVE = IV_SIZE + HMAC_SIZE  # SQLCipher 4 default: AES-CBC IV + HMAC-SHA512, no padding
HMAC_SALT_MASK = 0x3A
FAST_KDF_ITER = 2
EXPECTED_CIPHER = {"cipher_use_hmac": "1", "cipher_hmac_algorithm": "HMAC_SHA512",
                   "cipher_kdf_algorithm": "PBKDF2_HMAC_SHA512",
                   "cipher_plaintext_header_size": "0"}

CHECK_CACHE_KIB = 64 * 1024  # page cache for integrity_check: bounded, not the whole file
Progress = Callable[[int, int], None]  # done, total


class UnsupportedCipher(StoreError):
    code = "backup_unsupported_cipher"
    zh = "数据库的加密设置（{setting} = {actual}）不是本程序备份支持的 SQLCipher 4 默认设置，未生成备份。"
    en = ("The database's encryption setting {setting} = {actual} is not the SQLCipher 4 "
          "default this JXC backs up; no backup was written.")


class PageDamaged(StoreError):
    code = "backup_page_damaged"
    zh = "数据库副本第 {page} 页校验失败（文件损坏或密钥不对），该备份无效。"
    en = "Page {page} of the database copy fails its check (damaged file or wrong key); the backup is not valid."


class SnapshotIncomplete(StoreError):
    code = "backup_snapshot_incomplete"
    zh = "数据库快照 {path} 不完整（大小或日志文件不符），未生成备份。"
    en = "The database snapshot {path} is incomplete (size or journal mismatch); no backup was written."


@dataclass
class Snapshot:
    path: Path
    page_size: int
    page_count: int
    salt: bytes
    row_counts: dict[str, int] = field(default_factory=dict)


def open_keyed(path: Path, key_hex: str) -> sqlcipher.Connection:
    """A bare connection with the raw key: for snapshots and checks, not for trading."""
    conn = sqlcipher.connect(str(path), isolation_level=None, check_same_thread=False)
    conn.execute("PRAGMA cipher_log_level = NONE")
    conn.execute(f"PRAGMA key = \"x'{key_hex}'\"")
    return conn


def row_counts(conn: sqlcipher.Connection) -> dict[str, int]:
    names = [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
    return {n: conn.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0] for n in names}


def snapshot(engine: Engine, dest: Path, key_hex: str, pages_per_step: int,
             progress: Progress | None = None) -> Snapshot:
    """Copy the live database online into `dest` (same key); returns its shape and counts."""
    raw = engine.raw_connection()
    source = raw.driver_connection
    target = open_keyed(dest, key_hex)
    try:
        source.execute("BEGIN")  # a read transaction: the snapshot every step copies from
        try:
            counts = row_counts(source)
            source.backup(target, pages=pages_per_step,
                          progress=lambda _s, left, total: progress and progress(total - left, total))
        finally:
            source.execute("ROLLBACK")
        settings = {p: str(target.execute(f"PRAGMA {p}").fetchone()[0]) for p in EXPECTED_CIPHER}
        page_size = int(target.execute("PRAGMA page_size").fetchone()[0])
        page_count = int(target.execute("PRAGMA page_count").fetchone()[0])
    finally:
        target.close()  # the last connection: checkpoints and removes the copy's -wal
        raw.close()
    for name, expected in EXPECTED_CIPHER.items():
        if settings[name] != expected:
            raise UnsupportedCipher(setting=name, actual=settings[name])
    if dest.with_name(dest.name + "-wal").exists() or dest.stat().st_size != page_size * page_count:
        raise SnapshotIncomplete(path=str(dest))
    with dest.open("rb") as f:
        salt = f.read(SALT_SIZE)
    return Snapshot(dest, page_size, page_count, salt, counts)


class PageCodec:
    """SQLCipher 4 page encryption with a raw key: decrypt for packing, encrypt to restore.

    A page is [salt (page 1 only)] + AES-256-CBC(body) + IV + HMAC-SHA512(body, IV, page
    number); the HMAC key is PBKDF2-HMAC-SHA512(key, salt XOR 0x3a, 2 rounds). The plain
    unit handed out is page_size - RESERVE bytes; page 1's starts with the SQLite magic.
    """

    def __init__(self, key_hex: str, salt: bytes, page_size: int) -> None:
        self._key = bytes.fromhex(key_hex)
        self._salt = salt
        self.page_size = page_size
        self.unit = page_size - RESERVE
        self._hmac_key = hashlib.pbkdf2_hmac(
            "sha512", self._key, bytes(b ^ HMAC_SALT_MASK for b in salt), FAST_KDF_ITER, 32)

    def _mac(self, body: bytes, iv: bytes, pgno: int) -> bytes:
        return hmac.new(self._hmac_key, body + iv + struct.pack("<I", pgno), hashlib.sha512).digest()

    def decrypt(self, page: bytes, pgno: int) -> bytes:
        start = SALT_SIZE if pgno == 1 else 0
        body, iv = page[start:self.unit], page[self.unit:self.unit + IV_SIZE]
        if len(page) != self.page_size or not hmac.compare_digest(
                self._mac(body, iv, pgno), page[self.unit + IV_SIZE:self.unit + RESERVE]):
            raise PageDamaged(page=pgno)
        dec = Cipher(algorithms.AES(self._key), modes.CBC(iv)).decryptor()
        plain = dec.update(body) + dec.finalize()
        return (SQLITE_MAGIC + plain) if pgno == 1 else plain

    def encrypt(self, plain: bytes, pgno: int) -> bytes:
        if len(plain) != self.unit:
            raise PageDamaged(page=pgno)
        start = SALT_SIZE if pgno == 1 else 0
        iv = os.urandom(IV_SIZE)
        enc = Cipher(algorithms.AES(self._key), modes.CBC(iv)).encryptor()
        body = enc.update(plain[start:]) + enc.finalize()
        return (self._salt if pgno == 1 else b"") + body + iv + self._mac(body, iv, pgno)


def read_plain_pages(path: Path, codec: PageCodec, pages_per_read: int = 256) -> Iterator[bytes]:
    """The snapshot's pages, decrypted and checked one by one (memory: one read buffer)."""
    pgno = 0
    with path.open("rb") as f:
        while chunk := f.read(codec.page_size * pages_per_read):
            for off in range(0, len(chunk), codec.page_size):
                pgno += 1
                yield codec.decrypt(chunk[off:off + codec.page_size], pgno)


def write_pages(path: Path, codec: PageCodec, plain_units: Iterator[bytes],
                progress: Callable[[int], None] | None = None) -> int:
    """Write a new SQLCipher file from plain page units; fsynced. Returns the page count."""
    pgno = 0
    with path.open("xb") as f:
        for unit in plain_units:
            pgno += 1
            f.write(codec.encrypt(unit, pgno))
            if progress and pgno % 256 == 0:
                progress(pgno)
        f.flush()
        os.fsync(f.fileno())
    return pgno


def check_restored(path: Path, key_hex: str) -> dict[str, object]:
    """What a restored file must pass: SQLite's and SQLCipher's integrity checks, the
    application id, and its row counts (compared with the source's by the caller)."""
    conn = open_keyed(path, key_hex)
    conn.execute(f"PRAGMA cache_size = -{CHECK_CACHE_KIB}")  # 3x faster on big stores
    try:
        try:
            integrity = [r[0] for r in conn.execute("PRAGMA integrity_check")]
        except sqlcipher.DatabaseError as exc:
            return {"integrity": [str(exc)], "cipher_integrity": [], "application_id": 0,
                    "row_counts": {}}
        cipher = [r[0] for r in conn.execute("PRAGMA cipher_integrity_check")]
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        counts = row_counts(conn)
    finally:
        conn.close()
    return {"integrity": [] if integrity == ["ok"] else integrity, "cipher_integrity": cipher,
            "application_id": app_id, "row_counts": counts}
