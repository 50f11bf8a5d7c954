"""One sync worker per data directory, and a crash never leaves the lock behind."""
from __future__ import annotations

import subprocess
import sys

import pytest

from app.sync.errors import SyncBusy
from app.sync.lock import LOCK_FILE, SyncLock
from app.sync.backoff import Backoff

HOLD = """
import sys, time
from pathlib import Path
from app.sync.lock import SyncLock
with SyncLock(Path(sys.argv[1])):
    print("held", flush=True)
    time.sleep(60)
"""


def test_a_second_worker_is_refused_while_the_first_runs(tmp_path):
    with SyncLock(tmp_path):
        with pytest.raises(SyncBusy) as err:
            with SyncLock(tmp_path):
                pass
        assert str(__import__("os").getpid()) in err.value.message("en")
    with SyncLock(tmp_path):  # released on exit
        pass


def test_a_crashed_worker_releases_the_lock(tmp_path):
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(tmp_path)],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(SyncBusy) as err:
            with SyncLock(tmp_path):
                pass
        assert str(holder.pid) in err.value.message("en")
    finally:
        holder.kill()  # SIGKILL: no cleanup code runs
        holder.wait()
    assert (tmp_path / LOCK_FILE).exists()  # the file stays; the OS dropped the lock
    with SyncLock(tmp_path):
        pass


def test_backoff_grows_exponentially_with_full_jitter():
    import random

    backoff = Backoff(base=0.5, cap=8.0, rng=random.Random(1))
    samples = {n: [backoff.delay(n) for _ in range(400)] for n in (1, 2, 3, 6)}
    assert max(samples[1]) <= 0.5 and max(samples[2]) <= 1.0 and max(samples[6]) <= 8.0
    assert max(samples[3]) > 1.5 and min(samples[3]) < 0.2  # spread over [0, 2]
    assert sum(samples[6]) / 400 == pytest.approx(4.0, rel=0.15)
