"""Custom fields: definitions, and values beside products, members, suppliers and documents.

Values are canonical text (`app/domain/custom_fields.py`), one row per record and field, so
a new field is a new definition row: no schema change, no restart. A document's values are
written when it is saved or posted and freeze with it (triggers from revision 0009).
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.persistence.schema.base import Base


class CustomField(Base):
    __tablename__ = "custom_fields"
    __table_args__ = (UniqueConstraint("entity", "key"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    entity: Mapped[str] = mapped_column(String(16))  # product, customer, supplier, document
    key: Mapped[str] = mapped_column(String(32))
    label_zh: Mapped[str] = mapped_column(String(40))
    label_en: Mapped[str] = mapped_column(String(40))
    kind: Mapped[str] = mapped_column(String(8))
    required: Mapped[bool] = mapped_column(Boolean, default=False)
    rules_json: Mapped[str] = mapped_column(Text, default="{}")  # choices, min, max, length
    position: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    origin: Mapped[str] = mapped_column(String(8), default="local")  # local or hq
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class CustomValue(Base):
    """The value of one field on one product, customer or supplier."""
    __tablename__ = "custom_values"
    __table_args__ = (UniqueConstraint("field_id", "record_id"),
                      Index("ix_custom_values_field_id_value", "field_id", "value"))
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    field_id: Mapped[int] = mapped_column(ForeignKey("custom_fields.id"))
    record_id: Mapped[int] = mapped_column(Integer)
    value: Mapped[str] = mapped_column(String(200))


class DocumentCustomValue(Base):
    """The value of one field on one document; frozen once the document is posted."""
    __tablename__ = "document_custom_values"
    __table_args__ = (UniqueConstraint("document_id", "field_id"),
                      Index("ix_document_custom_values_field_id_value", "field_id", "value"))
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"))
    field_id: Mapped[int] = mapped_column(ForeignKey("custom_fields.id"))
    value: Mapped[str] = mapped_column(String(200))
