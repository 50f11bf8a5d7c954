"""The columns of each importable file: names in Chinese and English, kind, help text.

One table drives the downloadable template (headers, data validation, the instructions
sheet) and the reading of a filled-in file (which header names which column). Headers are
written "中文\\nEnglish"; a file may use either language, both, or the aliases listed.
"""
from __future__ import annotations

from dataclasses import dataclass

from app.domain.product_rows import (COLUMN_ZH, COLUMNS, REQUIRED_COLUMNS, VALUE_REQUIRED,
                                     normalize_header)

TEXT, CODE, MONEY, QTY, DATE, INT, FLAG, CHOICE, PERCENT = (
    "text", "code", "money", "qty", "date", "int", "flag", "choice", "percent")
KINDS = ("products", "stock", "prices", "receipts")


@dataclass(frozen=True)
class Column:
    key: str
    zh: str
    en: str
    kind: str = TEXT
    required: bool = False        # the cell must hold a value
    help_zh: str = ""
    help_en: str = ""
    example: str = ""
    choices: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()

    @property
    def header(self) -> str:
        return f"{self.zh}\n{self.en}"

    def names(self) -> set[str]:
        return {normalize_header(n) for n in (self.key, self.zh, self.en, *self.aliases)}


_PRODUCT_KIND = {"retail_price": MONEY, "member_price": MONEY, "wholesale_price": MONEY,
                 "purchase_price": MONEY, "shelf_life_days": INT, "min_stock": QTY,
                 "max_stock": QTY, "costing": CHOICE, "tax_rate": PERCENT, "sku": CODE,
                 "supplier": CODE}
_PRODUCT_HELP = {
    "sku": ("商品编码，唯一；已有的编码会被更新", "unique product code; an existing one is updated",
            "P0001"),
    "name": ("商品名称", "product name", "可口可乐 330ml"),
    "barcode": ("条码，多个用逗号分隔，第一个为主条码", "barcodes, comma-separated; the first is "
                "the primary one", "6901234567892"),
    "unit": ("单位，如 个、瓶、千克", "unit such as pcs, bottle, kg", "瓶"),
    "retail_price": ("零售价（元）", "retail price (yuan)", "3.50"),
    "category": ("分类，二级用 / 分隔", "category; a second level after /", "饮料/碳酸饮料"),
    "costing": ("成本方法：fifo 先进先出 或 average 移动加权平均", "costing: fifo or average",
                "fifo"),
    "shelf_life_days": ("保质期天数，没有留空", "shelf life in days; empty when none", "365"),
    "tax_rate": ("税率，如 13%", "VAT rate such as 13%", "13%"),
    "supplier": ("供应商编码或名称（须已存在）", "supplier code or name (must exist)", "S01"),
    "location": ("货位，如 A-03-2，最多 32 个半角字符；盘点可按货位前缀进行",
                 "shelf location such as A-03-2, at most 32 half-width characters; a stocktake "
                 "may count one location prefix", "A-03-2"),
}


def _product_columns() -> tuple[Column, ...]:
    out = []
    for key in COLUMNS:
        zh_help, en_help, example = _PRODUCT_HELP.get(key, ("", "", ""))
        out.append(Column(key, COLUMN_ZH[key], key.replace("_", " ").capitalize(),
                          _PRODUCT_KIND.get(key, TEXT), key in VALUE_REQUIRED, zh_help, en_help,
                          example, ("fifo", "average") if key == "costing" else ()))
    return tuple(out)


_PRODUCT = (Column("sku", "商品编码", "SKU", CODE, False, "商品编码；或填条码", "the product's SKU, "
                   "or give its barcode", "P0001", aliases=("货号", "编码")),
            Column("barcode", "条码", "Barcode", CODE, False, "商品条码；或填商品编码",
                   "the product's barcode, or give its SKU", "6901234567892",
                   aliases=("商品条码", "条形码")))
