"""Head-office commands: `jxc hq init|serve|store|terminal|stock|sales|audit|events`, and the
downlink feed: `jxc hq publish products|prices|units|categories|suppliers|setting|user`
(`field|fields`: app/cli/hq_field_cmds.py; `report|report-withdraw`:
app/cli/hq_report_cmds.py), `jxc hq changes`.

They work on the head-office database (--db URL, else JXC_HQ_DB, else a SQLite file in
the OS data directory); `serve` runs the API those terminals talk to.
"""
from __future__ import annotations

import json

import click

from app.cli import cli

DB = click.option("--db", "db_url", envvar="JXC_HQ_DB",
                  help="Database URL: postgresql://user@host/db or sqlite:///path "
                       "(default: JXC_HQ_DB, else a SQLite file in the OS data directory).")
FORMAT = click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table")


def _engine(db_url: str | None):
    from headoffice.server import open_ready

    return open_ready(db_url)


def _print(data, fmt: str, rows_key: str | None = None, columns: list[str] | None = None) -> None:
    if fmt == "json":
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    rows = data[rows_key] if rows_key else data
    for key, value in (data.items() if rows_key else []):
        if key != rows_key:
            click.echo(f"{key}: {value}")
    for row in rows:
        click.echo("  ".join(str(row.get(c, "")) for c in columns or row.keys()))


@cli.group()
def hq() -> None:
    """Head office: database, stores, terminals, reports and the sync server."""


@hq.command("init")
@DB
def hq_init(db_url: str | None) -> None:
    """Create or upgrade the head-office database schema."""
    from headoffice.server import init, safe_url

    before, after = init(db_url)
    state = "already at" if before == after else f"upgraded from {before or 'empty'} to"
    click.echo(f"Head-office database {safe_url(db_url)}: {state} revision {after}.")


@hq.command("serve")
@DB
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8750, show_default=True, type=click.IntRange(1, 65535))
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64))
@click.option("--tls-cert", type=click.Path(exists=True, dir_okay=False))
@click.option("--tls-key", type=click.Path(exists=True, dir_okay=False))
@click.option("--log-level", default="info", type=click.Choice(["debug", "info", "warning"]))
@click.option("--max-clock-skew", type=int, metavar="SECONDS",
              help="Flag a terminal whose clock is further than this from head office's "
                   "(default: JXC_HQ_MAX_CLOCK_SKEW, else 300).")
def hq_serve(db_url, host, port, workers, tls_cert, tls_key, log_level, max_clock_skew) -> None:
    """Serve the sync API (OpenAPI at /openapi.json) with uvicorn."""
    from headoffice.server import safe_url, serve

    scheme = "https" if tls_cert else "http"
    click.echo(f"JXC head office on {scheme}://{host}:{port} ({workers} worker(s)), "
               f"database {safe_url(db_url)}", err=True)
    serve(db_url, host, port, workers, tls_cert, tls_key, log_level, max_clock_skew)


@hq.group("store")
def hq_store() -> None:
    """Stores known to head office."""


@hq_store.command("add")
@DB
@click.argument("code")
@click.option("--name", required=True)
def hq_store_add(db_url, code, name) -> None:
    from headoffice.admin import add_store

    added = add_store(_engine(db_url), code, name)
    click.echo(f"Added store {added['code']} {added['name']}.")


@hq.group("terminal")
def hq_terminal() -> None:
    """Terminals: add (prints a one-time enrollment code), revoke, list."""


@hq_terminal.command("add")
@DB
@click.argument("store_code")
@click.argument("name")
@FORMAT
def hq_terminal_add(db_url, store_code, name, fmt) -> None:
    """Add terminal NAME to a store and print its one-time enrollment code."""
    from headoffice.admin import add_terminal

    added = add_terminal(_engine(db_url), store_code, name)
    if fmt == "json":
        _print(added, fmt)
        return
    click.echo(f"Terminal {added['terminal']} of store {added['store']} added.")
    click.echo(f"Enrollment code (one use, until {added['expires_at'][:16]} UTC): "
               f"{added['enrollment_code']}")
    click.echo("On the terminal: jxc enroll HEAD_OFFICE_URL CODE")


