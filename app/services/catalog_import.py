"""Import products from a CSV or Excel (.xlsx) file: every row or none.

`import_products` reads the whole file and checks every row first (`app.domain.product_rows`
for the cells; then, inside the write transaction, what needs the database: suppliers,
categories, barcodes owned by other products). Any problem and nothing is written:
`ImportRefused` lists the first `MAX_LISTED` problems by row number and column. Otherwise,
in ONE unit of work: missing units, brands and categories are created, new SKUs are
inserted, existing SKUs updated (a re-import updates, it does not fail), with one audit
entry `catalog.import` and one outbox event `catalog.imported` (counts and the file's
sha256).

Existing products: a value given in the file replaces the stored one; an empty cell or an
absent column keeps it. Barcodes are added, never removed: the first barcode of the row
becomes the primary one, codes the product already had stay as secondary codes. A barcode
that belongs to another product is an error for that row. The costing method of a product
that already has stock moves cannot be changed by an import.

Files:

- CSV: UTF-8 with or without BOM, else GB18030/GBK (what Chinese Excel and WPS save), or
  UTF-16 with BOM ("Unicode text"); comma- or tab-separated (decided from the header row);
- XLSX/XLSM: the first worksheet, read with openpyxl in read-only mode. Numbers become
  decimal text as Excel shows them (15 significant digits, so 3.5 stays "3.5" and no float
  reaches the money code); percent-formatted cells become "13%"; dates become ISO dates.
  Formulas are read by their cached results; a formula Excel never calculated (no cached
  value) or an error value (#N/A, #DIV/0! ...) is an error for its row;
- the first non-empty row is the header; empty rows are skipped. Text starting with
  = + - @ is stored as written (an export must neutralise it for spreadsheets);
- at most `MAX_FILE_BYTES` and `MAX_ROWS` product rows.

The write lock is held from the first database check to the commit; at 100,000 rows that
is several seconds, during which other writers (a till) wait on the busy timeout.
"""
from __future__ import annotations

import math

import codecs
import csv
import gc
import hashlib
import heapq
import io
import re
import zipfile
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Iterator, Sequence

from sqlalchemy import Connection, bindparam, func, insert, select, update

from app.domain.errors import DomainError
from app.domain.permissions import MANAGERS, require
from app.domain.product_rows import (COLUMN_ZH, HeaderMap, ProductRow, RowError, RowKeys,
                                     check_unique, read_header, row_keys, validate_row)
from app.persistence.schema import (Brand, Category, Product, ProductBarcode, StockMove,
                                    Supplier, Unit)
from app.persistence.store import LocalStore
from app.persistence.uow import UnitOfWork
from app.services.pinyin import word_initials
from app.services.records import Actor, Clock, utc_now, write_audit, write_outbox

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_ROWS = 2_000_000
MAX_LISTED = 20
WRITE_CHUNK = 10_000
READ_CHUNK = 2000
DEFAULT_TAX_BP = 1300
WEIGHED_UNITS = {"kg", "斤", "公斤", "千克", "克", "g", "两"}
CSV_SUFFIXES = {".csv", ".txt", ".tsv"}
XLSX_SUFFIXES = {".xlsx", ".xlsm"}
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_FORMULA_TAG = re.compile(rb"<(?:\w+:)?f[\s>/]")

# Product columns an import writes or compares; the rest take fixed values for new rows.
COMPARED = ("name", "pinyin", "spec", "unit_id", "category_id", "brand_id", "supplier_id",
            "tax_rate_bp", "retail_price_fen", "member_price_fen", "wholesale_price_fen",
            "purchase_price_fen", "shelf_life_days", "min_stock_milli", "max_stock_milli",
            "costing")
NEW_ONLY = {"freight_fen": 0, "packaging_fen": 0, "storage_rate_bp": 0,
            "is_stock_tracked": True, "image_path": None, "active": True}
INSERT_COLUMNS = ("id", "sku", *COMPARED, *NEW_ONLY, "created_at")
_AT = {column: 2 + i for i, column in enumerate(COMPARED)}  # in (id, sku, *COMPARED) rows


