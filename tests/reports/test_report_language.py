"""Report files in the store's language (setting `store.language`): PDF and Excel are printed
or handed on, so they follow the store; CSV and JSON follow the reader."""
from __future__ import annotations

import io
from datetime import date

import pypdfium2 as pdfium
import pytest
from openpyxl import load_workbook

from app.domain.permissions import PermissionDenied
from app.services import settings
from app.services.inventory.posting import post_document
from app.services.reports.export import export_file
from app.services.reports.filters import ReportFilter
from app.services.reports.sales import sales
from app.services.reports.xlsx import HEADER_ROW
from app.services.records import Actor
from helpers import add_catalog

ADMIN = Actor(None, "admin", "admin")
DAY = date(2026, 3, 2)


@pytest.fixture
def report(new_store):
    add_catalog(new_store)
    post_document(new_store, ADMIN, {
        "type": "purchase_receipt", "id": "in-1", "supplier": "S01", "date": "2026-03-01",
        "lines": [{"sku": "COLA", "qty": "50", "unit_cost": "1.50"},
                  {"sku": "RICE", "qty": "50", "unit_cost": "5.00"}]})
    post_document(new_store, ADMIN, {
        "type": "sale", "id": "sale-1", "date": DAY.isoformat(),
        "lines": [{"sku": "COLA", "qty": "2"}, {"sku": "RICE", "qty": "3"}],
        "payments": [{"method": "cash", "amount": "50.00"}]})
    result = sales(new_store, ReportFilter(DAY, DAY), by="product")
    return new_store, result


def pdf_text(data: bytes) -> str:
    pdf = pdfium.PdfDocument(data)
    return "\n".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))


def headers(data: bytes) -> list[str]:
    sheet = load_workbook(io.BytesIO(data)).active
    return [sheet.cell(1, 1).value] + [c.value for c in sheet[HEADER_ROW]]


def test_an_english_store_exports_english_pdf_and_excel(report):
    store, result = report
    settings.change(store, ADMIN, "store.language", "en")
    text = pdf_text(export_file(store, result, "pdf", "zh_CN", actor=ADMIN))
    english = [result.title("en")] + [c.title("en") for c in result.columns]
    for part in [*english, "Filters: ", "Page 1", "(yuan)", "可口可乐 500ml"]:
        assert part in text, part
    chinese = [result.title("zh_CN")] + [c.title("zh_CN") for c in result.columns]
    leaked = [w for w in chinese + ["筛选", "第 1 页", "（元）"] if w in text]
    assert leaked == []
    assert headers(export_file(store, result, "xlsx", "zh_CN", actor=ADMIN)) == english
    csv_text = export_file(store, result, "csv", "zh_CN", actor=ADMIN).decode("utf-8-sig")
    assert csv_text.startswith(result.columns[0].title("zh_CN"))  # the reader's language


def test_a_chinese_store_exports_what_it_exported_before(report):
    store, result = report
    text = pdf_text(export_file(store, result, "pdf", "en", actor=ADMIN))
    assert "筛选：" in text and "第 1 页" in text and "（元）" in text and "Page" not in text
    assert headers(export_file(store, result, "xlsx", "en", actor=ADMIN)) == [
        result.title("zh_CN")] + [c.title("zh_CN") for c in result.columns]
    with pytest.raises(PermissionDenied):
        export_file(store, result, "pdf", "en", actor=Actor(None, "x", "nobody"))
