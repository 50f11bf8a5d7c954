"""Report-builder definitions for the change feed (kind `report`, docs/reports.md, "Shared
by head office").

`report_records` takes what an administrator gives (one JSON object or a list, as a
store's `jxc report export-definition` writes them) and returns `(key, data)` pairs, or
raises `PublishRefused` naming every problem: a publish is all or nothing. The rules are
the store's own (`app.domain.report_share`, `report_spec.validate`); a store checks again
before it saves one among its definitions.

Payload: {"name", "spec": {"dimensions", "measures", "chart", "filters", "period"},
"title_zh", "title_en", "active": true}, or {"name", "active": false} to withdraw it;
the change's key is the name.
"""
from __future__ import annotations

from app.domain.report_share import SharedDefinition, shared_from_record
from app.domain.report_spec import BadDefinition
from headoffice.feed_records import Problems, Record, _objects


def report_records(items: object) -> list[Record]:
    problems, records, seen = Problems(), [], set()
    items = [items] if isinstance(items, dict) else items
    for n, item in enumerate(_objects(items, problems), 1):
        where = f"#{n} {str(item.get('name') or '')[:60]}".rstrip()
        try:
            shared = shared_from_record(item)
        except BadDefinition as exc:
            problems.add(where, exc.message("zh_CN"), exc.message("en"))
            continue
        if shared.name in seen:
            problems.add(where, "同一报表出现两次", "the report is listed twice")
        seen.add(shared.name)
        records.append((shared.name, shared.record()))
    problems.raise_if_any()
    return records


def withdrawal(name: str) -> Record:
    """The record that removes the head-office definition NAME from the stores."""
    return report_records([SharedDefinition(name, None, active=False).record()])[0]
