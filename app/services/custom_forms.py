"""Custom fields inside the back office's own saves (issue 11 item 1): the product, supplier
and member editors send the values their "Custom fields" page holds with the record, and the
record's service checks and writes them in its own transaction, under its own audit entry.

A form's values are keyed by field key; a refused value becomes a form error keyed
`custom:<key>` (`FormInvalid.fields`) so the editor marks that very field and keeps the text.
"""
from __future__ import annotations

from sqlalchemy.orm import Session

from app.domain.custom_fields import BadCustomValue, parse_value
from app.services.custom_fields import field_defs, fields_by_key, put_value, record_values

PREFIX = "custom:"  # a form error's key for a custom field


def check_form_values(s: Session, entity: str, raw: dict[str, str] | None,
                      record_id: int | None) -> tuple[dict[str, str | None], dict]:
    """(canonical values, errors) for the values a form holds. Only the active fields are
    checked; a required one the form lacks is refused unless the record already has a value
    for it (a field defined while the form was open). `raw` None: the caller has no custom
    page, nothing is checked or written."""
    if raw is None:
        return {}, {}
    defs = field_defs(s, entity)
    stored = record_values(s, entity, [record_id]).get(record_id, {}) if record_id else {}
    parsed: dict[str, str | None] = {}
    errors: dict[str, tuple[str, str]] = {}
    for fd in defs:
        if fd.key not in raw and (not fd.required or fd.key in stored):
            continue
        try:
            parsed[fd.key] = parse_value(fd, raw.get(fd.key))
        except BadCustomValue as exc:
            errors[PREFIX + fd.key] = (exc.message("zh_CN"), exc.message("en"))
    return parsed, errors


def write_form_values(s: Session, entity: str, record_id: int,
                      parsed: dict[str, str | None]) -> tuple[dict, dict]:
    """Write checked values in the caller's transaction; (before, after) of the record's
    values, for the caller's audit entry."""
    before = record_values(s, entity, [record_id]).get(record_id, {})
    if not parsed:
        return before, before
    ids = {key: row_id for key, (row_id, _fd) in fields_by_key(s, entity).items()}
    for key, value in parsed.items():
        put_value(s, ids[key], record_id, value)
    s.flush()
    return before, record_values(s, entity, [record_id]).get(record_id, {})

