"""Formula injection: text that a spreadsheet would run instead of showing.

A cell whose text starts with = + - @ (or a tab or carriage return before one) is taken for
a formula by Excel, WPS and LibreOffice when it is typed or opened from CSV; `=cmd|' /C
calc'!A0` starts a program through DDE. JXC never evaluates cell text, but what it writes
back into a spreadsheet (exports, marked copies) must show such text as text:

- `neutralise(value)` for exports: such text gains a leading apostrophe, which stays inert
  even when the user saves the export as CSV and opens it again;
- `put_text(cell, text)` for marked copies, which must show the user's text unchanged: a
  string cell with Excel's quote prefix, so neither opening nor editing runs it;
- `looks_like_formula(text)` for imports of codes (SKU, batch, supplier): refused there,
  since no code legitimately starts like a formula. Negative numbers are not formulas.
"""
from __future__ import annotations

import re

TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n")
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?%?$")


def looks_like_formula(text: str) -> bool:
    """Whether a spreadsheet could take `text` for a formula (a plain number is fine)."""
    if not text or not text.startswith(TRIGGERS):
        return False
    return not _NUMBER.match(text.strip())


def neutralise(value):
    """`value` safe to write into a spreadsheet cell: formula-like text gets a leading
    apostrophe (shown by every spreadsheet, so the user sees the guard), else unchanged."""
    if isinstance(value, str) and looks_like_formula(value):
        return "'" + value
    return value


def put_text(cell, text: str) -> None:
    """Write `text` into an openpyxl cell as a string, never as a formula."""
    cell.value = text
    cell.data_type = "s"
    if text.startswith(TRIGGERS):
        cell.quotePrefix = True
