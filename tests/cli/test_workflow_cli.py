"""Purchase orders, approvals, posting rules and settings from the command line."""
from __future__ import annotations

import json

from helpers import ADMIN_PASSWORD, run_jxc


def _store(tmp_path):
    data = tmp_path / "store"
    for args in (["init", "--store-code", "S001", "--store-name", "店", "--admin-password",
                  ADMIN_PASSWORD], ["demo", "--products", "50"]):
        r = run_jxc("--data-dir", str(data), *args)
        assert r.returncode == 0, r.stderr
    return data


def _file(tmp_path, name, content):
    path = tmp_path / name
    path.write_text(json.dumps(content, ensure_ascii=False), encoding="utf-8")
    return str(path)


def test_order_approval_receipt_rules_and_settings(tmp_path):
    data = _store(tmp_path)

    def jxc(*args):
        return run_jxc("--data-dir", str(data), *args)

    order = {"type": "purchase_order", "id": "po-1", "supplier": "G00001",
             "lines": [{"sku": "P0000001", "qty": "100", "unit_cost": "1.00"}]}
    r = jxc("approval", "add", "--type", "purchase_order", "--min-total", "50.00",
            "--levels", "store_manager,admin")
    assert r.returncode == 0, r.stderr
    r = jxc("doc", "post", _file(tmp_path, "po.json", order))
    assert r.returncode == 0 and "waiting for approval: purchase_order, id po-1" in r.stdout
    pending = json.loads(jxc("doc", "pending", "--format", "json").stdout)
    assert [(p["id"], p["level"], p["levels"]) for p in pending] == [("po-1", 1, 1)]
    r = jxc("doc", "approve", "po-1", "--comment", "同意")
    assert r.returncode == 0 and "posted: CG-S001-" in r.stdout, r.stderr
    assert "level 1 approved by admin" in jxc("doc", "history", "po-1").stdout

    receipt = {"type": "purchase_receipt", "id": "rk-1", "order": "po-1",
               "lines": [{"sku": "P0000001", "qty": "40", "confirm_price": True}]}
    assert jxc("doc", "post", _file(tmp_path, "rk.json", receipt)).returncode == 0
    shown = json.loads(jxc("doc", "show", "po-1", "--format", "json").stdout)
    assert shown["order_state"] == "partial"
    assert (shown["lines"][0]["received"], shown["lines"][0]["open"]) == ("40", "60")

    bad_rules = _file(tmp_path, "bad.json", [{"side": "debit", "account": "5711", "amount": "value"}])
    r = jxc("accounts", "set-rules", "write_off", bad_rules)
    assert r.returncode == 1 and ("balance" in r.stderr.lower() or "借贷不平" in r.stderr)
    good = _file(tmp_path, "good.json", [{"side": "debit", "account": "1901", "amount": "value"},
                                        {"side": "credit", "account": "1405", "amount": "value"}])
    assert jxc("accounts", "set-rules", "write_off", good).returncode == 0
    rules = json.loads(jxc("accounts", "rules", "--format", "json").stdout)
    assert rules["write_off"]["custom"] and rules["sale"]["custom"] is False

    r = jxc("settings", "set", "negative_stock.back_office", "sometimes")
    assert r.returncode == 1 and "allow" in r.stderr
    assert jxc("settings", "set", "negative_stock.back_office", "allow").returncode == 0
    listed = json.loads(jxc("settings", "list", "--format", "json").stdout)
    assert {s["key"]: s["value"] for s in listed}["negative_stock.back_office"] == "allow"
    assert jxc("verify").returncode == 0
