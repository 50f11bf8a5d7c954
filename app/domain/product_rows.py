"""One row of a product import file: the header, the checks, the validated row.

A file (CSV or Excel, read by `app.services.catalog_import`) starts with a header row. Header
names are matched case-insensitively, ignoring spaces, "_", "-" and a "*" marking a
required column, full-width forms folded to ASCII; English and Chinese names are accepted
(see `HEADER_ALIASES`). Columns nobody knows are ignored and reported.

Required columns: sku, name, barcode, unit, retail_price, category, costing,
shelf_life_days. In every row sku, name, unit and retail_price need a value; the others may
be empty. Optional columns: member_price, wholesale_price, purchase_price, tax_rate, brand,
supplier, spec, min_stock, max_stock, location (货位).

An empty cell (or a column the file lacks) means "not given": a new product takes the
default (member and wholesale price = retail price, purchase price 0, tax 13%, costing
fifo, no shelf life, no category/brand/supplier), an existing product keeps what it has.
An import therefore never erases a value; to change one, write the new value.

Values:

- money (retail_price, member_price, wholesale_price, purchase_price): at most two
  decimals, "¥" and "元" allowed, not negative (`app.domain.money.parse_money`);
- barcode: one or more codes separated by "," ";" "|" (or "、"), the first one being the
  primary code; each checked by `app.domain.barcode.validate_barcode`;
- costing: fifo / average (also 先进先出, 移动加权平均, 加权平均, 平均);
- shelf_life_days: a whole number of days, at least 1 ("365" or "365天");
- tax_rate: a percentage, "13" or "13%", at most two decimals, 0 to 100; "0.13" without a
  "%" is refused as ambiguous (13% or 0.13%?);
- min_stock, max_stock: quantities with at most three decimals, not negative, max >= min;
- category: "饮料/碳酸饮料" (top level / sub-category) or one name;
- location: the shelf location such as "A-03-2", stored as written, up to 32 half-width
  characters on one line (`app.domain.locations`);
- sku: up to 32 characters without spaces or full-width letters; name up to 120
  characters (runs of spaces and line breaks become one space).

Row numbers are the file's own (the header is usually row 1), as Excel shows them.
Standard library only.
"""
from __future__ import annotations

import re
import sys
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Iterable, Mapping, Sequence

from app.domain.barcode import validate_barcode
from app.domain.errors import DomainError, InvalidBarcode
from app.domain.locations import location_problem
from app.domain.money import InvalidAmount, InvalidQuantity, parse_money, parse_quantity

REQUIRED_COLUMNS = ("sku", "name", "barcode", "unit", "retail_price", "category", "costing",
                    "shelf_life_days")
OPTIONAL_COLUMNS = ("member_price", "wholesale_price", "purchase_price", "tax_rate", "brand",
                    "supplier", "spec", "min_stock", "max_stock", "location")
COLUMNS = REQUIRED_COLUMNS + OPTIONAL_COLUMNS
VALUE_REQUIRED = ("sku", "name", "unit", "retail_price")

# The Chinese name each column goes by in messages (and the first Chinese header accepted).
COLUMN_ZH = {"sku": "商品编码", "name": "商品名称", "barcode": "条码", "unit": "单位",
             "retail_price": "零售价", "category": "分类", "costing": "成本方法",
             "shelf_life_days": "保质期(天)", "member_price": "会员价", "wholesale_price": "批发价",
             "purchase_price": "进价", "tax_rate": "税率", "brand": "品牌", "supplier": "供应商",
             "spec": "规格", "min_stock": "最低库存", "max_stock": "最高库存", "location": "货位"}

