"""Members' accounts: stored value (储值) and points, as an append-only list of moves.

Each row is one change of one member's account, with the balances after it, so the
current balance is the newest row of the member (one index seek) and `jxc verify`-style
checks can add the deltas up. A member's points balance starts from `customers.points`
(imported or created with the member); stored value starts at zero. Rows are written in
the transaction of what caused them: the sale or return posting (`document_id`), or a
top-up at the till. Triggers from revision 0010 refuse any UPDATE or DELETE.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, DateTime, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from app.persistence.schema.base import Base

MOVE_KINDS = ("top_up", "pay", "refund", "redeem", "redeem_back", "earn", "earn_back")


def _refuse(op: str) -> str:
    return (f"CREATE TRIGGER member_account_moves_no_{op.lower()} BEFORE {op} ON "
            "member_account_moves BEGIN SELECT RAISE(ABORT, "
            "'member_account_moves rows are append-only'); END")


MEMBER_TRIGGERS = [_refuse("UPDATE"), _refuse("DELETE")]


class MemberAccountMove(Base):
    __tablename__ = "member_account_moves"
    __table_args__ = (Index("ix_member_account_moves_customer_id_id", "customer_id", "id"),
                      Index("ix_member_account_moves_document_id", "document_id"))
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[str] = mapped_column(String(64), unique=True)  # idempotency of a top-up
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
    kind: Mapped[str] = mapped_column(String(12))  # see MOVE_KINDS
    value_fen: Mapped[int] = mapped_column(BigInteger, default=0)  # + in, - out
    points: Mapped[int] = mapped_column(BigInteger, default=0)  # + in, - out
    value_after_fen: Mapped[int] = mapped_column(BigInteger)
    points_after: Mapped[int] = mapped_column(BigInteger)
    document_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id"), nullable=True)
    reference: Mapped[str] = mapped_column(String(64), default="")
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    terminal_id: Mapped[str] = mapped_column(String(64), default="")
    at: Mapped[datetime] = mapped_column(DateTime)
