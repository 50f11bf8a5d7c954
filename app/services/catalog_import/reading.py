"""Reading an import file into rows of cell texts: CSV (encoding and delimiter detected) or
the first worksheet of an XLSX workbook (cells turned into the text Excel shows).

Each reader yields (row number, cell texts, [(cell index, zh, en) problems]); the checks of
what the texts say are in `checking`.
"""
from __future__ import annotations

import codecs
import csv
import io
import math
import re
import zipfile
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Iterator

from app.domain.errors import DomainError

from .errors import unreadable

CSV_SUFFIXES = {".csv", ".txt", ".tsv"}
XLSX_SUFFIXES = {".xlsx", ".xlsm"}
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_FORMULA_TAG = re.compile(rb"<(?:\w+:)?f[\s>/]")

Line = tuple[int, list[str], list]


def read_bytes(path: Path, max_bytes: int) -> bytes:
    """The whole file, refused when it is larger than `max_bytes`."""
    name = path.name
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise unreadable(name, f"文件打不开（{exc.strerror or exc}）",
                         f"the file cannot be opened ({exc.strerror or exc})") from None
    if size > max_bytes:
        raise unreadable(name, f"文件有 {size / 2**20:.1f} MB，超过 {max_bytes // 2**20} MB 的上限，"
                         "请分成几个文件导入",
                         f"it is {size / 2**20:.1f} MB, over the {max_bytes // 2**20} MB "
                         "limit; split it into several files")
    try:
        return path.read_bytes()
    except OSError as exc:
        raise unreadable(name, f"文件读不出来（{exc.strerror or exc}）",
                         f"the file cannot be read ({exc.strerror or exc})") from None


def file_kind(name: str, suffix: str, data: bytes) -> str:
    """How to read the file, "xlsx" or "csv": by its content first, its suffix second."""
    if data.startswith(_ZIP_MAGIC):
        if suffix in XLSX_SUFFIXES | CSV_SUFFIXES | {".xls"}:
            return "xlsx"  # an .xlsx saved under another name is still read as one
    elif data.startswith(_OLE_MAGIC) and suffix in XLSX_SUFFIXES | CSV_SUFFIXES | {".xls"}:
        raise unreadable(name, "这是旧版 Excel 97-2003（.xls）文件，请在 Excel 或 WPS 中“另存为”"
                         ".xlsx 或 CSV 后再导入",
                         "it is an old Excel 97-2003 (.xls) workbook; open it in Excel or WPS "
                         "and save it as .xlsx or CSV")
    if suffix in XLSX_SUFFIXES or suffix == ".xls":
        raise unreadable(name, "文件内容不是 Excel 工作簿（.xlsx），可能已损坏或只是改了扩展名",
                         "the content is not an Excel workbook (.xlsx); the file may be damaged "
                         "or merely renamed")
    if suffix in CSV_SUFFIXES:
        return "csv"
    raise unreadable(name, "只能导入 CSV（.csv）或 Excel（.xlsx）文件",
                     "only CSV (.csv) and Excel (.xlsx) files can be imported")


# --- CSV ------------------------------------------------------------------------------------

def _decode(name: str, data: bytes) -> str:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    elif b"\x00" not in data[:65536]:
        for encoding in ("utf-8-sig", "gb18030"):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                continue
    raise unreadable(name, "不是文本文件，或编码既不是 UTF-8 也不是 GBK", "it is not a text file, "
                     "or its encoding is neither UTF-8 nor GBK (GB18030)")


def csv_rows(name: str, data: bytes) -> Iterator[Line]:
    text = _decode(name, data)
    first = next((line for line in io.StringIO(text) if line.strip()), "")
    delimiter = "\t" if first.count("\t") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for number, cells in enumerate(reader, 1):
            yield number, cells, []
    except csv.Error as exc:
        raise unreadable(name, f"CSV 格式错误（第 {reader.line_num} 行：{exc}）",
                         f"it is not valid CSV (line {reader.line_num}: {exc})") from None