_MORE_ALIASES = {
    "sku": ("商品编号", "编码", "货号", "商品货号", "code", "productcode", "itemcode"),
    "name": ("品名", "名称", "商品名", "productname"),
    "barcode": ("商品条码", "条形码", "条码(多个用逗号分隔)", "barcodes", "ean"),
    "unit": ("计量单位", "单位名称"),
    "retail_price": ("零售价格", "售价", "零售单价", "price", "retail"),
    "category": ("商品分类", "类别", "商品类别", "分类名称"),
    "costing": ("成本核算方法", "核算方法", "成本计价方法", "costingmethod"),
    "shelf_life_days": ("保质期", "保质期天数", "保质天数", "shelflife", "shelflifedays"),
    "member_price": ("会员价格",),
    "wholesale_price": ("批发价格",),
    "purchase_price": ("进货价", "采购价", "进价(元)", "cost", "costprice"),
    "tax_rate": ("税率(%)", "增值税率", "taxrate(%)", "tax", "vat"),
    "brand": ("品牌名称",),
    "supplier": ("供应商编码", "供应商代码", "suppliercode"),
    "spec": ("规格型号", "specification"),
    "min_stock": ("库存下限", "最低库存量", "minstock", "min"),
    "max_stock": ("库存上限", "最高库存量", "maxstock", "max"),
    "location": ("库位", "货架位置", "shelflocation"),
}

MAX_SKU = 32
MAX_NAME = 120
MAX_SPEC = 40
MAX_UNIT = 16
MAX_BRAND = 64
MAX_CATEGORY_PART = 64
MAX_CATEGORY_LEVELS = 2
MAX_SUPPLIER = 100
MAX_SHELF_LIFE_DAYS = 36_500
COSTING_VALUES = {"fifo": "fifo", "先进先出": "fifo", "average": "average", "avg": "average",
                  "移动加权平均": "average", "移动加权平均法": "average", "加权平均": "average",
                  "加权平均法": "average", "移动平均": "average", "平均": "average",
                  "先进先出法": "fifo"}

_BARCODE_SEPARATORS = re.compile(r"[,;|，；｜、]")
_CATEGORY_SEPARATORS = re.compile(r"[/／]")
_HEADER_DROP = re.compile(r"[\s_\-*]+")
_FULL_WIDTH = re.compile(r"[\uff01-\uff5e\u3000]")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_SPACE_OR_CONTROL = re.compile(r"[\s\x00-\x1f\x7f-\x9f]")


def normalize_header(text: str) -> str:
    """'Retail Price' / 'retail_price' / 'RETAIL-PRICE*' -> 'retailprice'; 保质期（天） -> 保质期(天)."""
    return _HEADER_DROP.sub("", unicodedata.normalize("NFKC", text or "")).lower()


def _aliases() -> dict[str, str]:
    table: dict[str, str] = {}
    for column in COLUMNS:
        for name in (column, COLUMN_ZH[column], *_MORE_ALIASES.get(column, ())):
            if table.setdefault(normalize_header(name), column) != column:
                raise AssertionError(f"header alias {name!r} names two columns")
    return table


HEADER_ALIASES = _aliases()


class MissingColumns(DomainError):
    code = "import_missing_columns"
    zh = ("导入文件缺少必需的列：{missing_zh}。第一行必须是表头，至少包括 {required_zh}"
          "（可在单元格里留空的列也要有表头）。没有导入任何商品。")
    en = ("The import file lacks the column(s) {missing_en}. Its first row must be a header "
          "naming at least {required_en} (a column may be left empty, but its header must be "
          "there). Nothing was imported.")


class DuplicateColumn(DomainError):
    code = "import_duplicate_column"
    zh = "导入文件的表头中“{first}”和“{second}”是同一列（{column_zh}），请删掉其中一列。没有导入任何商品。"
    en = ("The header names the column {column} twice ('{first}' and '{second}'); remove one "
          "of them. Nothing was imported.")


@dataclass(frozen=True)
class HeaderMap:
    """Which cell index holds which column, and what the file calls it."""

    columns: dict[int, str]   # cell index -> column
    labels: dict[str, str]    # column -> header text as written in the file
    ignored: tuple[str, ...]  # header texts that name no known column
    width: int                # number of cells in the header row (trailing empties dropped)

    def label(self, column: str) -> str:
        return self.labels.get(column, column)


