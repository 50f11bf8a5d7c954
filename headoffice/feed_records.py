"""The records of the change feed, checked before head office publishes them.

Each builder takes what an administrator gives (JSON objects, a product file's rows, a
setting, a user) and returns `(key, data)` pairs, or raises `PublishRefused` listing the
problems: a publish is all or nothing. The rules are the terminal's own, from app.domain
(the product import rows, money, roles, passwords); the terminal checks again before it
applies a record, and sets aside (with the reason in its audit log) one it cannot apply.

Payloads (`data`), per kind (docs/headoffice.md, "Change feed"):
- product: the product import columns as text (`app.domain.product_rows`), normalised:
  {"sku", "name", "unit", "retail_price", "barcode": "a,b", "category": "饮料/碳酸饮料", …},
  plus "active": true/false when given;
- price: {"sku", and at least one of "retail_price", "member_price", "wholesale_price",
  "purchase_price"} (decimal text, yuan);
- unit: {"name", "is_weighed"}; category: {"path": "饮料/碳酸饮料"};
- supplier: {"code", "name", "contact", "phone", "address", "active"};
- user: {"username", "display_name", "role", "active", "password_hash"?, "pin_hash"?};
- setting: {"key", "value"};
- field: a custom field definition (`headoffice/feed_fields.py`);
- report: a report-builder definition (`headoffice/feed_reports.py`).
"""
from __future__ import annotations

import re
from decimal import Decimal
from typing import Iterable

from app.domain.errors import DomainError
from app.domain.money import format_money, format_quantity, parse_money
from app.domain.permissions import ROLES
from app.domain.product_rows import (HEADER_ALIASES, ProductRow, RowError, check_unique,
                                     normalize_header, validate_row)
from app.domain.stores import check_password
from headoffice.errors import PublishRefused
from headoffice.passwords import hash_secret

PRICE_COLUMNS = ("retail_price", "member_price", "wholesale_price", "purchase_price")
SETTING_KEY = re.compile(r"[a-z0-9_]+(\.[a-z0-9_]+)*")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
Record = tuple[str, dict]


class Problems:
    def __init__(self) -> None:
        self.items: list[tuple[str, str]] = []

    def add(self, where: str, zh: str, en: str) -> None:
        self.items.append((f"{where}: {zh}", f"{where}: {en}"))

    def raise_if_any(self) -> None:
        if self.items:
            raise PublishRefused(count=len(self.items),
                                 first_zh="；".join(z for z, _ in self.items[:5]),
                                 first_en="; ".join(e for _, e in self.items[:5]))


def _text(value: object, limit: int, *, empty_ok: bool = False) -> str | None:
    """One line of text within `limit` characters, or None when it is not."""
    if value is None:
        value = ""
    if not isinstance(value, (str, int, Decimal)) or isinstance(value, bool):
        return None
    text = " ".join(str(value).split())
    if (not text and not empty_ok) or len(text) > limit or _CONTROL.search(text):
        return None
    return text


def _bool(value: object, default: bool) -> bool | None:
    if value is None:
        return default
    return value if isinstance(value, bool) else None


def _objects(items: object, problems: Problems) -> list[dict]:
    if not isinstance(items, list):
        problems.add("-", "应为 JSON 对象列表", "expected a JSON list of objects")
        problems.raise_if_any()
    for n, item in enumerate(items, 1):
        if not isinstance(item, dict):
            problems.add(f"#{n}", "应为 JSON 对象", "expected a JSON object")
    problems.raise_if_any()
    return items


# --- products ---------------------------------------------------------------------------

