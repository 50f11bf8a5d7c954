"""The file format refuses any edit; a backup whose trial restore fails is never good."""
from __future__ import annotations

import os
import secrets
import struct

import pytest
from sqlalchemy import text

from app.services.backup import GOOD, list_backups, run_backup
from app.services.backup.archive import MAGIC, ArchiveReader, ArchiveWriter
from app.services.backup.catalog import FAILED
from app.services.backup.errors import BackupCorrupt, VerificationFailed, WrongBackupKey
from backup_helpers import FAST

KEY = secrets.token_hex(32)


def _write(path, payload: bytes, compression="zlib"):
    with path.open("wb") as f:
        w = ArchiveWriter(f, KEY, {"store_uuid": "u", "store_code": "S9"}, {"db_key": "k"},
                          compression)
        for off in range(0, len(payload), 100_000):
            w.write(payload[off:off + 100_000])
        w.close()
    return w


def _frames(raw: bytes) -> list[tuple[int, int]]:
    """(start, end) of each frame, header excluded."""
    pos = len(MAGIC) + 4 + struct.unpack(">I", raw[len(MAGIC):len(MAGIC) + 4])[0]
    spans = []
    while pos < len(raw):
        (n,) = struct.unpack(">I", raw[pos:pos + 4])
        spans.append((pos, pos + 4 + n))
        pos += 4 + n
    return spans


def _read_all(path, key=KEY) -> bytes:
    reader = ArchiveReader(path, key)
    return b"".join(reader.plain_chunks())


@pytest.mark.parametrize("compression", ["zlib", "lzma"])
def test_round_trip_across_many_frames(tmp_path, compression):
    payload = os.urandom(3 << 19) + bytes(6 << 20)  # incompressible, then very compressible
    writer = _write(tmp_path / "a.jxcbak", payload, compression)
    raw = (tmp_path / "a.jxcbak").read_bytes()
    assert writer.size == len(raw) and len(_frames(raw)) >= 3
    reader = ArchiveReader(tmp_path / "a.jxcbak", KEY)
    assert reader.meta == {"db_key": "k"} and reader.header["store_code"] == "S9"
    pieces = list(reader.plain_chunks())
    assert b"".join(pieces) == payload and max(map(len, pieces)) <= 4 << 20  # memory stays flat


@pytest.mark.parametrize("edit", ["swap", "drop_final", "drop_middle", "append"])
def test_reordered_dropped_or_appended_frames_are_refused(tmp_path, edit):
    _write(tmp_path / "a.jxcbak", os.urandom(3 << 20))
    raw = (tmp_path / "a.jxcbak").read_bytes()
    spans = _frames(raw)
    chunks = [raw[a:b] for a, b in spans]
    head = raw[:spans[0][0]]
    if edit == "swap":
        chunks[1], chunks[2] = chunks[2], chunks[1]
    elif edit == "drop_final":
        chunks.pop()
    elif edit == "drop_middle":
        chunks.pop(2)
    else:
        chunks.append(chunks[-1])
    (tmp_path / "a.jxcbak").write_bytes(head + b"".join(chunks))
    with pytest.raises(BackupCorrupt):
        _read_all(tmp_path / "a.jxcbak")


def test_the_key_id_is_checked_before_decrypting(tmp_path):
    _write(tmp_path / "a.jxcbak", b"data")
    with pytest.raises(WrongBackupKey):
        ArchiveReader(tmp_path / "a.jxcbak", secrets.token_hex(32))


def test_a_store_with_a_broken_audit_chain_gets_no_good_backup(store, keys, backup_keys):
    with store.engine.begin() as conn:
        conn.execute(text("DROP TRIGGER audit_log_no_update"))
        conn.execute(text("UPDATE audit_log SET detail = replace(detail, '1000', '999')"))
    with pytest.raises(VerificationFailed) as info:
        run_backup(store, keys, backup_keys, FAST)
    assert "audit_chain" in info.value.message("en")
    [m] = list_backups(store.layout.backups)
    assert m.status == FAILED and m.checks["audit_chain"] and m.checks["integrity_check"] == []
    assert not (store.layout.backups / m.file).exists()  # an unproven file is not kept


def test_row_counts_must_match_the_source_snapshot(store, keys, backup_keys, monkeypatch):
    import app.services.backup.create as create

    real = create.snapshot

    def miscounted(*args, **kwargs):  # as if a table lost rows between source and restore
        snap = real(*args, **kwargs)
        snap.row_counts["documents"] += 1
        return snap

    monkeypatch.setattr(create, "snapshot", miscounted)
    with pytest.raises(VerificationFailed) as info:
        run_backup(store, keys, backup_keys, FAST)
    assert "documents" in info.value.message("en")
    monkeypatch.setattr(create, "snapshot", real)
    good = run_backup(store, keys, backup_keys, FAST)
    assert [m.status for m in list_backups(store.layout.backups)] == [GOOD]  # failure pruned
    assert good.checks["row_counts"] == []
