"""Importing products from CSV and Excel files: every row or none, in one transaction."""
from __future__ import annotations

import csv
import hashlib
import json
import zipfile
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select, text

from app.domain.barcode import complete_ean13
from app.domain.permissions import PermissionDenied
from app.domain.product_rows import MissingColumns
from app.persistence.schema import (AuditEntry, Brand, Category, OutboxEvent, Product,
                                    ProductBarcode, Supplier, Unit)
from app.persistence.uow import UnitOfWork
from app.services import catalog_import
from app.services.catalog_import import (ImportRefused, UnreadableImportFile, import_products,
                                         parse_product_file)
from app.services.inventory.posting import post_document
from app.services.pinyin import initials
from app.services.records import Actor

ADMIN = Actor(None, "test-admin", "admin")
HEADER = ["sku", "name", "barcode", "unit", "retail_price", "category", "costing",
          "shelf_life_days"]
ZH_HEADER = ["商品编码", "商品名称", "条码", "单位", "零售价", "分类", "成本方法", "保质期(天)"]
COLA, COLA_CASE, SPRITE, MILK = (complete_ean13(p) for p in
                                 ("690123456789", "690123456790", "690123456791", "690123456792"))


def write_csv(path: Path, rows: list[list], encoding: str = "utf-8-sig",
              delimiter: str = ",") -> Path:
    with path.open("w", encoding=encoding, newline="") as f:
        csv.writer(f, delimiter=delimiter).writerows(rows)
    return path


def write_xlsx(path: Path, rows: list[list], formats: dict[str, str] | None = None) -> Path:
    wb = Workbook()
    ws = wb.active
    for r in rows:
        ws.append(r)
    for coordinate, number_format in (formats or {}).items():
        ws[coordinate].number_format = number_format
    wb.create_sheet("说明").append(["this second sheet is not read"])
    wb.save(path)
    return path


def products(store) -> dict[str, Product]:
    with UnitOfWork(store.engine, write=False) as uow:
        found = {p.sku: p for p in uow.session.scalars(select(Product))}
        uow.session.expunge_all()  # keep the loaded values past the read's rollback
    return found


def barcodes(store) -> dict[str, tuple[str, bool]]:
    with UnitOfWork(store.engine, write=False) as uow:
        return {b.barcode: (uow.session.get(Product, b.product_id).sku, b.is_primary)
                for b in uow.session.scalars(select(ProductBarcode))}


def count(store, model) -> int:
    with UnitOfWork(store.engine, write=False) as uow:
        return uow.session.scalar(select(func.count()).select_from(model))


def counts(store) -> dict[str, int]:
    return {m.__tablename__: count(store, m) for m in (Product, ProductBarcode, Category, Brand,
                                                       Unit, AuditEntry, OutboxEvent)}


def categories(store) -> dict[str, tuple[str, str | None]]:
    """name -> (code, parent name)"""
    with UnitOfWork(store.engine, write=False) as uow:
        rows = list(uow.session.scalars(select(Category)))
        uow.session.expunge_all()
    names = {c.id: c.name for c in rows}
    return {c.name: (c.code, names.get(c.parent_id)) for c in rows}


@pytest.fixture
def store(new_store):
    with UnitOfWork(new_store.engine) as uow:
        uow.session.add(Supplier(code="S01", name="上海饮料有限公司"))
        uow.commit()
    return new_store


# --- CSV --------------------------------------------------------------------------------------

