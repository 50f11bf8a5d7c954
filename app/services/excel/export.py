"""Any list to .xlsx: a header row and the rows, streamed (openpyxl's write-only mode, so a
million rows never sit in memory as cells), with text that a spreadsheet would run as a
formula neutralised (`safety.neutralise`). Numbers, dates and Decimals stay typed.

    write_rows(path, ["SKU", "Name", "On hand"], rows)            # rows: sequences
    write_rows(path, [("sku", "商品编码"), ("qty", "数量")], dicts)  # rows: dicts or objects
"""
from __future__ import annotations

import dataclasses
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Callable, Iterable, Sequence

from .safety import neutralise

MAX_ROWS = 1_048_575  # Excel's sheet limit, less the header
PROGRESS_EVERY = 2000


def write_rows(path: Path, columns: Sequence, rows: Iterable, *, sheet: str = "Data",
               progress: Callable[[int], None] | None = None) -> int:
    """Write `rows` under `columns` (titles, or (key, title) pairs to pick from dicts or
    objects) into a new workbook at `path`; returns the number of rows written."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    keys = [c[0] if isinstance(c, tuple) else None for c in columns]
    titles = [c[1] if isinstance(c, tuple) else str(c) for c in columns]
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(_sheet_title(sheet))
    ws.freeze_panes = "A2"
    bold = Font(bold=True)
    header = []
    for title in titles:
        cell = WriteOnlyCell(ws, value=neutralise(title))
        cell.font = bold
        header.append(cell)
    ws.append(header)
    count = 0
    for row in rows:
        if count >= MAX_ROWS:
            break
        ws.append([cell_value(v) for v in _values(row, keys)])
        count += 1
        if progress and count % PROGRESS_EVERY == 0:
            progress(count)
    wb.save(Path(path))
    return count


def _values(row, keys: list) -> list:
    if all(k is None for k in keys):
        return list(row)
    if isinstance(row, dict):
        return [row.get(k) for k in keys]
    if dataclasses.is_dataclass(row):
        return [getattr(row, k, None) for k in keys]
    return [getattr(row, k, None) if isinstance(k, str) else None for k in keys]


def cell_value(value):
    """Numbers, dates and booleans as they are; everything else as neutralised text."""
    if value is None or isinstance(value, (bool, int, float, Decimal, date, datetime)):
        return value
    return neutralise(str(value))


def _sheet_title(text: str) -> str:
    bad = '[]:*?/\\'
    return "".join("_" if ch in bad else ch for ch in text)[:31] or "Data"
