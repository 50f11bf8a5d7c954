"""Scale barcodes: EAN-13 labels from a weighing scale, carrying a PLU and a price or weight.

In-store codes start with 2 (GS1 prefixes 20-29 are for restricted, in-store use). Each
store sets its formats as 13-character patterns:

    "2PPPPPPVVVVVC"   flag 2, PLU of 6 digits, value of 5 digits, EAN check digit
    "20PPPPPVVVVVC"   flag 20, PLU of 5 digits, value of 5 digits, EAN check digit

Digits are the literal flag, `P` the PLU, `V` the value, `C` the EAN-13 check digit (last).
The value is a price (`kind="price"`, in 10**-decimals yuan: decimals 2 means fen) or a
weight (`kind="weight"`, in 10**-decimals kg: decimals 3 means grams). Prices come out as
integer fen, weights as integer thousandths of a kilogram (the quantity unit).

`parse(code, formats)` returns None for a code no format claims (an ordinary product
barcode, or an internal code with letters) and raises `InvalidScaleBarcode` for one a
format claims but that is damaged: 12 or 13 digits starting with the flag, with a wrong
length or check digit.
Standard library only.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from app.domain.barcode import complete_ean13, ean13_check_digit
from app.domain.errors import DomainError

_PATTERN = re.compile(r"(2[0-9]*)(P+)(V+)C")


class InvalidScaleBarcode(DomainError):
    code = "invalid_scale_barcode"
    zh = "秤码“{barcode}”无效：{reason_zh}。请重新扫描，或在秤上重新打印标签。"
    en = "Scale barcode '{barcode}' is not valid: {reason_en}. Scan it again or reprint the label."


class BadScaleFormat(DomainError):
    code = "bad_scale_format"
    zh = "秤码格式“{pattern}”无效：{reason_zh}。格式例如 2PPPPPPVVVVVC 或 20PPPPPVVVVVC。"
    en = ("Scale barcode format '{pattern}' is not valid: {reason_en}. Examples: "
          "2PPPPPPVVVVVC or 20PPPPPVVVVVC.")


@dataclass(frozen=True)
class ScaleFormat:
    pattern: str = "2PPPPPPVVVVVC"
    kind: str = "price"  # price or weight
    decimals: int = 2

    def __post_init__(self) -> None:
        match = _PATTERN.fullmatch(self.pattern)
        reason = None
        if len(self.pattern) != 13 or match is None:
            reason = ("应为 13 位：以 2 开头的标志位、P（商品码）、V（金额或重量）、最后一位 C",
                      "it must be 13 characters: a flag starting with 2, P (PLU), V (value), "
                      "then C last")
        elif self.kind not in ("price", "weight"):
            reason = ("类型只能是 price（金额）或 weight（重量）", "kind must be price or weight")
        elif not 0 <= self.decimals <= (2 if self.kind == "price" else 3):
            reason = ("小数位数超出范围（金额 0-2 位，重量 0-3 位）",
                      "decimals out of range (price 0-2, weight 0-3)")
        if reason:
            raise BadScaleFormat(pattern=self.pattern, reason_zh=reason[0], reason_en=reason[1])

    @property
    def flag(self) -> str:
        return _PATTERN.fullmatch(self.pattern).group(1)

    def _span(self, letter: str) -> slice:
        start = self.pattern.index(letter)
        return slice(start, start + self.pattern.count(letter))


@dataclass(frozen=True)
class ScaleCode:
    code: str
    plu: str
    price_fen: int | None = None  # set for price formats
    qty_milli: int | None = None  # set for weight formats: thousandths of a kilogram


def parse(code: str, formats: tuple[ScaleFormat, ...] | list[ScaleFormat]) -> ScaleCode | None:
    """The PLU and value of a scale label; None if no format's flag matches `code`."""
    value = (code or "").strip()
    fmt = _claiming(value, formats)
    if fmt is None:
        return None
    if len(value) != 13:
        raise InvalidScaleBarcode(barcode=value, reason_zh=f"应为 13 位数字，实际 {len(value)} 位",
                                  reason_en=f"it must be 13 digits, it has {len(value)} characters")
    expected = ean13_check_digit(value[:12])
    if value[12] != expected:
        raise InvalidScaleBarcode(barcode=value,
                                  reason_zh=f"校验位应为 {expected}，实际是 {value[12]}",
                                  reason_en=f"the check digit should be {expected}, "
                                            f"not {value[12]}")
    raw = int(value[fmt._span("V")])
    plu = value[fmt._span("P")]
    if fmt.kind == "price":
        return ScaleCode(value, plu, price_fen=raw * 10 ** (2 - fmt.decimals))
    return ScaleCode(value, plu, qty_milli=raw * 10 ** (3 - fmt.decimals))


def build(fmt: ScaleFormat, plu: str | int, value: int) -> str:
    """The label a scale prints for `plu` and `value` (fen for price, thousandths of a kg for
    weight); refuses what the format cannot carry exactly."""
    p_len, v_len = fmt.pattern.count("P"), fmt.pattern.count("V")
    plu_text = str(plu).zfill(p_len)
    step = 10 ** ((2 if fmt.kind == "price" else 3) - fmt.decimals)
    raw, leftover = divmod(value, step)
    if len(plu_text) != p_len or not plu_text.isdigit():
        raise ValueError(f"PLU {plu!r} does not fit {p_len} digits")
    if value < 0 or leftover or raw >= 10 ** v_len:
        raise ValueError(f"value {value} does not fit {v_len} digits at {fmt.decimals} decimals")
    return complete_ean13(fmt.flag + plu_text + str(raw).zfill(v_len))


def _claiming(value: str, formats) -> ScaleFormat | None:
    """The format whose flag `value` starts with (the longest flag wins: 20 before 2)."""
    if not (value.isascii() and value.isdigit() and len(value) in (12, 13)):
        return None
    for fmt in sorted(formats, key=lambda f: -len(f.flag)):
        if value.startswith(fmt.flag):
            return fmt
    return None
