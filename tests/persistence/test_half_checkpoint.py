"""A till killed in the middle of a checkpoint opens again, with everything in it.

A checkpoint copies the newest pages from the WAL into the main file, in page order. A kill
half way leaves a main file that is a mix of old and new pages: read alone (as the
`immutable` probe reads it) it looks damaged, while the WAL still holds every committed
page and SQLite's own recovery makes it whole. The crash loop met this once under load
(`DatabaseDamaged` after a kill); here the half-copied file is made on purpose.
"""
from __future__ import annotations

import shutil
import struct

import pytest
from sqlalchemy import text

from app.persistence.engine import connect
from app.persistence.errors import DatabaseDamaged
from app.persistence.layout import DataDir
from app.persistence.store import open_store
from app.persistence.walscan import FRAME_HEADER, HEADER

ROWS = 3000


def _newest_frames(wal: bytes, page_size: int) -> dict[int, bytes]:
    """Page number -> its newest image in the WAL."""
    frames, offset = {}, HEADER
    while offset + FRAME_HEADER + page_size <= len(wal):
        (page,) = struct.unpack(">I", wal[offset:offset + 4])
        frames[page] = wal[offset + FRAME_HEADER:offset + FRAME_HEADER + page_size]
        offset += FRAME_HEADER + page_size
    return frames


def _killed_mid_checkpoint(store, keys, tmp_path, copied_pages: int) -> DataDir:
    """A copy of the store as a kill during a checkpoint leaves it: the WAL whole, the
    main file with only its first `copied_pages` WAL pages written back."""
    key = keys.get(store.identity.store_uuid)
    conn = connect(store.layout.db, key)
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    conn.execute("CREATE TABLE crash_probe (id INTEGER PRIMARY KEY, body TEXT)")
    conn.executemany("INSERT INTO crash_probe (body) VALUES (?)",
                     [(f"第 {i} 行 " + "x" * 200,) for i in range(ROWS)])
    page_size = int(conn.execute("PRAGMA page_size").fetchone()[0])
    copy = DataDir(tmp_path / "crashed")
    shutil.copytree(store.layout.root, copy.root)  # while the writer still holds the WAL
    conn.close()
    wal = (copy.root / "jxc.db-wal").read_bytes()
    frames = _newest_frames(wal, page_size)
    with open(copy.db, "r+b") as main:
        for page in sorted(frames)[:copied_pages]:
            main.seek((page - 1) * page_size)
            main.write(frames[page])
    (copy.root / "jxc.db-shm").unlink(missing_ok=True)
    return copy


@pytest.mark.parametrize("copied_pages", [1, 2, 40])
def test_a_store_killed_mid_checkpoint_opens_with_every_row(new_store, keys, tmp_path,
                                                            copied_pages):
    new_store.engine.dispose()
    crashed = _killed_mid_checkpoint(new_store, keys, tmp_path, copied_pages)
    store = open_store(crashed, keys)
    try:
        with store.engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM crash_probe")).scalar() == ROWS
            assert conn.execute(text("PRAGMA integrity_check")).scalar() == "ok"
    finally:
        store.close()


def test_real_damage_is_still_refused(new_store, keys, tmp_path):
    new_store.engine.dispose()
    crashed = _killed_mid_checkpoint(new_store, keys, tmp_path, 1)
    (crashed.root / "jxc.db-wal").unlink()  # the pages that would finish the copy are gone
    with pytest.raises(DatabaseDamaged):
        open_store(crashed, keys)
