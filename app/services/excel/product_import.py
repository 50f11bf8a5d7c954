"""Products from a file: `catalog_import.import_products` (every row or none), plus the
marked copy of a refused file, so the four Excel imports behave alike."""
from __future__ import annotations

from pathlib import Path

from app.domain.errors import DomainError
from app.domain.permissions import check
from app.domain.product_rows import COLUMN_ZH, DuplicateColumn, MissingColumns
from app.persistence.store import LocalStore
from app.services import catalog_import
from app.services.catalog_import import ImportRefused, ImportResult, reading
from app.services.records import Actor, Clock, utc_now

from .marks import ImportRejected, Marks, write_marked_copy
from .table import Progress


def import_products(store: LocalStore, actor: Actor, path: Path, *,
                    progress: Progress | None = None, clock: Clock = utc_now) -> ImportResult:
    check(actor.role, "excel.product_import.import_products")
    path = Path(path)
    try:
        return catalog_import.import_products(store, actor, path, clock=clock, progress=progress)
    except ImportRefused as refused:
        marks = _marks()
        marks.labels.update(refused.labels)
        for p in refused.every:
            marks.add(p.row, p.column, p.zh, p.en)
        raise _rejected(path, marks, refused.index, refused.header_row) from None
    except (MissingColumns, DuplicateColumn) as exc:
        marks = _marks()
        marks.add_error(1, "", exc)
        raise _rejected(path, marks, {}, 1) from None


def _marks() -> Marks:
    return Marks(labels={k: f"{zh} {k}" for k, zh in COLUMN_ZH.items()})


def _rejected(path: Path, marks: Marks, index: dict[str, int], header_row: int) -> ImportRejected:
    data = reading.read_bytes(path, catalog_import.MAX_FILE_BYTES)
    kind = reading.file_kind(path.name, path.suffix.lower(), data)
    rows = [cells for _, cells, _ in reading.csv_rows(path.name, data)] if kind == "csv" else None
    try:
        marked = write_marked_copy(path, data, kind, rows, index, marks, header_row=header_row)
    except (OSError, DomainError):
        marked = None
    return ImportRejected(path.name, marks, marked, what="商品")
