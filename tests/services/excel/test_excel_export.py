"""The reusable exporter: typed cells, dict/object rows, and formula injection neutralised."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from openpyxl import load_workbook

from app.services.excel.export import write_rows
from app.services.excel.safety import looks_like_formula, neutralise


def test_rows_keep_their_types_and_dangerous_text_is_neutralised(tmp_path):
    path = tmp_path / "out.xlsx"
    rows = [("=cmd|' /C calc'!A0", Decimal("3.50"), 12, date(2026, 12, 1)),
            ("+SUM(A1:A9)", Decimal("-1.25"), -3, None),
            ("@foo", "-5", "普通文字", "-x")]
    assert write_rows(path, ["名称 Name", "Price", "Qty", "Day"], rows) == 3
    ws = load_workbook(path).active
    assert [c.value for c in ws[1]] == ["名称 Name", "Price", "Qty", "Day"]
    assert ws["A2"].value == "'=cmd|' /C calc'!A0" and ws["A2"].data_type == "s"
    assert ws["A3"].value == "'+SUM(A1:A9)" and ws["A4"].value == "'@foo"
    assert ws["B2"].value == 3.5 and ws["C2"].value == 12
    assert ws["D2"].value.date() == date(2026, 12, 1)
    assert ws["B4"].value == "-5"  # a negative number as text is not a formula
    assert ws["D4"].value == "'-x"
    assert not any(c.data_type == "f" for row in ws.iter_rows() for c in row)


@dataclass
class Item:
    sku: str
    qty: int


def test_keyed_columns_pick_from_dicts_and_objects(tmp_path):
    path = tmp_path / "k.xlsx"
    write_rows(path, [("sku", "SKU"), ("qty", "数量")], [{"sku": "A", "qty": 1}, Item("B", 2)])
    ws = load_workbook(path).active
    assert [[c.value for c in r] for r in ws.iter_rows(min_row=2)] == [["A", 1], ["B", 2]]


def test_what_counts_as_a_formula():
    assert looks_like_formula("=1+1") and looks_like_formula("-cmd") and looks_like_formula("\t=x")
    assert not looks_like_formula("-5") and not looks_like_formula("+3.5") \
        and not looks_like_formula("a=b")
    assert neutralise(5) == 5 and neutralise("ok") == "ok"