@hq_terminal.command("revoke")
@DB
@click.argument("store_code")
@click.argument("name")
def hq_terminal_revoke(db_url, store_code, name) -> None:
    """Revoke a terminal's token: it keeps selling offline, its sync is disabled."""
    from headoffice.admin import revoke_terminal

    revoke_terminal(_engine(db_url), store_code, name)
    click.echo(f"Terminal {name} of store {store_code.upper()} revoked; its sync is disabled.")


@hq_terminal.command("list")
@DB
@click.argument("store_code")
@FORMAT
def hq_terminal_list(db_url, store_code, fmt) -> None:
    from headoffice.admin import list_terminals

    _print(list_terminals(_engine(db_url), store_code), fmt)


@hq.command("stock")
@DB
@click.option("--store", "store_code", required=True)
@click.option("--sku")
@FORMAT
def hq_stock(db_url, store_code, sku, fmt) -> None:
    """A store's stock as head office knows it (as of its newest event)."""
    from headoffice.queries import stock

    _print(stock(_engine(db_url), store_code, sku), fmt, "rows", ["sku", "warehouse", "qty", "value"])


@hq.command("sales")
@DB
@click.option("--store", "store_code", required=True)
@click.option("--from", "day_from", required=True, type=click.DateTime(["%Y-%m-%d"]))
@click.option("--to", "day_to", required=True, type=click.DateTime(["%Y-%m-%d"]))
@FORMAT
def hq_sales(db_url, store_code, day_from, day_to, fmt) -> None:
    """A store's sales per day and product (returns subtract)."""
    from headoffice.queries import sales

    data = sales(_engine(db_url), store_code, day_from.date(), day_to.date())
    _print(data, fmt, "rows", ["day", "sku", "qty", "amount"])


@hq.command("audit")
@DB
@click.option("--store", "store_code", required=True)
@FORMAT
def hq_audit(db_url, store_code, fmt) -> None:
    """Audit-chain problems found for a store's terminals (gaps, forks, regressions), and
    their clocks: how far each was from head office's at its last upload, skews and
    recoveries."""
    from headoffice.clock import describe
    from headoffice.queries import audit_flags

    data = audit_flags(_engine(db_url), store_code)
    if fmt == "json":
        _print(data, fmt)
        return
    click.echo(f"store: {data['store']}")
    for f in data["flags"]:
        click.echo(f"  {f['terminal']}  {f['kind']}  {f['seq']}  {f['detail']}  {f['at']}")
    for c in data["clock"]:
        state = f"SKEWED since {c['clock_skewed_since']}" if c["clock_skewed"] else "ok"
        click.echo(f"  {c['terminal']}  clock {describe(c['clock_offset_seconds'])} at "
                   f"{c['clock_checked_at']}: {state}")
    for e in data["clock_events"]:
        click.echo(f"  {e['terminal']}  clock {e['kind']} at {e['at']} "
                   f"({describe(e['offset_seconds'])}; the terminal said {e['terminal_time']})")


@hq.command("events")
@DB
@click.option("--store", "store_code", required=True)
@FORMAT
def hq_events(db_url, store_code, fmt) -> None:
    """Events received per terminal (count, highest sequence, flagged)."""
    from headoffice.queries import events_summary

    _print(events_summary(_engine(db_url), store_code), fmt, "terminals")


# --- the downlink feed: what head office publishes to the terminals -----------------------

STORE = click.option("--store", "store_code",
                     help="Publish for this store only (default: every store).")


def _publisher() -> str:
    import getpass

    try:
        return getpass.getuser()
    except Exception:  # no user name in this environment
        return "hq-cli"


