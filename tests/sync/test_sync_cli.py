"""The commands as people use them: head office adds a store and a terminal, the till
enrolls, sells, syncs; head office reports; a revoked till keeps selling, sync disabled."""
from __future__ import annotations

import json
from datetime import date

import keyring
from click.testing import CliRunner

from app.cli import cli, register_commands
from app.sync.credentials import SERVICE, entry_name
from helpers import run_jxc
from hqtest import new_till

EN = {"JXC_LANG": "en"}


def hq_cli(hq, *args: str):
    register_commands()
    result = CliRunner().invoke(cli, ["hq", *args], env={"JXC_HQ_DB": hq.url, **EN})
    assert result.exit_code == 0, result.output
    return result.output


def jxc(*args: str):
    """A terminal command in this process (run_jxc costs a second or two per call)."""
    register_commands()
    return CliRunner().invoke(cli, list(args), env=EN)


def test_enroll_sell_sync_report_revoke(hq, tmp_path):
    till = new_till(hq.engine, hq.base_url, tmp_path, enroll=False, terminal="setup")
    code = till.code
    added = json.loads(hq_cli(hq, "terminal", "add", code, "till-1", "--format", "json"))
    till.sell("2")
    till.sell("1.5", sku="RICE")
    till.store.close()
    data = str(till.store.layout.root)

    r = jxc("--data-dir", data, "enroll", hq.base_url, added["enrollment_code"])
    assert r.exit_code == 0 and "Enrolled as terminal till-1" in r.output, r.output
    r = run_jxc("--data-dir", data, "sync", "now", "--format", "json", env=EN)  # a real process
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["applied"] == 3 and json.loads(r.stdout)["pending"] == 0
    r = jxc("--data-dir", data, "sync", "status", "--format", "json")
    status = json.loads(r.output)
    assert (status["state"], status["pending"], status["failed"], status["sent"]) == ("ok", 0, 0, 3)
    assert status["last_success"] and status["terminal"] == "till-1"

    stock = json.loads(hq_cli(hq, "stock", "--store", code, "--sku", "RICE", "--format", "json"))
    assert [(r["warehouse"], r["qty"], r["value"]) for r in stock["rows"]] == [
        ("MAIN", "4998.5", "24992.50")]
    today = date.today().isoformat()
    sales = json.loads(hq_cli(hq, "sales", "--store", code, "--from", "2000-01-01", "--to",
                              "2100-01-01", "--format", "json"))
    assert sales["total"] == "19.00" and {r["sku"] for r in sales["rows"]} == {"COLA", "RICE"}
    assert "COLA" in hq_cli(hq, "stock", "--store", code) and today[:4] in hq_cli(
        hq, "sales", "--store", code, "--from", "2000-01-01", "--to", "2100-01-01")

    hq_cli(hq, "terminal", "revoke", code, "till-1")
    r = jxc("--data-dir", data, "sync", "now")
    assert r.exit_code == 1 and r.output.startswith("Error: Sync disabled")
    assert len(r.output.strip().splitlines()) == 1
    r = jxc("--data-dir", data, "sync", "status")
    assert "sync disabled" in r.output

    uuid = json.loads((till.store.layout.root / "store.json").read_text())["store_uuid"]
    token = keyring.get_password(SERVICE, entry_name(uuid))
    assert token and token.startswith("jxct_")
    log = (till.store.layout.logs / "jxc.log").read_text(encoding="utf-8")
    assert "sync pass" in log and token not in log and token not in hq.server.log()
    assert added["enrollment_code"] not in hq.server.log()


def test_sync_without_enrollment_says_what_to_do(hq, tmp_path):
    till = new_till(hq.engine, hq.base_url, tmp_path, enroll=False)
    till.store.close()
    r = jxc("--data-dir", str(till.store.layout.root), "sync", "now")
    assert r.exit_code == 1 and "Error: This terminal is not enrolled" in r.output
    assert "jxc enroll" in r.output
