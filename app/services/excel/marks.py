"""Problems found in an import file, the error that refuses it, and the marked copy.

Every problem names a row of the sheet (as Excel numbers it) and a column key ("" for the
row as a whole). When a file is refused, `write_marked_copy` writes a copy beside it: each
bad cell filled red with a comment that explains it, and an "错误 Errors" column at the end
of each bad row. The user's own cells are copied as they are; text from a CSV file goes in
as text, so nothing in the copy can run as a formula.
"""
from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path

from app.domain.errors import DomainError

from .safety import put_text

MAX_LISTED = 10        # problems quoted in the error message
MAX_MARKED = 100_000   # problems kept for the marked copy
BAD_FILL = "FFC7CE"
ERRORS_HEADER = "错误 Errors"


@dataclass(frozen=True, slots=True)
class Mark:
    row: int
    column: str  # a column key, or "" for the whole row
    zh: str
    en: str


@dataclass
class Marks:
    labels: dict[str, str] = field(default_factory=dict)  # column key -> header text
    items: list[Mark] = field(default_factory=list)
    count: int = 0
    bad: set = field(default_factory=set)  # (row, column) already marked

    def add(self, row: int, column: str, zh: str, en: str) -> None:
        self.count += 1
        self.bad.add((row, column))
        if len(self.items) < MAX_MARKED:
            self.items.append(Mark(row, column, zh, en))

    def add_error(self, row: int, column: str, exc: DomainError) -> None:
        self.add(row, column, exc.message("zh_CN"), exc.message("en"))

    def sorted(self) -> list[Mark]:
        return sorted(self.items, key=lambda m: (m.row, m.column))

    def label(self, column: str) -> str:
        return " ".join(self.labels.get(column, column).split())


class ImportRejected(DomainError):
    """The file was refused; nothing was written. `marked` is the copy with the marks."""

    code = "import_rejected"
    zh = ("没有导入任何{what}：文件 {name} 中有 {count} 处问题，请改正后重新导入。{listed_zh}"
          "{marked_zh}")
    en = ("Nothing was imported: {name} has {count} problem(s); fix them and import again. "
          "{listed_en}{marked_en}")

    def __init__(self, name: str, marks: Marks, marked: Path | None, what: str = "数据") -> None:
        self.marks = marks
        self.marked = marked
        self.count = marks.count
        first = marks.sorted()[:MAX_LISTED]
        zh = "；".join(f"第 {m.row} 行" + (f"“{marks.label(m.column)}”" if m.column else "")
                      + f"：{m.zh.rstrip('。.')}" for m in first)
        en = "; ".join(f"row {m.row}" + (f", {marks.label(m.column)}" if m.column else "")
                       + f": {m.en.rstrip('.')}" for m in first)
        more = marks.count - len(first)
        super().__init__(
            name=name, count=marks.count, what=what,
            listed_zh=zh + (f"（另有 {more} 处未列出）" if more else "") + "。",
            listed_en=en + (f" ({more} more not listed)" if more else "") + ".",
            marked_zh=f"已生成标出错误的副本：{marked}" if marked else "",
            marked_en=f" The marked copy: {marked}" if marked else "")


def marked_path(source: Path) -> Path:
    """`goods.xlsx` -> `goods.errors.xlsx` beside it (`goods.errors-2.xlsx` if taken)."""
    base = source.with_name(f"{source.stem}.errors.xlsx")
    n = 1
    while base.exists():
        n += 1
        base = source.with_name(f"{source.stem}.errors-{n}.xlsx")
    return base


def write_marked_copy(source: Path, data: bytes, kind: str, rows: list[list[str]] | None,
                      index: dict[str, int], marks: Marks, out: Path | None = None,
                      header_row: int = 1) -> Path:
    """Write the marked copy of `source` (its bytes `data`; `kind` "xlsx" or "csv", and
    for CSV the rows already read) and return its path."""
    from openpyxl import Workbook, load_workbook

    if kind == "xlsx":
        wb = load_workbook(io.BytesIO(data))
        ws = wb.worksheets[0]
        wb.active = 0
    else:
        wb = Workbook()
        ws = wb.active
        ws.title = "数据 Data"
        for r, cells in enumerate(rows or [], 1):
            for c, text in enumerate(cells, 1):
                if text != "":
                    put_text(ws.cell(r, c), text)
    _mark(ws, index, marks, header_row)
    path = out or marked_path(source)
    wb.save(path)
    return path


def _mark(ws, index: dict[str, int], marks: Marks, header_row: int) -> None:
    from openpyxl.comments import Comment
    from openpyxl.styles import Font, PatternFill

    fill = PatternFill("solid", fgColor=BAD_FILL)
    by_row: dict[int, list[Mark]] = {}
    for mark in marks.sorted():
        by_row.setdefault(mark.row, []).append(mark)
    errors_col = ws.max_column + 1
    head = ws.cell(header_row, errors_col, ERRORS_HEADER)
    head.font = Font(bold=True, color="9C0006")
    for row, found in by_row.items():
        cells: dict[int, list[Mark]] = {}
        for mark in found:
            if mark.column in index:
                cells.setdefault(index[mark.column] + 1, []).append(mark)
        for col, on_cell in cells.items():
            cell = ws.cell(row, col)
            cell.fill = fill
            text = "\n".join(f"{m.zh}\n{m.en}" for m in on_cell)
            cell.comment = Comment(text[:30000], "JXC", width=320, height=140)
        summary = "；".join((f"{marks.label(m.column)}: " if m.column else "") + f"{m.zh} / {m.en}"
                           for m in found)
        target = ws.cell(row, errors_col)
        if row == header_row:  # a problem of the header itself: beside the column title
            target = ws.cell(row, errors_col + 1)
        put_text(target, summary[:32000])
        target.fill = fill
