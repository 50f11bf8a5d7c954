"""The backup file: a public header, then AES-256-GCM frames, streamed.

    "JXCBAK1\\n" | u32 header length | header JSON | frames: u32 length | ciphertext+tag

The header names the store and the backup key's id (never a secret), and a random salt;
the file key is HKDF-SHA256(backup key, salt), so no two files share a key. Frame 0 holds
the secret metadata (the database key, identity, row counts); the rest is the compressed
stream of plain database pages, cut into frames of at most 1 MiB. Each frame's nonce is its
index plus a "final" flag, and every frame authenticates the header: an edited header,
a swapped, dropped or damaged frame, or a cut-off file all fail with `BackupCorrupt`.
Memory use is one frame, whatever the store's size.
"""
from __future__ import annotations

import hashlib
import json
import lzma
import os
import struct
import zlib
from pathlib import Path
from typing import BinaryIO, Iterator

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from app.services.backup.errors import BackupCorrupt, NotABackup, WrongBackupKey
from app.services.backup.keys import key_id

MAGIC = b"JXCBAK1\n"
FORMAT = 1
FRAME = 1 << 20
MAX_FRAME = FRAME + (FRAME >> 2)  # the final frame may carry a little more
MAX_HEADER = 64 * 1024
COMPRESSORS = {"zlib": lambda: zlib.compressobj(6), "lzma": lambda: lzma.LZMACompressor(preset=1)}
DECOMPRESSORS = {"zlib": zlib.decompressobj, "lzma": lzma.LZMADecompressor}


def _file_key(backup_key_hex: str, salt: bytes) -> AESGCM:
    hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=b"jxc backup file v1")
    return AESGCM(hkdf.derive(bytes.fromhex(backup_key_hex)))


def _nonce(index: int, final: bool) -> bytes:
    return struct.pack(">QI", index, 1 if final else 0)


class ArchiveWriter:
    """Write one backup file: `meta` first, then `write(plain)` any number of times, `close()`."""

    def __init__(self, f: BinaryIO, backup_key_hex: str, header: dict, meta: dict,
                 compression: str = "zlib") -> None:
        salt = os.urandom(16)
        header = {**header, "format": FORMAT, "key_id": key_id(backup_key_hex),
                  "salt": salt.hex(), "compression": compression}
        raw_header = json.dumps(header, ensure_ascii=False, sort_keys=True).encode()
        self._f, self._aad = f, MAGIC + raw_header
        self._aead, self._index = _file_key(backup_key_hex, salt), 0
        self._compressor = COMPRESSORS[compression]()
        self._pending = bytearray()
        self.sha256 = hashlib.sha256()
        self.size = 0
        self._out(MAGIC + struct.pack(">I", len(raw_header)) + raw_header)
        self._frame(json.dumps(meta).encode(), final=False)

    def _out(self, data: bytes) -> None:
        self._f.write(data)
        self.sha256.update(data)
        self.size += len(data)

    def _frame(self, plain: bytes, final: bool) -> None:
        sealed = self._aead.encrypt(_nonce(self._index, final), plain, self._aad)
        self._out(struct.pack(">I", len(sealed)) + sealed)
        self._index += 1

    def write(self, plain: bytes) -> None:
        self._pending += self._compressor.compress(plain)
        while len(self._pending) >= FRAME:
            self._frame(bytes(self._pending[:FRAME]), final=False)
            del self._pending[:FRAME]

    def close(self) -> None:
        self._pending += self._compressor.flush()
        while len(self._pending) > FRAME:
            self._frame(bytes(self._pending[:FRAME]), final=False)
            del self._pending[:FRAME]
        self._frame(bytes(self._pending), final=True)
        self._f.flush()
        os.fsync(self._f.fileno())


