"""`jxc report NAME`: run a report and write it as PDF, XLSX, CSV, JSON or a text table."""
from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import click

from app.bootstrap import open_local_store
from app.cli import cli
from app.domain.errors import DomainError
from app.persistence.layout import DataDir


class OutputNeeded(DomainError):
    code = "report_output_needed"
    zh = "{fmt} 格式需要用 --out 指定输出文件。"
    en = "The {fmt} format needs an output file: give --out FILE."


class FormatUnknown(DomainError):
    code = "report_format_unknown"
    zh = "无法从文件名“{name}”判断格式：请加 --format pdf|xlsx|csv|json。"
    en = "Cannot tell the format from the file name '{name}': add --format pdf|xlsx|csv|json."


@cli.command("report", epilog="NAME: sales, gross-profit, customer-ranking, cashier-performance, "
             "stock-valuation, slow-movers, turnover, near-expiry, stocktake-variance, "
             "purchase-price-trend, sales-decline, low-stock, negative-stock, price-anomalies, "
             "alerts; `jxc report list` lists them. Definitions: docs/reports.md.")
@click.argument("name")
@click.option("--from", "start", metavar="YYYY-MM-DD",
              help="First day (default: the 1st of --to's month).")
@click.option("--to", "end", metavar="YYYY-MM-DD",
              help="Last day, or the as-of day (default: today).")
@click.option("--store", help="Store code.")
@click.option("--category", help="Category code (includes its subcategories).")
@click.option("--product", help="Product SKU.")
@click.option("--cashier", help="Cashier user name.")
@click.option("--customer", help="Customer code, phone or card number.")
@click.option("--supplier", help="Supplier code.")
@click.option("--by", help="Grouping: day, month, product, category, cashier, customer.")
@click.option("--compare", help="mom (month on month) or yoy (year on year).")
@click.option("--days", type=int, help="Near expiry: days ahead (default 30).")
@click.option("--cover-days", type=int,
              help="Slow movers: days of cover above which a product is slow (default 90).")
@click.option("--format", "fmt", type=click.Choice(["pdf", "xlsx", "csv", "json", "table"]),
              help="Default: from --out's suffix, else a table on standard output.")
@click.option("--out", type=click.Path(path_type=Path, dir_okay=False), help="Output file.")
@click.pass_obj
def report(layout: DataDir, name: str, start, end, store, category, product, cashier, customer,
           supplier, by, compare, days, cover_days, fmt, out: Path | None) -> None:
    """Run report NAME for a period and write it."""
    from app.domain.report_periods import Period, parse_day
    from app.i18n import user_language
    from app.services.reports.catalog import SPECS, run_report, spec
    from app.services.reports.export import STREAM_FORMATS, export_file, format_for
    from app.services.reports.filters import ReportFilter

    lang = user_language()
    if name == "list":
        for s in SPECS.values():
            click.echo(f"{s.name:<22} {s.zh if lang.startswith('zh') else s.en}")
        return
    chosen = spec(name)
    fmt = fmt or (format_for(out.suffix) if out else "table")
    if fmt is None:
        raise FormatUnknown(name=out.name)
    if out is None and fmt not in STREAM_FORMATS:
        raise OutputNeeded(fmt=fmt)
    end_day = parse_day(end) if end else date.today()
    start_day = parse_day(start) if start else (end_day if chosen.as_of else end_day.replace(day=1))
    Period(start_day, end_day)  # refuses from > to before the store is opened
    f = ReportFilter(start_day, end_day, store=store, category=category, product=product,
                     cashier=cashier, customer=customer, supplier=supplier)
    opened = open_local_store(layout)
    try:
        result = run_report(opened, name, f, by=by, compare=compare, days=days,
                            cover_days=cover_days)
        data = export_file(opened, result, fmt, lang)  # pdf, xlsx: the store's language
    finally:
        opened.close()
    if out is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    out.write_bytes(data)
    click.echo(f"{result.title(lang)}: {len(result.rows)} → {out}")


# -- the morning brief -----------------------------------------------------------------
OPTION_KEYS = {"time": "brief.time", "email": "brief.email", "smtp_host": "brief.smtp_host",
               "smtp_port": "brief.smtp_port", "smtp_security": "brief.smtp_security",
               "smtp_user": "brief.smtp_user", "mail_from": "brief.mail_from",
               "mail_to": "brief.mail_to", "webhook": "brief.webhook"}