class UnreadableImportFile(DomainError):
    code = "import_file_unreadable"
    zh = "无法导入文件 {name}：{reason_zh}。没有导入任何商品。"
    en = "Cannot import {name}: {reason_en}. Nothing was imported."


class ImportRefused(DomainError):
    """Rows with problems: nothing was written. `problems` holds the first ones, by row."""

    code = "import_refused"
    zh = "没有导入任何商品：文件 {name} 中有 {count} 处问题，请改正后重新导入。{problems_zh}{more_zh}"
    en = ("Nothing was imported: {name} has {count} problem(s); fix them and import again. "
          "{problems_en}{more_en}")

    def __init__(self, name: str, count: int, problems: list[RowError],
                 labels: dict[str, str]) -> None:
        self.problems = problems
        self.count = count

        def label(column: str) -> str:
            return labels.get(column, column)

        zh = "；".join(f"第 {p.row} 行" + (f"“{label(p.column)}”" if p.column else "")
                      + f"：{p.zh.rstrip('。.')}" for p in problems)
        en = "; ".join(f"row {p.row}" + (f", {label(p.column)}" if p.column else "")
                       + f": {p.en.rstrip('.')}" for p in problems)
        hidden = count - len(problems)
        super().__init__(name=name, count=count, problems_zh=zh + "。", problems_en=en + ".",
                         more_zh=f"（另有 {hidden} 处未列出）" if hidden else "",
                         more_en=f" ({hidden} more not listed)" if hidden else "")


def _unreadable(name: str, zh: str, en: str) -> UnreadableImportFile:
    return UnreadableImportFile(name=name, reason_zh=zh, reason_en=en)


@dataclass(frozen=True)
class ImportResult:
    file: str
    sha256: str
    rows: int
    created: int
    updated: int
    unchanged: int
    categories_created: int = 0
    brands_created: int = 0
    units_created: int = 0
    ignored_columns: tuple[str, ...] = ()

    def summary(self, lang: str = "zh_CN") -> str:
        if lang.startswith("zh"):
            return (f"已导入 {self.rows} 个商品：新建 {self.created} 个，更新 {self.updated} 个，"
                    f"未变 {self.unchanged} 个")
        return (f"Imported {self.rows} products: {self.created} created, {self.updated} updated, "
                f"{self.unchanged} unchanged")


class _Problems:
    """Counts every problem and keeps the first `limit` by row (a bounded max-heap)."""

    def __init__(self, limit: int = MAX_LISTED) -> None:
        self.limit = limit
        self.count = 0
        self._heap: list[tuple[int, int, RowError]] = []

    def add(self, error: RowError) -> None:
        self.count += 1
        item = (-error.row, -self.count, error)
        if len(self._heap) < self.limit:
            heapq.heappush(self._heap, item)
        elif item > self._heap[0]:
            heapq.heapreplace(self._heap, item)

    def first(self) -> list[RowError]:
        return [e for _, _, e in sorted(self._heap, reverse=True)]


@dataclass
class ParsedFile:
    """A file read and checked row by row, before any look at the database."""

    name: str
    sha256: str
    header: HeaderMap
    rows: list[ProductRow] = field(default_factory=list)
    rejected: list[RowKeys] = field(default_factory=list)  # keys of the rows with errors
    problems: _Problems = field(default_factory=_Problems)
    row_count: int = 0

    def refuse(self) -> ImportRefused:
        return ImportRefused(self.name, self.problems.count, self.problems.first(),
                             {c: self.header.label(c) for c in COLUMN_ZH})


# --- reading --------------------------------------------------------------------------------