def test_utf8_csv_creates_products_with_their_categories_brands_units_and_barcodes(store, tmp_path):
    file = write_csv(tmp_path / "商品.csv", [
        HEADER + ["brand", "supplier", "member_price", "tax_rate", "spec", "min_stock", "备注"],
        ["A001", "可口可乐 零度可乐 500ml", f"{COLA};{COLA_CASE}", "瓶", "3.50", "饮料/碳酸饮料",
         "fifo", "365", "可口可乐", "S01", "3.20", "13%", "500ml", "12", "随便写"],
        [],
        ["A002", "雪碧 330ml", SPRITE, "听", "2.5", "饮料/碳酸饮料", "", "", "雪碧", "", "", "",
         "", "", ""],
        ["A003", "散装 白糖", "", "kg", "￥6", "调味品", "average", "", "", "", "", "9", "", "", ""],
    ])
    before = count(store, Unit)
    result = import_products(store, ADMIN, file)
    assert (result.rows, result.created, result.updated, result.unchanged) == (3, 3, 0, 0)
    assert (result.categories_created, result.brands_created, result.units_created) == (3, 2, 1)
    assert result.ignored_columns == ("备注",)
    assert result.summary("en") == "Imported 3 products: 3 created, 0 updated, 0 unchanged"
    assert result.summary("zh_CN") == "已导入 3 个商品：新建 3 个，更新 0 个，未变 0 个"

    got = products(store)
    cola, sprite, sugar = got["A001"], got["A002"], got["A003"]
    assert (cola.name, cola.pinyin, cola.spec, cola.retail_price_fen, cola.member_price_fen,
            cola.wholesale_price_fen, cola.tax_rate_bp, cola.shelf_life_days, cola.costing,
            cola.min_stock_milli, cola.active, cola.is_stock_tracked) == (
        "可口可乐 零度可乐 500ml", initials("可口可乐 零度可乐 500ml"), "500ml", 350, 320, 350, 1300,
        365, "fifo", 12000, True, True)
    assert cola.pinyin == "kkklldkl500ml"
    # defaults for what a row does not give
    assert (sprite.costing, sprite.shelf_life_days, sprite.member_price_fen,
            sprite.purchase_price_fen, sprite.tax_rate_bp, sprite.supplier_id) == (
        "fifo", None, 250, 0, 1300, None)
    assert (sugar.retail_price_fen, sugar.costing, sugar.tax_rate_bp, sugar.brand_id) == (
        600, "average", 900, None)
    assert barcodes(store) == {COLA: ("A001", True), COLA_CASE: ("A001", False),
                               SPRITE: ("A002", True)}
    assert categories(store) == {"饮料": ("01", None), "碳酸饮料": ("0101", "饮料"),
                                 "调味品": ("02", None)}
    assert cola.category_id == sprite.category_id != sugar.category_id
    with UnitOfWork(store.engine, write=False) as uow:
        s = uow.session
        assert s.get(Brand, cola.brand_id).name == "可口可乐"
        assert s.get(Supplier, cola.supplier_id).code == "S01"
        assert s.get(Unit, sprite.unit_id).name == "听"
        assert s.get(Unit, sugar.unit_id).is_weighed is True
    assert count(store, Unit) == before + 1


def test_gbk_csv_with_chinese_headers_and_tabs(store, tmp_path):
    """What Chinese Excel or WPS saves on Windows: GBK, often tab-separated."""
    file = write_csv(tmp_path / "商品.txt", [
        ZH_HEADER + ["品牌", "进价", "批发价"],
        ["B001", "康师傅 红烧牛肉面 105g", COLA, "袋", "4.5", "方便食品/方便面", "先进先出", "180",
         "康师傅", "3.10", "4.2"],
        ["B002", "光明 纯牛奶 250ml", MILK, "盒", "3", "乳品", "移动加权平均", "30天", "光明", "",
         ""],
    ], encoding="gbk", delimiter="\t")
    assert "康师傅".encode("gbk") in file.read_bytes()
    result = import_products(store, ADMIN, file)
    assert result.created == 2
    got = products(store)
    assert got["B001"].name == "康师傅 红烧牛肉面 105g"
    assert (got["B001"].purchase_price_fen, got["B001"].wholesale_price_fen) == (310, 420)
    assert (got["B002"].costing, got["B002"].shelf_life_days) == ("average", 30)
    assert categories(store)["方便面"] == ("0101", "方便食品")


def test_utf8_without_bom_and_crlf(store, tmp_path):
    file = tmp_path / "p.csv"
    file.write_bytes(("\r\n".join([",".join(HEADER), f"C1,\"名字, 带逗号\",{COLA},瓶,1,,,"])
                      + "\r\n").encode("utf-8"))
    import_products(store, ADMIN, file)
    assert products(store)["C1"].name == "名字, 带逗号"


def test_utf16_unicode_text_from_excel(store, tmp_path):
    """Excel's "Unicode text" export: UTF-16 with a BOM, tab-separated."""
    file = tmp_path / "p.txt"
    lines = ["\t".join(ZH_HEADER), "\t".join(["U1", "重庆 小面", "", "碗", "12", "", "", ""])]
    file.write_text("\r\n".join(lines), encoding="utf-16")
    import_products(store, ADMIN, file)
    assert products(store)["U1"].pinyin == "cqxm"