_BATCH = (Column("batch", "批次", "Batch", CODE, False, "批次号，可留空", "batch number, may be "
                 "empty", "B20261201", aliases=("批号",)),
          Column("expiry", "到期日", "Expiry", DATE, False, "到期日 YYYY-MM-DD，可留空",
                 "expiry date YYYY-MM-DD, may be empty", "2027-06-30",
                 aliases=("有效期至", "过期日期")))
_WAREHOUSE = Column("warehouse", "仓库", "Warehouse", CODE, False, "仓库编码，留空为 MAIN",
                    "warehouse code; empty means MAIN", "MAIN", aliases=("仓库编码",))

SPECS: dict[str, tuple[Column, ...]] = {
    "products": _product_columns(),
    "stock": (_WAREHOUSE, *_PRODUCT,
              Column("qty", "数量", "Quantity", QTY, True, "期初数量，大于 0", "opening quantity, "
                     "above 0", "24", aliases=("期初数量", "库存数量")),
              Column("unit_cost", "单位成本", "Unit cost", MONEY, True, "每单位成本（元）",
                     "cost per unit (yuan)", "2.10", aliases=("成本价", "成本")),
              *_BATCH),
    "prices": (*_PRODUCT,
               Column("retail_price", "零售价", "Retail price", MONEY, False, "新零售价（元）；"
                      "留空不改", "new retail price; empty keeps it", "3.80",
                      aliases=("售价",)),
               Column("member_price", "会员价", "Member price", MONEY, False, "新会员价；留空不改",
                      "new member price; empty keeps it", "3.50"),
               Column("wholesale_price", "批发价", "Wholesale price", MONEY, False,
                      "新批发价；留空不改", "new wholesale price; empty keeps it", ""),
               Column("purchase_price", "进价", "Purchase price", MONEY, False,
                      "新进价；留空不改", "new purchase price; empty keeps it", "",
                      aliases=("进货价", "采购价"))),
    "receipts": (Column("receipt_no", "入库单号", "Receipt no", CODE, True,
                        "同一单号的行是一张入库单", "rows with the same number form one receipt",
                        "RK-001", aliases=("单号",)),
                 Column("supplier", "供应商", "Supplier", CODE, True, "供应商编码或名称",
                        "supplier code or name", "S01", aliases=("供应商编码",)),
                 _WAREHOUSE,
                 Column("date", "日期", "Date", DATE, False, "业务日期，留空为今天",
                        "business date; empty means today", "2026-12-01",
                        aliases=("入库日期",)),
                 *_PRODUCT,
                 Column("qty", "数量", "Quantity", QTY, True, "收货数量，大于 0",
                        "quantity received, above 0", "24", aliases=("入库数量",)),
                 Column("unit_cost", "进价", "Unit cost", MONEY, True, "每单位进价（元）",
                        "cost per unit (yuan)", "2.10", aliases=("单价", "进货价")),
                 *_BATCH,
                 Column("confirm_price", "确认进价", "Confirm price", FLAG, False,
                        "进价与上次相差较大时填 是", "yes when the cost is far from the last one "
                        "and is right", "", choices=("是", "否"))),
}
MARKERS = {"products": REQUIRED_COLUMNS}  # the product reader needs these headers present

TITLES = {"products": ("商品资料", "Products"), "stock": ("期初库存", "Opening stock"),
          "prices": ("调价", "Price changes"), "receipts": ("采购入库", "Purchase receipts")}


def header_key(text: str, columns: tuple[Column, ...]) -> str | None:
    """The column a header cell names: the whole text, or one line of "中文\\nEnglish"."""
    parts = [text, *text.splitlines()]
    for part in parts:
        wanted = normalize_header(part)
        if not wanted:
            continue
        for column in columns:
            if wanted in column.names():
                return column.key
    return None


def column_of(kind: str, key: str) -> Column:
    return next(c for c in SPECS[kind] if c.key == key)