def parse_product_file(path: Path) -> ParsedFile:
    """Read and check every row of a CSV or XLSX file (no database involved)."""
    name = path.name
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise _unreadable(name, f"文件打不开（{exc.strerror or exc}）",
                          f"the file cannot be opened ({exc.strerror or exc})") from None
    if size > MAX_FILE_BYTES:
        raise _unreadable(name, f"文件有 {size / 2**20:.1f} MB，超过 {MAX_FILE_BYTES // 2**20} MB 的上限，"
                          "请分成几个文件导入",
                          f"it is {size / 2**20:.1f} MB, over the {MAX_FILE_BYTES // 2**20} MB "
                          "limit; split it into several files")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise _unreadable(name, f"文件读不出来（{exc.strerror or exc}）",
                          f"the file cannot be read ({exc.strerror or exc})") from None
    kind = _kind(name, path.suffix.lower(), data)
    lines = _xlsx_rows(name, data) if kind == "xlsx" else _csv_rows(name, data)
    with closing(lines):  # an early error still closes the workbook
        return _check_rows(name, hashlib.sha256(data).hexdigest(), lines,
                           strict_width=kind == "csv")


def _kind(name: str, suffix: str, data: bytes) -> str:
    if data.startswith(_ZIP_MAGIC):
        if suffix in XLSX_SUFFIXES | CSV_SUFFIXES | {".xls"}:
            return "xlsx"  # an .xlsx saved under another name is still read as one
    elif data.startswith(_OLE_MAGIC) and suffix in XLSX_SUFFIXES | CSV_SUFFIXES | {".xls"}:
        raise _unreadable(name, "这是旧版 Excel 97-2003（.xls）文件，请在 Excel 或 WPS 中“另存为”"
                          ".xlsx 或 CSV 后再导入",
                          "it is an old Excel 97-2003 (.xls) workbook; open it in Excel or WPS "
                          "and save it as .xlsx or CSV")
    if suffix in XLSX_SUFFIXES or suffix == ".xls":
        raise _unreadable(name, "文件内容不是 Excel 工作簿（.xlsx），可能已损坏或只是改了扩展名",
                          "the content is not an Excel workbook (.xlsx); the file may be damaged "
                          "or merely renamed")
    if suffix in CSV_SUFFIXES:
        return "csv"
    raise _unreadable(name, "只能导入 CSV（.csv）或 Excel（.xlsx）文件",
                      "only CSV (.csv) and Excel (.xlsx) files can be imported")


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
    raise _unreadable(name, "不是文本文件，或编码既不是 UTF-8 也不是 GBK", "it is not a text file, "
                      "or its encoding is neither UTF-8 nor GBK (GB18030)")


def _csv_rows(name: str, data: bytes) -> Iterator[tuple[int, list[str], list]]:
    text = _decode(name, data)
    first = next((line for line in io.StringIO(text) if line.strip()), "")
    delimiter = "\t" if first.count("\t") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for number, cells in enumerate(reader, 1):
            yield number, cells, []
    except csv.Error as exc:
        raise _unreadable(name, f"CSV 格式错误（第 {reader.line_num} 行：{exc}）",
                          f"it is not valid CSV (line {reader.line_num}: {exc})") from None


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


def _xlsx_rows(name: str, data: bytes) -> Iterator[tuple[int, list[str], list]]:
    """(row number, cell texts, [(cell index, zh, en) problems]) of the first worksheet."""
    import openpyxl  # imported here: only Excel imports pay for it

    books = []
    try:
        books.append(openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True))
        if not books[0].worksheets:
            raise _unreadable(name, "工作簿里没有工作表", "the workbook has no worksheet")
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
            yield number, cells, problems
    except DomainError:
        raise
    except Exception as exc:  # zip, XML and openpyxl errors of a damaged or foreign file
        raise _unreadable(name, f"不是有效的 Excel 工作簿（{type(exc).__name__}），可能已损坏",
                          f"it is not a valid Excel workbook ({type(exc).__name__}); the file "
                          "may be damaged") from None
    finally:
        for book in books:
            book.close()


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


