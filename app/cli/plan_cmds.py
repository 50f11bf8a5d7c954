"""`jxc plan`, `jxc kitchen` and `jxc warehouse`: recipe demand plans, requisitions, locations."""
from __future__ import annotations

import json

import click

from app.cli import cli
from app.cli.workflow_cmds import _actor, _as_user, _run
from app.persistence.layout import DataDir


@cli.group()
def plan() -> None:
    """Purchase planning from recipes and sales (docs/demand-plan.md)."""


@plan.command("demand")
@click.option("--days", default=7, show_default=True, help="Days ahead to cover.")
@click.option("--weeks", default=4, show_default=True, help="Weeks of sales history to use.")
@click.option("--warehouse", default="MAIN", show_default=True)
@click.option("--create-orders", is_flag=True, help="Save the suggested purchase orders as drafts.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table")
@_as_user
@click.pass_obj
def plan_demand(layout: DataDir, days, weeks, warehouse, create_orders, fmt, user, password):
    """Forecast the menu, explode recipes, net stock and open orders, suggest orders."""
    from app.services.demand_plan import plan as make_plan, purchase_order_drafts
    from app.services.inventory.lifecycle import save_draft

    def work(store):
        actor = _actor(store, user, password)
        result = make_plan(store, actor, days=days, weeks=weeks, warehouse=warehouse)
        drafts = purchase_order_drafts(result)
        saved = [save_draft(store, actor, d).uuid for d in drafts] if create_orders else []
        return result, drafts, saved

    result, drafts, saved = _run(layout, work)
    if fmt == "json":
        click.echo(json.dumps(result.as_dict() | {"orders": drafts, "saved_drafts": saved},
                              ensure_ascii=False, indent=2))
        return
    click.echo(f"{result.today} + {result.days} days, warehouse {result.warehouse}")
    for line in result.lines:
        d = line.as_dict()
        click.echo(f"{d['sku']:<12} {d['name'][:16]:<16} need {d['need']:>10} on hand "
                   f"{d['on_hand']:>10} on order {d['on_order']:>10} buy {d['to_order']:>10} "
                   f"{d['supplier'] or '(no supplier)'}")
    for doc in drafts:
        click.echo(f"order {doc['id']}: {len(doc['lines'])} lines"
                   + (" (saved as draft)" if doc["id"] in saved else ""))


@cli.group()
def kitchen() -> None:
    """Kitchen requisitions (领料) from the store room."""


@kitchen.command("requisition")
@click.argument("req_id")
@click.option("--line", "lines", multiple=True, required=True, metavar="SKU=QTY")
@click.option("--from", "from_wh", default="MAIN", show_default=True)
@click.option("--to", "to_wh", default="KITCHEN", show_default=True)
@_as_user
@click.pass_obj
def kitchen_requisition(layout: DataDir, req_id, lines, from_wh, to_wh, user, password):
    """Move ingredients to the kitchen: --line RICE=5 --line OIL=1.5"""
    from app.services.demand_plan import requisition

    parsed = []
    for item in lines:
        sku, sep, qty = item.partition("=")
        if not sep or not sku or not qty:
            raise click.BadParameter(f"'{item}' is not SKU=QTY", param_hint="--line")
        parsed.append((sku.strip(), qty.strip()))
    out, got = _run(layout, lambda store: requisition(
        store, _actor(store, user, password), req_id, parsed, from_wh=from_wh, to_wh=to_wh))
    click.echo(f"posted: {out} -> {got}")


@cli.group()
def warehouse() -> None:
    """Warehouses and locations (store room, kitchen, back room)."""


@warehouse.command("add")
@click.argument("code")
@click.option("--name", required=True)
@_as_user
@click.pass_obj
def warehouse_add(layout: DataDir, code, name, user, password):
    from app.services.warehouses import add_warehouse

    click.echo(_run(layout, lambda store: add_warehouse(store, _actor(store, user, password),
                                                         code, name)))


@warehouse.command("list")
@click.pass_obj
def warehouse_list(layout: DataDir):
    from app.services.warehouses import list_warehouses

    for w in _run(layout, list_warehouses):
        click.echo(f"{w['code']:<16} {w['name']}" + ("  (in transit)" if w["in_transit"] else ""))
