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
    from app.services.reports.export import STREAM_FORMATS, format_for, render
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
    finally:
        opened.close()
    data = render(result, fmt, lang)
    if out is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    out.write_bytes(data)
    click.echo(f"{result.title(lang)}: {len(result.rows)} → {out}")