def read_header(cells: Sequence[str]) -> HeaderMap:
    """Map a header row; `MissingColumns` or `DuplicateColumn` if it cannot be used."""
    columns: dict[int, str] = {}
    labels: dict[str, str] = {}
    ignored: list[str] = []
    width = 0
    for index, raw in enumerate(cells):
        text = (raw or "").strip()
        if not text:
            continue
        width = index + 1
        column = HEADER_ALIASES.get(normalize_header(text))
        if column is None:
            ignored.append(text)
        elif column in labels:
            raise DuplicateColumn(first=labels[column], second=text, column=column,
                                  column_zh=COLUMN_ZH[column])
        else:
            columns[index] = column
            labels[column] = text
    missing = [c for c in REQUIRED_COLUMNS if c not in labels]
    if missing:
        raise MissingColumns(
            missing_zh="、".join(f"{COLUMN_ZH[c]}（{c}）" for c in missing),
            missing_en=", ".join(missing),
            required_zh="、".join(COLUMN_ZH[c] for c in REQUIRED_COLUMNS),
            required_en=", ".join(REQUIRED_COLUMNS))
    return HeaderMap(columns, labels, tuple(ignored), width)


@dataclass(frozen=True, slots=True)
class RowError:
    """A problem with one cell (`column` empty: with the row as a whole)."""

    row: int
    column: str
    zh: str
    en: str


@dataclass(frozen=True, slots=True)
class ProductRow:
    """A validated row. None (or an empty tuple) means the file did not give the value."""

    row: int
    sku: str
    name: str
    unit: str
    retail_price_fen: int
    barcodes: tuple[str, ...] = ()      # the first is the primary code
    category: tuple[str, ...] = ()      # ("饮料", "碳酸饮料") or ("饮料",)
    costing: str | None = None
    shelf_life_days: int | None = None
    member_price_fen: int | None = None
    wholesale_price_fen: int | None = None
    purchase_price_fen: int | None = None
    tax_rate_bp: int | None = None
    brand: str | None = None
    supplier: str | None = None
    spec: str | None = None
    min_stock_milli: int | None = None
    max_stock_milli: int | None = None
    location: str | None = None


class _Row:
    """Collects the errors of one row while its cells are checked."""

    def __init__(self, row: int, values: Mapping[str, object]) -> None:
        self.row = row
        self.texts = {k: str(v).strip() for k, v in values.items() if v is not None}
        self.errors: list[RowError] = []

    def text(self, column: str) -> str:
        return self.texts.get(column, "")

    def error(self, column: str, zh: str, en: str) -> None:
        self.errors.append(RowError(self.row, column, zh, en))

    def from_exception(self, column: str, exc: DomainError) -> None:
        self.error(column, exc.message("zh_CN"), exc.message("en"))


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _check_sku(r: _Row) -> str | None:
    sku = r.text("sku")
    if not sku:
        return None
    if _SPACE_OR_CONTROL.search(sku):
        r.error("sku", f"商品编码“{sku}”中不能有空格或控制字符", f"SKU '{sku}' contains a space or "
                "a control character")
        return None
    if _FULL_WIDTH.search(sku):
        r.error("sku", f"商品编码“{sku}”含全角字符，请切换到半角（英文）输入",
                f"SKU '{sku}' contains full-width characters; switch the keyboard to half-width")
        return None
    if len(sku) > MAX_SKU:
        r.error("sku", f"商品编码“{sku}”有 {len(sku)} 个字符，最多 {MAX_SKU} 个",
                f"SKU '{sku}' has {len(sku)} characters, at most {MAX_SKU} are allowed")
        return None
    return sku


def _check_text(r: _Row, column: str, limit: int) -> str | None:
    """A free text cell on one line, or None when empty."""
    text = _one_line(r.text(column))
    if not text:
        return None
    if _CONTROL.search(text):
        r.error(column, "含有控制字符", "it contains a control character")
        return None
    if len(text) > limit:
        r.error(column, f"“{text[:20]}…”有 {len(text)} 个字符，最多 {limit} 个",
                f"'{text[:20]}...' has {len(text)} characters, at most {limit} are allowed")
        return None
    return text


def _check_money(r: _Row, column: str) -> int | None:
    text = r.text(column)
    if not text:
        return None
    try:
        fen = parse_money(text)
    except InvalidAmount as exc:
        r.from_exception(column, exc)
        return None
    if fen < 0:
        r.error(column, f"金额“{text}”不能为负数", f"amount '{text}' must not be negative")
        return None
    return fen