def test_pinyin_is_the_initials_of_the_name(store, tmp_path):
    names = ["重庆小面 Ｃ级 500ml", "银行卡套\u3000蓝色", "音乐贺卡（大号）", "可口可乐×24 (2代)"]
    file = write_csv(tmp_path / "p.csv", [HEADER] + [[f"N{i}", n, "", "个", "1", "", "", ""]
                                                   for i, n in enumerate(names)])
    import_products(store, ADMIN, file)
    got = products(store)
    assert [got[f"N{i}"].pinyin for i in range(len(names))] == [initials(n) for n in names]


# --- Excel ------------------------------------------------------------------------------------

def test_xlsx_with_numeric_cells(store, tmp_path):
    file = write_xlsx(tmp_path / "商品.xlsx", [
        ZH_HEADER + ["会员价", "税率", "最低库存", "最高库存", "规格"],
        [1001, "农夫山泉 550ml", int(COLA), "瓶", 2, "饮料/饮用水", "fifo", 365, 1.5, 0.13, 2.5,
         10, 550],
        ["1002", "乐事 薯片 70g", float(SPRITE), "袋", 7.9, "零食", "average", None, 7.35, 9, None,
         None, "70g"],
        [None, None, None],  # an empty row is skipped
        ["1003", "康师傅 冰红茶", f"{MILK}", "瓶", 0.1 + 0.2, "饮料", None, 180.0, None, None, None,
         None, None],
    ], formats={"J2": "0%"})  # 13% typed into a percent cell is stored as 0.13
    parsed = parse_product_file(file)
    assert [p.row for p in parsed.rows] == [2, 3, 5]
    water, chips, tea = parsed.rows
    assert (water.sku, water.barcodes, water.retail_price_fen, water.member_price_fen,
            water.tax_rate_bp, water.shelf_life_days, water.min_stock_milli, water.spec) == (
        "1001", (COLA,), 200, 150, 1300, 365, 2500, "550")
    assert (chips.barcodes, chips.retail_price_fen, chips.member_price_fen, chips.tax_rate_bp,
            chips.shelf_life_days) == ((SPRITE,), 790, 735, 900, None)
    # 0.1 + 0.2 is 0.30000000000000004 as a float; Excel shows (and we read) 0.3
    assert (tea.retail_price_fen, tea.shelf_life_days) == (30, 180)
    assert import_products(store, ADMIN, file).created == 3
    assert products(store)["1001"].retail_price_fen == 200


def test_xlsx_imports_and_money_never_goes_through_float(store, tmp_path):
    file = write_xlsx(tmp_path / "p.xlsx", [
        HEADER + ["purchase_price"],
        ["X1", "测试商品", int(COLA), "个", 19.99, "杂货", "fifo", 30, 1.15],
        ["X2", "测试商品二", None, "个", 1234567.89, "杂货", "fifo", None, 0.07]])
    result = import_products(store, ADMIN, file)
    assert result.created == 2
    got = products(store)
    assert (got["X1"].retail_price_fen, got["X1"].purchase_price_fen) == (1999, 115)
    assert (got["X2"].retail_price_fen, got["X2"].purchase_price_fen) == (123456789, 7)


def test_xlsx_uncalculated_formula_and_error_values_are_row_errors(store, tmp_path):
    file = write_xlsx(tmp_path / "p.xlsx", [
        HEADER,
        ["F1", "公式商品", int(COLA), "个", "=1+2", "杂货", "fifo", 30],
        ["F2", "错误值", None, "个", "#N/A", "杂货", "fifo", 30],
        ["F3", "正常", None, "个", 3, "杂货", "fifo", 30]])
    with pytest.raises(ImportRefused) as info:
        import_products(store, ADMIN, file)
    en = info.value.message("en")
    assert "row 2, retail_price: the formula has no calculated value" in en
    assert "row 3, retail_price: the cell holds the error value #N/A" in en
    assert info.value.count == 2
    assert counts(store)["products"] == 0


