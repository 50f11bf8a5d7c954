"""Several stores sell offline, reconnect and converge at head office; a store restored
from an old backup is caught by its audit anchor."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

from app.persistence.keystore import KeyringKeyStore
from app.persistence.store import open_store
from app.sync.errors import HqUnreachable
from headoffice import queries
from helpers import ROOT
from hqtest import Till, hq_counts
from test_sync_faults import point_at


def test_offline_stores_reconnect_in_parallel_processes_and_converge(hq, tills):
    group = [tills() for _ in range(3)]
    for n, till in enumerate(group):
        point_at(till, "http://127.0.0.1:9")  # the line to head office is down
        for k in range(3 + n):
            till.sell(str(k + 1))
        with pytest.raises(HqUnreachable):
            till.uplink(attempts=1).sync_now()
        assert till.status()["state"] == "offline"
        point_at(till, hq.base_url)
    procs = [subprocess.Popen([sys.executable, "-m", "app", "--data-dir",
                               str(t.store.layout.root), "sync", "now", "--format", "json"],
                              cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for t in group]
    group[0].sell()  # the till keeps selling while its sync process runs
    outputs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0], outputs
    assert [json.loads(out)["applied"] for out, _ in outputs][1:] == [5, 6]
    group[0].uplink().sync_now()
    for till in group:
        assert till.status()["pending"] == 0
        assert hq_counts(hq.engine, till.code) == {"events": till.outbox_count(),
                                                  "stock": till.balances()}


def test_a_store_restored_from_an_old_backup_is_flagged(hq, tills, tmp_path):
    till = tills()
    till.sell()
    till.uplink().sync_now()
    till.store.close()
    backup = tmp_path / "backup"
    shutil.copytree(till.store.layout.root, backup)
    till.store = open_store(till.store.layout, KeyringKeyStore())
    till.sell()
    till.sell()
    till.uplink().sync_now()
    till.store.close()
    # The PC dies; last week's copy is restored and selling goes on from there.
    shutil.rmtree(till.store.layout.root)
    shutil.copytree(backup, till.store.layout.root)
    restored = Till(open_store(till.store.layout, KeyringKeyStore()), till.code, hq.base_url,
                    sales=10)
    till.store = restored.store
    restored.sell("2")
    report = restored.uplink().sync_now()
    assert report.applied == 1
    flags = {(f["kind"], f["seq"]) for f in queries.audit_flags(hq.engine, till.code)["flags"]}
    assert ("fork", 3) in flags and ("regression", 3) in flags
    assert {f["kind"] for f in report.audit_flags} == {"fork", "regression"}
    summary = queries.events_summary(hq.engine, till.code)["terminals"]
    assert summary == [{"name": "till-1", "events": 5, "max_seq": 4, "flagged": 1}]