# --- XLSX -----------------------------------------------------------------------------------

def _has_formulas(data: bytes) -> bool:
    """Whether any worksheet of the workbook holds a formula (decides the slower read)."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for info in z.infolist():
            if not (info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml")):
                continue
            tail = b""
            with z.open(info) as f:
                while chunk := f.read(1 << 20):
                    if _FORMULA_TAG.search(tail + chunk):
                        return True
                    tail = chunk[-16:]
    return False


def xlsx_rows(name: str, data: bytes) -> Iterator[Line]:
    """(row number, cell texts, [(cell index, zh, en) problems]) of the first worksheet."""
    import openpyxl  # imported here: only Excel imports pay for it

    books = []
    try:
        books.append(openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True))
        if not books[0].worksheets:
            raise unreadable(name, "工作簿里没有工作表", "the workbook has no worksheet")
        if _has_formulas(data):  # a second reading tells formulas apart from empty cells
            books.append(openpyxl.load_workbook(io.BytesIO(data), read_only=True,
                                                data_only=False))
        sheets = [book.worksheets[0] for book in books]
        for sheet in sheets:
            sheet.reset_dimensions()  # trust the cells, not a possibly wrong <dimension>
        values = sheets[0].iter_rows()
        formulas = sheets[1].iter_rows() if len(sheets) > 1 else None
        for number, row in enumerate(values, 1):
            formula_row = next(formulas, ()) if formulas is not None else ()
            cells, problems = _row_texts(row, formula_row)
            yield number, cells, problems
    except DomainError:
        raise
    except Exception as exc:  # zip, XML and openpyxl errors of a damaged or foreign file
        raise unreadable(name, f"不是有效的 Excel 工作簿（{type(exc).__name__}），可能已损坏",
                         f"it is not a valid Excel workbook ({type(exc).__name__}); the file "
                         "may be damaged") from None
    finally:
        for book in books:
            book.close()


def _row_texts(row, formula_row) -> tuple[list[str], list]:
    """The texts of one worksheet row and the problems of its cells."""
    cells, problems = [], []
    for index, cell in enumerate(row):
        value = cell.value
        if type(value) is str and cell.data_type != "e":  # most cells: plain text
            cells.append(value)
            continue
        text, problem = _cell_text(cell)
        if problem is None and value is None and index < len(formula_row) \
                and formula_row[index].data_type == "f":
            problem = ("公式没有计算结果，请在 Excel 中打开并保存一次，或把公式换成数值",
                       "the formula has no calculated value; open and save the file in "
                       "Excel, or replace the formula by its value")
        cells.append(text)
        if problem is not None:
            problems.append((index, *problem))
    return cells, problems


def _number_text(value: int | float) -> str:
    if isinstance(value, int):
        return str(value)
    if not math.isfinite(value):
        return str(value)
    # Excel keeps 15 significant digits: 3.5 -> "3.5", 13.200000000000001 -> "13.2".
    return format(Decimal(format(value, ".15g")).normalize(), "f")


def _cell_text(cell) -> tuple[str, tuple[str, str] | None]:
    value = cell.value
    if value is None:
        return "", None
    if cell.data_type == "e":
        return "", (f"单元格是错误值 {value}，请改正公式或数据", f"the cell holds the error value {value}")
    if isinstance(value, bool):
        return ("TRUE" if value else "FALSE"), None
    if isinstance(value, (int, float)):
        text = _number_text(value)
        if "%" in (cell.number_format or ""):
            percent = Decimal(text) * 100
            text = format(percent.normalize(), "f") + "%"
        return text, None
    if isinstance(value, datetime):
        return (value.date().isoformat() if value.time() == time() else value.isoformat(" ")), None
    if isinstance(value, (date, time, timedelta)):
        return str(value), None
    return str(value), None
