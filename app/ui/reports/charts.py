"""QtCharts for the reports: a line (trend), bars (ranking) or a pie, from plain
(label, value) pairs; amounts arrive in fen and are drawn in yuan.

`chart_pairs(result)` picks what a report charts (`ReportResult.chart`: its label and
value columns); `save_png` writes a chart view as a PNG file.
"""
from __future__ import annotations

from decimal import Decimal

from PySide6.QtCharts import (QBarCategoryAxis, QBarSeries, QBarSet, QCategoryAxis, QChart,
                              QChartView,
                              QHorizontalBarSeries, QLineSeries, QPieSeries, QValueAxis)
from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QPainter

from app.domain.report_model import RATE, ReportResult, cell_number

TOP = 20
MAX_POINTS = 400


def _number(kind: str, value) -> float:
    """A value as the chart draws it (yuan, units, percent): display only, never stored."""
    if value is None:
        return 0.0
    number = cell_number(kind, value)
    if kind == RATE:
        number = Decimal(number) * 100
    return float(number)


def chart_pairs(result: ReportResult, value_key: str | None = None) -> tuple[list, str]:
    """(label, number) pairs to draw and the value's title; [] when the report has none."""
    if not result.chart or not result.rows:
        return [], ""
    label_key, default_value, kind = result.chart
    value_key = value_key or default_value
    column = next((c for c in result.columns if c.key == value_key), None)
    if column is None:
        return [], ""
    rows = result.rows[:MAX_POINTS] if kind == "trend" else result.rows[:TOP]

    def get(row, key):
        return row.get(key) if isinstance(row, dict) else getattr(row, key)

    pairs = [(str(get(r, label_key) or "-"), _number(column.kind, get(r, value_key)))
             for r in rows]
    from app.ui.translations import current_language

    return pairs, column.title(current_language())


class ChartView(QChartView):
    """A chart view that can be redrawn as line, bar or pie."""

    def __init__(self, parent=None) -> None:
        super().__init__(QChart(), parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(220)
        self.chart().legend().hide()
        self.chart().setMargins(QMargins(4, 4, 4, 4))
        self.kind, self.pairs = "bar", []

    def show_pairs(self, pairs: list[tuple[str, float]], kind: str = "bar", title: str = "") -> None:
        chart = QChart()
        chart.setMargins(QMargins(4, 4, 4, 4))
        chart.setTitle(title)
        chart.legend().hide()
        self.kind, self.pairs = kind, pairs
        if pairs and kind == "line":
            _line(chart, pairs)
        elif pairs and kind == "pie":
            _pie(chart, pairs)
        elif pairs and kind == "hbar":
            _bars(chart, pairs, horizontal=True)
        elif pairs:
            _bars(chart, pairs)
        old = self.chart()
        self.setChart(chart)
        old.deleteLater()

    def save_png(self, path: str) -> bool:
        return self.grab().save(path, "PNG")


def _axis_values(chart: QChart, values: list[float], align) -> QValueAxis:
    axis = QValueAxis()
    low, high = min(values + [0.0]), max(values + [0.0])
    axis.setRange(low, high if high > low else low + 1)
    axis.setLabelFormat("%.0f")
    chart.addAxis(axis, align)
    return axis


def _categories(labels: list[str]) -> list[str]:
    every = max(1, len(labels) // 15)
    seen: set[str] = set()
    out = []
    for i, label in enumerate(labels):  # category names must be unique
        text = label[-5:] if len(label) == 10 and label[4] == "-" else label[:12]
        text = text if i % every == 0 else " " * (i + 1)
        while text in seen:
            text += " "
        seen.add(text)
        out.append(text)
    return out


def _line(chart: QChart, pairs) -> None:
    series = QLineSeries()
    for i, (_, value) in enumerate(pairs):
        series.append(i, value)
    chart.addSeries(series)
    x = QCategoryAxis()  # a label at every few points, placed on the point itself
    x.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
    x.setRange(0, max(1, len(pairs) - 1))
    every = max(1, (len(pairs) + 7) // 8)
    for i in range(0, len(pairs), every):
        label = pairs[i][0]
        x.append(label[5:] if len(label) == 10 and label[4] == "-" else label[:12], i)
    chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
    series.attachAxis(x)
    series.attachAxis(_axis_values(chart, [v for _, v in pairs], Qt.AlignmentFlag.AlignLeft))


def _bars(chart: QChart, pairs, horizontal: bool = False) -> None:
    bar_set = QBarSet("")
    bar_set.append([v for _, v in pairs])
    series = QHorizontalBarSeries() if horizontal else QBarSeries()
    series.append(bar_set)
    chart.addSeries(series)
    labels = QBarCategoryAxis()
    labels.append(_categories([l for l, _ in pairs]))
    values = [v for _, v in pairs]
    if horizontal:
        chart.addAxis(labels, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(labels)
        series.attachAxis(_axis_values(chart, values, Qt.AlignmentFlag.AlignBottom))
    else:
        chart.addAxis(labels, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(labels)
        series.attachAxis(_axis_values(chart, values, Qt.AlignmentFlag.AlignLeft))


def _pie(chart: QChart, pairs) -> None:
    series = QPieSeries()
    for label, value in pairs:
        if value > 0:
            series.append(label[:16], value)
    series.setLabelsVisible(series.count() <= 12)
    chart.addSeries(series)
    chart.legend().setVisible(series.count() > 12)

