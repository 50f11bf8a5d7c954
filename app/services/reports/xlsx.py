"""Reports as Excel workbooks (openpyxl): numbers stay numbers, with number formats, so the
owner can sum and chart them; money in yuan to the fen, percentages as fractions."""
from __future__ import annotations

import io
from datetime import date

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from app.domain.report_model import (DATE, DAYS, DECIMAL, FLAG, INT, MONEY, QTY, RATE,
                                     ReportResult, cell_number, cell_text)
from app.services.reports.text import width

FORMATS = {MONEY: "#,##0.00", QTY: "#,##0.###", RATE: "0.00%", DAYS: "0.0", DECIMAL: "0.0",
           INT: "0", DATE: "yyyy-mm-dd"}
HEADER_ROW = 4  # title, parameters, an empty row, then the header


def to_xlsx(result: ReportResult, lang: str) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = result.name[:31]
    ws.cell(1, 1, result.title(lang)).font = Font(bold=True, size=14)
    ws.cell(2, 1, "  ".join(f"{k}: {v}" for k, v in result.params.items()))
    for i, col in enumerate(result.columns, 1):
        cell = ws.cell(HEADER_ROW, i, col.title(lang))
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center")
    r = HEADER_ROW
    for row in result.rows:
        r += 1
        _write_row(ws, r, result, result.values(row), lang)
    if result.totals:
        r += 1
        _write_row(ws, r, result, result.totals_values(), lang, bold=True)
    r += 1
    for fact in result.facts:
        r += 1
        ws.cell(r, 1, fact.title(lang)).font = Font(bold=True)
        _put(ws.cell(r, 2), fact.kind, fact.value, lang)
    ws.freeze_panes = ws.cell(HEADER_ROW + 1, 1)
    _widths(ws, result, lang)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _write_row(ws, r: int, result: ReportResult, values: list, lang: str, bold: bool = False):
    for i, (col, value) in enumerate(zip(result.columns, values), 1):
        cell = ws.cell(r, i)
        _put(cell, col.kind, value, lang)
        if bold:
            cell.font = Font(bold=True)


def _put(cell, kind: str, value, lang: str) -> None:
    if value is None:
        return
    if kind == FLAG:
        cell.value = cell_text(kind, value, lang)
    elif kind == DATE and not isinstance(value, date):
        cell.value = str(value)
    elif kind in FORMATS:
        cell.value = cell_number(kind, value)
        cell.number_format = FORMATS[kind]
    else:
        cell.value = value


def _widths(ws, result: ReportResult, lang: str) -> None:
    """Each column as wide as its widest text among the header and the first 200 rows."""
    sample = [result.values(x) for x in result.rows[:200]]
    for i, col in enumerate(result.columns):
        texts = [col.title(lang)] + [cell_text(col.kind, values[i], lang) for values in sample]
        ws.column_dimensions[get_column_letter(i + 1)].width = min(40, max(8, max(map(width, texts)) + 2))