def read_header(path: Path) -> tuple[dict, bytes, int]:
    """(header, authenticated bytes, offset of frame 0); checks only the shape."""
    try:
        with path.open("rb") as f:
            head = f.read(len(MAGIC) + 4)
            if len(head) < len(MAGIC) + 4 or head[:len(MAGIC)] != MAGIC:
                raise NotABackup(path=str(path), reason="no JXC backup signature")
            (length,) = struct.unpack(">I", head[len(MAGIC):])
            raw = f.read(length) if length <= MAX_HEADER else b""
        header = json.loads(raw)
    except OSError as exc:
        raise NotABackup(path=str(path), reason=type(exc).__name__) from None
    except ValueError:
        raise BackupCorrupt(path=str(path), reason="header unreadable") from None
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        raise NotABackup(path=str(path), reason=f"unknown format {header.get('format')!r}"
                         if isinstance(header, dict) else "header is not an object")
    return header, MAGIC + raw, len(MAGIC) + 4 + len(raw)


class ArchiveReader:
    """Open a backup with a key: the key id is checked before any decryption."""

    def __init__(self, path: Path, backup_key_hex: str) -> None:
        self.path = path
        self.header, self._aad, self._offset = read_header(path)
        given = key_id(backup_key_hex)
        if given != self.header.get("key_id"):
            raise WrongBackupKey(expected=self.header.get("key_id"), given=given,
                                 store_code=self.header.get("store_code", "?"))
        if self.header.get("compression") not in DECOMPRESSORS:
            raise NotABackup(path=str(path), reason="unknown compression")
        self._aead = _file_key(backup_key_hex, bytes.fromhex(self.header["salt"]))
        frames = self._frames()
        first, _final = next(frames, (None, None))
        if first is None:
            raise BackupCorrupt(path=str(path), reason="no metadata frame")
        self.meta = json.loads(first)
        self._rest = frames

    def _frames(self) -> Iterator[tuple[bytes, bool]]:
        with self.path.open("rb") as f:
            f.seek(self._offset)
            index = 0
            while True:
                head = f.read(4)
                if len(head) < 4:
                    raise BackupCorrupt(path=str(self.path), reason="the file is cut short")
                (length,) = struct.unpack(">I", head)
                if length > MAX_FRAME + 16:
                    raise BackupCorrupt(path=str(self.path), reason=f"block {index} too long")
                sealed = f.read(length)
                if len(sealed) != length:
                    raise BackupCorrupt(path=str(self.path), reason="the file is cut short")
                plain, final = self._open(index, sealed)
                yield plain, final
                if final:
                    if f.read(1):
                        raise BackupCorrupt(path=str(self.path), reason="data after the end")
                    return
                index += 1

    def _open(self, index: int, sealed: bytes) -> tuple[bytes, bool]:
        for final in (False, True):
            try:
                return self._aead.decrypt(_nonce(index, final), sealed, self._aad), final
            except InvalidTag:
                continue
        raise BackupCorrupt(path=str(self.path), reason=f"block {index} fails authentication")

    def plain_chunks(self) -> Iterator[bytes]:
        """The decompressed stream, in pieces of at most 4 MiB however well it compressed."""
        d = DECOMPRESSORS[self.header["compression"]]()
        try:
            for data, _final in self._rest:
                yield from _inflate(d, data)
        except (zlib.error, lzma.LZMAError):
            raise BackupCorrupt(path=str(self.path), reason="compressed data invalid") from None
        if not d.eof:
            raise BackupCorrupt(path=str(self.path), reason="compressed stream incomplete")

    def close(self) -> None:
        self._rest.close()


def _inflate(d, data: bytes, limit: int = 4 << 20) -> Iterator[bytes]:
    if isinstance(d, lzma.LZMADecompressor):
        out = d.decompress(data, max_length=limit)
        while True:
            if out:
                yield out
            if d.eof or d.needs_input:
                return
            out = d.decompress(b"", max_length=limit)
    out = d.decompress(data, limit)
    while True:
        if out:
            yield out
        if not d.unconsumed_tail:
            return
        out = d.decompress(d.unconsumed_tail, limit)