def _publish(db_url, kind: str, records: list, store_code: str | None, fmt: str = "table") -> None:
    from headoffice.publish import publish

    done = publish(_engine(db_url), kind, records, store_code, _publisher())
    if fmt == "json":
        _print(done, fmt)
        return
    where = f"store {done['store']}" if store_code else "every store"
    ids = f"changes {done['first_id']}-{done['last_id']}" if done["count"] else "nothing"
    click.echo(f"Published {done['count']} {kind} record(s) for {where} ({ids}).")


def _read_json(path: str):
    from decimal import Decimal

    from headoffice.errors import PublishRefused

    try:
        with open(path, encoding="utf-8-sig") as f:
            return json.load(f, parse_float=Decimal)  # no float ever reaches money
    except (OSError, ValueError) as exc:
        raise PublishRefused(count=1, first_zh=f"{path}: 无法读取 JSON（{type(exc).__name__}）",
                             first_en=f"{path}: not readable JSON ({type(exc).__name__})") from None


def _product_records(path: str) -> list:
    from pathlib import Path

    from headoffice.feed_records import product_records, products_from_json

    if path.lower().endswith(".json"):
        return products_from_json(_read_json(path))
    from app.services.catalog_import import parse_product_file

    parsed = parse_product_file(Path(path))
    if parsed.problems.count:
        raise parsed.refuse()
    return product_records(parsed.rows)


@hq.group("publish")
def hq_publish() -> None:
    """Publish catalog, prices, users and settings to the terminals (the change feed)."""


def _file_command(name: str, kind: str, builder_name: str, help_text: str) -> None:
    @hq_publish.command(name, help=help_text)
    @DB
    @click.argument("file", type=click.Path(exists=True, dir_okay=False))
    @STORE
    @FORMAT
    def command(db_url, file, store_code, fmt) -> None:
        import headoffice.feed_records as builders

        records = _product_records(file) if kind == "product" else \
            getattr(builders, builder_name)(_read_json(file))
        _publish(db_url, kind, records, store_code, fmt)


_file_command("products", "product", "", "Products from FILE: JSON (a list of objects named like the import "
              "columns) or a product import file (CSV/XLSX). See docs/headoffice.md.")
_file_command("prices", "price", "price_records", "Price changes from a JSON list: "
              '[{"sku": "COLA", "retail_price": "3.80", "member_price": "3.50"}].')
_file_command("units", "unit", "unit_records", 'Units from a JSON list: [{"name": "箱", "is_weighed": false}].')
_file_command("categories", "category", "category_records", 'Categories from a JSON list: ["饮料/碳酸饮料", "粮油"].')
_file_command("suppliers", "supplier", "supplier_records", "Suppliers from a JSON list: "
              '[{"code": "S01", "name": "…", "contact": "", "phone": "", "address": ""}].')


@hq_publish.command("setting")
@DB
@click.argument("key")
@click.argument("value")
@STORE
def hq_publish_setting(db_url, key, value, store_code) -> None:
    """Publish a store setting (the keys of `jxc settings`), checked as a store checks it."""
    from app.services.settings import SETTINGS, BadSetting, UnknownSetting
    from headoffice.feed_records import setting_record

    setting = SETTINGS.get(key)
    if setting is None:
        raise UnknownSetting(key=key, known=", ".join(SETTINGS))
    try:
        value = setting.parse(value)
    except ValueError as exc:
        zh, en = exc.args
        raise BadSetting(key=key, value=value, why_zh=zh, why_en=en) from None
    _publish(db_url, "setting", [setting_record(key, value)], store_code)


@hq_publish.command("user")
@DB
@click.argument("username")
@click.option("--name", "display_name", help="Display name (default: the user name).")
@click.option("--role", required=True, help="cashier, shift_lead, store_manager, "
              "warehouse_clerk, accountant, admin or head_office.")
@click.option("--keep-password", is_flag=True,
              help="Do not send a password (the terminals keep the one they have).")
