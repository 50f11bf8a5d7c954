"""A bar chart above a report's table, when the report names one (`ReportResult.chart`):
a trend (every day or month, labels thinned out) or the top 20 rows of a ranking.

Bars are drawn in fen (integers); only the axis labels are shown in yuan.
"""
from __future__ import annotations

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors

from app.domain.print_texts import text
from app.domain.report_model import ReportResult

TOP = 20
MAX_TREND = 400  # bars; a longer trend is better read from the table
HEIGHT = 150


def _yuan(value) -> str:
    return f"{int(round(value)) // 100:,}"


def bar_chart(result: ReportResult, lang: str, font: str, width: float) -> Drawing | None:
    if not result.chart or not result.rows:
        return None
    label_key, value_key, kind = result.chart
    trend = kind == "trend"
    if trend and len(result.rows) > MAX_TREND:
        return None
    rows = result.rows if trend else [r for r in result.rows if str(_get(r, label_key))][:TOP]
    if not rows:  # only unnamed rows (walk-in customers): nothing to rank
        return None
    labels = [str(_get(r, label_key)) for r in rows]
    values = [int(_get(r, value_key) or 0) for r in rows]
    drawing = Drawing(width, HEIGHT)
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 45, 30, width - 60, HEIGHT - 50
    chart.data = [values]
    chart.bars[0].fillColor = colors.HexColor("#4f81bd")
    chart.bars[0].strokeWidth = 0.2 if len(rows) > 40 else 1
    chart.valueAxis.valueMin = min(0, min(values))
    chart.valueAxis.labelTextFormat = _yuan
    chart.valueAxis.labels.fontName = font
    chart.valueAxis.labels.fontSize = 7
    every = max(1, len(rows) // 30)
    chart.categoryAxis.categoryNames = [
        (x[-5:] if trend else x[:10]) if i % every == 0 else "" for i, x in enumerate(labels)]
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = 6.5
    chart.categoryAxis.labels.angle = 45 if len(rows) > 12 else 0
    chart.categoryAxis.labels.boxAnchor = "ne" if len(rows) > 12 else "n"
    drawing.add(chart)
    title = next(c.title(lang) for c in result.columns if c.key == value_key)
    note = "" if trend or len(result.rows) <= TOP else text("report.top", lang, n=TOP)
    drawing.add(String(45, HEIGHT - 12, f"{title}{text('report.yuan', lang)}{note}",
                       fontName=font, fontSize=9))
    return drawing


def _get(row, key: str):
    return row.get(key) if isinstance(row, dict) else getattr(row, key)
