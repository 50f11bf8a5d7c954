"""Import commands: `jxc import products FILE` (CSV or Excel .xlsx)."""
from __future__ import annotations

from pathlib import Path

import click

from app.bootstrap import open_local_store
from app.cli import cli
from app.cli.inventory_cmds import cli_actor
from app.i18n import user_language
from app.persistence.layout import DataDir


@cli.group("import")
def import_group() -> None:
    """Import master data from CSV or Excel (.xlsx) files."""


@import_group.command("products")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False, exists=True))
@click.pass_obj
def import_products_cmd(layout: DataDir, file: Path) -> None:
    """Import products from FILE: every row or, on any problem, none.

    The first row names the columns (English or Chinese): at least sku, name, barcode, unit,
    retail_price, category, costing (fifo|average), shelf_life_days; optional member_price,
    wholesale_price, purchase_price, tax_rate, brand, supplier, spec, min_stock, max_stock.
    An existing SKU is updated; an empty cell keeps the stored value.
    """
    from app.services.catalog_import import import_products

    store = open_local_store(layout)
    try:
        result = import_products(store, cli_actor(), file)
    finally:
        store.close()
    lang = user_language()
    click.echo(result.summary(lang))
    if result.ignored_columns:
        names = ", ".join(result.ignored_columns)
        click.echo(f"注意：以下列没有导入：{names}" if lang.startswith("zh")
                   else f"Note: these columns were not imported: {names}", err=True)
