"""Item 4: the store on a tiny file system that fills up.

The data directory lives on a 4 MiB tmpfs (else an ext4 loop device; else the tests skip
saying why: both need root). A filler file takes every free block, then sales are posted
until one cannot be written. Shown: the refused sale left nothing behind, every sale
acknowledged before is whole, the failure repeats rather than corrupting anything, and once
space is freed the same sale posts with the next gap-free number and `jxc verify` passes.

The refusal is one line telling the user to free disk space (DiskFull, from the engine's
error translation), also for a CLI started while the disk is full (it cannot create the
-shm: DiskError, never "wrong key"); the log handler, unable to flush, stays quiet.
Printing and the cash drawer come after the commit (issue 4): a sale that raises here is
never printed.
"""
from __future__ import annotations

import errno
import json
import os
import subprocess
from contextlib import contextmanager

import pytest

import harness
import invariants
from app.domain.errors import JxcError
from reliability_support import admin_actor, copy_store
from crashloop import cli_verify
from helpers import run_jxc

SIZE = "4m"


def _mount(target) -> str | None:
    """Mount a tiny file system on target; None when it worked, else why not."""
    if os.geteuid() != 0:
        return "mounting a size-limited file system needs root"
    tried = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={SIZE}", "tmpfs", str(target)],
                           capture_output=True, text=True)
    if tried.returncode == 0:
        return None
    image = target.with_name("fs.img")
    steps = [["truncate", "-s", SIZE.upper(), str(image)], ["mkfs.ext4", "-q", str(image)],
             ["mount", "-o", "loop", str(image), str(target)]]
    for step in steps:
        done = subprocess.run(step, capture_output=True, text=True)
        if done.returncode != 0:
            return (f"no tmpfs ({tried.stderr.strip()}) and no loop device "
                    f"({' '.join(step[:2])}: {done.stderr.strip()})")
    return None


@contextmanager
def mounted(workdir):
    target = workdir / "mnt"
    target.mkdir()
    why = _mount(target)
    if why:
        pytest.skip(why)
    try:
        yield target
    finally:
        subprocess.run(["umount", str(target)], capture_output=True)
        if os.path.ismount(target):  # something still holds a file: detach it anyway
            subprocess.run(["umount", "-l", str(target)], capture_output=True)


@pytest.fixture
def tiny(tmp_path):
    with mounted(tmp_path) as target:
        yield target


def fill(directory) -> int:
    """Take every free block with one file; returns its size."""
    fd = os.open(directory / "filler", os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        for chunk in (1 << 16, 4096, 512):
            while True:
                try:
                    os.write(fd, bytes(chunk))
                except OSError as exc:
                    if exc.errno != errno.ENOSPC:
                        raise
                    break
    finally:
        os.close(fd)
    return (directory / "filler").stat().st_size


def _post_until_refused(store, admin, start: int):
    from app.services.inventory.posting import post_document

    acked = {}
    for index in range(start, start + 100):
        raw = harness.sale(0, index, 1)
        try:
            acked[raw["id"]] = post_document(store, admin, raw).number
        except Exception as exc:  # noqa: BLE001  (what a full disk raises is the question)
            return acked, raw, exc
    pytest.fail("100 sales fitted on a full file system?")


def test_a_sale_that_cannot_be_written_leaves_nothing_and_work_resumes(shop_template, tiny, keys,
                                                                       admin):
    from app.persistence.store import open_store
    from app.services.inventory.posting import post_document

    layout = copy_store(shop_template, tiny / "store")
    store = open_store(layout, keys)
    try:
        acked = {r["id"]: post_document(store, admin, r).number
                 for r in (harness.sale(0, i, 1) for i in range(3))}
        assert fill(tiny) > 0
        more, refused, error = _post_until_refused(store, admin, 3)
        acked.update(more)
        assert "full" in str(error)
        before = invariants.fingerprint(store)
        with pytest.raises(Exception, match="full"):  # still full: refused again, no damage
            post_document(store, admin, refused)
        assert invariants.fingerprint(store) == before
        posted = invariants.posted_ids(store)
        assert refused["id"] not in posted
        assert all(posted[sid] == number for sid, number in acked.items())
        assert invariants.documents_complete(store) == [] and invariants.gap_free(store) == []
        os.unlink(tiny / "filler")
        result = post_document(store, admin, refused)
        assert not result.replayed and result.number.endswith(f"-{len(acked) + 1:04d}")
        post_document(store, admin, harness.sale(0, 999, 1))
        assert invariants.documents_complete(store) == [] and invariants.gap_free(store) == []
    finally:
        store.close()
    assert cli_verify(layout.root, in_process=False) == []


def test_a_full_disk_is_a_clear_error(shop_template, tiny, keys, admin):
    from app.persistence.store import open_store

    store = open_store(copy_store(shop_template, tiny / "store"), keys)
    try:
        fill(tiny)
        _, _, error = _post_until_refused(store, admin, 0)
        assert isinstance(error, JxcError) and "disk" in error.message("en")
    finally:
        store.close()


def _cli_post(layout, workdir, index: int):
    doc = workdir / f"sale-{index}.json"
    doc.write_text(json.dumps(harness.sale(0, index, 1)), encoding="utf-8")
    return run_jxc("--data-dir", str(layout.root), "doc", "post", str(doc),
                   env={"JXC_LANG": "en"})


@pytest.fixture(scope="module", params=["till open", "store closed"])
def full_cli(request, shop_template, tmp_path_factory):
    """`jxc doc post` (a real subprocess) on a full disk, while the till holds the store open
    (the CLI opens fine and fails at the commit) or while nothing does (the CLI cannot even
    open it: SQLite has no room for the -shm). Yields (mount, layout, workdir, refused run,
    index of its sale); computed once per case for the two tests that read it."""
    from app.persistence.keystore import KeyringKeyStore
    from app.persistence.store import open_store
    from app.services.inventory.posting import post_document

    workdir = tmp_path_factory.mktemp("full-cli")
    with mounted(workdir) as tiny:
        layout = copy_store(shop_template, tiny / "store")
        first = _cli_post(layout, workdir, 0)  # starts the log file while there is room
        assert first.returncode == 0, first.stderr
        till = open_store(layout, KeyringKeyStore()) if request.param == "till open" else None
        try:
            if till is not None:  # the till sells: its WAL and -shm exist
                post_document(till, admin_actor(), harness.sale(1, 0, 1))
            fill(tiny)
            refused = next(((index, done) for index in range(1, 40)
                            if (done := _cli_post(layout, workdir, index)).returncode != 0), None)
            assert refused is not None, "the CLI posted 39 sales on a full file system?"
            yield tiny, layout, workdir, refused[1], refused[0]
        finally:
            if till is not None:
                till.close()


def test_the_cli_refuses_a_sale_on_a_full_disk_and_posts_it_later(full_cli, keys):
    from app.persistence.store import open_store

    tiny, layout, workdir, done, index = full_cli
    assert done.returncode == 1 and "posted" not in done.stdout
    os.unlink(tiny / "filler")
    again = _cli_post(layout, workdir, index)
    assert again.returncode == 0 and again.stdout.startswith("posted: XS-S001-"), again.stderr
    store = open_store(layout, keys)
    try:
        assert invariants.documents_complete(store) == [] and invariants.gap_free(store) == []
    finally:
        store.close()
    assert cli_verify(layout.root, in_process=False) == []


def test_the_cli_says_the_disk_is_full_in_one_line(full_cli):
    done = full_cli[3]
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert "disk" in done.stderr and "key" not in done.stderr and "internal" not in done.stderr
