"""The `jxc` command as a user runs it: one clear line on error, help everywhere."""
from __future__ import annotations

import json

import click
import keyring
import pytest
from click.testing import CliRunner

from app import __version__
from app.cli import cli, main  # noqa: F401  (main registers the commands)
from app.persistence.keystore import SERVICE, entry_name
from app.persistence.store import StoreIdentity
from helpers import ADMIN_PASSWORD, run_jxc, snapshot


@pytest.fixture(scope="module")
def registered():
    from app.cli import register_commands

    register_commands()
    return cli


def _init(tmp_path, code="S001"):
    data = tmp_path / "store"
    r = run_jxc("--data-dir", str(data), "init", "--store-code", code, "--store-name", "人民路店",
                "--admin-password", ADMIN_PASSWORD)
    assert r.returncode == 0, r.stderr
    return data


def test_init_then_info_as_json(tmp_path):
    data = _init(tmp_path)
    r = run_jxc("--data-dir", str(data), "info", "--format", "json")
    assert r.returncode == 0, r.stderr
    info = json.loads(r.stdout)
    assert info["store_code"] == "S001" and info["store_name"] == "人民路店"
    assert info["cipher_version"].startswith("4.")
    assert info["warehouses"] == 1


def test_data_dir_from_environment(tmp_path):
    data = _init(tmp_path)
    r = run_jxc("info", "--format", "json", env={"JXC_DATA_DIR": str(data)})
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["data_dir"] == str(data.resolve())


@pytest.mark.parametrize("lang, expected", [("zh_CN", "错误：找不到门店 S001 的数据库密钥"),
                                            ("en", "Error: The database key of store S001")])
def test_missing_key_is_one_line_and_nothing_changes(tmp_path, lang, expected):
    data = _init(tmp_path)
    uuid = StoreIdentity.read(data / "store.json").store_uuid
    keyring.delete_password(SERVICE, entry_name(uuid))
    before = snapshot(data)
    r = run_jxc("--data-dir", str(data), "info", env={"JXC_LANG": lang})
    assert r.returncode == 1
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(expected), r.stderr
    assert snapshot(data) == before


def test_debug_shows_the_traceback(tmp_path):
    r = run_jxc("--debug", "--data-dir", str(tmp_path / "none"), "info")
    assert r.returncode == 1
    assert "Traceback" in r.stderr and "NoStore" in r.stderr


def test_bad_store_code_is_refused_before_anything_is_created(tmp_path):
    r = run_jxc("--data-dir", str(tmp_path / "s"), "init", "--store-code", "人民路",
                "--store-name", "店", "--admin-password", ADMIN_PASSWORD, env={"JXC_LANG": "en"})
    assert r.returncode == 1 and "Store code" in r.stderr
    assert not (tmp_path / "s").exists()


def test_short_admin_password_is_refused(tmp_path):
    r = run_jxc("--data-dir", str(tmp_path / "s"), "init", "--store-code", "S1",
                "--store-name", "店", "--admin-password", "123", env={"JXC_LANG": "en"})
    assert r.returncode == 1 and "at least 8" in r.stderr
    assert not (tmp_path / "s").exists()


def test_log_never_holds_the_key_or_password(tmp_path):
    data = _init(tmp_path)
    assert run_jxc("--data-dir", str(data), "info").returncode == 0
    log = (data / "logs" / "jxc.log").read_text(encoding="utf-8")
    key = keyring.get_password(SERVICE, entry_name(StoreIdentity.read(data / "store.json").store_uuid))
    assert log.strip(), "the log file should have entries"
    assert key not in log and ADMIN_PASSWORD not in log


def _command_paths(group, prefix=()):
    for name, command in sorted(group.commands.items()):
        yield (*prefix, name)
        if isinstance(command, click.Group):
            yield from _command_paths(command, (*prefix, name))


def test_every_command_has_help(registered):
    runner = CliRunner()
    paths = list(_command_paths(registered))
    assert {("init",), ("info",), ("demo",), ("gui",), ("bench",), ("doc", "post"),
            ("doc", "show"), ("stock",), ("verify",), ("import", "products")} <= set(paths)
    for path in paths:
        result = runner.invoke(registered, [*path, "--help"])
        assert result.exit_code == 0, (path, result.output)
        assert "Usage:" in result.output


def test_version_and_python_dash_m(tmp_path):
    r = run_jxc("--version")
    assert r.returncode == 0 and __version__ in r.stdout
