"""The store's document PDF template: header and footer lines, the logo, the line table's
columns and their order, the voucher, the signature line and a QR code of the number.

Columns come from a fixed list: line no, SKU, name, qty, unit price (the selling price on
sales and customer returns, the unit cost on the others), amount, COGS (sales, for cost
viewers only), batch, expiry. Costs stay hidden from those who may not see them whatever the
template says: the document read for the PDF has no costs for them. Name and amount always
print (the total row stands in them). An empty signature prints the language's own
(制单 / 审核 / 经手); the QR code's content must carry `{number}` and may wrap it in a link
(`{number}`, `{store}`, `{date}`). The logo itself is kept beside the template (an image).

Stored as JSON in the store; the default prints the page as before templates existed.
Standard library only.
"""
from __future__ import annotations

from dataclasses import dataclass

from app.domain.errors import DomainError
from app.domain.template_json import stored_values, template_json

COLUMNS = ("line", "sku", "name", "qty", "price", "amount", "cogs", "batch", "expiry")
QR_FIELDS = ("{number}", "{store}", "{date}")
MAX_LINES, MAX_LINE = 4, 80
MAX_QR = 120
MAX_LOGO_BYTES = 512 * 1024


class BadDocumentTemplate(DomainError):
    code = "bad_document_template"
    zh = "单据模板无效：{why_zh}"
    en = "The document template is not valid: {why_en}"


@dataclass(frozen=True)
class DocumentTemplate:
    columns: tuple[str, ...] = COLUMNS
    header: str = ""  # lines under the store's name
    footer: str = ""  # lines at the end, under the signature
    logo: bool = True  # print the stored logo, if there is one
    voucher: bool = True  # the voucher section (cost viewers only, as before)
    signature: bool = True
    signature_text: str = ""  # empty: 制单 / 审核 / 经手 in the store's language
    qr: bool = False
    qr_content: str = "{number}"

    def qr_text(self, number: str, store: str, day: str) -> str:
        return (self.qr_content.replace("{number}", number).replace("{store}", store)
                .replace("{date}", day))


DEFAULT_DOCUMENT_TEMPLATE = DocumentTemplate()


def _bad(zh: str, en: str) -> BadDocumentTemplate:
    return BadDocumentTemplate(why_zh=zh, why_en=en)


def check_document_template(t: DocumentTemplate) -> DocumentTemplate:
    unknown = [c for c in t.columns if c not in COLUMNS]
    if unknown:
        raise _bad(f"不认识的列：{'、'.join(unknown)}。", f"unknown columns: {', '.join(unknown)}.")
    if len(set(t.columns)) != len(t.columns):
        raise _bad("每一列只能出现一次。", "each column may appear once.")
    if "name" not in t.columns or "amount" not in t.columns:
        raise _bad("商品名称和金额两列必须打印。", "the name and amount columns must print.")
    for text in (t.header, t.footer):
        lines = text.splitlines()
        if len(lines) > MAX_LINES or any(len(l) > MAX_LINE or not l.isprintable() for l in lines):
            raise _bad(f"页眉和页脚各最多 {MAX_LINES} 行，每行最多 {MAX_LINE} 个字。",
                       f"the header and the footer have at most {MAX_LINES} lines of "
                       f"{MAX_LINE} characters each.")
    if len(t.signature_text) > MAX_LINE or not t.signature_text.isprintable():
        raise _bad(f"签字栏最长 {MAX_LINE} 个字。",
                   f"the signature line has at most {MAX_LINE} characters.")
    _check_qr(t.qr_content)
    return t


def _check_qr(content: str) -> None:
    if "{number}" not in content:
        raise _bad("二维码内容必须含 {number}（单号）。", "the QR code must contain {number}.")
    if len(content) > MAX_QR or not content.isprintable() or not content.isascii():
        raise _bad(f"二维码内容最长 {MAX_QR} 个 ASCII 字符。",
                   f"the QR code holds at most {MAX_QR} ASCII characters.")
    stripped = content
    for token in QR_FIELDS:
        stripped = stripped.replace(token, "")
    if "{" in stripped or "}" in stripped:
        raise _bad(f"二维码内容只能用 {' '.join(QR_FIELDS)}。",
                   f"the QR code may use only {' '.join(QR_FIELDS)}.")


def document_template_json(t: DocumentTemplate) -> str:
    return template_json(t)


def parse_document_template(raw: object) -> DocumentTemplate:
    """A template from its JSON text or dict; missing keys take the default."""
    values = stored_values(raw, DEFAULT_DOCUMENT_TEMPLATE, _bad)
    flags = ("logo", "voucher", "signature", "qr")
    if not isinstance(values["columns"], (list, tuple)) or \
            any(not isinstance(values[f], bool) for f in flags):
        raise _bad("列应为列表，开关应为 true 或 false。", "columns must be a list, switches true or false.")
    texts = {k: str(values[k]) for k in ("header", "footer", "signature_text", "qr_content")}
    t = DocumentTemplate(columns=tuple(str(c) for c in values["columns"]),
                         **{f: values[f] for f in flags}, **texts)
    return check_document_template(t)