def _check_rows(name: str, sha256: str, lines: Iterator[tuple[int, list[str], list]],
                strict_width: bool) -> ParsedFile:
    header: HeaderMap | None = None
    parsed: ParsedFile | None = None
    for number, cells, cell_problems in lines:
        if not any(c.strip() for c in cells):
            continue
        if header is None:
            header = read_header(cells)
            parsed = ParsedFile(name, sha256, header)
            continue
        assert parsed is not None
        parsed.row_count += 1
        if parsed.row_count > MAX_ROWS:
            raise _unreadable(name, f"超过 {MAX_ROWS:,} 行商品的上限，请分成几个文件导入",
                              f"it has more than {MAX_ROWS:,} product rows; split it into "
                              "several files")
        _check_line(parsed, header, number, cells, cell_problems, strict_width)
    if parsed is None or header is None:
        raise _unreadable(name, "文件是空的，第一行应是表头", "the file is empty; its first row "
                          "must be the header")
    if parsed.row_count == 0:
        raise _unreadable(name, "表头下面没有商品行", "there are no product rows below the header")
    keyed = sorted([*parsed.rows, *parsed.rejected], key=lambda k: k.row)
    for error in check_unique(keyed):
        parsed.problems.add(error)
    return parsed


def _check_line(parsed: ParsedFile, header: HeaderMap, number: int, cells: Sequence[str],
                cell_problems: list, strict_width: bool) -> None:
    width = len(cells)
    values = {column: (cells[i] if i < width else "") for i, column in header.columns.items()}
    broken = set()
    for index, zh, en in cell_problems:
        column = header.columns.get(index)
        if column is not None:
            broken.add(column)
            values[column] = ""
            parsed.problems.add(RowError(number, column, zh, en))
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
    if isinstance(result, list) or broken:
        parsed.rejected.append(row_keys(number, values))
    else:
        parsed.rows.append(result)


# --- writing --------------------------------------------------------------------------------

def import_products(store: LocalStore, actor: Actor, path: Path, *,
                    clock: Clock = utc_now) -> ImportResult:
    """Import every row of the file or, on any problem, none (`ImportRefused`)."""
    require(actor.role, MANAGERS, "import products")
    with _gc_paused():  # hundreds of thousands of live rows make each collection slow
        parsed = parse_product_file(Path(path))  # before the write lock is taken
        with UnitOfWork(store.engine) as uow:
            s = uow.session
            plan = _Plan(s.connection(), parsed)
            plan.check()
            if parsed.problems.count:
                raise parsed.refuse()
            now = clock()
            counts = plan.write(now)
            result = ImportResult(file=parsed.name, sha256=parsed.sha256,
                                  rows=len(parsed.rows), ignored_columns=parsed.header.ignored,
                                  **counts)
            detail = {"file": parsed.name, "sha256": parsed.sha256, "rows": result.rows,
                      "created": result.created, "updated": result.updated,
                      "unchanged": result.unchanged,
                      "categories_created": result.categories_created,
                      "brands_created": result.brands_created,
                      "units_created": result.units_created}
            write_audit(s, store, actor, now, "catalog.import", parsed.name[:80], detail)
            write_outbox(s, store, now, "catalog.imported", detail)
            uow.commit()
    return result