def _check_quantity(r: _Row, column: str) -> int | None:
    text = r.text(column)
    if not text:
        return None
    try:
        milli = parse_quantity(text)
    except InvalidQuantity as exc:
        r.from_exception(column, exc)
        return None
    if milli < 0:
        r.error(column, f"数量“{text}”不能为负数", f"quantity '{text}' must not be negative")
        return None
    return milli


def _check_barcodes(r: _Row) -> tuple[str, ...]:
    text = r.text("barcode")
    codes: list[str] = []
    for part in _BARCODE_SEPARATORS.split(text):
        if not part.strip():
            continue
        try:
            code = validate_barcode(part)
        except InvalidBarcode as exc:
            r.error("barcode", f"条码“{part.strip()}”无效：{exc.params['reason_zh']}",
                    f"barcode '{part.strip()}' is not valid: {exc.params['reason_en']}")
            continue
        if code not in codes:
            codes.append(code)
    return tuple(codes)


def _check_category(r: _Row) -> tuple[str, ...]:
    text = r.text("category")
    if not text:
        return ()
    parts = tuple(sys.intern(_one_line(p)) for p in _CATEGORY_SEPARATORS.split(text))
    if any(not p for p in parts):
        r.error("category", f"分类“{text}”中有空的层级，请写成“饮料/碳酸饮料”或只写一个分类名",
                f"category '{text}' has an empty level; write '饮料/碳酸饮料' or one name")
        return ()
    if len(parts) > MAX_CATEGORY_LEVELS:
        r.error("category", f"分类“{text}”有 {len(parts)} 级，最多 {MAX_CATEGORY_LEVELS} 级（大类/小类）",
                f"category '{text}' has {len(parts)} levels, at most {MAX_CATEGORY_LEVELS} "
                "(group/sub-category) are allowed")
        return ()
    long = next((p for p in parts if len(p) > MAX_CATEGORY_PART), None)
    if long is not None:
        r.error("category", f"分类名“{long[:20]}…”太长，最多 {MAX_CATEGORY_PART} 个字符",
                f"category name '{long[:20]}...' is too long, at most {MAX_CATEGORY_PART} "
                "characters")
        return ()
    return parts


def _check_costing(r: _Row) -> str | None:
    text = r.text("costing")
    if not text:
        return None
    costing = COSTING_VALUES.get(text.lower())
    if costing is None:
        r.error("costing", f"成本方法“{text}”无效，请填 fifo（先进先出）或 average（移动加权平均）",
                f"costing '{text}' is not valid; write fifo or average")
    return costing


def _decimal(text: str) -> Decimal | None:
    try:
        number = Decimal(text)
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def _check_shelf_life(r: _Row) -> int | None:
    text = r.text("shelf_life_days")
    if not text:
        return None
    number = _decimal(text.removesuffix("天").strip())
    if (number is None or number != number.to_integral_value()
            or not 1 <= number <= MAX_SHELF_LIFE_DAYS):
        r.error("shelf_life_days", f"保质期“{text}”无效，请填 1 到 {MAX_SHELF_LIFE_DAYS} 之间的整数天数，"
                "不需要保质期就留空",
                f"shelf life '{text}' is not valid: write whole days from 1 to "
                f"{MAX_SHELF_LIFE_DAYS}, or leave it empty")
        return None
    return int(number)


def _check_tax_rate(r: _Row) -> int | None:
    text = r.text("tax_rate")
    if not text:
        return None
    has_percent = text.endswith(("%", "％"))
    number = _decimal(text.rstrip("%％").strip())
    bp = None if number is None else number * 100
    if bp is None or bp != bp.to_integral_value() or not 0 <= number <= 100:
        r.error("tax_rate", f"税率“{text}”无效，请写成百分数，例如 13 或 13%",
                f"tax rate '{text}' is not valid: write a percentage such as 13 or 13%")
        return None
    if 0 < number < 1 and not has_percent:
        r.error("tax_rate", f"税率“{text}”含义不明：13% 请写 13 或 13%，确实是 {text}% 请写 {text}%",
                f"tax rate '{text}' is ambiguous: write 13 or 13% for 13%, or {text}% if you "
                f"really mean {text} percent")
        return None
    return int(bp)


