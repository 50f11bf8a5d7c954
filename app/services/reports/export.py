"""One entry point for every export format: a report in, the file's bytes out.

`export_file` is what screens and `jxc report --out` use: PDF and Excel files, which are
printed or handed on, are in the store's language (setting `store.language`); CSV, JSON
and the terminal's table, which are data for the reader, stay in the reader's language.
"""
from __future__ import annotations

from app.domain.permissions import check
from app.domain.report_model import ReportResult
from app.persistence.store import LocalStore
from app.persistence.uow import UnitOfWork
from app.services.records import LOCAL_OPERATOR, Actor
from app.services.reports.errors import BadExportFormat
from app.services.settings import print_language

FILE_FORMATS = ("pdf", "xlsx", "csv", "json")
STREAM_FORMATS = ("table", "csv", "json")  # what can go to standard output
PRINTED_FORMATS = ("pdf", "xlsx")  # in the store's language


def export_file(store: LocalStore, result: ReportResult, fmt: str, lang: str, *,
                actor: Actor = LOCAL_OPERATOR) -> bytes:
    """`result` (already run, and checked there) as `fmt`: pdf and xlsx in the store's
    language, the other formats in `lang`, the reader's."""
    check(actor.role, "reports.export.export_file")
    if fmt in PRINTED_FORMATS:
        with UnitOfWork(store.engine, write=False) as uow:
            lang = print_language(uow.session)
    return render(result, fmt, lang)


def render(result: ReportResult, fmt: str, lang: str) -> bytes:
    """pdf, xlsx: binary files; csv (UTF-8 with BOM), json, table: UTF-8 text."""
    if fmt == "pdf":
        from app.services.reports.pdf import to_pdf

        return to_pdf(result, lang)
    if fmt == "xlsx":
        from app.services.reports.xlsx import to_xlsx

        return to_xlsx(result, lang)
    from app.services.reports import text

    writers = {"csv": text.to_csv, "json": text.to_json, "table": text.to_table}
    if fmt not in writers:
        raise BadExportFormat(value=fmt, allowed=", ".join(FILE_FORMATS + ("table",)),
                              hint_zh="", hint_en="")
    return writers[fmt](result, lang).encode("utf-8")


def format_for(path_suffix: str) -> str | None:
    """The format a file name asks for: report.xlsx -> xlsx."""
    suffix = path_suffix.lower().lstrip(".")
    return suffix if suffix in FILE_FORMATS else None
