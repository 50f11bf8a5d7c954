"""Item 2: a store never runs with settings that could lose a committed sale on power loss.

tests/persistence/test_durability_settings.py already shows that a connection that cannot
use WAL is refused and that pooled connections are checked. Here, beyond that:

- a weaker setting on any connection (synchronous NORMAL or OFF, a rollback journal) makes
  `open_store` refuse with `UnsafeSettings`, and the store opens normally afterwards;
- a database someone switched to a rollback journal is put back into WAL at open;
- at the system-call level (strace): before `post_document` returns, the WAL frames of the
  sale have been written AND fsync'ed. The same detector run on a connection with
  synchronous=NORMAL finds no such fsync, so it would catch a regression.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys

import pytest
from sqlcipher3 import dbapi2 as sqlcipher

import harness
from helpers import ROOT, snapshot

WEAKER = [("synchronous", "PRAGMA synchronous = NORMAL"), ("synchronous", "PRAGMA synchronous = OFF"),
          ("journal_mode", "PRAGMA journal_mode = DELETE"),
          ("journal_mode", "PRAGMA journal_mode = TRUNCATE"),
          ("journal_mode", "PRAGMA journal_mode = MEMORY")]


@pytest.mark.parametrize("pragma, statement", WEAKER)
def test_open_refuses_a_connection_with_a_weaker_setting(shop, keys, monkeypatch, pragma, statement):
    """As if the file system or a build ignored our setting: the read-back catches it."""
    from app.persistence import engine
    from app.persistence.errors import UnsafeSettings
    from app.persistence.store import open_store

    expected = engine.REQUIRED_PRAGMAS[pragma][1]
    before = snapshot(shop.root)
    monkeypatch.setitem(engine.REQUIRED_PRAGMAS, pragma, (statement, expected))
    with pytest.raises(UnsafeSettings) as info:
        open_store(shop, keys)
    assert info.value.params["pragma"] == pragma
    assert "power loss" in info.value.message("en") and "断电" in info.value.message("zh_CN")
    if pragma == "synchronous":  # nothing was written; (switching the journal rewrites the header)
        assert snapshot(shop.root) == before
    monkeypatch.undo()
    store = open_store(shop, keys)  # and the store is intact and safe again
    try:
        with store.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2
            assert conn.exec_driver_sql("SELECT count(*) FROM documents").scalar() == 1
    finally:
        store.close()


def test_a_database_left_in_rollback_journal_mode_is_put_back_in_wal(shop, keys):
    from app.persistence.store import StoreIdentity, open_store

    key = keys.get(StoreIdentity.read(shop.identity).store_uuid)
    raw = sqlcipher.connect(str(shop.db), isolation_level=None)
    raw.execute(f"PRAGMA key = \"x'{key}'\"")
    assert raw.execute("PRAGMA journal_mode = DELETE").fetchone()[0] == "delete"
    raw.close()
    store = open_store(shop, keys)
    try:
        with store.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2
    finally:
        store.close()


def _strace(args: list[str], out) -> list[str]:
    if shutil.which("strace") is None:
        pytest.skip("strace is not installed: the fsync ordering cannot be observed")
    log = out / "strace.txt"
    done = subprocess.run(["strace", "-f", "-y", "-e", "trace=fsync,fdatasync,pwrite64,write",
                           "-o", str(log), *args], capture_output=True, text=True, cwd=ROOT,
                          timeout=120)
    if done.returncode != 0 and "ptrace" in done.stderr:
        pytest.skip(f"strace cannot trace here: {done.stderr.strip()[:200]}")
    assert done.returncode == 0, done.stderr
    assert "ACK" in done.stdout
    return log.read_text().splitlines()


def wal_synced_before_ack(lines: list[str]) -> tuple[bool, int]:
    """(an fsync/fdatasync of the -wal follows its last write before the ACK, frames written)"""
    ack = next(i for i, l in enumerate(lines) if re.search(r'write\(1<[^>]*>, "ACK', l))
    writes = [i for i, l in enumerate(lines[:ack]) if re.search(r"pwrite64\(\d+<[^>]*-wal>", l)]
    if not writes:
        return False, 0
    synced = any(re.search(r"f(data)?sync\(\d+<[^>]*-wal>\)", l) for l in lines[writes[-1]:ack])
    return synced, len(writes)


def test_a_sale_is_on_disk_before_post_document_returns(shop, tmp_path):
    lines = _strace([sys.executable, harness.__file__, "once", str(shop.root)], tmp_path)
    synced, frames = wal_synced_before_ack(lines)
    assert frames > 0, "the sale wrote no WAL frames?"
    assert synced, "post_document returned before the WAL was fsync'ed"


def test_the_fsync_detector_catches_synchronous_normal(tmp_path):
    """The same check on a plain WAL connection with synchronous=NORMAL: no fsync at commit."""
    script = ("import os, sys\nfrom sqlcipher3 import dbapi2 as s\n"
              "c = s.connect(sys.argv[1], isolation_level=None)\n"
              "c.execute(\"PRAGMA key = \\\"x'\" + '11' * 32 + \"'\\\"\")\n"
              "c.execute('PRAGMA journal_mode = WAL'); c.execute('PRAGMA synchronous = NORMAL')\n"
              "c.execute('CREATE TABLE t(x)')\n"
              "for i in range(3): c.execute('INSERT INTO t VALUES (?)', (i,))\n"
              "os.write(1, b'ACK\\n')\n")
    lines = _strace([sys.executable, "-c", script, str(tmp_path / "weak.db")], tmp_path)
    synced, frames = wal_synced_before_ack(lines)
    assert frames > 0 and not synced
    assert os.path.exists(tmp_path / "weak.db")
