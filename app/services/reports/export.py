"""One entry point for every export format: a report in, the file's bytes out."""
from __future__ import annotations

from app.domain.report_model import ReportResult
from app.services.reports.errors import BadExportFormat

FILE_FORMATS = ("pdf", "xlsx", "csv", "json")
STREAM_FORMATS = ("table", "csv", "json")  # what can go to standard output


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
