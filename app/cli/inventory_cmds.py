"""Inventory commands: doc post, doc show, stock, verify."""
from __future__ import annotations

import getpass
import json
from datetime import date
from pathlib import Path

import click

from app.bootstrap import open_local_store
from app.cli import cli
from app.domain.errors import DomainError
from app.persistence.layout import DataDir


class BadJsonFile(DomainError):
    code = "bad_json_file"
    zh = "文件 {path} 不是有效的 JSON（第 {line} 行第 {col} 列：{msg}）。没有过账任何单据。"
    en = "{path} is not valid JSON (line {line}, column {col}: {msg}). Nothing was posted."


def cli_actor():
    """The command line acts as administrator: it runs on the PC that holds the store key."""
    from app.services.records import Actor

    return Actor(None, f"cli:{getpass.getuser()}", "admin")


def _load(path: Path) -> list[dict]:
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except json.JSONDecodeError as exc:
        raise BadJsonFile(path=str(path), line=exc.lineno, col=exc.colno, msg=exc.msg) from None
    except UnicodeDecodeError as exc:
        raise BadJsonFile(path=str(path), line=1, col=exc.start + 1,
                          msg="not UTF-8 text") from None
    except RecursionError:
        raise BadJsonFile(path=str(path), line=1, col=1, msg="nested too deeply") from None
    return data if isinstance(data, list) else [data]


@cli.group()
def doc() -> None:
    """Post and show documents (JSON format: docs/document-format.md)."""


@doc.command("post")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False, exists=True))
@click.option("--channel", type=click.Choice(["back_office", "counter"]), default="back_office",
              show_default=True, help="Where the documents come from (negative-stock settings "
                                      "differ).")
@click.pass_obj
def doc_post(layout: DataDir, file: Path, channel: str) -> None:
    """Post one document or a list from FILE. Each document is its own transaction; the
    same id posts once, so a file can be posted again after fixing an error. A document an
    approval rule holds waits as pending (see `jxc doc pending`)."""
    from app.services.inventory.posting import post_document

    documents = _load(file)
    store = open_local_store(layout)
    try:
        for raw in documents:
            result = post_document(store, cli_actor(), raw, channel=channel)
            click.echo(describe(result))
    finally:
        store.close()


def describe(result) -> str:
    if result.status == "pending":
        state = "already waiting for approval" if result.replayed else "waiting for approval"
        return f"{state}: {result.type}, id {result.id}"
    if result.status != "posted":
        return f"{result.status}: {result.type}, id {result.id}"
    state = "already posted" if result.replayed else "posted"
    return f"{state}: {result.number} ({result.type}, id {result.id})"


@doc.command("show")
@click.argument("ref")
@click.option("--format", "fmt", type=click.Choice(["json", "table"]), default="table")
@click.pass_obj
def doc_show(layout: DataDir, ref: str, fmt: str) -> None:
    """Show a document by id or number: lines, moves, COGS and voucher (and, for a purchase
    order, what has been received)."""
    from app.services.inventory.queries import document

    store = open_local_store(layout)
    try:
        data = document(store, ref)
    finally:
        store.close()
    if fmt == "json":
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    click.echo(f"{data['number'] or data['id']}  {data['type']}  {data['status']}  {data['date']}  "
               f"{data['warehouse']}  total {data['total']}"
               + (f"  order {data['order_state']}" if "order_state" in data else ""))
    for l in data["lines"]:
        click.echo(f"  {l['line']:>3} {l['sku']:<14} qty {l['qty']:>10} amount {l['amount']:>10}"
                   f" cogs {l['cogs']:>10}"
                   + (f" received {l['received']:>8} open {l['open']:>8}" if "open" in l else "")
                   + ("  (sold beyond stock)" if l.get("negative_stock") else ""))
    for v in data["voucher"]:
        click.echo(f"  {v['account']:<8} debit {v['debit']:>12} credit {v['credit']:>12}")


@cli.command()
@click.option("--sku")
@click.option("--warehouse")
@click.option("--as-of", type=click.DateTime(formats=["%Y-%m-%d"]), help="YYYY-MM-DD")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table")
@click.pass_obj
def stock(layout: DataDir, sku: str | None, warehouse: str | None, as_of, fmt: str) -> None:
    """Stock on hand and its value, now or at the end of a day."""
    from app.services.inventory.queries import stock as stock_rows

    store = open_local_store(layout)
    try:
        day: date | None = as_of.date() if as_of else None
        rows = stock_rows(store, sku=sku, warehouse=warehouse, as_of=day)
    finally:
        store.close()
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for r in rows:
        click.echo(f"{r['sku']:<14} {r['warehouse']:<8} {r['on_hand']:>12} {r['value']:>14}  {r['name']}")


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@click.option("--repair-projection", is_flag=True,
              help="Rebuild stock balances and cost layers from the ledger (audited).")
@click.pass_obj
def verify(layout: DataDir, fmt: str, repair_projection: bool) -> None:
    """Check the invariants on this store's data; exit 1 with a report on any failure."""
    from app.services.inventory.verify import rebuild_projection
    from app.services.inventory.verify import verify as run_verify

    store = open_local_store(layout)
    try:
        if repair_projection:
            fixed = rebuild_projection(store, cli_actor())
            click.echo(f"projection rebuilt from the ledger ({fixed} differences fixed)")
        report = run_verify(store)
    finally:
        store.close()
    if fmt == "json":
        click.echo(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
    else:
        for name, problems in report.checks.items():
            click.echo(f"{'ok  ' if not problems else 'FAIL'} {name}")
            for p in problems[:50]:
                click.echo(f"       {p}")
    if not report.ok:
        raise SystemExit(1)


@cli.group()
def recipe() -> None:
    """Recipes (bills of materials) used by assembly and disassembly documents."""


@recipe.command("set")
@click.argument("sku")
@click.argument("components", nargs=-1, required=True)
@click.option("--yield", "yield_qty", default="1", show_default=True,
              help="How much of SKU one recipe makes.")
@click.pass_obj
def recipe_set(layout: DataDir, sku: str, components: tuple[str, ...], yield_qty: str) -> None:
    """Set SKU's recipe: COMPONENTS as COMPONENT_SKU=QTY per yield, e.g. TEA=0.5 MILK=0.2."""
    from app.services.recipes import set_recipe

    pairs = []
    for item in components:
        name, sep, qty = item.partition("=")
        if not sep or not name or not qty:
            raise click.UsageError(f"'{item}': write components as SKU=QTY")
        pairs.append((name, qty))
    store = open_local_store(layout)
    try:
        count = set_recipe(store, cli_actor(), sku, yield_qty, pairs)
    finally:
        store.close()
    click.echo(f"recipe of {sku}: {count} components per {yield_qty}")
