"""`jxc template NAME --out FILE` and `jxc import stock|prices|receipts FILE`."""
from __future__ import annotations

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from app.cli import cli, register_commands
from app.services.excel import SPECS
from app.services.excel.safety import put_text
from helpers import ADMIN_PASSWORD


@pytest.fixture
def data(layout, keys, monkeypatch):
    from app.services.setup import initialize_store
    from helpers import add_catalog

    store = initialize_store(layout, keys, "S001", "测试门店", ADMIN_PASSWORD)
    add_catalog(store)
    store.close()
    monkeypatch.setenv("JXC_LANG", "en")
    register_commands()
    return layout.root


def jxc(*args):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def fill(path, kind, rows):
    wb = load_workbook(path)
    ws = wb.worksheets[0]
    keys = [c.key for c in SPECS[kind]]
    for r, row in enumerate(rows, 2):
        for key, value in row.items():
            put_text(ws.cell(r, keys.index(key) + 1), value)
    wb.save(path)


def test_template_then_import_opening_stock(data, tmp_path):
    out = tmp_path / "stock.xlsx"
    r = jxc("--data-dir", str(data), "template", "stock", "--out", str(out))
    assert r.exit_code == 0 and r.output == f"Template written: {out}\n"
    fill(out, "stock", [{"sku": "COLA", "qty": "12", "unit_cost": "2.00"}])
    r = jxc("--data-dir", str(data), "import", "stock", str(out))
    assert r.exit_code == 0, r.output
    assert r.output.startswith("Imported 1 rows as 1 document(s): QC-")
    r = jxc("--data-dir", str(data), "stock", "--sku", "COLA")
    assert "12" in r.output


def test_a_refused_import_prints_one_line_and_writes_the_marked_copy(data, tmp_path):
    out = tmp_path / "prices.xlsx"
    jxc("--data-dir", str(data), "template", "prices", "--out", str(out))
    fill(out, "prices", [{"sku": "NOPE", "retail_price": "1.00"}])
    r = jxc("--data-dir", str(data), "import", "prices", str(out))
    assert r.exit_code == 1
    assert r.output.count("\n") == 1 and r.output.startswith("Error: Nothing was imported")
    marked = tmp_path / "prices.errors.xlsx"
    assert str(marked) in r.output and marked.exists()


def test_unknown_template_name_is_refused_by_click(data, tmp_path):
    r = jxc("template", "nonsense", "--out", str(tmp_path / "x.xlsx"))
    assert r.exit_code == 2 and "receipts" in r.output


def test_the_products_template_has_the_store_s_custom_fields(data, tmp_path):
    r = jxc("--data-dir", str(data), "field", "add", "product", "origin", "--zh", "产地",
            "--en", "Origin", "--kind", "text")
    assert r.exit_code == 0, r.output
    out = tmp_path / "products.xlsx"
    r = jxc("--data-dir", str(data), "template", "products", "--out", str(out))
    assert r.exit_code == 0, r.output
    heads = [c.value for c in load_workbook(out).worksheets[0][1]]
    assert heads[-1] == "产地\nOrigin" and len(heads) == len(SPECS["products"]) + 1
