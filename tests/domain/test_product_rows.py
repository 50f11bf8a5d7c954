"""One row of a product import: header mapping, cell checks, duplicates within a file."""
from __future__ import annotations

import pytest

from app.domain.product_rows import (COLUMNS, HEADER_ALIASES, REQUIRED_COLUMNS, DuplicateColumn,
                                     MissingColumns, ProductRow, RowError, RowKeys,
                                     check_unique, normalize_header, read_header, row_keys,
                                     validate_row)

COLA = "6901234567892"  # valid EAN-13
COLA_CASE = "6901234567908"
GOOD = {"sku": "A001", "name": "可口可乐 500ml", "barcode": COLA, "unit": "瓶",
        "retail_price": "3.50", "category": "饮料/碳酸饮料", "costing": "fifo",
        "shelf_life_days": "365"}


def row(**changes) -> dict:
    return {**GOOD, **changes}


def errors_of(result) -> dict[str, RowError]:
    assert isinstance(result, list), result
    return {e.column: e for e in result}


# --- header -----------------------------------------------------------------------------------

def test_english_header_in_any_case_and_spelling():
    header = read_header(["SKU", "Name", " Barcode ", "UNIT", "Retail Price", "category",
                          "Costing", "shelf-life-days", "", "Member_Price"])
    assert header.columns == {0: "sku", 1: "name", 2: "barcode", 3: "unit", 4: "retail_price",
                              5: "category", 6: "costing", 7: "shelf_life_days",
                              9: "member_price"}
    assert header.label("retail_price") == "Retail Price"
    assert header.ignored == () and header.width == 10


def test_chinese_header_with_full_width_brackets_and_required_marks():
    header = read_header(["*商品编码", "商品名称", "条码", "单位", "零售价", "分类", "成本方法",
                          "保质期（天）", "会员价", "批发价", "进价", "税率", "品牌", "供应商", "规格",
                          "最低库存", "最高库存", "货位", "库存数量"])
    assert sorted(header.columns.values()) == sorted(COLUMNS)
    assert header.label("shelf_life_days") == "保质期（天）"
    assert header.ignored == ("库存数量",)


def test_every_alias_names_one_column():
    assert set(HEADER_ALIASES.values()) == set(COLUMNS)
    assert HEADER_ALIASES[normalize_header("保质期(天)")] == "shelf_life_days"


def test_missing_required_columns_are_named_in_both_languages():
    with pytest.raises(MissingColumns) as info:
        read_header(["sku", "name", "unit", "retail_price"])
    assert "条码（barcode）" in info.value.message("zh_CN")
    assert "barcode, category, costing, shelf_life_days" in info.value.message("en")


def test_the_same_column_twice_is_refused():
    with pytest.raises(DuplicateColumn) as info:
        read_header([*REQUIRED_COLUMNS, "商品条码"])
    assert "'barcode' and '商品条码'" in info.value.message("en")


# --- a good row --------------------------------------------------------------------------------

def test_a_full_row():
    result = validate_row(7, row(barcode=f" {COLA} ; {COLA_CASE}|{COLA}", member_price="¥3.2",
                                 wholesale_price="3", purchase_price="2.10", tax_rate="9%",
                                 brand=" 可口可乐 ", supplier="S01", spec="500ml",
                                 min_stock="1.5", max_stock="24", costing="Average",
                                 name="可口可乐\n  500ml"))
    assert result == ProductRow(
        row=7, sku="A001", name="可口可乐 500ml", unit="瓶", retail_price_fen=350,
        barcodes=(COLA, COLA_CASE), category=("饮料", "碳酸饮料"), costing="average",
        shelf_life_days=365, member_price_fen=320, wholesale_price_fen=300,
        purchase_price_fen=210, tax_rate_bp=900, brand="可口可乐", supplier="S01", spec="500ml",
        min_stock_milli=1500, max_stock_milli=24000)


def test_empty_optional_cells_are_not_given():
    result = validate_row(2, row(barcode="", category="", costing="", shelf_life_days="",
                                 member_price="", tax_rate=" ", brand=""))
    assert isinstance(result, ProductRow)
    assert (result.barcodes, result.category, result.costing, result.shelf_life_days,
            result.member_price_fen, result.tax_rate_bp, result.brand) == \
        ((), (), None, None, None, None, None)