@pytest.mark.parametrize("name, content, reason", [
    ("bad.xlsx", b"\x89PNG random bytes that are not a workbook" * 10, "not an Excel workbook"),
    ("bad.xlsx", None, "not a valid Excel workbook"),
    ("old.xls", bytes.fromhex("d0cf11e0a1b11ae1") + b"\0" * 500, "Excel 97-2003"),
    ("products.pdf", b"%PDF-1.4 ...", "only CSV (.csv) and Excel (.xlsx)"),
    ("binary.csv", b"\x00\x01\x02\x03" * 100, "not a text file"),
    ("empty.csv", b"", "the file is empty"),
    ("header.csv", ",".join(HEADER).encode() + b"\r\n\r\n", "no product rows"),
])
def test_files_that_cannot_be_read_get_a_clear_error(store, tmp_path, name, content, reason):
    file = tmp_path / name
    if content is None:  # a zip, but not a workbook
        with zipfile.ZipFile(file, "w") as z:
            z.writestr("hello.txt", "not excel")
    else:
        file.write_bytes(content)
    with pytest.raises(UnreadableImportFile) as info:
        import_products(store, ADMIN, file)
    assert reason in info.value.message("en")
    assert "没有导入任何商品" in info.value.message("zh_CN")
    assert counts(store)["audit_log"] == 0


def test_truncated_xlsx(store, tmp_path):
    good = write_xlsx(tmp_path / "good.xlsx", [HEADER, ["T1", "x", None, "个", 1, "", "", ""]])
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(good.read_bytes()[:-200])
    with pytest.raises(UnreadableImportFile, match="not a valid Excel workbook"):
        import_products(store, ADMIN, bad)


def test_limits_on_size_and_rows(store, tmp_path, monkeypatch):
    file = write_csv(tmp_path / "p.csv", [HEADER] + [[f"L{i}", "x", "", "个", "1", "", "", ""]
                                                   for i in range(5)])
    monkeypatch.setattr(catalog_import, "MAX_ROWS", 4)
    with pytest.raises(UnreadableImportFile, match="more than 4 product rows"):
        import_products(store, ADMIN, file)
    monkeypatch.setattr(catalog_import, "MAX_FILE_BYTES", 100)
    with pytest.raises(UnreadableImportFile, match="over the 0 MB limit"):
        import_products(store, ADMIN, file)


def test_missing_columns(store, tmp_path):
    file = write_csv(tmp_path / "p.csv", [["sku", "name", "retail_price"], ["A", "b", "1"]])
    with pytest.raises(MissingColumns, match="barcode, unit, category, costing, shelf_life_days"):
        import_products(store, ADMIN, file)


# --- all or nothing ---------------------------------------------------------------------------

def good_rows(n: int, start: int = 0) -> list[list]:
    return [[f"G{i:05d}", f"商品 {i}", complete_ean13(f"6930000{i:05d}"), "个", "1.00",
             "杂货/日用", "fifo", ""] for i in range(start, start + n)]


def test_one_bad_row_among_many_writes_nothing(store, tmp_path):
    rows = good_rows(300)
    rows[148][4] = "1.2.3"  # file row 150 (the header is row 1)
    file = write_csv(tmp_path / "p.csv", [ZH_HEADER] + rows)
    before = counts(store)
    with pytest.raises(ImportRefused) as info:
        import_products(store, ADMIN, file)
    assert info.value.count == 1
    assert [(p.row, p.column) for p in info.value.problems] == [(150, "retail_price")]
    assert "第 150 行“零售价”：金额“1.2.3”无效" in info.value.message("zh_CN")
    assert "row 150, 零售价: Amount '1.2.3' is not valid" in info.value.message("en")
    assert counts(store) == before


def test_at_most_twenty_problems_are_listed_in_row_order(store, tmp_path):
    rows = good_rows(40)
    for r in rows:
        r[6] = "lifo"
    rows[39][0] = ""
    file = write_csv(tmp_path / "p.csv", [HEADER] + rows)
    with pytest.raises(ImportRefused) as info:
        import_products(store, ADMIN, file)
    assert info.value.count == 41
    assert [p.row for p in info.value.problems] == list(range(2, 22))
    assert info.value.message("en").endswith("(21 more not listed)")
    assert "另有 21 处未列出" in info.value.message("zh_CN")


