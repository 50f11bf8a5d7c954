"""Drawing labels on PDF pages (reportlab): the papers, the two kinds, and the barcode.

A sheet paper (A4 with a grid of labels) fills positions left to right, top to bottom, and
may skip the positions already used on a partly used sheet; a roll paper is one label per
page of the label's size, as label printers (TSC, Zebra, Xprinter) take them. Barcodes are
vector bars: EAN-13, EAN-8 or UPC-A when the code is one (check digit valid), else Code 128.
The fixed words (会员价, the PDF's title) are in the language given, the store's
(`app.domain.print_texts`); the product's name, specification and unit print as entered.
"""
from __future__ import annotations

import io
from dataclasses import dataclass

from reportlab.graphics import renderPDF
from reportlab.graphics.barcode import createBarcodeDrawing
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from app.domain.barcode import is_valid_ean8, is_valid_ean13, is_valid_upca
from app.domain.label_template import DEFAULT_LABEL_TEMPLATE, TEXT_FIELDS, LabelTemplate
from app.domain.money import format_money
from app.domain.print_texts import TEXTS, text


@dataclass(frozen=True)
class Paper:
    key: str
    zh: str
    en: str
    width: float    # one label, points
    height: float
    columns: int = 1
    rows: int = 1
    page: tuple[float, float] | None = None  # None: the page is one label (a roll)
    margin_x: float = 0.0  # where the grid starts on a sheet
    margin_y: float = 0.0
    gap_x: float = 0.0
    gap_y: float = 0.0

    @property
    def per_page(self) -> int:
        return self.columns * self.rows


PAPERS = {p.key: p for p in (
    Paper("a4_3x8", "A4 不干胶 3×8（70×37 mm）", "A4 sheet 3×8 (70×37 mm)", 70 * mm, 37 * mm,
          3, 8, A4, 0.0, 0.5 * mm),
    Paper("a4_4x10", "A4 不干胶 4×10（48.5×25.4 mm）", "A4 sheet 4×10 (48.5×25.4 mm)",
          48.5 * mm, 25.4 * mm, 4, 10, A4, 8 * mm, 21.5 * mm),
    Paper("roll_40x30", "热敏卷纸 40×30 mm", "Roll 40×30 mm", 40 * mm, 30 * mm),
    Paper("roll_60x40", "热敏卷纸 60×40 mm", "Roll 60×40 mm", 60 * mm, 40 * mm),
)}
KINDS = {kind: TEXTS[f"label.{kind}"] for kind in ("shelf", "price_tag")}  # (zh, en)


@dataclass(frozen=True)
class LabelData:
    sku: str
    name: str
    spec: str
    unit: str
    retail_fen: int
    member_fen: int
    barcode: str
    custom: str = ""  # the template's custom field's value


def barcode_kind(code: str) -> str:
    if is_valid_ean13(code):
        return "EAN13"
    if is_valid_ean8(code):
        return "EAN8"
    if is_valid_upca(code):
        return "UPCA"
    return "Code128"


def render(labels: list[LabelData], paper: Paper, kind: str, font: str, lang: str,
           skip: int = 0, template: LabelTemplate = DEFAULT_LABEL_TEMPLATE,
           store_name: str = "") -> bytes:
    header = template.header_text(store_name)
    buffer = io.BytesIO()
    size = paper.page or (paper.width, paper.height)
    canvas = Canvas(buffer, pagesize=size, pageCompression=1)
    canvas.setTitle(text(f"label.{kind}", lang))
    canvas.setCreator("JXC")
    slot = skip if paper.page else 0
    for label in labels:
        if slot == paper.per_page:
            canvas.showPage()
            slot = 0
        x, y = _origin(paper, slot, size)
        _draw(canvas, label, x, y, paper.width, paper.height, kind, font, lang, template,
              header)
        slot += 1
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _origin(paper: Paper, slot: int, size: tuple[float, float]) -> tuple[float, float]:
    if paper.page is None:
        return 0.0, 0.0
    col, row = slot % paper.columns, slot // paper.columns
    x = paper.margin_x + col * (paper.width + paper.gap_x)
    top = size[1] - paper.margin_y - row * (paper.height + paper.gap_y)
    return x, top - paper.height


def _fit(text: str, font: str, size: float, width: float) -> list[str]:
    """`text` in at most two lines of `width` (CJK breaks anywhere); cut with … if longer."""
    lines, line = [], ""
    for ch in text:
        if stringWidth(line + ch, font, size) <= width:
            line += ch
            continue
        lines.append(line)
        line = "" if ch.isspace() else ch
        if len(lines) == 2:  # text is left over: end the second line with …
            last = lines[1]
            while last and stringWidth(last + "…", font, size) > width:
                last = last[:-1]
            lines[1] = last + "…"
            return lines
    if line:
        lines.append(line)
    return lines


