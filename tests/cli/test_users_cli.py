"""`jxc user ...`: accounts from the command line, secrets only through hidden prompts or
the environment."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from app.cli import cli
from app.services import auth
from helpers import ADMIN_PASSWORD, run_jxc


@pytest.fixture(scope="module")
def registered():
    from app.cli import register_commands

    register_commands()
    return cli


@pytest.fixture
def jxc(registered, layout, keys, monkeypatch):
    from app.services.setup import initialize_store

    initialize_store(layout, keys, "S001", "用户测试店", ADMIN_PASSWORD).close()
    auth.GHOSTS.clear()
    for name in ("JXC_PASSWORD", "JXC_NEW_PASSWORD", "JXC_NEW_PIN"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("JXC_LANG", "en")
    runner = CliRunner()

    def run(*args, input=None, env=None):
        return runner.invoke(registered, ["--data-dir", str(layout.root), *args], input=input,
                             env=env)
    return run


def users(jxc) -> dict:
    result = jxc("user", "list", "--format", "json")
    assert result.exit_code == 0, result.output
    return {u["username"]: u for u in json.loads(result.stdout)}


def test_add_with_hidden_prompts_then_list(jxc):
    r = jxc("user", "add", "cash1", "--name", "收银一", "--role", "cashier", "--with-pin",
            input="Good-pass-1\nGood-pass-1\n2580\n2580\n")
    assert r.exit_code == 0, r.output
    assert "Good-pass-1" not in r.stdout and "2580" not in r.stdout
    assert "user added: cash1" in r.stdout and "PIN" in r.stdout
    listed = users(jxc)["cash1"]
    assert (listed["role"], listed["active"], listed["has_pin"]) == ("cashier", True, True)
    table = jxc("user", "list").stdout
    assert "cash1" in table and "收银一" in table and "admin" in table


def test_role_disable_enable_reset_and_own_password(jxc):
    env = {"JXC_NEW_PASSWORD": "Good-pass-1"}
    assert jxc("user", "add", "ann", "--name", "Ann", "--role", "cashier", env=env).exit_code == 0
    assert "shift_lead" in jxc("user", "role", "ann", "shift_lead").stdout
    assert "disabled" in jxc("user", "disable", "ann").stdout
    assert users(jxc)["ann"]["active"] is False
    assert jxc("user", "enable", "ann").exit_code == 0
    r = jxc("user", "reset-password", "ann", input="Temp-pass-22\nTemp-pass-22\n")
    assert r.exit_code == 0 and "must be changed" in r.stdout
    r = jxc("user", "list", "--user", "ann", "--password", "Temp-pass-22")
    assert r.exit_code == 1 and "set a new password" in r.stderr
    r = jxc("user", "passwd", "ann", input="Temp-pass-22\nFresh-pass-33\nFresh-pass-33\n")
    assert r.exit_code == 0, r.output
    assert users(jxc)["ann"]["must_change_password"] is False


def test_a_store_manager_acts_with_their_password(jxc):
    env = {"JXC_NEW_PASSWORD": "Good-pass-1"}
    jxc("user", "add", "boss", "--name", "店长", "--role", "store_manager", env=env)
    as_boss = ("--user", "boss", "--password", "Good-pass-1")
    r = jxc("user", "add", "cash2", "--name", "收银二", "--role", "cashier", *as_boss, env=env)
    assert r.exit_code == 0, r.output
    r = jxc("user", "add", "acct", "--name", "会计", "--role", "accountant", *as_boss, env=env)
    assert r.exit_code == 1 and "manages only cashier and shift-lead" in r.stderr
    r = jxc("user", "disable", "admin", *as_boss)
    assert r.exit_code == 1 and "Error:" in r.stderr
    r = jxc("user", "list", "--user", "cash2", "--password", "Good-pass-1")
    assert r.exit_code == 1 and "may not do 'list users'" in r.stderr


def test_lockout_message_and_unlock(jxc):
    jxc("user", "add", "bob", "--name", "Bob", "--role", "cashier",
        env={"JXC_NEW_PASSWORD": "Good-pass-1"})
    outcomes = [jxc("user", "pin", "bob", "--user", "bob", "--password", "wrong",
                    env={"JXC_NEW_PIN": "2580"}) for _ in range(5)]
    assert [r.exit_code for r in outcomes] == [1] * 5
    assert "Wrong user name or password" in outcomes[0].stderr
    assert "locked until" in outcomes[-1].stderr
    assert users(jxc)["bob"]["locked_until"] is not None
    assert "unlocked" in jxc("user", "unlock", "bob").stdout
    r = jxc("user", "pin", "bob", "--user", "bob", "--password", "Good-pass-1",
            input="1357\n1357\n")
    assert r.exit_code == 0 and "PIN of bob set" in r.stdout, r.output
    assert users(jxc)["bob"]["has_pin"] is True
    assert "cleared" in jxc("user", "pin", "bob", "--clear").stdout
    assert users(jxc)["bob"]["has_pin"] is False


def test_the_last_administrator_and_bad_input(jxc):
    r = jxc("user", "disable", "admin")
    assert r.exit_code == 1 and "last active administrator" in r.stderr
    r = jxc("user", "add", "weak", "--name", "W", "--role", "cashier",
            env={"JXC_NEW_PASSWORD": "password1"})
    assert r.exit_code == 1 and "too weak" in r.stderr
    r = jxc("user", "role", "nobody", "cashier")
    assert r.exit_code == 1 and "There is no user 'nobody'" in r.stderr
    assert jxc("user", "role", "admin", "king").exit_code == 2  # not a role: click refuses


def test_as_a_user_runs_it_and_the_books_still_verify(tmp_path):
    data = str(tmp_path / "store")
    env = {"JXC_NEW_PASSWORD": "Good-pass-1", "JXC_LANG": "en"}
    steps = [["init", "--store-code", "S001", "--store-name", "店", "--admin-password",
              ADMIN_PASSWORD],
             ["user", "add", "cash1", "--name", "收银一", "--role", "cashier"],
             ["user", "role", "cash1", "shift_lead"],
             ["user", "list", "--user", "cash1", "--password", "wrong"],
             ["verify"]]
    results = [run_jxc("--data-dir", data, *args, env=env) for args in steps]
    assert [r.returncode for r in results] == [0, 0, 0, 1, 0], [r.stderr for r in results]
    assert "Good-pass-1" not in "".join(r.stdout + r.stderr for r in results)
    assert "audit_chain_intact" in results[-1].stdout
