"""Item 3: seeded byte and page flips in copies of a store: what notices them, and when.

SQLCipher authenticates every page (HMAC-SHA512), so a flip is never read back as valid
data; the question is whether JXC notices at open, at the sale, or not at all:

- flips in page 1 (salt, header, schema root) are refused at open with WrongKey, whose
  message points to restoring a backup, and the files are left untouched;
- everywhere else in the main file, `PRAGMA cipher_integrity_check` finds every flip, and
  `open_store` runs it: the store is refused with DatabaseDamaged (restore hint), so no
  sale is ever posted on a damaged store (figures printed with -s);
- in the WAL, SQLite replays up to the damaged frame and silently drops every transaction
  committed after it. `app.persistence.walscan` flags every such flip and `open_store`
  refuses the store before SQLite replays the log;
- the -shm file is rebuilt by the first connection: flips in it lose nothing.
"""
from __future__ import annotations

import os
import shutil
import sys
import threading
from collections import Counter
from random import Random

import pytest
from sqlcipher3 import dbapi2 as sqlcipher
from sqlalchemy import text

import harness
from app.persistence import walscan
from reliability_support import admin_actor, copy_store
from app.domain.errors import JxcError
from app.persistence.errors import DatabaseDamaged, StoreError
from app.persistence.layout import DataDir
from app.persistence.store import StoreIdentity, open_store
from helpers import snapshot

PAGE = 4096
SALES = 20


def _with_sales(layout, keys, admin, count: int):
    from app.services.inventory.posting import post_document

    store = open_store(layout, keys)
    for i in range(count):
        post_document(store, admin, harness.sale(0, i, 1))
    return store


@pytest.fixture(scope="module")
def source(shop_template, tmp_path_factory):
    """A closed store of SALES sales (everything checkpointed into jxc.db) and its key."""
    from app.persistence.keystore import KeyringKeyStore

    keys = KeyringKeyStore()
    layout = copy_store(shop_template, tmp_path_factory.mktemp("source") / "store")
    _with_sales(layout, keys, admin_actor(), SALES).close()
    return layout, keys.get(StoreIdentity.read(layout.identity).store_uuid)


@pytest.fixture(scope="module")
def live(shop_template, tmp_path_factory):
    """Files copied while SALES sales sit uncheckpointed in the WAL (a till in use)."""
    from app.persistence.keystore import KeyringKeyStore

    layout = copy_store(shop_template, tmp_path_factory.mktemp("live") / "store")
    store = _with_sales(layout, KeyringKeyStore(), admin_actor(), SALES)
    try:
        return copy_store(layout, layout.root.with_name("copy"))
    finally:
        store.close()