@click.option("--with-pin", is_flag=True, help="Also ask for an authorisation PIN (4-8 digits).")
@click.option("--inactive", is_flag=True, help="Publish the user as deactivated.")
@STORE
def hq_publish_user(db_url, username, display_name, role, keep_password, with_pin, inactive,
                    store_code) -> None:
    """Publish a user; the password (and PIN) are asked for and hashed here: only the
    hashes are stored and sent."""
    from headoffice.feed_records import user_record

    password = None if keep_password else click.prompt(
        "Password", hide_input=True, confirmation_prompt=True)
    pin = click.prompt("PIN", hide_input=True, confirmation_prompt=True) if with_pin else None
    record = user_record(username, display_name, role, password, pin, not inactive)
    _publish(db_url, "user", [record], store_code)


@hq.command("changes")
@DB
@click.option("--store", "store_code", help="Only what this store receives.")
@click.option("--after", default=0, show_default=True, type=click.IntRange(0))
@click.option("--limit", default=100, show_default=True, type=click.IntRange(1, 10_000))
@FORMAT
def hq_changes(db_url, store_code, after, limit, fmt) -> None:
    """The change feed as published (password and PIN hashes hidden)."""
    from headoffice.publish import list_changes

    _print(list_changes(_engine(db_url), store_code, after, limit), fmt, "changes",
           ["id", "kind", "key", "store", "published_at"])


# --- webhooks, integrations and transfers between stores (docs/webhooks.md) ----------------

def _csv(value: str) -> list[str]:
    return [v.strip() for v in (value or "").split(",") if v.strip()]


@hq.group("webhook")
def hq_webhook() -> None:
    """Webhooks: signed JSON to other systems when things happen at the stores."""


@hq_webhook.command("add")
@DB
@click.argument("url")
@click.option("--events", required=True, help="Comma-separated: sale.posted, stock.below_minimum, "
              "transfer.sent, stocktake.posted, health.alert.")
@click.option("--store", "store_code", help="Only this store's events (default: every store).")
@FORMAT
def hq_webhook_add(db_url, url, events, store_code, fmt) -> None:
    """Subscribe URL to event types; prints the signing secret once."""
    from headoffice.webhooks import add

    added = add(_engine(db_url), url, _csv(events), store_code)
    if fmt == "json":
        _print(added, fmt)
        return
    click.echo(f"Webhook {added['id']} added: {', '.join(added['events'])} -> {added['url']}")
    click.echo(f"Signing secret (shown once; verify X-JXC-Signature with it): {added['secret']}")


@hq_webhook.command("list")
@DB
@FORMAT
def hq_webhook_list(db_url, fmt) -> None:
    from headoffice.webhooks import list_hooks

    _print(list_hooks(_engine(db_url)), fmt)


@hq_webhook.command("remove")
@DB
@click.argument("hook_id", type=int)
def hq_webhook_remove(db_url, hook_id) -> None:
    """Stop a webhook; its pending deliveries are cancelled, its log is kept."""
    from headoffice.webhooks import remove

    done = remove(_engine(db_url), hook_id)
    click.echo(f"Webhook {hook_id} removed; {done['cancelled']} pending deliveries cancelled.")


@hq_webhook.command("deliveries")
@DB
@click.option("--webhook", "hook_id", type=int)
@click.option("--status", type=click.Choice(["pending", "delivered", "failed", "cancelled"]))
@click.option("--limit", default=100, show_default=True, type=click.IntRange(1, 10_000))
@FORMAT
def hq_webhook_deliveries(db_url, hook_id, status, limit, fmt) -> None:
    """The delivery log, newest first."""
    from headoffice.webhooks import deliveries

    rows = deliveries(_engine(db_url), hook_id, status, limit)
    _print(rows, fmt, None, ["id", "webhook", "event", "status", "attempts", "last_status",
                             "last_error", "created_at"] if fmt == "table" else None)


@hq_webhook.command("deliver")
@DB
def hq_webhook_deliver(db_url) -> None:
    """Send what is due now (the server does this every 2 s by itself)."""
    from headoffice.webhooks import deliver_due

    done = deliver_due(_engine(db_url), limit=1000)
    click.echo(f"Delivered {done['delivered']}, to retry {done['retry']}, failed {done['failed']}.")


