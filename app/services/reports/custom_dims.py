"""Custom fields as report-builder dimensions: `custom:<entity>:<key>`.

A sale line is grouped by its product's value (`product`), its product's supplier's
(`supplier`), its document's customer's (`customer`: for a return, the original sale's
customer, as the customer dimension does) or its own document's (`document`: a return by
the return's own values). Only the name's shape is checked without the store
(`app.domain.report_spec.well_formed`); `resolve` looks the field up among the store's
definitions and refuses a field that does not exist or is hidden, and `join` binds the
field's row id as a parameter:
nothing the user types becomes SQL text. A line whose record has no value groups under
`NONE_LABEL["custom"]`; a yes/no field shows 是/否.
"""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import and_
from sqlalchemy.orm import Session, aliased

from app.domain.custom_fields import FieldDef
from app.domain.errors import DomainError
from app.domain.report_spec import CUSTOM_NAME as _NAME
from app.domain.report_spec import CUSTOM_PREFIX as PREFIX
from app.domain.report_spec import is_custom
from app.persistence.schema import Document, Product
from app.persistence.schema.custom import CustomValue, DocumentCustomValue
from app.services import custom_fields
from app.services.reports import sales_core

ENTITIES = {"product": ("商品", "product"), "customer": ("客户", "customer"),
            "supplier": ("供应商", "supplier"), "document": ("单据", "document")}
BOOL_LABELS = {"1": "是 (yes)", "0": "否 (no)"}


class CustomDimensionUnavailable(DomainError):
    code = "report_builder_custom_dimension"
    zh = ("报表按自定义字段“{name}”分组，但本店{why_zh}。请从报表中去掉这个维度，"
          "或请管理员定义或重新启用该字段。")
    en = ("The report groups by the custom field '{name}', but {why_en} at this store. "
          "Remove that dimension from the report, or ask an administrator to define the "
          "field or show it again.")


@dataclass(frozen=True)
class CustomDim:
    name: str
    field_id: int
    fd: FieldDef


def name_of(fd: FieldDef) -> str:
    return f"{PREFIX}{fd.entity}:{fd.key}"


def titles(fd: FieldDef) -> tuple[str, str]:
    """(Chinese, English) of the dimension: the field's labels and what it belongs to."""
    zh, en = ENTITIES[fd.entity]
    return f"{fd.label_zh}（{zh}）", f"{fd.label_en} ({en})"


def choices(s: Session) -> dict[str, tuple[str, str]]:
    """The dimensions the store's active custom fields offer, with their titles."""
    return {name_of(fd): titles(fd) for entity in ENTITIES
            for _, fd in custom_fields.fields_by_key(s, entity).values() if fd.active}


def resolve(s: Session, names) -> dict[str, CustomDim]:
    """The custom dimensions among `names`, each looked up among the store's fields."""
    found = {}
    for name in filter(is_custom, names):
        entity, key = _NAME.fullmatch(name).groups()
        row = custom_fields.fields_by_key(s, entity).get(key)
        if row is None:
            raise CustomDimensionUnavailable(name=name, why_zh="没有这个字段",
                                             why_en="there is no such field")
        if not row[1].active:
            raise CustomDimensionUnavailable(name=name, why_zh="该字段已停用",
                                             why_en="the field is hidden (deactivated)")
        found[name] = CustomDim(name, *row)
    return found


def join(q, dim: CustomDim, index: int):
    """The query outer-joined to the dimension's values, and the label expression."""
    entity = dim.fd.entity
    if entity == "document":
        value = aliased(DocumentCustomValue, name=f"custom_value_{index}")
        on = and_(value.document_id == Document.id, value.field_id == dim.field_id)
    else:
        value = aliased(CustomValue, name=f"custom_value_{index}")
        owner = {"product": Product.id, "supplier": Product.supplier_id,
                 "customer": sales_core.CUSTOMER}[entity]
        on = and_(value.record_id == owner, value.field_id == dim.field_id)
    return q.outerjoin(value, on), value.value


def shown(dim: CustomDim, text: str) -> str:
    """A row's label: 是/否 for a yes/no field, else the value as kept."""
    return BOOL_LABELS.get(text, text) if dim.fd.kind == "bool" else text