def test_duplicate_sku_and_barcode_within_the_file(store, tmp_path):
    rows = good_rows(5)
    rows[3][0] = rows[1][0]        # row 5 repeats the SKU of row 3
    rows[4][2] = f"{SPRITE}|{rows[0][2]}"  # row 6 repeats the barcode of row 2
    file = write_csv(tmp_path / "p.csv", [HEADER] + rows)
    with pytest.raises(ImportRefused) as info:
        import_products(store, ADMIN, file)
    en = info.value.message("en")
    assert f"row 5, sku: SKU '{rows[1][0]}' is also on row 3" in en
    assert f"row 6, barcode: barcode '{rows[0][2]}' is also on row 2" in en
    assert counts(store)["products"] == 0


def test_barcode_of_another_product_is_an_error_for_that_row(store, tmp_path):
    import_products(store, ADMIN, write_csv(tmp_path / "a.csv", [HEADER, [
        "OLD", "老商品", COLA, "个", "1", "", "", ""]]))
    before = counts(store)
    file = write_csv(tmp_path / "b.csv", [HEADER] + good_rows(3) + [
        ["NEW", "新商品", f"{SPRITE},{COLA}", "个", "2", "", "", ""]])
    with pytest.raises(ImportRefused) as info:
        import_products(store, ADMIN, file)
    assert [(p.row, p.column) for p in info.value.problems] == [(5, "barcode")]
    assert f"条码“{COLA}”已属于另一个商品 OLD（老商品）" in info.value.message("zh_CN")
    assert counts(store) == before


def test_unknown_supplier_and_ambiguous_category(store, tmp_path):
    with UnitOfWork(store.engine) as uow:
        s = uow.session
        a, b = Category(code="01", name="饮料"), Category(code="02", name="食品")
        s.add_all([a, b])
        s.flush()
        s.add_all([Category(code="0101", name="其他", parent_id=a.id),
                   Category(code="0201", name="其他", parent_id=b.id)])
        uow.commit()
    file = write_csv(tmp_path / "p.csv", [HEADER + ["supplier"],
                                          ["S1", "x", "", "个", "1", "其他", "", "", "S99"],
                                          ["S2", "y", "", "个", "1", "食品/其他", "", "", "上海饮料有限公司"],
                                          ["S3", "z", "", "个", "oops", "", "", "", "S98"]])
    with pytest.raises(ImportRefused) as info:
        import_products(store, ADMIN, file)
    assert [(p.row, p.column) for p in info.value.problems] == [
        (2, "supplier"), (2, "category"), (4, "retail_price"), (4, "supplier")]
    assert "there is no supplier 'S99'" in info.value.message("en")
    assert "write the full path" in info.value.message("en")


# --- re-import --------------------------------------------------------------------------------

def test_reimport_updates_and_counts(store, tmp_path):
    columns = HEADER + ["member_price", "brand"]
    first = write_csv(tmp_path / "v1.csv", [
        columns,
        ["R1", "可乐", COLA, "瓶", "3", "饮料", "fifo", "365", "2.8", "可口可乐"],
        ["R2", "雪碧", SPRITE, "瓶", "3", "饮料", "fifo", "365", "", "雪碧"],
        ["R3", "牛奶", "", "盒", "5", "乳品", "fifo", "30", "", ""]])
    import_products(store, ADMIN, first)
    before = products(store)
    second = write_csv(tmp_path / "v2.csv", [
        columns,
        # a new price; the member price, brand, costing and shelf life cells empty: kept
        ["R1", "可乐", COLA, "瓶", "3.5", "饮料", "", "", "", ""],
        # unchanged
        ["R2", "雪碧", SPRITE, "瓶", "3", "饮料", "fifo", "365", "", "雪碧"],
        # renamed, and a new primary barcode besides a second one
        ["R3", "纯牛奶", f"{MILK};{COLA_CASE}", "盒", "5", "乳品", "", "", "", ""],
        ["R4", "新品", "", "个", "1", "", "", "", "", ""]])
    result = import_products(store, ADMIN, second)
    assert (result.rows, result.created, result.updated, result.unchanged) == (4, 1, 2, 1)
    assert result.summary("en") == "Imported 4 products: 1 created, 2 updated, 1 unchanged"
    after = products(store)
    assert (after["R1"].retail_price_fen, after["R1"].member_price_fen,
            after["R1"].brand_id, after["R1"].shelf_life_days) == (
        350, 280, before["R1"].brand_id, 365)
    assert after["R1"].id == before["R1"].id and after["R1"].created_at == before["R1"].created_at
    assert (after["R3"].name, after["R3"].pinyin) == ("纯牛奶", "cnn")
    assert barcodes(store) == {COLA: ("R1", True), SPRITE: ("R2", True), MILK: ("R3", True),
                               COLA_CASE: ("R3", False)}
    third = write_csv(tmp_path / "v3.csv", [HEADER, ["R3", "纯牛奶", COLA_CASE, "盒", "5", "", "", ""]])
    assert import_products(store, ADMIN, third).updated == 1  # the primary code moved
    assert barcodes(store)[COLA_CASE] == ("R3", True) and barcodes(store)[MILK] == ("R3", False)
    assert import_products(store, ADMIN, third).unchanged == 1


