"""`jxc finance`: vouchers for accounting software."""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import click

from app.cli import cli
from app.cli.workflow_cmds import _actor, _as_user, _run
from app.persistence.layout import DataDir


@cli.group()
def finance() -> None:
    """Export vouchers for accounting software (docs/finance-export.md)."""


@finance.command("layouts")
def finance_layouts() -> None:
    """The ready layouts and their columns."""
    from app.domain.finance_layouts import READY

    for layout in READY.values():
        click.echo(f"{layout.name}: {layout.notes}")
        click.echo("  " + ", ".join(c.header for c in layout.columns) + f"  ({layout.encoding})")


@finance.command("export")
@click.option("--from", "start", required=True, type=click.DateTime(["%Y-%m-%d"]))
@click.option("--to", "end", required=True, type=click.DateTime(["%Y-%m-%d"]))
@click.option("--layout", "layout_name", default="generic", show_default=True,
              help="generic, kingdee, yonyou, or a JSON layout file.")
@click.option("--format", "fmt", type=click.Choice(["csv", "xlsx"]), default="csv",
              show_default=True)
@click.option("--out", required=True, type=click.Path(path_type=Path, dir_okay=False))
@_as_user
@click.pass_obj
def finance_export(layout: DataDir, start, end, layout_name: str, fmt: str, out: Path,
                   user: str | None, password: str | None) -> None:
    """Write the vouchers of posted documents from --from to --to (business dates)."""
    from app.services.finance import export_vouchers, load_layout

    chosen = load_layout(layout_name)
    result = _run(layout, lambda store: export_vouchers(
        store, _actor(store, user, password), start.date(), end.date(), chosen, out, fmt))
    click.echo(json.dumps(result.summary(), ensure_ascii=False))