@hq_webhook.command("retry")
@DB
@click.argument("delivery_id", type=int)
def hq_webhook_retry(db_url, delivery_id) -> None:
    """Queue a failed delivery again."""
    from headoffice.webhooks import retry

    done = retry(_engine(db_url), delivery_id)
    click.echo(f"Delivery {delivery_id} {'queued again' if done['queued'] else 'is not failed'}.")


@hq.group("integration")
def hq_integration() -> None:
    """Integrations: API keys for systems that post documents (online shop, supplier ASNs)."""


@hq_integration.command("add")
@DB
@click.argument("name")
@click.option("--scopes", required=True,
              help="Comma-separated post:<type>, e.g. post:sale,post:purchase_order.")
@click.option("--stores", default="", help="Comma-separated store codes (default: every store).")
@FORMAT
def hq_integration_add(db_url, name, scopes, stores, fmt) -> None:
    """Add an integration; prints its API key once."""
    from headoffice.integrations import add

    added = add(_engine(db_url), name, _csv(scopes), _csv(stores))
    if fmt == "json":
        _print(added, fmt)
        return
    click.echo(f"Integration {added['name']} added: {', '.join(added['scopes'])} "
               f"for {', '.join(added['stores']) or 'every store'}.")
    click.echo(f"API key (shown once; send as Authorization: Bearer …): {added['api_key']}")


@hq_integration.command("list")
@DB
@FORMAT
def hq_integration_list(db_url, fmt) -> None:
    from headoffice.integrations import list_all

    _print(list_all(_engine(db_url)), fmt)


@hq_integration.command("remove")
@DB
@click.argument("name")
def hq_integration_remove(db_url, name) -> None:
    """Switch an integration's key off."""
    from headoffice.integrations import remove

    remove(_engine(db_url), name)
    click.echo(f"Integration {name} removed; its key no longer works.")


@hq.command("transfers")
@DB
@click.option("--store", "store_code", required=True)
@click.option("--direction", type=click.Choice(["in", "out", "both"]), default="both",
              show_default=True)
@FORMAT
def hq_transfers(db_url, store_code, direction, fmt) -> None:
    """Transfers between stores: in transit, and received with their differences."""
    from headoffice import admin, db
    from headoffice.routes_more import list_transfers

    engine = _engine(db_url)
    rows = db.read(engine, lambda s: list_transfers(
        s, admin.store_by_code(s, store_code).id, direction))
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2, default=str))
        return
    for t in rows:
        click.echo(f"{t['transfer_id']}  {t['number']}  {t['from_store']} -> {t['to_store']}  "
                   f"{t['status']}  sent {t['sent_at']:%Y-%m-%d %H:%M}")
        for line in t["lines"]:
            diff = line.get("difference_milli")
            click.echo(f"    {line['sku']}  {line['qty']} at {line['unit_cost']}"
                       + (f"  received {line['received_milli'] / 1000:g} ({diff / 1000:+g})"
                          if diff is not None else ""))


@hq.command("backup-key")
@DB
@click.option("--store", "store_code", required=True, help="Store code, e.g. S001.")
@click.option("--output", type=click.Path(dir_okay=False),
              help="Write the newest escrowed key (a SECRET) here, for "
                   "`jxc restore --backup-key-file`.")
def hq_backup_key(db_url, store_code, output) -> None:
    """Backup keys the store's terminals escrowed here: restore a PC whose keyring is lost."""
    from pathlib import Path

    from app.services.backup.keys import write_secret_file
    from headoffice.escrow import escrowed_keys

    keys = escrowed_keys(_engine(db_url), store_code)
    if not keys:
        raise click.ClickException(f"no backup key escrowed for store {store_code} yet")
    for k in keys:
        click.echo(f"{k['key_id']}  {k['store_uuid']}  {k['received_at']}")
    if output:
        write_secret_file(Path(output), keys[0]["blob"])
        click.echo(f"newest key written to {output} (keep it secret)")