def product_cells(row: ProductRow) -> dict[str, str]:
    """A validated row back to import-format text; `validate_row` reads it to the same row."""
    cells = {"sku": row.sku, "name": row.name, "unit": row.unit,
             "retail_price": format_money(row.retail_price_fen)}
    optional = {
        "barcode": ",".join(row.barcodes), "category": "/".join(row.category),
        "costing": row.costing, "spec": row.spec, "brand": row.brand, "supplier": row.supplier,
        "location": row.location,
        "shelf_life_days": None if row.shelf_life_days is None else str(row.shelf_life_days),
        "tax_rate": None if row.tax_rate_bp is None else f"{Decimal(row.tax_rate_bp) / 100}%",
        "min_stock": None if row.min_stock_milli is None else format_quantity(row.min_stock_milli),
        "max_stock": None if row.max_stock_milli is None else format_quantity(row.max_stock_milli),
        **{c: None if getattr(row, f"{c}_fen") is None else format_money(getattr(row, f"{c}_fen"))
           for c in PRICE_COLUMNS[1:]}}
    cells.update({k: v for k, v in optional.items() if v})
    return cells


def product_records(rows: Iterable[ProductRow], active: dict[str, bool] | None = None) -> list[Record]:
    active = active or {}
    records = []
    for row in rows:
        data: dict = product_cells(row)
        if row.sku in active:
            data["active"] = active[row.sku]
        records.append((row.sku, data))
    return records


def products_from_json(items: object) -> list[Record]:
    """JSON objects named like the import file's columns (English or Chinese headers)."""
    problems = Problems()
    rows: list[ProductRow] = []
    active: dict[str, bool] = {}
    for n, item in enumerate(_objects(items, problems), 1):
        cells = {}
        for name, value in item.items():
            column = HEADER_ALIASES.get(normalize_header(str(name)))
            if column is not None and value is not None:
                cells[column] = ",".join(map(str, value)) if isinstance(value, list) else str(value)
        checked = validate_row(n, cells)
        if isinstance(checked, list):
            for e in checked:
                problems.add(f"#{n} {e.column}", e.zh, e.en)
            continue
        rows.append(checked)
        if "active" in item:
            flag = _bool(item["active"], True)
            if flag is None:
                problems.add(f"#{n} active", "应为 true 或 false", "expected true or false")
            else:
                active[checked.sku] = flag
    _add_row_errors(problems, check_unique(rows))
    problems.raise_if_any()
    return product_records(rows, active)


def _add_row_errors(problems: Problems, errors: list[RowError]) -> None:
    for e in errors:
        problems.add(f"#{e.row} {e.column}", e.zh, e.en)


# --- prices, units, categories, suppliers -----------------------------------------------

def price_records(items: object) -> list[Record]:
    problems, records, seen = Problems(), [], set()
    for n, item in enumerate(_objects(items, problems), 1):
        sku = _text(item.get("sku"), 32)
        if sku is None:
            problems.add(f"#{n} sku", "商品编码必须填写（最多 32 个字符）", "sku is required (at most 32 characters)")
            continue
        data = {"sku": sku}
        for column in PRICE_COLUMNS:
            if item.get(column) is None:
                continue
            try:
                fen = parse_money(str(item[column]))
            except DomainError as exc:
                problems.add(f"#{n} {column}", exc.message("zh_CN"), exc.message("en"))
                continue
            if fen < 0:
                problems.add(f"#{n} {column}", "金额不能为负数", "must not be negative")
            data[column] = format_money(fen)
        if len(data) == 1:
            problems.add(f"#{n}", "至少需要一个价格", "at least one price is needed")
        if sku in seen:
            problems.add(f"#{n} sku", f"商品编码 {sku} 重复", f"sku {sku} is listed twice")
        seen.add(sku)
        records.append((sku, data))
    problems.raise_if_any()
    return records


def unit_records(items: object) -> list[Record]:
    problems, records = Problems(), []
    for n, item in enumerate(_objects(items, problems), 1):
        name, weighed = _text(item.get("name"), 16), _bool(item.get("is_weighed"), False)
        if name is None or weighed is None:
            problems.add(f"#{n}", "需要 name（最多 16 个字符）和可选的 is_weighed（true/false）",
                         "needs name (at most 16 characters) and optionally is_weighed (true/false)")
            continue
        records.append((name, {"name": name, "is_weighed": weighed}))
    problems.raise_if_any()
    return records


