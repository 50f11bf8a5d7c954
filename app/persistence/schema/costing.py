"""Final costs from head office (revision 0013): `cost_corrections`, append-only.

Head office's costing authority replays the store's documents in one canonical order and
publishes a correction where a line's final cost differs from the cost this terminal
booked (docs/headoffice.md, "Cost: provisional and final"). The terminal records each one
here, in the downlink transaction, and never touches its ledger, layers or vouchers: its
own books stay provisional and balanced; the final cost is an overlay. A newer correction
of the same line supersedes older ones: the latest row (highest id, feed order) wins.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, DateTime, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from app.persistence.schema.base import Base


def _refuse(op: str) -> str:
    return (f"CREATE TRIGGER cost_corrections_no_{op.lower()} BEFORE {op} ON "
            "cost_corrections BEGIN SELECT RAISE(ABORT, "
            "'cost_corrections rows are append-only'); END")


COST_TRIGGERS = [_refuse("UPDATE"), _refuse("DELETE")]


class CostCorrection(Base):
    __tablename__ = "cost_corrections"
    __table_args__ = (Index("ix_cost_corrections_document_uuid_line_no", "document_uuid",
                            "line_no"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)  # the sequence: latest wins
    document_uuid: Mapped[str] = mapped_column(String(64))
    line_no: Mapped[int] = mapped_column(Integer)
    sku: Mapped[str] = mapped_column(String(64), default="")
    provisional_fen: Mapped[int] = mapped_column(BigInteger)  # as head office received it
    final_fen: Mapped[int] = mapped_column(BigInteger)
    received_at: Mapped[datetime] = mapped_column(DateTime)