def test_costing_cannot_change_once_the_product_has_stock_moves(store, tmp_path):
    file = write_csv(tmp_path / "p.csv", [HEADER, ["M1", "大米", "", "kg", "8", "", "fifo", ""],
                                          ["M2", "面粉", "", "kg", "6", "", "fifo", ""]])
    import_products(store, ADMIN, file)
    post_document(store, ADMIN, {"type": "opening_stock", "id": "open-1",
                                 "lines": [{"sku": "M1", "qty": "10", "unit_cost": "5.00"}]})
    change = write_csv(tmp_path / "q.csv", [HEADER, ["M1", "大米", "", "kg", "8", "", "average", ""],
                                            ["M2", "面粉", "", "kg", "6", "", "average", ""]])
    with pytest.raises(ImportRefused) as info:
        import_products(store, ADMIN, change)
    assert [(p.row, p.column) for p in info.value.problems] == [(2, "costing")]
    assert "cannot change from fifo to average" in info.value.message("en")
    assert products(store)["M2"].costing == "fifo"


# --- records ----------------------------------------------------------------------------------

def test_one_audit_entry_and_one_outbox_event_per_import(store, tmp_path):
    file = write_csv(tmp_path / "p.csv", [HEADER] + good_rows(50))
    import_products(store, ADMIN, file, clock=lambda: datetime(2026, 5, 1, 9, 30))
    with UnitOfWork(store.engine, write=False) as uow:
        s = uow.session
        audits = list(s.scalars(select(AuditEntry)))
        events = list(s.scalars(select(OutboxEvent)))
        s.expunge_all()
    assert [(a.action, a.target, a.at) for a in audits] == [
        ("catalog.import", "p.csv", datetime(2026, 5, 1, 9, 30))]
    detail = json.loads(audits[0].detail)
    sha = hashlib.sha256(file.read_bytes()).hexdigest()
    assert detail.pop("host") and "address" in detail  # every audit entry says where
    detail.pop("address")
    assert detail == {"by": "test-admin", "file": "p.csv", "sha256": sha, "rows": 50,
                      "created": 50, "updated": 0, "unchanged": 0, "categories_created": 2,
                      "brands_created": 0, "units_created": 0}
    assert [e.event_type for e in events] == ["catalog.imported"]
    payload = json.loads(events[0].payload)
    assert (payload["sha256"], payload["created"], payload["rows"]) == (sha, 50, 50)
    import_products(store, ADMIN, file)
    assert (count(store, AuditEntry), count(store, OutboxEvent)) == (2, 2)
    with store.engine.connect() as conn:
        last = conn.execute(text("SELECT detail FROM audit_log ORDER BY seq DESC")).first()
    assert json.loads(last[0])["unchanged"] == 50


def test_only_managers_import(store, tmp_path):
    file = write_csv(tmp_path / "p.csv", [HEADER] + good_rows(1))
    with pytest.raises(PermissionDenied):
        import_products(store, Actor(7, "cashier1", "cashier"), file)


def test_a_shifted_csv_row_is_reported(store, tmp_path):
    file = tmp_path / "p.csv"
    file.write_text(",".join(HEADER) + "\n" + f"Z1,可乐,500ml,{COLA},瓶,3,饮料,fifo,365\n",
                    encoding="utf-8")  # the spec went into the name's column unquoted
    with pytest.raises(ImportRefused) as info:
        import_products(store, ADMIN, file)
    assert info.value.count == 1
    assert "row 2: the row has 9 cells but the header only 8 columns" in info.value.message("en")
