"""A shift's figures: what its terminal took and refunded per tender, the cash moved in and
out, and the cash the drawer should hold; the count of notes and coins at close.

A shift's sales are the `sale` and `customer_return` documents its terminal posted between
`opened_at` and the close (`documents.terminal_id`, `posted_at`); their payments are in
`document_payments`, cash net of the negative `change` rows. Expected per tender:

    cash   = float + cash taken - cash refunded + cash in - cash out
    others = taken - refunded (bank card, WeChat Pay, Alipay...)

The documents are found on the `(doc_type, status, business_date)` index from the day
before the shift opened, then by terminal and posting time, so closing never scans years
of history. Functions here take an open session: they run inside the
caller's transaction (the close reads and writes in one).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import func, select

from app.domain.money import format_money
from app.persistence.schema import Document, Payment, Shift, ShiftCashMove
from app.services.counter.errors import BadCount, NoOpenShift
from app.services.records import local_date

# Notes and coins a Chinese till counts, in fen: 100, 50, 20, 10, 5, 1 yuan; 5, 1 jiao.
DENOMINATIONS = (100_00, 50_00, 20_00, 10_00, 5_00, 1_00, 50, 10)
TENDERS = ("cash", "card", "wechat", "alipay")  # always listed, in this order
MAX_PIECES = 100_000


@dataclass(frozen=True)
class ShiftTotals:
    float_fen: int
    sales_count: int = 0
    sales_fen: int = 0
    returns_count: int = 0
    returns_fen: int = 0
    taken: dict[str, int] = field(default_factory=dict)  # per tender, cash net of change
    refunded: dict[str, int] = field(default_factory=dict)
    cash_in_fen: int = 0
    cash_out_fen: int = 0

    @property
    def net_fen(self) -> int:
        return self.sales_fen - self.returns_fen

    @property
    def expected(self) -> dict[str, int]:
        """Per tender, what the shift should have: cash in the drawer, others on their
        statements. The four usual tenders always appear, others only when used."""
        methods = list(TENDERS) + sorted((set(self.taken) | set(self.refunded)) - set(TENDERS))
        out = {m: self.taken.get(m, 0) - self.refunded.get(m, 0) for m in methods}
        out["cash"] += self.float_fen + self.cash_in_fen - self.cash_out_fen
        return out

    @property
    def expected_cash_fen(self) -> int:
        return self.expected["cash"]


def open_shift_row(session, terminal_id: str) -> Shift | None:
    """The terminal's open shift (at most one), through a session."""
    return session.scalars(select(Shift).where(Shift.terminal_id == terminal_id,
                                               Shift.status == "open")).first()


def require_open_shift(session, terminal_id: str) -> Shift:
    shift = open_shift_row(session, terminal_id)
    if shift is None:
        raise NoOpenShift()
    return shift


def gather(session, shift: Shift, until: datetime) -> ShiftTotals:
    """The shift's figures from its opening up to `until` (naive UTC)."""
    docs = _shift_documents(shift, until)
    counts = {kind: (n, total) for kind, n, total in session.execute(
        select(Document.doc_type, func.count(), func.coalesce(func.sum(Document.total_fen), 0))
        .where(*docs).group_by(Document.doc_type))}
    taken: dict[str, int] = {}
    refunded: dict[str, int] = {}
    for kind, method, amount in session.execute(
            select(Document.doc_type, Payment.method, func.sum(Payment.amount_fen))
            .join(Payment, Payment.document_id == Document.id).where(*docs)
            .group_by(Document.doc_type, Payment.method)):
        target = taken if kind == "sale" else refunded
        method = "cash" if method == "change" else method
        target[method] = target.get(method, 0) + int(amount)
    moves = dict(session.execute(select(ShiftCashMove.kind, func.sum(ShiftCashMove.amount_fen))
                              .where(ShiftCashMove.shift_id == shift.id)
                              .group_by(ShiftCashMove.kind)).all())
    sales, returns = counts.get("sale", (0, 0)), counts.get("customer_return", (0, 0))
    return ShiftTotals(shift.float_fen, sales[0], int(sales[1]), returns[0], int(returns[1]),
                       taken, refunded, int(moves.get("in") or 0), int(moves.get("out") or 0))


def _shift_documents(shift: Shift, until: datetime) -> list:
    since_day = local_date(shift.opened_at) - timedelta(days=1)
    return [Document.doc_type.in_(("sale", "customer_return")), Document.status == "posted",
            Document.business_date >= since_day, Document.terminal_id == shift.terminal_id,
            Document.posted_at >= shift.opened_at, Document.posted_at <= until]


def cash_moves(session, shift: Shift) -> list[dict]:
    """Each cash in/out of the shift, oldest first (for the reports)."""
    rows = session.execute(select(ShiftCashMove.kind, ShiftCashMove.amount_fen,
                               ShiftCashMove.reason, ShiftCashMove.at)
                        .where(ShiftCashMove.shift_id == shift.id).order_by(ShiftCashMove.id))
    return [{"kind": k, "amount_fen": a, "reason": r, "at": at.isoformat()} for k, a, r, at in rows]


# -- the count ----------------------------------------------------------------------------
def check_counts(counts: dict[int, int]) -> dict[int, int]:
    """Pieces per denomination (fen -> pieces), every denomination present, in order."""
    unknown = sorted(set(counts) - set(DENOMINATIONS))
    if unknown:
        names = "、".join(denomination_name(d) for d in unknown)
        raise BadCount(what_zh=f"没有 {names} 这种面额。", what_en=f"there is no {names} note or coin.")
    out = {}
    for d in DENOMINATIONS:
        pieces = counts.get(d, 0)
        if not isinstance(pieces, int) or isinstance(pieces, bool) or not 0 <= pieces <= MAX_PIECES:
            raise BadCount(what_zh=f"{denomination_name(d)}的张数应为 0 到 {MAX_PIECES} 的整数。",
                           what_en=f"the pieces of {denomination_name(d)} must be a whole "
                                   f"number from 0 to {MAX_PIECES}.")
        out[d] = pieces
    return out


def counted_fen(counts: dict[int, int]) -> int:
    return sum(d * n for d, n in counts.items())


def counts_json(counts: dict[int, int]) -> dict[str, int]:
    """{"100.00": 3, "0.50": 2}: the non-zero counts, keyed by the denomination in yuan."""
    return {format_money(d): n for d, n in counts.items() if n}


def denomination_name(fen: int) -> str:
    """100元, 5角 (as printed on the report and shown on the count grid)."""
    return f"{fen // 100}元" if fen >= 100 else f"{fen // 10}角"
