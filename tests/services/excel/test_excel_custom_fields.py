"""Custom product fields in the Excel template and the product import (issue 11 item 1)."""
from __future__ import annotations

import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from app.domain.custom_fields import FieldDef
from app.persistence.schema import Product
from app.services import custom_fields
from app.services.excel import IMPORTERS, ImportRejected, template_bytes
from app.services.excel.marks import BAD_FILL
from app.services.excel.safety import put_text
from app.services.records import Actor

ADMIN = Actor(1, "admin", "admin")
ORIGIN = FieldDef("product", "origin", "产地", "Origin", "choice", choices=("广东", "四川"))
SHELF = FieldDef("product", "shelf", "货架号", "Shelf", "number", maximum=Decimal("99"),
                 position=2)


@pytest.fixture
def fields(shop):
    for fd in (ORIGIN, SHELF):
        custom_fields.define(shop, ADMIN, fd)
    return custom_fields.definitions(shop, "product")


def _filled(path, fields, rows: list[dict]):
    wb = load_workbook(io.BytesIO(template_bytes("products", fields)))
    ws = wb.worksheets[0]
    heads = {ws.cell(1, c).value.split("\n")[1]: c for c in range(1, ws.max_column + 1)}
    for r, row in enumerate(rows, 2):
        for title, value in row.items():
            put_text(ws.cell(r, heads[title]), value)
    wb.save(path)
    return path, heads


def _row(sku: str, **custom) -> dict:
    return {"Sku": sku, "Name": "绿茶", "Unit": "瓶", "Retail price": "3.00", **custom}


def test_the_template_has_a_column_per_field_explained(fields):
    wb = load_workbook(io.BytesIO(template_bytes("products", fields)))
    heads = [c.value for c in wb.worksheets[0][1]]
    assert heads[-2:] == ["产地\nOrigin", "货架号\nShelf"]
    notes = [row[0].value for row in wb.worksheets[1].iter_rows() if row[0].value == "货架号"]
    assert notes == ["货架号"]
    assert [c.value for c in load_workbook(io.BytesIO(template_bytes("products"))
                                           ).worksheets[0][1]] == heads[:-2]


def test_import_writes_custom_values_and_a_bad_cell_refuses_the_file(shop, fields, tmp_path):
    bad, heads = _filled(tmp_path / "bad.xlsx", fields, [
        _row("TEA", Origin="广东", Shelf="12"), _row("TEA2", Origin="火星", Shelf="120")])
    with pytest.raises(ImportRejected) as err:
        IMPORTERS["products"](shop, ADMIN, bad)
    assert err.value.count == 2
    ws = load_workbook(err.value.marked).worksheets[0]
    for title in ("Origin", "Shelf"):
        cell = ws.cell(3, heads[title])
        assert (cell.fill.fgColor.rgb or "").endswith(BAD_FILL) and cell.comment
    assert "99" in ws.cell(3, heads["Shelf"]).comment.text
    assert not (ws.cell(2, heads["Shelf"]).fill.fgColor.rgb or "").endswith(BAD_FILL)
    with shop.engine.connect() as conn:  # nothing was written, not even the good row
        assert conn.execute(select(Product.id).where(Product.sku == "TEA")).first() is None
    good, _ = _filled(tmp_path / "good.xlsx", fields, [
        _row("TEA", Origin="广东", Shelf="12.0"), _row("COLA", Shelf="3")])
    result = IMPORTERS["products"](shop, ADMIN, good)
    assert result.created == 1 and result.custom_values == 3
    assert custom_fields.values(shop, "product", ["TEA", "COLA"]) == {
        "TEA": {"origin": "广东", "shelf": "12"}, "COLA": {"shelf": "3"}}


def test_a_required_field_is_needed_for_new_products_only(shop, fields, tmp_path):
    custom_fields.define(shop, ADMIN, FieldDef("product", "origin", "产地", "Origin", "choice",
                                               choices=("广东", "四川"), required=True))
    defs = custom_fields.definitions(shop, "product")
    path, _ = _filled(tmp_path / "p.xlsx", defs, [_row("COLA", Shelf="4"), _row("NEW1")])
    with pytest.raises(ImportRejected) as err:
        IMPORTERS["products"](shop, ADMIN, path)
    assert err.value.count == 1 and "新商品" in err.value.message("zh_CN")
    assert "Origin" in err.value.message("en")
