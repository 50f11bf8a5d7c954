"""Store commands: init, info, demo, gui."""
from __future__ import annotations

import json
import time

import click

from app.bootstrap import open_local_store
from app.cli import cli
from app.logsetup import attach_file_log
from app.persistence.keystore import KeyringKeyStore
from app.persistence.layout import DataDir


@cli.command()
@click.option("--store-code", required=True, help="Short code, e.g. S001 (capitals, digits, - _).")
@click.option("--store-name", required=True, help="Store name, e.g. 人民路便利店.")
@click.option("--admin-password", help="Administrator password (asked when not given).")
@click.pass_obj
def init(layout: DataDir, store_code: str, store_name: str, admin_password: str | None) -> None:
    """Create a new store: encrypted database, warehouse MAIN and the administrator `admin`."""
    from app.services.setup import initialize_store

    if admin_password is None:
        admin_password = click.prompt("Administrator password / 管理员密码", hide_input=True,
                                      confirmation_prompt=True)
    store = initialize_store(layout, KeyringKeyStore(), store_code, store_name, admin_password)
    attach_file_log(layout.logs)
    click.echo(f"Created store {store.identity.store_code} {store.identity.store_name} "
               f"in {layout.root}; sign in as `admin`.")
    store.close()


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table")
@click.pass_obj
def info(layout: DataDir, fmt: str) -> None:
    """Show the open store: code, name, encryption, schema version, counts."""
    from dataclasses import asdict

    from app.services.overview import store_overview

    store = open_local_store(layout)
    try:
        data = asdict(store_overview(store))
    finally:
        store.close()
    if fmt == "json":
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        for k, v in data.items():
            click.echo(f"{k:16} {v}")


@cli.command()
@click.option("--products", default=2000, show_default=True, type=click.IntRange(1, 5_000_000))
@click.option("--days", default=0, show_default=True, type=click.IntRange(0, 3650),
              help="Days of trading history (purchases, sales, returns, stocktakes) to post.")
@click.option("--seed", default=1, show_default=True, type=int)
@click.pass_obj
def demo(layout: DataDir, products: int, days: int, seed: int) -> None:
    """Fill a new store with a realistic Chinese retail catalog, suppliers and members, and
    with --days, a trading history posted through the real services."""
    from app.services.demo import populate_demo

    store = open_local_store(layout)
    started = time.perf_counter()
    try:
        with click.progressbar(length=products, label="Catalog / 商品资料") as bar:
            if not days:
                result = populate_demo(store, products=products, days=0, seed=seed,
                                       progress=bar.update)
            else:
                with click.progressbar(length=days, label="History / 交易记录") as days_bar:
                    result = populate_demo(store, products=products, days=days, seed=seed,
                                           progress=bar.update, history_progress=days_bar.update)
    finally:
        store.close()
    click.echo(f"{result.summary()} in {time.perf_counter() - started:.1f} s")


@cli.command()
@click.option("--section", type=click.Choice(["home", "counter"]),
              help="The section shown after sign-in (the 收银台 shortcut uses counter).")
@click.pass_obj
def gui(layout: DataDir, section: str | None) -> None:
    """Start the desktop app (also what `jxc` does without a command)."""
    from app.ui.app import run_desktop

    raise SystemExit(run_desktop(layout, section))
