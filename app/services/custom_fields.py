"""Custom fields (issue 11 item 1): define them, fill them in, read them, filter by them.

Definitions and values live in the store (`app/persistence/schema/custom.py`); the rules are
`app/domain/custom_fields.py`. Products, customers and suppliers are named by their code
(SKU for products); documents carry their values in the JSON document's `custom` object and
get them written in the posting transaction (`write_document_values`), frozen with it.
Each change is one transaction with its audit entry (before and after).
"""
from __future__ import annotations

import json
from decimal import Decimal

from sqlalchemy import ColumnElement, exists, select
from sqlalchemy.orm import Session

from app.domain.custom_fields import (ENTITIES, MAX_FIELDS_PER_ENTITY, BadFieldDefinition,
                                      FieldDef, UnknownCustomField, check_definition,
                                      definition_from_record, parse_values)
from app.domain.errors import DomainError
from app.domain.permissions import check
from app.persistence.schema import Customer, Meta, Product, Supplier
from app.persistence.schema.custom import CustomField, CustomValue, DocumentCustomValue
from app.persistence.store import LocalStore
from app.persistence.uow import UnitOfWork
from app.services.records import LOCAL_OPERATOR, Actor, Clock, utc_now, write_audit

# How many document fields are active, kept in jxc_meta beside the settings: posting reads it
# with its settings and touches the custom tables only when documents have fields.
DOCUMENT_FIELDS_KEY = "custom_fields.document_active"
HEAD_OFFICE = "hq"  # the origin of a field head office published (the column holds 8)
RECORDS = {"product": (Product, Product.sku), "customer": (Customer, Customer.code),
           "supplier": (Supplier, Supplier.code)}


class NoSuchRecord(DomainError):
    code = "custom_no_such_record"
    zh = "找不到{entity}“{ref}”。"
    en = "There is no {entity} '{ref}'."


def define(store: LocalStore, actor: Actor, fd: FieldDef, *, origin: str = "local",
           clock: Clock = utc_now) -> FieldDef:
    """Add a field, or change one (labels, rules, required, order). Its kind may change only
    while no value uses it."""
    check(actor.role, "custom_fields.define")
    check_definition(fd)
    with UnitOfWork(store.engine) as uow:
        s = uow.session
        before, after = _define(s, fd, origin, clock())
        write_audit(s, store, actor, clock(), "custom_field.define", f"{fd.entity}.{fd.key}",
                    {"before": _jsonable(before), "after": _jsonable(after.__dict__)})
        uow.commit()
        return after


def define_published(s: Session, data: dict, now) -> FieldDef:
    """A definition head office published (`definition_record`), applied in the downlink's
    transaction through the same checks and writes as `define`, origin "hq"; the feed's
    audit entry (by head office) names it. Raises the `DomainError` that sets it aside."""
    fd = definition_from_record(data)
    return _define(s, fd, HEAD_OFFICE, now)[1]


def _define(s: Session, fd: FieldDef, origin: str, now) -> tuple[dict | None, FieldDef]:
    """(before, after) of adding or changing a field; refuses before writing anything."""
    check_definition(fd)
    row = s.scalars(select(CustomField).where(CustomField.entity == fd.entity,
                                              CustomField.key == fd.key)).one_or_none()
    before = _def(row).__dict__ if row is not None else None
    if row is None:
        _room_for_one_more(s, fd.entity, fd.key)
        row = CustomField(entity=fd.entity, key=fd.key)
        s.add(row)
    elif row.kind != fd.kind and _in_use(s, row):
        raise BadFieldDefinition(key=fd.key, why_zh="已有数据使用此字段，不能改变类型。",
                                 why_en="values use this field, so its kind cannot change.")
    _fill(row, fd, origin, now)
    s.flush()
    _count_document_fields(s, fd.entity)
    return before, _def(row)


def set_active(store: LocalStore, actor: Actor, entity: str, key: str, active: bool, *,
               clock: Clock = utc_now) -> None:
    """Hide a field from forms and lists (its values are kept) or show it again."""
    check(actor.role, "custom_fields.set_active")
    with UnitOfWork(store.engine) as uow:
        s = uow.session
        row = _field_row(s, entity, key)
        if row.active != active:
            row.active, row.updated_at = active, clock()
            s.flush()
            _count_document_fields(s, entity)
            write_audit(s, store, actor, clock(), "custom_field.active", f"{entity}.{key}",
                        {"before": {"active": not active}, "after": {"active": active}})
        uow.commit()


def definitions(store: LocalStore, entity: str, *, actor: Actor = LOCAL_OPERATOR,
                include_inactive: bool = False) -> list[FieldDef]:
    check(actor.role, "custom_fields.definitions")
    with UnitOfWork(store.engine, write=False) as uow:
        return field_defs(uow.session, entity, include_inactive=include_inactive)


