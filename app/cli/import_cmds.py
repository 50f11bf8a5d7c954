"""Import and template commands: `jxc import products|stock|prices|receipts FILE` (CSV or
Excel .xlsx; every row or none, a marked copy beside a refused file) and
`jxc template NAME --out FILE` (the Excel template of each import)."""
from __future__ import annotations

import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

import click

from app.bootstrap import open_local_store
from app.cli import cli
from app.cli.inventory_cmds import cli_actor
from app.i18n import user_language
from app.persistence.layout import DataDir

KINDS = ("products", "stock", "prices", "receipts")
# Progress: reading rows fills the bar towards READ_SHARE (the row count is not known in
# advance, so it approaches it), checking and writing take the rest.
STAGES = {"read": 0, "check": 70, "write": 80}
READ_SHARE = 70
FILE = click.argument("file", type=click.Path(path_type=Path, dir_okay=False, exists=True))


@cli.group("import")
def import_group() -> None:
    """Import from CSV or Excel (.xlsx) files: every row or, on any problem, none."""


def _run(layout: DataDir, kind: str, file: Path) -> None:
    from app.services.excel import IMPORTERS

    store = open_local_store(layout)
    try:
        with progress_bar(file.name) as progress:
            result = IMPORTERS[kind](store, cli_actor(), file, progress=progress)
    finally:
        store.close()
    lang = user_language()
    click.echo(result.summary(lang))
    ignored = getattr(result, "ignored_columns", ())
    if ignored:
        names = ", ".join(ignored)
        click.echo(f"注意：以下列没有导入：{names}" if lang.startswith("zh")
                   else f"Note: these columns were not imported: {names}", err=True)


@contextmanager
def progress_bar(label: str) -> Iterator[Callable[[str, int, int], None] | None]:
    """A progress bar on stderr when it is a terminal (nothing for scripts and pipes)."""
    if not sys.stderr.isatty():
        yield None
        return
    with click.progressbar(length=100, label=label, file=sys.stderr) as bar:
        def progress(stage: str, done: int, total: int) -> None:
            if stage == "read":
                target = READ_SHARE * (1 - 1 / (1 + done / 20_000))
            elif stage == "write" and total:
                target = STAGES["write"] + (100 - STAGES["write"]) * done / total
            else:
                target = STAGES.get(stage, bar.pos)
            if target > bar.pos:
                bar.update(int(target) - bar.pos)

        yield progress
        bar.update(100 - bar.pos)


@import_group.command("products")
@FILE
@click.pass_obj
def import_products_cmd(layout: DataDir, file: Path) -> None:
    """Import products from FILE: every row or, on any problem, none.

    The first row names the columns (English or Chinese): at least sku, name, barcode, unit,
    retail_price, category, costing (fifo|average), shelf_life_days; optional member_price,
    wholesale_price, purchase_price, tax_rate, brand, supplier, spec, min_stock, max_stock,
    location (货位, e.g. A-03-2).
    An existing SKU is updated; an empty cell keeps the stored value. A refused file gets a
    marked copy beside it (FILE.errors.xlsx).
    """
    _run(layout, "products", file)


@import_group.command("stock")
@FILE
@click.pass_obj
def import_stock_cmd(layout: DataDir, file: Path) -> None:
    """Import opening stock from FILE (warehouse, sku or barcode, qty, unit_cost, batch,
    expiry). Importing the same file again books nothing twice."""
    _run(layout, "stock", file)


@import_group.command("prices")
@FILE
@click.pass_obj
def import_prices_cmd(layout: DataDir, file: Path) -> None:
    """Import price changes from FILE (sku or barcode, retail_price, member_price,
    wholesale_price, purchase_price; an empty cell keeps the price)."""
    _run(layout, "prices", file)


@import_group.command("receipts")
@FILE
@click.pass_obj
def import_receipts_cmd(layout: DataDir, file: Path) -> None:
    """Import purchase receipts from FILE: rows with the same receipt_no form one receipt
    (supplier, warehouse, date, sku or barcode, qty, unit_cost, batch, expiry,
    confirm_price)."""
    _run(layout, "receipts", file)


@cli.command("template")
@click.argument("name", type=click.Choice(KINDS))
@click.option("--out", "out", type=click.Path(path_type=Path, dir_okay=False), required=True,
              help="Where to write the .xlsx template.")
@click.pass_obj
def template_cmd(layout: DataDir, name: str, out: Path) -> None:
    """Write the Excel template NAME (products, stock, prices, receipts) to --out. The
    products template has a column per product custom field of the store, if there is one."""
    from app.services.custom_fields import definitions
    from app.services.excel import write_template

    fields = []
    if name == "products" and layout is not None and layout.db.exists():
        store = open_local_store(layout)
        try:
            fields = definitions(store, "product", actor=cli_actor())
        finally:
            store.close()
    write_template(name, out, fields)
    click.echo(f"已写入模板 {out}" if user_language().startswith("zh") else f"Template written: {out}")
