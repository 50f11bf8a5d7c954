"""Custom field definitions for the change feed (kind `field`, docs/custom-fields.md).

`field_records` takes what an administrator gives (JSON objects named like the payload, or
one definition the CLI built from its options) and returns `(key, data)` pairs, or raises
`PublishRefused` naming every problem: a publish is all or nothing. The rules are the
store's own (`app.domain.custom_fields`); a store checks again and sets aside what it
cannot take (fifty fields of that kind already, a kind change while values use the field).

Payload: {"entity", "key", "label_zh", "label_en", "kind", "required", "choices": [...],
"minimum", "maximum" (decimal text or null), "max_length", "position", "active"}; the
change's key is "entity.key".
"""
from __future__ import annotations

from app.domain.custom_fields import (MAX_FIELDS_PER_ENTITY, BadFieldDefinition, FieldDef,
                                      definition_from_record, definition_record)
from headoffice.feed_records import Problems, Record, _objects

# What an administrator may call the payload's fields in a JSON file (as `jxc field add`).
ALIASES = {"zh": "label_zh", "en": "label_en", "label": "label_zh", "type": "kind",
           "min": "minimum", "max": "maximum"}
FIELDS = ("entity", "key", "label_zh", "label_en", "kind", "required", "choices", "minimum",
          "maximum", "max_length", "position", "active")


def field_records(items: object) -> list[Record]:
    problems, records, seen = Problems(), [], set()
    per_entity: dict[str, int] = {}
    for n, item in enumerate(_objects(items, problems), 1):
        data = {ALIASES.get(k, k): v for k, v in item.items()}
        unknown = sorted(str(k)[:20] for k in data if k not in FIELDS)
        if unknown:
            problems.add(f"#{n}", f"不认识的项 {', '.join(unknown)}（可用：{', '.join(FIELDS)}）",
                         f"unknown item {', '.join(unknown)} (known: {', '.join(FIELDS)})")
            continue
        if isinstance(data.get("choices"), str):  # "国产,进口" as on the command line
            data["choices"] = [c for c in data["choices"].replace("，", ",").split(",") if c.strip()]
        try:
            fd = definition_from_record(data)
        except BadFieldDefinition as exc:
            problems.add(f"#{n}", exc.message("zh_CN"), exc.message("en"))
            continue
        name = f"{fd.entity}.{fd.key}"
        if name in seen:
            problems.add(f"#{n} {name}", "同一字段出现两次", "the field is listed twice")
        seen.add(name)
        per_entity[fd.entity] = per_entity.get(fd.entity, 0) + 1
        records.append((name, definition_record(fd)))
    for entity, count in per_entity.items():
        if count > MAX_FIELDS_PER_ENTITY:
            problems.add(entity, f"每类最多 {MAX_FIELDS_PER_ENTITY} 个自定义字段",
                         f"at most {MAX_FIELDS_PER_ENTITY} custom fields per kind")
    problems.raise_if_any()
    return records


def field_record(fd: FieldDef) -> Record:
    """One definition (the CLI's options), checked as `field_records` checks a file."""
    return field_records([definition_record(fd)])[0]
