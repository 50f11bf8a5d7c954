"""A backup killed mid-way (SIGKILL: no cleanup code runs) is never marked good; it is
listed as incomplete and the next backup removes what it left."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pytest

from app.services.backup import GOOD, INCOMPLETE, list_backups, run_backup
from backup_helpers import FAST, invoke
from helpers import ROOT

KILLED_BACKUP = """
import sys, time
from pathlib import Path
from app.persistence.keystore import KeyringKeyStore
from app.persistence.layout import DataDir
from app.persistence.store import open_store
from app.services.backup import BackupSettings, KeyringBackupKeyStore, run_backup

root, phase, marker = sys.argv[1:4]
store = open_store(DataDir(Path(root)), KeyringKeyStore())

def progress(current, done, total):
    if current == phase and done > 0:
        Path(marker).write_text(current)
        time.sleep(120)  # the test kills us here

run_backup(store, KeyringKeyStore(), KeyringBackupKeyStore(), BackupSettings(pages_per_step=4),
           progress)
"""

pytestmark = pytest.mark.skipif(os.name == "nt", reason="SIGKILL is POSIX")


def _kill_during(store, phase: str, tmp_path) -> None:
    marker = tmp_path / f"reached-{phase}"
    proc = subprocess.Popen([sys.executable, "-c", KILLED_BACKUP, str(store.layout.root), phase,
                             str(marker)], cwd=ROOT, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not marker.exists():
        assert proc.poll() is None, proc.stderr.read()
        assert time.monotonic() < deadline, "the backup never reached " + phase
        time.sleep(0.02)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(10)
    proc.stderr.close()


@pytest.mark.parametrize("phase", ["snapshot", "pack", "unpack", "verify"])
def test_a_backup_killed_mid_way_is_never_good_and_is_cleaned_up(store, keys, backup_keys, cli,
                                                                 tmp_path, phase):
    _kill_during(store, phase, tmp_path)
    listed = list_backups(store.layout.backups)
    assert [m.status for m in listed] == [INCOMPLETE]
    assert listed[0].phase == {"unpack": "verify"}.get(phase, phase)  # the trial restore unpacks
    assert not (store.layout.backups / listed[0].file).exists() or phase in ("unpack", "verify")
    leftovers = {p.name for p in store.layout.backups.iterdir()}
    assert any(n.startswith(".work-") for n in leftovers)  # what the crash left behind
    if phase == "pack":  # what a user sees
        shown = invoke(cli, store, "backup", "list", "--format", "json")
        assert [(r["status"], r["phase"]) for r in json.loads(shown.stdout)] == [("incomplete", "pack")]
        assert (store.layout.backups / (listed[0].file + ".part")).exists()

    manifest = run_backup(store, keys, backup_keys, FAST)  # the next run cleans up, then works
    assert [(m.id, m.status) for m in list_backups(store.layout.backups)] == [(manifest.id, GOOD)]
    names = {p.name for p in store.layout.backups.iterdir()}
    assert names == {manifest.file, manifest.id + ".manifest.json", ".backup.lock"}
