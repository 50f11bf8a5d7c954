"""Approval rules and decisions, editable posting rules, the print queue, sync delivery.

`document_approvals` rows are decisions: append-only (triggers from revision 0005).
`approval_rules` and `posting_rules` are a store's settings: editable, audited by the
service that edits them. `print_jobs` is the persistent receipt queue (pending -> sending ->
printed | failed); `outbox_delivery` keeps the uplink's retry state beside the frozen outbox rows.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import (BigInteger, Boolean, DateTime, ForeignKey, Index, Integer, LargeBinary,
                        String, Text, UniqueConstraint)
from sqlalchemy.orm import Mapped, mapped_column

from app.persistence.schema.base import Base


class ApprovalRuleRow(Base):
    """One rule: a document type, a threshold and its levels (`roles`: 'a,b|c' = level 1
    by a or b, then level 2 by c)."""

    __tablename__ = "approval_rules"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    doc_type: Mapped[str] = mapped_column(String(24), index=True)
    min_total_fen: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    min_line_qty_milli: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    levels: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)


class DocumentApproval(Base):
    __tablename__ = "document_approvals"
    __table_args__ = (UniqueConstraint("document_id", "seq"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"))
    seq: Mapped[int] = mapped_column(Integer)  # 1, 2, ... per document (a round after a
    level: Mapped[int] = mapped_column(Integer)  # rejection starts again at level 1)
    round: Mapped[int] = mapped_column(Integer, default=1)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    role: Mapped[str] = mapped_column(String(32))
    approved: Mapped[bool] = mapped_column(Boolean)
    comment: Mapped[str] = mapped_column(Text, default="")
    at: Mapped[datetime] = mapped_column(DateTime)


class PostingRuleRow(Base):
    """One voucher entry of a document type: debit or credit `account` with `amount`."""

    __tablename__ = "posting_rules"
    __table_args__ = (UniqueConstraint("doc_type", "position"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    doc_type: Mapped[str] = mapped_column(String(24))
    position: Mapped[int] = mapped_column(Integer)
    side: Mapped[str] = mapped_column(String(6))
    account: Mapped[str] = mapped_column(String(16))
    amount: Mapped[str] = mapped_column(String(40))


class PrintJob(Base):
    __tablename__ = "print_jobs"
    __table_args__ = (Index("ix_print_jobs_status", "status", "id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))  # receipt, reprint, shift_report, test
    document_uuid: Mapped[str | None] = mapped_column(String(64), nullable=True, index=True)
    printer: Mapped[str] = mapped_column(String(200))
    payload: Mapped[bytes] = mapped_column(LargeBinary)  # the ESC/POS bytes to send
    open_drawer: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[str] = mapped_column(String(10))  # pending, sending, printed, failed
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    error: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class OutboxDelivery(Base):
    __tablename__ = "outbox_delivery"
    outbox_id: Mapped[int] = mapped_column(ForeignKey("outbox.id"), primary_key=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str] = mapped_column(Text, default="")
    last_attempt_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    failed: Mapped[bool] = mapped_column(Boolean, default=False)  # refused by head office