def _check_location(r: _Row) -> str | None:
    text = r.text("location")
    problem = location_problem(text) if text else None
    if problem:
        r.error("location", *problem)
    return text if text and not problem else None


def _shared(text: str | None) -> str | None:
    """One string object for the values many rows repeat (units, brands ...): big files."""
    return None if text is None else sys.intern(text)


def validate_row(row: int, values: Mapping[str, object]) -> ProductRow | list[RowError]:
    """A `ProductRow` from one row's cells (column -> text), or every problem found in it."""
    r = _Row(row, values)
    for column in VALUE_REQUIRED:
        if not r.text(column):
            r.error(column, f"{COLUMN_ZH[column]}必须填写", f"{column} is required")
    sku = _check_sku(r)
    name = _check_text(r, "name", MAX_NAME)
    unit = _shared(_check_text(r, "unit", MAX_UNIT))
    retail = _check_money(r, "retail_price")
    barcodes = _check_barcodes(r)
    category = _check_category(r)
    costing = _check_costing(r)
    shelf = _check_shelf_life(r)
    member = _check_money(r, "member_price")
    wholesale = _check_money(r, "wholesale_price")
    purchase = _check_money(r, "purchase_price")
    tax = _check_tax_rate(r)
    brand = _shared(_check_text(r, "brand", MAX_BRAND))
    supplier = _shared(_check_text(r, "supplier", MAX_SUPPLIER))
    spec = _shared(_check_text(r, "spec", MAX_SPEC))
    min_stock = _check_quantity(r, "min_stock")
    max_stock = _check_quantity(r, "max_stock")
    location = _check_location(r)
    if min_stock is not None and max_stock and max_stock < min_stock:
        r.error("max_stock", f"最高库存 {r.text('max_stock')} 小于最低库存 {r.text('min_stock')}",
                f"max stock {r.text('max_stock')} is below min stock {r.text('min_stock')}")
    if r.errors:
        return r.errors
    assert sku is not None and name is not None and unit is not None and retail is not None
    return ProductRow(row=row, sku=sku, name=name, unit=unit, retail_price_fen=retail,
                      barcodes=barcodes, category=category, costing=costing,
                      shelf_life_days=shelf, member_price_fen=member,
                      wholesale_price_fen=wholesale, purchase_price_fen=purchase,
                      tax_rate_bp=tax, brand=brand, supplier=supplier, spec=spec,
                      min_stock_milli=min_stock, max_stock_milli=max_stock, location=location)


@dataclass(frozen=True, slots=True)
class RowKeys:
    """What a row refers to (SKU, barcodes, supplier), also taken from rows with errors so
    that duplicates and unknown references are reported in the same pass."""

    row: int
    sku: str
    barcodes: tuple[str, ...]
    supplier: str | None


def row_keys(row: int, values: Mapping[str, object]) -> RowKeys:
    """The SKU, the valid barcodes and the supplier of a row, however bad its other cells."""
    r = _Row(row, values)
    return RowKeys(row, r.text("sku"), _check_barcodes(r), _one_line(r.text("supplier")) or None)


def check_unique(rows: Iterable[ProductRow | RowKeys]) -> list[RowError]:
    """Each SKU and each barcode at most once in the file; the later row gets the error."""
    errors: list[RowError] = []
    sku_row: dict[str, int] = {}
    barcode_row: dict[str, int] = {}
    for p in rows:
        first = sku_row.setdefault(p.sku, p.row) if p.sku else p.row
        if first != p.row:
            errors.append(RowError(p.row, "sku", f"商品编码“{p.sku}”与第 {first} 行重复",
                                   f"SKU '{p.sku}' is also on row {first}"))
        for code in p.barcodes:
            first = barcode_row.setdefault(code, p.row)
            if first != p.row:
                errors.append(RowError(p.row, "barcode", f"条码“{code}”与第 {first} 行重复",
                                       f"barcode '{code}' is also on row {first}"))
    return errors
