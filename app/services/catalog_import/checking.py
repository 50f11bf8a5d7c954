"""Checking the rows of a file, before any look at the database: the header, every row's
cells (`app.domain.product_rows`) and the keys that must be unique within the file."""
from __future__ import annotations

from dataclasses import replace
from typing import Iterator, Sequence

from app.domain.product_rows import (HEADER_ALIASES, HeaderMap, RowError, check_unique,
                                     normalize_header, read_header, row_keys, validate_row)

from .custom import check_cells, custom_columns
from .errors import unreadable
from .reading import Line
from .results import ParsedFile


def check_rows(name: str, sha256: str, lines: Iterator[Line], strict_width: bool,
               max_rows: int, custom_defs: Sequence = ()) -> ParsedFile:
    header: HeaderMap | None = None
    parsed: ParsedFile | None = None
    for number, cells, cell_problems in lines:
        if not any(c.strip() for c in cells):
            continue
        if header is None:
            header = read_header(bilingual(cells))
            custom = custom_columns(cells, set(header.columns), custom_defs)
            named = {cells[i].strip() for i in custom}
            header = replace(header, ignored=tuple(t for t in header.ignored if t not in named))
            parsed = ParsedFile(name, sha256, header, header_row=number, custom_columns=custom)
            continue
        assert parsed is not None
        parsed.row_count += 1
        if parsed.row_count > max_rows:
            raise unreadable(name, f"超过 {max_rows:,} 行商品的上限，请分成几个文件导入",
                             f"it has more than {max_rows:,} product rows; split it into "
                             "several files")
        _check_line(parsed, header, number, cells, cell_problems, strict_width)
    if parsed is None or header is None:
        raise unreadable(name, "文件是空的，第一行应是表头", "the file is empty; its first row "
                         "must be the header")
    if parsed.row_count == 0:
        raise unreadable(name, "表头下面没有商品行", "there are no product rows below the header")
    keyed = sorted([*parsed.rows, *parsed.rejected], key=lambda k: k.row)
    for error in check_unique(keyed):
        parsed.problems.add(error)
    return parsed


def bilingual(cells: Sequence[str]) -> list[str]:
    """Header cells as the templates write them, "零售价\nRetail price": each becomes the
    line that names a known column (a one-line header is left as it is)."""
    out = []
    for cell in cells:
        text = cell or ""
        if "\n" in text.strip():
            text = next((part for part in text.splitlines()
                         if normalize_header(part) in HEADER_ALIASES), text)
        out.append(text)
    return out


def _check_line(parsed: ParsedFile, header: HeaderMap, number: int, cells: Sequence[str],
                cell_problems: list, strict_width: bool) -> None:
    width = len(cells)
    values = {column: (cells[i] if i < width else "") for i, column in header.columns.items()}
    broken = _add_cell_problems(parsed, header, number, values, cell_problems)
    if strict_width and width > header.width and any(c.strip() for c in cells[header.width:]):
        parsed.problems.add(RowError(
            number, "", f"这一行有 {width} 格，表头只有 {header.width} 列"
            "（可能是商品名称等文字里有未加引号的逗号）",
            f"the row has {width} cells but the header only {header.width} columns "
            "(an unquoted comma inside a name, perhaps)"))
        parsed.rejected.append(row_keys(number, {"sku": values.get("sku")}))
        return  # its cells are shifted: what they would say is noise
    result = validate_row(number, values)
    if isinstance(result, list):
        for error in result:
            if error.column not in broken:
                parsed.problems.add(error)
    custom, custom_errors = check_cells(number, cells, parsed.custom_columns)
    for error in custom_errors:
        parsed.problems.add(error)
    if custom:
        parsed.custom_values[number] = custom
    if isinstance(result, list) or broken or custom_errors:
        parsed.rejected.append(row_keys(number, values))
    else:
        parsed.rows.append(result)


def _add_cell_problems(parsed: ParsedFile, header: HeaderMap, number: int,
                       values: dict[str, str], cell_problems: list) -> set[str]:
    """Record the reader's problems (error values, uncalculated formulas) of the header's
    columns and blank those cells; returns the columns concerned."""
    broken = set()
    for index, zh, en in cell_problems:
        column = header.columns.get(index)
        if column is not None:
            broken.add(column)
            values[column] = ""
            parsed.problems.add(RowError(number, column, zh, en))
    return broken