@contextmanager
def _gc_paused() -> Iterator[None]:
    """No cyclic garbage collection while the import runs (it creates few cycles, and each
    full collection would walk every parsed row); restored afterwards, error or not."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _chunks(items: Sequence, size: int = READ_CHUNK) -> Iterator[Sequence]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def _pinyin(name: str) -> str:
    """`pinyin.initials(name)`, word by word through the cache (equal by its rule 2)."""
    return "".join(word_initials(word) for word in name.split())[:120]


def _next_id(conn: Connection, model) -> int:
    return (conn.scalar(select(func.max(model.id))) or 0) + 1


class _Plan:
    """The database side of one import: look-ups, checks, then the writes."""

    def __init__(self, conn: Connection, parsed: ParsedFile) -> None:
        self.conn = conn
        self.parsed = parsed
        rows = parsed.rows
        self.units = {n: i for i, n in conn.execute(select(Unit.id, Unit.name))}
        self.brands = {n: i for i, n in conn.execute(select(Brand.id, Brand.name))}
        self.suppliers: dict[str, int] = {}
        supplier_names: dict[str, list[int]] = {}
        for sid, code, sname in conn.execute(select(Supplier.id, Supplier.code, Supplier.name)):
            self.suppliers[code] = sid
            supplier_names.setdefault(sname, []).append(sid)
        for sname, ids in supplier_names.items():  # a unique name works as well as the code
            if len(ids) == 1:
                self.suppliers.setdefault(sname, ids[0])
        self.categories = list(conn.execute(
            select(Category.id, Category.parent_id, Category.code, Category.name)
            .order_by(Category.id)))
        keyed = [*rows, *parsed.rejected]
        self.existing: dict[str, tuple] = {}
        for chunk in _chunks([r.sku for r in keyed if r.sku]):
            for row in conn.execute(select(Product.id, Product.sku, *(
                    getattr(Product, c) for c in COMPARED)).where(Product.sku.in_(chunk))):
                self.existing[row[1]] = tuple(row)
        self.owners: dict[str, tuple[int, str, str]] = {}  # barcode -> (product id, sku, name)
        for chunk in _chunks([code for r in keyed for code in r.barcodes]):
            for code, pid, sku, pname in conn.execute(
                    select(ProductBarcode.barcode, ProductBarcode.product_id, Product.sku,
                           Product.name).join(Product)
                    .where(ProductBarcode.barcode.in_(chunk))):
                self.owners[code] = (pid, sku, pname)
        self.category_ids: dict[tuple[str, ...], int | None] = {}

    # categories: "饮料/碳酸饮料" is top level 饮料 and its child 碳酸饮料; one name is the
    # only category of that name, or a new top-level one.
    def _find_category(self, path: tuple[str, ...]) -> tuple[int | None, str | None]:
        """(id or None when it must be created, or an error text)."""
        if len(path) == 1:
            found = [c for c in self.categories if c.name == path[0]]
            if len(found) > 1:
                return None, "ambiguous"
            return (found[0].id if found else None), None
        top = next((c for c in self.categories if c.parent_id is None and c.name == path[0]),
                   None)
        if top is None:
            return None, None
        child = next((c for c in self.categories if c.parent_id == top.id and c.name == path[1]),
                     None)
        return (child.id if child else None), None

    def check(self) -> None:
        """Add what only the database can tell to the file's problems."""
        problems = self.parsed.problems
        costing_changes: dict[int, ProductRow] = {}
        costing_at = _AT["costing"]
        for keys in self.parsed.rejected:
            self._check_references(keys)
        for row in self.parsed.rows:
            old = self.existing.get(row.sku)
            self._check_references(row)
            if row.category and row.category not in self.category_ids:
                cid, error = self._find_category(row.category)
                if error:
                    name = row.category[0]
                    problems.add(RowError(row.row, "category",
                                          f"有多个名为“{name}”的分类，请写出完整路径，例如“饮料/{name}”",
                                          f"several categories are called '{name}'; write the "
                                          f"full path, e.g. '饮料/{name}'"))
                else:
                    self.category_ids[row.category] = cid
            if old is not None and row.costing is not None and row.costing != old[costing_at]:
                costing_changes[old[0]] = row
        moved = set()
        for chunk in _chunks(list(costing_changes)):
            moved.update(self.conn.scalars(select(StockMove.product_id).distinct()
                                           .where(StockMove.product_id.in_(chunk))))
        for pid in sorted(moved, key=lambda p: costing_changes[p].row):
            row = costing_changes[pid]
            old = self.existing[row.sku][costing_at]
            problems.add(RowError(row.row, "costing",
                                  f"商品已有出入库记录，成本方法不能从 {old} 改为 {row.costing}",
                                  f"the product already has stock moves; its costing cannot "
                                  f"change from {old} to {row.costing}"))

    def _check_references(self, row: ProductRow | RowKeys) -> None:
        """The supplier exists; no barcode belongs to another product."""
        problems = self.parsed.problems
        old = self.existing.get(row.sku)
        if row.supplier is not None and row.supplier not in self.suppliers:
            problems.add(RowError(row.row, "supplier",
                                  f"找不到供应商“{row.supplier}”，请填写已有供应商的编码，或先建立该供应商",
                                  f"there is no supplier '{row.supplier}'; give the code of an "
                                  "existing supplier, or create it first"))
        for code in row.barcodes:
            owner = self.owners.get(code)
            if owner is not None and (old is None or owner[0] != old[0]):
                problems.add(RowError(row.row, "barcode",
                                      f"条码“{code}”已属于另一个商品 {owner[1]}（{owner[2]}）",
                                      f"barcode '{code}' already belongs to another product, "
                                      f"{owner[1]} ({owner[2]})"))

    def _create_masters(self) -> dict[str, int]:
        rows = self.parsed.rows
        conn = self.conn
        new_units = sorted({r.unit for r in rows} - set(self.units))
        if new_units:
            first = _next_id(conn, Unit)
            values = [{"id": first + i, "name": n, "is_weighed": n.lower() in WEIGHED_UNITS}
                      for i, n in enumerate(new_units)]
            conn.execute(insert(Unit), values)
            self.units.update((v["name"], v["id"]) for v in values)
        new_brands = sorted({r.brand for r in rows if r.brand} - set(self.brands))
        if new_brands:
            first = _next_id(conn, Brand)
            values = [{"id": first + i, "name": n, "pinyin": _pinyin(n)[:64]}
                      for i, n in enumerate(new_brands)]
            conn.execute(insert(Brand), values)
            self.brands.update((v["name"], v["id"]) for v in values)
        return {"units_created": len(new_units), "brands_created": len(new_brands),
                "categories_created": self._create_categories()}

    def _create_categories(self) -> int:
        missing = [p for p, cid in self.category_ids.items() if cid is None]  # file order
        if not missing:
            return 0
        codes = {c.code for c in self.categories}
        tops = {c.name: (c.id, c.code) for c in reversed(self.categories) if c.parent_id is None}
        children: dict[int, int] = {}
        for c in self.categories:
            if c.parent_id is not None:
                children[c.parent_id] = children.get(c.parent_id, 0) + 1
        next_id = _next_id(self.conn, Category)
        values = []

        top_count = sum(1 for c in self.categories if c.parent_id is None)

        def add(parent: tuple[int, str] | None, name: str) -> tuple[int, str]:
            """A new category; codes follow the tree: top level "03", its children "0301"."""
            nonlocal next_id, top_count
            prefix = parent[1] if parent else ""
            n = (children.get(parent[0], 0) if parent else top_count) + 1
            code = f"{prefix}{n:02d}"
            while code in codes:
                n += 1
                code = f"{prefix}{n:02d}"
            if len(code) > 32:  # a deep user-made tree: fall back to the id
                code, k = f"C{next_id}", 0
                while code in codes:
                    k += 1
                    code = f"C{next_id}-{k}"
            codes.add(code)
            if parent:
                children[parent[0]] = n
            else:
                top_count = n
            values.append({"id": next_id, "parent_id": parent[0] if parent else None,
                           "code": code, "name": name})
            next_id += 1
            return next_id - 1, code

        for path in missing:
            top = tops.get(path[0])
            if top is None:
                top = tops[path[0]] = add(None, path[0])
            if len(path) == 1:
                self.category_ids[path] = top[0]
                continue
            self.category_ids[path] = add(top, path[1])[0]
        self.conn.execute(insert(Category), values)
        return len(values)

    def write(self, now: datetime) -> dict[str, int]:
        counts = self._create_masters()
        conn = self.conn
        barcodes: dict[int, dict[str, bool]] = {}
        existing_ids = [old[0] for old in self.existing.values()]
        for chunk in _chunks(existing_ids):
            for code, pid, primary in conn.execute(
                    select(ProductBarcode.barcode, ProductBarcode.product_id,
                           ProductBarcode.is_primary)
                    .where(ProductBarcode.product_id.in_(chunk))):
                barcodes.setdefault(pid, {})[code] = bool(primary)
        next_id = _next_id(conn, Product)
        fixed = tuple(NEW_ONLY.values())
        process = Product.__table__.c.created_at.type.bind_processor(conn.dialect)
        created_at = process(now) if process else now
        inserts, new_codes, demote, promote = [], [], [], []
        updates: dict[tuple[str, ...], list[tuple]] = {}  # changed columns -> (values..., id)
        created = updated = unchanged = 0
        for row in self.parsed.rows:
            old = self.existing.get(row.sku)
            values = self._values(row, old)
            if old is None:
                pid = next_id
                next_id += 1
                inserts.append((pid, row.sku, *values, *fixed, created_at))
                changed = True
                have: dict[str, bool] = {}
            else:
                pid = old[0]
                changed = values != old[2:]
                if changed:  # only the columns that change: fewer index entries to touch
                    diff = [(c, v) for c, v, o in zip(COMPARED, values, old[2:]) if v != o]
                    updates.setdefault(tuple(c for c, _ in diff), []).append(
                        (*(v for _, v in diff), pid))
                have = barcodes.get(pid, {})
            if row.barcodes:
                primary = row.barcodes[0]
                fresh = [c for c in row.barcodes if c not in have]
                primary_ok = have.get(primary) is True and sum(have.values()) == 1
                if have and not primary_ok:
                    demote.append({"b_pid": pid, "b_code": primary})
                    if primary in have:
                        promote.append({"b_code": primary})
                new_codes += [(c, pid, c == primary) for c in fresh]
                changed = changed or bool(fresh) or not primary_ok
            if old is None:
                created += 1
            elif changed:
                updated += 1
            else:
                unchanged += 1
        self._write(inserts, updates, new_codes, demote, promote)
        return {**counts, "created": created, "updated": updated, "unchanged": unchanged}

    def _values(self, row: ProductRow, old: tuple | None) -> tuple:
        """The COMPARED columns of the product after the import."""
        def keep(column: str, default):
            return old[_AT[column]] if old is not None else default

        def pick(value, column: str, default):
            return value if value is not None else keep(column, default)

        retail = row.retail_price_fen
        same_name = old is not None and old[2] == row.name
        return (row.name, old[3] if same_name else _pinyin(row.name),
                pick(row.spec, "spec", ""),
                self.units[row.unit],
                self.category_ids[row.category] if row.category else keep("category_id", None),
                self.brands[row.brand] if row.brand else keep("brand_id", None),
                self.suppliers[row.supplier] if row.supplier else keep("supplier_id", None),
                pick(row.tax_rate_bp, "tax_rate_bp", DEFAULT_TAX_BP),
                retail,
                pick(row.member_price_fen, "member_price_fen", retail),
                pick(row.wholesale_price_fen, "wholesale_price_fen", retail),
                pick(row.purchase_price_fen, "purchase_price_fen", 0),
                pick(row.shelf_life_days, "shelf_life_days", None),
                pick(row.min_stock_milli, "min_stock_milli", 0),
                pick(row.max_stock_milli, "max_stock_milli", 0),
                pick(row.costing, "costing", "fifo"))

    def _write(self, inserts: list, updates: dict, new_codes: list, demote: list,
               promote: list) -> None:
        conn = self.conn
        products, codes = Product.__table__, ProductBarcode.__table__
        missing = {c.name for c in products.columns} - set(INSERT_COLUMNS)
        if missing:  # the schema grew: the import must learn the new columns
            raise RuntimeError(f"catalog import lacks product columns {sorted(missing)}")
        _insert_rows(conn, "products", INSERT_COLUMNS, inserts)
        _insert_rows(conn, "product_barcodes", ("barcode", "product_id", "is_primary"), new_codes)
        for columns, rows in updates.items():
            sql = f"UPDATE products SET {', '.join(f'{c} = ?' for c in columns)} WHERE id = ?"
            for chunk in _chunks(rows, WRITE_CHUNK):
                conn.exec_driver_sql(sql, chunk)
        if demote:
            conn.execute(update(codes).where(codes.c.product_id == bindparam("b_pid"),
                                             codes.c.barcode != bindparam("b_code"))
                         .values(is_primary=False), demote)
        if promote:
            conn.execute(update(codes).where(codes.c.barcode == bindparam("b_code"))
                         .values(is_primary=True), promote)


def _insert_rows(conn: Connection, table: str, columns: Sequence[str],
                 rows: list[tuple]) -> None:
    """executemany straight through the driver, in chunks (as the demo generator does:
    SQLAlchemy's per-row parameter processing costs a third of the time at this size)."""
    sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
    for chunk in _chunks(rows, WRITE_CHUNK):
        conn.exec_driver_sql(sql, chunk)
