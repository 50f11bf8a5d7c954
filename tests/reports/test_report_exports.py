"""Exports read back: XLSX with openpyxl (numbers as numbers), CSV with csv (BOM), JSON,
and PDF through pdfium (the Chinese text is there, and its glyphs are drawn)."""
from __future__ import annotations

import csv
import io
import json
from datetime import date
from decimal import Decimal

import pypdfium2 as pdfium
import pytest
from openpyxl import load_workbook

from app.domain.report_model import MONEY, QTY, RATE, TEXT, Column, ReportResult, cell_text
from app.services.reports.customers import customer_ranking
from app.services.reports.filters import ReportFilter
from app.services.reports.pdf import to_pdf
from app.services.reports.pdf_fonts import cjk_font, is_embedded
from app.services.reports.sales import sales
from app.services.reports.text import BOM, to_csv, to_json
from app.services.reports.xlsx import HEADER_ROW, to_xlsx

WHOLE = ReportFilter(date(2026, 2, 1), date(2026, 5, 31))


@pytest.fixture(scope="module")
def by_product(shop):
    return sales(shop.store, WHOLE, by="product", compare="mom")


def test_xlsx_keeps_numbers_as_numbers_with_formats(by_product):
    ws = load_workbook(io.BytesIO(to_xlsx(by_product, "zh_CN"))).active
    assert ws.cell(1, 1).value == "销售报表（按商品）"
    header = [c.value for c in ws[HEADER_ROW]]
    assert header[:4] == ["商品编码", "商品名称", "单数", "数量"] and "净销售额" in header
    cols = by_product.columns
    for i, row in enumerate(by_product.rows + [by_product.totals]):
        cells = ws[HEADER_ROW + 1 + i]
        values = by_product.values(row) if i < len(by_product.rows) else by_product.totals_values()
        for col, cell, value in zip(cols, cells, values):
            if value is None or col.kind == TEXT:
                continue
            assert isinstance(cell.value, (int, float)), (col.key, cell.value)
            exact = Decimal(str(cell.value))
            if col.kind == MONEY:
                assert exact * 100 == value and cell.number_format == "#,##0.00"
            elif col.kind == QTY:
                assert exact * 1000 == value
            elif col.kind == RATE:
                assert exact * 10_000 == value and cell.number_format == "0.00%"
    assert ws.cell(HEADER_ROW + 1 + len(by_product.rows), 1).font.b  # the totals row


def test_csv_has_a_bom_and_reads_back(by_product):
    data = to_csv(by_product, "zh_CN")
    assert data.startswith(BOM)
    rows = list(csv.reader(io.StringIO(data[1:])))
    assert rows[0] == [c.title("zh_CN") for c in by_product.columns]
    for got, row in zip(rows[1:], by_product.rows):
        assert got == [cell_text(c.kind, v) for c, v in zip(by_product.columns, by_product.values(row))]
    totals = rows[1 + len(by_product.rows)]
    assert totals[0] == "合计 Total" and "594.00" not in totals  # the whole shop, not COLA
    encoded = data.encode("utf-8")
    assert encoded[:3] == b"\xef\xbb\xbf" and "可口可乐".encode("utf-8") in encoded


def test_json_has_decimal_strings_and_the_facts(shop):
    result = customer_ranking(shop.store, WHOLE)
    data = json.loads(to_json(result, "en"))
    assert data["report"] == "customer-ranking" and data["columns"][0]["title"] == "Rank"
    assert data["rows"][0] == {
        "rank": 1, "code": "M001", "name": "张三", "tickets": 3, "net_sales_fen": "523.00",
        "profit_fen": data["rows"][0]["profit_fen"], "margin_bp": data["rows"][0]["margin_bp"],
        "share_bp": "54.65%", "cumulative_bp": "54.65%", "abc": "A", "repeat": True,
        "first_day": "2026-02-10", "last_day": "2026-04-10"}
    facts = {f["key"]: f["value"] for f in data["facts"]}
    assert facts["repeat_rate_bp"] == "66.67%" and facts["buyers"] == 3


def pdf_text(data: bytes) -> list[str]:
    pdf = pdfium.PdfDocument(data)
    return [pdf[i].get_textpage().get_text_range() for i in range(len(pdf))]


def test_pdf_carries_the_chinese_headings_with_either_font(by_product):
    for font in ("", "cid"):
        pages = pdf_text(to_pdf(by_product, "zh_CN", font=font))
        first = pages[0]
        for heading in ("销售报表（按商品）", "商品名称", "净销售额", "客单价", "可口可乐 500ml",
                        "594.00", "第 1 页"):
            assert heading in first, (font, heading)


def test_pdf_repeats_the_header_on_every_page():
    cols = (Column("sku", "商品编码", "SKU"), Column("value", "库存金额", "Value", MONEY))
    rows = [{"sku": f"P{i:04d}", "value": i * 101} for i in range(150)]
    result = ReportResult("x", "长报表", "Long", cols, rows, {"sku": "合计", "value": 1})
    pages = pdf_text(to_pdf(result, "zh_CN"))
    assert len(pages) >= 3
    assert all("商品编码" in p and "库存金额" in p for p in pages)
    assert "P0149 150.49" in pages[-1]  # 149 x 101 fen


def test_pdf_draws_the_chinese_glyphs(by_product):
    """Rendered by pdfium, the title's characters leave ink: the font was embedded."""
    if not is_embedded(cjk_font("")):
        pytest.skip("no TrueType CJK font on this PC (e.g. apt-get install fonts-wqy-microhei); "
                    "the built-in STSong-Light is not embedded, so pdfium cannot draw it here")
    pdf = pdfium.PdfDocument(to_pdf(by_product, "zh_CN", font=""))
    page = pdf[0]
    text = page.get_textpage()
    start = text.get_text_range().index("销售报表")
    boxes = [text.get_charbox(start + i) for i in range(4)]
    left, right = min(b[0] for b in boxes), max(b[2] for b in boxes)
    bottom, top = min(b[1] for b in boxes), max(b[3] for b in boxes)
    scale, height = 2, page.get_height()
    image = page.render(scale=scale).to_pil().convert("L")
    crop = image.crop((int(left * scale), int((height - top) * scale),
                       int(right * scale) + 1, int((height - bottom) * scale) + 1))
    dark = sum(crop.histogram()[:128])
    assert dark > 0.08 * crop.width * crop.height, dark  # four filled CJK characters
