"""One document as a printable PDF (A4 portrait, reportlab, the Chinese font of the reports).

The page carries the store, the document's title, number and status, its parties and people,
the lines, the total, and for those who may see costs the COGS column and the voucher; at
the foot, signature fields (制单 / 审核 / 经手). A document that is not posted says so in its
title, so a draft on paper is never mistaken for a posted one.
"""
from __future__ import annotations

import io
from datetime import datetime
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import LongTable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from app.domain.finance_layouts import DOC_TYPE_ZH
from app.domain.money import format_money, parse_money
from app.domain.permissions import check
from app.domain.vouchers import ACCOUNTS
from app.persistence.store import LocalStore
from app.services.documents import document_detail
from app.services.records import Actor
from app.services.reports.pdf_fonts import cjk_font

MARGIN = 14 * mm
TYPE_EN = {"purchase_order": "Purchase order", "purchase_receipt": "Purchase receipt",
           "purchase_return": "Purchase return", "sale": "Sale", "customer_return": "Customer return",
           "transfer_out": "Transfer out", "transfer_in": "Transfer in", "write_off": "Write-off",
           "stocktake": "Stocktake", "assembly": "Assembly", "disassembly": "Disassembly",
           "opening_stock": "Opening stock"}
STATUS = {"draft": ("草稿", "Draft"), "pending": ("待审批", "Pending approval"),
          "posted": ("已过账", "Posted"), "rejected": ("已驳回", "Rejected")}
PRICED = {"sale", "customer_return"}  # lines at a selling price; the others at cost
_T = {  # label: (zh, en)
    "number": ("单号", "No."), "date": ("日期", "Date"), "status": ("状态", "Status"),
    "warehouse": ("仓库", "Warehouse"), "to_warehouse": ("调入仓库", "To warehouse"),
    "supplier": ("供应商", "Supplier"), "customer": ("客户", "Customer"),
    "author": ("制单人", "Prepared by"), "original": ("原单", "Original"), "note": ("备注", "Note"),
    "line": ("行", "#"), "sku": ("编码", "SKU"), "name": ("商品名称", "Product"),
    "qty": ("数量", "Qty"), "price": ("单价", "Price"), "cost": ("成本单价", "Unit cost"),
    "amount": ("金额", "Amount"), "cogs": ("销售成本", "COGS"), "batch": ("批次", "Batch"),
    "expiry": ("有效期", "Expiry"), "total": ("合计", "Total"),
    "landed": ("运费及包装费", "Freight and packaging"), "voucher": ("记账凭证", "Voucher"),
    "account": ("科目", "Account"), "debit": ("借方", "Debit"), "credit": ("贷方", "Credit"),
    "payments": ("收付款", "Payments"), "sign": ("制单：__________　审核：__________　经手：__________",
                                              "Prepared: __________  Checked: __________  "
                                              "Handled: __________"),
    "printed": ("打印时间", "Printed"), "page": ("第 {n} 页", "Page {n}"),
}


def _t(key: str, lang: str) -> str:
    return _T[key][0 if lang.startswith("zh") else 1]


def type_title(kind: str, lang: str) -> str:
    if not lang.startswith("zh"):
        return TYPE_EN.get(kind, kind)
    zh = DOC_TYPE_ZH.get(kind, kind)
    return zh if zh.endswith("单") else zh + "单"


def document_pdf(store: LocalStore, actor: Actor, ref: str, lang: str = "zh_CN", *,
                 font: str | None = None, printed: datetime | None = None) -> bytes:
    """The document `ref` (number or id) as PDF bytes; costs only for cost viewers."""
    check(actor.role, "document_pdf.document_pdf")
    return render(document_detail(store, actor, ref), lang, font=font, printed=printed)


