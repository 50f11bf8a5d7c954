"""Document number patterns: XS-S001-20261122-0001 by default, the store's own if it likes.

A pattern is literal text with tokens in braces:

    {type}      the document type's prefix (XS sale, RK receipt, ... NUMBER_PREFIX)
    {store}     the store code                {terminal}  this till's code (a setting)
    {yyyy} {yy} {mm} {dd}                     the business date
    {seq} or {seq:N}                          the sequence, N digits (3-8, default 4)

`{seq}` must come last: everything before it is the number's prefix, and the sequence runs
per prefix. So a pattern with {dd} restarts every day, one with {mm} but no {dd} every
month, one with only {yyyy} every year. Past 10**N - 1 the sequence simply grows a digit.
The internal id stays the idempotency key; the number is what people read and quote.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from app.domain.errors import DomainError

DEFAULT_PATTERN = "{type}-{store}-{yyyy}{mm}{dd}-{seq:4}"
MAX_LENGTH = 40
_TOKEN = re.compile(r"\{([a-z]+)(?::(\d+))?\}")
_DATE_TOKENS = {"yyyy": "%Y", "yy": "%y", "mm": "%m", "dd": "%d"}
_NAMES = {"type", "store", "terminal", "seq", *_DATE_TOKENS}
_LITERAL = re.compile(r"[A-Za-z0-9\-_/.#\u4e00-\u9fff]*")


class BadNumberPattern(DomainError):
    code = "bad_number_pattern"
    zh = "编号规则“{pattern}”无效：{why_zh}"
    en = "The numbering pattern '{pattern}' is not valid: {why_en}"


@dataclass(frozen=True)
class NumberPattern:
    text: str
    head: str  # the pattern before {seq}
    width: int

    def prefix(self, type_prefix: str, store: str, terminal: str, day: date) -> str:
        """The number's fixed part for this document: the sequence follows it."""
        values = {"type": type_prefix, "store": store, "terminal": terminal,
                  **{k: day.strftime(f) for k, f in _DATE_TOKENS.items()}}
        return _TOKEN.sub(lambda m: values[m.group(1)], self.head)

    def number(self, prefix: str, seq: int) -> str:
        return f"{prefix}{seq:0{self.width}d}"

    def sequence_of(self, number: str, prefix: str) -> int | None:
        """The sequence of a number with this prefix, or None if it is not one of ours."""
        tail = number[len(prefix):] if number.startswith(prefix) else ""
        return int(tail) if tail.isascii() and tail.isdigit() else None


def parse_pattern(text: str) -> NumberPattern:
    """The pattern, or BadNumberPattern saying what is wrong with it, in both languages."""
    text = (text or "").strip()

    def bad(zh: str, en: str) -> BadNumberPattern:
        return BadNumberPattern(pattern=text, why_zh=zh, why_en=en)
    if not text:
        raise bad("不能为空。", "it is empty.")
    if len(text) > MAX_LENGTH:
        raise bad(f"最长 {MAX_LENGTH} 个字符。", f"at most {MAX_LENGTH} characters.")
    tokens = list(_TOKEN.finditer(text))
    for m in tokens:
        if m.group(1) not in _NAMES:
            raise bad(f"不认识的字段 {m.group(0)}。", f"unknown field {m.group(0)}.")
        if m.group(2) is not None and m.group(1) != "seq":
            raise bad(f"{m.group(0)} 不能带位数。", f"{m.group(0)} takes no width.")
    literal = _TOKEN.sub("", text)
    if not _LITERAL.fullmatch(literal):
        raise bad("只能用字母、数字、汉字和 - _ / . #。", "use only letters, digits, Chinese and - _ / . #.")
    seqs = [m for m in tokens if m.group(1) == "seq"]
    if len(seqs) != 1 or seqs[0].end() != len(text):
        raise bad("必须以且只以一个 {seq} 结尾。", "it must end with exactly one {seq}.")
    width = int(seqs[0].group(2) or 4)
    if not 3 <= width <= 8:
        raise bad("{seq} 的位数应为 3 到 8。", "the width of {seq} must be 3 to 8.")
    return NumberPattern(text=text, head=text[:seqs[0].start()], width=width)
