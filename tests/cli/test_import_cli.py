"""`jxc import products FILE` as a user runs it: one summary line, or one error line and exit 1."""
from __future__ import annotations

import csv
import os
import subprocess
import sys

import pytest
from openpyxl import Workbook

from app.domain.barcode import complete_ean13
from helpers import ADMIN_PASSWORD, ROOT

HEADER = ["sku", "name", "barcode", "unit", "retail_price", "category", "costing",
          "shelf_life_days"]
# `main()` registers the command modules it knows; this one is imported explicitly so the
# tests do not depend on that list.
RUN = ("import sys; from app.cli import main; "
       "main(sys.argv[1:])")


def run_jxc(*args: str, lang: str = "en") -> subprocess.CompletedProcess:
    env = {**os.environ, "JXC_LANG": lang}
    return subprocess.run([sys.executable, "-c", RUN, *args], capture_output=True, text=True,
                          env=env, cwd=ROOT, timeout=120)


@pytest.fixture
def data(layout, keys):
    from app.services.setup import initialize_store

    initialize_store(layout, keys, "S001", "测试门店", ADMIN_PASSWORD).close()
    return layout.root


def write_csv(path, rows):
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        csv.writer(f).writerows(rows)
    return path


def rows(n: int, price: str = "2.00") -> list[list[str]]:
    return [[f"K{i:03d}", f"测试商品 {i}", complete_ean13(f"6940000{i:05d}"), "个", price,
             "杂货/日用", "fifo", "365"] for i in range(n)]


def test_import_then_reimport_prints_one_summary_line(data, tmp_path):
    file = write_csv(tmp_path / "products.csv", [HEADER] + rows(3))
    r = run_jxc("--data-dir", str(data), "import", "products", str(file))
    assert r.returncode == 0, r.stderr
    assert r.stdout == "Imported 3 products: 3 created, 0 updated, 0 unchanged\n"
    changed = write_csv(tmp_path / "v2.csv", [HEADER] + rows(3)[:2] + [rows(3, "2.50")[2]]
                        + rows(4)[3:])
    r = run_jxc("--data-dir", str(data), "import", "products", str(changed), lang="zh_CN")
    assert r.returncode == 0, r.stderr
    assert r.stdout == "已导入 4 个商品：新建 1 个，更新 1 个，未变 2 个\n"


def test_xlsx_with_ignored_columns(data, tmp_path):
    wb = Workbook()
    wb.active.append(["商品编码", "商品名称", "条码", "单位", "零售价", "分类", "成本方法", "保质期(天)",
                      "库存"])
    wb.active.append(["X1", "可乐", int(complete_ean13("690123456789")), "瓶", 3.5, "饮料", "fifo",
                      365, 12])
    wb.save(tmp_path / "商品.xlsx")
    r = run_jxc("--data-dir", str(data), "import", "products", str(tmp_path / "商品.xlsx"))
    assert r.returncode == 0, r.stderr
    assert r.stdout == "Imported 1 products: 1 created, 0 updated, 0 unchanged\n"
    assert r.stderr == "Note: these columns were not imported: 库存\n"


def test_a_bad_row_is_one_error_line_and_exit_1(data, tmp_path):
    bad = rows(10)
    bad[6][4] = "abc"
    file = write_csv(tmp_path / "products.csv", [HEADER] + bad)
    r = run_jxc("--data-dir", str(data), "import", "products", str(file))
    assert r.returncode == 1
    assert r.stdout == ""
    assert r.stderr.count("\n") == 1
    assert r.stderr.startswith("Error: Nothing was imported: products.csv has 1 problem(s)")
    assert "row 8, retail_price: Amount 'abc' is not valid" in r.stderr
    zh = run_jxc("--data-dir", str(data), "import", "products", str(file), lang="zh_CN")
    assert zh.returncode == 1 and zh.stderr.count("\n") == 1
    assert zh.stderr.startswith("错误：没有导入任何商品") and "第 8 行“retail_price”" in zh.stderr
    info = run_jxc("--data-dir", str(data), "info", "--format", "json")
    assert '"products": 0' in info.stdout, info.stdout


def test_a_damaged_workbook_is_one_error_line(data, tmp_path):
    file = tmp_path / "products.xlsx"
    file.write_bytes(os.urandom(2048))
    r = run_jxc("--data-dir", str(data), "import", "products", str(file))
    assert r.returncode == 1
    assert r.stderr == ("Error: Cannot import products.xlsx: the content is not an Excel "
                        "workbook (.xlsx); the file may be damaged or merely renamed. "
                        "Nothing was imported.\n")


def test_the_location_column_is_imported_by_the_command(data, layout, keys, tmp_path):
    from sqlalchemy import text

    from app.persistence.store import open_store

    file = write_csv(tmp_path / "products.csv", [HEADER + ["货位"]]
                     + [r + [f"A-0{i}"] for i, r in enumerate(rows(2))])
    r = run_jxc("--data-dir", str(data), "import", "products", str(file))
    assert r.returncode == 0, r.stderr
    store = open_store(layout, keys)
    try:
        with store.engine.connect() as conn:
            found = conn.execute(text("SELECT sku, location FROM products ORDER BY sku")).all()
    finally:
        store.close()
    assert [tuple(f) for f in found] == [("K000", "A-00"), ("K001", "A-01")]
