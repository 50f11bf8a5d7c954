"""The `jxc` command line. Errors are one clear line in the user's language (exit 1);
`--debug` adds the traceback. With no subcommand it starts the desktop app."""
from __future__ import annotations

import logging
import sys
import traceback
from pathlib import Path

import click

from app import __version__
from app.datadir import resolve_data_dir
from app.domain.errors import JxcError
from app.i18n import user_language
from app.logsetup import configure_console

log = logging.getLogger("app.cli")


class UserFacingError(click.ClickException):
    exit_code = 1

    def show(self, file=None) -> None:
        prefix = "错误：" if user_language().startswith("zh") else "Error: "
        click.echo(prefix + self.message, err=True)


class JxcGroup(click.Group):
    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except JxcError as exc:
            if ctx.params.get("debug"):
                traceback.print_exc()
            log.warning("command failed: %s", exc.code)
            raise UserFacingError(exc.message(user_language())) from None
        except Exception as exc:  # a bug: log it whole, show one line
            log.exception("unexpected error")
            if ctx.params.get("debug"):
                traceback.print_exc()
            zh = user_language().startswith("zh")
            hint = "（加 --debug 查看详情）" if zh else " (run with --debug for details)"
            what = "内部错误" if zh else "internal error"
            raise UserFacingError(f"{what}: {type(exc).__name__}: {exc}{hint}") from None


@click.group(cls=JxcGroup, invoke_without_command=True,
             context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--data-dir", type=click.Path(path_type=Path, file_okay=False),
              help="Data directory of the store (default: JXC_DATA_DIR, else the OS default).")
@click.option("--debug", is_flag=True, help="Show tracebacks and debug logging.")
@click.version_option(__version__, prog_name="jxc")
@click.pass_context
def cli(ctx: click.Context, data_dir: Path | None, debug: bool) -> None:
    """JXC 进销存: point of sale and back office. Without a command, opens the desktop app."""
    configure_console(debug)
    ctx.obj = resolve_data_dir(data_dir)
    if ctx.invoked_subcommand is None:
        from app.cli.store_cmds import gui

        ctx.invoke(gui)


def register_commands() -> None:
    """Import every `app/cli/*_cmds.py` and `bench_cmd`: each registers its commands on
    `cli` when imported, so adding a command group never edits this file."""
    import importlib
    import pkgutil

    import app.cli as package

    for info in pkgutil.iter_modules(package.__path__):
        if info.name.endswith("_cmds") or info.name == "bench_cmd":
            importlib.import_module(f"app.cli.{info.name}")


def main(argv: list[str] | None = None) -> None:
    register_commands()
    cli.main(args=argv if argv is not None else sys.argv[1:], prog_name="jxc")
