"""Documents, the append-only stock ledger, cost layers, balances, vouchers, audit, outbox.

Written rows of `stock_moves`, `vouchers`, `voucher_lines` and `audit_log` are never
updated or deleted; posted `documents` and their lines are frozen. Triggers (created by
revision 0003, see `IMMUTABLE_TRIGGERS`) refuse it inside SQLite itself. `cost_layers` and
`stock_balances` are projections: caches of the ledger that `jxc verify` can rebuild.
"""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (BigInteger, Boolean, Date, DateTime, ForeignKey, Index, Integer,
                        String, Text, UniqueConstraint, text)
from sqlalchemy.orm import Mapped, mapped_column

from app.persistence.schema.base import Base


class Document(Base):
    __tablename__ = "documents"
    __table_args__ = (Index("ix_documents_type_status_date", "doc_type", "status",
                            "business_date"),
                      Index("ix_documents_original_id", "original_id"))
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[str] = mapped_column(String(64), unique=True)  # client id: idempotency key
    body_hash: Mapped[str] = mapped_column(String(64))  # sha256 of the canonical request
    doc_type: Mapped[str] = mapped_column(String(24))
    status: Mapped[str] = mapped_column(String(12))
    number: Mapped[str | None] = mapped_column(String(40), unique=True, nullable=True)
    store_id: Mapped[int] = mapped_column(ForeignKey("stores.id"))
    warehouse_id: Mapped[int] = mapped_column(ForeignKey("warehouses.id"))
    to_warehouse_id: Mapped[int | None] = mapped_column(ForeignKey("warehouses.id"), nullable=True)
    supplier_id: Mapped[int | None] = mapped_column(ForeignKey("suppliers.id"), nullable=True)
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customers.id"), nullable=True)
    original_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id"), nullable=True)
    total_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    note: Mapped[str] = mapped_column(Text, default="")
    body_json: Mapped[str] = mapped_column(Text, default="")  # the request as submitted
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    terminal_id: Mapped[str] = mapped_column(String(64))
    business_date: Mapped[date] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    posted_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)


class DocumentLine(Base):
    __tablename__ = "document_lines"
    __table_args__ = (UniqueConstraint("document_id", "line_no"),
                      Index("ix_document_lines_product_id", "product_id"),
                      Index("ix_document_lines_original_line_id", "original_line_id"))
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"))
    line_no: Mapped[int] = mapped_column(Integer)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"))
    qty_milli: Mapped[int] = mapped_column(BigInteger)  # as entered; stocktake: counted
    unit_price_fen: Mapped[int] = mapped_column(BigInteger, default=0)  # sale/return price
    unit_cost_fen: Mapped[int] = mapped_column(BigInteger, default=0)  # purchase cost
    discount_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    amount_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    tax_rate_bp: Mapped[int] = mapped_column(Integer, default=0)
    landed_fen: Mapped[int] = mapped_column(BigInteger, default=0)  # freight + packaging share
    cogs_fen: Mapped[int] = mapped_column(BigInteger, default=0)  # cost of goods out
    batch: Mapped[str] = mapped_column(String(40), default="")
    expiry: Mapped[date | None] = mapped_column(Date, nullable=True)
    system_qty_milli: Mapped[int | None] = mapped_column(BigInteger, nullable=True)  # stocktake
    original_line_id: Mapped[int | None] = mapped_column(ForeignKey("document_lines.id"),
                                                          nullable=True)
    reason: Mapped[str] = mapped_column(String(40), default="")
    price_confirmed: Mapped[bool] = mapped_column(Boolean, default=False)
    negative_stock: Mapped[bool] = mapped_column(Boolean, default=False)  # sold beyond stock


class Payment(Base):
    __tablename__ = "document_payments"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"), index=True)
    method: Mapped[str] = mapped_column(String(20))
    amount_fen: Mapped[int] = mapped_column(BigInteger)
    reference: Mapped[str] = mapped_column(String(64), default="")


class StockMove(Base):
    """The ledger: one row per document line and batch; append-only."""

    __tablename__ = "stock_moves"
    __table_args__ = (UniqueConstraint("terminal_id", "terminal_seq"),
                      Index("ix_stock_moves_cover", "product_id", "warehouse_id",
                            "occurred_at", "qty_milli", "value_fen"),
                      Index("ix_stock_moves_receipts", "product_id", "warehouse_id", "id",
                            sqlite_where=text("qty_milli > 0 AND kind = ''")),
                      Index("ix_stock_moves_document_id", "document_id"),
                      Index("ix_stock_moves_layer_id", "layer_id"))
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"))
    line_id: Mapped[int] = mapped_column(ForeignKey("document_lines.id"))
    store_id: Mapped[int] = mapped_column(ForeignKey("stores.id"))
    warehouse_id: Mapped[int] = mapped_column(ForeignKey("warehouses.id"))
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"))
    layer_id: Mapped[int | None] = mapped_column(ForeignKey("cost_layers.id"), nullable=True)
    batch: Mapped[str] = mapped_column(String(40), default="")
    expiry: Mapped[date | None] = mapped_column(Date, nullable=True)
    qty_milli: Mapped[int] = mapped_column(BigInteger)  # signed: + in, - out
    value_fen: Mapped[int] = mapped_column(BigInteger)  # signed, at cost
    kind: Mapped[str] = mapped_column(String(12), default="")  # "" or "true_up" (qty 0)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    terminal_id: Mapped[str] = mapped_column(String(64))
    terminal_seq: Mapped[int] = mapped_column(BigInteger)
    occurred_at: Mapped[datetime] = mapped_column(DateTime)
    recorded_at: Mapped[datetime] = mapped_column(DateTime)


