"""Writing filled-in templates for the import tests."""
from __future__ import annotations

import io
from pathlib import Path

from openpyxl import load_workbook

from app.services.excel import SPECS, template_bytes
from app.services.excel.safety import put_text


def filled(path: Path, kind: str, rows: list[dict]) -> Path:
    """The template of `kind` with `rows` ({column key: value}) from row 2."""
    wb = load_workbook(io.BytesIO(template_bytes(kind)))
    ws = wb.worksheets[0]
    keys = [c.key for c in SPECS[kind]]
    for r, row in enumerate(rows, 2):
        for key, value in row.items():
            cell = ws.cell(r, keys.index(key) + 1)
            if isinstance(value, str):
                put_text(cell, value)  # as a user types it: text, even "=cmd..."
            else:
                cell.value = value
    wb.save(path)
    return path


def column_index(kind: str, key: str) -> int:
    return [c.key for c in SPECS[kind]].index(key) + 1