def _draw(c: Canvas, label: LabelData, x: float, y: float, w: float, h: float, kind: str,
          font: str, lang: str, t: LabelTemplate, header: str) -> None:
    pad = min(w, h) * 0.06
    inner = w - 2 * pad
    name_size = max(6.0, min(11.0, h / 9.5))
    small = name_size * 0.72
    _text_area(c, label, x + pad, y + h - pad, inner, name_size, small, font, t, header)
    shown = set(t.fields)
    price = format_money(label.retail_fen)
    price_size = h / (3.2 if kind == "price_tag" else 4.2)
    if t.price_scale != 100:
        price_size *= t.price_scale / 100
    price_y = y + pad + (0 if kind == "price_tag" else h * 0.34)
    if "price" in shown:
        c.setFont(font, price_size * 0.45)
        c.drawRightString(x + w - pad - stringWidth(price, font, price_size), price_y, "¥")
        c.setFont(font, price_size)
        c.drawRightString(x + w - pad, price_y, price)
    member_y = price_y if kind == "shelf" else price_y + small * 1.4
    if "member" in shown and label.member_fen and label.member_fen != label.retail_fen:
        c.setFont(font, small)
        member = f"{text('label.member', lang)} {format_money(label.member_fen)}"
        c.drawString(x + pad, member_y, member)
    c.setFont(font, small)
    code = t.code_text(label.sku, label.barcode) if "barcode" in shown else ""
    if kind == "shelf" and code:
        _code(c, code, t.code_kind, x + pad, y + pad, inner * 0.62, h * 0.30)
        if "sku" in shown:
            c.drawRightString(x + w - pad, y + pad, label.sku)
    elif "sku" in shown:
        c.drawString(x + pad, y + pad, label.sku)


def _text_area(c: Canvas, label: LabelData, left: float, top_edge: float, inner: float,
               name_size: float, small: float, font: str, t: LabelTemplate,
               header: str) -> None:
    """The header and the text fields top to bottom: the name in two lines of its size,
    neighbouring small fields joined on one line."""
    last, at = None, top_edge  # what was drawn last, and its top (name) or baseline
    if header:
        c.setFont(font, small)
        at = top_edge - small
        c.drawString(left, at, header)
        last = "small"
    values = {"spec": label.spec, "unit": label.unit, "custom": label.custom}
    for group in _groups([f for f in t.fields if f in TEXT_FIELDS]):
        if group == ["name"]:
            c.setFont(font, name_size)
            at = top_edge - name_size if last is None else at - small * 0.3 - name_size
            for i, line in enumerate(_fit(label.name, font, name_size, inner)):
                c.drawString(left, at - i * name_size * 1.15, line)
            last = "name"
            continue
        c.setFont(font, small)
        at = (top_edge - small if last is None else
              at - 2 * name_size * 1.15 - small * 0.2 if last == "name" else at - small * 1.2)
        last = "small"
        detail = " · ".join(p for p in (values[f] for f in group) if p)
        if detail:
            c.drawString(left, at, detail[:40])


def _groups(fields: list[str]) -> list[list[str]]:
    groups: list[list[str]] = []
    for f in fields:
        if f != "name" and groups and groups[-1][0] != "name":
            groups[-1].append(f)
        else:
            groups.append([f])
    return groups


def _code(c: Canvas, content: str, kind: str, x: float, y: float, width: float,
          height: float) -> None:
    if kind == "qr":
        side = min(width, height)
        widget = QrCodeWidget(content, barBorder=0)
        x0, y0, x1, y1 = widget.getBounds()
        drawing = Drawing(side, side, transform=[side / (x1 - x0), 0, 0, side / (y1 - y0),
                                                 0, 0])
        drawing.add(widget)
        renderPDF.draw(drawing, c, x, y)
    elif kind == "code128":
        drawing = createBarcodeDrawing("Code128", value=content, humanReadable=True,
                                       barHeight=height * 0.72, quiet=False)
        _place(c, drawing, x, y, width, height)
    else:
        _barcode(c, content, x, y, width, height)


def _barcode(c: Canvas, code: str, x: float, y: float, width: float, height: float) -> None:
    kind = barcode_kind(code)
    value = code[:12] if kind == "EAN13" else code[:7] if kind == "EAN8" else \
        code[:11] if kind == "UPCA" else code
    drawing = createBarcodeDrawing(kind, value=value, humanReadable=True,
                                   barHeight=height * 0.72, quiet=False)
    _place(c, drawing, x, y, width, height)


def _place(c: Canvas, drawing, x: float, y: float, width: float, height: float) -> None:
    scale = min(width / drawing.width, height / drawing.height)
    c.saveState()
    c.translate(x, y)
    c.scale(scale, scale)
    renderPDF.draw(drawing, c, 0, 0)
    c.restoreState()