class CostLayer(Base):
    """What is left of one receipt (FIFO/FEFO), or a product's merged layer (average)."""

    __tablename__ = "cost_layers"
    __table_args__ = (Index("ix_cost_layers_open", "warehouse_id", "product_id", "qty_left"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    warehouse_id: Mapped[int] = mapped_column(ForeignKey("warehouses.id"))
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"))
    batch: Mapped[str] = mapped_column(String(40), default="")
    expiry: Mapped[date | None] = mapped_column(Date, nullable=True)
    received_seq: Mapped[int] = mapped_column(BigInteger)
    is_average: Mapped[bool] = mapped_column(Boolean, default=False)
    qty_left: Mapped[int] = mapped_column(BigInteger)
    value_left: Mapped[int] = mapped_column(BigInteger)


class StockBalance(Base):
    __tablename__ = "stock_balances"
    warehouse_id: Mapped[int] = mapped_column(ForeignKey("warehouses.id"), primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"), primary_key=True)
    qty_milli: Mapped[int] = mapped_column(BigInteger, default=0)
    value_fen: Mapped[int] = mapped_column(BigInteger, default=0)


class Voucher(Base):
    __tablename__ = "vouchers"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)


class VoucherLineRow(Base):
    __tablename__ = "voucher_lines"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    voucher_id: Mapped[int] = mapped_column(ForeignKey("vouchers.id"), index=True)
    account: Mapped[str] = mapped_column(String(16))
    debit_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    credit_fen: Mapped[int] = mapped_column(BigInteger, default=0)


class AuditEntry(Base):
    """Who did what, when, where: gap-free per terminal, each entry chained to the last."""

    __tablename__ = "audit_log"
    __table_args__ = (UniqueConstraint("terminal_id", "seq"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    terminal_id: Mapped[str] = mapped_column(String(64))
    seq: Mapped[int] = mapped_column(BigInteger)
    at: Mapped[datetime] = mapped_column(DateTime)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    action: Mapped[str] = mapped_column(String(40))
    target: Mapped[str] = mapped_column(String(80), default="")
    detail: Mapped[str] = mapped_column(Text, default="{}")
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class OutboxEvent(Base):
    """Events waiting for head office; only `sent_at` ever changes (on acknowledgement)."""

    __tablename__ = "outbox"
    __table_args__ = (UniqueConstraint("terminal_id", "terminal_seq"),
                      Index("ix_outbox_unsent", "sent_at", "id"))
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_uuid: Mapped[str] = mapped_column(String(64), unique=True)
    event_type: Mapped[str] = mapped_column(String(40))
    terminal_id: Mapped[str] = mapped_column(String(64))
    terminal_seq: Mapped[int] = mapped_column(BigInteger)
    payload: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    sent_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)


def _refuse(table: str, op: str, when: str, message: str) -> str:
    return (f"CREATE TRIGGER {table}_no_{op.lower()} BEFORE {op} ON {table} "
            f"{when}BEGIN SELECT RAISE(ABORT, '{message}'); END")


_POSTED = "(SELECT status FROM documents WHERE id = OLD.document_id) = 'posted' "
_POSTED_NEW = "(SELECT status FROM documents WHERE id = NEW.document_id) = 'posted' "
IMMUTABLE_TRIGGERS = [
    *[_refuse(t, op, "", f"{t} rows are append-only")
      for t in ("stock_moves", "vouchers", "voucher_lines", "audit_log")
      for op in ("UPDATE", "DELETE")],
    _refuse("documents", "UPDATE", "WHEN OLD.status = 'posted' ", "posted documents never change"),
    _refuse("documents", "DELETE", "WHEN OLD.status = 'posted' ", "posted documents never change"),
    _refuse("document_lines", "UPDATE", "WHEN " + _POSTED, "posted documents never change"),
    _refuse("document_lines", "DELETE", "WHEN " + _POSTED, "posted documents never change"),
    _refuse("document_payments", "UPDATE", "WHEN " + _POSTED, "posted documents never change"),
    _refuse("document_payments", "DELETE", "WHEN " + _POSTED, "posted documents never change"),
    _refuse("document_lines", "INSERT", "WHEN " + _POSTED_NEW, "posted documents never change"),
    _refuse("document_payments", "INSERT", "WHEN " + _POSTED_NEW, "posted documents never change"),
    _refuse("outbox", "UPDATE", "WHEN NEW.payload IS NOT OLD.payload OR NEW.event_uuid IS NOT "
            "OLD.event_uuid OR NEW.terminal_seq IS NOT OLD.terminal_seq ",
            "outbox events never change"),
    _refuse("outbox", "DELETE", "", "outbox events are kept"),
    _refuse("document_approvals", "UPDATE", "", "approval decisions are append-only"),
    _refuse("document_approvals", "DELETE", "", "approval decisions are append-only"),
    _refuse("shifts", "UPDATE", "WHEN OLD.status = 'closed' ", "closed shifts never change"),
    _refuse("shifts", "DELETE", "", "shifts are kept"),
    *[_refuse(t, op, "", f"{t} rows are append-only")
      for t in ("shift_cash_moves", "shift_reports") for op in ("UPDATE", "DELETE")],
    _refuse("document_custom_values", "UPDATE", "WHEN " + _POSTED, "posted documents never change"),
    _refuse("document_custom_values", "DELETE", "WHEN " + _POSTED, "posted documents never change"),
    _refuse("document_custom_values", "INSERT", "WHEN " + _POSTED_NEW,
            "posted documents never change"),
]
