"""The JSON document format (also the sync payload and the integration format), parsed.

Amounts and quantities are decimal strings; products are named by `sku` or `barcode`;
the warehouse by code (default MAIN). See docs/document-format.md. Parsing checks the
shape only; what the names refer to is checked by the posting service.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime

from app.domain.audit import canonical_json
from app.domain.card_numbers import contains_card_number
from app.domain.documents import DocType, doc_type
from app.domain.errors import DomainError
from app.domain.money import parse_money, parse_quantity

MAX_LINES = 10_000
FIRST_DAY, LAST_DAY = date(2000, 1, 1), date(2099, 12, 31)  # numbers carry the date as %Y%m%d
PAYMENT_METHODS = ("cash", "card", "wechat", "alipay", "stored_value", "credit")


class BadDocument(DomainError):
    code = "bad_document"
    zh = "单据 {where}有误：{what_zh}"
    en = "Document {where}is not valid: {what_en}"


@dataclass(frozen=True)
class LineRequest:
    sku: str | None
    barcode: str | None
    qty_milli: int
    unit_price_fen: int | None = None
    unit_cost_fen: int | None = None
    discount_fen: int = 0
    batch: str = ""
    expiry: date | None = None
    reason: str = ""
    original_line: int | None = None
    order_line: int | None = None
    confirm_price: bool = False


@dataclass(frozen=True)
class PaymentRequest:
    method: str
    amount_fen: int
    reference: str = ""


@dataclass(frozen=True)
class DocRequest:
    id: str
    type: DocType
    body_hash: str
    lines: tuple[LineRequest, ...]
    warehouse: str = "MAIN"
    to_warehouse: str | None = None
    supplier: str | None = None
    customer: str | None = None
    original: str | None = None
    order: str | None = None
    business_date: date | None = None
    payments: tuple[PaymentRequest, ...] = ()
    freight_fen: int = 0
    packaging_fen: int = 0
    note: str = ""
    custom: tuple[tuple[str, str], ...] = ()  # the store's own fields (custom_fields.py)
    counted_at: datetime | None = None  # a stocktake: when its counts held (UTC, naive)


def body_hash(raw: dict) -> str:
    """Same request, same hash: the idempotency check compares these."""
    return hashlib.sha256(canonical_json(raw).encode()).hexdigest()


def _fail(where: str, zh: str, en: str) -> BadDocument:
    return BadDocument(where=where, what_zh=zh, what_en=en)


def _text(raw: dict, key: str, where: str, required: bool = False, limit: int = 64) -> str | None:
    value = raw.get(key)
    if value is None or value == "":
        if required:
            raise _fail(where, f"缺少“{key}”。", f"'{key}' is missing.")
        return None
    if not isinstance(value, str) or len(value) > limit:
        raise _fail(where, f"“{key}”必须是不超过 {limit} 个字符的文本。",
                    f"'{key}' must be text of at most {limit} characters.")
    return value.strip()


def _free_text(raw: dict, key: str, where: str, limit: int = 64) -> str | None:
    """Text a person types (notes, references, reasons): never a bank card number."""
    value = _text(raw, key, where, limit=limit)
    if value and contains_card_number(value):
        raise _fail(where, f"“{key}”中像是银行卡号。JXC 不保存卡号，请只填写刷卡终端的参考号。",
                    f"'{key}' looks like it holds a bank card number. JXC never stores card "
                    "numbers: enter only the card terminal's reference.")
    return value


def _date(raw: dict, key: str, where: str) -> date | None:
    text = _text(raw, key, where)
    if text is None:
        return None
    try:
        found = date.fromisoformat(text)
    except ValueError:
        raise _fail(where, f"“{key}”不是 YYYY-MM-DD 格式的日期：{text}",
                    f"'{key}' is not a YYYY-MM-DD date: {text}") from None
    if not FIRST_DAY <= found <= LAST_DAY:
        raise _fail(where, f"“{key}”的日期 {text} 超出 {FIRST_DAY} 至 {LAST_DAY} 的范围。",
                    f"'{key}' date {text} is outside {FIRST_DAY} to {LAST_DAY}.")
    return found


def _check_strings(value: object, where: str, depth: int = 0) -> None:
    """Every string must be encodable text: JSON allows lone surrogates ("\\ud800")."""
    if depth > 32:
        raise _fail(where, "单据嵌套层次过深。", "the document is nested too deeply.")
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise _fail(where, "含有无效的字符（孤立的代理字符），请检查文本。",
                        "it contains an invalid character (a lone surrogate); check the text.") \
                from None
    elif isinstance(value, dict):
        for key, item in value.items():
            _check_strings(key, where, depth + 1)
            _check_strings(item, where, depth + 1)
    elif isinstance(value, list):
        for item in value:
            _check_strings(item, where, depth + 1)


def _money(raw: dict, key: str, where: str, default: int | None = None) -> int | None:
    if raw.get(key) in (None, ""):
        return default
    value = parse_money(raw[key])
    if value < 0:
        raise _fail(where, f"“{key}”不能为负数。", f"'{key}' must not be negative.")
    return value


def parse_line(raw: object, n: int, kind: DocType) -> LineRequest:
    where = f"第 {n} 行 / line {n}: "
    if not isinstance(raw, dict):
        raise _fail(where, "每一行必须是一个对象。", "each line must be an object.")
    sku, barcode = _text(raw, "sku", where), _text(raw, "barcode", where)
    if not sku and not barcode:
        raise _fail(where, "需要“sku”或“barcode”来指明商品。", "name the product by 'sku' or 'barcode'.")
    qty_key = "counted" if kind is DocType.STOCKTAKE else "qty"
    if raw.get(qty_key) in (None, ""):
        raise _fail(where, f"缺少“{qty_key}”。", f"'{qty_key}' is missing.")
    qty = parse_quantity(raw[qty_key])
    if qty < 0 or (qty == 0 and kind is not DocType.STOCKTAKE):
        raise _fail(where, "数量必须大于 0。", "the quantity must be greater than 0.")
    original_line, order_line = _line_no(raw, "original_line", where), _line_no(raw, "order_line", where)
    return LineRequest(
        sku=sku, barcode=barcode, qty_milli=qty,
        unit_price_fen=_money(raw, "unit_price", where),
        unit_cost_fen=_money(raw, "unit_cost", where),
        discount_fen=_money(raw, "discount", where, 0) or 0,
        batch=_text(raw, "batch", where, limit=40) or "", expiry=_date(raw, "expiry", where),
        reason=_free_text(raw, "reason", where, limit=40) or "", original_line=original_line,
        order_line=order_line, confirm_price=raw.get("confirm_price") is True)


def _line_no(raw: dict, key: str, where: str) -> int | None:
    value = raw.get(key)
    if value is not None and (not isinstance(value, int) or isinstance(value, bool) or value < 1):
        raise _fail(where, f"“{key}”必须是原单的行号（正整数）。",
                    f"'{key}' must be a line number (a positive integer).")
    return value


def parse_payment(raw: object, n: int) -> PaymentRequest:
    where = f"付款 {n} / payment {n}: "
    if not isinstance(raw, dict):
        raise _fail(where, "每笔付款必须是一个对象。", "each payment must be an object.")
    method = _text(raw, "method", where, required=True)
    if method not in PAYMENT_METHODS:
        raise _fail(where, f"付款方式“{method}”不支持，可用：{', '.join(PAYMENT_METHODS)}。",
                    f"payment method '{method}' is not supported; use {', '.join(PAYMENT_METHODS)}.")
    amount = _money(raw, "amount", where)
    if not amount:
        raise _fail(where, "付款金额必须大于 0。", "the amount must be greater than 0.")
    return PaymentRequest(method, amount, _free_text(raw, "reference", where) or "")


def parse_document(raw: object) -> DocRequest:
    if not isinstance(raw, dict):
        raise _fail("", "单据必须是一个 JSON 对象。", "a document must be a JSON object.")
    _check_strings(raw, "")
    doc_id = _text(raw, "id", "", required=True)
    where = f"{doc_id} "
    kind = doc_type(_text(raw, "type", where, required=True))
    lines = raw.get("lines")
    if not isinstance(lines, list) or not lines:
        raise _fail(where, "至少需要一行“lines”。", "it needs at least one entry in 'lines'.")
    if len(lines) > MAX_LINES:
        raise _fail(where, f"行数超过 {MAX_LINES}。", f"more than {MAX_LINES} lines.")
    payments = raw.get("payments") or []
    if not isinstance(payments, list):
        raise _fail(where, "“payments”必须是列表。", "'payments' must be a list.")
    return DocRequest(
        id=doc_id, type=kind, body_hash=body_hash(raw),
        lines=tuple(parse_line(l, i, kind) for i, l in enumerate(lines, 1)),
        warehouse=(_text(raw, "warehouse", where, limit=16) or "MAIN").upper(),
        to_warehouse=(_text(raw, "to_warehouse", where, limit=16) or "").upper() or None,
        supplier=_text(raw, "supplier", where), customer=_text(raw, "customer", where),
        original=_text(raw, "original", where), order=_text(raw, "order", where),
        business_date=_date(raw, "date", where),
        payments=tuple(parse_payment(p, i) for i, p in enumerate(payments, 1)),
        freight_fen=_money(raw, "freight", where, 0) or 0,
        packaging_fen=_money(raw, "packaging", where, 0) or 0,
        note=_free_text(raw, "note", where, limit=500) or "",
        custom=_custom(raw, where),
        counted_at=_counted_at(raw, where) if kind is DocType.STOCKTAKE else None)


def _counted_at(raw: dict, where: str) -> datetime | None:
    """`"stocktake": {"counted_at": "2026-12-05 09:30:00"}`: the counts are the stock of
    that moment, so a stocktake approved later posts the variance of that moment, not the
    sales made while it waited."""
    head = raw.get("stocktake")
    text = head.get("counted_at") if isinstance(head, dict) else None
    if text is None:
        return None
    try:
        when = datetime.fromisoformat(text) if isinstance(text, str) else None
    except ValueError:
        when = None
    if when is None or when.tzinfo is not None or not FIRST_DAY <= when.date() <= LAST_DAY:
        raise _fail(where, "“stocktake.counted_at”必须是 UTC 时间，例如 2026-12-05 09:30:00。",
                    "'stocktake.counted_at' must be a UTC time such as 2026-12-05 09:30:00.")
    return when


def _custom(raw: dict, where: str) -> tuple[tuple[str, str], ...]:
    """`"custom": {"key": value}`: text, numbers or yes/no; checked against the store's
    document fields when posting."""
    custom = raw.get("custom")
    if custom is None:
        return ()
    if not isinstance(custom, dict) or len(custom) > 50:
        raise _fail(where, "“custom”必须是最多 50 项的对象。",
                    "'custom' must be an object of at most 50 entries.")
    out = []
    for key, value in custom.items():
        if isinstance(value, bool):
            value = "1" if value else "0"
        elif value is None:
            value = ""
        elif isinstance(value, (int, str)) and len(str(value)) <= 200:
            value = str(value)
        else:
            raise _fail(where, f"“custom.{key[:32]}”应为最长 200 字的文本或整数。",
                        f"'custom.{key[:32]}' must be text of at most 200 characters or a "
                        "whole number.")
        out.append((key[:64], value))
    return tuple(out)
