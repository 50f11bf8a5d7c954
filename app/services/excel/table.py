"""Reading an import file (CSV or the first sheet of an .xlsx) into checked cells.

The bytes are read by `catalog_import.reading` (size limit, encodings, cached formula
values, error cells); here the header is matched to the kind's columns and each cell is
checked for its kind. Problems become marks; nothing stops at the first one.
"""
from __future__ import annotations

import hashlib
from contextlib import closing
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Callable

from app.domain.errors import DomainError
from app.domain.money import parse_money, parse_quantity
from app.services.catalog_import import reading

from .columns import CODE, DATE, FLAG, INT, MONEY, QTY, SPECS, Column, header_key
from .marks import Marks
from .safety import looks_like_formula

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_ROWS = 200_000
YES = {"是", "y", "yes", "true", "1", "确认", "√", "✓"}
NO = {"否", "n", "no", "false", "0", ""}
Progress = Callable[[str, int, int], None]  # (stage, done, total)


@dataclass
class Table:
    path: Path
    data: bytes
    file_kind: str                      # "xlsx" or "csv"
    header_row: int
    index: dict[str, int]               # column key -> cell index
    rows: list[tuple[int, dict]] = field(default_factory=list)  # (sheet row, key -> value)
    raw: list[list[str]] | None = None  # CSV rows, for the marked copy
    marks: Marks = field(default_factory=Marks)

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


def read_table(path: Path, kind: str, progress: Progress | None = None) -> Table:
    """Read and check every cell of `path` as a file of `kind`."""
    path = Path(path)
    data = reading.read_bytes(path, MAX_FILE_BYTES)
    file_kind = reading.file_kind(path.name, path.suffix.lower(), data)
    lines = reading.xlsx_rows(path.name, data) if file_kind == "xlsx" \
        else reading.csv_rows(path.name, data)
    columns = SPECS[kind]
    table: Table | None = None
    raw: list[list[str]] = []
    with closing(lines):
        for number, cells, problems in lines:
            if file_kind == "csv":
                raw.append(cells)
            if table is None:
                if any(c.strip() for c in cells):
                    table = _header(path, data, file_kind, number, cells, columns)
                continue
            if not any(c.strip() for c in cells):
                continue
            if len(table.rows) >= MAX_ROWS:
                raise reading.unreadable(path.name, f"超过 {MAX_ROWS:,} 行的上限，请分成几个文件",
                                         f"it has more than {MAX_ROWS:,} rows; split it")
            table.rows.append((number, _row(table, number, cells, problems, columns)))
            if progress and len(table.rows) % 1000 == 0:
                progress("read", len(table.rows), 0)
    if table is None:
        raise reading.unreadable(path.name, "文件是空的，第一行应是表头",
                                 "the file is empty; its first row must be the header")
    table.raw = raw if file_kind == "csv" else None
    if not table.rows and not table.marks.count:
        raise reading.unreadable(path.name, "表头下面没有数据行", "there are no rows below the header")
    return table


def _header(path: Path, data: bytes, file_kind: str, number: int, cells: list[str],
            columns: tuple[Column, ...]) -> Table:
    index: dict[str, int] = {}
    table = Table(path, data, file_kind, number, index)
    for i, text in enumerate(cells):
        key = header_key(text or "", columns)
        if key is None:
            continue
        if key in index:
            table.marks.add(number, "", f"表头中“{text.strip()}”与另一列重复，请删掉一列",
                            f"the header names '{text.strip()}' twice; remove one of them")
        index[key] = i
        table.marks.labels[key] = " ".join((text or key).split())
    for column in columns:
        table.marks.labels.setdefault(column.key, f"{column.zh} {column.en}")
        if column.required and column.key not in index:
            table.marks.add(number, "", f"缺少必需的列“{column.zh}”（{column.en}）",
                            f"the required column '{column.en}' ({column.zh}) is missing")
    return table


def _row(table: Table, number: int, cells: list[str], problems: list,
         columns: tuple[Column, ...]) -> dict:
    broken = set()
    for index, zh, en in problems:
        key = next((k for k, i in table.index.items() if i == index), None)
        if key is not None:
            broken.add(key)
            table.marks.add(number, key, zh, en)
    values: dict = {}
    for column in columns:
        i = table.index.get(column.key)
        text = cells[i].strip() if i is not None and i < len(cells) else ""
        if column.key in broken:
            continue
        if not text:
            if column.required:
                table.marks.add(number, column.key, f"“{column.zh}”不能为空",
                                f"'{column.en}' must not be empty")
            continue
        try:
            values[column.key] = convert(column, text)
        except DomainError as exc:
            table.marks.add_error(number, column.key, exc)
    return values


class BadCell(DomainError):
    code = "bad_cell"
    zh = "{what_zh}"
    en = "{what_en}"


def convert(column: Column, text: str):
    """The value of one cell, by its column's kind; `BadCell` (or a money error) if wrong."""
    kind = column.kind
    if kind == MONEY:
        value = parse_money(text)
    elif kind == QTY:
        value = parse_quantity(text)
    elif kind == INT:
        if not text.isdigit():
            raise BadCell(what_zh=f"“{text}”不是整数", what_en=f"'{text}' is not a whole number")
        return int(text)
    elif kind == DATE:
        try:
            return date.fromisoformat(text[:10])
        except ValueError:
            raise BadCell(what_zh=f"“{text}”不是 YYYY-MM-DD 日期",
                          what_en=f"'{text}' is not a YYYY-MM-DD date") from None
    elif kind == FLAG:
        low = text.lower()
        if low not in YES | NO:
            raise BadCell(what_zh=f"“{text}”应为 是 或 否", what_en=f"'{text}' must be yes or no")
        return low in YES
    else:
        if kind == CODE and looks_like_formula(text):
            raise BadCell(what_zh=f"“{text[:40]}”像是电子表格公式，已拒绝（编码不能以 = + - @ 开头）",
                          what_en=f"'{text[:40]}' looks like a spreadsheet formula and was "
                          "refused (codes cannot start with = + - @)")
        if kind == CODE and len(text) > 40:
            raise BadCell(what_zh="编码超过 40 个字符", what_en="the code is longer than 40 characters")
        return text
    if value < 0:
        raise BadCell(what_zh="不能为负数", what_en="must not be negative")
    return value
