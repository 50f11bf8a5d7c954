"""One document as a printable PDF (A4 portrait, reportlab, the Chinese font of the reports).

The page carries the store, the document's title, number and status, its parties and people,
the lines, the total, and for those who may see costs the COGS column and the voucher; at
the foot, signature fields (制单 / 审核 / 经手). A document that is not posted says so in its
title, so a draft on paper is never mistaken for a posted one. Its fixed texts are in the
store's language (setting `store.language`, `app.domain.print_texts`) unless the caller
names one; names, notes and the store's name print as entered.
"""
from __future__ import annotations

import io
from datetime import datetime
from xml.sax.saxutils import escape

from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.platypus import (Image, LongTable, Paragraph, SimpleDocTemplate, Spacer, Table,
                                TableStyle)

from app.domain.document_template import DEFAULT_DOCUMENT_TEMPLATE, DocumentTemplate
from app.domain.money import format_money, parse_money
from app.domain.permissions import check
from app.domain.print_texts import (ACCOUNTS_EN, DOC_TYPES, PAYMENTS, STATUSES, colon, is_zh,
                                    pick, text)
from app.domain.vouchers import ACCOUNTS
from app.persistence.store import LocalStore
from app.persistence.uow import UnitOfWork
from app.services.documents import document_detail
from app.services.printing.stored_documents import stored_document_setup
from app.services.records import Actor
from app.services.reports.pdf_fonts import cjk_font
from app.services.settings import print_language

MARGIN = 14 * mm
PRICED = {"sale", "customer_return"}  # lines at a selling price; the others at cost


def _t(key: str, lang: str) -> str:
    return text(f"doc.{key}", lang)


def type_title(kind: str, lang: str) -> str:
    return pick(DOC_TYPES, kind, lang)


def document_pdf(store: LocalStore, actor: Actor, ref: str, lang: str | None = None, *,
                 font: str | None = None, printed: datetime | None = None) -> bytes:
    """The document `ref` (number or id) as PDF bytes; costs only for cost viewers. In the
    store's language unless `lang` names one."""
    check(actor.role, "document_pdf.document_pdf")
    with UnitOfWork(store.engine, write=False) as uow:
        lang = lang or print_language(uow.session)
        template, logo = stored_document_setup(uow.session)
    return render(document_detail(store, actor, ref), lang, font=font, printed=printed,
                  template=template, logo=logo)


def render(doc: dict, lang: str, *, font: str | None = None, printed: datetime | None = None,
           template: DocumentTemplate = DEFAULT_DOCUMENT_TEMPLATE,
           logo: bytes | None = None) -> bytes:
    """A document dict as `document_detail` returns it, laid out as PDF by `template`."""
    t = template
    name = cjk_font(font)
    stamp = (printed or datetime.now()).strftime("%Y-%m-%d %H:%M")
    title = type_title(doc["type"], lang)
    if doc["status"] != "posted":
        status = pick(STATUSES, doc["status"], lang)
        title += f"（{status}）" if is_zh(lang) else f" ({status})"
    buffer = io.BytesIO()
    pdf = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN,
                            topMargin=MARGIN, bottomMargin=MARGIN + 4 * mm,
                            title=f"{title} {doc['number'] or doc['id']}", author="JXC",
                            creator="JXC")
    styles = _styles(name)
    story = [_logo(logo)] if logo and t.logo else []
    story += [Paragraph(escape(doc.get("store", "")), styles["small"])]
    story += [Paragraph(escape(l), styles["small"]) for l in t.header.splitlines()]
    story += [Paragraph(escape(title), styles["title"]), Spacer(1, 3 * mm),
              _head_table(doc, lang, name), Spacer(1, 4 * mm),
              _lines_table(doc, lang, name, styles, t.columns), Spacer(1, 4 * mm)]
    if doc.get("payments"):
        story += [Paragraph(escape(_payments(doc, lang)), styles["small"]), Spacer(1, 3 * mm)]
    if t.voucher and doc.get("sees_costs") and doc.get("voucher"):
        story += [Paragraph(_t("voucher", lang), styles["heading"]), Spacer(1, 1 * mm),
                  _voucher_table(doc, lang, name), Spacer(1, 4 * mm)]
    if t.signature:
        sign = t.signature_text or _t("sign", lang)
        story += [Spacer(1, 8 * mm), Paragraph(escape(sign), styles["body"])]
    story += [Paragraph(escape(l), styles["small"]) for l in t.footer.splitlines()]
    code = t.qr_text(doc["number"] or doc["id"], doc.get("store", ""), doc["date"]) \
        if t.qr else ""

    def footer(canvas, _doc):
        if code and canvas.getPageNumber() == 1:
            _qr(canvas, code)
        canvas.saveState()
        canvas.setFont(name, 7)
        canvas.drawString(MARGIN, MARGIN - 2 * mm,
                          f"JXC · {doc['number'] or doc['id']} · {_t('printed', lang)} {stamp}")
        canvas.drawRightString(A4[0] - MARGIN, MARGIN - 2 * mm,
                               text("page", lang, n=canvas.getPageNumber()))
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
             ("status", pick(STATUSES, doc["status"], lang)),
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
    cells = [f"{_t(k, lang)}{colon(lang)}{v}" for k, v in pairs]
    rows = [cells[i:i + 3] + [""] * (3 - len(cells[i:i + 3])) for i in range(0, len(cells), 3)]
    width = (A4[0] - 2 * MARGIN) / 3
    table = Table(rows, colWidths=[width] * 3)
    table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), font),
                               ("FONTSIZE", (0, 0), (-1, -1), 9),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 3)]))
    return table


