"""Drafts and approvals, approval rules, posting rules and store settings."""
from __future__ import annotations

import json
from pathlib import Path

import click

from app.bootstrap import open_local_store
from app.cli import cli
from app.cli.inventory_cmds import _load, cli_actor, describe, doc
from app.persistence.layout import DataDir

DOC_TYPES = click.Choice(["purchase_order", "purchase_receipt", "purchase_return", "sale",
                          "customer_return", "transfer_out", "transfer_in", "transfer_settle",
                          "write_off", "stocktake", "assembly", "disassembly", "opening_stock"])


def _actor(store, user: str | None, password: str | None):
    """The command line acts as administrator, or as USER after a password check: an
    approval is a person's decision, and one person never approves two levels."""
    if not user:
        return cli_actor()
    from app.services.auth import sign_in
    from app.services.records import Actor

    if password is None:
        password = click.prompt(f"{user} password", hide_input=True)
    who = sign_in(store, user, password)
    return Actor(who.user_id, who.username, who.role)


def _as_user(f):
    f = click.option("--password", envvar="JXC_PASSWORD", help="(or env JXC_PASSWORD; "
                     "prompted when missing)")(f)
    return click.option("--user", help="Act as this user (asks for the password).")(f)


def _run(layout: DataDir, work):
    store = open_local_store(layout)
    try:
        return work(store)
    finally:
        store.close()


@doc.command("draft")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False, exists=True))
@_as_user
@click.pass_obj
def doc_draft(layout: DataDir, file: Path, user, password) -> None:
    """Save the documents in FILE as drafts (the same id replaces an earlier draft)."""
    from app.services.inventory.lifecycle import save_draft

    def work(store):
        actor = _actor(store, user, password)
        for raw in _load(file):
            click.echo(describe(save_draft(store, actor, raw)))
    _run(layout, work)


@doc.command("submit")
@click.argument("ref")
@_as_user
@click.pass_obj
def doc_submit(layout: DataDir, ref: str, user, password) -> None:
    """Submit a draft: it posts, or waits for approval when a rule says so."""
    from app.services.inventory.lifecycle import submit

    _run(layout, lambda store: click.echo(describe(submit(store, _actor(store, user, password), ref))))


@doc.command("approve")
@click.argument("ref")
@click.option("--comment", default="")
@_as_user
@click.pass_obj
def doc_approve(layout: DataDir, ref: str, comment: str, user, password) -> None:
    """Approve the level of REF waiting for you; the last level posts it."""
    from app.services.inventory.lifecycle import approve

    _run(layout, lambda store: click.echo(describe(
        approve(store, _actor(store, user, password), ref, comment))))


@doc.command("reject")
@click.argument("ref")
@click.option("--comment", required=True, help="Why: the author sees it.")
@_as_user
@click.pass_obj
def doc_reject(layout: DataDir, ref: str, comment: str, user, password) -> None:
    """Reject REF; its author can edit the draft (same id) and submit it again."""
    from app.services.inventory.lifecycle import reject

    _run(layout, lambda store: click.echo(describe(
        reject(store, _actor(store, user, password), ref, comment))))


@doc.command("pending")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table")
@_as_user
@click.pass_obj
def doc_pending(layout: DataDir, fmt: str, user, password) -> None:
    """Documents waiting for a decision you may take."""
    from app.domain.money import format_money
    from app.services.inventory.lifecycle import inbox

    rows = _run(layout, lambda store: inbox(store, _actor(store, user, password)))
    if fmt == "json":
        click.echo(json.dumps([r.__dict__ for r in rows], ensure_ascii=False, indent=2))
        return
    for r in rows:
        click.echo(f"{r.id:<24} {r.type:<18} {format_money(r.total_fen):>12}  level "
                   f"{r.level}/{r.levels}  {r.created_at}")


@doc.command("history")
@click.argument("ref")
@click.pass_obj
def doc_history(layout: DataDir, ref: str) -> None:
    """Approval decisions on REF, with comments."""
    from app.services.inventory.lifecycle import history

    for h in _run(layout, lambda store: history(store, ref)):
        verdict = "approved" if h["approved"] else "rejected"
        click.echo(f"round {h['round']} level {h['level']} {verdict} by {h['role']}"
                   f" ({h['user_id']}) {h['at']}: {h['comment']}")


