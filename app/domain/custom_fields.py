"""Custom fields: a store's own fields on products, members, suppliers and documents.

An administrator defines a field (its key, its labels in both languages, its kind, whether
it is required, and its rules); values are kept as canonical text beside the record, so
adding a field needs no schema change and no restart. This module holds the rules: what a
definition may say and how a typed value becomes canonical text, or a clear refusal.

Canonical text per kind: text as typed (trimmed); number as a plain decimal ("12.5");
money as yuan with two decimals ("12.50"); date as YYYY-MM-DD; choice as the choice itself;
yes/no as "1" or "0".
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from app.domain.card_numbers import contains_card_number
from app.domain.errors import DomainError
from app.domain.money import format_money, parse_money

ENTITIES = ("product", "customer", "supplier", "document")
KINDS = ("text", "number", "money", "date", "choice", "bool")
MAX_TEXT = 200
MAX_FIELDS_PER_ENTITY = 50
_KEY = re.compile(r"[a-z][a-z0-9_]{0,31}")
_YES = {"1", "true", "yes", "y", "是", "对", "√"}
_NO = {"0", "false", "no", "n", "否", "不", "×"}


class BadFieldDefinition(DomainError):
    code = "bad_custom_field"
    zh = "自定义字段“{key}”的定义无效：{why_zh}"
    en = "The custom field '{key}' is not valid: {why_en}"


class BadCustomValue(DomainError):
    code = "bad_custom_value"
    zh = "“{label_zh}”的值“{value}”无效：{why_zh}"
    en = "'{value}' is not a valid value for '{label_en}': {why_en}"


class UnknownCustomField(DomainError):
    code = "unknown_custom_field"
    zh = "没有名为“{key}”的自定义字段（{entity}）。"
    en = "There is no custom field '{key}' on {entity}."


@dataclass(frozen=True)
class FieldDef:
    entity: str
    key: str
    label_zh: str
    label_en: str
    kind: str
    required: bool = False
    choices: tuple[str, ...] = ()
    minimum: Decimal | None = None  # number and money
    maximum: Decimal | None = None
    max_length: int = MAX_TEXT  # text
    active: bool = True
    position: int = 0
    extra: dict = field(default_factory=dict, compare=False)

    def label(self, language: str) -> str:
        return self.label_zh if language.startswith("zh") else self.label_en


def check_definition(fd: FieldDef) -> None:
    """Refuse a definition that could not be filled in or shown."""
    def bad(zh: str, en: str) -> BadFieldDefinition:
        return BadFieldDefinition(key=fd.key, why_zh=zh, why_en=en)
    if fd.entity not in ENTITIES:
        raise bad(f"对象应为 {'、'.join(ENTITIES)}。", f"the record kind must be one of {', '.join(ENTITIES)}.")
    if not _KEY.fullmatch(fd.key or ""):
        raise bad("代码应以小写字母开头，只含小写字母、数字和下划线，最长 32 位。",
                  "the key must start with a lower-case letter and hold only a-z, 0-9 and _ "
                  "(at most 32).")
    if fd.kind not in KINDS:
        raise bad(f"类型应为 {'、'.join(KINDS)}。", f"the kind must be one of {', '.join(KINDS)}.")
    for label in (fd.label_zh, fd.label_en):
        if not label.strip() or len(label) > 40:
            raise bad("中英文名称都要填写，最长 40 个字。", "both labels are needed, at most 40 characters.")
    if fd.kind == "choice":
        if not fd.choices or len(set(fd.choices)) != len(fd.choices) or len(fd.choices) > 100:
            raise bad("选项列表要有 1 到 100 个互不相同的选项。",
                      "a choice list needs 1 to 100 different choices.")
        if any(not c.strip() or len(c) > 40 for c in fd.choices):
            raise bad("选项不能为空，最长 40 个字。", "a choice may not be empty or longer than 40.")
    elif fd.choices:
        raise bad("只有选项类型才有选项列表。", "only a choice field has choices.")
    if fd.minimum is not None and fd.maximum is not None and fd.minimum > fd.maximum:
        raise bad("最小值大于最大值。", "the minimum is above the maximum.")
    if not 1 <= fd.max_length <= MAX_TEXT:
        raise bad(f"文本长度上限应为 1 到 {MAX_TEXT}。", f"the text length limit must be 1 to {MAX_TEXT}.")


def definition_record(fd: FieldDef) -> dict:
    """A definition as head office publishes it (JSON: numbers as decimal text)."""
    number = lambda v: None if v is None else str(v)  # noqa: E731
    return {"entity": fd.entity, "key": fd.key, "label_zh": fd.label_zh,
            "label_en": fd.label_en, "kind": fd.kind, "required": fd.required,
            "choices": list(fd.choices), "minimum": number(fd.minimum),
            "maximum": number(fd.maximum), "max_length": fd.max_length,
            "position": fd.position, "active": fd.active}


def definition_from_record(data: dict) -> FieldDef:
    """A published definition read back (`definition_record`), refusing a wrong type or a
    definition `check_definition` refuses; head office and the store both read it so."""
    key = data.get("key") if isinstance(data.get("key"), str) else "?"

    def bad(zh: str, en: str) -> BadFieldDefinition:
        return BadFieldDefinition(key=key[:40], why_zh=zh, why_en=en)
    texts = {k: data.get(k) for k in ("entity", "key", "label_zh", "label_en", "kind")}
    if any(not isinstance(v, str) for v in texts.values()):
        raise bad("对象、代码、中英文名称和类型都要填写文字。",
                  "entity, key, label_zh, label_en and kind must be texts.")
    flags = {k: data.get(k, default) for k, default in (("required", False), ("active", True))}
    if any(not isinstance(v, bool) for v in flags.values()):
        raise bad("required 和 active 应为 true 或 false。",
                  "required and active must be true or false.")
    choices = data.get("choices") or []
    if not isinstance(choices, list) or any(not isinstance(c, str) for c in choices):
        raise bad("选项应为文字列表。", "choices must be a list of texts.")
    whole = {k: data.get(k, default) for k, default in (("max_length", MAX_TEXT), ("position", 0))}
    if any(isinstance(v, bool) or not isinstance(v, int) or not 0 <= v <= 9999
           for v in whole.values()):
        raise bad("max_length 和 position 应为 0 到 9999 的整数。",
                  "max_length and position must be whole numbers from 0 to 9999.")
    fd = FieldDef(**{k: v.strip() for k, v in texts.items()}, **flags,
                  choices=tuple(c.strip() for c in choices),
                  minimum=_limit(data.get("minimum"), bad),
                  maximum=_limit(data.get("maximum"), bad),
                  **whole)
    check_definition(fd)
    return fd


def _limit(value: object, bad) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        if isinstance(value, bool) or not isinstance(value, (str, int, Decimal)):
            raise InvalidOperation
        number = Decimal(str(value).strip())
    except InvalidOperation:
        raise bad("最小值和最大值应为数字。", "minimum and maximum must be numbers.") from None
    if not number.is_finite() or abs(number.adjusted()) > 12:
        raise bad("最小值或最大值超出范围。", "the minimum or maximum is out of range.")
    return number


def parse_value(fd: FieldDef, raw: object) -> str | None:
    """The canonical text of a value typed or imported for this field; None when empty."""
    text = "" if raw is None else (("1" if raw else "0") if isinstance(raw, bool) else str(raw))
    text = text.strip()
    if not text:
        if fd.required:
            raise _bad(fd, "", "必填。", "it is required.")
        return None
    if contains_card_number(text):
        raise _bad(fd, "…", "不能填写银行卡号。", "a bank card number may not be stored.")
    return _PARSERS[fd.kind](fd, text)


def parse_values(defs: list[FieldDef], raw: dict, *, partial: bool = False) -> dict[str, str | None]:
    """Every value of `raw` checked against the active definitions. Unknown keys are refused;
    a required field missing from `raw` is refused unless `partial` (an edit of some fields)."""
    by_key = {d.key: d for d in defs if d.active}
    for key in raw:
        if key not in by_key:
            entity = defs[0].entity if defs else "-"
            raise UnknownCustomField(key=str(key)[:40], entity=entity)
    keys = list(raw) if partial else list(by_key)
    return {k: parse_value(by_key[k], raw.get(k)) for k in keys}


def _bad(fd: FieldDef, value: str, zh: str, en: str) -> BadCustomValue:
    return BadCustomValue(label_zh=fd.label_zh, label_en=fd.label_en, value=value[:40],
                          why_zh=zh, why_en=en)


def _text(fd: FieldDef, text: str) -> str:
    if len(text) > fd.max_length:
        raise _bad(fd, text, f"最长 {fd.max_length} 个字。", f"at most {fd.max_length} characters.")
    if not text.isprintable():
        raise _bad(fd, "…", "含有不可见字符。", "it holds invisible control characters.")
    return text


def _number(fd: FieldDef, text: str) -> str:
    try:
        number = Decimal(text.replace(",", ""))
    except InvalidOperation:
        raise _bad(fd, text, "应为数字。", "expected a number.") from None
    if not number.is_finite() or abs(number.adjusted()) > 12:
        raise _bad(fd, text, "数字超出范围。", "the number is out of range.")
    _in_range(fd, text, number)
    canonical = format(number.normalize(), "f")
    return canonical if "." not in canonical else canonical.rstrip("0").rstrip(".")


def _money(fd: FieldDef, text: str) -> str:
    try:
        fen = parse_money(text.replace("¥", "").replace("￥", "").replace(",", ""))
    except DomainError:
        raise _bad(fd, text, "应为金额，最多两位小数，例如 12.50。",
                   "expected an amount with at most two decimals, e.g. 12.50.") from None
    _in_range(fd, text, Decimal(fen) / 100)
    return format_money(fen)


def _in_range(fd: FieldDef, text: str, number: Decimal) -> None:
    if fd.minimum is not None and number < fd.minimum:
        raise _bad(fd, text, f"不能小于 {fd.minimum}。", f"it may not be below {fd.minimum}.")
    if fd.maximum is not None and number > fd.maximum:
        raise _bad(fd, text, f"不能大于 {fd.maximum}。", f"it may not be above {fd.maximum}.")


def _date(fd: FieldDef, text: str) -> str:
    candidate = text.replace("/", "-").replace(".", "-")[:10]
    try:
        day = date.fromisoformat(candidate)
    except ValueError:
        raise _bad(fd, text, "应为日期，例如 2026-11-22。", "expected a date such as 2026-11-22.") from None
    if not 1900 <= day.year <= 2199:
        raise _bad(fd, text, "年份应在 1900 到 2199 之间。", "the year must be 1900 to 2199.")
    return day.isoformat()


def _choice(fd: FieldDef, text: str) -> str:
    if text not in fd.choices:
        raise _bad(fd, text, f"应为以下之一：{'、'.join(fd.choices)}。",
                   f"expected one of: {', '.join(fd.choices)}.")
    return text


def _bool(fd: FieldDef, text: str) -> str:
    lowered = text.lower()
    if lowered in _YES:
        return "1"
    if lowered in _NO:
        return "0"
    raise _bad(fd, text, "应为“是”或“否”。", "expected yes or no.")


_PARSERS = {"text": _text, "number": _number, "money": _money, "date": _date,
            "choice": _choice, "bool": _bool}
