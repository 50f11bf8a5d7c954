"""`jxc field`: the store's own fields on products, members, suppliers and documents.

Documents get their values in the JSON document's `custom` object (docs/custom-fields.md).
"""
from __future__ import annotations

import json
from dataclasses import asdict
from decimal import Decimal, InvalidOperation

import click

from app.cli import cli
from app.cli.workflow_cmds import _actor, _as_user, _run
from app.domain.custom_fields import ENTITIES, KINDS, MAX_TEXT, FieldDef
from app.persistence.layout import DataDir

ENTITY = click.Choice(ENTITIES)
RECORDS = click.Choice([e for e in ENTITIES if e != "document"])


def _decimal(value: str | None) -> Decimal | None:
    if value is None:
        return None
    try:
        return Decimal(value)
    except InvalidOperation:
        raise click.BadParameter(f"not a number: {value}") from None


@cli.group("field")
def field_group() -> None:
    """Custom fields: define, list, hide, fill in (docs/custom-fields.md)."""


@field_group.command("add")
@click.argument("entity", type=ENTITY)
@click.argument("key")
@click.option("--zh", "label_zh", required=True, help="Chinese label, e.g. 产地.")
@click.option("--en", "label_en", required=True, help="English label, e.g. Origin.")
@click.option("--kind", type=click.Choice(KINDS), required=True)
@click.option("--required", is_flag=True, help="A value must be given.")
@click.option("--choices", default="", help="For --kind choice: the choices, comma-separated.")
@click.option("--min", "minimum", help="Smallest number or amount allowed.")
@click.option("--max", "maximum", help="Largest number or amount allowed.")
@click.option("--max-length", default=MAX_TEXT, show_default=True, type=int)
@click.option("--position", default=0, type=int, help="Order in forms and lists.")
@_as_user
@click.pass_obj
def field_add(layout: DataDir, entity, key, label_zh, label_en, kind, required, choices,
              minimum, maximum, max_length, position, user, password) -> None:
    """Add the field KEY to ENTITY, or change it (same ENTITY and KEY)."""
    from app.services import custom_fields

    fd = FieldDef(entity, key, label_zh, label_en, kind, required=required,
                  choices=tuple(c.strip() for c in choices.split(",") if c.strip()),
                  minimum=_decimal(minimum), maximum=_decimal(maximum),
                  max_length=max_length, position=position)
    done = _run(layout, lambda store: custom_fields.define(
        store, _actor(store, user, password), fd))
    click.echo(f"{done.entity}.{done.key}: {done.label_zh} / {done.label_en} ({done.kind})")


@field_group.command("list")
@click.argument("entity", type=ENTITY, required=False)
@click.option("--all", "include_inactive", is_flag=True, help="Hidden fields too.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table")
@click.pass_obj
def field_list(layout: DataDir, entity, include_inactive, fmt) -> None:
    """The fields of ENTITY (or of every kind of record)."""
    from app.services import custom_fields

    kinds = [entity] if entity else list(ENTITIES)
    found = _run(layout, lambda store: [fd for e in kinds for fd in custom_fields.definitions(
        store, e, include_inactive=include_inactive)])
    if fmt == "json":
        rows = [{k: (str(v) if isinstance(v, Decimal) else v) for k, v in asdict(fd).items()
                 if k != "extra"} for fd in found]
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for fd in found:
        rule = ",".join(fd.choices) if fd.choices else ""
        flags = ("required " if fd.required else "") + ("" if fd.active else "hidden")
        click.echo(f"{fd.entity:<9} {fd.key:<20} {fd.kind:<7} {fd.label_zh} / {fd.label_en}"
                   f"  {rule}  {flags}".rstrip())


@field_group.command("hide")
@click.argument("entity", type=ENTITY)
@click.argument("key")
@_as_user
@click.pass_obj
def field_hide(layout: DataDir, entity, key, user, password) -> None:
    """Hide a field from forms and lists; its values are kept."""
    _set_active(layout, entity, key, False, user, password)


@field_group.command("show")
@click.argument("entity", type=ENTITY)
@click.argument("key")
@_as_user
@click.pass_obj
def field_show(layout: DataDir, entity, key, user, password) -> None:
    """Show a hidden field again."""
    _set_active(layout, entity, key, True, user, password)


def _set_active(layout, entity, key, active, user, password) -> None:
    from app.services import custom_fields

    _run(layout, lambda store: custom_fields.set_active(
        store, _actor(store, user, password), entity, key, active))
    click.echo(f"{entity}.{key}: {'shown' if active else 'hidden'}")


@field_group.command("set")
@click.argument("entity", type=RECORDS)
@click.argument("code")
@click.argument("values", nargs=-1, required=True, metavar="KEY=VALUE...")
@_as_user
@click.pass_obj
def field_set(layout: DataDir, entity, code, values, user, password) -> None:
    """Fill in fields of one product (by SKU), customer or supplier (by code);
    KEY= (empty) clears a field."""
    from app.services import custom_fields

    pairs = {}
    for item in values:
        key, sep, value = item.partition("=")
        if not sep:
            raise click.BadParameter(f"expected KEY=VALUE, got {item}")
        pairs[key.strip()] = value
    after = _run(layout, lambda store: custom_fields.set_values(
        store, _actor(store, user, password), entity, code, pairs))
    click.echo(json.dumps(after, ensure_ascii=False))


@field_group.command("values")
@click.argument("entity", type=RECORDS)
@click.argument("codes", nargs=-1, required=True)
@click.pass_obj
def field_values(layout: DataDir, entity, codes) -> None:
    """The custom values of some products (SKUs), customers or suppliers (codes), as JSON."""
    from app.services import custom_fields

    found = _run(layout, lambda store: custom_fields.values(store, entity, list(codes)))
    click.echo(json.dumps(found, ensure_ascii=False, indent=2))
