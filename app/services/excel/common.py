"""What every importer shares: the result, refusing with a marked copy, the audit entry."""
from __future__ import annotations

from dataclasses import dataclass, field
from sqlalchemy.orm import Session

from app.domain.money import format_money, format_quantity
from app.persistence.store import LocalStore
from app.services.records import Actor, write_audit, write_outbox

from .marks import ImportRejected, Marks, write_marked_copy
from .table import Table

MAX_LINES = 10_000  # lines per document (the document format's limit)


@dataclass(frozen=True)
class ExcelImportResult:
    kind: str
    file: str
    sha256: str
    rows: int
    documents: tuple[str, ...] = ()   # numbers (or ids of pending ones) of what was posted
    pending: int = 0                  # documents an approval rule holds
    replayed: int = 0                 # documents this file had already posted
    changed: int = 0                  # products changed (prices)
    detail: dict = field(default_factory=dict)

    def summary(self, lang: str = "zh_CN") -> str:
        zh = lang.startswith("zh")
        if self.kind == "prices":
            return (f"已导入 {self.rows} 行调价，改动 {self.changed} 个商品" if zh else
                    f"Imported {self.rows} price rows; {self.changed} products changed")
        docs = ", ".join(self.documents[:5]) + (" …" if len(self.documents) > 5 else "")
        text = (f"已导入 {self.rows} 行，{len(self.documents)} 张单据：{docs}" if zh else
                f"Imported {self.rows} rows as {len(self.documents)} document(s): {docs}")
        if self.pending:
            text += f"；{self.pending} 张等待审批" if zh else f"; {self.pending} waiting for approval"
        if self.replayed:
            text += (f"；{self.replayed} 张以前已导入，未重复记账" if zh else
                     f"; {self.replayed} already imported before, not booked twice")
        return text


class Refused(Exception):
    """Raised inside the unit of work (which rolls back); the caller then writes the
    marked copy outside the write lock and raises `rejected(table)`."""


def rejected(table: Table, marks: Marks | None = None) -> ImportRejected:
    """The refusal of `table`, with its marked copy written beside the file."""
    marks = marks or table.marks
    try:
        marked = write_marked_copy(table.path, table.data, table.file_kind, table.raw,
                                   table.index, marks, header_row=table.header_row)
    except OSError:
        marked = None  # a read-only folder: the message still lists the problems
    return ImportRejected(table.name, marks, marked)


def audit_import(s: Session, store: LocalStore, actor: Actor, now, result: ExcelImportResult) -> None:
    detail = {"kind": result.kind, "file": result.file[:80], "sha256": result.sha256,
              "rows": result.rows, "documents": list(result.documents[:50]),
              "changed": result.changed}
    write_audit(s, store, actor, now, "excel.import", result.file[:80], detail)
    if result.kind == "prices":
        write_outbox(s, store, now, "catalog.prices_imported", {**detail, **result.detail})


def chunked(items: list, size: int = MAX_LINES) -> list[list]:
    return [items[i:i + size] for i in range(0, len(items), size)] or [[]]


def money_text(fen: int) -> str:
    return format_money(fen)


def qty_text(milli: int) -> str:
    return format_quantity(milli)
