"""`jxc bench`: run the benchmarks of bench/ and write docs/performance.md."""
from __future__ import annotations

from pathlib import Path

import click

from app.cli import cli


@cli.command()
@click.argument("names", nargs=-1)
@click.option("--scale", type=click.Choice(["tiny", "small", "full"]), default="small",
              show_default=True, help="tiny=1k, small=20k, full=1M products.")
@click.option("--json", "json_out", type=click.Path(path_type=Path, dir_okay=False),
              help="Also write the results to this JSON file.")
@click.option("--doc", type=click.Path(path_type=Path, dir_okay=False),
              help="Markdown file to update (default docs/performance.md).")
@click.option("--cache", type=click.Path(path_type=Path, file_okay=False),
              help="Where datasets are cached (default .bench-cache/).")
def bench(names: tuple[str, ...], scale: str, json_out: Path | None, doc: Path | None,
          cache: Path | None) -> None:
    """Run benchmarks (all when no NAMES) and print each figure beside its target."""
    from bench.cases import BENCHMARKS
    from bench.runner import DOC, UnknownBenchmark, run
    from bench.datasets import DEFAULT_CACHE

    try:
        results = run(list(names), scale, json_out=json_out, doc=doc or DOC,
                      cache=cache or DEFAULT_CACHE, echo=click.echo)
    except UnknownBenchmark as exc:
        raise click.UsageError(f"{exc}") from None
    missed = [r.name for r in results if not r.ok]
    if missed:
        raise click.ClickException(f"targets missed: {', '.join(missed)}")
    if not names:
        click.echo(f"{len(BENCHMARKS)} benchmarks, all within target.")
