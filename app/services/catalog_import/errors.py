"""Why an import wrote nothing: the file could not be read, or some of its rows are wrong."""
from __future__ import annotations

from app.domain.errors import DomainError
from app.domain.product_rows import RowError


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
        self.labels = labels
        self.every: list[RowError] = list(problems)  # up to MAX_MARKED, for a marked copy
        self.index: dict[str, int] = {}  # column -> cell index in the file
        self.header_row = 1

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


def unreadable(name: str, zh: str, en: str) -> UnreadableImportFile:
    return UnreadableImportFile(name=name, reason_zh=zh, reason_en=en)
