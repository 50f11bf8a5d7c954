"""`jxc hq cost recompute [--store CODE]`: head office's costing authority on demand
(docs/headoffice.md, "Cost: provisional and final"). It also runs by itself after every
uploaded batch that brought documents; running it again publishes nothing new unless a
final cost changed."""
from __future__ import annotations

import click

from app.cli.hq_cmds import DB, FORMAT, _engine, _print, hq


@hq.group("cost")
def hq_cost() -> None:
    """Final cost: replay each store's documents in the canonical order."""


@hq_cost.command("recompute")
@DB
@click.option("--store", "store_code", help="One store (default: every store).")
@FORMAT
def hq_cost_recompute(db_url, store_code, fmt) -> None:
    """Recompute the final cost of every document line and publish the corrections."""
    from headoffice.cost import recompute

    _print({"stores": recompute(_engine(db_url), store_code)}, fmt, "stores",
           ["store", "documents", "lines", "final_lines", "changed", "published", "seconds"])
