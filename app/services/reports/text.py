"""Reports as text: CSV (UTF-8 with a BOM, so Excel opens Chinese correctly), JSON, and an
aligned table for the terminal.

Amounts are decimal strings ("12.50"), as everywhere in JXC's files; CSV and JSON keep the
storage precision, never a float.
"""
from __future__ import annotations

import csv
import io
import json
import unicodedata

from app.domain.report_model import FLAG, INT, Column, ReportResult, cell_text

BOM = "\ufeff"


def to_csv(result: ReportResult, lang: str) -> str:
    """Header, rows, the totals row; then, after an empty row, the facts as name, value."""
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\r\n")
    w.writerow([c.title(lang) for c in result.columns])
    for row in result.rows:
        w.writerow(_texts(result.columns, result.values(row), lang))
    if result.totals:
        w.writerow(_texts(result.columns, result.totals_values(), lang))
    if result.facts:
        w.writerow([])
        for fact in result.facts:
            w.writerow([fact.title(lang), cell_text(fact.kind, fact.value, lang)])
    return BOM + out.getvalue()


def _texts(columns: tuple[Column, ...], values: list, lang: str) -> list[str]:
    return [cell_text(c.kind, v, lang) for c, v in zip(columns, values)]


def _json_value(kind: str, value):
    if value is None:
        return None
    if kind == INT:
        return value
    if kind == FLAG:
        return bool(value)
    return cell_text(kind, value)


def to_json(result: ReportResult, lang: str) -> str:
    cols = result.columns

    def obj(values: list) -> dict:
        return {c.key: _json_value(c.kind, v) for c, v in zip(cols, values)}

    data = {
        "report": result.name, "title": result.title(lang), "params": result.params,
        "columns": [{"key": c.key, "title": c.title(lang), "kind": c.kind} for c in cols],
        "rows": [obj(result.values(r)) for r in result.rows],
        "totals": obj(result.totals_values()) if result.totals else None,
        "facts": [{"key": f.key, "title": f.title(lang), "kind": f.kind,
                   "value": _json_value(f.kind, f.value)} for f in result.facts],
    }
    return json.dumps(data, ensure_ascii=False, indent=2, default=str)


def width(text: str) -> int:
    """Terminal columns: a CJK character takes two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def to_table(result: ReportResult, lang: str) -> str:
    cols = result.columns
    lines = [[c.title(lang) for c in cols]]
    lines += [_texts(cols, result.values(r), lang) for r in result.rows]
    if result.totals:
        lines.append(_texts(cols, result.totals_values(), lang))
    widths = [max(width(line[i]) for line in lines) for i in range(len(cols))]
    right = [c.kind not in ("text", "date") for c in cols]

    def fmt(line: list[str]) -> str:
        cells = [(" " * (w - width(t)) + t) if r else (t + " " * (w - width(t)))
                 for t, w, r in zip(line, widths, right)]
        return "  ".join(cells).rstrip()

    out = [result.title(lang), *(f"  {k}: {v}" for k, v in result.params.items()), ""]
    out += [fmt(line) for line in lines]
    out += [f"{f.title(lang)}: {cell_text(f.kind, f.value, lang)}" for f in result.facts]
    return "\n".join(out) + "\n"
