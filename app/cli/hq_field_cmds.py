"""`jxc hq publish field|fields`: custom field definitions from head office to the stores
(kind `field` of the change feed; docs/custom-fields.md, "From head office").

The options are those of a store's `jxc field add`; head office checks the definition with
the store's rules before anything is published, and each store applies it as its own
administrator would (or sets it aside with the reason, e.g. when it holds 50 fields).
"""
from __future__ import annotations

import click

from app.cli.field_cmds import _decimal
from app.cli.hq_cmds import DB, FORMAT, STORE, _publish, _read_json, hq_publish
from app.domain.custom_fields import ENTITIES, KINDS, MAX_TEXT, FieldDef


@hq_publish.command("field")
@DB
@click.argument("entity", type=click.Choice(ENTITIES))
@click.argument("key")
@click.option("--zh", "--label", "label_zh", required=True, help="Chinese label, e.g. 产地.")
@click.option("--en", "label_en", required=True, help="English label, e.g. Origin.")
@click.option("--kind", "--type", "kind", type=click.Choice(KINDS), required=True)
@click.option("--required", is_flag=True, help="A value must be given.")
@click.option("--choices", default="", help="For --kind choice: the choices, comma-separated.")
@click.option("--min", "minimum", help="Smallest number or amount allowed.")
@click.option("--max", "maximum", help="Largest number or amount allowed.")
@click.option("--max-length", default=MAX_TEXT, show_default=True, type=int)
@click.option("--position", default=0, type=int, help="Order in forms and lists.")
@click.option("--inactive", is_flag=True, help="Publish the field hidden (its values are kept).")
@STORE
@FORMAT
def hq_publish_field(db_url, entity, key, label_zh, label_en, kind, required, choices, minimum,
                     maximum, max_length, position, inactive, store_code, fmt) -> None:
    """Publish the custom field KEY of ENTITY (product, customer, supplier, document); the
    same KEY again changes it at every store, --inactive hides it."""
    from headoffice.feed_fields import field_record

    split = choices.replace("，", ",").split(",")
    fd = FieldDef(entity, key, label_zh, label_en, kind, required=required,
                  choices=tuple(c.strip() for c in split if c.strip()),
                  minimum=_decimal(minimum), maximum=_decimal(maximum),
                  max_length=max_length, position=position, active=not inactive)
    _publish(db_url, "field", [field_record(fd)], store_code, fmt)


@hq_publish.command("fields")
@DB
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@STORE
@FORMAT
def hq_publish_fields(db_url, file, store_code, fmt) -> None:
    """Custom field definitions from a JSON list: [{"entity": "product", "key": "origin",
    "label_zh": "产地", "label_en": "Origin", "kind": "choice", "choices": ["国产", "进口"]}]
    (optional: required, minimum, maximum, max_length, position, active)."""
    from headoffice.feed_fields import field_records

    _publish(db_url, "field", field_records(_read_json(file)), store_code, fmt)