def render(doc: dict, lang: str, *, font: str | None = None,
           printed: datetime | None = None) -> bytes:
    """A document dict as `document_detail` returns it, laid out as PDF."""
    name = cjk_font(font)
    stamp = (printed or datetime.now()).strftime("%Y-%m-%d %H:%M")
    title = type_title(doc["type"], lang)
    if doc["status"] != "posted":
        title += f"（{STATUS[doc['status']][0]}）" if lang.startswith("zh") \
            else f" ({STATUS[doc['status']][1]})"
    buffer = io.BytesIO()
    pdf = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN,
                            topMargin=MARGIN, bottomMargin=MARGIN + 4 * mm,
                            title=f"{title} {doc['number'] or doc['id']}", author="JXC",
                            creator="JXC")
    styles = _styles(name)
    story = [Paragraph(escape(doc.get("store", "")), styles["small"]),
             Paragraph(escape(title), styles["title"]), Spacer(1, 3 * mm),
             _head_table(doc, lang, name), Spacer(1, 4 * mm),
             _lines_table(doc, lang, name, styles), Spacer(1, 4 * mm)]
    if doc.get("payments"):
        story += [Paragraph(escape(_payments(doc, lang)), styles["small"]), Spacer(1, 3 * mm)]
    if doc.get("sees_costs") and doc.get("voucher"):
        story += [Paragraph(_t("voucher", lang), styles["heading"]), Spacer(1, 1 * mm),
                  _voucher_table(doc, lang, name), Spacer(1, 4 * mm)]
    story += [Spacer(1, 8 * mm), Paragraph(escape(_t("sign", lang)), styles["body"])]

    def footer(canvas, _doc):
        canvas.saveState()
        canvas.setFont(name, 7)
        canvas.drawString(MARGIN, MARGIN - 2 * mm,
                          f"JXC · {doc['number'] or doc['id']} · {_t('printed', lang)} {stamp}")
        canvas.drawRightString(A4[0] - MARGIN, MARGIN - 2 * mm,
                               _t("page", lang).format(n=canvas.getPageNumber()))
        canvas.restoreState()

    pdf.build(story, onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()


def _styles(font: str) -> dict[str, ParagraphStyle]:
    return {"title": ParagraphStyle("t", fontName=font, fontSize=18, leading=24, alignment=1),
            "heading": ParagraphStyle("h", fontName=font, fontSize=11, leading=14),
            "body": ParagraphStyle("b", fontName=font, fontSize=10, leading=14, wordWrap="CJK"),
            "small": ParagraphStyle("s", fontName=font, fontSize=8.5, leading=11,
                                    wordWrap="CJK"),
            "cell": ParagraphStyle("c", fontName=font, fontSize=8.5, leading=10.5,
                                   wordWrap="CJK")}


def _head_table(doc: dict, lang: str, font: str) -> Table:
    party = doc.get("supplier") or doc.get("customer")
    party_key = "supplier" if doc.get("supplier") else "customer"
    pairs = [("number", doc["number"] or doc["id"]), ("date", doc["date"]),
             ("status", STATUS[doc["status"]][0 if lang.startswith("zh") else 1]),
             ("warehouse", doc["warehouse"])]
    if doc.get("to_warehouse"):
        pairs.append(("to_warehouse", doc["to_warehouse"]))
    if party:
        pairs.append((party_key, f"{party['code']} {party['name']}"))
    pairs.append(("author", doc.get("author") or "-"))
    if doc.get("original"):
        pairs.append(("original", doc["original"]))
    if doc.get("note"):
        pairs.append(("note", doc["note"]))
    cells = [f"{_t(k, lang)}：{v}" if lang.startswith("zh") else f"{_t(k, lang)}: {v}"
             for k, v in pairs]
    rows = [cells[i:i + 3] + [""] * (3 - len(cells[i:i + 3])) for i in range(0, len(cells), 3)]
    width = (A4[0] - 2 * MARGIN) / 3
    table = Table(rows, colWidths=[width] * 3)
    table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), font),
                               ("FONTSIZE", (0, 0), (-1, -1), 9),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 3)]))
    return table


