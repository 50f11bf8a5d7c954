"""The commands as a user types them, including a restore on a PC whose keyring is empty."""
from __future__ import annotations

import json
import secrets

from app.services.backup import list_backups
from backup_helpers import invoke
from helpers import run_jxc


def _jxc(store, *args, env=None):
    return run_jxc("--data-dir", str(store.layout.root), *args, env={"JXC_LANG": "en", **(env or {})})


def test_restore_on_a_fresh_machine_through_the_escrowed_key(store, tmp_path):
    made = _jxc(store, "backup", "now")
    assert made.returncode == 0, made.stderr
    assert "good" in made.stdout and "Snapshot" in made.stderr  # the progress bars
    [manifest] = list_backups(store.layout.backups)
    archive = store.layout.backups / manifest.file
    escrow = tmp_path / "S001-backup-key.json"
    exported = _jxc(store, "backup", "key", "export", "--output", str(escrow))
    assert exported.returncode == 0, exported.stderr
    assert oct(escrow.stat().st_mode & 0o777) == "0o600"
    assert json.loads(escrow.read_text())["key_id"] == manifest.key_id

    fresh_pc = {"XDG_DATA_HOME": str(tmp_path / "fresh-keyring"), "JXC_LANG": "en"}
    new_dir = tmp_path / "new-pc-store"
    no_key = run_jxc("restore", str(archive), "--data-dir", str(new_dir), env=fresh_pc)
    assert no_key.returncode == 1 and not new_dir.exists()
    assert no_key.stderr.strip().count("\n") == 0 and "--backup-key-file" in no_key.stderr
    wrong = tmp_path / "wrong.key"
    wrong.write_text(secrets.token_hex(32))
    refused = run_jxc("restore", str(archive), "--data-dir", str(new_dir), "--backup-key-file",
                      str(wrong), env={**fresh_pc, "JXC_LANG": "zh_CN"})
    assert refused.returncode == 1 and not new_dir.exists()
    assert refused.stderr.startswith("错误：备份密钥不对") and refused.stderr.count("\n") == 1

    restored = run_jxc("restore", str(archive), "--data-dir", str(new_dir),
                       "--backup-key-file", str(escrow), env=fresh_pc)
    assert restored.returncode == 0, restored.stderr
    assert "all checks passed" in restored.stdout and "Decrypt + restore" in restored.stderr
    assert f"({manifest.row_counts['documents']} documents)" in restored.stdout
    checked = run_jxc("--data-dir", str(new_dir), "verify", "--format", "json", env=fresh_pc)
    assert checked.returncode == 0 and json.loads(checked.stdout)["ok"], checked.stdout
    again = run_jxc("--data-dir", str(new_dir), "backup", "now", env=fresh_pc)  # same escrowed key
    assert again.returncode == 0 and manifest.key_id in again.stdout, again.stderr


def test_health_command_reports_and_fails_on_errors(store, cli):
    first = invoke(cli, store, "health", "--format", "json")
    report = json.loads(first.stdout)
    by_name = {c["name"]: c for c in report["checks"]}
    assert set(by_name) == {"database", "ledger", "audit", "outbox", "backup", "printer"}
    assert by_name["database"]["severity"] == "ok" and by_name["backup"]["severity"] == "warning"
    assert first.exit_code == 0 and by_name["backup"]["zh"] and by_name["backup"]["en"]
    from sqlalchemy import text

    with store.engine.begin() as conn:
        conn.execute(text("DROP TRIGGER audit_log_no_update"))
        conn.execute(text("UPDATE audit_log SET detail = replace(detail, '1000', '999')"))
    broken = invoke(cli, store, "health")
    assert broken.exit_code == 1
    assert any(line.startswith("ERROR") and "audit" in line for line in broken.stdout.splitlines())
    zh = invoke(cli, store, "health", lang="zh_CN")
    assert "审计链发现" in zh.stdout


def test_key_export_never_overwrites_a_file(store, cli, tmp_path):
    existing = tmp_path / "keep.txt"
    existing.write_text("precious")
    result = invoke(cli, store, "backup", "key", "export", "--output", str(existing))
    assert result.exit_code == 1 and "never overwritten" in result.output
    assert existing.read_text() == "precious"


def test_backup_now_if_due_runs_once_per_night(store, cli):
    first = invoke(cli, store, "backup", "now", "--if-due")
    assert first.exit_code == 0 and "good" in first.output, first.output
    second = invoke(cli, store, "backup", "now", "--if-due")
    assert second.exit_code == 0 and "No backup due" in second.output
    assert len(list_backups(store.layout.backups)) == 1
    table = invoke(cli, store, "backup", "list")
    assert " good " in table.output and "MB" in table.output
