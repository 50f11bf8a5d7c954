"""Templates: bilingual headers, data validation, an instructions sheet; and they import."""
from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from app.services.excel import KINDS, SPECS, UnknownTemplate, template_bytes, write_template


@pytest.mark.parametrize("kind", KINDS)
def test_template_has_bilingual_headers_validation_and_instructions(kind):
    wb = load_workbook(io.BytesIO(template_bytes(kind)))
    data, notes = wb.worksheets
    assert data.title == "数据 Data" and "Instructions" in notes.title
    headers = [c.value for c in data[1]]
    assert headers == [f"{c.zh}\n{c.en}" for c in SPECS[kind]]
    assert data.max_row == 1  # no example row that could be imported by mistake
    assert data.data_validations.dataValidation, "money, quantity and choice columns validate"
    texts = {str(c.value) for row in notes.iter_rows() for c in row if c.value}
    for column in SPECS[kind]:
        assert column.zh in texts and column.en in texts
    assert any("nothing is written" in t for t in texts)


def test_product_template_validates_costing_as_a_list_and_prices_as_decimals():
    wb = load_workbook(io.BytesIO(template_bytes("products")))
    rules = wb.worksheets[0].data_validations.dataValidation
    kinds = {r.type for r in rules}
    assert {"list", "decimal", "whole"} <= kinds
    costing = next(r for r in rules if r.type == "list")
    assert costing.formula1 == '"fifo,average"'


def test_unknown_template_is_refused_with_the_known_names(tmp_path):
    with pytest.raises(UnknownTemplate) as err:
        write_template("nonsense", tmp_path / "x.xlsx")
    assert "receipts" in err.value.message("en") and "没有名为" in err.value.message("zh_CN")