def _lines_table(doc: dict, lang: str, font: str, styles) -> LongTable:
    priced = doc["type"] in PRICED
    costs = bool(doc.get("sees_costs"))
    cols = ["line", "sku", "name", "qty", "price" if priced else "cost", "amount"]
    if priced and costs:
        cols.append("cogs")
    cols += ["batch", "expiry"]
    head = [_t(c, lang) for c in cols]
    body = []
    for line in doc["lines"]:
        values = {"line": str(line["line"]), "sku": line["sku"],
                  "name": Paragraph(escape(line.get("name", "")), styles["cell"]),
                  "qty": line["qty"],
                  "price": line.get("unit_price", ""), "cost": line.get("unit_cost", ""),
                  "amount": line.get("amount", ""), "cogs": line.get("cogs", ""),
                  "batch": line.get("batch") or "", "expiry": line.get("expiry") or ""}
        body.append([values[c] for c in cols])
    landed = _landed(doc)
    if landed:
        extra = [""] * len(cols)
        extra[cols.index("name")] = _t("landed", lang)
        extra[cols.index("amount")] = landed
        body.append(extra)
    total = [""] * len(cols)
    total[cols.index("name")] = _t("total", lang)
    total[cols.index("amount")] = doc["total"]
    widths = {"line": 8, "sku": 22, "name": 0, "qty": 16, "price": 18, "cost": 18,
              "amount": 20, "cogs": 18, "batch": 18, "expiry": 20}
    fixed = sum(widths[c] for c in cols) * mm
    col_widths = [widths[c] * mm if widths[c] else (A4[0] - 2 * MARGIN - fixed) for c in cols]
    table = LongTable([head, *body, total], colWidths=col_widths, repeatRows=1)
    numeric = [cols.index(c) for c in ("qty", "price", "cost", "amount", "cogs") if c in cols]
    style = [("FONTNAME", (0, 0), (-1, -1), font), ("FONTSIZE", (0, 0), (-1, -1), 8.5),
             ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
             ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eceff1")),
             ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
             ("BACKGROUND", (0, -1), (-1, -1), colors.HexColor("#f5f5f5"))]
    style += [("ALIGN", (i, 1), (i, -1), "RIGHT") for i in numeric]
    table.setStyle(TableStyle(style))
    return table


def _landed(doc: dict) -> str:
    """Freight and packaging of a receipt: the total beyond its lines ("" when none)."""
    if doc["type"] != "purchase_receipt" or "amount" not in (doc["lines"] or [{}])[0]:
        return ""
    extra = parse_money(doc["total"]) - sum(parse_money(l["amount"]) for l in doc["lines"])
    return format_money(extra) if extra > 0 else ""


def _voucher_table(doc: dict, lang: str, font: str) -> Table:
    rows = [[_t("account", lang), _t("debit", lang), _t("credit", lang)]]
    for v in doc["voucher"]:
        rows.append([f"{v['account']} {ACCOUNTS.get(v['account'], '')}",
                     v["debit"] if v["debit"] != "0.00" else "",
                     v["credit"] if v["credit"] != "0.00" else ""])
    table = Table(rows, colWidths=[90 * mm, 35 * mm, 35 * mm], hAlign="LEFT")
    table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), font),
                               ("FONTSIZE", (0, 0), (-1, -1), 8.5),
                               ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                               ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eceff1")),
                               ("ALIGN", (1, 1), (-1, -1), "RIGHT")]))
    return table


PAYMENT_NAMES = {"cash": ("现金", "Cash"), "card": ("银行卡", "Card"), "wechat": ("微信", "WeChat"),
                 "alipay": ("支付宝", "Alipay"), "stored_value": ("储值", "Stored value"),
                 "credit": ("挂账", "On account")}


def _payments(doc: dict, lang: str) -> str:
    i = 0 if lang.startswith("zh") else 1
    parts = [f"{PAYMENT_NAMES.get(p['method'], (p['method'],) * 2)[i]} {p['amount']}"
             for p in doc["payments"]]
    sep = "：" if i == 0 else ": "
    return _t("payments", lang) + sep + ("，" if i == 0 else ", ").join(parts)
