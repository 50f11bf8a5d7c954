"""`jxc hq publish report|report-withdraw`: report-builder definitions from head office to
the stores (kind `report` of the change feed; docs/reports.md, "Shared by head office").

The file is what a store's `jxc report-definition export NAME --out FILE.json` writes (one
definition, or a list of them); head office checks each with the store's rules before
anything is published. Each store keeps it read-only beside its own definitions, which it
never overwrites.
"""
from __future__ import annotations

import click

from app.cli.hq_cmds import DB, FORMAT, STORE, _publish, _read_json, hq_publish


@hq_publish.command("report")
@DB
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@STORE
@FORMAT
def hq_publish_report(db_url, file, store_code, fmt) -> None:
    """Report-builder definitions from a JSON file: {"name": "月度分类毛利", "spec":
    {"dimensions": ["month", "category"], "measures": ["sales", "gross_profit"], "chart":
    "line", "filters": {}, "period": "last_month"}, "title_zh": "…", "title_en": "…"} or a
    list of them. The same name again replaces it at the stores; "active": false
    withdraws it."""
    from headoffice.feed_reports import report_records

    _publish(db_url, "report", report_records(_read_json(file)), store_code, fmt)


@hq_publish.command("report-withdraw")
@DB
@click.argument("name")
@STORE
@FORMAT
def hq_withdraw_report(db_url, name, store_code, fmt) -> None:
    """Withdraw the head-office report NAME: the stores remove it (their own reports of the
    same name stay)."""
    from headoffice.feed_reports import withdrawal

    _publish(db_url, "report", [withdrawal(name)], store_code, fmt)
