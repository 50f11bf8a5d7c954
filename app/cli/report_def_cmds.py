"""`jxc report-definition list|export`: the report builder's saved definitions at this store.

`export NAME --out FILE.json` writes exactly the file head office publishes to every store
with `jxc hq publish report FILE.json` (docs/reports.md, "Shared by head office").
"""
from __future__ import annotations

import json
from pathlib import Path

import click

from app.cli import cli
from app.cli.workflow_cmds import _run
from app.persistence.layout import DataDir


@cli.group("report-definition")
def report_definition() -> None:
    """Saved report-builder definitions: list them, export one for head office."""


@report_definition.command("list")
@click.pass_obj
def definition_list(layout: DataDir) -> None:
    """The saved definitions: name, where it comes from, dimensions and measures."""
    from app.services.reports.definitions import list_definitions

    for d in _run(layout, list_definitions):
        origin = "head office" if d.from_head_office else ("shared" if d.shared else "local")
        click.echo(f"{d.name}\t{origin}\t{','.join(d.spec.dimensions)}\t"
                   f"{','.join(d.spec.measures)}")


@report_definition.command("export")
@click.argument("name")
@click.option("--out", type=click.Path(path_type=Path, dir_okay=False),
              help="JSON file to write (default: standard output).")
@click.pass_obj
def definition_export(layout: DataDir, name: str, out: Path | None) -> None:
    """Write definition NAME as JSON, for `jxc hq publish report FILE.json`."""
    from app.services.reports.definitions import export_definition

    data = _run(layout, lambda store: export_definition(store, name))
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if out is None:
        click.echo(text, nl=False)
        return
    out.write_text(text, encoding="utf-8")
    click.echo(f"{name} → {out}")