def flips(seed: int, size: int, count: int, pages: int = 0):
    """(description, offset, new bytes): single-bit flips, then whole pages of noise."""
    rng = Random(seed)
    for _ in range(count):
        off = rng.randrange(size)
        yield f"bit {off}", off, None, 1 << rng.randrange(8)
    for _ in range(pages):
        page = rng.randrange(size // PAGE)
        yield f"page {page + 1}", page * PAGE, rng.randbytes(PAGE), 0


def damaged_copy(layout: DataDir, workdir, name: str, target: str, off: int, noise, bit):
    copy = workdir / name
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(layout.root, copy)
    path = copy / target
    data = bytearray(path.read_bytes())
    if noise is None:
        data[off] ^= bit
    else:
        data[off:off + len(noise)] = noise
    path.write_bytes(bytes(data))
    return DataDir(copy)


def integrity_problems(db, key: str) -> list[str]:
    """What `PRAGMA cipher_integrity_check` reports, read-only on the main file."""
    conn = sqlcipher.connect(f"{db.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
    try:
        conn.execute(f"PRAGMA key = \"x'{key}'\"")
        return [row[0] for row in conn.execute("PRAGMA cipher_integrity_check")]
    except sqlcipher.DatabaseError as exc:
        return [f"{type(exc).__name__}: {exc}"]
    finally:
        conn.close()


def open_outcome(layout, keys) -> str:
    try:
        open_store(layout, keys).close()
    except StoreError as exc:
        return "refused: " + type(exc).__name__ if "restore" in exc.message("en") else "store error"
    except Exception as exc:  # noqa: BLE001  (the point is to see what escapes)
        return "raw " + type(exc).__name__
    return "opened"


def test_flips_in_page_one_are_refused_at_open_with_a_restore_hint(source, keys, tmp_path):
    layout, _ = source
    for n, (what, off, noise, bit) in enumerate(flips(1, PAGE, 24)):
        copy = damaged_copy(layout, tmp_path, "c", "jxc.db", off, noise, bit)
        before = snapshot(copy.root)
        assert open_outcome(copy, keys) == "refused: WrongKey", what
        assert snapshot(copy.root) == before, what


MAIN_FLIPS = [pytest.param(48, 6, id="default"),
              pytest.param(900, 100, id="thousand", marks=pytest.mark.slow)]
WAL_FLIPS = [pytest.param(24, id="default"), pytest.param(300, id="many", marks=pytest.mark.slow)]


@pytest.mark.parametrize("bits, pages", MAIN_FLIPS)
def test_cipher_integrity_check_catches_every_flip_in_the_main_file(source, keys, tmp_path,
                                                                    bits, pages):
    layout, key = source
    size, seen = layout.db.stat().st_size, Counter()
    for what, off, noise, bit in flips(2, size, bits, pages=pages):
        copy = damaged_copy(layout, tmp_path, "c", "jxc.db", off, noise, bit)
        outcome = open_outcome(copy, keys)
        caught = integrity_problems(copy.db, key)
        seen[outcome] += 1
        assert caught or outcome != "opened", f"{what}: nothing notices it"
    print(f"\n{bits + pages} flips in a {size // PAGE}-page store: at open {dict(seen)}; "
          f"cipher_integrity_check: {bits + pages} of {bits + pages}")
    assert integrity_problems(layout.db, key) == []  # and the undamaged store is clean


def test_every_flip_in_the_main_file_is_refused_at_open(source, keys, tmp_path):
    layout, _ = source
    for what, off, noise, bit in flips(2, layout.db.stat().st_size, 48, pages=6):
        copy = damaged_copy(layout, tmp_path, "c", "jxc.db", off, noise, bit)
        assert open_outcome(copy, keys).startswith("refused"), what


def _root_page(layout, key: str, table: str) -> int:
    conn = sqlcipher.connect(f"{layout.db.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
    conn.execute(f"PRAGMA key = \"x'{key}'\"")
    page = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()
    conn.close()
    return page[0]


@pytest.mark.parametrize("table", ["stock_balances", "ix_products_pinyin"])
def test_no_sale_on_a_damaged_store_and_a_restore_hint(source, keys, admin, tmp_path, table):
    from app.services.inventory.posting import post_document

    layout, key = source
    off = (_root_page(layout, key, table) - 1) * PAGE + 100
    copy = damaged_copy(layout, tmp_path, "c", "jxc.db", off, None, 0x10)
    assert integrity_problems(copy.db, key)  # the damage is real, and detectable
    with pytest.raises(JxcError) as info:
        store = open_store(copy, keys)
        try:
            post_document(store, admin, harness.sale(1, 0, 1))
        finally:
            store.close()
    assert "restore" in info.value.message("en")


@pytest.mark.parametrize("table", ["stock_balances", "ix_products_pinyin"])
def test_a_big_store_opens_at_once_but_refuses_every_write_until_its_pages_pass(
        source, keys, admin, tmp_path, monkeypatch, table):
    """Above pagecheck.FOREGROUND_BYTES the page check runs on a thread (a million-product
    store opens in milliseconds, not a second); the first sale waits for the verdict and is
    refused on damage, writing nothing."""
    from app.persistence import pagecheck
    from app.services.inventory.posting import post_document

    monkeypatch.setattr(pagecheck, "FOREGROUND_BYTES", 0)  # every store counts as big
    layout, key = source
    off = (_root_page(layout, key, table) - 1) * PAGE + 100
    copy = damaged_copy(layout, tmp_path, "c", "jxc.db", off, None, 0x10)
    before = copy.db.read_bytes()
    store = open_store(copy, keys)  # opens: the check runs behind
    try:
        assert store.page_check.background
        with pytest.raises(DatabaseDamaged) as info:
            post_document(store, admin, harness.sale(1, 0, 1))
        assert store.page_check.done and store.page_check.error is not None
        assert "restore" in info.value.message("en")
        with pytest.raises(DatabaseDamaged):  # and every later write too
            post_document(store, admin, harness.sale(1, 1, 1))
    finally:
        store.close()
    assert copy.db.read_bytes() == before


def test_a_big_healthy_store_sells_once_its_pages_pass(source, keys, admin, tmp_path,
                                                       monkeypatch):
    from app.persistence import pagecheck
    from app.services.inventory.posting import post_document

    monkeypatch.setattr(pagecheck, "FOREGROUND_BYTES", 0)
    layout, _ = source
    copy = damaged_copy(layout, tmp_path, "c", "jxc.db", 0, b"", 0)  # an undamaged copy
    store = open_store(copy, keys)
    try:
        assert store.page_check.background
        post_document(store, admin, harness.sale(1, 0, 1))
        assert store.page_check.done and store.page_check.error is None
    finally:
        store.close()
    assert sales_in(copy, keys) == SALES + 1
    store = open_store(copy, keys)
    check = store.page_check
    store.close()  # closed at once: a check still running is cancelled and gives no verdict
    assert check.cancelled or check.done  # (a fast disk may finish before the close)
    check._done.wait(30)
    assert check.done and check.error is None


def sales_in(layout, keys) -> int:
    store = open_store(layout, keys)
    try:
        with store.engine.connect() as conn:
            return conn.execute(text("SELECT count(*) FROM documents "
                                     "WHERE doc_type = 'sale'")).scalar()
    finally:
        store.close()


def raw_sales(layout, keys) -> int:
    """Sales SQLite itself shows, replaying the WAL as it does (bypassing open_store's scan)."""
    from app.persistence.engine import connect

    key = keys.get(StoreIdentity.read(layout.identity).store_uuid)
    conn = connect(layout.db, key)
    try:
        return conn.execute("SELECT count(*) FROM documents WHERE doc_type = 'sale'").fetchone()[0]
    finally:
        conn.close()


@pytest.mark.parametrize("count", WAL_FLIPS)
def test_every_wal_flip_that_would_drop_sales_is_refused_at_open(live, keys, tmp_path, count):
    wal = live.root / "jxc.db-wal"
    clean = walscan.scan(wal)
    assert not clean.damaged and clean.valid == clean.frames > 0
    refused = 0
    for what, off, noise, bit in flips(3, wal.stat().st_size, count):
        copy = damaged_copy(live, tmp_path, "w", "jxc.db-wal", off, noise, bit)
        before = snapshot(copy.root)
        try:
            opened = sales_in(copy, keys)
        except DatabaseDamaged as exc:
            refused += 1
            assert "restore" in exc.message("en") and snapshot(copy.root) == before, what
            assert raw_sales(copy, keys) < SALES, f"{what}: refused, yet SQLite loses nothing"
            continue
        assert opened == SALES, f"{what}: opened with {SALES - opened} committed sales gone"
    print(f"\n{count} WAL flips ({clean.frames} frames, {SALES} sales): {refused} would have "
          f"dropped committed sales and were refused at open; the others lost nothing")
    assert sales_in(copy_store(live, tmp_path / "clean"), keys) == SALES  # (never open `live`)


def test_a_flip_in_the_wal_is_refused_at_open(live, keys, tmp_path):
    size = (live.root / "jxc.db-wal").stat().st_size
    copy = damaged_copy(live, tmp_path, "w", "jxc.db-wal", size // 2, None, 0x01)
    with pytest.raises(DatabaseDamaged):
        open_store(copy, keys).close()


def test_shm_flips_lose_nothing(live, keys, tmp_path):
    size = (live.root / "jxc.db-shm").stat().st_size
    for what, off, noise, bit in flips(4, size, 12):
        copy = damaged_copy(live, tmp_path, "s", "jxc.db-shm", off, noise, bit)
        assert sales_in(copy, keys) == SALES, what


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="per-thread nice is Linux's")
def test_the_background_page_check_yields_the_cpu_to_the_sale_screen(source, keys, tmp_path,
                                                                     monkeypatch):
    """On a busy till a full-speed check pushed scan lookups from 0.1 ms to 3-8 ms at p99
    (bench barcode_lookup at 1,000,000 products); the check thread runs at nice 19."""
    from app.persistence import pagecheck

    seen = []
    real_probe = pagecheck.probe

    def probe(path, key_hex, **kwargs):
        if threading.current_thread() is not threading.main_thread():
            seen.append(os.getpriority(os.PRIO_PROCESS, threading.get_native_id()))
        return real_probe(path, key_hex, **kwargs)

    monkeypatch.setattr(pagecheck, "FOREGROUND_BYTES", 0)
    monkeypatch.setattr(pagecheck, "probe", probe)
    layout, key = source
    check = pagecheck.PageCheck.start(layout.db, key)
    check.wait()
    assert check.error is None and seen == [19]
    assert os.getpriority(os.PRIO_PROCESS, threading.get_native_id()) != 19  # only that thread
