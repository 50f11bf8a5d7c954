"""`jxc brief config` and `jxc brief send` as a user runs them (in this process)."""
from __future__ import annotations

import logging
from logging.handlers import RotatingFileHandler

import pytest
from click.testing import CliRunner

from app.services.brief.secrets import BriefSecrets
from brief_servers import Robot
from test_brief import DAY, shop  # noqa: F401  (the fixture)

EN = {"JXC_LANG": "en"}


@pytest.fixture(scope="module")
def cli():
    from app.cli import cli as group, register_commands

    register_commands()
    yield group
    root = logging.getLogger()
    for h in [h for h in root.handlers if isinstance(h, RotatingFileHandler)]:
        root.removeHandler(h)
        h.close()


def test_config_then_send_then_skip(cli, shop):  # noqa: F811
    robot = Robot()
    root = str(shop.layout.root)
    runner = CliRunner()
    try:
        r = runner.invoke(cli, ["--data-dir", root, "brief", "config", "--webhook", "wecom",
                                "--time", "8:30", "--set-webhook-url"],
                          input=robot.url + "\n", env=EN)
        assert r.exit_code == 0, r.output
        assert "webhook_url     set" in r.output and "08:30" in r.output
        assert "tok-SECRET-42" not in r.output  # asked at a hidden prompt, never echoed
        assert BriefSecrets(shop.identity.store_uuid).get("webhook-url") == robot.url
        sent = runner.invoke(cli, ["--data-dir", root, "brief", "send", "--date",
                                   DAY.isoformat()], env=EN)
        again = runner.invoke(cli, ["--data-dir", root, "brief", "send", "--date",
                                    DAY.isoformat()], env=EN)
    finally:
        robot.close()
    assert sent.exit_code == 0 and "wecom: sent" in sent.output
    assert again.exit_code == 0 and "already sent" in again.output
    assert len(robot.posts) == 1


def test_bad_values_are_one_line_errors(cli, shop):  # noqa: F811
    r = CliRunner().invoke(cli, ["--data-dir", str(shop.layout.root), "brief", "config",
                                 "--mail-to", "not-an-address"], env=EN)
    assert r.exit_code == 1 and "not an e-mail address" in r.output
    r = CliRunner().invoke(cli, ["--data-dir", str(shop.layout.root), "brief", "send"], env=EN)
    assert r.exit_code == 1 and "channel" in r.output
