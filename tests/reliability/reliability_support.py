"""Small helpers shared by the reliability tests (a module of its own: every test directory
has a `conftest`, so tests cannot import from theirs by name)."""
from __future__ import annotations

import shutil


def admin_actor():
    from app.services.records import Actor

    return Actor(None, "reliability-test", "admin")


def copy_store(source, target):
    """A copy of a closed store's data directory (same uuid, so the same keyring entry)."""
    from app.persistence.layout import DataDir

    shutil.copytree(source.root, target)
    return DataDir(target)


def run_cli(*args: str, in_process: bool = True) -> tuple[int, str, str]:
    """(exit code, stdout, stderr) of `jxc ARGS`: through click in this process (the same
    code, without 0.6 s of interpreter start), or as a real `python -m app` subprocess."""
    import logging

    if not in_process:
        from helpers import run_jxc

        done = run_jxc(*args, env={"JXC_LANG": "en"})
        return done.returncode, done.stdout, done.stderr
    from click.testing import CliRunner

    from app.cli import cli, register_commands

    register_commands()
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    try:
        result = CliRunner().invoke(cli, list(args), env={"JXC_LANG": "en"})
    finally:  # the command attaches the store's log file and may raise the level (--debug)
        for h in set(root.handlers) - set(handlers):
            root.removeHandler(h)
            h.close()
        root.setLevel(level)
    return result.exit_code, result.stdout, result.stderr
