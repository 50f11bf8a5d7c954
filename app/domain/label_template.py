"""The store's shelf label / price tag template: which fields print, in what order, the
price's size, a header line and what the code holds.

The label has a text area at the top and a price area at the bottom. The text fields (name,
specification, unit, a custom field's value) print top to bottom in the template's order;
the name takes two lines, neighbouring small fields share one line (规格 · 单位). The retail
price (right, large: `price_scale` percent of the usual size), the member price, the code and
the SKU keep their places at the bottom and are shown or hidden. The code prints on shelf
labels only: `auto` is today's choice (EAN-13/EAN-8/UPC-A when the product's barcode is one,
else Code 128), `code128` a Code 128 of the barcode or the SKU, `qr` a QR code whose content
may wrap `{sku}` or `{barcode}` in a link. The header (e.g. `{store}`, the store's name)
prints in small type above everything.

Stored as JSON in the store; the default draws the labels printed before templates existed.
Standard library only.
"""
from __future__ import annotations

from dataclasses import dataclass

from app.domain.errors import DomainError
from app.domain.template_json import stored_values, template_json

FIELDS = ("name", "spec", "unit", "custom", "price", "member", "barcode", "sku")
TEXT_FIELDS = ("name", "spec", "unit", "custom")  # the ordered top area
CODE_KINDS = ("auto", "code128", "qr")
CODE_FIELDS = ("{sku}", "{barcode}")
MAX_CODE = 120
MAX_HEADER = 40
SCALES = (60, 200)  # price size, percent


class BadLabelTemplate(DomainError):
    code = "bad_label_template"
    zh = "标签模板无效：{why_zh}"
    en = "The label template is not valid: {why_en}"


@dataclass(frozen=True)
class LabelTemplate:
    fields: tuple[str, ...] = ("name", "spec", "unit", "price", "member", "barcode", "sku")
    price_scale: int = 100
    header: str = ""  # `{store}`: the store's name
    code_kind: str = "auto"
    code_content: str = "{barcode}"
    custom_field: str = ""  # a product custom field's key, printed where "custom" stands

    def code_text(self, sku: str, barcode: str) -> str:
        """What the code holds for a product ("" when it needs a barcode the product lacks)."""
        if "{barcode}" in self.code_content and not barcode:
            return ""
        return self.code_content.replace("{sku}", sku).replace("{barcode}", barcode)

    def header_text(self, store: str) -> str:
        return self.header.replace("{store}", store)


DEFAULT_LABEL_TEMPLATE = LabelTemplate()


def _bad(zh: str, en: str) -> BadLabelTemplate:
    return BadLabelTemplate(why_zh=zh, why_en=en)


def check_label_template(t: LabelTemplate) -> LabelTemplate:
    unknown = [f for f in t.fields if f not in FIELDS]
    if unknown:
        raise _bad(f"不认识的字段：{'、'.join(unknown)}。", f"unknown fields: {', '.join(unknown)}.")
    if len(set(t.fields)) != len(t.fields):
        raise _bad("每个字段只能出现一次。", "each field may appear once.")
    if "name" not in t.fields and "price" not in t.fields:
        raise _bad("商品名称和零售价至少要打印一个。", "the name or the retail price must print.")
    if not (isinstance(t.price_scale, int) and SCALES[0] <= t.price_scale <= SCALES[1]):
        raise _bad(f"价格字号应为 {SCALES[0]}% 到 {SCALES[1]}%。",
                   f"the price size must be {SCALES[0]}% to {SCALES[1]}%.")
    if len(t.header) > MAX_HEADER or not t.header.isprintable():
        raise _bad(f"标题行最长 {MAX_HEADER} 个字，不能有控制字符。",
                   f"the header has at most {MAX_HEADER} printable characters.")
    if "custom" in t.fields and not t.custom_field:
        raise _bad("要打印自定义字段，请选择是哪一个。", "choose which custom field to print.")
    _check_code(t)
    return t


def _check_code(t: LabelTemplate) -> None:
    if t.code_kind not in CODE_KINDS:
        raise _bad(f"条码类型应为 {'、'.join(CODE_KINDS)}。",
                   f"the code kind must be one of {', '.join(CODE_KINDS)}.")
    content = t.code_content
    if len(content) > MAX_CODE or not content.isprintable() or not content.isascii():
        raise _bad(f"条码内容最长 {MAX_CODE} 个 ASCII 字符。",
                   f"the code holds at most {MAX_CODE} ASCII characters.")
    stripped = content.replace("{sku}", "").replace("{barcode}", "")
    if "{" in stripped or "}" in stripped or stripped == content:
        raise _bad("条码内容须含 {sku} 或 {barcode}，且只能用这两个字段。",
                   "the code must contain {sku} or {barcode}, and no other field.")
    if t.code_kind == "auto" and content != "{barcode}":
        raise _bad("自动条码只能是商品条码本身；要加网址请选二维码。",
                   "an automatic barcode holds the product's barcode alone; choose QR for a link.")
    if t.code_kind == "code128" and content not in CODE_FIELDS:
        raise _bad("CODE128 只能是 {sku} 或 {barcode} 本身；要加网址请选二维码。",
                   "a CODE128 barcode holds {sku} or {barcode} alone; choose QR for a link.")


def label_template_json(t: LabelTemplate) -> str:
    return template_json(t)


def parse_label_template(raw: object) -> LabelTemplate:
    """A template from its JSON text or dict; missing keys take the default."""
    values = stored_values(raw, DEFAULT_LABEL_TEMPLATE, _bad)
    if not isinstance(values["fields"], (list, tuple)) or isinstance(values["price_scale"], bool):
        raise _bad("字段应为列表，价格字号应为整数。", "fields must be a list, the price size a number.")
    t = LabelTemplate(fields=tuple(str(f) for f in values["fields"]),
                      price_scale=values["price_scale"], header=str(values["header"]),
                      code_kind=str(values["code_kind"]),
                      code_content=str(values["code_content"]),
                      custom_field=str(values["custom_field"]))
    return check_label_template(t)
