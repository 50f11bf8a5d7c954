"""`jxc finance export` from the command line."""
from __future__ import annotations

import json

from helpers import ADMIN_PASSWORD, run_jxc


def test_export_and_layouts(tmp_path):
    data = str(tmp_path / "store")
    for args in (["init", "--store-code", "S001", "--store-name", "店", "--admin-password",
                  ADMIN_PASSWORD], ["demo", "--products", "50", "--days", "3", "--seed", "2"]):
        assert run_jxc("--data-dir", data, *args).returncode == 0
    assert "kingdee" in run_jxc("finance", "layouts").stdout
    out = tmp_path / "v.xlsx"
    r = run_jxc("--data-dir", data, "finance", "export", "--from", "2000-01-01", "--to",
                "2099-12-31", "--format", "xlsx", "--out", str(out))
    assert r.returncode == 0, r.stderr
    summary = json.loads(r.stdout)
    assert summary["vouchers"] > 0 and summary["debit"] == summary["credit"] and out.exists()
    r = run_jxc("--data-dir", data, "finance", "export", "--from", "2026-12-02", "--to",
                "2026-12-01", "--out", str(tmp_path / "x.csv"), env={"JXC_LANG": "en"})
    assert r.returncode == 1 and "is after" in r.stderr
    r = run_jxc("--data-dir", data, "finance", "export", "--from", "2026-12-01", "--to",
                "2026-12-01", "--layout", "sap", "--out", str(tmp_path / "x.csv"),
                env={"JXC_LANG": "en"})
    assert r.returncode == 1 and "kingdee" in r.stderr