def category_path(value: object) -> str | None:
    """"饮料/碳酸饮料" or "饮料": one or two names of at most 64 characters."""
    text = _text(value, 200)
    if text is None:
        return None
    parts = [" ".join(p.split()) for p in re.split(r"[/／]", text)]
    if not 1 <= len(parts) <= 2 or any(not p or len(p) > 64 for p in parts):
        return None
    return "/".join(parts)


def category_records(items: object) -> list[Record]:
    problems, records = Problems(), []
    if isinstance(items, list):
        items = [{"path": i} if isinstance(i, str) else i for i in items]
    for n, item in enumerate(_objects(items, problems), 1):
        path = category_path(item.get("path"))
        if path is None:
            problems.add(f"#{n} path", "分类应为“大类/小类”或一个名称，每级最多 64 个字符",
                         "a category is 'group/sub-category' or one name, at most 64 characters each")
            continue
        records.append((path[:64], {"path": path}))
    problems.raise_if_any()
    return records


SUPPLIER_LIMITS = {"code": 32, "name": 100, "contact": 50, "phone": 30, "address": 200}


def supplier_records(items: object) -> list[Record]:
    problems, records = Problems(), []
    for n, item in enumerate(_objects(items, problems), 1):
        data: dict = {}
        for field, limit in SUPPLIER_LIMITS.items():
            value = _text(item.get(field), limit, empty_ok=field not in ("code", "name"))
            if value is None or (field == "code" and " " in value):
                problems.add(f"#{n} {field}", f"必须是不超过 {limit} 个字符的一行文字",
                             f"must be one line of at most {limit} characters")
            data[field] = value
        data["active"] = _bool(item.get("active"), True)
        if data["active"] is None:
            problems.add(f"#{n} active", "应为 true 或 false", "expected true or false")
        records.append((str(data["code"]), data))
    problems.raise_if_any()
    return records


# --- users and settings -----------------------------------------------------------------

def user_record(username: str, display_name: str | None, role: str, password: str | None,
                pin: str | None, active: bool = True) -> Record:
    """A user for the terminals; the password and PIN are hashed here and never stored."""
    problems = Problems()
    name = _text(username, 64)
    if name is None or " " in name:
        problems.add("username", "用户名必须是 1 到 64 个字符，不含空格", "1 to 64 characters, no spaces")
    shown = _text(display_name or username, 100)
    if shown is None:
        problems.add("display_name", "显示名称最多 100 个字符", "at most 100 characters")
    if role not in ROLES:
        problems.add("role", f"角色应为 {', '.join(sorted(ROLES))}", f"role must be one of {', '.join(sorted(ROLES))}")
    if password is not None:
        try:
            check_password(password)
        except DomainError as exc:
            problems.add("password", exc.message("zh_CN"), exc.message("en"))
    if pin is not None and not (pin.isascii() and pin.isdigit() and 4 <= len(pin) <= 8):
        problems.add("pin", "PIN 必须是 4 到 8 位数字", "a PIN is 4 to 8 digits")
    problems.raise_if_any()
    data = {"username": name, "display_name": shown, "role": role, "active": bool(active)}
    if password is not None:
        data["password_hash"] = hash_secret(password)
    if pin is not None:
        data["pin_hash"] = hash_secret(pin)
    return name, data


def setting_record(key: str, value: str) -> Record:
    problems = Problems()
    if not SETTING_KEY.fullmatch(key or "") or len(key) > 64:
        problems.add("key", "设置名只能含小写字母、数字、_ 和 .，最多 64 个字符",
                     "a setting key has lowercase letters, digits, _ and ., at most 64 characters")
    if value is None or len(value) > 2000 or "\x00" in value:
        problems.add("value", "设置值最多 2000 个字符", "a value has at most 2000 characters")
    problems.raise_if_any()
    return key, {"key": key, "value": value}