def field_defs(s: Session, entity: str, *, include_inactive: bool = False) -> list[FieldDef]:
    """The definitions of `entity`, in form order (for services that hold a session)."""
    if entity not in ENTITIES:
        raise UnknownCustomField(key="-", entity=entity)
    query = select(CustomField).where(CustomField.entity == entity)
    if not include_inactive:
        query = query.where(CustomField.active.is_(True))
    rows = s.scalars(query.order_by(CustomField.position, CustomField.id)).all()
    return [_def(r) for r in rows]


def fields_by_key(s: Session, entity: str) -> dict[str, tuple[int, FieldDef]]:
    """{key: (row id, definition)} of every field of `entity`, hidden ones too, in form
    order (the report builder binds the ids of the ones a report groups by)."""
    rows = s.scalars(select(CustomField).where(CustomField.entity == entity)
                     .order_by(CustomField.position, CustomField.id)).all()
    return {r.key: (r.id, _def(r)) for r in rows}


def set_values(store: LocalStore, actor: Actor, entity: str, ref: str, values: dict, *,
               clock: Clock = utc_now) -> dict[str, str]:
    """Fill in some fields of one product (by SKU), customer or supplier (by code); an empty
    value clears a field that is not required. Returns all its values afterwards."""
    check(actor.role, "custom_fields.set_values")
    with UnitOfWork(store.engine) as uow:
        s = uow.session
        record_id = _record_id(s, entity, ref)
        rows = s.scalars(select(CustomField).where(CustomField.entity == entity,
                                                   CustomField.active.is_(True))).all()
        parsed = parse_values([_def(r) for r in rows], values, partial=True)
        ids = {r.key: r.id for r in rows}
        before = record_values(s, entity, [record_id]).get(record_id, {})
        for key, value in parsed.items():
            put_value(s, ids[key], record_id, value)
        s.flush()
        after = record_values(s, entity, [record_id]).get(record_id, {})
        if after != before:
            write_audit(s, store, actor, clock(), "custom_values.set", f"{entity}:{ref}",
                        {"before": before, "after": after})
        uow.commit()
        return after


def values(store: LocalStore, entity: str, refs: list[str], *,
           actor: Actor = LOCAL_OPERATOR) -> dict[str, dict[str, str]]:
    """The custom values of some records, by their code (SKU)."""
    check(actor.role, "custom_fields.values")
    model, code = RECORDS[_entity(entity)]
    with UnitOfWork(store.engine, write=False) as uow:
        s = uow.session
        ids = dict(s.execute(select(model.id, code).where(code.in_(refs))).all())
        found = record_values(s, entity, list(ids))
        return {ids[i]: found.get(i, {}) for i in ids}


def record_values(s: Session, entity: str, record_ids: list[int]) -> dict[int, dict[str, str]]:
    """{record id: {key: value}} for list columns and exports (one query)."""
    out: dict[int, dict[str, str]] = {}
    if not record_ids:
        return out
    rows = s.execute(select(CustomValue.record_id, CustomField.key, CustomValue.value)
                     .join(CustomField, CustomField.id == CustomValue.field_id)
                     .where(CustomField.entity == entity,
                            CustomValue.record_id.in_(record_ids))).all()
    for record_id, key, value in rows:
        out.setdefault(record_id, {})[key] = value
    return out


def filter_clause(s: Session, entity: str, key: str, value: str,
                  id_column: ColumnElement) -> ColumnElement:
    """A WHERE condition for list queries: the record's `key` field equals `value`
    (checked and made canonical first, so "是" finds "1")."""
    field_id, canonical = filter_value(s, entity, key, value)
    return exists().where(CustomValue.field_id == field_id, CustomValue.record_id == id_column,
                          CustomValue.value == canonical)


def filter_value(s: Session, entity: str, key: str, value: str) -> tuple[int, str]:
    """(field id, canonical value) of a list filter, for lists written in SQL text."""
    row = _field_row(s, entity, key)
    return row.id, parse_values([_def(row)], {key: value}, partial=True)[key] or ""


# Where a person fills in document fields (the purchasing screens): a required field is
# asked for there. A document that arrives without any value from elsewhere (a sale at the
# counter, a stock-room document, a peer's copy) is never refused for lacking one: a field
# defined in the back office must not stop the till.
ASKED_TYPES = frozenset({"purchase_order", "purchase_receipt", "purchase_return"})


def write_document_values(s: Session, document_id: int, raw: dict,
                          doc_type: str = "") -> dict[str, str]:
    """Check a document's `custom` values against the document fields and write them (in the
    caller's posting transaction). Refuses unknown fields, and missing required ones when
    the document brings values or is of a type whose screen asks for them."""
    rows = s.scalars(select(CustomField).where(CustomField.entity == "document",
                                               CustomField.active.is_(True))).all()
    if not raw and (not rows or doc_type not in ASKED_TYPES):
        return {}
    parsed = {k: v for k, v in parse_values([_def(r) for r in rows], raw).items()
              if v is not None}
    ids = {r.key: r.id for r in rows}
    s.add_all(DocumentCustomValue(document_id=document_id, field_id=ids[k], value=v)
              for k, v in parsed.items())
    return parsed


