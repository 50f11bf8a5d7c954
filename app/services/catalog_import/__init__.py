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
- the first non-empty row is the header (the templates of `app.services.excel` write each
  header cell as "中文\nEnglish": either line may name the column); empty rows are skipped. Text starting with
  = + - @ is stored as written (an export must neutralise it for spreadsheets);
- at most `MAX_FILE_BYTES` and `MAX_ROWS` product rows.

Custom product fields (`custom`): a column per active product field, its cells checked with
the field's rules and written with the products, in the same transaction.

The write lock is held from the first database check to the commit; at 100,000 rows that
is several seconds, during which other writers (a till) wait on the busy timeout.

Modules: `reading` (bytes to rows of cell texts), `checking` (the rows against
`app.domain.product_rows`), `lookups` (what the database holds, and its checks), `writing`
(the inserts and updates), `errors` and `results`.
"""
from __future__ import annotations

import gc
import hashlib
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Callable, Iterator, Sequence

from app.domain.permissions import MANAGERS, require
from app.persistence.store import LocalStore
from app.persistence.uow import UnitOfWork
from app.services.custom_fields import field_defs, fields_by_key
from app.services.records import Actor, Clock, utc_now, write_audit, write_outbox

from .checking import check_rows
from .custom import missing_required, write_values
from .errors import ImportRefused, UnreadableImportFile
from .reading import CSV_SUFFIXES, XLSX_SUFFIXES, csv_rows, file_kind, read_bytes, xlsx_rows
from .results import MAX_LISTED, ImportResult, ParsedFile
from .writing import ImportPlan

__all__ = ["CSV_SUFFIXES", "MAX_FILE_BYTES", "MAX_LISTED", "MAX_ROWS", "XLSX_SUFFIXES",
           "ImportRefused", "ImportResult", "ParsedFile", "UnreadableImportFile",
           "import_products", "parse_product_file"]

# Read here at each call, so that a test may lower them on this module.
MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_ROWS = 2_000_000


Progress = Callable[[str, int, int], None]  # (stage, done, total); total 0: unknown
PROGRESS_EVERY = 1000


def parse_product_file(path: Path, progress: Progress | None = None,
                       custom_defs: Sequence = ()) -> ParsedFile:
    """Read and check every row of a CSV or XLSX file (no database involved; the product
    custom fields a column may name are given)."""
    name = path.name
    data = read_bytes(path, MAX_FILE_BYTES)
    kind = file_kind(name, path.suffix.lower(), data)
    lines = xlsx_rows(name, data) if kind == "xlsx" else csv_rows(name, data)
    with closing(lines):  # an early error still closes the workbook
        counted = _counted(lines, progress) if progress else lines
        return check_rows(name, hashlib.sha256(data).hexdigest(), counted,
                          strict_width=kind == "csv", max_rows=MAX_ROWS,
                          custom_defs=custom_defs)


def _counted(lines: Iterator, progress: Progress) -> Iterator:
    for n, line in enumerate(lines, 1):
        if n % PROGRESS_EVERY == 0:
            progress("read", n, 0)
        yield line


def import_products(store: LocalStore, actor: Actor, path: Path, *,
                    clock: Clock = utc_now, progress: Progress | None = None) -> ImportResult:
    """Import every row of the file or, on any problem, none (`ImportRefused`, whose
    `every`, `index` and `header_row` let a caller mark the file's bad cells)."""
    require(actor.role, MANAGERS, "import products")
    with _gc_paused():  # hundreds of thousands of live rows make each collection slow
        with UnitOfWork(store.engine, write=False) as uow:
            defs = field_defs(uow.session, "product")
        parsed = parse_product_file(Path(path), progress, defs)  # before the write lock
        with UnitOfWork(store.engine) as uow:
            s = uow.session
            plan = ImportPlan(s.connection(), parsed)
            if progress:
                progress("check", 0, 0)
            plan.check()
            for error in missing_required(parsed.rows, parsed.custom_values, plan.existing,
                                          defs):
                parsed.problems.add(error)
            if parsed.problems.count:
                raise parsed.refuse()
            if progress:
                progress("write", 0, 0)
            now = clock()
            counts = plan.write(now)
            ids = {key: row_id for key, (row_id, _) in fields_by_key(s, "product").items()}
            custom = write_values(s.connection(), parsed.rows, parsed.custom_values, ids)
            result = ImportResult(file=parsed.name, sha256=parsed.sha256,
                                  rows=len(parsed.rows), ignored_columns=parsed.header.ignored,
                                  custom_values=custom, **counts)
            detail = _audit_detail(result)
            write_audit(s, store, actor, now, "catalog.import", parsed.name[:80], detail)
            write_outbox(s, store, now, "catalog.imported", detail)
            uow.commit()
    return result


def _audit_detail(result: ImportResult) -> dict:
    """What the audit entry and the outbox event record of an import."""
    return {"file": result.file, "sha256": result.sha256, "rows": result.rows,
            "created": result.created, "updated": result.updated,
            "unchanged": result.unchanged,
            "categories_created": result.categories_created,
            "brands_created": result.brands_created,
            "units_created": result.units_created,
            **({"custom_values": result.custom_values} if result.custom_values else {})}


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
