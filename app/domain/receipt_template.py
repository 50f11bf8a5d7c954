"""The store's receipt template: which blocks print, in what order, and what the code holds.

A template names the blocks of the receipt top to bottom (logo, header, store name, title,
the info lines, items, totals, footer, the receipt code), which info lines show (number,
time, cashier, member), an optional title, the code's kind and its content. The header and
footer texts stay separate settings (`jxc receipt-texts`, the template editor). Items and
totals always print, and the code always carries the receipt number, so that every
receipt can be checked and scanned for a return.

Stored as JSON in the store (`to_json`/`parse_template`); the default reproduces the
receipt printed before templates existed. Standard library only.
"""
from __future__ import annotations

from dataclasses import dataclass

from app.domain.errors import DomainError
from app.domain.template_json import stored_values, template_json

BLOCKS = ("logo", "header", "store", "title", "info", "items", "totals", "footer", "code")
INFO = ("number", "time", "cashier", "member")
CODE_KINDS = ("auto", "code128", "qr", "none")
CODE_FIELDS = ("{number}", "{store}", "{total}", "{date}")
MAX_CODE = 120


class BadReceiptTemplate(DomainError):
    code = "bad_receipt_template"
    zh = "小票模板无效：{why_zh}"
    en = "The receipt template is not valid: {why_en}"


@dataclass(frozen=True)
class ReceiptTemplate:
    blocks: tuple[str, ...] = BLOCKS
    info: tuple[str, ...] = INFO
    title: str = ""  # empty: the document type's own title (销售小票, 退货小票)
    code_kind: str = "auto"  # auto: QR on 58 mm, CODE128 on 80 mm
    code_content: str = "{number}"  # QR only: may wrap the number, e.g. a link
    item_discounts: bool = True  # a 折扣 line under a discounted item
    tender_references: bool = True  # 参考号 under card and mobile payments

    def code_text(self, number: str, store: str, total: str, day: str) -> str:
        values = {"{number}": number, "{store}": store, "{total}": total, "{date}": day}
        text = self.code_content
        for token, value in values.items():
            text = text.replace(token, value)
        return text


DEFAULT_TEMPLATE = ReceiptTemplate()


def check_template(t: ReceiptTemplate) -> ReceiptTemplate:
    def bad(zh: str, en: str) -> BadReceiptTemplate:
        return BadReceiptTemplate(why_zh=zh, why_en=en)
    unknown = [b for b in t.blocks if b not in BLOCKS]
    if unknown:
        raise bad(f"不认识的区块：{'、'.join(unknown)}。", f"unknown blocks: {', '.join(unknown)}.")
    if len(set(t.blocks)) != len(t.blocks):
        raise bad("每个区块只能出现一次。", "each block may appear once.")
    if "items" not in t.blocks or "totals" not in t.blocks:
        raise bad("商品明细和合计必须打印。", "the items and the totals must print.")
    if any(i not in INFO for i in t.info) or len(set(t.info)) != len(t.info):
        raise bad(f"信息行只能是 {'、'.join(INFO)}，各一次。", f"info lines are {', '.join(INFO)}, once each.")
    if t.code_kind not in CODE_KINDS:
        raise bad(f"条码类型应为 {'、'.join(CODE_KINDS)}。", f"the code kind must be one of {', '.join(CODE_KINDS)}.")
    if len(t.title) > 20 or not t.title.isprintable():
        raise bad("标题最长 20 个字，不能有控制字符。", "the title has at most 20 printable characters.")
    _check_code(t, bad)
    return t


def _check_code(t: ReceiptTemplate, bad) -> None:
    content = t.code_content
    if "{number}" not in content:
        raise bad("条码内容必须含 {number}，退货时扫码才能找到原单。",
                  "the code must contain {number}, so a return can scan it.")
    if len(content) > MAX_CODE or not content.isprintable() or not content.isascii():
        raise bad(f"条码内容最长 {MAX_CODE} 个 ASCII 字符。", f"the code holds at most {MAX_CODE} ASCII characters.")
    stripped = content
    for token in CODE_FIELDS:
        stripped = stripped.replace(token, "")
    if "{" in stripped or "}" in stripped:
        raise bad(f"条码内容只能用 {' '.join(CODE_FIELDS)}。", f"the code may use only {' '.join(CODE_FIELDS)}.")
    if t.code_kind in ("auto", "code128") and content != "{number}":
        raise bad("一维码（CODE128）只能是单号本身；要加网址请选二维码。",
                  "a CODE128 barcode holds the number alone; choose QR to wrap it in a link.")


def to_json(t: ReceiptTemplate) -> str:
    return template_json(t)


def parse_template(raw: object) -> ReceiptTemplate:
    """A template from its JSON text or dict; missing keys take the default."""
    values = stored_values(raw, DEFAULT_TEMPLATE,
                           lambda zh, en: BadReceiptTemplate(why_zh=zh, why_en=en))
    try:
        t = ReceiptTemplate(blocks=tuple(str(b) for b in values["blocks"]),
                            info=tuple(str(i) for i in values["info"]),
                            title=str(values["title"]), code_kind=str(values["code_kind"]),
                            code_content=str(values["code_content"]),
                            item_discounts=_flag(values["item_discounts"]),
                            tender_references=_flag(values["tender_references"]))
    except TypeError:
        raise BadReceiptTemplate(why_zh="区块和信息行应为列表。", why_en="blocks and info must be lists.") from None
    return check_template(t)


def _flag(value: object) -> bool:
    if isinstance(value, bool):
        return value
    raise BadReceiptTemplate(why_zh="开关应为 true 或 false。", why_en="switches must be true or false.")
