"""Custom fields in the supplier and member lists: a "field = value" filter and the listed
records' values, read in one query for the whole list (never a query per row)."""
from __future__ import annotations

from dataclasses import replace

from sqlalchemy import Select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from app.services.custom_fields import filter_clause, record_values


def custom_filtered(s: Session, q: Select, entity: str, id_column: ColumnElement,
                    key: str, value: str) -> Select:
    """`q` kept to the records whose `key` field equals `value` (both given), else as is."""
    if not key or not value.strip():
        return q
    return q.where(filter_clause(s, entity, key, value.strip(), id_column))


def with_custom(s: Session, entity: str, forms: list) -> list:
    """The listed forms, each carrying its record's custom values (`custom`)."""
    found = record_values(s, entity, [f.id for f in forms])
    return [replace(f, custom=found.get(f.id, {})) for f in forms]
