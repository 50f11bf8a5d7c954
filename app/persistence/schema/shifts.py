"""Cashier shifts: a float at open, cash in and out, a count at close, X and Z reports.

A shift belongs to one terminal; its sales are the documents that terminal posted between
`opened_at` and `closed_at`. Closing writes the counted cash per denomination, the expected
amount per tender and the over/short, and freezes the row (triggers from revision 0008
refuse changes to a closed shift and any change to `shift_cash_moves` or `shift_reports`).
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.persistence.schema.base import Base


class Shift(Base):
    __tablename__ = "shifts"
    __table_args__ = (UniqueConstraint("terminal_id", "seq"),
                      Index("ix_shifts_terminal_status", "terminal_id", "status"))
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[str] = mapped_column(String(64), unique=True)
    terminal_id: Mapped[str] = mapped_column(String(64))
    seq: Mapped[int] = mapped_column(Integer)  # 1, 2, ... per terminal: the Z number
    store_id: Mapped[int] = mapped_column(ForeignKey("stores.id"))
    status: Mapped[str] = mapped_column(String(8))  # open, closed
    opened_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    opened_at: Mapped[datetime] = mapped_column(DateTime)
    float_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    closed_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    counted_json: Mapped[str] = mapped_column(Text, default="")  # {"100.00": 3, "0.50": 2}
    counted_fen: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    expected_json: Mapped[str] = mapped_column(Text, default="")  # per tender, fen
    over_short_fen: Mapped[int | None] = mapped_column(BigInteger, nullable=True)


class ShiftCashMove(Base):
    """Cash put into or taken out of the drawer during a shift (not a sale): append-only."""

    __tablename__ = "shift_cash_moves"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    shift_id: Mapped[int] = mapped_column(ForeignKey("shifts.id"), index=True)
    kind: Mapped[str] = mapped_column(String(4))  # in, out
    amount_fen: Mapped[int] = mapped_column(BigInteger)
    reason: Mapped[str] = mapped_column(String(200))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    at: Mapped[datetime] = mapped_column(DateTime)


class ShiftReport(Base):
    """An X (mid-shift) or Z (closing) report as printed: append-only."""

    __tablename__ = "shift_reports"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    shift_id: Mapped[int] = mapped_column(ForeignKey("shifts.id"), index=True)
    kind: Mapped[str] = mapped_column(String(1))  # X, Z
    body_json: Mapped[str] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)  # the report as laid out for the receipt printer
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    at: Mapped[datetime] = mapped_column(DateTime)