def _lines_table(doc: dict, lang: str, font: str, styles, columns: tuple[str, ...]) -> LongTable:
    """The template's columns in its order: the unit price is the selling price on sales
    and returns, the unit cost on the others; COGS only on sales, for cost viewers."""
    priced = doc["type"] in PRICED
    costs = bool(doc.get("sees_costs"))
    cols = [("price" if priced else "cost") if c == "price" else c for c in columns
            if c != "cogs" or (priced and costs)]
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


def _logo(data: bytes) -> Image:
    """The store's logo at most 60 × 16 mm, its proportions kept, on the left."""
    width, height = ImageReader(io.BytesIO(data)).getSize()
    scale = min(60 * mm / width, 16 * mm / height)
    image = Image(io.BytesIO(data), width=width * scale, height=height * scale)
    image.hAlign = "LEFT"
    return image


def _qr(canvas, content: str) -> None:
    """A QR code of the document at the first page's top right corner, 22 mm wide."""
    side = 22 * mm
    widget = QrCodeWidget(content, barBorder=0)
    x0, y0, x1, y1 = widget.getBounds()
    drawing = Drawing(side, side, transform=[side / (x1 - x0), 0, 0, side / (y1 - y0), 0, 0])
    drawing.add(widget)
    renderPDF.draw(drawing, canvas, A4[0] - MARGIN - side, A4[1] - MARGIN - side)


def _landed(doc: dict) -> str:
    """Freight and packaging of a receipt: the total beyond its lines ("" when none)."""
    if doc["type"] != "purchase_receipt" or "amount" not in (doc["lines"] or [{}])[0]:
        return ""
    extra = parse_money(doc["total"]) - sum(parse_money(l["amount"]) for l in doc["lines"])
    return format_money(extra) if extra > 0 else ""


def _voucher_table(doc: dict, lang: str, font: str) -> Table:
    names = ACCOUNTS if is_zh(lang) else ACCOUNTS_EN
    rows = [[_t("account", lang), _t("debit", lang), _t("credit", lang)]]
    for v in doc["voucher"]:
        rows.append([f"{v['account']} {names.get(v['account'], '')}",
                     v["debit"] if v["debit"] != "0.00" else "",
                     v["credit"] if v["credit"] != "0.00" else ""])
    table = Table(rows, colWidths=[90 * mm, 35 * mm, 35 * mm], hAlign="LEFT")
    table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), font),
                               ("FONTSIZE", (0, 0), (-1, -1), 8.5),
                               ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                               ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eceff1")),
                               ("ALIGN", (1, 1), (-1, -1), "RIGHT")]))
    return table


def _payments(doc: dict, lang: str) -> str:
    parts = [f"{pick(PAYMENTS, p['method'], lang)} {p['amount']}" for p in doc["payments"]]
    return _t("payments", lang) + colon(lang) + ("，" if is_zh(lang) else ", ").join(parts)
