"""`jxc warehouse`, `jxc plan demand`, `jxc kitchen requisition` from the command line."""
from __future__ import annotations

import json

from helpers import ADMIN_PASSWORD, run_jxc


def test_warehouse_plan_and_requisition(tmp_path):
    data = str(tmp_path / "store")

    def jxc(*args):
        return run_jxc("--data-dir", data, *args, env={"JXC_LANG": "en"})

    assert jxc("init", "--store-code", "S001", "--store-name", "店", "--admin-password",
               ADMIN_PASSWORD).returncode == 0
    assert jxc("demo", "--products", "50").returncode == 0
    assert jxc("warehouse", "add", "kitchen", "--name", "厨房").stdout.strip() == "KITCHEN"
    assert "KITCHEN" in jxc("warehouse", "list").stdout
    plan = json.loads(jxc("plan", "demand", "--format", "json").stdout)
    assert plan["days"] == 7 and plan["lines"] == []  # no recipes, nothing to plan
    sku = "P0000001"
    opening = tmp_path / "open.json"
    opening.write_text(json.dumps({"type": "opening_stock", "id": "o1", "lines": [
        {"sku": sku, "qty": "3", "unit_cost": "1.00"}]}))
    assert jxc("doc", "post", str(opening)).returncode == 0
    r = jxc("kitchen", "requisition", "req-1", "--line", f"{sku}=1")
    assert r.returncode == 0 and r.stdout.startswith("posted: "), r.stderr
    moved = json.loads(jxc("stock", "--sku", sku, "--warehouse", "KITCHEN", "--format", "json").stdout)
    assert moved[0]["on_hand"] == "1"
    r = jxc("kitchen", "requisition", "req-2", "--line", "nonsense")
    assert r.returncode != 0 and "SKU=QTY" in r.stderr
