"""The inventory commands as a user runs them: post a file, show, stock, verify."""
from __future__ import annotations

import json

from helpers import ADMIN_PASSWORD, run_jxc

DOCS = [
    {"type": "opening_stock", "id": "open-1", "lines": [{"sku": "P0000001", "qty": "20",
                                                          "unit_cost": "1.00"}]},
    {"type": "sale", "id": "sale-1", "lines": [{"sku": "P0000001", "qty": "12", "unit_price": "2.50"}],
     "payments": [{"method": "cash", "amount": "30.00"}]},
]


def _store(tmp_path):
    data = tmp_path / "store"
    for args in (["init", "--store-code", "S001", "--store-name", "店", "--admin-password",
                  ADMIN_PASSWORD], ["demo", "--products", "50"]):
        r = run_jxc("--data-dir", str(data), *args)
        assert r.returncode == 0, r.stderr
    return data


def test_post_show_stock_verify(tmp_path):
    data = _store(tmp_path)
    file = tmp_path / "docs.json"
    file.write_text(json.dumps(DOCS, ensure_ascii=False), encoding="utf-8")
    r = run_jxc("--data-dir", str(data), "doc", "post", str(file))
    assert r.returncode == 0, r.stderr
    assert "posted: QC-S001-" in r.stdout and "posted: XS-S001-" in r.stdout
    again = run_jxc("--data-dir", str(data), "doc", "post", str(file))
    assert again.stdout.count("already posted") == 2
    shown = json.loads(run_jxc("--data-dir", str(data), "doc", "show", "sale-1",
                               "--format", "json").stdout)
    assert shown["lines"][0]["cogs"] == "12.00"
    assert {(v["account"], v["debit"], v["credit"]) for v in shown["voucher"]} >= {
        ("1001", "30.00", "0.00"), ("5401", "12.00", "0.00"), ("1405", "0.00", "12.00")}
    rows = json.loads(run_jxc("--data-dir", str(data), "stock", "--sku", "P0000001",
                              "--format", "json").stdout)
    assert rows == [{"sku": "P0000001", "name": rows[0]["name"], "warehouse": "MAIN",
                     "on_hand": "8", "value": "8.00"}]
    before = json.loads(run_jxc("--data-dir", str(data), "stock", "--as-of", "2020-01-01",
                                "--format", "json").stdout)
    assert before == []
    report = run_jxc("--data-dir", str(data), "verify", "--format", "json")
    assert report.returncode == 0 and json.loads(report.stdout)["ok"] is True


def test_bad_file_and_bad_document_are_one_line(tmp_path):
    data = _store(tmp_path)
    bad = tmp_path / "bad.json"
    bad.write_text('{"type": "sale", ', encoding="utf-8")
    r = run_jxc("--data-dir", str(data), "doc", "post", str(bad), env={"JXC_LANG": "en"})
    assert r.returncode == 1 and r.stderr.count("\n") == 1 and "not valid JSON" in r.stderr
    unknown = tmp_path / "unknown.json"
    unknown.write_text(json.dumps({"type": "sale", "id": "x", "lines": [{"sku": "NOPE", "qty": "1"}]}))
    r = run_jxc("--data-dir", str(data), "doc", "post", str(unknown))
    assert r.returncode == 1 and "找不到商品“NOPE”" in r.stderr


def test_verify_fails_with_a_report(tmp_path):
    data = _store(tmp_path)
    file = tmp_path / "docs.json"
    file.write_text(json.dumps(DOCS[:1]), encoding="utf-8")
    assert run_jxc("--data-dir", str(data), "doc", "post", str(file)).returncode == 0
    from app.bootstrap import open_local_store
    from app.persistence.layout import DataDir
    from sqlalchemy import text

    store = open_local_store(DataDir(data))
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE stock_balances SET value_fen = value_fen + 1"))
    store.close()
    r = run_jxc("--data-dir", str(data), "verify")
    assert r.returncode == 1 and "FAIL stock_equals_ledger" in r.stdout
    fixed = run_jxc("--data-dir", str(data), "verify", "--repair-projection")
    assert fixed.returncode == 0 and "projection rebuilt" in fixed.stdout