@cli.group()
def approval() -> None:
    """Approval rules: which documents wait for whom."""


@approval.command("add")
@click.option("--type", "kind", type=DOC_TYPES, required=True)
@click.option("--levels", required=True, help='Roles per level, e.g. "store_manager,admin|admin".')
@click.option("--min-total", help="Amount (yuan) from which the rule applies, e.g. 5000.00.")
@click.option("--min-qty", help="Largest line quantity from which the rule applies.")
@click.pass_obj
def approval_add(layout: DataDir, kind: str, levels: str, min_total, min_qty) -> None:
    from app.domain.documents import DocType
    from app.domain.money import parse_money, parse_quantity
    from app.services.inventory.approval_rules import add_rule

    total = parse_money(min_total) if min_total else None
    qty = parse_quantity(min_qty) if min_qty else None
    rule = _run(layout, lambda s: add_rule(s, cli_actor(), DocType(kind), levels, total, qty))
    click.echo(f"approval rule {rule} added")


@approval.command("list")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table")
@click.pass_obj
def approval_list(layout: DataDir, fmt: str) -> None:
    from app.services.inventory.approval_rules import list_rules

    rows = _run(layout, list_rules)
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for r in rows:
        click.echo(f"{r['id']:>4} {'on ' if r['active'] else 'off'} {r['type']:<18} "
                   f"min_total_fen={r['min_total_fen']} min_line_qty_milli="
                   f"{r['min_line_qty_milli']} levels={r['levels']}")


@approval.command("disable")
@click.argument("rule_id", type=int)
@click.pass_obj
def approval_disable(layout: DataDir, rule_id: int) -> None:
    from app.services.inventory.approval_rules import disable_rule

    _run(layout, lambda s: disable_rule(s, cli_actor(), rule_id))
    click.echo(f"approval rule {rule_id} disabled")


@cli.group()
def accounts() -> None:
    """Posting rules: which accounts each document type books."""


@accounts.command("rules")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table")
@click.pass_obj
def accounts_rules(layout: DataDir, fmt: str) -> None:
    from app.services.inventory.posting_rules import show

    rules = _run(layout, show)
    if fmt == "json":
        click.echo(json.dumps(rules, ensure_ascii=False, indent=2))
        return
    for kind, item in rules.items():
        click.echo(f"{kind}{' (custom)' if item['custom'] else ''}")
        for e in item["entries"]:
            click.echo(f"    {e['side']:<6} {e['account']:<8} {e['amount']}")


@accounts.command("set-rules")
@click.argument("kind", type=DOC_TYPES)
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False, exists=True))
@click.pass_obj
def accounts_set(layout: DataDir, kind: str, file: Path) -> None:
    """Replace KIND's rules with FILE: [{"side": "debit", "account": "1901", "amount": "value"}, ...]."""
    from app.domain.documents import DocType
    from app.services.inventory.posting_rules import parse_entries, replace

    entries = parse_entries(_load(file))
    _run(layout, lambda s: replace(s, cli_actor(), DocType(kind), entries))
    click.echo(f"posting rules of {kind} replaced ({len(entries)} entries)")


@accounts.command("reset-rules")
@click.argument("kind", type=DOC_TYPES)
@click.pass_obj
def accounts_reset(layout: DataDir, kind: str) -> None:
    from app.domain.documents import DocType
    from app.services.inventory.posting_rules import reset

    _run(layout, lambda s: reset(s, cli_actor(), DocType(kind)))
    click.echo(f"posting rules of {kind} back to the defaults")


@cli.group("settings")
def settings_group() -> None:
    """Store settings (negative stock, price anomaly threshold)."""


@settings_group.command("list")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table")
@click.pass_obj
def settings_list(layout: DataDir, fmt: str) -> None:
    from app.i18n import user_language
    from app.services.settings import all_settings

    rows = _run(layout, all_settings)
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    lang = "zh" if user_language().startswith("zh") else "en"
    for r in rows:
        click.echo(f"{r['key']:<28} {r['value']:<8} {r[lang]}")


@settings_group.command("set")
@click.argument("key")
@click.argument("value")
@click.pass_obj
def settings_set(layout: DataDir, key: str, value: str) -> None:
    from app.services.settings import change

    click.echo(f"{key} = {_run(layout, lambda s: change(s, cli_actor(), key, value))}")