def document_values(s: Session, document_id: int) -> dict[str, str]:
    rows = s.execute(select(CustomField.key, DocumentCustomValue.value)
                     .join(CustomField, CustomField.id == DocumentCustomValue.field_id)
                     .where(DocumentCustomValue.document_id == document_id)).all()
    return dict(rows)


def labelled_document_values(s: Session, values: dict) -> list[dict]:
    """A document's values with their fields' labels and kinds, in form order (a field
    hidden since is still named), for showing the document."""
    defs = field_defs(s, "document", include_inactive=True)
    known = [d for d in defs if values.get(d.key) not in (None, "")]
    shown = [{"key": d.key, "label_zh": d.label_zh, "label_en": d.label_en, "kind": d.kind,
              "value": str(values[d.key])} for d in known]
    return shown + [{"key": k, "label_zh": k, "label_en": k, "kind": "text", "value": str(v)}
                    for k, v in values.items() if v not in (None, "") and
                    k not in {d.key for d in defs}]


# -- inside ---------------------------------------------------------------------------------
def _count_document_fields(s: Session, entity: str) -> None:
    if entity != "document":
        return
    active = len(s.scalars(select(CustomField.id).where(CustomField.entity == "document",
                                                        CustomField.active.is_(True))).all())
    row = s.get(Meta, DOCUMENT_FIELDS_KEY)
    if row is None:
        s.add(Meta(key=DOCUMENT_FIELDS_KEY, value=str(active)))
    else:
        row.value = str(active)


def _entity(entity: str) -> str:
    if entity not in RECORDS:
        raise UnknownCustomField(key="-", entity=entity)
    return entity


def _record_id(s: Session, entity: str, ref: str) -> int:
    model, code = RECORDS[_entity(entity)]
    found = s.scalar(select(model.id).where(code == (ref or "").strip()))
    if found is None:
        raise NoSuchRecord(entity=entity, ref=str(ref)[:40])
    return found


def _field_row(s: Session, entity: str, key: str) -> CustomField:
    row = s.scalars(select(CustomField).where(CustomField.entity == entity,
                                              CustomField.key == key)).one_or_none()
    if row is None:
        raise UnknownCustomField(key=str(key)[:40], entity=entity)
    return row


def _room_for_one_more(s: Session, entity: str, key: str) -> None:
    count = len(s.scalars(select(CustomField.id).where(CustomField.entity == entity)).all())
    if count >= MAX_FIELDS_PER_ENTITY:
        raise BadFieldDefinition(key=key, why_zh=f"每类最多 {MAX_FIELDS_PER_ENTITY} 个自定义字段。",
                                 why_en=f"at most {MAX_FIELDS_PER_ENTITY} custom fields per kind.")


def _in_use(s: Session, row: CustomField) -> bool:
    model = DocumentCustomValue if row.entity == "document" else CustomValue
    return s.scalar(select(model.id).where(model.field_id == row.id).limit(1)) is not None


def put_value(s: Session, field_id: int, record_id: int, value: str | None) -> None:
    row = s.scalars(select(CustomValue).where(CustomValue.field_id == field_id,
                                              CustomValue.record_id == record_id)).one_or_none()
    if value is None:
        if row is not None:
            s.delete(row)
    elif row is None:
        s.add(CustomValue(field_id=field_id, record_id=record_id, value=value))
    else:
        row.value = value


def _fill(row: CustomField, fd: FieldDef, origin: str, now) -> None:
    rules = {"choices": list(fd.choices), "max_length": fd.max_length,
             "minimum": None if fd.minimum is None else str(fd.minimum),
             "maximum": None if fd.maximum is None else str(fd.maximum)}
    row.label_zh, row.label_en, row.kind, row.required = (fd.label_zh, fd.label_en, fd.kind,
                                                          fd.required)
    row.rules_json = json.dumps(rules, ensure_ascii=False, sort_keys=True)
    row.position, row.active, row.origin, row.updated_at = fd.position, fd.active, origin, now


def _def(row: CustomField) -> FieldDef:
    rules = json.loads(row.rules_json or "{}")
    number = lambda v: None if v is None else Decimal(v)  # noqa: E731
    return FieldDef(entity=row.entity, key=row.key, label_zh=row.label_zh,
                    label_en=row.label_en, kind=row.kind, required=row.required,
                    choices=tuple(rules.get("choices", ())),
                    minimum=number(rules.get("minimum")), maximum=number(rules.get("maximum")),
                    max_length=rules.get("max_length", 200), active=row.active,
                    position=row.position, extra={"origin": row.origin or "local"})


def _jsonable(d: dict | None) -> dict | None:
    if d is None:
        return None
    return {k: (str(v) if isinstance(v, Decimal) else list(v) if isinstance(v, tuple) else v)
            for k, v in d.items() if k != "extra"}
