"""Reports as PDF (reportlab): title, filters, headline figures, an optional bar chart and
the table, landscape A4, headers repeated on every page, page numbers in the footer."""
from __future__ import annotations

import io
from datetime import datetime

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import LongTable, Paragraph, SimpleDocTemplate, Spacer, TableStyle

from app.domain.print_texts import colon, is_zh, text
from app.domain.report_model import DATE, TEXT, ReportResult, cell_text
from app.services.reports.pdf_chart import bar_chart
from app.services.reports.pdf_fonts import cjk_font

PAGE = landscape(A4)
MARGIN = 12 * mm


def to_pdf(result: ReportResult, lang: str, font: str | None = None,
           generated: datetime | None = None) -> bytes:
    return to_pdf_many([result], lang, result.title(lang), font, generated)


def to_pdf_many(results: list[ReportResult], lang: str, title: str, font: str | None = None,
                generated: datetime | None = None) -> bytes:
    """Several reports one after another in one PDF (the morning brief), each with its
    title, filters, facts, chart and table."""
    name = cjk_font(font)
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=PAGE, leftMargin=MARGIN, rightMargin=MARGIN,
                            topMargin=MARGIN, bottomMargin=MARGIN + 4 * mm,
                            title=title, author="JXC", creator="JXC")
    stamp = (generated or datetime.now()).strftime("%Y-%m-%d %H:%M")
    story = []
    for n, result in enumerate(results):
        if n:
            story.append(Spacer(1, 8 * mm))
        story += _head(result, lang, name, stamp)
        chart = bar_chart(result, lang, name, PAGE[0] - 2 * MARGIN)
        if chart is not None:
            story += [chart, Spacer(1, 4 * mm)]
        if result.columns:
            story.append(_table(result, lang, name, 9 if len(result.columns) <= 8 else 7.5))

    def footer(canvas, _doc):
        canvas.saveState()
        canvas.setFont(name, 7)
        page = text("page", lang, n=canvas.getPageNumber())
        canvas.drawString(MARGIN, MARGIN - 2 * mm, f"JXC · {title} · {stamp}")
        canvas.drawRightString(PAGE[0] - MARGIN, MARGIN - 2 * mm, page)
        canvas.restoreState()

    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()


def _head(result: ReportResult, lang: str, font: str, stamp: str) -> list:
    title = ParagraphStyle("title", fontName=font, fontSize=16, leading=20, wordWrap="CJK")
    small = ParagraphStyle("small", fontName=font, fontSize=8.5, leading=11, wordWrap="CJK")
    sep, gap = colon(lang), ("　" if is_zh(lang) else " · ")
    params = gap.join(f"{k}{sep}{_escape(str(v))}" for k, v in result.params.items())
    story = [Paragraph(_escape(result.title(lang)), title), Spacer(1, 2 * mm),
             Paragraph(f"{text('report.filters', lang)}{sep}{params}" if params else stamp,
                       small)]
    if result.facts:
        facts = gap.join(f"{_escape(f.title(lang))}{sep}<b>{cell_text(f.kind, f.value, lang) or '-'}</b>"
                         for f in result.facts)
        story.append(Paragraph(facts, small))
    story.append(Spacer(1, 3 * mm))
    return story


def _table(result: ReportResult, lang: str, font: str, size: float) -> LongTable:
    cols = result.columns
    cell = ParagraphStyle("cell", fontName=font, fontSize=size, leading=size + 2,
                          wordWrap="CJK", alignment=TA_LEFT)
    texts = [[c.title(lang) for c in cols]]
    texts += [[cell_text(c.kind, v, lang) for c, v in zip(cols, result.values(r))]
              for r in result.rows]
    if result.totals:
        texts.append([cell_text(c.kind, v, lang) for c, v in zip(cols, result.totals_values())])
    widths = _widths(texts, cols, font, size)
    data = [[Paragraph(_escape(t), cell) if c.kind == TEXT and i else t
             for c, t in zip(cols, line)] for i, line in enumerate(texts)]
    style = [("FONTNAME", (0, 0), (-1, -1), font), ("FONTSIZE", (0, 0), (-1, -1), size),
             ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#dfe6ee")),
             ("GRID", (0, 0), (-1, -1), 0.25, colors.HexColor("#9aa5b1")),
             ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("ALIGN", (0, 0), (-1, 0), "CENTER"),
             ("TOPPADDING", (0, 0), (-1, -1), 1.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5)]
    style += [("ALIGN", (i, 1), (i, -1), "RIGHT") for i, c in enumerate(cols)
              if c.kind not in (TEXT, DATE)]
    if result.totals:
        style.append(("BACKGROUND", (0, -1), (-1, -1), colors.HexColor("#f3f0e0")))
    table = LongTable(data, colWidths=widths, repeatRows=1, hAlign="LEFT")
    table.setStyle(TableStyle(style))
    return table


def _widths(texts: list[list[str]], cols, font: str, size: float) -> list[float]:
    """Each column as wide as its widest cell (first 300 rows), scaled down to the page."""
    sample = texts[:301]
    natural = [max(stringWidth(line[i], font, size) for line in sample) + 14
               for i in range(len(cols))]  # + the cell's padding
    natural = [min(w, 60 * mm) if c.kind == TEXT else w for w, c in zip(natural, cols)]
    room = PAGE[0] - 2 * MARGIN
    total = sum(natural)
    return natural if total <= room else [w * room / total for w in natural]


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
