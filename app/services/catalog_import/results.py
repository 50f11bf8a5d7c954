"""What an import produces: the checked file (`ParsedFile`) and the outcome (`ImportResult`)."""
from __future__ import annotations

import heapq
from dataclasses import dataclass, field

from app.domain.product_rows import COLUMN_ZH, HeaderMap, ProductRow, RowError, RowKeys

from .errors import ImportRefused

MAX_LISTED = 20


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
    custom_values: int = 0  # custom field values written

    def summary(self, lang: str = "zh_CN") -> str:
        if lang.startswith("zh"):
            return (f"已导入 {self.rows} 个商品：新建 {self.created} 个，更新 {self.updated} 个，"
                    f"未变 {self.unchanged} 个")
        return (f"Imported {self.rows} products: {self.created} created, {self.updated} updated, "
                f"{self.unchanged} unchanged")


MAX_MARKED = 100_000  # problems kept for the marked copy of a refused file


class Problems:
    """Counts every problem, keeps the first `limit` by row (a bounded max-heap) for the
    message and up to `MAX_MARKED` in file order for the marked copy."""

    def __init__(self, limit: int = MAX_LISTED) -> None:
        self.limit = limit
        self.count = 0
        self._heap: list[tuple[int, int, RowError]] = []
        self.kept: list[RowError] = []

    def add(self, error: RowError) -> None:
        self.count += 1
        if len(self.kept) < MAX_MARKED:
            self.kept.append(error)
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
    problems: Problems = field(default_factory=Problems)
    row_count: int = 0

    header_row: int = 1
    custom_columns: dict = field(default_factory=dict)  # cell index -> custom FieldDef
    custom_values: dict = field(default_factory=dict)   # row number -> {key: value}

    def refuse(self) -> ImportRefused:
        custom = {f"custom:{fd.key}": (i, fd.label_zh) for i, fd in self.custom_columns.items()}
        refused = ImportRefused(self.name, self.problems.count, self.problems.first(),
                                {**{c: self.header.label(c) for c in COLUMN_ZH},
                                 **{c: label for c, (_, label) in custom.items()}})
        refused.every = list(self.problems.kept)
        refused.index = {column: i for i, column in self.header.columns.items()}
        refused.index.update({c: i for c, (i, _) in custom.items()})
        refused.header_row = self.header_row
        return refused