@pytest.mark.parametrize("text, bp", [("13", 1300), ("13%", 1300), ("13 ％", 1300), ("0", 0),
                                      ("9.5", 950), ("0.5%", 50), ("100", 10000)])
def test_tax_rate_is_a_percentage(text, bp):
    assert validate_row(2, row(tax_rate=text)).tax_rate_bp == bp


@pytest.mark.parametrize("text", ["0.13", "abc", "101", "-1", "13.555"])
def test_tax_rate_refused(text):
    assert "tax_rate" in errors_of(validate_row(2, row(tax_rate=text)))


@pytest.mark.parametrize("text, expected", [("365", 365), ("30天", 30), ("180.0", 180)])
def test_shelf_life(text, expected):
    assert validate_row(2, row(shelf_life_days=text)).shelf_life_days == expected


@pytest.mark.parametrize("text", ["0", "-5", "1.5", "一年"])
def test_shelf_life_refused(text):
    error = errors_of(validate_row(2, row(shelf_life_days=text)))["shelf_life_days"]
    assert text in error.zh and "leave it empty" in error.en


@pytest.mark.parametrize("text, costing", [("FIFO", "fifo"), ("先进先出", "fifo"),
                                           ("移动加权平均", "average"), ("avg", "average")])
def test_costing_words(text, costing):
    assert validate_row(2, row(costing=text)).costing == costing


def test_category_single_name_and_full_width_slash():
    assert validate_row(2, row(category="零食")).category == ("零食",)
    assert validate_row(2, row(category=" 饮料 ／ 果汁 ")).category == ("饮料", "果汁")


# --- bad rows: every problem of the row at once ---------------------------------------------------

def test_every_problem_of_a_row_is_reported_with_its_column():
    result = validate_row(12, row(sku="", retail_price="3.505", barcode="6901234567891",
                                  costing="lifo", member_price="-1", min_stock="1.2345",
                                  category="a/b/c"))
    errors = errors_of(result)
    assert set(errors) == {"sku", "retail_price", "barcode", "costing", "member_price",
                           "min_stock", "category"}
    assert all(e.row == 12 for e in result)
    assert "商品编码必须填写" in errors["sku"].zh
    assert "3.505" in errors["retail_price"].zh and "12.50" in errors["retail_price"].en
    assert "should be 2, not 1" in errors["barcode"].en
    assert "不能为负数" in errors["member_price"].zh
    assert "最多 2 级" in errors["category"].zh


@pytest.mark.parametrize("column", ["sku", "name", "unit", "retail_price"])
def test_required_values(column):
    assert column in errors_of(validate_row(2, row(**{column: "  "})))


@pytest.mark.parametrize("sku, hint", [("A 1", "space"), ("Ａ001", "full-width"),
                                       ("X" * 33, "at most 32")])
def test_bad_skus(sku, hint):
    assert hint in errors_of(validate_row(2, row(sku=sku)))["sku"].en


def test_texts_have_length_limits_and_no_control_characters():
    errors = errors_of(validate_row(2, row(name="好" * 121, spec="x\x07y", unit="单位" * 9)))
    assert set(errors) == {"name", "spec", "unit"}
    assert "at most 120" in errors["name"].en


def test_max_stock_below_min_stock():
    assert "max_stock" in errors_of(validate_row(2, row(min_stock="10", max_stock="5")))
    assert validate_row(2, row(min_stock="10", max_stock="0")).max_stock_milli == 0


def test_a_formula_looking_name_is_kept_as_text():
    assert validate_row(2, row(name="=1+1 奇怪的名字")).name == "=1+1 奇怪的名字"


# --- duplicates in the file -----------------------------------------------------------------------

def test_duplicate_sku_and_barcode_name_both_rows():
    rows = [validate_row(2, row()), validate_row(3, row(sku="A002", barcode=COLA_CASE)),
            RowKeys(5, "A001", (), None), validate_row(6, row(sku="A003", barcode=COLA_CASE))]
    errors = check_unique(rows)
    assert [(e.row, e.column) for e in errors] == [(5, "sku"), (6, "barcode")]
    assert "also on row 2" in errors[0].en and "与第 3 行重复" in errors[1].zh


def test_row_keys_of_a_bad_row():
    keys = row_keys(9, row(retail_price="oops", barcode=f"{COLA},123", supplier=" S01 "))
    assert keys == RowKeys(9, "A001", (COLA,), "S01")
