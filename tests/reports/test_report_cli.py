"""`jxc report` as a user runs it: files and standard output, and one-line errors."""
from __future__ import annotations

import csv
import io
import json
from datetime import date

import logging
from logging.handlers import RotatingFileHandler

import pypdfium2 as pdfium
import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from app.domain.money import format_money
from app.services.reports.filters import ReportFilter
from app.services.reports.profit import gross_profit
from app.services.reports.sales import sales
from helpers import run_jxc

PERIOD = ("--from", "2026-02-01", "--to", "2026-05-31")
ZH, EN = {"JXC_LANG": "zh_CN"}, {"JXC_LANG": "en"}


def jxc(shop, *args, env=ZH):
    """The real thing: a new process (slow: about 1.5 s each)."""
    return run_jxc("--data-dir", str(shop.data_dir), "report", *args, env=env)


@pytest.fixture(scope="module")
def cli():
    """The same command in this process, for the many small cases."""
    from app.cli import cli as group, register_commands

    register_commands()
    yield group
    root = logging.getLogger()  # the store's file log, attached by the command
    for h in [h for h in root.handlers if isinstance(h, RotatingFileHandler)]:
        root.removeHandler(h)
        h.close()


def invoke(cli, shop, *args, env=ZH):
    return CliRunner().invoke(cli, ["--data-dir", str(shop.data_dir), "report", *args], env=env)


def test_json_and_csv_go_to_standard_output(cli, shop):
    r = jxc(shop, "sales", *PERIOD, "--by", "product", "--format", "json")
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    expected = sales(shop.store, ReportFilter(date(2026, 2, 1), date(2026, 5, 31)), by="product")
    assert data["title"] == "销售报表（按商品）"
    assert data["totals"]["net_sales_fen"] == format_money(expected.totals["net_sales_fen"]) \
        == "1217.00"
    assert [row["code"] for row in data["rows"]] == [r.code for r in expected.rows]
    r = invoke(cli, shop, "stock-valuation", "--to", "2026-05-31", "--format", "csv")
    assert r.exit_code == 0, r.output
    assert r.stdout_bytes.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(r.stdout[1:])))
    assert rows[0][:2] == ["商品编码", "商品名称"]
    assert next(row for row in rows if row and row[0] == "合计 Total")[5] == "516.55"


def test_files_in_every_format(cli, shop, tmp_path):
    xlsx, pdf = tmp_path / "毛利.xlsx", tmp_path / "slow.pdf"
    r = invoke(cli, shop, "gross-profit", *PERIOD, "--by", "customer", "--out", str(xlsx))
    assert r.exit_code == 0, r.output
    ws = load_workbook(xlsx).active
    expected = gross_profit(shop.store, ReportFilter(date(2026, 2, 1), date(2026, 5, 31)),
                            by="customer")
    codes = [ws.cell(5 + i, 1).value for i in range(len(expected.rows))]
    assert codes == [r.code or None for r in expected.rows]
    r = invoke(cli, shop, "slow-movers", "--from", "2026-05-01", "--to", "2026-05-31",
               "--store", "S001", "--out", str(pdf))
    assert r.exit_code == 0, r.output
    text = pdfium.PdfDocument(pdf)[0].get_textpage().get_text_range()
    assert "滞销商品" in text and "绿箭口香糖" in text and "69.69%" in text
    english_reader = tmp_path / "slow-en.pdf"  # a PDF is in the store's language
    r = invoke(cli, shop, "slow-movers", "--from", "2026-05-01", "--to", "2026-05-31",
               "--out", str(english_reader), env=EN)
    assert r.exit_code == 0 and r.output.startswith("Slow movers")  # the reader's language
    text = pdfium.PdfDocument(english_reader)[0].get_textpage().get_text_range()
    assert "滞销商品" in text and "Slow movers" not in text
    r = invoke(cli, shop, "alerts", "--from", "2026-05-01", "--to", "2026-05-31", "--days", "15",
               "--format", "csv", "--out", str(tmp_path / "a.csv"))
    assert r.exit_code == 0, r.output
    assert (tmp_path / "a.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    r = invoke(cli, shop, "list")
    assert "gross-profit" in r.stdout and "customer-ranking" in r.stdout
    r = invoke(cli, shop, "customer-ranking", *PERIOD, "--format", "table")
    assert r.exit_code == 0 and "复购率: 66.67%" in r.stdout


def test_mistakes_are_one_clear_line(cli, shop, tmp_path):
    cases = [
        (("sales", "--from", "2026-13-01", "--to", "2026-05-31"), "2026-13-01", "YYYY-MM-DD"),
        (("sales", "--from", "2026-06-01", "--to", "2026-05-31"), "2026-06-01", "after"),
        (("salez", *PERIOD), "salez", "gross-profit"),
        (("sales", *PERIOD, "--store", "S999"), "S999", "store"),
        (("stock-valuation", "--to", "2026-05-31", "--cashier", "c1"), "--cashier", "does not take"),
        (("sales", *PERIOD, "--format", "pdf"), "--out", "pdf"),
        (("sales", *PERIOD, "--out", str(tmp_path / "x.txt")), "x.txt", "--format"),
        (("gross-profit", *PERIOD, "--by", "cashier"), "cashier", "product"),
    ]
    for args, *words in cases:
        r = invoke(cli, shop, *args, env=EN)
        assert r.exit_code == 1, (args, r.stdout)
        assert r.stderr.startswith("Error: ") and r.stderr.count("\n") == 1, r.stderr
        assert all(w in r.stderr for w in words), (args, r.stderr)
    r = jxc(shop, "sales", *PERIOD, "--store", "S999")  # and as its own process, in Chinese
    assert r.returncode == 1 and r.stderr.count("\n") == 1 and "找不到门店“S999”" in r.stderr