@cli.group("brief")
def brief() -> None:
    """The morning brief: yesterday's figures by e-mail (PDF) and/or a group robot."""


@brief.command("send", epilog="A channel that already had the brief of that day is skipped.")
@click.option("--date", "day", metavar="YYYY-MM-DD", help="Business day (default: yesterday).")
@click.option("--channel", "channels", multiple=True,
              type=click.Choice(["email", "wecom", "dingtalk"]),
              help="Only this channel (repeatable; default: every configured one).")
@click.pass_obj
def brief_send(layout: DataDir, day, channels) -> None:
    """Send the morning brief of a day now."""
    from app.domain.report_periods import parse_day
    from app.services.brief.sending import send_brief
    from app.services.records import LOCAL_OPERATOR

    chosen = parse_day(day) if day else None
    opened = open_local_store(layout)
    try:
        outcomes = send_brief(opened, LOCAL_OPERATOR, chosen, list(channels) or None)
    finally:
        opened.close()
    zh = _zh()
    words = {"sent": ("已发送", "sent"), "already_sent": ("此前已发送，跳过", "already sent, skipped"),
             "failed": ("失败", "failed")}
    for o in outcomes:
        text = words[o.status][0 if zh else 1]
        click.echo(f"{o.channel}: {text}" + (f" — {o.error.message('zh_CN' if zh else 'en')}"
                                              if o.error else ""))
    failed = [o for o in outcomes if o.status == "failed"]
    if failed:
        raise failed[0].error


@brief.command("config", epilog="Secrets are asked for at a hidden prompt and kept in the "
               "OS keyring, never on the command line. Without options: show the settings.")
@click.option("--time", help="When to send, 24-hour time (default 09:00).")
@click.option("--email", type=click.Choice(["on", "off"]), help="Send by e-mail.")
@click.option("--smtp-host", help="Outgoing mail server.")
@click.option("--smtp-port", help="SMTP port.")
@click.option("--smtp-security", type=click.Choice(["starttls", "ssl", "none"]))
@click.option("--smtp-user", help="SMTP login.")
@click.option("--mail-from", help="Sender address.")
@click.option("--mail-to", help="Recipients, comma-separated.")
@click.option("--webhook", type=click.Choice(["off", "wecom", "dingtalk"]),
              help="Group robot to send to.")
@click.option("--set-smtp-password", is_flag=True, help="Ask for the SMTP password.")
@click.option("--set-webhook-url", is_flag=True, help="Ask for the robot's webhook address.")
@click.option("--set-webhook-secret", is_flag=True, help="Ask for DingTalk's signing secret.")
@click.pass_obj
def brief_config(layout: DataDir, set_smtp_password, set_webhook_url, set_webhook_secret,
                 **options) -> None:
    """Show or change the morning brief's settings."""
    from app.services.brief.config import load_brief_config, save_brief_config
    from app.services.records import LOCAL_OPERATOR

    values = {OPTION_KEYS[k]: v for k, v in options.items() if v is not None}
    secrets = {}
    for flag, kind, label in ((set_smtp_password, "smtp-password", "SMTP password / SMTP 密码"),
                              (set_webhook_url, "webhook-url", "Webhook URL / 机器人地址"),
                              (set_webhook_secret, "webhook-secret", "Secret / 加签密钥")):
        if flag:
            secrets[kind] = click.prompt(label, hide_input=True, default="",
                                         show_default=False).strip()
    opened = open_local_store(layout)
    try:
        if values or secrets:
            config = save_brief_config(opened, LOCAL_OPERATOR, values, secrets)
        else:
            config = load_brief_config(opened)
    finally:
        opened.close()
    yes = lambda v: ("已设置" if _zh() else "set") if v else ("未设置" if _zh() else "not set")  # noqa: E731
    for key, value in (("time", config.time), ("email", "on" if config.email else "off"),
                       ("smtp_host", config.smtp_host), ("smtp_port", config.smtp_port),
                       ("smtp_security", config.smtp_security), ("smtp_user", config.smtp_user),
                       ("mail_from", config.mail_from), ("mail_to", ", ".join(config.mail_to)),
                       ("webhook", config.webhook), ("smtp_password", yes(config.has_password)),
                       ("webhook_url", yes(config.has_webhook_url)),
                       ("webhook_secret", yes(config.has_webhook_secret))):
        click.echo(f"{key:<15} {value}")


def _zh() -> bool:
    from app.i18n import user_language

    return user_language().startswith("zh")
